"""`djrh report --format xlsx` (openpyxl): the table the 组织部 gets by email.

Sheet 1 is the flat table (layout.py, its spreadsheet form: one value per cell) under a title, with
the header row and the name columns frozen, column widths that fit the text, the status column
coloured (and worded: colour is never the only sign), and print settings for one landscape page
width. The branch lines come first, under an autofilter; the subtotal and total lines, in bold,
follow after an empty row, outside the filter, so filtering or sorting cannot scramble them.
Sheet 2 lists the findings behind the error, warning and waived counts.
"""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter

from djrh.i18n import t
from djrh.personal import mask
from djrh.report import layout
from djrh.report.stats import IN_PROGRESS, MET, NOT_MET, Report
from djrh.report.layout import subtitle, title
from djrh.visible import visible

FONT = "宋体"
# Excel's own "good / bad / neutral" cell styles: dark text on a light fill, readable in print.
STATUS_FILL = {MET: "C6EFCE", NOT_MET: "FFC7CE", IN_PROGRESS: "FFEB9C"}
STATUS_FONT = {MET: "006100", NOT_MET: "9C0006", IN_PROGRESS: "9C5700"}
SUBTOTAL_FILL = "F2F2F2"
TOTAL_FILL = "D9D9D9"
HEADER_FILL = "DDEBF7"
HEADER_ROW = 3  # title, subtitle, header
WRAPPED = {"branch": 40, "group": 28, "waivers": 44}  # widest a text column grows before it wraps

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


class Styles:
    """The cell styles of a workbook, each made once as a named style ("djrh …" in Excel's style
    list). A cell takes a named style by copying its indexes; given a Font, a Fill and an Alignment
    of its own, it would have each hashed and compared field by field (openpyxl's way of sharing
    them): that was a third of the report's time."""

    def __init__(self, book: Workbook, font: str | None = FONT) -> None:
        self.book = book
        self.font = font  # the typeface of every style; None: the workbook's own
        self.made: set[str] = set()

    def apply(self, cell, name: str, font: dict | None, alignment: dict | None = None, fill: str | None = None,
              border: bool = True) -> None:
        """Give `cell` the style `name`, made on first use from the Font arguments `font` (None: the
        workbook's default font), the Alignment arguments `alignment`, a solid `fill` colour and
        the thin border. (A number format is set after: the style replaces the cell's.)"""
        if name not in self.made:
            typeface = {"name": self.font} if self.font else {}
            shape = DEFAULT_FONT if font is None else Font(**typeface, **font)
            style = NamedStyle(name=f"djrh {name}", font=shape, alignment=Alignment(**(alignment or {})))
            if fill:
                style.fill = PatternFill("solid", fgColor=fill)
            if border:
                style.border = BORDER
            self.book.add_named_style(style)
            self.made.add(name)
        cell.style = f"djrh {name}"


def render(report: Report, lang: str) -> bytes:
    book = Workbook()
    styles = Styles(book)
    sheet = book.active
    sheet.title = t("report.sheet.table", lang=lang)
    _table_sheet(sheet, report, lang, styles)
    _findings_sheet(book.create_sheet(t("report.sheet.findings", lang=lang)), report, lang, styles)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table_sheet(sheet, report: Report, lang: str, styles: Styles) -> None:
    columns = layout.SHEET_COLUMNS
    last = get_column_letter(len(columns))
    put(sheet["A1"], title(report, lang))
    styles.apply(sheet["A1"], "title", {"size": 16, "bold": True}, {"horizontal": "center", "vertical": "center"}, border=False)
    sheet.merge_cells(f"A1:{last}1")
    sheet.row_dimensions[1].height = 30
    put(sheet["A2"], subtitle(report, lang))
    styles.apply(sheet["A2"], "subtitle", {"size": 10}, border=False)
    sheet.merge_cells(f"A2:{last}2")

    headers = layout.sheet_headers(lang)
    for index, text in enumerate(headers, start=1):
        cell = put(sheet.cell(row=HEADER_ROW, column=index), text)
        styles.apply(cell, "header", {"bold": True}, {"horizontal": "center", "vertical": "center", "wrap_text": True},
                     fill=HEADER_FILL)
    branches, sums = layout.sheet_lines(report, lang)
    first_sum = HEADER_ROW + len(branches) + 2  # one empty row between the branches and the sums
    rows = [(HEADER_ROW + offset, line) for offset, line in enumerate(branches, start=1)]
    rows += [(first_sum + offset, line) for offset, line in enumerate(sums)]
    status_column = columns.index("status") + 1
    for row, line in rows:
        bold = line.kind != layout.BRANCH
        fill = {layout.SUBTOTAL: SUBTOTAL_FILL, layout.TOTAL: TOTAL_FILL}.get(line.kind)
        for index, value in enumerate(line.cells, start=1):
            cell = put(sheet.cell(row=row, column=index), value if value != "" else None)
            numeric = columns[index - 1] in layout.SHEET_NUMERIC
            styles.apply(cell, f"{line.kind} {'number' if numeric else 'text'}", {"bold": bold},
                         {"horizontal": "right" if numeric else "left", "vertical": "center", "wrap_text": not numeric}, fill=fill)
        if line.status is not None:
            cell = sheet.cell(row=row, column=status_column)
            styles.apply(cell, f"{line.kind} {line.status}", {"bold": True, "color": STATUS_FONT[line.status]},
                         {"horizontal": "center", "vertical": "center"}, fill=STATUS_FILL[line.status])

    lines = branches + sums
    for index, column in enumerate(columns, start=1):
        texts = [headers[index - 1]] + [str(line.cells[index - 1]) for line in lines]
        wanted = max(_display_width(text) for text in texts) + 2
        if column in WRAPPED:
            wanted = min(wanted, WRAPPED[column])
        elif column in layout.SHEET_NUMERIC:
            wanted = min(wanted, 10)  # the header wraps; the numbers are short
        sheet.column_dimensions[get_column_letter(index)].width = max(wanted, 6)
    sheet.row_dimensions[HEADER_ROW].height = 32

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3).coordinate  # header row and the names
    # the filter covers the branch lines only: filtering or sorting them leaves the sums below intact
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(branches), 1)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _findings_sheet(sheet, report: Report, lang: str, styles: Styles) -> None:
    headers = [t(f"report.findings_col.{c}", lang=lang) for c in ("unit", "severity", "code", "where", "message", "waiver")]
    for index, text in enumerate(headers, start=1):
        cell = put(sheet.cell(row=1, column=index), text)
        styles.apply(cell, "findings header", {"bold": True}, fill=HEADER_FILL)
    rows = []
    for unit, finding, waiver in layout.finding_rows(report, lang):
        where = f"{mask(finding.path)}:{finding.line}"
        severity = t("report.waived_label", lang=lang) if waiver else t(f"severity.{finding.severity}", lang=lang)
        rows.append((unit, severity, finding.code, where, finding.text(lang), waiver))
    for offset, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            cell = put(sheet.cell(row=offset, column=index), value or None)
            wrapped = index in (1, 5, 6)
            styles.apply(cell, f"finding {'wrapped' if wrapped else 'line'}", {}, {"vertical": "top", "wrap_text": wrapped})
    for index, width in enumerate((24, 8, 9, 30, 80, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def put(cell, value):
    """Every text is written as text: a name like `=HYPERLINK(…)` or `+1` never becomes a formula
    (OWASP: CSV/formula injection), and a control character is shown as an escape (Excel refuses it)."""
    if isinstance(value, str):
        cell.value = visible(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _display_width(text: str) -> int:
    """Width in Excel's character units: a CJK character is about two."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.splitlines()), default=0)
