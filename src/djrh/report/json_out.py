"""`djrh report --format json`: the pinned object (issue 5), for other tools.

`{"version": 1, "year", "as_of", "branches": [{"id", "name", "parent", "themedays", …, "status"}],
"totals": {…}}`; beside the pinned keys, `groups` (per general branch totals) and `waivers` (each
waived finding with its approval reference). `status` is a stable code: met, not_met, in_progress.
"""

from __future__ import annotations

import json

from djrh.personal import mask
from djrh.report.stats import COUNTS, Report, Totals


def document(report: Report, lang: str) -> dict:
    return {
        "version": 1,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "branches": [
            {"id": row.id, "name": row.name, "parent": row.parent, **_counts(row), "status": row.status}
            for row in report.rows
        ],
        "totals": _totals(report.totals),
        "groups": [
            {
                "id": group.id,
                "name": group.label(lang),
                "branches": [row.id for row in group.rows],
                "totals": _totals(group.totals),
            }
            for group in report.groups
        ],
        "waivers": [
            {
                "branch": entry.branch,
                "code": entry.finding.code,
                "record": mask(entry.finding.record),
                "path": mask(entry.finding.path),
                "ref": entry.ref,
                "approved_by": entry.approved_by,
                "until": entry.until.isoformat(),
                "reason": entry.reason,
            }
            for entry in report.waivers
        ],
    }


def _counts(row) -> dict:
    """The counts in SPEC section 5's order: `meetings` after the outcomes."""
    counts = row.counts()
    order = [*COUNTS[:5], "meetings", *COUNTS[5:]]
    counts["meetings"] = row.meetings
    return {name: counts[name] for name in order}


def _totals(totals: Totals) -> dict[str, int]:
    return {
        **{name: getattr(totals, name) for name in COUNTS},
        "infos": totals.infos,
        "meetings": totals.meetings,
        "branches": totals.branches,
        "met": totals.met,
        "not_met": totals.not_met,
        "in_progress": totals.in_progress,
    }


def render(report: Report, lang: str) -> str:
    return json.dumps(document(report, lang), ensure_ascii=False, indent=2) + "\n"
