"""`djrh report --format docx`: the 年度党建与业务融合工作统计表, printed from a Word template like the
forms: the tree's own `templates/statistics.docx`, else the built-in one (the project's top-level
templates/statistics.docx, templates/en/ for --lang en), filled in the same sandbox and bounds
(djrh.render.templates) with the plain values below (docs/templates.md lists them).

The built-in template is an A4 page turned landscape (eleven columns do not fit the 156 mm of a
portrait page), the GB/T 9704 margins, 小标宋 title, 仿宋_GB2312 小四 in tables, "— N —" page
numbers and the trace line in the footer: one row per branch under a shaded row per general
branch, a subtotal after each and the total last, the header row repeated on every page; then the
meetings table, the waived findings with their approvals, the definitions of the columns (统计口径)
and the line to sign and stamp.
"""

from __future__ import annotations

from pathlib import Path

from djrh.i18n import t
from djrh.kinds import vocab
from djrh.report import layout
from djrh.report.stats import STATUSES, Report
from djrh.report.layout import subtitle

# What a row of the table is (`rows[].level`): a general branch's heading, a branch, a sum.
GROUP, BRANCH, SUM = "group", "branch", "sum"
FIGURES = ("themedays", "integration_days", "months_missing", "outcomes", "brands", "pilots", "errors", "warnings", "waived")


def render(report: Report, lang: str, trace, root: Path) -> bytes:
    """The statistics table as DOCX (`trace`: djrh.paper.trace.Trace of the records it counts): the
    tree's `templates/statistics.docx` when it has one, else the built-in template."""
    from djrh.render import templates

    template = templates.find(root, "statistics") or templates.builtin("statistics", lang)
    return templates.render(template, template_values(report, lang, trace), trace.text(lang), root)


def _status_counts(totals, lang: str) -> str:
    """`达标 7；进行中 3`: a line may break between two statuses (or the words of `in progress`),
    never between a status and its count."""
    from djrh.paper.nobreak import WORD_JOINER

    parts = []
    for status in STATUSES:
        count = getattr(totals, status)
        if count:
            words, _, last = layout.status_label(status, lang).rpartition(" ")
            held = WORD_JOINER.join(f"{last}\u00a0{count}")
            parts.append(f"{words} {held}" if words else held)
    return t("punct.list_sep", lang=lang).join(parts)


def template_values(report: Report, lang: str, trace) -> dict:
    """What the template sees: the report's values, `blank` as every template has it, the trace."""
    from djrh.render.context import BLANK_ROW, nobreak_all

    return {**nobreak_all(values(report, lang)), "blank": dict(BLANK_ROW), "trace": trace.as_dict(lang)}


def values(report: Report, lang: str) -> dict:
    """The report as the plain values its template prints (docs/templates.md, statistics.docx)."""
    rows = []
    for group in report.groups:
        rows.append({"level": GROUP, "status_key": "", "name": group.label(lang), **dict.fromkeys(FIGURES, ""), "status": ""})
        for row in group.rows:
            rows.append({"level": BRANCH, "status_key": row.status, "name": row.name, **_figures(row),
                         "status": layout.status_label(row.status, lang)})
        rows.append({"level": SUM, "status_key": "", "name": t("report.subtotal", lang=lang, count=group.totals.branches),
                     **_figures(group.totals), "status": _status_counts(group.totals, lang)})
    rows.append({"level": SUM, "status_key": "", "name": t("report.total", lang=lang, count=report.totals.branches),
                 **_figures(report.totals), "status": _status_counts(report.totals, lang)})
    meetings = []
    for group in report.groups:
        for row in group.rows:
            meetings.append({"name": row.name, **dict(zip(vocab.MEETING_TYPE, (c.text for c in layout.meeting_cells(row.meeting_quotas))))})
    meetings.append({"name": t("report.total", lang=lang, count=report.totals.branches),
                     **dict(zip(vocab.MEETING_TYPE, (c.text for c in layout.meeting_sum_cells(report.totals))))})
    names = {row.id: row.name for row in report.rows} | {g.id: g.name for g in report.groups if g.id}
    waivers = [
        {"unit": names.get(entry.branch, entry.branch), "code": entry.finding.code, "message": entry.finding.text(lang),
         "waiver": layout.waiver_text(entry, lang)}
        for entry in report.waivers
    ]
    notes = [t(key, lang=lang, minimum=report.min_days, days=report.outcome_days)
             for key in ("report.html.note.counts", "report.html.note.findings", "report.html.note.status")]
    return {
        "kind": "statistics",
        "id": f"report-{report.year}",
        "institution": report.institution or "",
        "year": report.year,
        "as_of": subtitle(report, lang),
        "as_of_iso": report.as_of.isoformat(),
        "complete": report.complete,
        "rows": rows,
        "meetings": meetings,
        "meetings_note": t("report.meetings_note", lang=lang, lectures=report.lectures_per_year),
        "waivers": waivers,
        "notes": notes,
    }


def _figures(values) -> dict:
    figures = [
        values.themedays, values.integration_days, values.months_missing,
        f"{values.outcomes_filled}/{values.outcomes_due}", values.brands, values.pilots,
        values.errors, values.warnings, values.waived,
    ]
    return {key: str(value) for key, value in zip(FIGURES, figures)}
