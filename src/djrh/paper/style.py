"""The house style in code, for what a template cannot hold: the minutes of a `.md` record laid out
as pages of its form (djrh.render.minutes_page), and the finishing of a filled template (the trace
line in a footer that lacks it, a long row allowed to split). The forms themselves are the Word
templates of the project's top-level templates/, which carry the same style:

- A4; margins top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm: a 156 × 225 mm text
  block (GB/T 9704-2012 5.2).
- Title in 2号 (22 pt) 小标宋, centred; body text 3号 (16 pt) 仿宋_GB2312, 22 lines of 28
  characters (a fixed line pitch of 28.9 pt); first-level headings in 黑体 (7.3.3).
- Page numbers "— N —" in 4号 (14 pt) 宋体 below the text, odd pages on the right and even pages on
  the left, one character in from the edge (7.5).
- Inside tables a smaller, consistent size: 小四 (12 pt); labels in 黑体 on a light shade, the form's
  bracketed instructions in 五号 (10.5 pt) 楷体.

python-docx's `font.name` sets only the Latin fonts: `set_fonts` also sets `w:eastAsia` and drops
the theme-font attributes (which would otherwise win), so Chinese text really uses the named fonts.
Machines without these fonts substitute their own (the PDF conversion maps them to Noto CJK).
"""

from __future__ import annotations

import io

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from djrh.paper.nobreak import WORD_JOINER, nobreak  # noqa: F401  (part of this module's vocabulary)
from djrh.visible import visible

# ---- fonts (GB/T 9704-2012 7.1: 仿宋_GB2312 for the text unless stated otherwise)
LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"

# ---- sizes (Chinese type sizes)
SIZE_TITLE = 22.0  # 二号
SIZE_MINUTES_TITLE = 18.0  # 小二
SIZE_BODY = 16.0  # 三号
SIZE_TABLE = 12.0  # 小四
SIZE_NOTE = 10.5  # 五号
SIZE_TRACE = 9.0  # 小五

# ---- page (GB/T 9704-2012 5.2)
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156 mm
LINE_BODY = 28.9  # pt: 22 lines in the 225 mm text block
LINE_TABLE = 17.0  # pt, for 12 pt text in a cell
LINE_NOTE = 15.0  # pt, for 10.5 pt text
LABEL_SHADE = "EDEDED"
TRACE_COLOR = RGBColor(0x59, 0x59, 0x59)

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")



def set_fonts(rpr, east_asia: str, latin: str | None = None) -> None:
    """Name the fonts of a run properties element (`w:rPr`): Latin and East Asian, no theme fonts."""
    latin = latin or (LATIN if east_asia in (BODY_FONT, KAI) else east_asia)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- text

def run(paragraph, text: str, font: str = BODY_FONT, size: float = SIZE_BODY, bold: bool = False,
        italic: bool = False, color: RGBColor | None = None, hold_dates: bool = True):
    """A run of `text`; a "\\n" inside it becomes a line break; a date or time in it never breaks
    (unless `hold_dates` is false: the trace line, whose record id is searched for as written).
    A character XML cannot hold is written as an escape (the forms' values are cleaned before: this
    is for everything else)."""
    text = visible(text)
    lines = (nobreak(text) if hold_dates else text).split("\n")
    last = None
    for index, line in enumerate(lines):
        last = paragraph.add_run(line)
        if index < len(lines) - 1:
            last.add_break()
        set_fonts(last._element.get_or_add_rPr(), font)
        last.font.size = Pt(size)
        last.font.bold = bold or None
        last.font.italic = italic or None
        if color is not None:
            last.font.color.rgb = color
    return last


def paragraph(container, text: str = "", *, font: str = BODY_FONT, size: float = SIZE_BODY, bold: bool = False,
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, line: float | None = LINE_BODY, indent_chars: float = 0,
              before: float = 0, after: float = 0, keep_with_next: bool = False, color: RGBColor | None = None,
              reuse: bool = False, hold_dates: bool = True):
    """A paragraph in a document or a cell. `reuse` fills the cell's first, empty paragraph."""
    if reuse and len(container.paragraphs) == 1 and not container.paragraphs[0].text:
        para = container.paragraphs[0]
    else:
        para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.alignment = align
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)
    if keep_with_next:
        fmt.keep_with_next = True
    # An empty paragraph still takes the size of its (absent) text: set it on the paragraph mark.
    mark = para._p.get_or_add_pPr()
    mark_rpr = mark.find(qn("w:rPr"))
    if mark_rpr is None:
        mark_rpr = OxmlElement("w:rPr")
        mark.append(mark_rpr)
    set_fonts(mark_rpr, font)
    _size(mark_rpr, size)
    if text:
        run(para, text, font, size, bold, color=color, hold_dates=hold_dates)
    return para


def _size(rpr, size: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(round(size * 2)))


def title(document, text: str, size: float = SIZE_TITLE, page_break: bool = False) -> None:
    """The document title: 2号 小标宋, centred, then one empty line (GB/T 9704 7.3.1)."""
    para = paragraph(document, text, font=TITLE_FONT, size=size, align=WD_ALIGN_PARAGRAPH.CENTER,
                     line=round(size * 1.6), after=SIZE_BODY, keep_with_next=True)
    if page_break:
        para.paragraph_format.page_break_before = True


# ---- tables


def table(container, widths_mm: list[float], rows: int):
    """A bordered table with fixed column widths (mm), centred on the text block."""
    grid = container.add_table(rows=rows, cols=len(widths_mm))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    # Word reads a file whose table properties are out of the schema's order as damaged: each
    # element goes before the ones that must follow it.
    tbl_pr = grid._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(width, *_TBL_PR_ORDER[_TBL_PR_ORDER.index("w:tblW") + 1:])
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(_twips(sum(widths_mm))))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4" if edge.startswith("inside") else "8")  # eighths of a point
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.insert_element_before(borders, *_TBL_PR_ORDER[_TBL_PR_ORDER.index("w:tblBorders") + 1:])
    tbl_pr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for edge, mm in (("top", 1.0), ("left", 1.9), ("bottom", 1.0), ("right", 1.9)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(_twips(mm)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.insert_element_before(margins, *_TBL_PR_ORDER[_TBL_PR_ORDER.index("w:tblCellMar") + 1:])
    for index, mm in enumerate(widths_mm):
        grid.columns[index].width = Mm(mm)
        for cell in grid.columns[index].cells:
            cell.width = Mm(mm)
    return grid


_TBL_PR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)
_TC_PR_AFTER_SHD = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
    "w:cellDel", "w:cellMerge", "w:tcPrChange",
)


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def shade(cell, fill: str = LABEL_SHADE) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.insert_element_before(shading, *_TC_PR_AFTER_SHD)


def row_height(row, mm: float, exact: bool = False) -> None:
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST


def keep_row_whole(row) -> None:
    """The row is never split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


KEEP_WHOLE_CHARS = 600  # about 23 lines of a 小四 cell: well under a page


def release_long_rows(document) -> None:
    """A row kept on one page (w:cantSplit) whose text is longer than a page could hold may run
    onto the next page instead of being cut off (a filled template: the text is known only now)."""
    for tr in document.element.body.iter(qn("w:tr")):
        tr_pr = tr.find(qn("w:trPr"))
        if tr_pr is None or tr_pr.find(qn("w:tblHeader")) is not None:
            continue
        keep = tr_pr.findall(qn("w:cantSplit"))
        if keep and sum(len(node.text or "") for node in tr.iter(qn("w:t"))) > KEEP_WHOLE_CHARS:
            for node in keep:
                tr_pr.remove(node)


def repeat_header(row) -> None:
    """The row is printed again at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    keep_row_whole(row)


def label_cell(cell, text: str, instruction: str = "") -> None:
    """A label of the form: 黑体 on a light shade, centred; its instruction below in 楷体."""
    shade(cell)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph(cell, text, font=HEI, size=SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.CENTER, line=LINE_TABLE,
              reuse=True)
    if instruction:
        paragraph(cell, instruction, font=KAI, size=SIZE_NOTE, align=WD_ALIGN_PARAGRAPH.CENTER, line=LINE_NOTE,
                  before=2)


def value_cell(cell, text: str, align=WD_ALIGN_PARAGRAPH.JUSTIFY, middle: bool = False) -> None:
    """A filled-in value: 仿宋 小四, one paragraph per line; empty text leaves the cell blank."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if middle else WD_CELL_VERTICAL_ALIGNMENT.TOP
    lines = [line for line in text.split("\n") if line.strip()] or [""]
    for index, line in enumerate(lines):
        paragraph(cell, line.strip(), size=SIZE_TABLE, align=align, line=LINE_TABLE, reuse=index == 0)


def list_table(container, headers: list[str], rows: list[list[str]], widths_mm: list[float],
               centred: tuple[int, ...] = ()):
    """A list with a header row repeated on every page; rows are not split across pages."""
    grid = table(container, widths_mm, 1 + len(rows))
    header = grid.rows[0]
    repeat_header(header)
    row_height(header, 9)
    for index, text in enumerate(headers):
        label_cell(header.cells[index], text)
    for row_index, values in enumerate(rows, 1):
        row = grid.rows[row_index]
        keep_row_whole(row)
        row_height(row, 8)
        for index, text in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.CENTER if index in centred else WD_ALIGN_PARAGRAPH.LEFT
            value_cell(row.cells[index], str(text), align=align, middle=True)
    return grid


# ---- footers: the trace line


def footer_texts(document) -> list[str]:
    """Every footer's text (to see whether a template printed the trace)."""
    texts = []
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer, section.first_page_footer):
            if not footer.is_linked_to_previous:
                texts.append("\n".join(p.text for p in footer.paragraphs))
    return texts


def ensure_trace(document, trace_text: str) -> None:
    """Add the trace line to the footers of a template that did not print it."""
    if any(trace_text in text for text in footer_texts(document)):
        return
    even = document.settings.odd_and_even_pages_header_footer
    for index, section in enumerate(document.sections):
        wanted = [section.footer]
        if even:
            wanted.append(section.even_page_footer)
        if section.different_first_page_header_footer:
            wanted.append(section.first_page_footer)
        for footer in wanted:
            if footer.is_linked_to_previous and index > 0:
                continue  # it shows the previous section's footer, which gets the line
            footer.is_linked_to_previous = False
            paragraph(footer, trace_text, font=SONG, size=SIZE_TRACE, align=WD_ALIGN_PARAGRAPH.CENTER, line=None,
                      color=TRACE_COLOR, hold_dates=False)
