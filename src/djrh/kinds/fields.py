"""What djrh knows of each field, in one place: its label and hint (Chinese, English), the kind of
value it takes, the values a choice field accepts, whether and when it is required, and its stage.

Read from the schemas (`field()` in djrh.kinds.types, the value types beside it). validate (SCH001
messages), scaffold (`djrh new`), jsonschema (`djrh schema`), docs (docs/format.md) and the rules
ask here, never pydantic's field info themselves.
"""

from __future__ import annotations

import types as pytypes
import typing
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from djrh.kinds.facts import Facts, schema_of
from djrh.kinds.types import FieldText, ValueSet, ValueType, When
from djrh.kinds import vocab
from djrh.kinds.vocab import Term


@dataclass(frozen=True)
class FieldMeta:
    name: str
    label_zh: str
    label_en: str
    hint_zh: str  # as written in field(); `hint()` adds a choice field's values
    hint_en: str
    # "text", "int", "number", "date", "time", "bool", "choice", "mapping" (a nested part),
    # "dict" (free keys), "list"
    type: str
    item: FieldMeta | None  # the items of a list (name "", no labels)
    choices: dict[str, Term] | None  # the vocabulary of a choice field (or of a list's items)
    bounds: tuple[Any, Any] | None  # (lowest, highest) of a number, when both are set
    nested: type[BaseModel] | None  # the part of a mapping, or of each item of a list of mappings
    stage: str  # "planned", "held", "outcome"
    # True: required (a planned field: the schema requires it; a later one: once the record
    # reaches its stage); a When: required when that holds; False: optional.
    required: bool | When
    default: Any  # the value when left out (None when required)

    @property
    def many(self) -> bool:
        return self.type == "list"

    @property
    def value_choices(self) -> dict[str, Term] | None:
        """The vocabulary of the field's values: its own, or its items'."""
        return self.choices if self.choices is not None else (self.item.choices if self.item is not None else None)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def code_of(self, value: Any) -> Any:
        """A choice written by its label or another accepted form (党小组会, 实践) as its code
        (party_group); any other value as it is."""
        terms = self.value_choices
        if terms is None or not isinstance(value, str):
            return value
        return vocab.lookup_table(terms).get(value.strip(), value)

    def hint(self, lang: str) -> str:
        """What to write: the hint of field(), and for a choice field the values it accepts, from
        its vocabulary (never restated by hand, so never one the schema refuses)."""
        hint = self.hint_zh if lang == "zh" else self.hint_en
        terms = self.value_choices
        if terms is None:
            return hint
        values = choice_hint(terms, lang)
        if not hint:
            return values
        return f"{hint}：{values}" if lang == "zh" else f"{hint}: {values}"


def choice_hint(terms: dict[str, Term], lang: str) -> str:
    """`faculty 教工 / student 学生 / …` (Chinese), `faculty / student / …` (English)."""
    if lang == "zh":
        return " / ".join(f"{code} {term.zh}" for code, term in terms.items())
    return " / ".join(terms)


@lru_cache(maxsize=None)
def fields_of(model: type[BaseModel]) -> dict[str, FieldMeta]:
    """The fields of a record kind or part, in the order of its form: its own fields, then
    `waivers` (common to every kind)."""
    names = [name for name in model.model_fields if name != "waivers"]
    if "waivers" in model.model_fields:
        names.append("waivers")
    return {name: _meta(name, model.model_fields[name]) for name in names}


def field_at(model: type[BaseModel], loc: tuple) -> FieldMeta | None:
    """The field at `loc` (`("members", "formal")`, list indexes skipped), or None."""
    meta = None
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        meta = fields_of(current).get(part)
        if meta is None:
            return None
        current = meta.nested
    return meta


@lru_cache(maxsize=1024)
def field_label(model: type[BaseModel], loc: tuple, lang: str) -> str:
    """The form label of the field at `loc` in `lang` (活动主题 / theme); "" for none."""
    meta = field_at(model, loc)
    return meta.label(lang) if meta is not None else ""


class FieldList:
    """Fields a message names (dotted paths in `model`, under `within`): as written in the file with
    their form labels, `prescribed（主题党日规定动作）、discussion（集体研讨）`, for whoever edits the
    file; on a page (djrh serve, i18n.on_page) by their labels alone, “主题党日规定动作”、“集体研讨”:
    the page's reader fills in the form and never sees the field names."""

    def __init__(self, model: type[BaseModel], names: list[str], within: tuple = ()) -> None:
        self.model, self.names, self.within = model, names, within

    def render(self, lang: str) -> str:
        from djrh.i18n import Series, for_page

        labels = [field_label(self.model, self.within + tuple(name.split(".")), lang) for name in self.names]
        if for_page():
            parts = [f"“{label}”" for label in labels]
        else:
            parts = [f"{name}（{label}）" if lang == "zh" else f"{name} ({label})" for name, label in zip(self.names, labels)]
        return Series(tuple(parts)).render(lang)


def fields_at(model: type[BaseModel], loc: tuple) -> dict[str, FieldMeta]:
    """The fields of the mapping at `loc` (`()`: the record itself); {} when it is no mapping."""
    if not any(not isinstance(part, int) for part in loc):
        return fields_of(model)
    meta = field_at(model, loc)
    return fields_of(meta.nested) if meta is not None and meta.nested is not None else {}


def nested_models(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """Field name -> the part of its nested mapping (or list of mappings), else None."""
    return _nested_table(model)


@lru_cache(maxsize=None)
def _nested_table(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    # in the model's own field order: validate prunes a record's values by it
    return {name: _part_of(info.annotation) for name, info in model.model_fields.items()}


def parts_of(model: type[BaseModel]) -> dict[type[BaseModel], FieldMeta]:
    """Every part reachable from `model`, with the first field holding it."""
    found: dict[type[BaseModel], FieldMeta] = {}
    pending = [model]
    while pending:
        for meta in fields_of(pending.pop()).values():
            if meta.nested is not None and meta.nested not in found:
                found[meta.nested] = meta
                pending.append(meta.nested)
    return found


def part_label(part: type[BaseModel], holder: FieldMeta | None, lang: str) -> str:
    """What one mapping of `part` is called: its LABEL, else the label of the field holding it."""
    own = getattr(part, "LABEL", None)
    if own is not None:
        return own[0] if lang == "zh" else own[1]
    return holder.label(lang) if holder is not None else part.__name__


@lru_cache(maxsize=None)
def required_at(model: type[BaseModel], stage: str) -> tuple[tuple[str, When | None], ...]:
    """The fields of `stage` that are required once the record reaches it, with their condition
    (None: always). For "planned", only the conditional ones: the schema requires the others."""
    found = []
    for name, meta in fields_of(model).items():
        if meta.stage != stage or meta.required is False:
            continue
        if isinstance(meta.required, When):
            found.append((name, meta.required))
        elif stage != "planned":
            found.append((name, None))
    return tuple(found)


def condition_holds(
    when: When, values: typing.Mapping[str, Any], model: type[BaseModel], unknown: bool | None = None
) -> bool:
    """Whether a condition (`integration` is true, `type` is party_group) holds for these values,
    as written (a choice by its label or code, a boolean as 是/否) or as validated. A field left
    blank takes its default; `unknown`, when given, is the answer while the field has no value yet
    (a model that did not validate, a prompt not answered yet)."""
    value = values.get(when.field)
    if value is None and unknown is not None:
        return unknown
    meta = fields_of(model).get(when.field)
    if value is None or (isinstance(value, str) and not value.strip()) or value in ([], {}):
        value = meta.default if meta is not None else None
    if meta is not None:
        value = meta.code_of(value)
        if meta.type == "bool" and isinstance(value, str):
            value = {"是": True, "否": False}.get(value.strip(), value)
    return value == when.value


def unfilled(model: Facts, stage: str) -> list[tuple[str, str | None]]:
    """The fields of `stage` required of this record (their condition holding) and empty: (name,
    message key of the condition). A field missing from a partial model (it did not validate)
    decides no condition; one missing itself counts as empty (the caller knows it is broken)."""
    schema = schema_of(model)
    deciding, required_when = _conditions(schema, stage)
    values = tuple([getattr(model, name, None) for name in deciding])
    try:
        required = required_when.get(values)
        if required is None:
            required = required_when[values] = _required(schema, stage, dict(zip(deciding, values)))
    except TypeError:  # an unhashable value (a list of a model being validated)
        required = _required(schema, stage, dict(zip(deciding, values)))
    missing = []
    for name, condition in required:
        value = getattr(model, name, None)
        if value is None or (type(value) is tuple and not value):  # facts hold a list as a tuple
            missing.append((name, condition))
    return missing


@lru_cache(maxsize=None)
def _conditions(schema: type[BaseModel], stage: str) -> tuple[tuple[str, ...], dict[tuple, tuple]]:
    """The fields whose values decide which fields of `stage` are required (`integration`, a
    meeting's `type`), and a table from their values to those fields: the thousands of theme days
    and meetings TD006 and MT008 look at hold a handful of such values, each decided once."""
    deciding = tuple(dict.fromkeys(when.field for _, when in required_at(schema, stage) if when is not None))
    return deciding, {}


def _required(schema: type[BaseModel], stage: str, values: dict[str, Any]) -> tuple[tuple[str, str | None], ...]:
    """The fields of `stage` required of a record with these values of the deciding fields, with the
    message key of their condition."""
    return tuple(
        (name, when.condition if when is not None else None)
        for name, when in required_at(schema, stage)
        if when is None or condition_holds(when, values, schema, unknown=False)
    )


# -- reading a field's definition


def _meta(name: str, info: FieldInfo) -> FieldMeta:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    text = extra.get("x-djrh")
    if not isinstance(text, FieldText):
        text = FieldText("", "", "planned", False)
    value = _value(info.annotation, list(info.metadata))
    required = True if info.is_required() else text.required
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    return FieldMeta(
        name=name, label_zh=info.title or "", label_en=text.label_en, hint_zh=info.description or "",
        hint_en=text.hint_en, type=value.type, item=value.item, choices=value.choices, bounds=value.bounds,
        nested=value.nested, stage=text.stage, required=required, default=default,
    )


def _value(annotation: Any, metadata: list) -> FieldMeta:
    """What kind of value `annotation` (with its field's metadata) holds, as an unnamed FieldMeta."""
    annotation = _unwrap_optional(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        base, *more = typing.get_args(annotation)
        return _value(base, [*more, *metadata])
    if typing.get_origin(annotation) is list:
        item = _value(typing.get_args(annotation)[0], [])
        return _plain("list", item=item, nested=item.nested)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _plain("mapping", nested=annotation)
    if typing.get_origin(annotation) is dict:
        return _plain("dict")
    flat = [m for item in metadata for m in (item.metadata if isinstance(item, FieldInfo) else [item])]
    for item in flat:
        if isinstance(item, ValueSet):
            return _plain("choice", choices=item.terms)
        if isinstance(item, ValueType):
            return _plain(item.name)
    low = next((getattr(m, "ge") for m in flat if hasattr(m, "ge")), None)
    high = next((getattr(m, "le") for m in flat if hasattr(m, "le")), None)
    bounds = (low, high) if low is not None and high is not None else None
    if annotation is int:
        return _plain("int", bounds=bounds)
    if annotation is float:
        return _plain("number", bounds=bounds)
    if annotation is date:
        return _plain("date")
    return _plain("text")


def _plain(kind: str, item: FieldMeta | None = None, choices=None, bounds=None, nested=None) -> FieldMeta:
    return FieldMeta("", "", "", "", "", kind, item, choices, bounds, nested, "planned", False, None)


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, pytypes.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _part_of(annotation: Any) -> type[BaseModel] | None:
    """The part of a nested mapping (or of the items of a list of mappings) in an annotation."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _part_of(arg)
        if found is not None:
            return found
    return None


__all__ = [
    "FieldMeta", "choice_hint", "field_at", "fields_at", "fields_of", "field_label", "nested_models", "part_label",
    "parts_of", "required_at", "unfilled",
]
