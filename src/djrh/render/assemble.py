"""The 党支部工作记录本 put together: the filled cover and contents (bundle.docx), then each filled
form (themeday.docx, meeting.docx) in a section of its own, on a new page, with that form's own
footers (its page number and trace line). What a template cannot do (one template cannot repeat
another), so it is code; it runs in the sandbox process, on the documents filled there.

A form's body, section properties and footers are copied as they are; what they point to is
copied with them: pictures (a school's logo), links, the headers and footers, and the styles the
book does not have (a style of the same name as one of the book's is the book's).
"""

from __future__ import annotations

import copy

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_STYLE_REFS = tuple(qn(tag) for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"))
_STYLE, _STYLE_ID, _VAL = qn("w:style"), qn("w:styleId"), qn("w:val")
_BASED_ON = tuple(qn(tag) for tag in ("w:basedOn", "w:link", "w:next"))
_WITH_RELATIONSHIP = etree.XPath(f"descendant-or-self::*[@*[namespace-uri() = '{_R[1:-1]}']]")


def style_ids(book) -> set[str]:
    """The ids of the styles `book` has: what `append` keeps up to date as it adds a form's."""
    return {style.get(_STYLE_ID) for style in book.styles.element.iter(_STYLE)}


def append(book, form, styles: set[str]) -> None:
    """Put the body of `form` (a filled python-docx Document) at the end of `book`, as a new section
    with the form's own page setup, headers and footers. `styles`: the book's style ids (style_ids)."""
    body = book.element.body
    last = body.sectPr  # the book's last section ends here: its properties go into a paragraph
    ending = OxmlElement("w:p")
    ending.append(OxmlElement("w:pPr"))
    ending[0].append(last)
    body.append(ending)
    elements = [copy.deepcopy(child) for child in form.element.body.iterchildren()]
    for element in elements:
        _relink(element, form.part, book.part)
        body.append(element)  # the form's own sectPr (body's last child) is the book's last now
    _add_styles(book, form, elements, styles)


def _relink(element, source, target) -> None:
    """Every relationship id in `element` (r:id, r:embed, r:link…), from the part `source` to what
    `target` holds of the same: the picture, the link, a header or footer copied with its own."""
    for node in _WITH_RELATIONSHIP(element):  # the few elements that name one, found by libxml2
        for name, rid in list(node.attrib.items()):
            if name.startswith(_R) and rid in source.rels:
                node.set(name, _copy_relationship(source.rels[rid], target))


def _copy_relationship(rel, target) -> str:
    if rel.is_external:
        return target.relate_to(rel.target_ref, rel.reltype, is_external=True)
    part = rel.target_part
    if rel.reltype == RT.IMAGE:
        import io

        rid, _ = target.get_or_add_image(io.BytesIO(part.blob))
        return rid
    if rel.reltype in (RT.HEADER, RT.FOOTER):
        kind = "header" if rel.reltype == RT.HEADER else "footer"
        package = target.package
        twin = type(part)(package.next_partname(f"/word/{kind}%d.xml"), part.content_type, copy.deepcopy(part.element), package)
        _relink(twin.element, part, twin)
        return target.relate_to(twin, rel.reltype)
    return target.relate_to(part, rel.reltype)  # anything else: the same part, shared


def _add_styles(book, form, elements, have: set[str]) -> None:
    """The styles the copied elements name that the book lacks (`have`: its style ids, added to),
    with the styles they are based on."""
    wanted = [ref.get(_VAL) for element in elements for tag in _STYLE_REFS for ref in element.iter(tag)]
    if all(name in have for name in wanted):  # the same template as a form before: nothing to add
        return
    theirs = {style.get(_STYLE_ID): style for style in form.styles.element.iter(_STYLE)}
    while wanted:
        name = wanted.pop()
        if name in have or name not in theirs:
            continue
        have.add(name)
        style = copy.deepcopy(theirs[name])
        book.styles.element.append(style)
        wanted += [ref.get(_VAL) for tag in _BASED_ON for ref in style.iter(tag)]
