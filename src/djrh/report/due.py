"""`djrh due`: what falls due in the next days, and what is already late — a reminder list for the
branch secretaries, computed from the same dates the rules check. Nothing here prints.

Each item is a plain value: its kind, the unit (branch or general branch) that has to act, the date
it is due, the days left (negative: late), the record to open, and a message key with arguments.

| kind | due | listed when | rule |
|---|---|---|---|
| month_unplanned | the last day of a month | a month ending within the window, not in policy.months_off, since the branch exists, has no theme day yet (held or planned) | TD002 |
| integration_needed | 31 December | the as-of year has fewer held integration days than TD001's min_days, and 31 December is within the window or the as-of date is in TD001's warn_from_month or later | TD001 |
| outcome | theme day + TD003's days | an integration day held without an outcome whose window ends within the window or has ended | TD003 |
| term | elected_on + term | the committee's term ends within the window or is over (换届 overdue) | ORG003 |
| deadline | the deadline | a deadline of djrh.yaml a unit has not filed for, due within the window or passed | DL001 |
| task | the task's due date | a theme-day or pilot task not done, due within the window or overdue | PJ003 |

"Within the window": on or before the as-of date plus `days`. Late: the due date is before the as-of
date, exactly when the rule in the last column reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from djrh.check.run import Tree
from djrh.check.config import Config
from djrh.i18n import Msg, msg
from djrh.kinds import unit_kinds
from djrh.personal import mask
from djrh.records import Record
from djrh.rules import quotas
from djrh.rules.base import Context
from djrh.rules.calendar import month_end
from djrh.rules.deadlines import filing_state, submissions, units
from djrh.rules.pilots import all_tasks
from djrh.rules.themedays import MonthList

KINDS = ("month_unplanned", "integration_needed", "outcome", "term", "deadline", "task")
DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str  # one of KINDS
    branch: str  # id of the unit that has to act (a branch, or a general branch)
    date: date  # when it is due
    days_left: int  # days from the as-of date to `date`; negative: late by that many days
    path: str  # the record to open, relative to the root
    record: str  # its id
    message: Msg

    @property
    def late(self) -> bool:
        return self.days_left < 0

    def sort_key(self) -> tuple:
        return (self.days_left, KINDS.index(self.kind), self.branch, self.path, self.message.key)


def due_items(tree: Tree, config: Config, as_of: date, days: int = DEFAULT_DAYS) -> list[DueItem]:
    """Every item due by `as_of + days` or already late, most urgent first."""
    ctx = Context(root=tree.root, records=tree.records, config=config, as_of=as_of)
    horizon = as_of + timedelta(days=days)
    items: list[DueItem] = []
    for finder in (_months, _integration, _outcomes, _terms, _deadlines, _tasks):
        items.extend(finder(ctx, horizon, days))
    return sorted(items, key=DueItem.sort_key)


def _item(ctx: Context, kind: str, unit: str, when: date, record: Record, message: Msg) -> DueItem:
    return DueItem(kind, unit, when, (when - ctx.as_of).days, record.path, record.id, message)


def _months(ctx: Context, horizon: date, days: int):
    """month_unplanned: 每月一次主题党日 (000 四(二)); due when the month ends."""
    months_off = set(ctx.config.months_off)
    year, month = ctx.as_of.year, ctx.as_of.month
    months = []
    while month_end(year, month) <= horizon:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for branch in ctx.of_kind("branch"):
        first = quotas.first_month(ctx, branch)
        dated = quotas.months_with_themeday(ctx, branch.id)
        for year, month in months:
            if (year, month) < first or month in months_off or (year, month) in dated:
                continue
            message = msg("due.month_unplanned", year=year, month=MonthList([month]))
            yield _item(ctx, "month_unplanned", branch.id, month_end(year, month), branch, message)


def _integration(ctx: Context, horizon: date, days: int):
    """integration_needed: TD001's yearly quota of integration theme days (000 五.2)."""
    year = ctx.as_of.year
    year_end = date(year, 12, 31)
    if year_end > horizon and ctx.as_of.month < ctx.param("TD001", "warn_from_month"):
        return
    minimum = ctx.param("TD001", "min_days")
    for branch in ctx.of_kind("branch"):
        if quotas.first_month(ctx, branch)[0] > year:
            continue
        count = quotas.year_count(ctx, branch.id, year)  # as TD001 counts
        held, planned = len(count.held_integration), len(count.planned_integration)
        if held >= minimum:
            continue
        key = "due.integration_planned" if held + planned >= minimum else "due.integration_needed"
        message = msg(key, year=year, held=held, planned=planned, minimum=minimum, needed=minimum - held - planned)
        yield _item(ctx, "integration_needed", branch.id, year_end, branch, message)


def _outcomes(ctx: Context, horizon: date, days: int):
    """outcome: TD003's window for writing the 工作成效 of an integration theme day."""
    for day in ctx.counted_themedays():  # a copied file (TD007) is not a second reminder
        if not day.usable(("integration", "outcome", "theme")):
            continue
        if not quotas.outcome_pending(ctx, day):
            continue
        due_on = quotas.outcome_due_on(ctx, day)
        if due_on <= horizon:
            model = day.model
            yield _item(ctx, "outcome", model.branch, due_on, day, msg("due.outcome", date=model.date, theme=model.theme))


def _terms(ctx: Context, horizon: date, days: int):
    """term: ORG003's end of the committee's term (换届)."""
    for branch in ctx.of_kind("branch", "elected_on", "term_years"):
        term = quotas.term(ctx, branch)
        if term.ends <= horizon:
            key = "due.term_over" if term.ends < ctx.as_of else "due.term"
            yield _item(ctx, "term", branch.id, term.ends, branch, msg(key, ends=term.ends, years=term.years))


def _deadlines(ctx: Context, horizon: date, days: int):
    """deadline: DL001's filings to the 组织部 (003 四(二))."""
    filings = submissions(ctx)
    for deadline in ctx.config.deadlines:
        if deadline.due > horizon:
            continue
        for unit in units(ctx, deadline.applies_to):
            on_time, late = filing_state(ctx, filings, deadline, unit.id)
            if on_time or late is not None:  # filed (a late filing is DL001's to report, not a reminder)
                continue
            yield _item(ctx, "deadline", unit.id, deadline.due, unit, msg("due.deadline", name=deadline.name, due=deadline.due))


def _tasks(ctx: Context, horizon: date, days: int):
    """task: PJ003's tasks of theme days and pilots, not done."""
    for record, _index, task in all_tasks(ctx, ("pilot", "themeday")):
        if task.due is None or task.done_on is not None or task.due > horizon:
            continue
        if not record.usable(("branch", "date") if record.kind == "themeday" else ("units", "name")):
            continue  # whose task it is cannot be read: the record's schema errors say why
        owner = task.owner or "—"
        if record.kind == "themeday":
            unit_ids = [record.model.branch]
            message = msg("due.task_themeday", task=task.task, owner=owner, date=record.model.date)
        else:
            unit_ids = list(dict.fromkeys(record.model.units))
            message = msg("due.task_pilot", task=task.task, owner=owner, name=record.model.name)
        for unit in unit_ids:  # every unit carrying a pilot sees its tasks
            yield _item(ctx, "task", unit, task.due, record, message)


def unit_names(tree: Tree) -> dict[str, tuple[str, str | None]]:
    """id -> (name, parent id) of every valid branch and general branch."""
    names: dict[str, tuple[str, str | None]] = {}
    unit_codes = unit_kinds()
    for record in tree.records:
        if record.model is not None and record.kind in unit_codes:
            name = mask(record.model.name if record.usable(("name",)) else record.id)
            names[record.id] = (name, getattr(record.model, "parent", None))
    return names


def for_unit(items: list[DueItem], unit: str, names: dict[str, tuple[str, str | None]]) -> list[DueItem]:
    """The items of one unit; for a general branch, also those of its branches."""
    return [item for item in items if item.branch == unit or names.get(item.branch, ("", None))[1] == unit]
