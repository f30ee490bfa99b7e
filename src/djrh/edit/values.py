"""A field's value from what a person gave: an option on the command line, an answer at a prompt, a
field of the web form, a cell of a sheet. One reading for `new`, `fill`, `import` and `serve`.

What a value may be comes from the field (djrh.kinds.fields): a date, a time, a count, yes or no,
one of a choice's values (its code, its Chinese name, an alias, or its number in the list shown),
a list (items separated by commas or 、, or one per line), rows of a part (`张三（书记）、李四（组织委员）`
or `{name: 张三, role: secretary}`), a mapping. The result is what the record holds: a date as a
date, a choice as its code. References to other records are checked by the caller (it knows the
tree).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from pydantic_core import PydanticCustomError

from djrh.i18n import Msg, msg
from djrh.kinds import vocab
from djrh.kinds.fields import FieldMeta, fields_of
from djrh.kinds.types import parse_time, suggest_iso_date
from djrh.visible import UNPRINTABLE, undecodable, visible

_TRUE = {"是", "true", "yes", "y", "对", "√", "✓"}
_FALSE = {"否", "false", "no", "n", "不是", "×", "✗"}
# items of a list: commas (also full-width), 、, semicolons and line breaks
_ITEM_SEPARATORS = re.compile(r"[,，、;；\n]")
_ROW_SEPARATORS = re.compile(r"[;；\n]")


def text_problem(option: str, raw: Any) -> Msg | None:
    """What makes a value unfit for a record: bytes that are not UTF-8 (a GBK terminal) or a
    control character; None when it is fine."""
    for value in raw if isinstance(raw, list) else [raw]:
        if not isinstance(value, str):
            continue
        if undecodable(value):
            return msg("new.not_utf8", option=option, value=visible(value))
        bad = UNPRINTABLE.search(value.replace("\n", "").replace("\t", " "))
        if bad is not None:
            return msg("new.control_char", option=option, char=f"U+{ord(bad.group()):04X}")
    return None


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == [] or raw == {}


def parse_value(meta: FieldMeta, raw: Any, option: str, lenient: bool = False) -> tuple[Any, Msg | None]:
    """The value of field `meta` from `raw` (text, or a cell's number, date or boolean), or what
    is wrong with it (in the words of `option`: `--date`, 活动时间（日期）). Blank gives None.
    `lenient`: also `2026/3/18` and `2026年3月18日` for a date (a sheet's local format)."""
    if is_blank(raw):
        return None, None
    problem = text_problem(option, raw)
    if problem is not None:
        return None, problem
    kind = meta.type
    if kind == "list":
        return _parse_list(meta, raw, option, lenient)
    if kind == "mapping" and meta.nested is not None:
        return _parse_mapping(meta.nested, raw, option, lenient)
    return parse_scalar(meta, raw, option, lenient)


def parse_scalar(meta: FieldMeta, raw: Any, option: str, lenient: bool = False, choices_numbered: bool = True) -> tuple[Any, Msg | None]:
    kind = meta.type
    if kind == "date":
        return _parse_date(raw, option, lenient)
    if kind == "time":
        if isinstance(raw, (time, datetime)):
            return raw.strftime("%H:%M"), None
        try:
            return parse_time(str(raw).strip()), None
        except PydanticCustomError:
            return None, msg("sch.time_format", field=option, label="HH:MM-HH:MM", value=raw)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw, None
        word = str(raw).strip().lower()
        if word in _TRUE:
            return True, None
        if word in _FALSE:
            return False, None
        return None, msg("edit.bad_bool", option=option, value=raw)
    if kind in ("int", "number"):
        number = _number(raw)
        if number is None or (kind == "int" and number != int(number)):
            return None, msg("edit.bad_number", option=option, value=raw)
        number = int(number) if kind == "int" or number == int(number) else number
        bounds = meta.bounds
        low = bounds[0] if bounds else 0
        if low is not None and number < low:
            return None, msg("edit.bad_number", option=option, value=raw)
        return number, None
    terms = meta.value_choices
    if kind == "choice" and terms is not None:
        return choice_code(terms, raw, option, choices_numbered)
    if isinstance(raw, float) and raw == int(raw):  # a sheet's number in a text column: 2024.0
        raw = int(raw)
    if isinstance(raw, (date, datetime)):
        raw = raw.isoformat()[:10]
    text = str(raw).replace("\r\n", "\n").strip()
    return text or None, None


def choice_code(terms: dict[str, vocab.Term], raw: Any, option: str, numbered: bool = True) -> tuple[str | None, Msg | None]:
    """The code of a choice: from its code, Chinese name or alias, or its number in the list shown."""
    from djrh.check.validate import ChoiceList

    text = str(raw).strip()
    if isinstance(raw, float) and raw == int(raw):
        text = str(int(raw))
    code = vocab.lookup_table(terms).get(text) or vocab.lookup_table(terms).get(text.lower())
    if code is None and numbered and text.isdigit() and 1 <= int(text) <= len(terms):
        code = list(terms)[int(text) - 1]
    if code is None:
        return None, msg("new.bad_choice", option=option, value=raw, options=ChoiceList(terms))
    return code, None


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip().replace(",", "").translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    try:
        return float(text)
    except ValueError:
        return None


def _parse_date(raw: Any, option: str, lenient: bool) -> tuple[date | None, Msg | None]:
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    text = str(raw).strip()
    try:
        return date.fromisoformat(text), None
    except ValueError:
        pass
    suggestion = suggest_iso_date(text)
    if suggestion and lenient:
        return date.fromisoformat(suggestion), None
    if suggestion:
        return None, msg("out.bad_date_option_suggest", option=option, value=raw, suggestion=suggestion)
    return None, msg("out.bad_date_option", option=option, value=raw)


def split_items(text: str) -> list[str]:
    """The items of a list written in one piece of text."""
    return [part.strip() for part in _ITEM_SEPARATORS.split(text) if part.strip()]


def _parse_list(meta: FieldMeta, raw: Any, option: str, lenient: bool) -> tuple[list | None, Msg | None]:
    item = meta.item
    assert item is not None
    if item.nested is not None:
        rows = raw if isinstance(raw, list) else split_rows(str(raw))
        values = []
        for row in rows:
            value, problem = _parse_mapping(item.nested, row, option, lenient)
            if problem is not None:
                return None, problem
            if value:
                values.append(value)
        return values, None
    items = raw if isinstance(raw, list) else split_items(str(raw)) if isinstance(raw, str) else [raw]
    values = []
    for part in items:
        value, problem = parse_scalar(item, part, option, lenient, choices_numbered=False)
        if problem is not None:
            return None, problem
        if value is not None:
            values.append(value)
    return values, None


def split_rows(text: str) -> list[str]:
    """The rows of a part written in one piece of text: one per line (or separated by ；), else
    separated by 、 outside brackets (`张三（书记）、李四（组织委员）`)."""
    text = text.strip()
    if text.startswith("{") or _ROW_SEPARATORS.search(text):
        return [row.strip() for row in _split_outside(text, ";；\n") if row.strip()]
    return [row.strip() for row in _split_outside(text, "、") if row.strip()]


def _split_outside(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        if char in "（({[":
            depth += 1
        elif char in "）)}]":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ROW = re.compile(r"\s*(.*?)\s*[（(](.*)[）)]\s*\Z", re.DOTALL)


def row_values(part: type, text: str) -> dict[str, Any]:
    """The fields of one row written as text: `{name: 张三, role: 书记}` (YAML), or `张三（书记）`:
    the first field, then the others in their form order in brackets, separated by commas."""
    from djrh.read.yaml12 import YamlProblem, parse

    text = text.strip()
    if text.startswith("{"):
        try:
            data = parse(text).data
        except YamlProblem:
            data = None
        if isinstance(data, dict):
            return data
    names = list(fields_of(part))
    names = [name for name in names if name != "waivers"]
    match = _ROW.match(text)
    if match is None:
        return {names[0]: text}
    values: dict[str, Any] = {names[0]: match[1]}
    rest = re.split(r"[，,]", match[2])
    for name, value in zip(names[1:], rest):
        if value.strip():
            values[name] = value.strip()
    return values


def _parse_mapping(part: type, raw: Any, option: str, lenient: bool) -> tuple[dict | None, Msg | None]:
    if isinstance(raw, dict):
        data = raw
    else:
        data = row_values(part, str(raw))
    metas = fields_of(part)
    values = {}
    for name, value in data.items():
        meta = metas.get(str(name))
        if meta is None:
            return None, msg("edit.unknown_part_field", option=option, field=name, known=", ".join(metas))
        parsed, problem = parse_value(meta, value, f"{option}.{name}", lenient)
        if problem is not None:
            return None, problem
        if parsed is not None:
            values[str(name)] = parsed
    return values, None


def shown(meta: FieldMeta, value: Any, lang: str) -> str:
    """A value as a person reads it back at a prompt or in a cell: a choice by its Chinese name,
    a list joined with 、, a row as `张三（书记）`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("true" if value else "false")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        item = meta.item
        parts = [shown(item, v, lang) if item is not None else str(v) for v in value]
        joiner = "\n" if item is not None and item.nested is not None else "、"
        return joiner.join(parts)
    if isinstance(value, dict):
        part = meta.nested
        if part is None:
            return str(value)
        return row_text(part, value, lang)
    terms = meta.value_choices
    if terms is not None and str(value) in terms:
        return vocab.label(terms, str(value), lang)
    text = str(value)
    if terms is not None:  # a label written in the record: shown as written
        return text
    return text


def row_text(part: type, value: dict, lang: str) -> str:
    """One row of a part as text that `row_values` reads back."""
    metas = fields_of(part)
    names = [name for name in metas if name != "waivers"]
    cells = [shown(metas[name], value.get(name), lang) for name in names]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    plain = all(not re.search(r"[，,（）()\n;；、{}]", cell) for cell in cells)
    if plain and cells[0]:
        return cells[0] + (f"（{'，'.join(cells[1:])}）" if len(cells) > 1 else "")
    from djrh.edit.scaffold import format_scalar

    inner = ", ".join(f"{name}: {format_scalar(cell, flow=True)}" for name, cell in zip(names, cells) if cell)
    return "{" + inner + "}"


__all__ = ["choice_code", "is_blank", "parse_scalar", "parse_value", "row_text", "row_values", "shown", "split_items", "split_rows", "text_problem"]
