"""`--format json`: exactly the object SPEC section 5 pins."""

from __future__ import annotations

import json

from djrh.check import CheckResult
from djrh.output import shown_path


def render(result: CheckResult, lang: str) -> str:
    document = {
        "version": 1,
        "root": shown_path(result.root),
        "as_of": result.as_of.isoformat(),
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "record": f.record,
                "message": f.text(lang),
                "waived": f.waived,
            }
            for f in result.findings
        ],
        "summary": {
            "records": len(result.records),
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "infos": result.count("info"),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
