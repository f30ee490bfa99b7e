"""`djrh due`: what falls due in the next days, and what is already late — a reminder list for the
branch secretaries, computed from the same dates the rules check. Nothing here prints.

Each item is a plain value: its kind, the unit (branch or general branch) that has to act, the date
it is due, the days left (negative: late), the record to open, and a message key with arguments.

| kind | due | listed when | rule |
|---|---|---|---|
| month_unplanned | the last day of a month | a month ending within the window, not in policy.months_off, since the branch exists, has no theme day yet (held or planned) | TD002 |
| integration_needed | 31 December | the as-of year has fewer held integration days than TD001's min_days, and 31 December is within the window or the as-of date is in TD001's warn_from_month or later | TD001 |
| outcome | theme day + TD003's days | an integration day held without an outcome whose window ends within the window or has ended | TD003 |
| meeting | the end of the quarter (党员大会) or month (支委会, 党小组会) | a quarter or month ending within the window, since the branch (or the party group) exists, not in policy.months_off for the monthly ones, with no such meeting yet (held or planned); a branch without a committee has no 支委会 | MT001, MT002, MT003 |
| lectures_needed | 31 December | the as-of year has fewer 党课 held and planned than MT004's per_year, and 31 December is within the window or the as-of date is in MT005's warn_from_month or later | MT004 |
| life_meeting | 31 December | no 组织生活会 (or 民主评议党员) held yet in the as-of year, and 31 December is within the window or the as-of date is in MT005's warn_from_month or later (a planned one is named) | MT005, MT006 |
| term_prepare | the end of the term - 6 months | from then until the 4-month date: prepare the election (教育部党组 2017 意见: 上级党组织一般应提前6个月……提醒做好换届准备工作) | |
| term_request | the end of the term - 4 months | from then until the term ends, while the branch has no filing named 换届请示 (a `filing` whose name holds 换届 and 请示) submitted since its election (党支部一般提前4个月向上级党组织书面报送换届请示) | |
| term | elected_on + term | the committee's term ends within the window or is over (换届 overdue) | ORG003 |
| deadline | the deadline | a deadline of djrh.yaml a unit has not filed for, due within the window or passed | DL001 |
| task | the task's due date | a theme-day, pilot or meeting task (or a 组织生活会's rectification measure) not done, due within the window or overdue | PJ003 (theme days and pilots) |

"Within the window": on or before the as-of date plus `days`. Late: the due date is before the as-of
date, exactly when the rule in the last column reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from djrh.check.run import Tree
from djrh.check.config import Config
from djrh.i18n import Msg, msg, series
from djrh.kinds import unit_kinds
from djrh.personal import mask
from djrh.records import Record
from djrh.rules import quotas
from djrh.rules.base import Context
from djrh.rules.calendar import add_months, month_end, quarter_end, quarter_months, quarter_of
from djrh.rules.deadlines import filing_state, submissions, units
from djrh.rules.pilots import all_tasks
from djrh.rules.meetings import QuarterList, TypeLabel
from djrh.rules.themedays import MonthList

KINDS = (
    "month_unplanned", "integration_needed", "outcome", "meeting", "lectures_needed", "life_meeting",
    "term_prepare", "term_request", "term", "deadline", "task",
)
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
    # What makes it this item, beside its kind and unit (the period, the meeting type, the task):
    # the stable part of an iCalendar UID, so that a calendar updates the event when it is imported
    # again instead of adding a second one, even after a count in its message changed.
    key: str = ""

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
    for finder in (_months, _integration, _outcomes, _meetings, _lectures, _life_meetings, _term_notices, _terms, _deadlines, _tasks):
        items.extend(finder(ctx, horizon, days))
    return sorted(items, key=DueItem.sort_key)


def _item(ctx: Context, kind: str, unit: str, when: date, record: Record, message: Msg, key: str = "") -> DueItem:
    return DueItem(kind, unit, when, (when - ctx.as_of).days, record.path, record.id, message, key or when.isoformat())


def _months_ahead(ctx: Context, horizon: date) -> list[tuple[int, int]]:
    """The months from the as-of month whose last day is within the window."""
    year, month = ctx.as_of.year, ctx.as_of.month
    months = []
    while month_end(year, month) <= horizon:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _months(ctx: Context, horizon: date, days: int):
    """month_unplanned: 每月一次主题党日 (000 四(二)); due when the month ends."""
    months_off = set(ctx.config.months_off)
    months = _months_ahead(ctx, horizon)
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
            yield _item(ctx, "outcome", model.branch, due_on, day, msg("due.outcome", date=model.date, theme=model.theme), day.path)


def _meetings(ctx: Context, horizon: date, days: int):
    """meeting: the 支部党员大会 of the quarter (MT001), the 支委会 (MT002) and the 党小组会 (MT003) of
    the month, not yet held or planned; due when the quarter or month ends."""
    months_off = set(ctx.config.months_off)
    months = _months_ahead(ctx, horizon)
    quarters = list(dict.fromkeys((year, quarter_of(month)) for year, month in months if month % 3 == 0))
    for branch in ctx.of_kind("branch"):
        first = quotas.first_month(ctx, branch)
        dated = quotas.meeting_months(ctx, branch.id, "general_meeting")
        for year, quarter in quarters:
            if quarter not in quotas.expected_quarters(ctx, branch, year, complete_only=False):
                continue
            if any((year, m) in dated for m in quarter_months(quarter)):
                continue
            message = msg("due.general_meeting", year=year, quarter=QuarterList([quarter]))
            yield _item(ctx, "meeting", branch.id, quarter_end(year, quarter), branch, message, f"general_meeting|{year}-Q{quarter}")
        committee = branch.usable(("committee",)) and quotas.has_committee(branch)
        dated = quotas.meeting_months(ctx, branch.id, "branch_committee")
        groups = branch.model.party_groups if branch.usable(("party_groups",)) else []
        for year, month in months:
            if (year, month) < first or month in months_off:
                continue
            if committee and (year, month) not in dated:
                message = msg("due.branch_committee", year=year, month=MonthList([month]))
                yield _item(ctx, "meeting", branch.id, month_end(year, month), branch, message, f"branch_committee|{year}-{month:02d}")
            waiting = [
                g.name for g in groups
                if (year, month) >= quotas.group_first_month(ctx, branch, g)
                and (year, month) not in quotas.meeting_months(ctx, branch.id, "party_group", group=g.name.strip())
            ]
            if waiting:
                message = msg("due.party_group", year=year, month=MonthList([month]), groups=series(waiting), count=len(waiting))
                yield _item(ctx, "meeting", branch.id, month_end(year, month), branch, message, f"party_group|{year}-{month:02d}")


def _yearly_window(ctx: Context, horizon: date) -> bool:
    """The yearly meetings are reminded once 31 December is within the window, or from MT005's
    warn_from_month (the fourth quarter, when the 组织生活会 is usually held)."""
    return date(ctx.as_of.year, 12, 31) <= horizon or ctx.as_of.month >= ctx.param("MT005", "warn_from_month")


def _lectures(ctx: Context, horizon: date, days: int):
    """lectures_needed: MT004's 党课 a year (党员教育管理工作条例 第十六条; per_year)."""
    if not _yearly_window(ctx, horizon):
        return
    year = ctx.as_of.year
    minimum = ctx.param("MT004", "per_year")
    for branch in ctx.of_kind("branch"):
        if quotas.first_month(ctx, branch)[0] > year:
            continue
        found = quotas.of_type(ctx, branch.id, "party_lecture", year)
        held = sum(1 for s in found if quotas.is_held_sitting(ctx, s))
        if held >= minimum:
            continue
        planned = len(found) - held
        key = "due.lectures_planned" if held + planned >= minimum else "due.lectures_needed"
        message = msg(key, year=year, held=held, planned=planned, minimum=minimum, needed=minimum - held - planned)
        yield _item(ctx, "lectures_needed", branch.id, date(year, 12, 31), branch, message, f"party_lecture|{year}")


def _life_meetings(ctx: Context, horizon: date, days: int):
    """life_meeting: the yearly 组织生活会 (MT005, 支部工作条例 第十七条: 一般安排在第四季度) and
    民主评议党员 (MT006), not yet held in the as-of year."""
    if not _yearly_window(ctx, horizon):
        return
    year = ctx.as_of.year
    for branch in ctx.of_kind("branch"):
        if quotas.first_month(ctx, branch)[0] > year:
            continue
        for code in ("life_meeting", "member_review"):
            found = quotas.of_type(ctx, branch.id, code, year)
            if any(quotas.is_held_sitting(ctx, s) for s in found):
                continue
            message = msg(f"due.{code}_planned", year=year, planned=found[0].day) if found else msg(f"due.{code}", year=year)
            yield _item(ctx, "life_meeting", branch.id, date(year, 12, 31), branch, message, f"{code}|{year}")


def _term_notices(ctx: Context, horizon: date, days: int):
    """term_prepare and term_request: 中共教育部党组《关于加强新形势下高校教师党支部建设的意见》(2017):
    对任期将满的党支部，上级党组织一般应提前6个月……提醒做好换届准备工作，党支部一般提前4个月向上级党组织书面报送
    换届请示 (REGULATIONS.md). Each is listed from its date (less the window) until the next step
    takes over; the request, until the term ends, unless a filing named 换届请示 was submitted."""
    requests = _term_requests(ctx)
    for branch in ctx.of_kind("branch", "elected_on", "term_years"):
        term = quotas.term(ctx, branch)
        if term.ends < ctx.as_of:
            continue  # over: `term` says the election is overdue
        prepare, request = add_months(term.ends, -6), add_months(term.ends, -4)
        key = term.ends.isoformat()
        if prepare <= horizon and ctx.as_of < request:
            message = msg("due.term_prepare", ends=term.ends, request=request, years=term.years)
            yield _item(ctx, "term_prepare", branch.id, prepare, branch, message, key)
        filed = any(day > branch.model.elected_on for day in requests.get(branch.id, []))
        if request <= horizon and not filed:
            message = msg("due.term_request", ends=term.ends, years=term.years)
            yield _item(ctx, "term_request", branch.id, request, branch, message, key)


def _term_requests(ctx: Context) -> dict[str, list[date]]:
    """Unit id -> the dates it submitted a 换届请示 (a filing whose name holds 换届 and 请示)."""
    found: dict[str, list[date]] = {}
    for record in ctx.of_kind("filing", "name", "unit", "submitted_on"):
        name = record.model.name
        if "换届" in name and "请示" in name:
            found.setdefault(record.model.unit.strip(), []).append(record.model.submitted_on)
    return found


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
            message = msg("due.deadline", name=deadline.name, due=deadline.due)
            yield _item(ctx, "deadline", unit.id, deadline.due, unit, message, f"{deadline.name}|{deadline.due.isoformat()}")


def _tasks(ctx: Context, horizon: date, days: int):
    """task: PJ003's tasks of theme days and pilots, not done."""
    for record, index, task in all_tasks(ctx, ("pilot", "themeday")):
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
            yield _item(ctx, "task", unit, task.due, record, message, f"{record.path}|{index}")
    # a meeting's tasks and a 组织生活会's rectification measures (支部工作条例 第十七条: 逐一整改落实)
    for record in ctx.of_kind("meeting", "branch", "date", "type", "tasks", "rectification"):
        model = record.model
        rows = [("tasks", i, task) for i, task in enumerate(model.tasks)]
        rows += [("rectification", i, task) for i, task in enumerate(model.rectification)]
        for field_name, index, task in rows:
            if task.due is None or task.done_on is not None or task.due > horizon:
                continue
            key = "due.rectification" if field_name == "rectification" else "due.task_meeting"
            message = msg(key, task=task.task, owner=task.owner or "—", date=model.date, type=TypeLabel(model.type))
            yield _item(ctx, "task", model.branch, task.due, record, message, f"{record.path}|{field_name}|{index}")


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
