"""Check a parsed record against the schema of its kind (SCH001, SCH002).

pydantic does the validation; this module prepares the data (an empty value counts as absent,
SPEC section 2), picks the schema by `kind`, and turns pydantic's errors into findings with a
position and a message in the user's terms.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from djrh.findings import Finding
from djrh.i18n import Msg, msg
from djrh.kinds import KIND_NAMES, KINDS, MODELS, kind_terms, vocab
from djrh.kinds.facts import facts_of
from djrh.kinds.fields import FieldMeta, field_at, field_label, fields_at, fields_of, nested_models, unfilled
from djrh.read.load import fullwidth_colon
from djrh.records import Record

__all__ = ["ChoiceList", "FieldLabel", "describe_error", "nested_models", "partial_model", "prune_empty", "validate"]


def folder_kind(path: str) -> str:
    """The kind `djrh new` puts in the first folder of `path`, to suggest a missing `kind`; "" for
    a folder of several kinds (org/) or of none."""
    folder = path.split("/", 1)[0]
    found = [code for code, spec in KINDS.items() if spec.folder_root() == folder]
    return found[0] if len(found) == 1 else ""


def validate(record: Record) -> list[Finding]:
    """Fill `record.kind` and `record.model`; return the schema findings."""
    data = record.data
    if not isinstance(data, dict):
        return [_top_level(record)]
    kind_value = data.get("kind")
    if kind_value is None or kind_value == "":
        guess = folder_kind(record.path)
        message = msg("sch.kind_missing_guess", guess=guess) if guess else msg("sch.kind_missing")
        return [_sch(record, (), "key", message)]
    if not isinstance(kind_value, str):
        found = _describe_value(kind_value)
        return [_sch(record, ("kind",), "value", msg("sch.wrong_type", field="kind", label=Msg("label.kind"), expected=Msg("type.text"), found=found))]
    kind = KIND_NAMES.get(kind_value.strip())
    if kind is None:
        suggestion = _closest(str(kind_value), list(MODELS))
        kinds = ChoiceList(kind_terms())
        message = (
            msg("sch.kind_unknown_suggest", value=kind_value, suggestion=suggestion, kinds=kinds)
            if suggestion
            else msg("sch.kind_unknown", value=kind_value, kinds=kinds)
        )
        return [_sch(record, ("kind",), "value", message)]
    record.kind = kind
    schema = MODELS[kind]
    fields = {key: value for key, value in data.items() if key != "kind"}
    try:
        # Most records are complete: validate them as written, and only when that fails look
        # again with blank values taken as absent (text fields refuse blank text for this).
        model = schema.model_validate(fields)
    except ValidationError:
        pruned = prune_empty(fields, schema)
        try:
            model = schema.model_validate(pruned)
        except ValidationError as error:
            items = error.errors()
            findings = [describe_error(record, schema, fields, item) for item in items]
            # Keep what validated (SPEC section 3): the rules still count this record wherever the
            # fields they read are valid. A problem inside a field breaks the whole field.
            broken = frozenset(str(item["loc"][0]) for item in items if item["loc"] and item["loc"][0] in schema.model_fields)
            record.model, record.broken = facts_of(partial_model(schema, pruned, broken)), broken
            return findings + _required_if(record, schema, record.model)
    record.model = facts_of(model)  # what the record keeps: its facts (djrh.kinds.facts)
    findings = _required_if(record, schema, record.model)
    record.valid = not findings
    return findings


def _required_if(record: Record, schema: type[BaseModel], model) -> list[Finding]:
    """The planned fields required on a condition that holds (`When`), left empty."""
    return [
        _sch(record, (name,), "key", msg("sch.required_if", field=name, label=_label(schema, (name,)), condition=Msg(cond)))
        for name, cond in unfilled(model, "planned")
        if name not in record.broken
    ]


_FIELD_ADAPTERS: dict[tuple[type, str], TypeAdapter] = {}


def partial_model(schema: type[BaseModel], fields: dict, broken: frozenset[str]) -> BaseModel:
    """A model of `schema` holding the fields of `fields` that validate on their own; the `broken`
    ones are left out of it altogether (reading one is an AttributeError, never a default that
    would pass for a value the record does not have)."""
    values = {}
    for name, value in fields.items():
        if name in broken or name not in schema.model_fields:
            continue
        adapter = _FIELD_ADAPTERS.get((schema, name))
        if adapter is None:
            info = schema.model_fields[name]
            adapter = _FIELD_ADAPTERS[(schema, name)] = TypeAdapter(Annotated[info.annotation, info])
        try:
            values[name] = adapter.validate_python(value)
        except ValidationError:  # cannot happen (pydantic reported no error here); stay on the safe side
            broken = broken | {name}
    model = schema.model_construct(_fields_set=set(values), **values)
    for name in broken:
        model.__dict__.pop(name, None)
    return model


def is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def prune_empty(mapping: dict, schema: type[BaseModel] | None = None) -> dict:
    """Drop empty values: a field left blank (as `djrh new` writes it) counts as absent.

    Applies inside nested mappings too; a mapping left with nothing is itself empty. A key the
    schema does not know is kept even when empty, so that its typo is still reported (SCH002).
    A list of only blank rows is empty; otherwise rows are kept as they are (a blank row
    among filled ones is an error to see)."""
    fields = nested_models(schema) if schema is not None else None
    result = {}
    for key, value in mapping.items():
        nested = None
        if fields is not None:
            if key not in fields:
                result[key] = value
                continue
            nested = fields[key]
        if type(value) is dict:
            value = prune_empty(value, nested)
        elif type(value) is list:
            value = [prune_empty(item, nested) if type(item) is dict else item for item in value]
            if all(is_empty(item) for item in value):
                value = []  # only blank rows, as `djrh new` writes one to copy
        if not is_empty(value):
            result[key] = value
    return result


def describe_error(record: Record, schema: type[BaseModel], fields: dict, error: dict) -> Finding:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    name = _dotted(loc)
    label = _label(schema, loc)
    value = error.get("input")
    if kind == "extra_forbidden":
        return _unknown_field(record, schema, loc)
    if kind == "missing":
        present = _lookup(fields, loc) is not _ABSENT
        key = "sch.empty_required" if present else "sch.missing"
        return _sch(record, loc, "key", msg(key, field=name, label=label))
    if kind.startswith("djrh_"):
        finding = _sch(record, loc, "value", _custom_message(kind, name, label, ctx, schema, loc))
        if kind == "djrh_choice" and _separated_choices(schema, loc, ctx.get("value", "")):
            finding = replace(finding, fixable=True)  # `[党课，支委会]`: djrh fix separates them
        return finding
    if kind in ("too_short",):
        return _sch(record, loc, "key", msg("sch.too_short", field=name, label=label))
    if kind in ("greater_than_equal", "greater_than"):
        return _sch(record, loc, "value", msg("sch.too_small", field=name, label=label, value=value, limit=ctx.get("ge", ctx.get("gt"))))
    if kind in ("less_than_equal", "less_than"):
        return _sch(record, loc, "value", msg("sch.too_large", field=name, label=label, value=value, limit=ctx.get("le", ctx.get("lt"))))
    type_key = _TYPE_ERRORS.get(kind)
    if type_key == "type.text" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _sch(record, loc, "value", msg("sch.number_for_text", field=name, label=label, value=value, key=str(loc[-1])))
    meta = field_at(schema, loc)
    if type_key in ("type.mapping", "type.list") and meta is not None and meta.nested is not None:
        # a part written as one value (`members: 55`): say what its parts are, and how to write them
        item = isinstance(loc[-1], int) or (type_key == "type.mapping" and meta.many)
        key = "sch.item_expected" if item else "sch.list_expected" if meta.many else "sch.mapping_expected"
        shown = FieldExample(record.kind or "", loc, item)
        return _sch(record, loc, "value", msg(key, field=name, label=label, found=_describe_value(value),
                                              parts=PartLabels(meta.nested), example=shown))
    if type_key == "type.list" and meta is not None and isinstance(value, str) and value.strip():
        # `also_counts_as: 党课，支委会`: the items written as one text; show them as a list
        parts = [part.strip() for part in re.split("[，、；,]", value) if part.strip()]
        terms = meta.value_choices
        if terms is None or all(vocab.lookup_table(terms).get(part) for part in parts):
            written = f"{loc[-1]}: [{', '.join(flow_yaml(part) for part in parts)}]"
            comma = next((mark for mark in "，、；" if mark in value), None)
            if comma is not None:
                return _sch(record, loc, "value", msg("sch.choice_fullwidth_comma", field=name, label=label, value=value,
                                                      comma=comma, written=written))
            return _sch(record, loc, "value", msg("sch.list_of_values", field=name, label=label, found=_describe_value(value),
                                                  written=written))
    if type_key is not None:
        return _sch(record, loc, "value", msg("sch.wrong_type", field=name, label=label, expected=Msg(type_key), found=_describe_value(value)))
    return _sch(record, loc, "value", msg("sch.invalid", field=name, label=label, detail=error.get("msg", "")))


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d")

_TYPE_ERRORS = {
    "string_type": "type.text",
    "int_type": "type.int",
    "int_parsing": "type.int",
    "int_from_float": "type.int",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "bool_type": "type.bool",
    "list_type": "type.list",
    "dict_type": "type.mapping",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
    "date_type": "type.date",
}


def _custom_message(kind: str, name: str, label: FieldLabel, ctx: dict, schema: type[BaseModel], loc: tuple) -> Msg:
    value = ctx.get("value", "")
    if kind == "djrh_date_impossible":
        return msg("sch.date_impossible", field=name, label=label, value=value)
    if kind == "djrh_control_char":
        return msg("sch.control_char", field=name, label=label, char=ctx["char"])
    if kind == "djrh_date_range":
        return msg("sch.date_range", field=name, label=label, value=value, first=ctx["first"], last=ctx["last"])
    if kind == "djrh_date_format":
        if _DATE_TIME.match(value):
            return msg("sch.date_with_time", field=name, label=label, value=value, day=value[:10])
        suggestion = ctx.get("suggestion")
        if suggestion:
            return msg("sch.date_format_suggest", field=name, label=label, value=value, suggestion=suggestion)
        return msg("sch.date_format", field=name, label=label, value=value)
    if kind == "djrh_time":
        key = "sch.time_fullwidth" if ctx.get("hint") == "fullwidth" else "sch.time_format"
        return msg(key, field=name, label=label, value=value)
    if kind == "djrh_time_order":
        return msg("sch.time_order", field=name, label=label, value=value)
    if kind == "djrh_bool":
        key = "sch.bool_yes_no" if value.lower() in ("yes", "no", "on", "off", "y", "n") else "sch.bool"
        return msg(key, field=name, label=label, value=value)
    if kind == "djrh_choice":
        terms = field_at(schema, loc).value_choices  # the vocabulary of the field's type
        parts = [part.strip() for part in re.split("[，、；]", value)]
        if len(parts) > 1 and all(vocab.lookup_table(terms).get(part) for part in parts):
            # `[党课，支委会]`: one value to YAML, since only an ASCII comma separates the items
            comma = next(mark for mark in "，、；" if mark in value)
            written = f"{loc[0]}: [{', '.join(parts)}]"
            return msg("sch.choice_fullwidth_comma", field=name, label=label, value=value, comma=comma, written=written)
        suggestion = _closest(value, list(terms) + [term.zh for term in terms.values()])
        options = ChoiceList(terms)
        if suggestion:
            return msg("sch.choice_suggest", field=name, label=label, value=value, suggestion=suggestion, options=options)
        return msg("sch.choice", field=name, label=label, value=value, options=options)
    return msg("sch.invalid", field=name, label=label, detail=value)


def _separated_choices(schema: type[BaseModel], loc: tuple, value: str) -> bool:
    """An item of a list of fixed values holding several of them separated by a full-width comma
    or 、 (`党课，支委会`)."""
    if not loc or not isinstance(loc[-1], int) or not re.search("[，、]", value):
        return False
    meta = field_at(schema, loc)
    terms = meta.value_choices if meta is not None else None
    if terms is None:
        return False
    table = vocab.lookup_table(terms)
    return all(part.strip() in table for part in re.split("[，、]", value))


@dataclass(frozen=True, slots=True)
class ChoiceList:
    """The allowed values of a field, listed in the output language: `education（三全育人）`."""

    terms: dict[str, vocab.Term]

    def render(self, lang: str) -> str:
        if lang == "zh":
            return "、".join(f"{code}（{term.zh}）" for code, term in self.terms.items())
        return ", ".join(f"{code} ({term.en})" for code, term in self.terms.items())


@dataclass(frozen=True, slots=True)
class PartLabels:
    """The fields of a part, as a message lists them: `formal（正式党员）、probationary（预备党员）`."""

    part: type[BaseModel]

    def render(self, lang: str) -> str:
        fields = fields_of(self.part)
        if lang == "zh":
            return "、".join(f"{name}（{meta.label_zh}）" for name, meta in fields.items())
        return ", ".join(f"{name} ({meta.label_en})" for name, meta in fields.items())


@dataclass(frozen=True, slots=True)
class FieldExample:
    """How to write the field at `loc` of a record of `kind`, as a line of YAML: its value in the
    kind's EXAMPLE record, else one made from its fields (`members: {formal: 22, probationary: 2}`);
    `item`: one item of its list (`- {name: 王丽, role: secretary}`)."""

    kind: str
    loc: tuple
    item: bool = False

    def render(self, lang: str) -> str:
        return _render_example(self.kind, tuple(part for part in self.loc if not isinstance(part, int)), self.item, lang)


@lru_cache(maxsize=256)
def _render_example(kind: str, names: tuple, item: bool, lang: str) -> str:
    """FieldExample.render, once per field and language: a list of 30,000 bad items is 30,000
    findings that all show the same example."""
    schema = MODELS.get(kind)
    if schema is None:
        return ""
    value = _example_value(kind, names)
    meta = field_at(schema, names)
    if value is None and meta is not None:
        value = example_of(meta, lang)
    if isinstance(value, list) and meta is not None and meta.nested is not None:
        value = value[:1]  # one item shows the shape
    if item:
        value = value[0] if isinstance(value, list) and value else value
        return f"- {flow_yaml(value)}"
    return f"{names[-1]}: {flow_yaml(value)}"


@lru_cache(maxsize=None)
def _example_document(kind: str) -> Any:
    """The kind's EXAMPLE record, read once (only read from: callers take parts, never change them)."""
    from djrh.read.yaml12 import parse

    return parse(MODELS[kind].EXAMPLE).data if MODELS[kind].EXAMPLE else None


def _example_value(kind: str, names: tuple[str, ...]) -> Any:
    """The value at `names` in the kind's EXAMPLE record (the first item of a list on the way)."""
    value: Any = _example_document(kind)
    for name in names:
        if isinstance(value, list):
            value = value[0] if value else None
        value = value.get(name) if isinstance(value, dict) else None
    return value


def example_of(meta: FieldMeta, lang: str) -> Any:
    """A value of the field's kind, made from its definition: a part from its own fields."""
    if meta.nested is not None:
        one = {name: example_of(sub, lang) for name, sub in fields_of(meta.nested).items()}
        return [one] if meta.many else one
    if meta.many:
        return [example_of(meta.item, lang)] if meta.item is not None else []
    if meta.value_choices:
        return next(iter(meta.value_choices))
    return {"int": 1, "number": 0, "bool": True, "date": "2026-03-18", "time": "14:30-17:00", "dict": {}}.get(
        meta.type, meta.label(lang) or "…")


def flow_yaml(value: Any) -> str:
    """A value as YAML in one line: `{formal: 22, probationary: 2}`, `[a, b]`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow_yaml(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_yaml(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if re.search(r"[,\[\]{}#]|: |^[-?:&*!|>'\"%@`\s]", text):  # would end or break the flow: quoted
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


@dataclass(frozen=True, slots=True)
class FieldLabel:
    """The form label of a field, in the output language (活动主题 / theme)."""

    schema: type[BaseModel]
    loc: tuple

    def render(self, lang: str) -> str:
        return field_label(self.schema, tuple(p for p in self.loc if not isinstance(p, int)), lang)


def _unknown_field(record: Record, schema: type[BaseModel], loc: tuple) -> Finding:
    name = str(loc[-1])
    known = fields_at(schema, loc[:-1])
    invisible = [c for c in name if c in _INVISIBLE]
    if invisible:
        message = msg("sch.invisible_in_key", field=name.translate({ord(c): None for c in _INVISIBLE}), char=f"U+{ord(invisible[0]):04X}")
        return Finding("SCH002", "error", record.path, *record.locate(loc, "key"), record.id, message)
    suggestion = _suggest_field(name, known)
    where = _dotted(loc)
    if suggestion is not None:
        label = _label(schema, loc[:-1] + (suggestion,))
        key = "sch.unknown_field_suggest" if name.isascii() else "sch.unknown_field_label"
        message = msg(key, field=where, suggestion=suggestion, label=label)
    elif not name.isascii():
        message = msg("sch.unknown_field_chinese", field=where, known=", ".join(known))
    else:
        message = msg("sch.unknown_field", field=where, known=", ".join(known))
    return Finding("SCH002", "error", record.path, *record.locate(loc, "key"), record.id, message)


# Characters that cannot be seen, pasted with a field name from a web page or a chat message.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000")


def _suggest_field(name: str, known: dict[str, FieldMeta]) -> str | None:
    """The known field a mistyped or Chinese-labelled key most likely meant."""
    lowered = name.strip().lower()
    for field_name, meta in known.items():
        title = meta.label_zh
        if lowered == field_name or (title and (name == title or name in title.split("·") or title.startswith(name))):
            return field_name
    match = difflib.get_close_matches(lowered, list(known), n=1, cutoff=0.6)
    if match:
        return match[0]
    for field_name, meta in known.items():  # a Chinese key close to a form label
        if meta.label_zh and difflib.SequenceMatcher(None, name, meta.label_zh).ratio() >= 0.6:
            return field_name
    return None


def _closest(value: str, options: list[str]) -> str | None:
    match = difflib.get_close_matches(value.strip().lower(), options, n=1, cutoff=0.75)
    return match[0] if match else None


def _top_level(record: Record) -> Finding:
    data = record.data
    if data is None:
        return _sch(record, (), "key", msg("sch.empty_file"))
    if isinstance(data, str):
        slip = fullwidth_colon(data, 0, 0)
        if slip is not None:
            return replace(_sch(record, (), "key", msg("syn.fullwidth_colon", key=slip[2])), fixable=True)
    found = Msg("type.list") if isinstance(data, list) else _describe_value(data)
    return _sch(record, (), "key", msg("sch.top_level", found=found))


def _describe_value(value: Any) -> Msg:
    if value is None:
        return Msg("value.empty")
    if isinstance(value, bool):
        return msg("value.bool", value=str(value).lower())
    if isinstance(value, (int, float)):
        return msg("value.number", value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return msg("value.text", value=shown)
    if isinstance(value, list):
        return Msg("type.list")
    if isinstance(value, dict):
        return Msg("type.mapping")
    return msg("value.text", value=str(value))


def _sch(record: Record, loc: tuple, part: str, message: Msg) -> Finding:
    return Finding("SCH001", "error", record.path, *record.locate(loc, part), record.id, message, field=tuple(loc))


_ABSENT = object()


def _lookup(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _ABSENT
    return data


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _label(schema: type[BaseModel], loc: tuple) -> FieldLabel:
    return FieldLabel(schema, loc)
