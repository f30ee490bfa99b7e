"""The theme-day form: 党建融合主题党日活动设计模板 (000_3673d4a9ac7d6382.txt 附件2).

The table has the paper form's rows and merged cells:

    活动时间        │ date, time        │ 活动地点 │ place
    活动主题        │ theme (across the rest of the row)
    业务工作描述（…）│ entry point, business work
    主题党日规定动作（…）│ prescribed actions
    主题 │ 理论指导实践（…）│ theory guiding practice
    党日 ├───────────────┼──────────────────────────
    自选 │ 集体研讨（…）  │ collective discussion
    动作 │                │
    工作成效（…）    │ outcome, evaluation date, evidence

then the form's note (注意), and after it what the record adds: the tasks, the attendance and,
for a Markdown record, the minutes (会议记录) on a page of their own.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from djrh.i18n import t
from djrh.render import minutes
from djrh.paper import style

# Five grid columns (mm, 156 in all): a narrow first column for the vertical 主题党日自选动作, the
# sub-labels, and values; 活动时间 and 活动地点 share the first row.
COLUMNS = [16, 32, 38, 24, 46]
# Minimum heights (mm) of the rows to be written in: a blank form keeps room to fill by hand,
# and the whole form fits on one A4 page.
ROW_MM = {"time": 11, "theme": 11, "business": 32, "prescribed": 28, "theory": 26, "discussion": 26, "outcome": 30}
KEEP_WHOLE_CHARS = 600  # about 23 lines of a value cell: well under a page
TASK_COLUMNS = [14, 52, 18, 27, 27, 18]


def document(ctx: dict, trace_text: str, lang: str):
    doc = style.new_document(t("render.td.title", lang=lang), ctx["id"], lang)
    style.footers(doc.sections[0], trace_text, lang)
    add_form(doc, ctx, lang)
    return doc


def add_form(doc, ctx: dict, lang: str) -> None:
    """The form and what follows it, at the end of `doc`: headed 附件2 as the source document
    (000_3673d4a9ac7d6382.txt) heads it, in 黑体 at the top left (GB/T 9704 8.4)."""
    style.paragraph(doc, t("render.td.annex", lang=lang), font=style.HEI, align=WD_ALIGN_PARAGRAPH.LEFT,
                    keep_with_next=True)
    style.title(doc, t("render.td.title", lang=lang))
    style.paragraph(doc, t("render.td.branch_line", lang=lang, name=ctx["branch"]["name"]),
                    align=WD_ALIGN_PARAGRAPH.LEFT, after=4, keep_with_next=True)
    if not ctx["integration"]:
        style.paragraph(doc, ctx["integration_label"], font=style.KAI, size=style.SIZE_NOTE, line=style.LINE_NOTE,
                        after=4, keep_with_next=True)
    form_table(doc, ctx, lang)
    style.paragraph(doc, t("render.td.note", lang=lang), size=style.SIZE_NOTE, line=style.LINE_NOTE, before=4)
    extras(doc, ctx, lang)


def form_table(doc, ctx: dict, lang: str):
    grid = style.table(doc, COLUMNS, 7)
    rows = grid.rows

    # 活动时间 │ value │ 活动地点 │ value
    style.merge(grid, 0, 0, 0, 1)
    style.label_cell(grid.cell(0, 0), t("render.td.time", lang=lang))
    when = "\n".join(x for x in (ctx["date"], ctx["time"]) if x)
    style.value_cell(grid.cell(0, 2), when, middle=True)
    style.label_cell(grid.cell(0, 3), t("render.td.place", lang=lang))
    style.value_cell(grid.cell(0, 4), ctx["place"], middle=True)

    # label (and instruction) across the first two columns, value across the other three
    entry = t("render.td.entry_line", lang=lang, entry=ctx["entry"]) if ctx["entry"] else ""
    wide_rows = [
        (1, "theme", "", ctx["theme"]),
        (2, "business", t("render.td.business_hint", lang=lang), "\n".join(x for x in (entry, ctx["business_work"]) if x)),
        (3, "prescribed", t("render.td.prescribed_hint", lang=lang), ctx["prescribed"]),
        (6, "outcome", t("render.td.outcome_hint", lang=lang), outcome_text(ctx, lang)),
    ]
    for index, key, hint, value in wide_rows:
        style.merge(grid, index, 0, index, 1)
        style.merge(grid, index, 2, index, 4)
        style.label_cell(grid.cell(index, 0), t(f"render.td.{key}", lang=lang), hint)
        style.value_cell(grid.cell(index, 2), value, middle=key == "theme")
    evidence_list(grid.cell(6, 2), ctx, lang)

    # 主题党日自选动作: one cell down two rows, each row with its own label
    style.merge(grid, 4, 0, 5, 0)
    style.label_cell(grid.cell(4, 0), t("render.td.optional", lang=lang))
    for index, key, value in ((4, "theory", ctx["theory_practice"]), (5, "discussion", ctx["discussion"])):
        style.merge(grid, index, 2, index, 4)
        style.label_cell(grid.cell(index, 1), t(f"render.td.{key}", lang=lang), t(f"render.td.{key}_hint", lang=lang))
        style.value_cell(grid.cell(index, 2), value)

    values = [ctx["when"], ctx["theme"], ctx["business_work"], ctx["prescribed"], ctx["theory_practice"],
              ctx["discussion"], ctx["outcome"]["summary"]]
    for index, key in enumerate(("time", "theme", "business", "prescribed", "theory", "discussion", "outcome")):
        # A blank row keeps room to write by hand; a filled one is as tall as its text and label. A
        # general (not integration) theme day has no business work or optional actions to write.
        blank = not values[index] and (ctx["integration"] or key not in ("business", "theory", "discussion"))
        style.row_height(rows[index], ROW_MM[key] if blank or index < 2 else 11)
    # A row is kept on one page (its label with its text) unless its text is longer than a page
    # could hold: then it runs onto the next page rather than being cut off.
    lengths = [len(ctx["when"]) + len(ctx["place"]), len(ctx["theme"]), len(ctx["business_work"]), len(ctx["prescribed"]),
               len(ctx["theory_practice"]), len(ctx["discussion"]), len(outcome_text(ctx, lang)) + 80 * len(ctx["outcome"]["evidence"])]
    for row, length in zip(rows, lengths):
        if length <= KEEP_WHOLE_CHARS:
            style.keep_row_whole(row)
    if lengths[-1] <= KEEP_WHOLE_CHARS:  # and the form's note stays under its last row
        for cell in rows[-1].cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
    return grid


def outcome_text(ctx: dict, lang: str) -> str:
    outcome = ctx["outcome"]
    lines = [outcome["summary"]] if outcome["summary"] else []
    if outcome["evaluated_on"]:
        lines.append(t("render.td.evaluated_on", lang=lang, date=outcome["evaluated_on"]))
    return "\n".join(lines)


def evidence_list(cell, ctx: dict, lang: str) -> None:
    """The evidence files under the outcome, left-aligned (paths do not justify well)."""
    evidence = ctx["outcome"]["evidence"]
    if not evidence:
        return
    style.paragraph(cell, t("render.td.evidence", lang=lang), size=style.SIZE_TABLE, line=style.LINE_TABLE)
    for number, path in enumerate(evidence, 1):
        style.paragraph(cell, f"{number}. {path}", size=style.SIZE_TABLE, line=style.LINE_TABLE,
                        align=WD_ALIGN_PARAGRAPH.LEFT)


def extras(doc, ctx: dict, lang: str) -> None:
    """After the form: tasks, attendance, minutes, numbered 一、二、三."""
    numbers = iter(t("render.numerals", lang=lang).split(","))

    def heading(key: str) -> None:
        style.heading(doc, t("render.heading", lang=lang, number=next(numbers), text=t(key, lang=lang)))

    heading("render.td.tasks")
    if ctx["tasks"]:
        rows = [[task["number"], task["task"], task["owner"], task["due"], task["done_on"], task["status"]] for task in ctx["tasks"]]
    else:
        rows = [["", "", "", "", "", ""] for _ in range(3)]  # room to write by hand
    style.list_table(doc, task_headers(lang), rows, TASK_COLUMNS, centred=(0, 2, 3, 4, 5))

    heading("render.td.attendance")
    attendance_table(doc, ctx, lang)

    if ctx["minutes_markdown"]:
        add_minutes(doc, ctx["minutes_markdown"], lang, ctx["attendance"])


def task_headers(lang: str) -> list[str]:
    return [t(f"render.task.{key}", lang=lang) for key in ("number", "task", "owner", "due", "done_on", "status")]


def attendance_table(doc, ctx: dict, lang: str) -> None:
    attendance = ctx["attendance"]
    absent = t("render.list_joiner", lang=lang).join(
        t("render.td.absent_reason", lang=lang, name=a["name"], reason=a["reason"]) if a["reason"] else a["name"]
        for a in attendance["absent"]
    )
    grid = style.table(doc, [34, 44, 34, 44], 3)
    style.label_cell(grid.cell(0, 0), t("render.td.expected_label", lang=lang))
    style.value_cell(grid.cell(0, 1), str(attendance["expected"]), align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)
    style.label_cell(grid.cell(0, 2), t("render.td.present_label", lang=lang))
    style.value_cell(grid.cell(0, 3), str(attendance["present"]), align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)
    for index, key, value in ((1, "absent_label", absent), (2, "also_counts_as", ctx["also_counts_as_text"])):
        style.merge(grid, index, 1, index, 3)
        style.label_cell(grid.cell(index, 0), t(f"render.td.{key}", lang=lang))
        style.value_cell(grid.cell(index, 1), value, middle=True)
    for row in grid.rows:
        style.row_height(row, 9)
        style.keep_row_whole(row)


def add_minutes(doc, body: str, lang: str, attendance: dict | None = None) -> None:
    """The minutes on a new page, in the body style: their first-level heading (or 会议记录) as the
    page's title, headings in 黑体/楷体 (bold: 楷体 and 仿宋 look alike where they are substituted),
    paragraphs indented two characters. A "## 会议记录" heading the scaffold starts with is the title,
    not printed again; the scaffold's blank 应到人数/实到人数 line is filled from `attendance`; a
    heading with nothing under it is not kept with what follows (it does not pull a page break)."""
    blocks = minutes.parse(fill_attendance(body, attendance, lang))
    title = t("render.td.minutes", lang=lang)
    if blocks and blocks[0].kind == "heading" and (blocks[0].level == 1 or blocks[0].text.strip() == title):
        first, blocks = blocks[0].text, blocks[1:]
    else:
        first = title
    style.title(doc, first, size=style.SIZE_MINUTES_TITLE, page_break=True)
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            empty = following is None or (following.kind == "heading" and following.level <= block.level)
            font = style.HEI if block.level <= 2 else (style.KAI if block.level == 3 else style.BODY_FONT)
            align = WD_ALIGN_PARAGRAPH.CENTER if block.level == 1 else WD_ALIGN_PARAGRAPH.LEFT
            para = style.paragraph(doc, font=font, align=align, keep_with_next=not empty,
                                   before=style.LINE_BODY / 2 if block.level == 1 else 0,
                                   after=style.LINE_BODY / 2 if block.level == 1 else 0,
                                   indent_chars=0 if block.level == 1 else 2)
            _runs(para, block.runs, font, bold_all=block.level >= 3)
        elif block.kind == "table":
            if not block.rows:
                continue
            width = style.TEXT_WIDTH_MM / max(len(row) for row in block.rows)
            head, *rest = block.rows
            count = len(head)
            cells = [[_plain(cell) for cell in row][:count] + [""] * (count - len(row)) for row in rest]
            style.list_table(doc, [_plain(cell) for cell in head], cells, [width] * count)
        elif block.kind == "rule":
            style.paragraph(doc)
        elif block.kind == "code":
            for line in block.text.split("\n"):
                style.paragraph(doc, line, size=style.SIZE_TABLE, line=style.LINE_TABLE, align=WD_ALIGN_PARAGRAPH.LEFT)
        else:
            font = style.KAI if block.kind == "quote" else style.BODY_FONT
            para = style.paragraph(doc, font=font, indent_chars=2)
            if block.kind == "item" and block.level > 1:
                para.paragraph_format.left_indent = Pt(style.SIZE_BODY * 2 * (block.level - 1))
            if block.kind == "quote":
                para.paragraph_format.left_indent = Pt(style.SIZE_BODY * 2 * block.level)
            if block.marker:
                style.run(para, block.marker + " ", font)
            _runs(para, block.runs, font)


_ATTENDANCE_LINE = re.compile(r"^(?P<lead>\s*(?:[-*+]\s+)?)(?P<expected>应到(?:人数)?)[：:]\s*(?P<present>实到(?:人数)?)[：:]\s*$", re.M)
_ABSENT_LINE = re.compile(r"^(?P<lead>\s*(?:[-*+]\s+)?)(?P<label>缺席人员(?:及原因)?)[：:]\s*$", re.M)


def fill_attendance(body: str, attendance: dict | None, lang: str) -> str:
    """The minutes scaffold's blank "应到人数：　　实到人数：" (and "缺席人员及原因：") lines with the
    record's `attendance`, so that the minutes and the form say the same."""
    if not attendance or attendance.get("expected") in ("", None):
        return body
    unit = t("render.person_unit", lang=lang)

    def counts(match: re.Match) -> str:
        present = attendance.get("present")
        shown = f"{present}{unit}" if present not in ("", None) else ""
        return f"{match['lead']}{match['expected']}：{attendance['expected']}{unit}　　{match['present']}：{shown}"

    body = _ATTENDANCE_LINE.sub(counts, body)
    absent = attendance.get("absent_text") or t("render.list_joiner", lang=lang).join(
        t("render.td.absent_reason", lang=lang, name=a["name"], reason=a["reason"]) if a["reason"] else a["name"]
        for a in attendance.get("absent", [])
    )
    if absent:
        body = _ABSENT_LINE.sub(lambda m: f"{m['lead']}{m['label']}：{absent}", body)
    return body


def _runs(para, runs, font: str, bold_all: bool = False) -> None:
    for part in runs:
        style.run(para, part.text, font, bold=part.bold or bold_all, italic=part.italic)


def _plain(cell) -> str:
    return "".join(part.text for part in cell)
