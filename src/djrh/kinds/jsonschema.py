"""`djrh schema`: JSON Schema of the records, for an editor's YAML language server.

Generated from the pydantic schemas, with the form labels as titles (Chinese by default).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from djrh.kinds import KINDS, MODELS, fields

SCHEMA_FOLDER = "schema"  # in the tree: schema/<kind>.json, referred to by each record's modeline
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def kind_schema(kind: str, lang: str = "zh") -> dict[str, Any]:
    model = MODELS[kind]
    schema = model.model_json_schema()
    _label_fields(schema, model, lang)
    parts = {part.__name__: (part, holder) for part, holder in fields.parts_of(model).items()}
    for name, definition in schema.get("$defs", {}).items():
        part, holder = parts[name]
        definition["title"] = fields.part_label(part, holder, lang)
        definition.pop("description", None)  # the class's docstring
        _label_fields(definition, part, lang)
        # Inside a nested mapping a blank value is fine while it is not filled in yet
        # (`djrh new` writes `outcome:` with empty sub-fields before the meeting).
        for field_name, prop in definition.get("properties", {}).items():
            definition["properties"][field_name] = _nullable(prop)
    if lang == "en":
        _drop_markdown(schema)
    term = KINDS[kind].term
    schema["title"] = f"{term.zh}（{kind}）" if lang == "zh" else f"{term.en} ({kind})"
    schema.pop("description", None)
    kind_values = [kind, term.zh, *term.aliases]
    schema["properties"] = {
        "kind": {"title": "记录类别" if lang == "zh" else "kind", "enum": kind_values},
        **schema.get("properties", {}),
    }
    schema["required"] = ["kind", *schema.get("required", [])]
    return {"$schema": DRAFT, **schema}


def tree_schema(lang: str = "zh") -> dict[str, Any]:
    """One schema for every kind, chosen by the `kind` field."""
    defs: dict[str, Any] = {}
    branches = []
    for kind in MODELS:
        one = kind_schema(kind, lang)
        one.pop("$schema", None)
        for name, definition in one.pop("$defs", {}).items():
            defs[name] = definition
        defs[kind] = one
        branches.append({
            "if": {"properties": {"kind": {"enum": one["properties"]["kind"]["enum"]}}, "required": ["kind"]},
            "then": {"$ref": f"#/$defs/{kind}"},
        })
    kinds = [value for kind in MODELS for value in defs[kind]["properties"]["kind"]["enum"]]
    return {
        "$schema": DRAFT,
        "title": "djrh 记录" if lang == "zh" else "djrh record",
        "type": "object",
        "properties": {"kind": {"enum": kinds}},
        "required": ["kind"],
        "allOf": branches,
        "$defs": defs,
    }


def _label_fields(node: dict[str, Any], model: type[BaseModel], lang: str) -> None:
    """Each property's title and description: the field's label and hint in `lang`
    (djrh.kinds.fields; a choice field's hint lists its values)."""
    metas = fields.fields_of(model)
    properties = node.get("properties", {})
    for name, prop in properties.items():
        meta = metas[name]
        prop.pop("x-djrh", None)
        prop["title"] = meta.label(lang)
        hint = meta.hint(lang)
        if hint:
            prop["description"] = hint
        else:
            prop.pop("description", None)
        properties[name] = dict(sorted(prop.items()))  # the key order pydantic writes


def _drop_markdown(node: Any) -> None:
    """The values' Chinese descriptions (`education（三全育人）`) are for the Chinese schema."""
    if isinstance(node, dict):
        node.pop("markdownDescription", None)
        for value in node.values():
            _drop_markdown(value)
    elif isinstance(node, list):
        for value in node:
            _drop_markdown(value)


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    if any(option.get("type") == "null" for option in prop.get("anyOf", [])):
        return prop
    outer = {key: prop.pop(key) for key in ("title", "description", "default") if key in prop}
    return {"anyOf": [prop, {"type": "null"}], **outer}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
