"""A branch's annual bundle (年度主题党日活动台账): a cover page, then one 附件2 form per theme day in
date order, each in a section of its own (a new page, with that record's trace in its footer).

The cover counts what annual assessment looks at (000 五.2: at least 2 integration theme days a
year; 附件2 工作成效) and leaves a line for the branch secretary's signature.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH

from djrh.i18n import t
from djrh.render import themeday
from djrh.paper import style

CONTENTS_COLUMNS = [14, 26, 78, 16, 22]


def document(ctx: dict, trace_text: str, form_traces: list[str], lang: str):
    doc = style.new_document(t("render.bundle.title", lang=lang, year=ctx["year"]), ctx["id"], lang)
    style.footers(doc.sections[0], trace_text, lang)
    cover(doc, ctx, lang)
    for form, form_trace in zip(ctx["themedays"], form_traces):
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        style.setup_section(section)
        style.footers(section, form_trace, lang)
        themeday.add_form(doc, form, lang)
    return doc


def cover(doc, ctx: dict, lang: str) -> None:
    if ctx["institution"]:
        style.paragraph(doc, ctx["institution"], align=WD_ALIGN_PARAGRAPH.CENTER, after=style.SIZE_BODY / 2)
    style.paragraph(doc, ctx["branch"]["name"], font=style.TITLE_FONT, size=style.SIZE_TITLE,
                    align=WD_ALIGN_PARAGRAPH.CENTER, line=36)
    style.title(doc, t("render.bundle.title", lang=lang, year=ctx["year"]))

    grid = style.table(doc, [36, 42, 36, 42], 5)

    def count(held: int, planned: int) -> str:  # held and planned apart, as djrh check and report count
        if planned:
            return t("render.bundle.held_planned", lang=lang, held=held, planned=planned)
        return t("render.bundle.times", lang=lang, count=held)

    style.fact_rows(grid, [
        ("branch", ctx["branch"]["name"], None, None),
        ("general_branch", ctx["branch"]["general_branch"] or t("render.bundle.direct", lang=lang), None, None),
        ("count", count(ctx["count"], ctx["planned"]),
         "integration_count", count(ctx["integration_count"], ctx["integration_planned"])),
        ("year", str(ctx["year"]), "outcomes_filled",
         t("render.bundle.filled_of", lang=lang, filled=ctx["outcomes_filled"], total=ctx["outcomes_due"])),
    ], "render.bundle", lang)
    # signed by the branch secretary, in the table so that it never lands alone on a page
    style.label_cell(grid.cell(4, 0), t("render.bundle.signature", lang=lang))
    style.value_cell(grid.cell(4, 1), "")
    style.label_cell(grid.cell(4, 2), t("render.bundle.signed_on", lang=lang))
    style.value_cell(grid.cell(4, 3), t("render.bundle.signature_date", lang=lang), align=WD_ALIGN_PARAGRAPH.RIGHT, middle=True)
    style.row_height(grid.rows[4], 16)
    style.keep_row_whole(grid.rows[4])

    style.heading(doc, t("render.bundle.contents", lang=lang))
    headers = [t(f"render.bundle.col.{key}", lang=lang) for key in ("number", "date", "theme", "integration", "outcome")]
    yes, no = t("render.yes", lang=lang), t("render.no", lang=lang)
    rows = [
        [number, form["date_iso"], form["theme"], yes if form["integration"] else no, form["outcome_state_label"]]
        for number, form in enumerate(ctx["themedays"], 1)
    ]
    style.list_table(doc, headers, rows, CONTENTS_COLUMNS, centred=(0, 1, 3, 4))
    style.paragraph(doc, t("render.bundle.counting", lang=lang, as_of=ctx["as_of"]), size=style.SIZE_TABLE,
                    align=WD_ALIGN_PARAGRAPH.LEFT)
