"""What a rule is: one small unit with its metadata beside its check (see ../STYLE.md).

`djrh rules`, `djrh explain` and docs/rules.md are generated from these values, so the
documentation cannot drift from the code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from djrh.findings import Finding, Severity
from djrh.i18n import Msg
from djrh.records import Record
from djrh.rules.calendar import is_complete_month

if TYPE_CHECKING:
    from djrh.config import Config


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


@dataclass(slots=True)
class Context:
    """What a rule sees: every record of the tree, the configuration and the as-of date."""

    root: Path
    records: list[Record]
    config: Config
    as_of: date
    _by_id: dict[str, list[Record]] | None = field(default=None, repr=False)
    _by_kind: dict[str, list[Record]] | None = field(default=None, repr=False)
    _themedays: dict[str, list[Record]] | None = field(default=None, repr=False)
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

    def of_kind(self, kind: str) -> list[Record]:
        """The valid records of `kind` (records with schema errors are left to SCH001)."""
        if self._by_kind is None:
            index: dict[str, list[Record]] = defaultdict(list)
            for record in self.records:
                if record.model is not None:
                    index[record.kind].append(record)
            self._by_kind = dict(index)
        return self._by_kind.get(kind, [])

    @property
    def since(self) -> int:
        """The first checked year: `policy.since`, or the year of the earliest theme day."""
        if self.config.since is not None:
            return self.config.since
        years = [r.model.date.year for r in self.of_kind("themeday")]
        return min(years) if years else self.as_of.year

    @property
    def checked_years(self) -> range:
        return range(self.since, self.as_of.year + 1)

    def themedays_of(self, branch_id: str) -> list[Record]:
        """The valid theme days of a branch, in date order."""
        if self._themedays is None:
            index: dict[str, list[Record]] = defaultdict(list)
            for record in self.of_kind("themeday"):
                index[record.model.branch].append(record)
            for days in index.values():
                days.sort(key=lambda r: (r.model.date, r.id))
            self._themedays = dict(index)
        return self._themedays.get(branch_id, [])

    def first_month(self, branch: Record) -> tuple[int, int]:
        """(year, month) from which a branch is expected to hold theme days: the earlier of its
        committee's election and its first theme day, and not before `policy.since`."""
        starts = [branch.model.elected_on]
        days = self.themedays_of(branch.id)
        if days:
            starts.append(days[0].model.date)
        first = min(starts)
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
        """The integration theme days of a branch dated in `year`, held or planned (TD001)."""
        return [d for d in self.themedays_of(branch_id) if d.model.integration and d.model.date.year == year]

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
        """TD003: an integration theme day past its outcome window without an outcome."""
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
    ) -> Finding:
        line, column = record.locate(at, part)
        return Finding(code, severity or RULES[code].severity, record.path, line, column, record.id, message)

    def tree_finding(self, code: str, message: Msg, at: tuple = (), severity: Severity | None = None) -> Finding:
        """A finding about the tree as a whole (no record holds it): reported on djrh.yaml."""
        source = self.config.source
        line, column = source.locate(at) if source is not None else (1, 1)
        return Finding(code, severity or RULES[code].severity, "djrh.yaml", line, column, "djrh", message)
