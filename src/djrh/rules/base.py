"""What a rule is: one small unit with its metadata and messages beside its check (see STYLE.md).

`djrh rules`, `djrh explain`, SARIF and docs/rules.md are generated from these values (rules/docs.py),
so the documentation cannot drift from the code; the rule's messages join the i18n catalogue when it
is registered.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from djrh.findings import Finding, Severity
from djrh.i18n import Msg, register_messages, unregister_messages
from djrh.records import ID_PATTERN, Record

if TYPE_CHECKING:
    from djrh.check.config import Config

_ANYONE: Any = object()  # Context.left_out: a record no owner's id fits, which may be anyone's


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
    check: Callable[[RuleContext], Iterable[Finding]] | None = None  # None: emitted while loading
    # name -> (Chinese, English): what its findings say, in the catalogue as `<code lower>.<name>`
    messages: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def doc(self, lang: str) -> str:
        return self.doc_zh if lang == "zh" else self.doc_en

    def message_key(self, name: str) -> str:
        return f"{self.code.lower()}.{name}"

    def run(self, ctx: Context) -> Iterable[Finding]:
        """The findings of this rule on the tree `ctx` sees."""
        return self.check(RuleContext(self, ctx))


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in RULES:
        raise ValueError(f"rule {rule.code} registered twice")
    register_messages({rule.message_key(name): texts for name, texts in rule.messages.items()})
    RULES[rule.code] = rule
    return rule


def unregister(code: str) -> None:
    """Take a rule and its messages out of the catalogue again (a test's throwaway rule)."""
    rule = RULES.pop(code)
    unregister_messages(rule.message_key(name) for name in rule.messages)


def rule(code: str, severity: Severity, **meta: Any) -> Callable[[Callable[[RuleContext], Iterable[Finding]]], Rule]:
    """Decorator: register `check` as rule `code` with its metadata and messages."""

    def decorate(check: Callable[[RuleContext], Iterable[Finding]]) -> Rule:
        return register(Rule(code=code, severity=severity, check=check, **meta))

    return decorate


@dataclass(slots=True)
class Context:
    """The tree as the rules, `djrh report` and `djrh due` see it: every record, the configuration
    and the as-of date, with the indexes they share. A rule's check gets it bound to the rule
    (RuleContext).

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
    # what the helpers of rules/quotas.py compute once per tree: name -> their own cache
    memo: dict[str, dict] = field(default_factory=dict, repr=False)

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
        key = ("left out", kind, needs, owner_field, id_rest)
        index = self._by_kind.get(key)
        if index is None:  # each record's owner found once, not once for every owner that asks
            index = self._by_kind[key] = self._left_out_index(kind, needs, owner_field, id_rest)
        return [record for _, record in heapq.merge(index.get(owner, ()), index.get(_ANYONE, ()))]

    def _left_out_index(self, kind: str, needs: tuple[str, ...], owner_field: str, id_rest: str) -> dict:
        """Owner -> (position, record) of the records `left_out` gives that owner (in the order of
        the tree); `_ANYONE` -> those no owner's id fits, which it gives every owner."""
        broken = self._by_kind.get(("broken", kind))
        if broken is None:
            broken = self._by_kind[("broken", kind)] = [r for r in self.of_kind(kind) if r.broken]
        index: dict[Any, list[tuple[int, Record]]] = defaultdict(list)
        for position, record in enumerate(broken):
            if owner_field in record.broken:
                owner = self._owner_by_id(record.id, id_rest)
                index[_ANYONE if owner is None else owner].append((position, record))
            elif record.broken.intersection(needs):
                try:
                    index[getattr(record.model, owner_field)].append((position, record))
                except TypeError:  # not a value an owner's id can equal (a list)
                    pass
        return dict(index)

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

    def themedays_in_year(self, branch_id: str, year: int) -> list[Record]:
        """The theme days of a branch that count, dated in `year`, in date order."""
        self._themeday_index()
        return self._by_year.get((branch_id, year), [])

    def is_complete_year(self, year: int) -> bool:
        """SPEC section 3: a year before the as-of year is complete."""
        return year < self.as_of.year

    def param(self, code: str, name: str) -> Any:
        return self.config.param(code, name)


class RuleContext:
    """What one rule's check sees: the shared `Context`, bound to the rule.

    `r.param(name)` is the rule's own parameter and `r.finding(record, name, …)` reports under the
    rule's own code with one of its own messages, so a body copied from another rule cannot report
    as that rule. Everything else (`r.of_kind`, `r.as_of`, `r.themedays_of`…) is the Context's;
    a helper shared with `djrh report` or `djrh due` (rules/quotas.py) takes `r.ctx`."""

    def __init__(self, rule: Rule, ctx: Context) -> None:
        self.rule = rule
        self.ctx = ctx
        self._keys = {name: rule.message_key(name) for name in rule.messages}

    def __getattr__(self, name: str) -> Any:
        """The Context's attribute, kept here after the first use: a rule reads `r.as_of` or
        `r.by_id` in its loops, and the Context's values do not change while the rules run."""
        value = getattr(self.ctx, name)
        if not name.startswith("_"):
            setattr(self, name, value)
        return value

    def param(self, name: str) -> Any:
        return self.config.param(self.rule.code, name)

    def message(self, name: str, /, **args: Any) -> Msg:
        """The rule's message `name` (a key of its `messages`) with its arguments."""
        key = self._keys.get(name)
        if key is None:
            raise KeyError(f"{self.rule.code} declares no message {name!r}")
        return Msg(key, args)

    def finding(
        self,
        record: Record,
        message: str,
        /,
        *,
        at: tuple = (),
        part: str = "key",
        severity: Severity | None = None,
        span: tuple[date, date] | None = None,
        left_out: list[Record] | None = None,
        **args: Any,
    ) -> Finding:
        """A finding on `record` with the rule's message `message` and its arguments, placed at the
        key (`part="key"`) or value of the field `at`; `span`: the days it concerns when they are not
        the record's own (see Finding.span); `left_out`: the records a quota could not count, which
        the message then names (SPEC section 3)."""
        line, column = record.locate(at, part)
        text = with_left_out(self.message(message, **args), left_out)
        return Finding(self.rule.code, severity or self.rule.severity, record.path, line, column, record.id, text, span=span, field=tuple(at))

    def tree_finding(
        self,
        message: str,
        /,
        *,
        at: tuple = (),
        severity: Severity | None = None,
        span: tuple[date, date] | None = None,
        left_out: list[Record] | None = None,
        **args: Any,
    ) -> Finding:
        """A finding about the tree as a whole (no record holds it): reported on djrh.yaml."""
        source = self.config.source
        line, column = source.locate(at) if source is not None else (1, 1)
        text = with_left_out(self.message(message, **args), left_out)
        return Finding(self.rule.code, severity or self.rule.severity, "djrh.yaml", line, column, "djrh", text, span=span)


def year_span(year: int) -> tuple[date, date]:
    """A finding about a year: 1 January to 31 December."""
    return date(year, 1, 1), date(year, 12, 31)


def day_span(day: date) -> tuple[date, date]:
    """A finding about one day (a deadline, a task's due date)."""
    return day, day


def units_of(record: Record, known: Collection[str] = ()) -> list[str]:
    """The ids of the units (branches, general branches) a record belongs to: a branch itself, the
    branch of a theme day, the units of a pilot, the owner of a brand, the unit of a filing. A record
    with schema errors is placed by its raw fields when they are readable; one that cannot be read
    at all (a syntax error), by its id among the `known` unit ids: `djrh new` names a record after its
    unit (`logistics-2026-07`, `logistics-brand`), so the broken theme day of a branch is not lost from
    that branch's view. (`djrh report` lists a finding under these units, `djrh check --branch` keeps
    them; the kinds' specs say which fields.)"""
    from djrh.kinds import KINDS

    spec = KINDS.get(record.kind or "")
    if spec is None:
        named = [unit for unit in known if record.id == unit or record.id.startswith(unit + "-")]
        return [max(named, key=len)] if named else []
    if spec.unit:
        return [record.id]
    values = []
    for field_name in spec.owners:
        if record.usable((field_name,)):
            value = getattr(record.model, field_name)
        else:
            value = record.data.get(field_name) if isinstance(record.data, dict) else None
        values += value if isinstance(value, (list, tuple)) else [value]
    return list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))



LEFT_OUT = "quota.left_out"


def with_left_out(message: Msg, left_out: list[Record] | None) -> Msg:
    """`message`, followed by 另有 N 条记录有错误未计入：<paths>."""
    if not left_out:
        return message
    paths = sorted(record.path for record in left_out)
    return Msg(LEFT_OUT, {"message": message, "count": len(paths), "paths": PathList(paths)})


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
