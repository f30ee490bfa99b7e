"""A rule's documentation, generated from its own metadata so that it cannot drift from the code.

`sections(rule, lang)` is the one place that says what a rule's documentation holds and in which
order; `djrh explain` (text), `djrh explain --format markdown`, docs/rules.md
(`djrh rules --format markdown`) and the SARIF rule help only lay it out. `djrh rules --format
json` and `djrh explain --format json` give the metadata itself (`rule_dict`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from djrh.i18n import t
from djrh.rules.base import RULES, Rule


@dataclass(frozen=True, slots=True)
class Sections:
    """A rule's documentation in one language, in the order every output shows it. A heading is
    paired with what it heads; a section the rule does not have is None or empty."""

    code: str
    title: str
    severity: tuple[str, str]  # ("级别", "错误")
    source: tuple[str, str] | None  # ("依据", the clause), None without one
    doc: str
    params: tuple[str, tuple[tuple[str, Any, str], ...]] | None  # (heading, ((name, default, doc), …))
    examples: tuple[tuple[str, str], ...]  # (heading, the example without its last newline): bad, then good
    colon: str  # the language's colon after a heading: "：" / ": "


def sections(rule: Rule, lang: str) -> Sections:
    params = tuple((param.name, param.default, param.doc_zh if lang == "zh" else param.doc_en) for param in rule.params)
    examples = ((t("explain.bad", lang=lang), rule.example_bad), (t("explain.good", lang=lang), rule.example_good))
    return Sections(
        code=rule.code,
        title=rule.title(lang),
        severity=(t("rules.col.severity", lang=lang), t(f"severity.{rule.severity}", lang=lang)),
        source=(t("rules.col.source", lang=lang), rule.source) if rule.source else None,
        doc=rule.doc(lang),
        params=(t("explain.params", lang=lang), params) if params else None,
        examples=tuple((heading, text.rstrip("\n")) for heading, text in examples if text),
        colon=t("punct.colon", lang=lang),
    )


def table_headings(lang: str) -> tuple[str, str, str, str]:
    """The columns of the rule list (`djrh rules`, docs/rules.md): code, severity, title, source."""
    return tuple(t(f"rules.col.{column}", lang=lang) for column in ("code", "severity", "title", "source"))


def rule_markdown(rule: Rule, lang: str) -> list[str]:
    """One rule's section of docs/rules.md (`djrh explain CODE --format markdown`)."""
    doc = sections(rule, lang)
    lines = [f"## {doc.code}", "", f"**{doc.title}**", ""]
    lines.append(f"{doc.severity[0]}{doc.colon}{doc.severity[1]}  ")
    if doc.source:
        lines.append(f"{doc.source[0]}{doc.colon}{doc.source[1]}")
    lines += ["", doc.doc]
    if doc.params:
        heading, params = doc.params
        lines += ["", f"{heading}{doc.colon}", ""]
        for name, default, text in params:
            lines.append(f"- `{name}`（{default!r}）{text}" if lang == "zh" else f"- `{name}` ({default!r}) {text}")
    for heading, example in doc.examples:
        lines += ["", f"{heading}{doc.colon}", "", "```yaml", example, "```"]
    return lines


def rules_markdown(lang: str) -> str:
    """docs/rules.md: the list of rules, then each rule's section."""
    lines = [f"# {t('docs.rules_title', lang=lang)}", "", t("docs.rules_intro", lang=lang), ""]
    lines.append("| " + " | ".join(table_headings(lang)) + " |")
    lines.append("|---|---|---|---|")
    for rule in RULES.values():
        doc = sections(rule, lang)
        lines.append(f"| [{doc.code}](#{doc.code.lower()}) | {doc.severity[1]} | {doc.title} | {doc.source[1] if doc.source else ''} |")
    for rule in RULES.values():
        lines += ["", *rule_markdown(rule, lang)]
    return "\n".join(lines) + "\n"


def rule_help(rule: Rule, lang: str) -> str:
    """The plain-text help of a rule in SARIF: its doc, source and examples."""
    doc = sections(rule, lang)
    parts = [doc.doc]
    if doc.source:
        parts.append(f"{doc.source[0]}{doc.colon}{doc.source[1]}")
    for heading, example in doc.examples:
        parts.append(f"{heading}{doc.colon}\n{example.rstrip()}")
    return "\n\n".join(parts)


def rule_dict(rule: Rule, lang: str) -> dict:
    """A rule's metadata as data (`--format json`): codes and defaults, not headings."""
    return {
        "code": rule.code,
        "severity": rule.severity,
        "title": rule.title(lang),
        "source": rule.source,
        "doc": rule.doc(lang),
        "params": {param.name: param.default for param in rule.params},
        "example_bad": rule.example_bad,
        "example_good": rule.example_good,
    }


def rules_json(lang: str) -> str:
    return json.dumps([rule_dict(rule, lang) for rule in RULES.values()], ensure_ascii=False, indent=2)
