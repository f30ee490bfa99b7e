"""An institution's own forms: `templates/themeday.docx`, `templates/pilot.docx` and
`templates/bundle.docx` in the records tree replace the built-in ones.

A template is a DOCX edited in Word or WPS with Jinja tags (`{{ theme }}`, `{%tr for task in tasks %}`,
docxtpl's syntax). It is filled from the same plain dictionary the built-in form reads
(djrh.render.context; docs/templates.md lists the keys), in a sandboxed Jinja environment:
values are escaped, an unknown variable is an error, and a tag reaching into Python objects
(`{{ ''.__class__ }}`) is refused. A broken template is an error naming the template and the tag.
The trace line is added to the footer when the template does not print `{{ trace.text }}`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from djrh.i18n import msg
from djrh.render import RenderError, style

FOLDER = "templates"
NAMES = {"themeday": "themeday.docx", "pilot": "pilot.docx", "bundle": "bundle.docx"}

_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_UNSAFE = re.compile(r"attribute '([^']+)'")
_UNCLOSED = re.compile(r"block that needs to be closed is '(\w+)'")


def find(root: Path, kind: str) -> Path | None:
    path = root / FOLDER / NAMES[kind]
    return path if path.is_file() else None


def render(template: Path, context: dict, trace_text: str, root: Path) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    shown = template.relative_to(root).as_posix() if template.is_relative_to(root) else str(template)
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except Exception as error:  # not a zip, not a Word document, a missing part…
        raise RenderError(msg("render.template_unreadable", template=shown, detail=_one_line(error))) from None
    environment = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    try:
        document.render(context, jinja_env=environment, autoescape=True)
    except TemplateError as error:
        detail = _one_line(error)
        if isinstance(error, SecurityError):
            key, needle = "render.template_unsafe", _first(_UNSAFE.search(detail))
        elif isinstance(error, UndefinedError):
            key, needle = "render.template_undefined", _first(_UNDEFINED.search(detail))
        elif isinstance(error, TemplateSyntaxError):
            key, needle = "render.template_syntax", _error_line(error)
            block = _UNCLOSED.search(detail)
            if block is not None:  # {% for %} without {% endfor %}: the error is at the end of the file
                needle = _last_block_tag(template, block.group(1)) or needle
        else:
            key, needle = "render.template_error", None
        tag = _tag_with(template, needle) if needle else None
        raise RenderError(msg(key, template=shown, tag=tag or needle or "?", detail=detail)) from None
    except Exception as error:  # docxtpl's own post-processing of what the tags produced
        raise RenderError(msg("render.template_error", template=shown, tag="?", detail=_one_line(error))) from None
    style.ensure_trace(document.docx, trace_text)
    return style.to_bytes(document.docx)


def _first(match: re.Match | None) -> str | None:
    if match is None:
        return None
    return next((group for group in match.groups() if group), None) if match.groups() else match.group(0)


def _error_line(error) -> str | None:
    """The text (Word markup removed) of the line of a syntax error, as docxtpl keeps it."""
    lines = list(getattr(error, "docx_context", None) or [])
    if not lines or error.lineno is None:
        return None
    index = min(3, error.lineno - 1, len(lines) - 1)
    text = lines[index].strip()
    return text or None


def _tag_with(template: Path, needle: str) -> str | None:
    """The first Jinja tag of the template that contains `needle` (or, for a line, a tag of it)."""
    tags = []
    for text in _texts(template):
        tags.extend(_TAG.findall(text))
    for tag in tags:
        if needle in tag:
            return tag
    return _broken_tag(needle)


_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENING = re.compile(r"\{[{%#]")


def _broken_tag(line: str) -> str | None:
    """In the text of a line with a syntax error: the first tag that is not closed, else its last tag."""
    for opening in _OPENING.finditer(line):
        rest = line[opening.start():]
        end = rest.find(_CLOSER[rest[:2]], 2)
        following = _OPENING.search(rest, 2)
        if end < 0 or (following is not None and following.start() < end):
            return re.match(r"\{[{%#][^{}%#]*[}%#]?", rest).group(0).strip()
    tags = _TAG.findall(line)
    return tags[0] if tags else None


def _last_block_tag(template: Path, name: str) -> str | None:
    """The last `{% name … %}` tag of the template (docxtpl's {%p/{%tr/{%tc/{%r forms too)."""
    opening = re.compile(r"\{%-?[ptrc]{0,2}\s+" + re.escape(name) + r"\b")
    found = [tag for text in _texts(template) for tag in _TAG.findall(text) if opening.match(tag)]
    return found[-1] if found else None


def _texts(template: Path) -> list[str]:
    """The text of the document, headers and footers, Word markup removed (so a tag that Word split
    over several runs is whole again)."""
    texts = []
    try:
        with zipfile.ZipFile(template) as archive:
            for name in archive.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    xml = archive.read(name).decode("utf-8", "replace")
                    texts.append(_XML_TAG.sub("", xml))
    except (OSError, zipfile.BadZipFile):
        pass
    return texts


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__
