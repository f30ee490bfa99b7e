"""`djrh new` and `djrh init`: the text of a new record, where it goes, and a new tree.

A new record lists every field of its kind, each with a comment taken from the form (for a theme
day: the labels of 附件2 and their bracketed instructions), so a secretary fills it in like the
paper form. Values are written so that the loader reads back exactly what was given.
"""

from __future__ import annotations

import os
import typing
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from djrh.kinds import vocab
from djrh.i18n import t
from djrh.kinds.jsonschema import SCHEMA_FOLDER
from djrh.kinds import MODELS
from djrh.rules.ids import ID_PATTERN
from djrh.check.validate import nested_models
from djrh.read.yaml12 import NumberTooLong, resolve_plain

# Where `djrh new` puts each kind (SPEC section 1: the convention, not a requirement).
FOLDERS = {
    "general_branch": "org",
    "branch": "org",
    "themeday": "themedays/{year}",
    "pilot": "pilots",
    "brand": "brands",
    "filing": "filings",
}

_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")


def format_scalar(value: Any, flow: bool = False) -> str:
    """A value as YAML text that reads back as the same value (YAML 1.2, djrh's loader);
    `flow`: inside `[…]`, where `,[]{}` end a plain value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _plain_safe(text) and not (flow and any(c in text for c in ",[]{}")):
        return text
    return double_quoted(text)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar: characters YAML does not allow in a file are escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or char in "\ufeff\u2028\u2029" or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _plain_safe(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_START:
        return False
    if any(c in text for c in "\n\r\t") or ": " in text or " #" in text or text.endswith(":"):
        return False
    if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\ufeff\u2028\u2029" for c in text):
        return False
    try:
        return resolve_plain(text) == text and isinstance(resolve_plain(text), str)
    except NumberTooLong:  # a number too long to read as one: written quoted, as text
        return False


def format_list(values: list[Any]) -> str:
    return "[" + ", ".join(format_scalar(v, flow=True) for v in values) + "]"


def _ordered_fields(schema: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    fields = [(name, info) for name, info in schema.model_fields.items() if name != "waivers"]
    if "waivers" in schema.model_fields:
        fields.append(("waivers", schema.model_fields["waivers"]))
    return fields


def _label(info: FieldInfo, lang: str) -> tuple[str, str]:
    if lang == "en":
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        english = extra.get("x-en", {})
        return english.get("title", ""), english.get("description", "")
    return info.title or "", info.description or ""


def _is_list(info: FieldInfo) -> bool:
    annotation = info.annotation
    if typing.get_origin(annotation) is list:
        return True
    return any(typing.get_origin(arg) is list for arg in typing.get_args(annotation))


def _comment(info: FieldInfo, lang: str) -> str:
    label, hint = _label(info, lang)
    text = label
    if info.is_required():
        text += t("scaffold.required", lang=lang)
    if hint:
        text += f"：{hint}" if lang == "zh" else f": {hint}"
    return text


def _field_lines(schema: type[BaseModel], values: dict[str, Any], indent: str, lang: str, top: bool) -> list[str]:
    lines: list[str] = []
    nested = nested_models(schema)
    for name, info in _ordered_fields(schema):
        comment = _comment(info, lang)
        value = values.get(name)
        model = nested.get(name)
        if top:
            lines.append(f"{indent}# {comment}")
            tail = ""
        else:
            tail = f"  # {comment}"
        if value is not None:
            text = format_list(value) if isinstance(value, list) else format_scalar(value)
            lines.append(f"{indent}{name}: {text}{tail}")
        elif model is not None and not _is_list(info):
            lines.append(f"{indent}{name}:{tail}")
            lines.extend(_field_lines(model, {}, indent + "  ", lang, top=False))
        elif model is not None and name != "waivers":
            # one blank row to copy; a list whose rows are all blank counts as empty
            lines.append(f"{indent}{name}:{tail}")
            row = _field_lines(model, {}, indent + "    ", lang, top=False)
            row[0] = indent + "  - " + row[0].lstrip()
            lines.extend(row)
        elif _is_list(info):
            lines.append(f"{indent}{name}: []{tail}")
        elif info.default is not None and not info.is_required() and info.default is not ...:
            lines.append(f"{indent}{name}: {format_scalar(info.default)}{tail}")
        else:
            lines.append(f"{indent}{name}:{tail}")
        if top:
            lines.append("")
    return lines


def record_text(kind: str, values: dict[str, Any], lang: str, modeline: str | None = None, markdown: bool = False) -> str:
    """The text of a new record of `kind`, every field present, `values` filled in."""
    schema = MODELS[kind]
    header = [f"# {line}" if line else "#" for line in t(f"scaffold.header.{kind}", lang=lang).split("\n")]
    header += [f"# {line}" if line else "#" for line in t("scaffold.instructions", lang=lang).split("\n")]
    body = _field_lines(schema, values, "", lang, top=True)
    while body and body[-1] == "":
        body.pop()
    lines = ([f"# yaml-language-server: $schema={modeline}"] if modeline and not markdown else [])
    lines += header + ["", f"kind: {kind}", ""] + body
    text = "\n".join(lines) + "\n"
    if markdown:
        minutes = t("scaffold.minutes", lang=lang, **_minutes_args(values))
        text = "---\n" + text + "---\n\n" + minutes.rstrip("\n") + "\n"
    return text


def _minutes_args(values: dict[str, Any]) -> dict[str, str]:
    when = " ".join(str(v) for v in (values.get("date"), values.get("time")) if v)
    return {"when": when, "place": str(values.get("place") or ""), "theme": str(values.get("theme") or "")}


def modeline_for(root: Path, path: Path, kind: str) -> str:
    """Relative path from the record's folder to the tree's schema file of its kind."""
    target = root / SCHEMA_FOLDER / f"{kind}.json"
    return Path(os.path.relpath(target, path.parent)).as_posix()


def default_id(kind: str, values: dict[str, Any]) -> str | None:
    """The conventional id of a new record, before making it unique."""
    if kind == "themeday" and values.get("branch") and values.get("date"):
        day = values["date"]
        return f"{values['branch']}-{day.year}-{day.month:02d}"
    if kind == "pilot" and values.get("units") and values.get("type") and values.get("selected_on"):
        code = vocab.lookup_table(vocab.PILOT_TYPE).get(values["type"], values["type"])  # 样板支部 -> model_branch
        return f"{values['units'][0]}-{code.replace('_', '-')}-{values['selected_on'].year}"
    if kind == "brand" and values.get("owner"):
        return f"{values['owner']}-brand"
    if kind == "filing" and values.get("unit") and values.get("submitted_on"):
        return f"{values['unit']}-{values['submitted_on'].isoformat()}"
    return None


def folder_for(kind: str, values: dict[str, Any]) -> str:
    year = None
    for name in ("date", "selected_on", "submitted_on", "started_on"):
        if isinstance(values.get(name), date):
            year = values[name].year
            break
    return FOLDERS[kind].format(year=year or date.today().year)


def free_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, … — the first id not taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def valid_id(text: str) -> bool:
    return bool(ID_PATTERN.match(text))


def config_text(institution: str | None, lang: str) -> str:
    return t("scaffold.config", lang=lang, institution=format_scalar(institution) if institution else "", year=date.today().year)
