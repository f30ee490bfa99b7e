"""docs/format.md: the record format reference, generated from the record schemas (djrh.kinds) by
`djrh schema --format markdown`, as docs/rules.md is from the rules. A test fails when the file in
the repository differs from what this writes, so the reference cannot drift from the code.

For every kind: each field (nested ones as `members.formal`) with its form label, its type, the
values it accepts (codes and Chinese labels), when it is required, and what to write; then a
complete example record.
"""

from __future__ import annotations

from pydantic import BaseModel

from djrh.i18n import t
from djrh.kinds import KINDS, MODELS, kind_label
from djrh.kinds.fields import FieldMeta, fields_of


def format_markdown(lang: str) -> str:
    lines = [f"# {t('docs.format_title', lang=lang)}", "", t("docs.format_intro", lang=lang), ""]
    lines += [f"- {t(f'docs.format_rule.{n}', lang=lang)}" for n in range(1, 9)]
    lines += ["", f"| {t('docs.format_col.kind', lang=lang)} | `kind` | {t('docs.format_col.folder', lang=lang)} |", "|---|---|---|"]
    for kind, spec in KINDS.items():
        folder = spec.folder.replace("{year}", "YYYY") + "/"
        lines.append(f"| [{kind_label(kind, lang)}](#{kind.replace('_', '-')}) | `{kind}` | `{folder}` |")
    for kind, schema in MODELS.items():
        name = kind_label(kind, lang)
        lines += ["", f"## {kind}", "", f"**{name}**（`kind: {kind}` {t('docs.format_or', lang=lang)} `kind: {KINDS[kind].term.zh}`）", ""]
        lines += _table(schema, lang, KINDS[kind].held_rule)
        lines += ["", t("docs.format_example", lang=lang), "", "```yaml", schema.EXAMPLE.rstrip("\n"), "```"]
    lines += _config_section(lang)
    return "\n".join(lines) + "\n"


def _config_section(lang: str) -> list[str]:
    """djrh.yaml, the tree's configuration (djrh.check.config.ConfigSchema)."""
    from djrh.check.config import CONFIG_EXAMPLE, ConfigSchema

    lines = ["", "## djrh.yaml", "", t("docs.format_config", lang=lang), ""]
    lines += _table(ConfigSchema, lang)
    lines += ["", t("docs.format_example", lang=lang), "", "```yaml", CONFIG_EXAMPLE.rstrip("\n"), "```"]
    return lines


def _table(model: type[BaseModel], lang: str, held_rule: str = "") -> list[str]:
    header = [t(f"docs.format_col.{c}", lang=lang) for c in ("field", "label", "type", "values", "required", "hint")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in _rows(model, "", lang, held_rule):
        lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |")
    return lines


def _rows(model: type[BaseModel], prefix: str, lang: str, held_rule: str):
    for name, meta in fields_of(model).items():
        type_text, values = _describe(meta, lang)
        yield [f"`{prefix}{name}`", meta.label(lang), type_text, values, _required(meta, lang, held_rule), meta.hint(lang)]
        if meta.nested is not None:
            yield from _rows(meta.nested, f"{prefix}{name}{'[]' if meta.many else ''}.", lang, held_rule)


def _required(meta: FieldMeta, lang: str, held_rule: str) -> str:
    """When the field must be filled in: always, on a condition, once the record is held (the
    kind's `held_rule`: TD006 for a theme day, MT008 for a meeting)."""
    required = meta.required
    if meta.stage == "held" and required is not False:
        if required is True:
            return t("docs.format_held", lang=lang, rule=held_rule)
        return t("docs.format_held_if", lang=lang, rule=held_rule, condition=t(required.condition, lang=lang))
    if required is True:
        return t("docs.format_required", lang=lang)
    if required is not False:
        return t("docs.format_required_if", lang=lang, condition=t(required.condition, lang=lang))
    default = meta.default
    if default is None or default == [] or default == {} or isinstance(default, BaseModel):
        return t("docs.format_optional", lang=lang)
    shown = str(default).lower() if isinstance(default, bool) else str(default)
    return t("docs.format_default", lang=lang, default=shown)


def _describe(meta: FieldMeta, lang: str) -> tuple[str, str]:
    """(what kind of value, the values it accepts) of a field or of a list's items."""
    if meta.type == "list":
        item_type, values = _describe(meta.item, lang)
        return t("docs.type.list", lang=lang, item=item_type), values
    if meta.type == "choice":
        joiner = "、" if lang == "zh" else ", "
        values = joiner.join(f"`{code}` {term.zh if lang == 'zh' else term.en}" for code, term in meta.choices.items())
        return t("docs.type.choice", lang=lang), values
    if meta.type in ("date", "time", "bool"):
        return t(f"docs.type.{meta.type}", lang=lang), t(f"docs.values.{meta.type}", lang=lang)
    if meta.type in ("int", "number"):
        bounds = t("docs.values.range", lang=lang, low=meta.bounds[0], high=meta.bounds[1]) if meta.bounds else ""
        return t(f"docs.type.{meta.type}", lang=lang), bounds
    return t(f"docs.type.{meta.type}", lang=lang), ""
