"""What a rule is: one small unit with its metadata beside its check (see ../STYLE.md).

`djrh rules`, `djrh explain` and docs/rules.md are generated from these values, so the
documentation cannot drift from the code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from djrh.findings import Finding, Severity
from djrh.i18n import Msg
from djrh.records import ID_PATTERN, Record
from djrh.rules.calendar import is_complete_month

if TYPE_CHECKING:
    from djrh.check.config import Config


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    default: Any
    doc_zh: str
    doc_en: str
    # The largest value djrh.yaml may set: no rule needs more than 10,000 (days, members, pilots),
    # and a bound keeps the date arithmetic of the rules inside the calendar.
    maximum: int = 10_000


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity  # default severity (a rule may also emit a lower one, e.g. ORG003's warning)
    title_zh: str  # one line, for `djrh rules`
    title_en: str
    doc_zh: str  # what it checks and why, for `djrh explain`
    doc_en: str
    source: str = ""  # the clause it enforces: seed file and section, or the named regulation
    params: tuple[Param, ...] = ()
    example_bad: str = ""  # a record that breaks it
    example_good: str = ""  # one that passes
    check: Callable[[Context], Iterable[Finding]] | None = None  # None: emitted while loading

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def doc(self, lang: str) -> str:
        return self.doc_zh if lang == "zh" else self.doc_en


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in RULES:
        raise ValueError(f"rule {rule.code} registered twice")
    RULES[rule.code] = rule
    return rule


def rule(code: str, severity: Severity, **meta: Any) -> Callable[[Callable[[Context], Iterable[Finding]]], Rule]:
    """Decorator: register `check` as rule `code` with its metadata."""

    def decorate(check: Callable[[Context], Iterable[Finding]]) -> Rule:
        return register(Rule(code=code, severity=severity, check=check, **meta))

    return decorate


@dataclass(frozen=True, slots=True)
class YearCount:
    """A branch's theme days of one year as of the as-of date: what TD001 counts, what `djrh report`
    shows in its row, the annual bundle on its cover and `djrh due` in its reminder. One helper
    (`Context.year_count`), so that they always agree."""

    held: tuple[Record, ...]  # dated on or before the as-of date
    planned: tuple[Record, ...]  # dated after it
    held_integration: tuple[Record, ...]  # of `held`, the integration days (TD001's count)
    planned_integration: tuple[Record, ...]
    outcomes_due: tuple[Record, ...]  # of `held_integration`, those whose TD003 window has ended
    outcomes_filled: tuple[Record, ...]  # of `outcomes_due`, those with an outcome


@dataclass(slots=True)
class Context:
    """What a rule sees: every record of the tree, the configuration and the as-of date.

    A record with schema errors still counts wherever the fields a rule reads are valid (SPEC
    section 3): a rule names the fields it reads, `ctx.of_kind("branch", "members")`, and gets the
    records of that kind whose fields are usable. Where a quota cannot count a record, its finding
    names it (`left_out`)."""

    root: Path
    records: list[Record]
    config: Config
    as_of: date
    _by_id: dict[str, list[Record]] | None = field(default=None, repr=False)
    _kinds: dict[str, list[Record]] | None = field(default=None, repr=False)
    _partial_kinds: set[str] = field(default_factory=set, repr=False)  # kinds with a partial record
    _by_kind: dict[tuple, list[Record]] = field(default_factory=dict, repr=False)
    _themedays: dict[str, list[Record]] | None = field(default=None, repr=False)
    _copies: list[tuple[Record, Record]] = field(default_factory=list, repr=False)
    _by_year: dict[tuple[str, int], list[Record]] | None = field(default=None, repr=False)
    _months_held: dict[str, set[tuple[int, int]]] | None = field(default=None, repr=False)
    _expected: dict[int, list[int]] | None = field(default=None, repr=False)

    @property
    def by_id(self) -> dict[str, list[Record]]:
        if self._by_id is None:
            index: dict[str, list[Record]] = defaultdict(list)
            for record in self.records:
                index[record.id].append(record)
            self._by_id = dict(index)
        return self._by_id

    def of_kind(self, kind: str, *needs: str) -> list[Record]:
        """The records of `kind` whose fields `needs` are valid (a record whose other fields have
        schema errors included: those are SCH001's and SCH002's to report)."""
        if self._kinds is None:
            index: dict[str, list[Record]] = defaultdict(list)
            for record in self.records:
                if record.model is not None:
                    index[record.kind].append(record)
                    if record.broken:
                        self._partial_kinds.add(record.kind)
            self._kinds = dict(index)
        every = self._kinds.get(kind, [])
        if not needs or kind not in self._partial_kinds:
            return every  # the common case: every record of the kind validated in full
        key = (kind, *needs)
        usable = self._by_kind.get(key)
        if usable is None:
            usable = self._by_kind[key] = [r for r in every if r.usable(needs)]
        return usable

    def left_out(self, kind: str, needs: tuple[str, ...], owner_field: str, owner: str, id_rest: str) -> list[Record]:
        """Records of `kind` that may belong to `owner` and that a quota cannot count, because a
        field of `needs` has schema errors. They are the owner's by `owner_field`; while that field
        has errors itself, by the id `djrh new` gives them (the owner's id, then `id_rest`, a regular
        expression: `-2026-03` for a theme day); and a record that no owner's id fits may be anyone's."""
        broken = self._by_kind.get(("broken", kind))
        if broken is None:
            broken = self._by_kind[("broken", kind)] = [r for r in self.of_kind(kind) if r.broken]
        found = []
        for record in broken:
            if owner_field in record.broken:
                if self._owner_by_id(record.id, id_rest) in (owner, None):
                    found.append(record)
            elif record.broken.intersection(needs) and getattr(record.model, owner_field) == owner:
                found.append(record)
        return found

    def _owner_by_id(self, record_id: str, id_rest: str) -> str | None:
        """The id of the unit (branch or general branch) a record's id starts with, followed by
        `id_rest` (`a1-2026-03` -> `a1`), or None."""
        parts = record_id.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            owner = "-".join(parts[:cut])
            if re.fullmatch(id_rest, "-".join(parts[cut:])) and any(
                r.kind in ("branch", "general_branch") for r in self.by_id.get(owner, [])
            ):
                return owner
        return None

    @property
    def since(self) -> int:
        """The first checked year: `policy.since`, or the year of the earliest theme day."""
        if self.config.since is not None:
            return self.config.since
        years = [r.model.date.year for r in self.of_kind("themeday", "date")]
        return min(years) if years else self.as_of.year

    @property
    def checked_years(self) -> range:
        return range(self.since, self.as_of.year + 1)

    def _themeday_index(self) -> dict[str, list[Record]]:
        """Branch id -> its theme days in date order, each date once: of two theme days of one
        branch on one date (a copied file, TD007) only the first counts, the one with a valid id
        first, then by id (`x` before `x - 副本`)."""
        if self._themedays is None:
            index: dict[str, list[Record]] = defaultdict(list)
            for record in self.of_kind("themeday", "branch", "date"):
                index[record.model.branch].append(record)
            self._by_year = {}
            for branch_id, days in index.items():
                days.sort(key=lambda r: (r.model.date, r.id))
                counted = [days[0]]
                for day in days[1:]:
                    if day.model.date != counted[-1].model.date:
                        counted.append(day)
                    elif ID_PATTERN.match(day.id) and not ID_PATTERN.match(counted[-1].id):
                        self._copies.append((counted[-1], day))  # the copy sorted first: `x (2)` < `x-2`
                        counted[-1] = day
                    else:
                        self._copies.append((day, counted[-1]))
                index[branch_id] = counted
                for day in counted:
                    self._by_year.setdefault((branch_id, day.model.date.year), []).append(day)
            self._themedays = dict(index)
        return self._themedays

    def themedays_of(self, branch_id: str) -> list[Record]:
        """The theme days of a branch that count, in date order (one a date, see TD007)."""
        return self._themeday_index().get(branch_id, [])

    def copied_themedays(self) -> list[tuple[Record, Record]]:
        """(the theme day that does not count, the one of the same branch and date that does)."""
        self._themeday_index()
        return self._copies

    def counted_themedays(self) -> list[Record]:
        return [day for days in self._themeday_index().values() for day in days]

    def first_month(self, branch: Record) -> tuple[int, int]:
        """(year, month) from which a branch is expected to hold theme days: the earlier of its
        committee's election and its first theme day, and not before `policy.since`. While its
        `elected_on` has schema errors and it has no theme day, all that is known is that it
        exists now: the as-of month."""
        starts = [branch.model.elected_on] if branch.usable(("elected_on",)) else []
        days = self.themedays_of(branch.id)
        if days:
            starts.append(days[0].model.date)
        first = min(starts) if starts else self.as_of
        return max((first.year, first.month), (self.since, 1))

    # ---- quotas and windows shared by the rules (TD001–TD003) and by `djrh report` / `djrh due`,
    # so that a count in a report is always the count a rule checks.

    def is_complete_year(self, year: int) -> bool:
        """SPEC section 3: a year before the as-of year is complete."""
        return year < self.as_of.year

    def is_held(self, day: Record) -> bool:
        """A theme day counts as held once its date is on or before the as-of date."""
        return day.model.date <= self.as_of

    def integration_days(self, branch_id: str, year: int) -> list[Record]:
        """The integration theme days of a branch dated in `year`, held or planned (TD001). A day
        whose `integration` has schema errors is not counted (see `themedays_left_out`)."""
        return [
            d for d in self.themedays_of(branch_id)
            if d.model.date.year == year and d.usable(("integration",)) and d.model.integration
        ]

    def year_count(self, branch_id: str, year: int) -> YearCount:
        held, planned, held_integration, planned_integration, due, filled = [], [], [], [], [], []
        window = timedelta(days=self.param("TD003", "days"))
        self._themeday_index()
        for day in self._by_year.get((branch_id, year), ()):
            model = day.model
            # a day whose `integration` has schema errors is not counted as one (themedays_left_out)
            integration = model.integration if "integration" not in day.broken else False
            if model.date > self.as_of:
                planned.append(day)
                if integration:
                    planned_integration.append(day)
                continue
            held.append(day)
            if integration:
                held_integration.append(day)
                if self.as_of > model.date + window:  # outcome_due_on
                    due.append(day)
                    if "outcome" not in day.broken and model.outcome is not None:
                        filled.append(day)
        return YearCount(*map(tuple, (held, planned, held_integration, planned_integration, due, filled)))

    def themedays_left_out(self, branch_id: str, year: int, needs: tuple[str, ...]) -> list[Record]:
        """Theme days of a branch a quota of `year` cannot count: a field of `needs` has schema
        errors, and the day is in `year` or its date cannot be read (then it may be: a date that
        starts with a year, `2026-02-30`, is taken at its word)."""
        found = []
        for record in self.left_out("themeday", ("date", *needs), "branch", branch_id, r"\d{4}-\d{2}(-.*)?"):
            if "date" not in record.broken:
                if record.model.date.year == year:
                    found.append(record)
                continue
            written = record.data.get("date") if isinstance(record.data, dict) else None
            text = str(written).strip() if written is not None else ""
            if not (len(text) >= 4 and text[:4].isdigit()) or int(text[:4]) == year:
                found.append(record)
        return found

    def missing_months(self, branch: Record, year: int) -> list[int]:
        """TD002: the complete months of `year`, from the branch's first month and not in
        policy.months_off, in which the branch held no theme day."""
        first = self.first_month(branch)
        if self._months_held is None:
            self._months_held = {}
        held = self._months_held.get(branch.id)
        if held is None:
            held = {(d.model.date.year, d.model.date.month) for d in self.themedays_of(branch.id)}
            self._months_held[branch.id] = held
        return [m for m in self._expected_months(year) if (year, m) >= first and (year, m) not in held]

    def _expected_months(self, year: int) -> list[int]:
        """The complete months of `year` in which a theme day is expected (not in months_off);
        the same for every branch, so computed once per year."""
        if self._expected is None:
            self._expected = {}
        months = self._expected.get(year)
        if months is None:
            months_off = set(self.config.months_off)
            months = [m for m in range(1, 13) if m not in months_off and is_complete_month(year, m, self.as_of)]
            self._expected[year] = months
        return months

    def outcome_due_on(self, day: Record) -> date:
        """TD003: the last day of the window for writing a theme day's outcome (工作成效)."""
        return day.model.date + timedelta(days=self.param("TD003", "days"))

    def outcome_overdue(self, day: Record) -> bool:
        """TD003: an integration theme day past its outcome window without an outcome (the day's
        date, integration and outcome must be usable)."""
        return day.model.integration and day.model.outcome is None and self.as_of > self.outcome_due_on(day)

    def param(self, code: str, name: str) -> Any:
        return self.config.param(code, name)

    def finding(
        self,
        code: str,
        record: Record,
        message: Msg,
        at: tuple = (),
        part: str = "key",
        severity: Severity | None = None,
        left_out: list[Record] | None = None,
    ) -> Finding:
        """A finding on `record`; `left_out`: the records a quota could not count, which the
        message then names (SPEC section 3)."""
        line, column = record.locate(at, part)
        message = with_left_out(message, left_out)
        return Finding(code, severity or RULES[code].severity, record.path, line, column, record.id, message)

    def tree_finding(
        self, code: str, message: Msg, at: tuple = (), severity: Severity | None = None, left_out: list[Record] | None = None,
    ) -> Finding:
        """A finding about the tree as a whole (no record holds it): reported on djrh.yaml."""
        source = self.config.source
        line, column = source.locate(at) if source is not None else (1, 1)
        return Finding(code, severity or RULES[code].severity, "djrh.yaml", line, column, "djrh", with_left_out(message, left_out))


def units_of(record: Record) -> list[str]:
    """The ids of the units (branches, general branches) a record belongs to: a branch itself, the
    branch of a theme day, the units of a pilot, the owner of a brand, the unit of a filing. A record
    with schema errors is placed by its raw fields when they are readable. (`djrh report` lists a
    finding under these units, `djrh check --branch` keeps them; the kinds' specs say which fields.)"""
    from djrh.kinds import KINDS

    spec = KINDS.get(record.kind or "")
    if spec is None:
        return []
    if spec.unit:
        return [record.id]
    values = []
    for field_name in spec.owners:
        if record.usable((field_name,)):
            value = getattr(record.model, field_name)
        else:
            value = record.data.get(field_name) if isinstance(record.data, dict) else None
        values += value if isinstance(value, list) else [value]
    return list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))



LEFT_OUT = "quota.left_out"


def with_left_out(message: Msg, left_out: list[Record] | None) -> Msg:
    """`message`, followed by 另有 N 条记录有错误未计入：<paths>."""
    if not left_out:
        return message
    paths = sorted(record.path for record in left_out)
    return Msg(LEFT_OUT, {"message": message, "count": len(paths), "paths": PathList(paths)})


def core_message(message: Msg) -> Msg:
    """The rule's own message of a finding, without the note on records left out."""
    return message.args["message"] if message.key == LEFT_OUT else message


@dataclass(frozen=True, slots=True)
class PathList:
    """Record paths in the output language's list style; the first five, then how many more."""

    paths: list[str]

    def render(self, lang: str) -> str:
        shown = self.paths[:5]
        more = len(self.paths) - len(shown)
        text = ("、" if lang == "zh" else ", ").join(shown)
        if more:
            text += f" 等 {len(self.paths)} 条" if lang == "zh" else f" and {more} more"
        return text
