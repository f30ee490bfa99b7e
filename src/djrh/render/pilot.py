"""A pilot's 任务分解责任表 (004_c216e805b9555ca6.txt 附件2, 4.2: 任务书、路线图、时间表和责任人):
the pilot's facts, the task table with its header row repeated on every page, and the reviews
(考核验收, 004 3.2).
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from djrh.i18n import t
from djrh.render import themeday
from djrh.paper import style

FACT_COLUMNS = [34, 44, 34, 44]
REVIEW_COLUMNS = [14, 26, 20, 96]


def document(ctx: dict, trace_text: str, lang: str):
    doc = style.new_document(t("render.pilot.title", lang=lang), ctx["id"], lang)
    style.footers(doc.sections[0], trace_text, lang)
    style.title(doc, t("render.pilot.title", lang=lang))
    style.paragraph(doc, ctx["name"], font=style.KAI, align=WD_ALIGN_PARAGRAPH.CENTER, after=style.SIZE_BODY / 2,
                    keep_with_next=True)
    numbers = iter(t("render.numerals", lang=lang).split(","))

    def heading(key: str) -> None:
        style.heading(doc, t("render.heading", lang=lang, number=next(numbers), text=t(key, lang=lang)))

    heading("render.pilot.facts")
    facts(doc, ctx, lang)

    heading("render.pilot.tasks")
    rows = [[task["number"], task["task"], task["owner"], task["due"], task["done_on"], task["status"]] for task in ctx["tasks"]]
    style.list_table(doc, themeday.task_headers(lang), rows or _blank(6, 3), themeday.TASK_COLUMNS, centred=(0, 2, 3, 4, 5))

    heading("render.pilot.reviews")
    headers = [t(f"render.pilot.review.{key}", lang=lang) for key in ("number", "date", "result", "note")]
    rows = [[number, r["date"], r["result"], r["note"]] for number, r in enumerate(ctx["reviews"], 1)]
    style.list_table(doc, headers, rows or _blank(4, 2), REVIEW_COLUMNS, centred=(0, 1, 2))
    return doc


def facts(doc, ctx: dict, lang: str) -> None:
    team = t("render.list_joiner", lang=lang).join(f"{m['name']}（{m['status']}）" if lang == "zh" else f"{m['name']} ({m['status']})" for m in ctx["team"])
    rows = [
        ("name", ctx["name"], None, None),
        ("type", ctx["type"], "level", ctx["level"]),
        ("units", ctx["units_text"], None, None),
        ("selected_on", ctx["selected_on"], "period", ctx["period"]["text"]),
        ("leader", ctx["leader"], "temporary_branch", ctx["temporary_branch"]),
        ("budget", ctx["budget"], "spent", ctx["spent"]),
        ("team", team, None, None),
    ]
    style.fact_rows(style.table(doc, FACT_COLUMNS, len(rows)), rows, "render.pilot", lang)


def _blank(columns: int, rows: int) -> list[list[str]]:
    return [[""] * columns for _ in range(rows)]
