"""`djrh report --format docx`: the 年度党建与业务融合工作统计表 in the forms' styling.

Built with the same helpers as the printed forms (djrh.paper.style: GB/T 9704 margins, 小标宋
title, 仿宋_GB2312 小四 in tables with w:eastAsia set, "— N —" page numbers and the trace line in the
footer), on an A4 page turned landscape: eleven columns do not fit the 156 mm of a portrait page.
One row per branch under a shaded row per general branch, a subtotal after each and the total last;
the header row repeats on every page. The waived findings with their approvals and the definitions
of the columns follow the table.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from djrh.i18n import t
from djrh.paper import style
from djrh.report import layout
from djrh.report.stats import IN_PROGRESS, MET, NOT_MET, STATUSES, BranchRow, Report, Totals
from djrh.report.table import subtitle

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = style.PAGE_HEIGHT_MM, style.PAGE_WIDTH_MM  # landscape
TEXT_WIDTH_MM = PAGE_WIDTH_MM - style.MARGINS_MM["left"] - style.MARGINS_MM["right"]  # 243 mm

# 党支部, then the nine figures and the status, 243 mm in all. A 小四 character takes 4.23 mm and a
# cell 3.8 mm of margins: 13 mm holds two characters a line, 17 mm three, 21 mm four; 28 mm holds a
# total's `进行中 10` on one line.
COLUMNS = ("branch", "themedays", "integration_days", "months_missing", "outcomes", "brands", "pilots",
           "errors", "warnings", "waived", "status")
WIDTHS_MM = [74, 13, 17, 21, 21, 13, 13, 13, 13, 17, 28]
WAIVER_WIDTHS_MM = [50, 22, 100, 71]

# Light shades that print in grey as well; the status is always written out too.
STATUS_SHADE = {MET: "D9EAD3", NOT_MET: "F4CCCC", IN_PROGRESS: "FFF2CC"}
GROUP_SHADE = "EDEDED"
SUM_SHADE = "F5F5F5"


def render(report: Report, lang: str, trace_text: str = "") -> bytes:
    return style.to_bytes(document(report, lang, trace_text))


def document(report: Report, lang: str, trace_text: str = ""):
    heading = t("report.docx.title", lang=lang, year=report.year)
    doc = style.new_document(heading, f"report-{report.year}", lang)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    style.footers(section, trace_text, lang)
    style.title(doc, heading)
    unit = report.institution or "—"
    style.paragraph(
        doc, t("report.docx.byline", lang=lang, institution=unit, as_of=subtitle(report, lang)),
        size=style.SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.LEFT, line=style.LINE_TABLE, after=4,
    )
    _table(doc, report, lang)
    _meetings(doc, report, lang)
    _waivers(doc, report, lang)
    _notes(doc, report, lang)
    return doc


def _table(doc, report: Report, lang: str) -> None:
    rows = 1 + sum(len(group.rows) + 2 for group in report.groups) + 1
    grid = style.table(doc, WIDTHS_MM, rows)
    header = grid.rows[0]
    style.repeat_header(header)
    style.row_height(header, 12)
    for index, column in enumerate(COLUMNS):
        style.label_cell(header.cells[index], t(f"report.docx.col.{column}", lang=lang))
    index = 1
    for group in report.groups:
        cell = style.merge(grid, index, 0, index, len(COLUMNS) - 1)
        style.shade(cell, GROUP_SHADE)
        style.paragraph(cell, group.label(lang), font=style.HEI, size=style.SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.LEFT,
                        line=style.LINE_TABLE, reuse=True)
        _keep_with_next(grid.rows[index])
        index += 1
        for row in group.rows:
            _branch_row(grid.rows[index], row, lang)
            index += 1
        _sum_row(grid.rows[index], t("report.subtotal", lang=lang, count=group.totals.branches), group.totals, lang)
        index += 1
    _sum_row(grid.rows[index], t("report.total", lang=lang, count=report.totals.branches), report.totals, lang)


def _branch_row(row, branch: BranchRow, lang: str) -> None:
    style.keep_row_whole(row)
    style.row_height(row, 7)
    values = [str(v) for v in _figures(branch)]
    style.value_cell(row.cells[0], branch.name, align=WD_ALIGN_PARAGRAPH.LEFT, middle=True)
    for offset, text in enumerate(values, start=1):
        style.value_cell(row.cells[offset], text, align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)
    status = row.cells[len(COLUMNS) - 1]
    style.shade(status, STATUS_SHADE[branch.status])
    style.value_cell(status, layout.status_label(branch.status, lang), align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)


def _sum_row(row, label: str, totals: Totals, lang: str) -> None:
    style.keep_row_whole(row)
    style.row_height(row, 7)
    cells = [label, *(str(v) for v in _figures(totals)), _status_counts(totals, lang)]
    for offset, text in enumerate(cells):
        cell = row.cells[offset]
        style.shade(cell, SUM_SHADE)
        align = WD_ALIGN_PARAGRAPH.LEFT if offset == 0 else WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph(cell, text, font=style.HEI, size=style.SIZE_TABLE, align=align, line=style.LINE_TABLE, reuse=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _status_counts(totals: Totals, lang: str) -> str:
    """`达标 7；进行中 3`: a line may break between two statuses (or the words of `in progress`),
    never between a status and its count."""
    parts = []
    for status in STATUSES:
        count = getattr(totals, status)
        if count:
            words, _, last = layout.status_label(status, lang).rpartition(" ")
            held = style.WORD_JOINER.join(f"{last}\u00a0{count}")
            parts.append(f"{words} {held}" if words else held)
    return t("punct.list_sep", lang=lang).join(parts)


def _figures(values) -> list:
    return [
        values.themedays, values.integration_days, values.months_missing,
        f"{values.outcomes_filled}/{values.outcomes_due}", values.brands, values.pilots,
        values.errors, values.warnings, values.waived,
    ]


MEETING_WIDTHS_MM = [81, 27, 27, 27, 27, 27, 27]


def _meetings(doc, report: Report, lang: str) -> None:
    """三会一课 and the other meetings, held/required per type: a table of its own below the first."""
    style.paragraph(doc, t("report.meetings_title", lang=lang), font=style.HEI, size=style.SIZE_TABLE,
                    align=WD_ALIGN_PARAGRAPH.LEFT, line=style.LINE_TABLE, before=10, after=4, keep_with_next=True)
    rows = []
    for group in report.groups:
        for row in group.rows:
            rows.append([row.name, *(cell.text for cell in layout.meeting_cells(row.meeting_quotas))])
    rows.append([t("report.total", lang=lang, count=report.totals.branches), *(c.text for c in layout.meeting_sum_cells(report.totals))])
    headers = [t("report.docx.col.branch", lang=lang), *layout.meeting_headers(lang)]
    style.list_table(doc, headers, rows, MEETING_WIDTHS_MM, centred=tuple(range(1, 7)))
    style.paragraph(doc, t("report.meetings_note", lang=lang, lectures=report.lectures_per_year), size=style.SIZE_NOTE,
                    align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=style.LINE_NOTE, before=2)


def _waivers(doc, report: Report, lang: str) -> None:
    entries = report.waivers
    style.paragraph(doc, t("report.docx.waivers", lang=lang, count=len(entries)), font=style.HEI, size=style.SIZE_TABLE,
                    align=WD_ALIGN_PARAGRAPH.LEFT, line=style.LINE_TABLE, before=10, after=4, keep_with_next=True)
    if not entries:
        style.paragraph(doc, t("report.html.no_waivers", lang=lang), size=style.SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.LEFT,
                        line=style.LINE_TABLE)
        return
    names = {row.id: row.name for row in report.rows} | {g.id: g.name for g in report.groups if g.id}
    headers = [t(f"report.findings_col.{key}", lang=lang) for key in ("unit", "code", "message", "waiver")]
    rows = [
        [names.get(entry.branch, entry.branch), entry.finding.code, entry.finding.text(lang), layout.waiver_text(entry, lang)]
        for entry in entries
    ]
    style.list_table(doc, headers, rows, WAIVER_WIDTHS_MM, centred=(1,))


def _notes(doc, report: Report, lang: str) -> None:
    style.paragraph(doc, t("report.html.notes_heading", lang=lang), font=style.HEI, size=style.SIZE_NOTE,
                    align=WD_ALIGN_PARAGRAPH.LEFT, line=style.LINE_NOTE, before=10, keep_with_next=True)
    for key in ("report.html.note.counts", "report.html.note.findings", "report.html.note.status"):
        style.paragraph(doc, t(key, lang=lang, minimum=report.min_days, days=report.outcome_days), size=style.SIZE_NOTE,
                        align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=style.LINE_NOTE, keep_with_next=True)
    # the table is printed to be signed and stamped: who filled it in, who checked it, the date, the seal
    style.paragraph(doc, t("report.docx.sign_off", lang=lang), size=style.SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.LEFT,
                    line=style.LINE_TABLE, before=18)


def _keep_with_next(row) -> None:
    """A general branch's row stays on the page of its first branch."""
    style.keep_row_whole(row)
    for paragraph in row.cells[0].paragraphs:
        paragraph.paragraph_format.keep_with_next = True
