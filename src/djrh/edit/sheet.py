"""A kind as a sheet (台账): its columns, the headers a sheet may use for them, a record as a row.

One column per value of the kind (djrh.edit.fill.slots: a nested part's fields one by one), headed
by its form label (`出席情况·应到人数` for a part's field); a list is one cell (items joined with 、,
rows of a part one per line as `张三（书记）`). `export` writes this layout and `import` reads it,
together with the variants real sheets use: the English field names, a label without its part
(`应到人数`) or its bracket (`活动时间（日期）`: `活动日期`, `日期`), the kind's name before it
(`支部名称`), a row-per-member layout (`姓名`, `职务`), a column per committee role (`书记`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from djrh.edit.fill import Slot, slots
from djrh.edit.values import shown
from djrh.kinds import KINDS, MODELS
from djrh.kinds.fields import FieldMeta, fields_of

ID_HEADERS = ("记录 id", "记录id", "id", "record id")
SKIPPED_HEADERS = ("序号", "no", "no.", "编号序号")  # a row number: not a value


@dataclass(frozen=True)
class Column:
    """A column of a kind's sheet: a slot, or one field of the rows of a list slot (`姓名` of the
    committee, one row per member), or the names of the rows with one value of a choice (`书记`)."""

    slot: Slot
    row_field: str | None = None  # a field of the rows: one sheet row per row of the list
    role: tuple[str, str] | None = None  # (field, code): the names of the rows whose field has this value

    @property
    def key(self) -> tuple:
        return (self.slot.path, self.row_field, self.role)


def header(slot: Slot, lang: str = "zh") -> str:
    return slot.label(lang)


def normalize(text: Any) -> str:
    """A header as written, compared: no spaces or line breaks, no required marks, ASCII brackets
    made full-width, English in lower case."""
    text = re.sub(r"[\s\u3000]+", "", str(text or ""))
    text = text.replace("(", "（").replace(")", "）").replace("＊", "*")
    text = re.sub(r"（必填）|（选填）|\*+$|^\*+", "", text)
    return text.lower()


def _label_variants(label: str) -> set[str]:
    found = {label}
    if "·" in label:
        found.add(label.split("·")[-1])
    match = re.fullmatch(r"(.+?)（(.+)）", label)
    if match:
        outer, inner = match[1], match[2]
        found |= {outer, inner, outer + inner}
        if outer.endswith("时间"):
            found.add(outer[:-2] + inner)  # 活动时间（日期） -> 活动日期
    for text in list(found):
        if text.endswith("人数") and len(text) > 3:
            found.add(text[:-2])  # 应到人数 -> 应到
    return found


def header_table(kind: str) -> dict[str, Column]:
    """Every header a sheet of `kind` may use -> its column. A header that could mean two columns
    is left out (the full label always works)."""
    return _tables(kind)[0]


def exact_headers(kind: str) -> frozenset[str]:
    """The headers that are a column's own label or field name (not a variant)."""
    return _tables(kind)[1]


@lru_cache(maxsize=None)
def _tables(kind: str) -> tuple[dict[str, Column], frozenset[str]]:
    model, spec = MODELS[kind], KINDS[kind]
    names = [spec.term.zh, *spec.term.aliases]
    exact: dict[str, Column] = {}
    loose: dict[str, list[Column]] = {}

    def add(text: str, column: Column, strong: bool) -> None:
        key = normalize(text)
        if not key:
            return
        if strong:
            exact.setdefault(key, column)
        else:
            loose.setdefault(key, [])
            if column not in loose[key]:
                loose[key].append(column)

    for slot in slots(model):
        column = Column(slot)
        add(slot.label("zh"), column, True)
        add(slot.name, column, True)
        add(slot.label("en"), column, True)
        add(slot.meta.label_en, column, False)
        add(slot.path[-1], column, False)
        labels = _label_variants(slot.meta.label_zh) | _label_variants(slot.label("zh"))
        for name in names:  # 主题党日规定动作 -> 规定动作
            labels |= {label[len(name):] for label in labels if label.startswith(name) and len(label) > len(name) + 1}
        for label in labels:
            add(label, column, False)
            for name in names:
                add(name + label, column, False)
        if slot.parents:
            add(slot.parents[0].label_zh + slot.meta.label_zh, column, False)
        item = slot.meta.item
        if slot.meta.type == "list" and item is not None and item.nested is not None:
            part_fields = {n: m for n, m in fields_of(item.nested).items() if n != "waivers"}
            for name, meta in part_fields.items():
                row_column = Column(slot, row_field=name)
                add(f"{slot.meta.label_zh}·{meta.label_zh}", row_column, True)
                add(meta.label_zh, row_column, False)
                add(slot.meta.label_zh + meta.label_zh, row_column, False)
            choice = [(n, m) for n, m in part_fields.items() if m.value_choices]
            if len(part_fields) == 2 and len(choice) == 1:  # {name, role}: a column per role
                field_name, meta = choice[0]
                for code, term in meta.value_choices.items():
                    role_column = Column(slot, role=(field_name, code))
                    for label in (term.zh, *term.aliases):
                        add(label, role_column, False)
    table = dict(exact)
    for key, columns in loose.items():
        if key not in table and len(columns) == 1:
            table[key] = columns[0]
    return table, frozenset(exact)


def match(kind: str, text: Any) -> Column | None:
    return header_table(kind).get(normalize(text))


def is_id_header(text: Any) -> bool:
    return normalize(text) in {normalize(h) for h in ID_HEADERS}


def is_skipped_header(text: Any) -> bool:
    return normalize(text) in SKIPPED_HEADERS


def columns(kind: str) -> list[Slot]:
    """The columns `export` writes, in form order."""
    return slots(MODELS[kind])


def cell(slot: Slot, value: Any, lang: str = "zh") -> Any:
    """A record's value as a cell: a date as a date, a number as a number, the rest as text a
    person reads (and `import` reads back)."""
    if value is None or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return shown(slot.meta, value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if slot.meta.type == "date" and isinstance(value, str):
        return value
    return shown(slot.meta, value, lang)


def part_meta(slot: Slot, name: str) -> FieldMeta:
    return fields_of(slot.meta.item.nested)[name]


__all__ = ["Column", "cell", "columns", "header", "header_table", "is_id_header", "match", "normalize", "part_meta"]
