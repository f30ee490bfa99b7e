"""The year's per-branch statistics for the annual assessment (年度考核、两优一先, 000 五.2).

Pure computation: records, the findings of a check run, the configuration, a year → one
`BranchRow` per 党支部, grouped under its 党总支, with totals. Nothing here prints or writes; each
output format (table, json, csv, xlsx, docx, html) only lays these values out.

Every count is taken from the same helpers the rules use (`djrh.rules.quotas`), so the report
never disagrees with `djrh check` run on the same date:

- `themedays`: theme days of the year held by the as-of date;
- `integration_days`: of those, integration days (`integration: true`) — TD001's count;
- `months_missing`: complete months of the year from the branch's first month, not in
  `policy.months_off`, with no theme day — TD002's count;
- `outcomes_due`: held integration days of the year whose TD003 window (days after the meeting) has
  ended by the as-of date; `outcomes_filled`: of those, the ones with an `outcome`;
- `brands`: brands owned by the branch itself, started by the end of the year (and the as-of date);
- `pilots`: pilots whose `units` include the branch and whose period (or selection year) falls in
  the year, selected by the as-of date;
- `errors` / `warnings`: open (not waived) findings of the check run on the branch's own record, its
  theme days, the pilots it carries, the brands it owns and the filings it submitted — those that
  concern the year (see `concerns`);
- `waived`: waived findings on those records, each with its approval reference;
- `meetings`: meeting type -> the sittings held in the year (a meeting record of its type and of
  each type in its also_counts_as, a theme day of each type in its also_counts_as) — what
  MT001–MT006 count (quotas.meeting_counts); `meeting_quotas` beside it the year's required
  numbers (quotas.meeting_quotas: 党员大会 4, 支委会 10…), shown as held/required;
- `status`: for a complete year `met` (达标) when every quota of the year is met and nothing is
  wrong: no open error of the year, and no open warning of a quota rule (QUOTA_RULES: the yearly and
  monthly theme days TD001, TD002; the meetings MT001–MT006) — the findings `djrh check` reports,
  so a quota turned off or waived in djrh.yaml, or set to `info`, does not count; else `not_met`
  (未达标). For the as-of year `in_progress` (进行中).

The checks run as of the as-of date (default today), on the records as they stand: an outcome
written in March for a December theme day counts. Running them as of the year's end instead would
report such later entries as errors (TD005: evaluated "in the future") and judge today's membership
by a waiver granted later. `--as-of` makes a report reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from djrh.kinds import KINDS, vocab
from djrh.check.run import CheckResult, Tree, run_checks
from djrh.check.config import Config
from djrh.findings import SEVERITY_RANK, Finding
from djrh.i18n import Msg, msg, t
from djrh.personal import mask
from djrh.records import Record
from djrh.rules import quotas
from djrh.rules.base import Context, units_of
from djrh.rules.brands import pilot_in_year
from djrh.rules.calendar import is_complete_month, is_complete_quarter, quarter_months
from djrh.rules.waivers import waivers_in_force

MET, NOT_MET, IN_PROGRESS = "met", "not_met", "in_progress"
STATUSES = (MET, NOT_MET, IN_PROGRESS)

# The rules that check a branch's yearly quotas: an open warning of one of them (an error of any
# rule) makes a complete year `not_met`.
QUOTA_RULES = frozenset(("TD001", "TD002", "MT001", "MT002", "MT003", "MT004", "MT005", "MT006"))

# The numeric columns, in the order of the pinned JSON (SPEC section 5, issue 5).
COUNTS = (
    "themedays", "integration_days", "months_missing", "outcomes_filled", "outcomes_due",
    "brands", "pilots", "errors", "warnings", "waived",
)

# A heat-map cell's state: what the month means for the branch.
# NONE: nothing held and nothing expected (the heat map's row of yearly meetings, a month before a
# party group was formed).
HELD, MISSING, OFF, OPEN, FUTURE, BEFORE, NONE = "held", "missing", "off", "open", "future", "before", "none"


class ReportYearError(Exception):
    """The year cannot be reported: it has not started, or it is before the first checked year."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


@dataclass(frozen=True, slots=True)
class MonthCell:
    month: int
    held: int  # theme days held that month (dated on or before the as-of date)
    integration: int  # of which integration theme days
    planned: int  # theme days dated that month after the as-of date
    state: str  # HELD, MISSING (counted in months_missing), OFF (months_off), OPEN (not yet over), FUTURE, BEFORE


@dataclass(frozen=True, slots=True)
class CalendarCell:
    """One cell of a branch's meeting row in the heat map: a month (span 1) or a quarter (span 3)."""

    month: int  # its first month
    span: int
    held: int  # meetings held in it; for party groups, the groups that met
    groups: int  # for party groups, how many groups were expected to meet (0 elsewhere)
    missing: tuple[str, ...]  # for party groups, the names of those that did not
    planned: int  # meetings dated in it after the as-of date
    marks: tuple[str, ...]  # the yearly row: the types held in it (party_lecture, life_meeting, member_review)
    state: str  # HELD, MISSING (a rule reports it), OFF, OPEN, FUTURE, BEFORE


@dataclass(frozen=True, slots=True)
class CalendarLine:
    """A branch's meetings of one kind across the year (the heat map's meeting rows): `kind` is
    general_meeting (quarters), branch_committee or party_group (months), or "yearly" (党课,
    组织生活会 and 民主评议党员 marked in the month they were held)."""

    kind: str
    cells: tuple[CalendarCell, ...]


@dataclass(frozen=True, slots=True)
class WaivedFinding:
    """A waived finding with the waiver that covers it (the approval the 组织部 gave)."""

    finding: Finding
    branch: str  # the branch (or general branch) it is listed under
    ref: str | None
    approved_by: str
    until: date
    reason: str


@dataclass(slots=True)
class Totals:
    """Sums over rows; brands, pilots and findings shared by several branches count once."""

    themedays: int = 0
    integration_days: int = 0
    months_missing: int = 0
    outcomes_filled: int = 0
    outcomes_due: int = 0
    brands: int = 0
    pilots: int = 0
    errors: int = 0
    warnings: int = 0
    waived: int = 0
    infos: int = 0  # open findings at info level (not a pinned column; the dashboard counts them)
    meetings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(vocab.MEETING_TYPE, 0))
    # meeting type -> the sum of the rows' required numbers (a quota that does not apply counts 0)
    meetings_required: dict[str, int] = field(default_factory=lambda: dict.fromkeys(vocab.MEETING_TYPE, 0))
    branches: int = 0
    met: int = 0
    not_met: int = 0
    in_progress: int = 0

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTS}


@dataclass(slots=True)
class BranchRow:
    id: str
    name: str
    parent: str | None  # id of its general branch; None for a 直属党支部
    path: str
    themedays: int
    integration_days: int
    months_missing: int
    outcomes_filled: int
    outcomes_due: int
    brands: int
    pilots: int
    errors: int
    warnings: int
    waived: int
    status: str
    missing_months: tuple[int, ...]
    months: tuple[MonthCell, ...]  # the heat map's theme-day row; () when not asked for (`build`'s heat_map)
    findings: list[Finding]  # open findings, errors first
    waivers: list[WaivedFinding]
    brand_ids: tuple[str, ...]
    pilot_ids: tuple[str, ...]
    inherited_brands: tuple[str, ...]  # brands of its general branch (个个支部有亮点, BR002)
    # meeting type -> sittings held in the year (quotas.meeting_counts, SPEC section 5)
    meetings: dict[str, int] = field(default_factory=dict)
    # meeting type -> held and required in the year (quotas.meeting_quotas)
    meeting_quotas: dict[str, quotas.MeetingQuota] = field(default_factory=dict)
    # the heat map's meeting rows (those that apply to the branch); () when not asked for (`build`'s heat_map)
    calendar: tuple[CalendarLine, ...] = ()

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTS}


@dataclass(slots=True)
class Group:
    """A 党总支 with its branches, or the 直属党支部 (id None)."""

    id: str | None
    name: str  # the general branch's name; empty for the 直属党支部 group
    rows: list[BranchRow]
    totals: Totals
    own_brands: tuple[str, ...] = ()  # brands owned by the general branch itself
    own_pilots: tuple[str, ...] = ()  # pilots it carries as a unit
    own_findings: list[Finding] = field(default_factory=list)  # open findings on its records (BR001, DL001…)
    own_waivers: list[WaivedFinding] = field(default_factory=list)

    def label(self, lang: str | None = None) -> str:
        return self.name if self.id is not None else t("report.direct_group", lang=lang)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the report's problem list, once, with the units it is listed under."""

    units: tuple[str | None, ...]  # names of the branches or general branches; None: 其他 (no unit)
    finding: Finding
    waiver: WaivedFinding | None  # None: open (to be fixed)


@dataclass(slots=True)
class Report:
    year: int
    as_of: date  # the date the counts and checks are taken at
    complete: bool  # the year is over: statuses are final
    institution: str | None
    min_days: int  # TD001 min_days
    lectures_per_year: int  # MT004 per_year
    outcome_days: int  # TD003 days
    months_off: tuple[int, ...]
    groups: list[Group]
    totals: Totals
    other_findings: list[Finding]  # open findings of the year listed under no branch or general branch
    findings: list[Finding]  # every finding of the run
    problems: list[Problem] = field(default_factory=list)  # every finding of the year, once: open ones first
    as_of_fixed: bool = False  # the date comes from djrh.yaml's as_of, not --as-of or today

    @property
    def rows(self) -> list[BranchRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def waivers(self) -> list[WaivedFinding]:
        return [w for group in self.groups for w in [*group.own_waivers, *(w for row in group.rows for w in row.waivers)]]


def build(
    tree: Tree, config: Config, year: int, as_of: date, as_of_fixed: bool = False, only: str | None = None,
    heat_map: bool = True,
) -> Report:
    """Run the checks as of `as_of` and compute the report of `year` (at most the as-of year);
    `as_of_fixed`: the date is the tree's own (djrh.yaml's as_of), which the report says; `only`: the
    id of one branch (its row) or general branch (its group), as `djrh report --branch`; `heat_map`:
    whether the rows need their heat map's cells (`BranchRow.months` and `.calendar`: only the html
    report and djrh serve show them)."""
    ctx = Context(root=tree.root, records=tree.records, config=config, as_of=as_of)
    if year > as_of.year:
        raise ReportYearError(msg("report.year_future", year=year, as_of=as_of))
    if year < ctx.since:
        raise ReportYearError(msg("report.year_before_since", year=year, since=ctx.since))
    report = compute(run_checks(tree, config, as_of), config, year, only, heat_map)
    report.as_of_fixed = as_of_fixed
    return report


def compute(result: CheckResult, config: Config, year: int, only: str | None = None, heat_map: bool = True) -> Report:
    """The report of `year` from a check run; `only`, `heat_map`: see `build`."""
    ctx = result.context
    if ctx is None or ctx.config is not config or ctx.records is not result.records:
        ctx = Context(root=result.root, records=result.records, config=config, as_of=result.as_of)
    by_path = {record.path: record for record in result.records}
    in_force = waivers_in_force(result.records, result.as_of)
    owned: dict[str, list[int]] = {}  # unit id -> indices into result.findings
    concerned: list[int] = []  # the findings of the year
    placed: set[int] = set()  # those listed under a branch row or a general branch
    units = result.units()
    for index, finding in enumerate(result.findings):
        record = by_path.get(finding.path)
        if not concerns(finding, record, year, result.as_of.year):
            continue
        concerned.append(index)
        for unit in units_of(record, units) if record is not None else []:
            owned.setdefault(unit, []).append(index)

    general = {g.id: g for g in ctx.of_kind("general_branch")}
    grouped: dict[str | None, list[BranchRow]] = {}
    shared: dict[str | None, list[tuple[set, set, set]]] = {}  # per group: (brand ids, pilot ids, finding indices)
    listed: dict[int, list[str | None]] = {}  # finding index -> names of the units it is listed under
    for branch in sorted(ctx.of_kind("branch"), key=lambda r: r.id):
        if quotas.first_month(ctx, branch)[0] > year:
            continue  # not yet in the registry that year (TD001 does not count it either)
        if only is not None and only not in (branch.id, getattr(branch.model, "parent", None)):
            continue
        indices = owned.get(branch.id, [])
        placed.update(indices)
        row = _row(ctx, branch, year, general, [result.findings[i] for i in indices], in_force, heat_map)
        parent = row.parent
        grouped.setdefault(parent, []).append(row)
        shared.setdefault(parent, []).append((set(row.brand_ids), set(row.pilot_ids), set(indices)))
        for index in indices:
            listed.setdefault(index, []).append(row.name)

    findings = result.findings
    groups: list[Group] = []
    for gid in sorted(grouped, key=lambda g: (g is None, g or "")):
        rows = grouped[gid]
        if gid is None:
            groups.append(Group(None, "", rows, _totals(rows, shared[gid], findings)))
            continue
        indices = owned.get(gid, []) if only in (None, gid) else []  # see own_too below
        placed.update(owned.get(gid, []))
        own = [findings[i] for i in indices]
        own_too = only in (None, gid)  # a report of one branch leaves out its general branch's own
        group = Group(
            gid, _name(general[gid]), rows, Totals(),
            own_brands=_brands_of(ctx, gid, year) if own_too else (),
            own_pilots=_pilots_of(ctx, gid, year) if own_too else (),
            own_findings=_open(own), own_waivers=_waived(own, gid, in_force, result.as_of),
        )
        # the group's sums take in what the general branch holds itself: its brands, pilots, findings
        group.totals = _totals(rows, shared[gid] + [(set(group.own_brands), set(group.own_pilots), set(indices))], findings)
        groups.append(group)
        for index in indices:
            listed.setdefault(index, []).append(group.name)
    # the rest: djrh.yaml, unreadable files, records of a unit with no row (a general branch without
    # branches, a theme day whose branch cannot be read)
    other = [i for i in concerned if i not in placed] if only is None else []
    for index in other:
        listed[index] = [None]
    everything = [entry for entries in shared.values() for entry in entries]
    everything += [(set(g.own_brands), set(g.own_pilots), set(owned.get(g.id, []))) for g in groups if g.id is not None]
    everything.append((set(), set(), set(other)))
    totals = _totals([row for group in groups for row in group.rows], everything, findings)
    waivers = {id(w.finding): w for group in groups for w in [*group.own_waivers, *(w for row in group.rows for w in row.waivers)]}
    # in the order of the table (a unit's problems together, its errors first), 其他 last
    first_seen: dict[str | None, int] = {}
    for units in listed.values():
        first_seen.setdefault(units[0], len(first_seen))
    problems = [
        Problem(tuple(dict.fromkeys(listed[i])), findings[i], waivers.get(id(findings[i])))
        for i in sorted(listed, key=lambda i: (first_seen[listed[i][0]], _rank(findings[i])))
    ]
    return Report(
        year=year, as_of=result.as_of, complete=ctx.is_complete_year(year),
        institution=config.institution, min_days=config.param("TD001", "min_days"),
        lectures_per_year=config.param("MT004", "per_year"),
        outcome_days=config.param("TD003", "days"), months_off=tuple(config.months_off),
        groups=groups, totals=totals, other_findings=_open([findings[i] for i in other]), findings=findings,
        problems=problems,
    )


def _name(unit: Record) -> str:
    """A unit's name, or its id while its name has schema errors (a person's number masked)."""
    return mask(unit.model.name if unit.usable(("name",)) else unit.id)


def concerns(finding: Finding, record: Record | None, year: int, as_of_year: int) -> bool:
    """Whether a finding belongs in the report of `year`.

    A finding with a span concerns the years it spans (TD001, TD002, PJ001, BR003: the year
    checked; DL001: the deadline; PJ003: the task's due date). Otherwise a finding on a dated record
    concerns the year of its date: a theme day its day, a filing its submission, a pilot every year
    of its period (or its selection year). The rest (membership, committee, term, waivers) describes
    the current state: it counts in the as-of year's report."""
    if finding.span is not None:
        start, end = finding.span
        return start.year <= year <= end.year
    years = _record_years(record) if record is not None else None
    if years is not None:
        return year in years
    return year == as_of_year


def _record_years(record: Record) -> set[int] | None:
    """The years a dated record concerns (its kind's `date_field`, or `period_field` when filled
    in); None for an undated one (branch, general branch, brand)."""
    spec = KINDS.get(record.kind or "")
    if spec is None or spec.date_field is None:
        return None
    model, name = record.model, spec.date_field
    if spec.period_field is not None:  # a period spans years: only a usable one says which
        if not record.usable((spec.period_field, name)):
            return None
        period = getattr(model, spec.period_field)
        if period is not None:
            return set(range(period.start.year, period.end.year + 1))
        return {getattr(model, name).year}
    day = getattr(model, name) if record.usable((name,)) else _raw_date(record, name)
    return {day.year} if day is not None else None


def _raw_date(record: Record, name: str) -> date | None:
    value = record.data.get(name) if isinstance(record.data, dict) else None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _row(
    ctx: Context, branch: Record, year: int, general: dict, findings: list[Finding], in_force: dict, heat_map: bool = True,
) -> BranchRow:
    """One branch's row; `findings`: those of the year on its records (open and waived)."""
    count = quotas.year_count(ctx, branch.id, year)  # the numbers TD001, the bundle cover and djrh due use
    missing = quotas.missing_months(ctx, branch, year)
    brands = _brands_of(ctx, branch.id, year)
    pilots = _pilots_of(ctx, branch.id, year)
    parent = getattr(branch.model, "parent", None)  # absent while it has schema errors
    parent = parent if parent in general else None
    inherited = _brands_of(ctx, parent, year) if parent is not None else ()
    open_ = _open(findings)
    errors = sum(1 for f in open_ if f.severity == "error")
    warnings = sum(1 for f in open_ if f.severity == "warning")
    waivers = _waived(findings, branch.id, in_force, ctx.as_of)
    if not ctx.is_complete_year(year):
        status = IN_PROGRESS
    elif errors == 0 and not any(f.code in QUOTA_RULES and f.severity == "warning" for f in open_):
        status = MET
    else:
        status = NOT_MET
    meeting_quotas = quotas.meeting_quotas(ctx, branch, year)
    return BranchRow(
        id=branch.id, name=_name(branch), parent=parent, path=branch.path,
        themedays=len(count.held), integration_days=len(count.held_integration), months_missing=len(missing),
        outcomes_filled=len(count.outcomes_filled), outcomes_due=len(count.outcomes_due), brands=len(brands),
        pilots=len(pilots), errors=errors, warnings=warnings, waived=len(waivers), status=status,
        missing_months=tuple(missing), months=_months(ctx, branch, year, count, set(missing)) if heat_map else (),
        findings=open_, waivers=waivers, brand_ids=brands, pilot_ids=pilots, inherited_brands=inherited,
        meetings={code: quota.held for code, quota in meeting_quotas.items()}, meeting_quotas=meeting_quotas,
        calendar=_calendar(ctx, branch, year, meeting_quotas) if heat_map else (),
    )


YEARLY = ("party_lecture", "life_meeting", "member_review")


def _calendar(ctx: Context, branch: Record, year: int, meeting_quotas: dict) -> tuple[CalendarLine, ...]:
    """The heat map's meeting rows of a branch: the quarters of its 党员大会 (MT001), the months of
    its 支委会 (MT002, with a committee) and of its party groups (MT003), and a row marking the
    month of each 党课, 组织生活会 and 民主评议党员 — missing exactly where the rules report it."""
    first = quotas.first_month(ctx, branch)
    months_off = set(ctx.config.months_off)

    def state(start: int, span: int, held: int, missing: bool, complete: bool) -> str:
        if missing:
            return MISSING
        if held:
            return HELD
        if (year, start + span - 1) < first:
            return BEFORE
        if span == 1 and start in months_off:
            return OFF
        if date(year, start, 1) > ctx.as_of:
            return FUTURE
        return OPEN if not complete else NONE

    tallies: dict[tuple[str, str | None], dict[int, list[int]]] = {}  # (type, group) -> month -> [held, planned]

    def counts(code: str, months: tuple[int, ...], group: str | None = None) -> tuple[int, int]:
        tally = tallies.get((code, group))
        if tally is None:  # the year's sittings of a type, sorted into months once (not once a cell)
            tally = tallies[(code, group)] = {}
            for sitting in quotas.of_type(ctx, branch.id, code, year, group):
                tally.setdefault(sitting.day.month, [0, 0])[0 if quotas.is_held_sitting(ctx, sitting) else 1] += 1
        cells = [tally[month] for month in months if month in tally]
        return sum(cell[0] for cell in cells), sum(cell[1] for cell in cells)

    lines = []
    missing_quarters = set(quotas.quarters_missing(ctx, branch, year))
    cells = []
    for quarter in range(1, 5):
        months = quarter_months(quarter)
        held, planned = counts("general_meeting", months)
        complete = is_complete_quarter(year, quarter, ctx.as_of)
        cells.append(CalendarCell(months[0], 3, held, 0, (), planned, (), state(months[0], 3, held, quarter in missing_quarters, complete)))
    lines.append(CalendarLine("general_meeting", tuple(cells)))

    if meeting_quotas["branch_committee"].required is not None:
        missing = set(quotas.committee_months_missing(ctx, branch, year))
        cells = []
        for month in range(1, 13):
            held, planned = counts("branch_committee", (month,))
            complete = is_complete_month(year, month, ctx.as_of)
            cells.append(CalendarCell(month, 1, held, 0, (), planned, (), state(month, 1, held, month in missing, complete)))
        lines.append(CalendarLine("branch_committee", tuple(cells)))

    groups = branch.model.party_groups if branch.usable(("party_groups",)) else []
    if groups:
        missing_by_group = {g.name: set(quotas.group_months_missing(ctx, branch, g, year)) for g in groups}
        cells = []
        firsts = [(g, quotas.group_first_month(ctx, branch, g)) for g in groups]
        for month in range(1, 13):
            expected = [g for g, first_month in firsts if (year, month) >= first_month]
            met = [g for g in expected if counts("party_group", (month,), g.name.strip())[0]]
            missing = tuple(g.name for g in expected if month in missing_by_group[g.name])
            planned = sum(counts("party_group", (month,), g.name.strip())[1] for g in expected)
            complete = is_complete_month(year, month, ctx.as_of)
            cell_state = state(month, 1, len(met), bool(missing), complete)
            cells.append(CalendarCell(month, 1, len(met), len(expected), missing, planned, (), cell_state))
        lines.append(CalendarLine("party_group", tuple(cells)))

    cells = []
    yearly = [s for code in YEARLY for s in quotas.of_type(ctx, branch.id, code, year)]
    for month in range(1, 13):
        found = [s for s in yearly if s.day.month == month]
        held = [s.type for s in found if quotas.is_held_sitting(ctx, s)]
        marks = tuple(code for code in YEARLY for _ in range(held.count(code)))
        complete = is_complete_month(year, month, ctx.as_of)
        cells.append(CalendarCell(month, 1, len(held), 0, (), len(found) - len(held), marks, state(month, 1, len(held), False, complete)))
    lines.append(CalendarLine("yearly", tuple(cells)))
    return tuple(lines)


def _months(ctx: Context, branch: Record, year: int, count: quotas.YearCount, missing: set[int]) -> tuple[MonthCell, ...]:
    """The heat map's row: the year's theme days month by month, as `year_count` counts them."""
    first = quotas.first_month(ctx, branch)
    months_off = set(ctx.config.months_off)
    cells = []
    for month in range(1, 13):
        held = [d for d in count.held if d.model.date.month == month]
        if month in missing:
            state = MISSING
        elif held:
            state = HELD
        elif (year, month) < first:
            state = BEFORE
        elif month in months_off:
            state = OFF
        elif date(year, month, 1) > ctx.as_of:
            state = FUTURE
        elif not is_complete_month(year, month, ctx.as_of):
            state = OPEN
        else:  # unreachable: a complete month with nothing held is in `missing`
            state = MISSING
        cells.append(MonthCell(
            month, len(held), sum(1 for d in count.held_integration if d.model.date.month == month),
            sum(1 for d in count.planned if d.model.date.month == month), state,
        ))
    return tuple(cells)


def _brands_of(ctx: Context, unit: str | None, year: int) -> tuple[str, ...]:
    """Brands owned by `unit`, started by the end of `year` (and by the as-of date)."""
    if unit is None:
        return ()
    last = min(ctx.as_of, date(year, 12, 31))
    return tuple(sorted(b.id for b in ctx.of_kind("brand", "owner", "started_on") if b.model.owner == unit and b.model.started_on <= last))


def _pilots_of(ctx: Context, unit: str, year: int) -> tuple[str, ...]:
    """Pilots `unit` carries in `year`: selected by the as-of date, period (or selection) in the year."""
    return tuple(sorted(
        p.id for p in ctx.of_kind("pilot", "units", "selected_on", "period")
        if unit in p.model.units and p.model.selected_on <= ctx.as_of and pilot_in_year(p.model, year)
    ))


def _rank(finding: Finding) -> tuple:
    """Open before waived, errors first, then by place."""
    return (finding.waived, SEVERITY_RANK[finding.severity], finding.path, finding.line, finding.code)


def _open(findings: list[Finding]) -> list[Finding]:
    return sorted((f for f in findings if not f.waived), key=_rank)


def _waived(findings: list[Finding], unit: str, in_force: dict, as_of: date) -> list[WaivedFinding]:
    """The waived findings with the waivers that cover them (`in_force`: waivers_in_force)."""
    entries = []
    for finding in findings:
        if not finding.waived:
            continue
        waiver = in_force.get((finding.path, finding.code))
        if waiver is None:  # cannot happen for a finding apply_waivers marked; keep it listed all the same
            entries.append(WaivedFinding(finding, unit, None, "", as_of, ""))
        else:
            entries.append(WaivedFinding(finding, unit, waiver.ref, waiver.approved_by, waiver.until, waiver.reason))
    return entries


def _totals(rows: list[BranchRow], shared: list[tuple[set, set, set]], findings: list[Finding]) -> Totals:
    totals = Totals(branches=len(rows))
    for row in rows:
        for name in ("themedays", "integration_days", "months_missing", "outcomes_filled", "outcomes_due"):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
        setattr(totals, row.status, getattr(totals, row.status) + 1)
        for code, quota in row.meeting_quotas.items():
            totals.meetings[code] += quota.held
            totals.meetings_required[code] += quota.required or 0
    brands = set().union(*(entry[0] for entry in shared)) if shared else set()
    pilots = set().union(*(entry[1] for entry in shared)) if shared else set()
    indices = set().union(*(entry[2] for entry in shared)) if shared else set()
    totals.brands = len(brands)
    totals.pilots = len(pilots)
    totals.errors = sum(1 for i in indices if not findings[i].waived and findings[i].severity == "error")
    totals.warnings = sum(1 for i in indices if not findings[i].waived and findings[i].severity == "warning")
    totals.infos = sum(1 for i in indices if not findings[i].waived and findings[i].severity == "info")
    totals.waived = sum(1 for i in indices if findings[i].waived)
    return totals
