"""What a printed form is, read back from its DOCX: the points a template must keep (issue 18).

`facts(docx)` gives the text of every paragraph and table cell in document order, each table's
merged cells (gridSpan across, vMerge down) and repeated header rows, the page setup of every
section, the fonts the runs name (w:eastAsia and w:ascii) and the footers' text. Two renders of
the same record compare equal when the forms agree on what a reader of the paper sees.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn

# What keeps a date on one line (word joiner; a no-break space is a space): not part of the text.
_JOINERS = re.compile("\u2060")
_TRACE = re.compile(r" · .*")  # the trace line after the record id: content hash and commit change


def _text(element) -> str:
    parts = []
    for node in element.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        parts.append(node.text or "" if node.tag == qn("w:t") else ("\n" if node.tag == qn("w:br") else "\t"))
    return _JOINERS.sub("", "".join(parts)).replace("\u00a0", " ").replace("  ", " ")


def facts(data: bytes) -> dict:
    document = Document(io.BytesIO(data))
    body = document.element.body
    blocks, tables = [], []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = _text(child)
            if text.strip():
                blocks.append(text.strip())
        elif child.tag == qn("w:tbl"):
            rows = []
            spans = []
            header_rows = 0
            for tr in child.iterchildren(qn("w:tr")):
                tr_pr = tr.find(qn("w:trPr"))
                if tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None:
                    header_rows += 1
                cells, span_row = [], []
                for tc in tr.iterchildren(qn("w:tc")):
                    paras = [_text(p).strip() for p in tc.iterchildren(qn("w:p"))]
                    cells.append("\n".join(p for p in paras if p))
                    tc_pr = tc.find(qn("w:tcPr"))
                    span = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
                    vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                    span_row.append((int(span.get(qn("w:val"))) if span is not None else 1,
                                     None if vmerge is None else (vmerge.get(qn("w:val")) or "continue")))
                rows.append(cells)
                spans.append(span_row)
            tables.append({"rows": rows, "merges": spans, "header_rows": header_rows})
            blocks.append(f"<table {len(tables)}>")
    sections = []
    for section in document.sections:
        sections.append({
            "page": [round(section.page_width.mm), round(section.page_height.mm)],
            "margins": [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)],
            "orientation": int(section.orientation),
        })
    fonts = set()
    for element in document.element.iter(qn("w:rFonts")):
        for attr in ("w:eastAsia", "w:ascii"):
            if element.get(qn(attr)):
                fonts.add(element.get(qn(attr)))
    footers = []
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            text = "\n".join(p.text for p in footer.paragraphs)
            footers.append(_TRACE.sub("", text))
    return {"blocks": blocks, "tables": tables, "sections": sections, "fonts": sorted(fonts), "footers": footers,
            "even_odd": bool(document.settings.odd_and_even_pages_header_footer)}
