"""The quotas and windows the rules check, counted once: TD001, TD002, TD003 and ORG003 call these
helpers, and so do `djrh report` (its columns), `djrh due` (its reminders) and the annual bundle
(its cover), so that a number in a report or a reminder is always the number a rule checks.

Each helper takes the shared `Context` (a rule passes `r.ctx`) and keeps what it computes once per
tree in `ctx.memo`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from djrh.records import Record
from djrh.rules.base import Context
from djrh.rules.calendar import add_years, is_complete_month


def first_month(ctx: Context, branch: Record) -> tuple[int, int]:
    """(year, month) from which a branch is expected to hold theme days: the earlier of its
    committee's election and its first theme day, and not before `policy.since`. While its
    `elected_on` has schema errors and it has no theme day, all that is known is that it
    exists now: the as-of month."""
    starts = [branch.model.elected_on] if branch.usable(("elected_on",)) else []
    days = ctx.themedays_of(branch.id)
    if days:
        starts.append(days[0].model.date)
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
    found = []
    for record in ctx.left_out("themeday", ("date", *needs), "branch", branch_id, r"\d{4}-\d{2}(-.*)?"):
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
