"""The 会议记录 form of one meeting (三会一课, 组织生活会, 民主评议党员), in the house style of the
theme-day form (djrh.paper.style):

    会议类型 │ type (· party group) │ 同时计为 │ other types
    时间     │ date, weekday, time
    地点     │ place
    主持人   │ host                 │ 记录人   │ recorder
    授课人   │ lecturer                                    (党课)
    应到人数 │ expected             │ 实到人数 │ present
    缺席人员及原因 │ names and reasons
    议题 / 党课题目 │ topic
    会议内容 │ content
    会议决议 │ decisions
    评议结果 │ grades                                      (民主评议党员)

then the 整改措施 of a 组织生活会 (支部工作条例 第十七条: 会后制定整改措施，逐一整改落实), the tasks,
the signatures of the host and the recorder, and for a Markdown record the minutes on a page of
their own.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from djrh.i18n import t
from djrh.paper import style
from djrh.render import themeday

COLUMNS = [34, 44, 34, 44]  # mm, 156 in all
# Minimum heights (mm) of the rows to be written in, when blank: room to fill the form by hand.
BLANK_MM = {"content": 60, "decisions": 30, "review": 12, "absent": 10, "topic": 12}
KEEP_WHOLE_CHARS = 600  # about 23 lines of a value cell: well under a page
ALL_TYPES = "*"  # the type of the template (docs/make_templates.py): every row and part any type has


def document(ctx: dict, trace_text: str, lang: str):
    doc = style.new_document(ctx["title"], ctx["id"], lang)
    style.footers(doc.sections[0], trace_text, lang)
    add_form(doc, ctx, lang)
    return doc


def add_form(doc, ctx: dict, lang: str) -> None:
    """The form and what follows it, at the end of `doc`."""
    style.title(doc, ctx["title"])
    style.paragraph(doc, t("render.td.branch_line", lang=lang, name=ctx["branch"]["name"]),
                    align=WD_ALIGN_PARAGRAPH.LEFT, after=4, keep_with_next=True)
    form_table(doc, ctx, lang)
    numbers = iter(t("render.numerals", lang=lang).split(","))

    def heading(key: str) -> None:
        style.heading(doc, t("render.heading", lang=lang, number=next(numbers), text=t(key, lang=lang)))

    if ctx["type"] in ("life_meeting", ALL_TYPES):
        heading("render.meeting.rectification")
        task_table(doc, ctx["rectification"], lang)
    if ctx["tasks"]:
        heading("render.td.tasks")
        task_table(doc, ctx["tasks"], lang)
    style.paragraph(doc, t("render.meeting.signatures", lang=lang), size=style.SIZE_TABLE, line=style.LINE_TABLE,
                    align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
    if ctx["minutes_markdown"]:
        themeday.add_minutes(doc, ctx["minutes_markdown"], lang, ctx["attendance"])


def rows_of(ctx: dict, lang: str) -> list[tuple]:
    """(key, label, value, label2, value2) of each row; label2 None: the value spans the row."""
    kind = ctx["type_label"] + (f"·{ctx['group']}" if ctx["group"] else "")
    attendance = ctx["attendance"]
    absent = t("render.list_joiner", lang=lang).join(
        t("render.td.absent_reason", lang=lang, name=a["name"], reason=a["reason"]) if a["reason"] else a["name"]
        for a in attendance["absent"]
    )
    label = lambda key: t(f"render.meeting.{key}", lang=lang)  # noqa: E731
    rows = [
        ("type", label("type"), kind, label("also_counts_as"), ctx["also_counts_as_text"]),
        ("time", label("time"), ctx["when"], None, None),
        ("place", label("place"), ctx["place"], None, None),
        ("host", label("host"), ctx["host"], label("recorder"), ctx["recorder"]),
    ]
    if ctx["type"] in ("party_lecture", ALL_TYPES):
        rows.append(("lecturer", label("lecturer"), ctx["lecturer"], None, None))
    rows += [
        ("attendance", t("render.td.expected_label", lang=lang), str(attendance["expected"]),
         t("render.td.present_label", lang=lang), str(attendance["present"])),
        ("absent", t("render.td.absent_label", lang=lang), absent, None, None),
        ("topic", ctx["topic_label"], ctx["topic"], None, None),
        ("content", label("content"), ctx["content"], None, None),
        ("decisions", label("decisions"), ctx["decisions"], None, None),
    ]
    if ctx["type"] in ("member_review", ALL_TYPES):
        rows.append(("review", label("review"), ctx["review"]["text"], None, None))
    return rows


def form_table(doc, ctx: dict, lang: str):
    rows = rows_of(ctx, lang)
    grid = style.table(doc, COLUMNS, len(rows))
    for index, (key, label, value, label2, value2) in enumerate(rows):
        style.label_cell(grid.cell(index, 0), label)
        if label2 is None:
            style.merge(grid, index, 1, index, 3)
            middle = key not in ("content", "decisions")
            style.value_cell(grid.cell(index, 1), value, middle=middle)
        else:
            centred = key == "attendance"
            align = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
            style.value_cell(grid.cell(index, 1), value, align=align, middle=True)
            style.label_cell(grid.cell(index, 2), label2)
            style.value_cell(grid.cell(index, 3), value2, align=align, middle=True)
        blank = not value and key in BLANK_MM
        style.row_height(grid.rows[index], BLANK_MM[key] if blank else 10)
        if len(value) + len(value2 or "") <= KEEP_WHOLE_CHARS:
            style.keep_row_whole(grid.rows[index])
    return grid


def task_table(doc, items: list[dict], lang: str) -> None:
    if items:
        rows = [[i["number"], i["task"], i["owner"], i["due"], i["done_on"], i["status"]] for i in items]
    else:
        rows = [["", "", "", "", "", ""] for _ in range(3)]  # room to write by hand
    style.list_table(doc, themeday.task_headers(lang), rows, themeday.TASK_COLUMNS, centred=(0, 2, 3, 4, 5))
