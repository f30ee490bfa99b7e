"""A branch's 党支部工作记录本 for a year: a cover with every quota of the year (held / required:
theme days and their outcomes, 党员大会, 支委会, 党小组会, 党课, 组织生活会, 民主评议党员), the
contents, then every theme day (附件2 form) and meeting (会议记录) in date order, each in a section
of its own (a new page, with that record's trace in its footer).

The cover counts what annual assessment looks at with the helpers the rules use (TD001–TD003,
MT001–MT006: render.context.quota_lines) and leaves a line for the branch secretary's signature.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH

from djrh.i18n import t
from djrh.paper import style
from djrh.render import meeting, themeday

CONTENTS_COLUMNS = [13, 27, 32, 58, 26]
QUOTA_COLUMNS = [30, 58, 17, 17, 34]
SIZE_BOOK_TITLE = 26.0  # 一号: the cover's title


def document(ctx: dict, trace_text: str, form_traces: list[str], lang: str):
    doc = style.new_document(t("render.book.title", lang=lang), ctx["id"], lang)
    style.footers(doc.sections[0], trace_text, lang)
    cover(doc, ctx, lang)
    contents(doc, ctx, lang)
    for form, form_trace in zip(ctx["entries"], form_traces):
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        style.setup_section(section)
        style.footers(section, form_trace, lang)
        if form["kind"] == "themeday":
            themeday.add_form(doc, form, lang)
        else:
            meeting.add_form(doc, form, lang)
    return doc


def cover(doc, ctx: dict, lang: str) -> None:
    if ctx["institution"]:
        style.paragraph(doc, ctx["institution"], align=WD_ALIGN_PARAGRAPH.CENTER, after=style.SIZE_BODY / 2)
    style.paragraph(doc, t("render.book.title", lang=lang), font=style.TITLE_FONT, size=SIZE_BOOK_TITLE,
                    align=WD_ALIGN_PARAGRAPH.CENTER, line=round(SIZE_BOOK_TITLE * 1.5))
    style.paragraph(doc, t("render.book.year", lang=lang, year=ctx["year"]), font=style.KAI,
                    align=WD_ALIGN_PARAGRAPH.CENTER, after=style.SIZE_BODY)

    grid = style.table(doc, [30, 48, 30, 48], 5)
    style.fact_rows(grid, [
        ("branch", ctx["branch"]["name"], None, None),
        ("general_branch", ctx["branch"]["general_branch"] or t("render.bundle.direct", lang=lang), None, None),
        ("secretary", ctx["secretary"], "members", ctx["members"]),
        ("year_label", str(ctx["year"]), "as_of", ctx["as_of"]),
    ], "render.book", lang)
    # signed by the branch secretary, in the table so that it never lands alone on a page
    style.label_cell(grid.cell(4, 0), t("render.bundle.signature", lang=lang))
    style.value_cell(grid.cell(4, 1), "")
    style.label_cell(grid.cell(4, 2), t("render.bundle.signed_on", lang=lang))
    style.value_cell(grid.cell(4, 3), t("render.bundle.signature_date", lang=lang), align=WD_ALIGN_PARAGRAPH.RIGHT, middle=True)
    style.row_height(grid.rows[4], 16)
    style.keep_row_whole(grid.rows[4])

    style.heading(doc, t("render.book.quotas", lang=lang))
    headers = [t(f"render.book.col.{key}", lang=lang) for key in ("item", "requirement", "held", "required", "state")]
    rows = [[q["item"], q["requirement"], q["held"], q["required"], q["state"]] for q in ctx["quotas"]]
    style.list_table(doc, headers, rows, QUOTA_COLUMNS, centred=(2, 3))
    style.paragraph(doc, t("render.book.counting", lang=lang, as_of=ctx["as_of"]), size=style.SIZE_NOTE,
                    line=style.LINE_NOTE, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=2)


def contents(doc, ctx: dict, lang: str) -> None:
    """The contents on a page of their own: one line per theme day and meeting, in date order."""
    style.title(doc, t("render.bundle.contents", lang=lang), size=style.SIZE_MINUTES_TITLE, page_break=True)
    headers = [t(f"render.book.contents.{key}", lang=lang) for key in ("number", "date", "category", "title", "note")]
    rows = [
        [c["number"], c["date"], c["category"], c["title"], c["note"]]
        for c in (form["contents"] for form in ctx["entries"])
    ]
    style.list_table(doc, headers, rows, CONTENTS_COLUMNS, centred=(0, 1))

