"""The quotas and windows the rules check, counted once: TD001–TD003, MT001–MT007 and ORG003 call these
helpers, and so do `djrh report` (its columns), `djrh due` (its reminders) and the annual bundle
(its cover), so that a number in a report or a reminder is always the number a rule checks.

Each helper takes the shared `Context` (a rule passes `r.ctx`) and keeps what it computes once per
tree in `ctx.memo`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from djrh.kinds import vocab
from djrh.records import Record
from djrh.rules.base import Context
from djrh.rules.calendar import add_years, is_complete_month, is_complete_quarter, quarter_months, quarter_of

MEETING_TYPES = tuple(vocab.MEETING_TYPE)
# The id `djrh new` gives a meeting after its branch's id (KindSpec.id_template of djrh.kinds.meeting).
MEETING_ID_REST = r"\d{4}-\d{2}-\d{2}(-.*)?"


def first_month(ctx: Context, branch: Record) -> tuple[int, int]:
    """(year, month) from which a branch is expected to hold theme days and meetings: the
    earliest of its committee's election, its first theme day and its first meeting (a branch
    that met in January existed in January), and not before `policy.since`. While its
    `elected_on` has schema errors and it has neither, all that is known is that it exists now:
    the as-of month."""
    memo = ctx.memo.setdefault("first_month", {})
    found = memo.get(id(branch))
    if found is None:
        found = memo[id(branch)] = _first_month(ctx, branch)
    return found


def _first_month(ctx: Context, branch: Record) -> tuple[int, int]:
    starts = [branch.model.elected_on] if branch.usable(("elected_on",)) else []
    days = ctx.themedays_of(branch.id)
    if days:
        starts.append(days[0].model.date)
    meetings = sittings(ctx, branch.id)
    if meetings:
        starts.append(meetings[0].day)
    first = min(starts) if starts else ctx.as_of
    return max((first.year, first.month), (ctx.since, 1))


def is_held(ctx: Context, day: Record) -> bool:
    """A theme day counts as held once its date is on or before the as-of date."""
    return day.model.date <= ctx.as_of


def is_integration(day: Record) -> bool:
    """Whether a theme day counts as an integration day (融合主题党日): one whose `integration` has
    schema errors does not (see `themedays_left_out`)."""
    return "integration" not in day.broken and day.model.integration


@dataclass(frozen=True, slots=True)
class YearCount:
    """A branch's theme days of one year as of the as-of date: what TD001 counts, what `djrh report`
    shows in its row, the annual bundle on its cover and `djrh due` in its reminder."""

    held: tuple[Record, ...]  # dated on or before the as-of date
    planned: tuple[Record, ...]  # dated after it
    held_integration: tuple[Record, ...]  # of `held`, the integration days (TD001's count)
    planned_integration: tuple[Record, ...]
    outcomes_due: tuple[Record, ...]  # of `held_integration`, those whose TD003 window has ended
    outcomes_filled: tuple[Record, ...]  # of `outcomes_due`, those with an outcome


def year_count(ctx: Context, branch_id: str, year: int) -> YearCount:
    """TD001's count (000 五.2: 每年度不少于 2 次) and TD003's windows for a branch and a year."""
    held, planned, held_integration, planned_integration, due, filled = [], [], [], [], [], []
    window = timedelta(days=ctx.config.param("TD003", "days"))
    as_of = ctx.as_of
    for day in ctx.themedays_in_year(branch_id, year):
        model = day.model
        integration = is_integration(day)
        if model.date > as_of:
            planned.append(day)
            if integration:
                planned_integration.append(day)
            continue
        held.append(day)
        if integration:
            held_integration.append(day)
            if as_of > model.date + window:  # outcome_due_on
                due.append(day)
                if "outcome" not in day.broken and model.outcome is not None:
                    filled.append(day)
    return YearCount(*map(tuple, (held, planned, held_integration, planned_integration, due, filled)))


def themedays_left_out(ctx: Context, branch_id: str, year: int, needs: tuple[str, ...]) -> list[Record]:
    """Theme days of a branch a quota of `year` cannot count: a field of `needs` has schema
    errors, and the day is in `year` or its date cannot be read (then it may be: a date that
    starts with a year, `2026-02-30`, is taken at its word)."""
    return _left_out_in_year(ctx, "themeday", needs, branch_id, year, r"\d{4}-\d{2}(-.*)?")


def _left_out_in_year(ctx: Context, kind: str, needs: tuple[str, ...], branch_id: str, year: int, id_rest: str) -> list[Record]:
    found = []
    for record in ctx.left_out(kind, ("date", *needs), "branch", branch_id, id_rest):
        if "date" not in record.broken:
            if record.model.date.year == year:
                found.append(record)
            continue
        written = record.data.get("date") if isinstance(record.data, dict) else None
        text = str(written).strip() if written is not None else ""
        if not (len(text) >= 4 and text[:4].isdigit()) or int(text[:4]) == year:
            found.append(record)
    return found


def months_with_themeday(ctx: Context, branch_id: str) -> set[tuple[int, int]]:
    """(year, month) of every theme day of a branch, held or planned (TD002, `djrh due`)."""
    memo = ctx.memo.setdefault("months_with_themeday", {})
    months = memo.get(branch_id)
    if months is None:
        months = memo[branch_id] = {(d.model.date.year, d.model.date.month) for d in ctx.themedays_of(branch_id)}
    return months


def missing_months(ctx: Context, branch: Record, year: int) -> list[int]:
    """TD002 (000 四(二): 每月一次主题党日): the complete months of `year`, from the branch's first
    month and not in policy.months_off, in which the branch held no theme day."""
    first = first_month(ctx, branch)
    held = months_with_themeday(ctx, branch.id)
    return [m for m in _expected_months(ctx, year) if (year, m) >= first and (year, m) not in held]


def _expected_months(ctx: Context, year: int) -> list[int]:
    """The complete months of `year` in which a theme day is expected (not in months_off);
    the same for every branch, so computed once per year."""
    memo = ctx.memo.setdefault("expected_months", {})
    months = memo.get(year)
    if months is None:
        months_off = set(ctx.config.months_off)
        months = memo[year] = [m for m in range(1, 13) if m not in months_off and is_complete_month(year, m, ctx.as_of)]
    return months


def outcome_due_on(ctx: Context, day: Record) -> date:
    """TD003 (附件2 工作成效): the last day of the window for writing a theme day's outcome."""
    return day.model.date + timedelta(days=ctx.config.param("TD003", "days"))


def outcome_pending(ctx: Context, day: Record) -> bool:
    """An integration theme day held without an outcome yet (its date, integration and outcome
    must be usable): its outcome falls due on `outcome_due_on`."""
    model = day.model
    return model.integration and model.outcome is None and is_held(ctx, day)


def outcome_overdue(ctx: Context, day: Record) -> bool:
    """TD003: an integration theme day past its outcome window without an outcome (a pending one
    whose window has ended: a day past its window is held)."""
    model = day.model
    return model.integration and model.outcome is None and ctx.as_of > outcome_due_on(ctx, day)


@dataclass(frozen=True, slots=True)
class Term:
    years: int  # the branch's term_years, or ORG003's term_years
    ends: date  # elected_on plus the term


def term(ctx: Context, branch: Record) -> Term:
    """ORG003 (003 二.4: 每届任期一般为 3 年): when the committee's term ends (`elected_on` and
    `term_years` must be usable)."""
    years = branch.model.term_years or ctx.config.param("ORG003", "term_years")
    return Term(years, add_years(branch.model.elected_on, years))


# ---- 三会一课 and the other meetings (MT001–MT007; djrh report, djrh due, the 工作记录本's cover)


@dataclass(frozen=True, slots=True)
class Sitting:
    """One meeting of one type that a branch held or plans. A meeting record is a sitting of its
    type and of each other type in its `also_counts_as`; a theme day (counted once a date, TD007)
    a sitting of each type in its `also_counts_as` (SPEC section 2: one event, several meetings)."""

    day: date
    type: str
    # The party group of a 党小组会 record ("" when it names none); None: the whole branch met (a
    # theme day, or a meeting of another type that also counts as a 党小组会), so every group did.
    group: str | None
    record: Record


def sittings(ctx: Context, branch_id: str) -> list[Sitting]:
    """Every sitting of a branch, in date order. A meeting whose `branch`, `date` or `type` and
    `also_counts_as` have schema errors is left out (`meetings_left_out` names it); one whose
    `group` has errors is no sitting of any party group."""
    index = ctx.memo.get("sittings")
    if index is None:
        index = ctx.memo["sittings"] = _sitting_index(ctx)
    return index.get(branch_id, [])


def _sitting_index(ctx: Context) -> dict[str, list[Sitting]]:
    index: dict[str, list[Sitting]] = defaultdict(list)
    for record in ctx.of_kind("meeting", "branch", "date"):
        model = record.model
        own = model.type if "type" not in record.broken else None
        types = [own] if own is not None else []
        if "also_counts_as" not in record.broken:
            types += model.also_counts_as
        for code in dict.fromkeys(types):
            group = None
            if code == "party_group" and own == "party_group":
                if "group" in record.broken:
                    continue
                group = (model.group or "").strip()
            index[model.branch].append(Sitting(model.date, code, group, record))
    for branch_id, days in ctx._themeday_index().items():
        for day in days:
            if day.usable(("also_counts_as",)):
                for code in dict.fromkeys(day.model.also_counts_as):
                    index[branch_id].append(Sitting(day.model.date, code, None, day))
    for found in index.values():
        found.sort(key=lambda s: (s.day, s.record.id))
    return dict(index)


def is_held_sitting(ctx: Context, sitting: Sitting) -> bool:
    """SPEC section 2: quotas count held meetings only, dated on or before the as-of date."""
    return sitting.day <= ctx.as_of


def of_type(ctx: Context, branch_id: str, code: str, year: int | None = None, group: str | None = None) -> list[Sitting]:
    """The sittings of one type (of `year`; of the party group `group`, counting those of the
    whole branch), held or planned."""
    index = ctx.memo.get("sittings_by_type")
    if index is None:
        index = ctx.memo["sittings_by_type"] = {}
    key = (branch_id, code)
    typed = index.get(key)
    if typed is None:
        typed = index[key] = [s for s in sittings(ctx, branch_id) if s.type == code]
    found = []
    for sitting in typed:
        if year is not None and sitting.day.year != year:
            continue
        if group is not None and sitting.group is not None and sitting.group != group:
            continue
        found.append(sitting)
    return found


def held_of_type(ctx: Context, branch_id: str, code: str, year: int, group: str | None = None) -> list[Sitting]:
    return [s for s in of_type(ctx, branch_id, code, year, group) if is_held_sitting(ctx, s)]


def meeting_counts(ctx: Context, branch_id: str, year: int) -> dict[str, int]:
    """Meeting type -> the sittings of a branch held in `year` (djrh report's `meetings`, SPEC
    section 5): each meeting record, and each theme day that also counts as one."""
    counts = dict.fromkeys(MEETING_TYPES, 0)
    for sitting in sittings(ctx, branch_id):
        if sitting.day.year == year and is_held_sitting(ctx, sitting):
            counts[sitting.type] += 1
    return counts


def meeting_months(ctx: Context, branch_id: str, code: str, group: str | None = None) -> set[tuple[int, int]]:
    """(year, month) of every sitting of a type (of a party group), held or planned."""
    return {(s.day.year, s.day.month) for s in of_type(ctx, branch_id, code, group=group)}


def has_committee(branch: Record) -> bool:
    """MT002: a branch has a 支部委员会 when its committee lists a member beyond the secretary and
    deputy secretary (支部工作条例 第二十条: a branch of fewer than 7 full members sets a secretary,
    and a deputy if need be, instead of a committee). Needs `committee` usable."""
    return any(member.role not in ("secretary", "deputy_secretary") for member in branch.model.committee)


def _months_off(ctx: Context) -> set[int]:
    return set(ctx.config.months_off)


def committee_months_missing(ctx: Context, branch: Record, year: int) -> list[int]:
    """MT002 (支部工作条例 第十二条: 支委会一般每月召开1次): the complete months of `year`, from the
    branch's first month and not in policy.months_off, with no 支委会 (the branch must have a
    committee: `has_committee`)."""
    return _missing(ctx, branch, year, meeting_months(ctx, branch.id, "branch_committee"), first_month(ctx, branch))


def group_first_month(ctx: Context, branch: Record, group) -> tuple[int, int]:
    """The month from which a party group is expected to meet: the branch's first month, or the
    month of the group's `formed_on` when later (a group set up in the middle of the year)."""
    first = first_month(ctx, branch)
    formed = getattr(group, "formed_on", None)
    return max(first, (formed.year, formed.month)) if formed is not None else first


def group_months_missing(ctx: Context, branch: Record, group, year: int) -> list[int]:
    """MT003 (支部工作条例 第十三条: 党小组会一般每月召开1次): the complete months of `year`, from the
    group's first month and not in policy.months_off, with no 党小组会 of the group (or a meeting
    of the whole branch that also counts as one)."""
    months = meeting_months(ctx, branch.id, "party_group", group=group.name.strip())
    return _missing(ctx, branch, year, months, group_first_month(ctx, branch, group))


def _missing(ctx: Context, branch: Record, year: int, months: set[tuple[int, int]], first: tuple[int, int]) -> list[int]:
    return [m for m in _expected_months(ctx, year) if (year, m) >= first and (year, m) not in months]


def expected_quarters(ctx: Context, branch: Record, year: int, complete_only: bool = True) -> list[int]:
    """The quarters of `year` in which a 支部党员大会 is expected: those starting in or after the
    branch's first month (a branch formed in May is first asked for one in the third quarter);
    `complete_only`: those over by the as-of date."""
    first = first_month(ctx, branch)
    return [
        q for q in range(1, 5)
        if (year, quarter_months(q)[0]) >= first and (not complete_only or is_complete_quarter(year, q, ctx.as_of))
    ]


def quarters_missing(ctx: Context, branch: Record, year: int) -> list[int]:
    """MT001 (支部工作条例 第十一条: 党员大会一般每季度召开1次): the complete quarters of `year`,
    from the branch's first month, with no 支部党员大会 held."""
    held = {quarter_of(s.day.month) for s in held_of_type(ctx, branch.id, "general_meeting", year)}
    return [q for q in expected_quarters(ctx, branch, year) if q not in held]


@dataclass(frozen=True, slots=True)
class MeetingQuota:
    """One line of a branch's meeting quotas for a year: how many were held, how many the year
    asks for (None: this quota does not apply to the branch, e.g. 支委会 without a committee)."""

    type: str
    held: int
    required: int | None


def meeting_quotas(ctx: Context, branch: Record, year: int) -> dict[str, MeetingQuota]:
    """Meeting type -> held / required in `year`, as MT001–MT006 ask over the whole year: a 党员大会
    each quarter from the branch's first month, a 支委会 each month not off (with a committee), a
    党小组会 each month not off per party group, `MT004.per_year` 党课, one 组织生活会, one 民主评议党员.
    `held` is the sittings held (meeting_counts); the required numbers are the year's targets,
    whether or not the year is over (djrh report, the 工作记录本's cover)."""
    counts = meeting_counts(ctx, branch.id, year)
    first = first_month(ctx, branch)
    months_off = _months_off(ctx)
    months = [m for m in range(1, 13) if m not in months_off and (year, m) >= first]
    quarters = expected_quarters(ctx, branch, year, complete_only=False)
    committee = has_committee(branch) if branch.usable(("committee",)) else False
    groups = branch.model.party_groups if branch.usable(("party_groups",)) else []
    group_months = sum(
        1 for group in groups for m in months if (year, m) >= group_first_month(ctx, branch, group)
    )
    required = {
        "general_meeting": len(quarters),
        "branch_committee": len(months) if committee else None,
        "party_group": group_months if groups else None,
        "party_lecture": ctx.config.param("MT004", "per_year") if year >= first[0] else 0,
        "life_meeting": 1 if year >= first[0] else 0,
        "member_review": 1 if year >= first[0] else 0,
    }
    return {code: MeetingQuota(code, counts[code], required[code]) for code in MEETING_TYPES}


def meetings_left_out(ctx: Context, branch_id: str, year: int, needs: tuple[str, ...] = ()) -> list[Record]:
    """Meetings (and theme days that may count as one) of a branch that a meeting quota of `year`
    cannot count: their type, `also_counts_as` or a field of `needs` has schema errors."""
    meetings = _left_out_in_year(ctx, "meeting", ("type", "also_counts_as", *needs), branch_id, year, MEETING_ID_REST)
    return meetings + themedays_left_out(ctx, branch_id, year, ("also_counts_as",))
