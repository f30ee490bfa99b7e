"""`--format json`: exactly the object SPEC section 5 pins."""

from __future__ import annotations

import json

from djrh.check.run import CheckResult
from djrh.output import shown_path
from djrh.personal import mask


def render(result: CheckResult, lang: str) -> str:
    document = {
        "version": 1,
        "root": shown_path(result.root),
        "as_of": result.as_of.isoformat(),
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "path": mask(f.path),  # a number in a file name is PRV001's; never shown in full
                "line": f.line,
                "column": f.column,
                "record": mask(f.record),
                "message": f.text(lang),
                "waived": f.waived,
                **({"fixable": True} if f.fixable else {}),
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
