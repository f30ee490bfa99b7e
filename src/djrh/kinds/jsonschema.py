"""`djrh schema`: JSON Schema of the records, for an editor's YAML language server.

Generated from the pydantic schemas, with the form labels as titles (Chinese by default).
"""

from __future__ import annotations

import json
from typing import Any

from djrh.kinds import vocab
from djrh.kinds import MODELS

SCHEMA_FOLDER = "schema"  # in the tree: schema/<kind>.json, referred to by each record's modeline
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def kind_schema(kind: str, lang: str = "zh") -> dict[str, Any]:
    model = MODELS[kind]
    schema = model.model_json_schema()
    _localize(schema, lang)
    for definition in schema.get("$defs", {}).values():
        # Inside a nested mapping a blank value is fine while it is not filled in yet
        # (`djrh new` writes `outcome:` with empty sub-fields before the meeting).
        for name, prop in definition.get("properties", {}).items():
            definition["properties"][name] = _nullable(prop)
    term = vocab.KINDS[kind]
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


_PART_TITLES = {
    "Task": ("任务", "task"),
    "Waiver": ("豁免", "waiver"),
    "Members": ("党员人数", "members"),
    "CommitteeMember": ("支委委员", "committee member"),
    "PartyGroup": ("党小组", "party group"),
    "Absence": ("缺席人员", "absence"),
    "Attendance": ("出席情况", "attendance"),
    "Outcome": ("工作成效", "outcome"),
    "Period": ("建设周期", "period"),
    "TeamMember": ("成员", "team member"),
    "Review": ("考核验收", "review"),
}


def _localize(node: Any, lang: str) -> None:
    """Use the labels of `lang` and drop the bookkeeping keys pydantic copied in."""
    if isinstance(node, dict):
        english = node.pop("x-en", None)
        if lang == "en" and english:
            if english.get("title"):
                node["title"] = english["title"]
            if english.get("description"):
                node["description"] = english["description"]
            else:
                node.pop("description", None)
        if lang == "en":
            node.pop("markdownDescription", None)
        defs = node.get("$defs")
        if isinstance(defs, dict):
            for name, definition in defs.items():
                if name in _PART_TITLES and isinstance(definition, dict):
                    definition["title"] = _PART_TITLES[name][0 if lang == "zh" else 1]
                    definition.pop("description", None)
        for value in node.values():
            _localize(value, lang)
    elif isinstance(node, list):
        for value in node:
            _localize(value, lang)


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    if any(option.get("type") == "null" for option in prop.get("anyOf", [])):
        return prop
    outer = {key: prop.pop(key) for key in ("title", "description", "default") if key in prop}
    return {"anyOf": [prop, {"type": "null"}], **outer}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
