"""`djrh fill` as a library call: which fields of a record are due now, and setting fields of an
existing record from given values (the command's options and prompts, a save in the web page).

The fields come from the kind (djrh.kinds.fields): each field of a nested part (`attendance`,
`outcome`) is a slot of its own (`attendance.present`), in the order of the form, with its stage.
What is due is the stage the record has reached: before its date the planned fields; after it the
held fields (after a theme day 规定动作, 自选动作 and attendance; after a meeting its content,
decisions and attendance); once those are written, the outcome (工作成效 and its evaluation date).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from djrh.edit.roundtrip import EditError, RecordEdit
from djrh.edit.values import is_blank, parse_value, split_items, split_rows
from djrh.i18n import Msg, msg
from djrh.kinds import KIND_NAMES, KINDS, MODELS
from djrh.kinds.fields import FieldMeta, condition_holds, fields_of
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import STAGES, When


@dataclass(frozen=True)
class Slot:
    """One value `fill` writes: a field of the record, or of one of its nested parts."""

    path: tuple[str, ...]
    meta: FieldMeta
    parents: tuple[FieldMeta, ...] = ()  # the fields holding it (`attendance` for attendance.present)

    @property
    def name(self) -> str:
        return ".".join(self.path)

    def __hash__(self) -> int:
        return hash(self.path)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Slot) and other.path == self.path

    @property
    def stage(self) -> str:
        return self.parents[0].stage if self.parents else self.meta.stage

    def label(self, lang: str) -> str:
        return "·".join(meta.label(lang) for meta in (*self.parents, self.meta))

    @property
    def required(self) -> bool | When:
        """Required when its stage is reached: its own requirement, or for a part's field, the
        part's requirement when the field is required within it."""
        if not self.parents:
            return self.meta.required
        if self.meta.required is not True:
            return False
        return self.parents[0].required


def slots(model: type[BaseModel]) -> list[Slot]:
    """Every value of a kind that fill can set, in form order: a nested part's fields one by one,
    a list (also a list of rows) as one value."""
    found: list[Slot] = []

    def walk(part: type[BaseModel], prefix: tuple[str, ...], parents: tuple[FieldMeta, ...]) -> None:
        for name, meta in fields_of(part).items():
            if meta.type == "mapping" and meta.nested is not None:
                walk(meta.nested, prefix + (name,), parents + (meta,))
            else:
                found.append(Slot(prefix + (name,), meta, parents))

    walk(model, (), ())
    return found


def slot_named(model: type[BaseModel], name: str) -> Slot | None:
    """The slot an option names: `attendance.present`, `also-counts-as`, or a form label."""
    wanted = name.strip().replace("-", "_")
    for slot in slots(model):
        if slot.name == wanted or slot.label("zh") == name.strip() or slot.meta.label_zh == name.strip():
            return slot
    return None


def closest_slot(model: type[BaseModel], name: str) -> str | None:
    names = [slot.name for slot in slots(model)]
    match = difflib.get_close_matches(name.replace("-", "_"), names, n=1, cutoff=0.6)
    return match[0] if match else None


# -- what is due


def applies(slot: Slot, data: Mapping[str, Any], model: type[BaseModel]) -> bool:
    """Whether the form asks for this value of this record (the 十大育人 path only for a day of
    三全育人; the 自选动作 only for an integration day)."""
    top = slot.parents[0] if slot.parents else slot.meta
    return not isinstance(top.required, When) or condition_holds(top.required, data, model)


def value_at(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def is_missing(slot: Slot, data: Mapping[str, Any], model: type[BaseModel]) -> bool:
    """A value the record must have once its stage is reached, and has not."""
    required = slot.required
    if required is False or not applies(slot, data, model):
        return False
    if isinstance(required, When) and not condition_holds(required, data, model):
        return False
    value = value_at(data, slot.path)
    return is_blank(value) or (isinstance(value, list) and all(is_blank(item) or item == {} for item in value))


def record_day(spec: KindSpec, data: Mapping[str, Any]) -> date | None:
    value = data.get(spec.date_field) if spec.date_field else None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None


def due_stage(spec: KindSpec, data: Mapping[str, Any], as_of: date) -> str:
    """The stage whose fields are due now: planned before the record's date (and for a record
    without one); after it the held fields, and once those are written the outcome."""
    model = MODELS[spec.code]
    day = record_day(spec, data)
    if day is None or day > as_of:
        return "planned"
    later = {stage: [s for s in slots(model) if s.stage == stage and applies(s, data, model)] for stage in STAGES[1:]}
    if later["held"] and any(is_missing(s, data, model) for s in later["held"]):
        return "held"
    if later["outcome"]:
        return "outcome"
    return "held" if later["held"] else "planned"


def due_slots(spec: KindSpec, data: Mapping[str, Any], stage: str) -> list[Slot]:
    """The values of `stage` this record is asked for, in form order (evidence files excepted:
    `djrh attach` copies them)."""
    model = MODELS[spec.code]
    files = {pattern[: len(pattern) - (pattern[-1] == "*")] for pattern in spec.file_paths}
    return [
        s for s in slots(model)
        if s.stage == stage and applies(s, data, model) and s.path not in files and s.path != ("waivers",)
    ]


def missing(spec: KindSpec, data: Mapping[str, Any], as_of: date) -> list[Slot]:
    """The required values of the stages reached that are still empty."""
    model = MODELS[spec.code]
    day = record_day(spec, data)
    reached = {"planned"} if day is None or day > as_of else {"planned", "held"}
    return [s for s in slots(model) if s.stage in reached and is_missing(s, data, model)]


# -- setting values


@dataclass
class Filled:
    """A fill made (not yet saved): the edit, what changed, and any value that could not be read."""

    edit: RecordEdit
    spec: KindSpec
    changed: list[str] = field(default_factory=list)
    problems: list[Msg] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.edit.text()


def kind_of(edit: RecordEdit) -> KindSpec:
    kind = edit.data.get("kind")
    code = KIND_NAMES.get(kind.strip()) if isinstance(kind, str) else None
    if code is None:
        raise EditError(msg("edit.no_kind", path=edit.rel))
    return KINDS[code]


def read_values(
    spec: KindSpec, given: Mapping[str, Any], references=None, itemized: bool = False,
) -> tuple[dict[Slot, Any], list[Msg]]:
    """Typed values from what was given (slot name -> text, a list of texts, or a typed value);
    `references(kinds, id)`: whether the id names a record of one of those kinds. `itemized`: a
    list is given item by item (the rows of a web form), so an item is never split at its commas
    or 、 (a file named 签到表、照片.pdf stays one item)."""
    model = MODELS[spec.code]
    values: dict[Slot, Any] = {}
    problems: list[Msg] = []
    for name, raw in given.items():
        slot = slot_named(model, name)
        if slot is None:
            suggestion = closest_slot(model, name)
            key = "edit.unknown_option_suggest" if suggestion else "edit.unknown_option"
            problems.append(msg(key, option=f"--{name}", suggestion=f"--{suggestion}" if suggestion else "", kind=spec.code))
            continue
        if isinstance(raw, list) and slot.meta.type != "list":
            raw = raw[-1] if raw else None
        elif isinstance(raw, list) and not itemized and all(isinstance(item, str) for item in raw):
            # each option given may hold several items (`党课，支委会`) or rows
            rows = slot.meta.item is not None and slot.meta.item.nested is not None
            raw = [part for item in raw for part in (split_rows(item) if rows else split_items(item))]
        value, problem = parse_value(slot.meta, raw, f"--{slot.name}")
        if problem is not None:
            problems.append(problem)
            continue
        kinds = spec.reference_kinds(slot.path[0]) if len(slot.path) == 1 else None
        if kinds and references is not None and value is not None:
            for ref in value if isinstance(value, list) else [value]:
                if not references(kinds, ref):
                    from djrh.rules.refs import KindNames

                    problems.append(msg("edit.bad_ref", option=f"--{slot.name}", id=ref, expected=KindNames(kinds)))
        values[slot] = value
    return values, problems


def fill(edit: RecordEdit, values: Mapping[Slot, Any]) -> Filled:
    """Set the given values in the record being edited (nothing is saved)."""
    filled = Filled(edit, kind_of(edit))
    for slot, value in values.items():
        if edit.set(slot.path, value):
            filled.changed.append(slot.name)
    return filled


def fill_record(root: Path, rel: str, given: Mapping[str, Any], references=None, itemized: bool = False) -> Filled:
    """The library call a web form makes (djrh serve): open the record, read the given values
    (slot name -> text or typed value; `itemized`: see read_values), set them. `Filled.problems`
    lists the values that could not be read (then nothing is set); `Filled.edit.save()` writes it."""
    edit = RecordEdit.open(root, rel)
    spec = kind_of(edit)
    values, problems = read_values(spec, given, references, itemized)
    if problems:
        return Filled(edit, spec, problems=problems)
    return fill(edit, values)


__all__ = [
    "Filled", "Slot", "applies", "due_slots", "due_stage", "fill", "fill_record", "is_missing", "kind_of",
    "missing", "read_values", "slot_named", "slots", "value_at",
]
