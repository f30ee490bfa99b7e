"""The report as one flat table — the same columns in csv, xlsx, docx and the terminal table.

One line per branch, a subtotal line after each general branch's branches, a total line at the end;
every cell already in the output language.
"""

from __future__ import annotations

from dataclasses import dataclass

from djrh.i18n import t
from djrh.kinds import vocab
from djrh.report.stats import COUNTS, STATUSES, BranchRow, Group, Report, Totals, WaivedFinding

# Per meeting type, two numbers: held in the year, and required (`meetings.<type>`,
# `required.<type>`; the required one is empty where the quota does not apply to the branch).
MEETING_COLUMNS = tuple(f"{part}.{code}" for code in vocab.MEETING_TYPE for part in ("meetings", "required"))
# (column, message key of its header). `waivers` lists each waived finding with its approval.
COLUMNS = (
    "group", "branch", "themedays", "integration_days", "months_missing", "outcomes_filled", "outcomes_due",
    *MEETING_COLUMNS, "brands", "pilots", "errors", "warnings", "waived", "waivers", "status",
)
NUMERIC = frozenset((*COUNTS, *MEETING_COLUMNS))
_FIRST_COUNTS, _LAST_COUNTS = COUNTS[:5], COUNTS[5:]  # before and after the meeting columns

BRANCH, SUBTOTAL, TOTAL = "branch", "subtotal", "total"


def title(report: Report, lang: str) -> str:
    """The report's title line: the year and the institution (every format's heading)."""
    name = report.institution or ""
    return t("report.title", lang=lang, year=report.year, institution=name).strip()


def subtitle(report: Report, lang: str) -> str:
    """The line under the title: the as-of date, whether the year is complete, and where the date came from."""
    key = "report.as_of_complete" if report.complete else "report.as_of_in_progress"
    text = t(key, lang=lang, as_of=report.as_of.isoformat(), year=report.year)
    if report.as_of_fixed:
        text += t("report.as_of_fixed", lang=lang)
    return text


@dataclass(frozen=True, slots=True)
class Line:
    kind: str  # BRANCH, SUBTOTAL or TOTAL
    cells: tuple  # one per column: str or int
    status: str | None  # the branch's status code (met / not_met / in_progress); None for sums

    def cell(self, column: str):
        return self.cells[COLUMNS.index(column)]


def headers(lang: str) -> list[str]:
    return [_header(column, lang) for column in COLUMNS]


def _header(column: str, lang: str) -> str:
    if column in MEETING_COLUMNS:
        part, code = column.split(".")
        return t(f"report.col.meeting_{part}", lang=lang, type=vocab.label(vocab.MEETING_TYPE, code, lang))
    return t(f"report.col.{column}", lang=lang)


def status_label(status: str, lang: str) -> str:
    return t(f"report.status.{status}", lang=lang)


def status_counts(totals: Totals, lang: str) -> str:
    parts = [f"{status_label(s, lang)} {getattr(totals, s)}" for s in STATUSES if getattr(totals, s)]
    return t("punct.list_sep", lang=lang).join(parts)


def waiver_text(entry: WaivedFinding, lang: str) -> str:
    return t(
        "report.waiver_short", lang=lang, code=entry.finding.code, ref=entry.ref or "—",
        approved_by=entry.approved_by or "—", until=entry.until.isoformat(),
    )


def waivers_text(entries: list[WaivedFinding], lang: str) -> str:
    return t("punct.list_sep", lang=lang).join(waiver_text(e, lang) for e in entries)


def lines(report: Report, lang: str) -> list[Line]:
    result: list[Line] = []
    for group in report.groups:
        for row in group.rows:
            result.append(_branch_line(group, row, lang))
        label = t("report.subtotal", lang=lang, count=group.totals.branches)
        result.append(Line(SUBTOTAL, _sum_cells(group.label(lang), label, group.totals, lang), None))
    label = t("report.total", lang=lang, count=report.totals.branches)
    result.append(Line(TOTAL, _sum_cells(t("report.total_group", lang=lang), label, report.totals, lang), None))
    return result


def _branch_line(group: Group, row: BranchRow, lang: str) -> Line:
    counts = row.counts()
    meetings = []
    for quota in row.meeting_quotas.values():
        meetings += [quota.held, quota.required if quota.required is not None else ""]
    cells = (
        group.label(lang), row.name, *(counts[c] for c in _FIRST_COUNTS), *meetings, *(counts[c] for c in _LAST_COUNTS),
        waivers_text(row.waivers, lang), status_label(row.status, lang),
    )
    return Line(BRANCH, cells, row.status)


def _sum_cells(group: str, label: str, totals: Totals, lang: str) -> tuple:
    """A subtotal or total line: the waiver references stay on the branch lines, the sum counts them."""
    counts = totals.counts()
    meetings = []
    for code in vocab.MEETING_TYPE:
        meetings += [totals.meetings[code], totals.meetings_required[code]]
    return (
        group, label, *(counts[c] for c in _FIRST_COUNTS), *meetings, *(counts[c] for c in _LAST_COUNTS), "",
        status_counts(totals, lang),
    )


# ---- the same table for a spreadsheet (xlsx, csv): one value per cell, and a filter that cannot
# scramble the sums. The branch lines come first, one block that a filter or a sort may reorder; the
# subtotal and total lines follow it, apart. A sum line's status is not a word but three counts, one
# per status, in columns of their own (a branch line leaves them empty).

STATUS_COUNT_COLUMNS = tuple(f"count.{status}" for status in STATUSES)
SHEET_COLUMNS = (*COLUMNS, *STATUS_COUNT_COLUMNS)
SHEET_NUMERIC = NUMERIC | frozenset(STATUS_COUNT_COLUMNS)


def sheet_headers(lang: str) -> list[str]:
    return headers(lang) + [t("report.col.status_count", lang=lang, status=status_label(s, lang)) for s in STATUSES]


def sheet_lines(report: Report, lang: str) -> tuple[list[Line], list[Line]]:
    """(the branch lines, the sum lines) of the spreadsheet table."""
    status = COLUMNS.index("status")
    none = ("",) * len(STATUSES)
    branches: list[Line] = []
    sums: list[Line] = []
    for group in report.groups:
        branches += [Line(BRANCH, _branch_line(group, row, lang).cells + none, row.status) for row in group.rows]
        label = t("report.subtotal", lang=lang, count=group.totals.branches)
        sums.append(_sheet_sum(SUBTOTAL, _sum_cells(group.label(lang), label, group.totals, lang), group.totals, status))
    label = t("report.total", lang=lang, count=report.totals.branches)
    sums.append(_sheet_sum(TOTAL, _sum_cells(t("report.total_group", lang=lang), label, report.totals, lang), report.totals, status))
    return branches, sums


def _sheet_sum(kind: str, cells: tuple, totals: Totals, status: int) -> Line:
    counts = tuple(getattr(totals, s) for s in STATUSES)
    return Line(kind, cells[:status] + ("",) + cells[status + 1:] + counts, None)


def finding_rows(report: Report, lang: str):
    """(unit names, finding, waiver text or "") of every finding of the report, each once (a finding
    of a pilot two branches carry is one problem): the problem list, whose open rows are the
    findings the totals count (`Report.problems`)."""
    for problem in report.problems:
        units = t("punct.list_sep", lang=lang).join(
            t("report.other_unit", lang=lang) if unit is None else unit for unit in problem.units
        )
        yield units, problem.finding, waiver_text(problem.waiver, lang) if problem.waiver is not None else ""


# ---- the meetings table: 三会一课 and the other 组织生活, held/required, one line per branch


@dataclass(frozen=True, slots=True)
class MeetingCell:
    text: str  # "3/4"; "—" where the quota does not apply (a branch without a committee)
    short: bool  # fewer held than required


def meeting_headers(lang: str) -> list[str]:
    return [vocab.label(vocab.MEETING_TYPE, code, lang) for code in vocab.MEETING_TYPE]


def meeting_cells(quotas_by_type: dict) -> list[MeetingCell]:
    """A branch's row: held/required per type (quotas.meeting_quotas)."""
    cells = []
    for quota in quotas_by_type.values():
        if quota.required is None:
            cells.append(MeetingCell(str(quota.held) if quota.held else "—", False))
        else:
            cells.append(MeetingCell(f"{quota.held}/{quota.required}", quota.held < quota.required))
    return cells


def meeting_sum_cells(totals: Totals) -> list[MeetingCell]:
    return [
        MeetingCell(f"{totals.meetings[code]}/{totals.meetings_required[code]}", totals.meetings[code] < totals.meetings_required[code])
        for code in vocab.MEETING_TYPE
    ]
