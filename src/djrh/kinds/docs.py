"""docs/format.md: the record format reference, generated from the record schemas (djrh.kinds) by
`djrh schema --format markdown`, as docs/rules.md is from the rules. A test fails when the file in
the repository differs from what this writes, so the reference cannot drift from the code.

For every kind: each field (nested ones as `members.formal`) with its form label, its type, the
values it accepts (codes and Chinese labels), when it is required, and what to write; then a
complete example record.
"""

from __future__ import annotations

import types as pytypes
import typing
from datetime import date
from typing import Any

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from djrh.kinds import vocab
from djrh.i18n import t
from djrh.kinds import MODELS, types


def format_markdown(lang: str) -> str:
    lines = [f"# {t('docs.format_title', lang=lang)}", "", t("docs.format_intro", lang=lang), ""]
    lines += [f"- {t(f'docs.format_rule.{n}', lang=lang)}" for n in range(1, 9)]
    lines += ["", f"| {t('docs.format_col.kind', lang=lang)} | `kind` | {t('docs.format_col.folder', lang=lang)} |", "|---|---|---|"]
    for kind in MODELS:
        lines.append(f"| [{vocab.label(vocab.KINDS, kind, lang)}](#{kind.replace('_', '-')}) | `{kind}` | `{_FOLDERS[kind]}` |")
    for kind, schema in MODELS.items():
        name = vocab.label(vocab.KINDS, kind, lang)
        lines += ["", f"## {kind}", "", f"**{name}**（`kind: {kind}` {t('docs.format_or', lang=lang)} `kind: {vocab.KINDS[kind].zh}`）", ""]
        header = [t(f"docs.format_col.{c}", lang=lang) for c in ("field", "label", "type", "values", "required", "hint")]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in _rows(schema, "", lang):
            lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |")
        lines += ["", t("docs.format_example", lang=lang), "", "```yaml", schema.EXAMPLE.rstrip("\n"), "```"]
    lines += _config_section(lang)
    return "\n".join(lines) + "\n"


def _config_section(lang: str) -> list[str]:
    """djrh.yaml, the tree's configuration (djrh.check.config.ConfigSchema)."""
    from djrh.check.config import CONFIG_EXAMPLE, ConfigSchema

    header = [t(f"docs.format_col.{c}", lang=lang) for c in ("field", "label", "type", "values", "required", "hint")]
    lines = ["", "## djrh.yaml", "", t("docs.format_config", lang=lang), ""]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in _rows(ConfigSchema, "", lang):
        lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |")
    lines += ["", t("docs.format_example", lang=lang), "", "```yaml", CONFIG_EXAMPLE.rstrip("\n"), "```"]
    return lines


_FOLDERS = {
    "general_branch": "org/", "branch": "org/", "themeday": "themedays/YYYY/", "pilot": "pilots/",
    "brand": "brands/", "filing": "filings/",
}


def _rows(model: type[BaseModel], prefix: str, lang: str):
    required_if = getattr(model, "REQUIRED_IF", {})
    held = getattr(model, "HELD", {})
    fields = list(model.model_fields.items())
    fields.sort(key=lambda item: item[0] == "waivers")  # a record's own fields first
    for name, info in fields:
        annotation = info.annotation
        nested, many = _nested(annotation)
        type_text, values = _describe(annotation, info.metadata, lang)
        if name in required_if:
            condition = t(required_if[name][2], lang=lang)
            required = t("docs.format_required_if", lang=lang, condition=condition)
        elif info.is_required():
            required = t("docs.format_required", lang=lang)
        elif name in held:
            required = t("docs.format_held_integration" if held[name] else "docs.format_held", lang=lang)
        else:
            required = _default(info, lang)
        yield [f"`{prefix}{name}`", _label(info, lang), type_text, values, required, _hint(info, lang)]
        if nested is not None:
            yield from _rows(nested, f"{prefix}{name}{'[]' if many else ''}.", lang)


def _label(info: FieldInfo, lang: str) -> str:
    if lang == "zh":
        return info.title or ""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get("x-en", {}).get("title", "")


def _hint(info: FieldInfo, lang: str) -> str:
    if lang == "zh":
        return info.description or ""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get("x-en", {}).get("description", "")


def _default(info: FieldInfo, lang: str) -> str:
    default = info.get_default(call_default_factory=True)
    if default is None or default == [] or default == {} or isinstance(default, BaseModel):
        return t("docs.format_optional", lang=lang)
    shown = str(default).lower() if isinstance(default, bool) else str(default)
    return t("docs.format_default", lang=lang, default=shown)


def _nested(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model of a nested mapping (or of the items of a list of mappings), and whether a list."""
    annotation = _unwrap_optional(annotation)
    if typing.get_origin(annotation) is list:
        item = typing.get_args(annotation)[0]
        return (item, True) if isinstance(item, type) and issubclass(item, BaseModel) else (None, True)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, pytypes.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _describe(annotation: Any, metadata: list, lang: str) -> tuple[str, str]:
    """(what kind of value, the values it accepts) of a field."""
    annotation = _unwrap_optional(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        base, *more = typing.get_args(annotation)
        return _describe(base, [*more, *metadata], lang)
    if typing.get_origin(annotation) is list:
        item_type, values = _describe(typing.get_args(annotation)[0], [], lang)
        return t("docs.type.list", lang=lang, item=item_type), values
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return t("docs.type.mapping", lang=lang), ""
    if typing.get_origin(annotation) is dict:
        return t("docs.type.dict", lang=lang), ""
    metadata = [m for item in metadata for m in (item.metadata if isinstance(item, FieldInfo) else [item])]
    for item in metadata:
        if isinstance(item, types.ValueSet):
            joiner = "、" if lang == "zh" else ", "
            values = joiner.join(f"`{code}` {term.zh if lang == 'zh' else term.en}" for code, term in item.terms.items())
            return t("docs.type.choice", lang=lang), values
        if isinstance(item, BeforeValidator):
            special = _SPECIAL.get(item.func)
            if special is not None:
                return t(f"docs.type.{special[0]}", lang=lang), t(f"docs.values.{special[1]}", lang=lang)
    low = next((getattr(m, "ge") for m in metadata if hasattr(m, "ge")), None)
    high = next((getattr(m, "le") for m in metadata if hasattr(m, "le")), None)
    bounds = t("docs.values.range", lang=lang, low=low, high=high) if low is not None and high is not None else ""
    if annotation is int:
        return t("docs.type.int", lang=lang), bounds
    if annotation is float:
        return t("docs.type.number", lang=lang), bounds
    if annotation is date:
        return t("docs.type.date", lang=lang), t("docs.values.date", lang=lang)
    return t("docs.type.text", lang=lang), ""


# Value types that parse text of their own: (type word, accepted values) message keys.
_SPECIAL = {
    types._parse_date: ("date", "date"),
    types._parse_time: ("time", "time"),
    types._parse_bool: ("bool", "bool"),
}
