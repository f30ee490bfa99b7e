"""`--format sarif`: SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, IDEs)."""

from __future__ import annotations

import json

from djrh import __version__
from djrh.check.run import CheckResult
from djrh.i18n import t
from djrh.output import shown_path
from djrh.personal import mask
from djrh.rules import RULES
from djrh.rules.docs import rule_help

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(result: CheckResult, lang: str) -> str:
    codes = list(RULES)
    rules = [
        {
            "id": rule.code,
            "name": rule.code,
            "shortDescription": {"text": rule.title(lang)},
            "fullDescription": {"text": rule.doc(lang)},
            "help": {"text": rule_help(rule, lang)},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"source": rule.source} if rule.source else {},
        }
        for rule in RULES.values()
    ]
    results = []
    for f in result.findings:
        entry = {
            "ruleId": f.code,
            # a waived finding is no error: viewers that ignore `suppressions` still see a note
            "level": "note" if f.waived else _LEVEL[f.severity],
            "message": {"text": f.text(lang)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": shown_path(result.root, f.path)},
                    "region": {"startLine": f.line, "startColumn": f.column},
                },
                "logicalLocations": [{"name": mask(f.record), "kind": "record"}],
            }],
        }
        if f.code in RULES:
            entry["ruleIndex"] = codes.index(f.code)
        if f.waived:
            entry["suppressions"] = [{"kind": "external", "justification": t("out.waived_suffix", lang=lang).strip(" （）()")}]
        results.append(entry)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "djrh", "version": __version__, "semanticVersion": __version__, "rules": rules}},
            "results": results,
            "properties": {"asOf": result.as_of.isoformat(), "records": len(result.records)},
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
