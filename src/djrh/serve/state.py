"""The records tree as `djrh serve` holds it in memory, kept in step with the files.

The tree is read once at start (the loader of `djrh check`, with its cache). After that a file is
read again only when it changed: the page saved it, or something else did (an editor, `git pull`,
another djrh) — seen by comparing each file's stat with the one it was read at, in a walk of the
tree every few seconds (`refresh`, 50 ms on 12,000 records), before each dashboard or branch page,
and for the one file a record page shows (`refresh_one`).

Findings come from two places:

- the whole tree's check (`result`), run again only when something changed since the last one
  (the dashboard, a branch's year and the downloads use it);
- a record's own findings right after it changed (`findings_of`): the rules run on the records
  they can depend on, not on the whole tree (`neighbourhood`), so that a save is re-checked in a
  few milliseconds. tests/test_serve_state.py proves, over random edits, that these are exactly the
  findings a fresh `djrh check` gives that record; where that cannot be known cheaply (a reference
  to a record that does not exist, whose message suggests the closest id of the whole tree) the
  whole tree is checked instead.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from djrh.check.config import Config, ConfigError, load_config
from djrh.check.run import CheckResult, Tree, load_tree, read_one, run_checks
from djrh.findings import Finding
from djrh.kinds import KINDS, unit_kinds
from djrh.records import Record
from djrh.rules.base import Context, units_of
from djrh.tree.cache import stamp_of
from djrh.tree.root import CONFIG_NAME, record_paths

POLL_SECONDS = 2.0  # the background walk; a dashboard or branch page walks the tree itself


@dataclass(slots=True)
class Entry:
    """One record file as read: its record, the findings of reading it (SYN, SCH), its stat, the
    git blob id of what was read (a report's trace line)."""

    record: Record
    findings: list[Finding]
    stamp: bytes | None
    digest: bytes | None = None


@dataclass(frozen=True, slots=True)
class Links:
    """What ties a record to others, for the indexes of `neighbourhood`."""

    id: str
    units: tuple[str, ...]  # units_of(record)
    parent: str | None  # a branch's general branch


def _order(rel: str) -> tuple[str, ...]:
    """The order of `tree.root.record_paths` (each folder sorted by name) and so of `djrh check`."""
    return tuple(rel.split("/"))


def _stat(root: Path, rel: str) -> bytes | None:
    try:
        return stamp_of(os.stat(os.path.join(root, rel)))
    except OSError:
        return None


class TreeState:
    """The tree, its configuration and its check results, shared by every request (threads)."""

    def __init__(self, root: Path, config: Config, as_of: date | None = None) -> None:
        self.root = root
        self.config = config
        self.fixed_as_of = as_of  # --as-of or djrh.yaml's as_of; else each day is today
        self.config_problems: list[Finding] = []  # djrh.yaml broken while serving: the last good one is used
        self.lock = threading.RLock()  # guards everything below
        self._check_lock = threading.Lock()  # one whole-tree check at a time
        self.entries: dict[str, Entry] = {}
        self.walk_findings: list[Finding] = []
        self.version = 0  # +1 at every change of a record or of djrh.yaml
        self.last_walk = 0.0
        self._links: dict[str, Links] | None = None  # None until first asked for
        self._by_id: dict[str, set[str]] = {}
        self._by_unit: dict[str, set[str]] = {}
        self._partial: set[str] = set()  # records with schema errors and a partial model
        self._config_stamp = _stat(root, CONFIG_NAME)
        self._full: tuple[tuple, CheckResult] | None = None
        self._scoped: dict[str, tuple[tuple, list[Finding]]] = {}
        self._since: tuple[int, int] | None = None  # (version, year)
        self._memo: dict[tuple, object] = {}  # per (version, as_of): reports, due lists

    # -- reading

    @property
    def as_of(self) -> date:
        return self.fixed_as_of or date.today()

    def load(self, use_cache: bool = True) -> None:
        """Read the whole tree (at start)."""
        stamps: dict[str, bytes | None] = {}  # as each file was read: a change after that is seen later
        digests: dict[str, bytes] = {}
        tree = load_tree(self.root, use_cache=use_cache, stamps=stamps, digests=digests)
        per_path: dict[str, list[Finding]] = {}
        for finding in tree.findings:
            per_path.setdefault(finding.path, []).append(finding)
        with self.lock:
            paths = {record.path for record in tree.records}
            self.walk_findings = [f for path, found in per_path.items() if path not in paths for f in found]
            for record in tree.records:
                self._put(record.path, Entry(record, per_path.get(record.path, []), stamps.get(record.path), digests.get(record.path)))
            self.last_walk = time.monotonic()
            self.version += 1

    def refresh(self) -> bool:
        """Walk the tree and read again what changed on disk; whether anything did."""
        rels, walk_findings = record_paths(self.root)
        stamps = {rel: _stat(self.root, rel) for rel in rels}
        config_stamp = _stat(self.root, CONFIG_NAME)
        changed = False
        with self.lock:
            self.last_walk = time.monotonic()
            if config_stamp != self._config_stamp:
                self._config_stamp = config_stamp
                self._reload_config()
                changed = True
            gone = [rel for rel in self.entries if rel not in stamps]
            for rel in gone:
                self._drop(rel)
            stale = [rel for rel, stamp in stamps.items() if rel not in self.entries or self.entries[rel].stamp != stamp]
            if walk_findings != self.walk_findings:
                self.walk_findings = walk_findings
                changed = True
            if gone or stale:
                changed = True
        for rel in stale:
            self._read(rel, stamps[rel])
        if changed:
            with self.lock:
                self.version += 1
        return changed

    def refresh_one(self, rel: str) -> None:
        """Read one record again if its file changed (a record page: always the file as it is)."""
        stamp = _stat(self.root, rel)
        with self.lock:
            entry = self.entries.get(rel)
            if entry is not None and entry.stamp == stamp:
                return
        if stamp is None:
            with self.lock:
                if rel in self.entries:
                    self._drop(rel)
                    self.version += 1
            return
        self._read(rel, stamp)
        with self.lock:
            self.version += 1

    def changed(self, rel: str) -> None:
        """The page wrote `rel` (a save, a new record, evidence attached): read it again now."""
        self._read(rel, _stat(self.root, rel))
        with self.lock:
            self.version += 1

    def _read(self, rel: str, stamp: bytes | None) -> None:
        _, digest, record, findings = read_one(str(self.root), rel)
        with self.lock:
            self._put(rel, Entry(record, findings, stamp, digest))

    def _reload_config(self) -> None:
        try:
            self.config = load_config(self.root)
            self.config_problems = []
        except ConfigError as error:
            self.config_problems = error.findings

    # -- the indexes (under self.lock). The index of ids is kept from the start; the one of units,
    # which a record page's re-check and a branch's page need, is made when first asked for (the
    # first page comes sooner) and then kept up to date.

    def _put(self, rel: str, entry: Entry) -> None:
        if rel in self.entries:
            self._unindex(rel)
        self.entries[rel] = entry
        self._by_id.setdefault(entry.record.id, set()).add(rel)
        if self._links is not None:
            self._index_units(rel)

    def _index_units(self, rel: str) -> None:
        record = self.entries[rel].record
        parent = getattr(record.model, "parent", None) if record.kind == "branch" and record.usable(("parent",)) else None
        links = Links(record.id, tuple(units_of(record)), parent if isinstance(parent, str) else None)
        self._links[rel] = links
        for unit in links.units:
            self._by_unit.setdefault(unit, set()).add(rel)
        if record.model is not None and record.broken:
            self._partial.add(rel)

    def _units_indexed(self) -> None:
        if self._links is None:
            self._links = {}
            for rel in self.entries:
                self._index_units(rel)

    def _drop(self, rel: str) -> None:
        self._unindex(rel)
        del self.entries[rel]

    def _unindex(self, rel: str) -> None:
        self._by_id[self.entries[rel].record.id].discard(rel)
        if self._links is None:
            return
        links = self._links.pop(rel)
        for unit in links.units:
            self._by_unit[unit].discard(rel)
        self._partial.discard(rel)

    # -- what pages ask

    def paths_of(self, record_id: str) -> list[str]:
        """The files of a record id (two when it is used twice, ID002)."""
        with self.lock:
            return sorted(self._by_id.get(record_id, ()))

    def record_at(self, rel: str) -> Record | None:
        with self.lock:
            entry = self.entries.get(rel)
            return entry.record if entry is not None else None

    def ids(self) -> set[str]:
        with self.lock:
            return {i for i, rels in self._by_id.items() if rels}

    def of_unit(self, unit: str) -> list[Record]:
        """The records belonging to a branch or general branch (units_of), in check order."""
        with self.lock:
            self._units_indexed()
            return [self.entries[rel].record for rel in sorted(self._by_unit.get(unit, ()), key=_order)]

    def records(self) -> list[Record]:
        with self.lock:
            return [self.entries[rel].record for rel in sorted(self.entries, key=_order)]

    def tree(self) -> Tree:
        """A snapshot of the tree as `djrh check` would load it now."""
        with self.lock:
            rels = sorted(self.entries, key=_order)
            findings = list(self.walk_findings)
            for rel in rels:
                findings.extend(self.entries[rel].findings)
            return Tree(self.root, [self.entries[rel].record for rel in rels], findings)

    def key(self) -> tuple:
        """What every computed result depends on: the tree's version and the as-of date."""
        with self.lock:
            return (self.version, self.as_of)

    def digests(self) -> dict[str, bytes]:
        """Each record file's git blob id as it was read (the trace line of a report of the tree)."""
        with self.lock:
            return {rel: entry.digest for rel, entry in self.entries.items() if entry.digest is not None}

    def result(self) -> CheckResult:
        """The whole tree's check, as `djrh check` gives it now."""
        with self._check_lock:
            with self.lock:
                key = (self.version, self.as_of)
                if self._full is not None and self._full[0] == key:
                    return self._full[1]
                tree, config = self.tree(), self.config
            result = run_checks(tree, config, key[1])
            with self.lock:
                self._full = (key, result)
            return result

    def memo(self, name: str, compute):
        """A value computed from the tree (a year's report, the due list), kept until it changes."""
        key = (name, *self.key())
        with self.lock:
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self.lock:
            self._memo = {k: v for k, v in self._memo.items() if k[1:] == key[1:]}
            self._memo[key] = value
        return value

    def findings_of(self, rel: str) -> list[Finding]:
        """The findings of the record at `rel`, exactly as `djrh check` gives them now."""
        with self.lock:
            key = (self.version, self.as_of)
            if self._full is not None and self._full[0] == key:
                return [f for f in self._full[1].findings if f.path == rel]
            known = self._scoped.get(rel)
            if known is not None and known[0] == key:
                return known[1]
            if rel not in self.entries:
                return []
            records = self.neighbourhood(rel)
            if records is not None:
                findings = [f for r in records for f in self.entries[r.path].findings] + list(self.walk_findings)
                config = dataclasses.replace(self.config, since=self._tree_since(key))
        if records is None:  # not cheaply known: check the whole tree
            return [f for f in self.result().findings if f.path == rel]
        result = run_checks(Tree(self.root, records, findings), config, key[1])
        found = [f for f in result.findings if f.path == rel]
        with self.lock:
            if len(self._scoped) > 1000:
                self._scoped.clear()
            self._scoped[rel] = (key, found)
        return found

    def _tree_since(self, key: tuple) -> int:
        """The first checked year of the whole tree (policy.since, or its earliest theme day): the
        rules of a neighbourhood count from the tree's year, not from the neighbourhood's."""
        if self.config.since is not None:
            return self.config.since
        if self._since is None or self._since[0] != key:
            records = [self.entries[rel].record for rel in self.entries]
            self._since = (key, Context(root=self.root, records=records, config=self.config, as_of=key[1]).since)
        return self._since[1]

    def neighbourhood(self, rel: str) -> list[Record] | None:
        """The records the findings of the record at `rel` can depend on, in check order: itself, the
        units it belongs to and their general branches with every record of theirs (a branch's theme
        days count for its quotas; a general branch's brands for its branches), the records it
        names, the other records of its id (ID002) and every record with schema errors (a quota
        names those it could not count, when they may be anyone's). None when that is not enough: it
        names a record that does not exist (REF001 suggests the closest id of the whole tree)."""
        self._units_indexed()
        record = self.entries[rel].record
        family = set(self._links[rel].units)
        if record.kind in unit_kinds():
            family.add(record.id)
        for unit in list(family):
            for unit_rel in self._by_id.get(unit, ()):
                parent = self._links[unit_rel].parent
                if parent is not None:
                    family.add(parent)
        wanted = {rel} | self._partial | self._by_id.get(record.id, set())
        for unit in family:
            wanted |= self._by_id.get(unit, set())
            wanted |= self._by_unit.get(unit, set())
        spec = KINDS.get(record.kind or "")
        for pattern in spec.references if spec is not None else ():
            for _, value in record.values_at(pattern):
                if not isinstance(value, str) or not value.strip():
                    continue
                targets = self._by_id.get(value.strip())
                if not targets:
                    return None
                wanted |= targets
        return [self.entries[r].record for r in sorted(wanted, key=_order)]


def poll(state: TreeState, stop: threading.Event, seconds: float = POLL_SECONDS) -> None:
    """The background walk: what changed on disk is read before anyone asks for it."""
    while not stop.wait(seconds):
        if time.monotonic() - state.last_walk >= seconds:
            try:
                state.refresh()
            except Exception:  # a tree that vanished for a moment (a checkout): try again next time
                pass
