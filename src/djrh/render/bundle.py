"""A branch's annual bundle (年度主题党日活动台账): a cover page, then one 附件2 form per theme day in
date order, each in a section of its own (a new page, with that record's trace in its footer).

The cover counts what annual assessment looks at (000 五.2: at least 2 integration theme days a
year; 附件2 工作成效) and leaves a line for the branch secretary's signature.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH

from djrh.i18n import t
from djrh.render import style, themeday

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
    count = lambda n: t("render.bundle.times", lang=lang, count=n)  # noqa: E731
    cells = [
        (0, "branch", ctx["branch"]["name"], None, None),
        (1, "general_branch", ctx["branch"]["general_branch"] or t("render.bundle.direct", lang=lang), None, None),
        (2, "count", count(ctx["count"]), "integration_count", count(ctx["integration_count"])),
        (3, "year", str(ctx["year"]), "outcomes_filled",
         t("render.bundle.filled_of", lang=lang, filled=ctx["outcomes_filled"], total=ctx["integration_count"])),
    ]
    for index, key, value, key2, value2 in cells:
        style.label_cell(grid.cell(index, 0), t(f"render.bundle.{key}", lang=lang))
        if key2 is None:
            style.merge(grid, index, 1, index, 3)
            style.value_cell(grid.cell(index, 1), value, middle=True)
        else:
            style.value_cell(grid.cell(index, 1), value, align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)
            style.label_cell(grid.cell(index, 2), t(f"render.bundle.{key2}", lang=lang))
            style.value_cell(grid.cell(index, 3), value2, align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)
        style.row_height(grid.rows[index], 10)
        style.keep_row_whole(grid.rows[index])
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
        [number, form["date_iso"], form["theme"], yes if form["integration"] else no,
         t("render.bundle.filled" if form["outcome"]["summary"] else "render.bundle.not_filled", lang=lang)]
        for number, form in enumerate(ctx["themedays"], 1)
    ]
    style.list_table(doc, headers, rows, CONTENTS_COLUMNS, centred=(0, 1, 3, 4))
