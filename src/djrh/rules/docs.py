"""The rule catalogue as documents: docs/rules.md and `djrh rules --format json`, generated from
each rule's own metadata so that the documentation cannot drift from the code."""

from __future__ import annotations

import json

from djrh.i18n import t
from djrh.rules.base import RULES


def rule_dict(rule, lang: str) -> dict:
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


def rules_markdown(lang: str) -> str:
    colon = t("punct.colon", lang=lang)
    lines = [f"# {t('docs.rules_title', lang=lang)}", "", t("docs.rules_intro", lang=lang), ""]
    lines.append(f"| {t('rules.col.code', lang=lang)} | {t('rules.col.severity', lang=lang)} | {t('rules.col.title', lang=lang)} | {t('rules.col.source', lang=lang)} |")
    lines.append("|---|---|---|---|")
    for rule in RULES.values():
        lines.append(f"| [{rule.code}](#{rule.code.lower()}) | {t(f'severity.{rule.severity}', lang=lang)} | {rule.title(lang)} | {rule.source} |")
    for rule in RULES.values():
        lines += ["", *rule_markdown(rule, lang)]
    return "\n".join(lines) + "\n"


def rule_markdown(rule, lang: str) -> list[str]:
    """One rule's section of docs/rules.md (`djrh explain CODE --format markdown`)."""
    colon = t("punct.colon", lang=lang)
    lines = [f"## {rule.code}", "", f"**{rule.title(lang)}**", ""]
    lines.append(f"{t('rules.col.severity', lang=lang)}{colon}{t(f'severity.{rule.severity}', lang=lang)}  ")
    if rule.source:
        lines.append(f"{t('rules.col.source', lang=lang)}{colon}{rule.source}")
    lines += ["", rule.doc(lang)]
    if rule.params:
        lines += ["", f"{t('explain.params', lang=lang)}{colon}", ""]
        for param in rule.params:
            doc = param.doc_zh if lang == "zh" else param.doc_en
            lines.append(f"- `{param.name}`（{param.default!r}）{doc}" if lang == "zh" else f"- `{param.name}` ({param.default!r}) {doc}")
    for title, example in ((t("explain.bad", lang=lang), rule.example_bad), (t("explain.good", lang=lang), rule.example_good)):
        if example:
            lines += ["", f"{title}{colon}", "", "```yaml", example.rstrip("\n"), "```"]
    return lines
