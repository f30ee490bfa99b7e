"""The text of a new record (`djrh new`), of a new tree's djrh.yaml (`djrh init`), and where a new
record goes.

A new record lists every field of its kind, each with a comment taken from the form (for a theme
day: the labels of 附件2 and their bracketed instructions), so a secretary fills it in like the
paper form. Values are written so that the loader reads back exactly what was given.
"""

from __future__ import annotations

import os

import yaml
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from djrh.i18n import t
from djrh.kinds import KINDS, MODELS
from djrh.kinds.fields import FieldMeta, fields_of
from djrh.kinds.jsonschema import SCHEMA_FOLDER
from djrh.read.yaml12 import NumberTooLong, resolve_plain
from djrh.rules.ids import ID_PATTERN

_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")


def format_scalar(value: Any, flow: bool = False) -> str:
    """A value as YAML text that reads back as the same value (YAML 1.2, djrh's loader);
    `flow`: inside `[…]` or `{…}`, where `,[]{}` end a plain value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if plain_safe(text, flow):
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


def plain_safe(text: str, flow: bool = False) -> bool:
    """Whether `text` can be written without quotes and read back as this very text: by djrh (YAML
    1.2) and by an editor that reads YAML 1.1 too (there `no`, `on` and `14:30` are not text)."""
    if not text or text != text.strip() or text[0] in _PLAIN_START:
        return False
    if any(c in text for c in "\n\r\t") or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and (any(c in text for c in ",[]{}") or ":" in text):
        return False
    if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\ufeff\u2028\u2029\u00a0\u3000" for c in text):
        return False
    try:
        if not (resolve_plain(text) == text and isinstance(resolve_plain(text), str)):
            return False
    except NumberTooLong:  # a number too long to read as one: written quoted, as text
        return False
    return _YAML11.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


_YAML11 = yaml.resolver.Resolver()


def format_row(row: dict[str, Any], part: type[BaseModel]) -> str:
    """One row of a part as a flow mapping, in the part's field order: `{name: 王丽, role: secretary}`."""
    names = [name for name in fields_of(part) if name in row] + [name for name in row if name not in fields_of(part)]
    items = []
    for name in names:
        value = row[name]
        if value is None or value == [] or value == "":
            continue
        text = format_list(value) if isinstance(value, list) else format_scalar(value, flow=True)
        items.append(f"{name}: {text}")
    return "{" + ", ".join(items) + "}"


def format_list(values: list[Any]) -> str:
    return "[" + ", ".join(format_scalar(v, flow=True) for v in values) + "]"


def _comment(meta: FieldMeta, lang: str) -> str:
    text = meta.label(lang)
    if meta.required is True and meta.stage == "planned":
        text += t("scaffold.required", lang=lang)
    hint = meta.hint(lang)
    if hint:
        text += f"：{hint}" if lang == "zh" else f": {hint}"
    return text


def _field_lines(schema: type[BaseModel], values: dict[str, Any], indent: str, lang: str, top: bool) -> list[str]:
    lines: list[str] = []
    for name, meta in fields_of(schema).items():
        comment = _comment(meta, lang)
        value = values.get(name)
        if top:
            lines.append(f"{indent}# {comment}")
            tail = ""
        else:
            tail = f"  # {comment}"
        if isinstance(value, dict) and meta.nested is not None:
            lines.append(f"{indent}{name}:{tail}")
            lines.extend(_field_lines(meta.nested, value, indent + "  ", lang, top=False))
        elif isinstance(value, list) and value and meta.nested is not None:
            lines.append(f"{indent}{name}:{tail}")
            lines.extend(f"{indent}  - {format_row(row, meta.nested)}" for row in value)
        elif value is not None:
            text = format_list(value) if isinstance(value, list) else format_scalar(value)
            lines.append(f"{indent}{name}: {text}{tail}")
        elif meta.nested is not None and not meta.many:
            lines.append(f"{indent}{name}:{tail}")
            lines.extend(_field_lines(meta.nested, {}, indent + "  ", lang, top=False))
        elif meta.nested is not None and name != "waivers":
            # one blank row to copy; a list whose rows are all blank counts as empty
            lines.append(f"{indent}{name}:{tail}")
            row = _field_lines(meta.nested, {}, indent + "    ", lang, top=False)
            row[0] = indent + "  - " + row[0].lstrip()
            lines.extend(row)
        elif meta.many:
            lines.append(f"{indent}{name}: []{tail}")
        elif meta.default is not None:
            lines.append(f"{indent}{name}: {format_scalar(meta.default)}{tail}")
        else:
            lines.append(f"{indent}{name}:{tail}")
        if top:
            lines.append("")
    return lines


def record_text(kind: str, values: dict[str, Any], lang: str, modeline: str | None = None, markdown: bool = False) -> str:
    """The text of a new record of `kind`, every field present, `values` filled in."""
    schema, spec = MODELS[kind], KINDS[kind]
    header_text = spec.header_zh if lang == "zh" else spec.header_en
    header = [f"# {line}" if line else "#" for line in header_text.split("\n")]
    header += [f"# {line}" if line else "#" for line in t("scaffold.instructions", lang=lang).split("\n")]
    body = _field_lines(schema, values, "", lang, top=True)
    while body and body[-1] == "":
        body.pop()
    lines = ([f"# yaml-language-server: $schema={modeline}"] if modeline and not markdown else [])
    lines += header + ["", f"kind: {kind}", ""] + body
    text = "\n".join(lines) + "\n"
    if markdown:
        minutes = t(spec.minutes_key, lang=lang, **_minutes_args(values))
        text = "---\n" + text + "---\n\n" + minutes.rstrip("\n") + "\n"
    return text


def _minutes_args(values: dict[str, Any]) -> dict[str, str]:
    when = " ".join(str(v) for v in (values.get("date"), values.get("time")) if v)
    return {
        "when": when, "place": str(values.get("place") or ""), "theme": str(values.get("theme") or ""),
        "topic": str(values.get("topic") or ""),
    }


def modeline_for(root: Path, path: Path, kind: str) -> str:
    """Relative path from the record's folder to the tree's schema file of its kind."""
    target = root / SCHEMA_FOLDER / f"{kind}.json"
    return Path(os.path.relpath(target, path.parent)).as_posix()


def folder_for(kind: str, values: dict[str, Any]) -> str:
    """Where `djrh new` puts a record (SPEC section 1: the convention, not a requirement): its
    kind's folder, in the year of its date (this year when it has none yet)."""
    spec = KINDS[kind]
    day = values.get(spec.date_field) if spec.date_field else None
    return spec.folder.format(year=day.year if isinstance(day, date) else date.today().year)


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
