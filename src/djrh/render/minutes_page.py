"""The minutes (会议记录) of a `.md` record laid out as pages of its form, in the house style
(djrh.paper.style): what cannot be a fixed template, a body of any length and shape. A form template
prints them where it writes `{{p minutes_page }}` (djrh.render.context.printed gives the XML).
"""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from djrh.i18n import t
from djrh.paper import style
from djrh.render import minutes


def page(body: str, lang: str, attendance: dict | None = None) -> str:
    """The minutes of a Markdown record as WordprocessingML paragraphs and tables (a page of their
    own, in the house style); empty without a body."""
    if not body:
        return ""
    from docx import Document
    from lxml import etree

    document = Document()
    add_minutes(document, body, lang, attendance)
    body_element = document.element.body
    if body_element.sectPr is not None:
        body_element.remove(body_element.sectPr)
    return re.sub(r"</?w:body[^>]*>", "", etree.tostring(body_element, encoding="unicode"))


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
