"""`djrh check` as a library call: load the tree, validate every record, run the rules.

files (tree) -> records (load, validate) -> rules -> findings. Nothing here prints.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from djrh.check.config import Config
from djrh.findings import SEVERITY_RANK, Finding
from djrh.tree.cache import RecordCache, digest, stamp_of
from djrh.read.load import read_source, read_text, record_id
from djrh.kinds import unit_kinds
from djrh.kinds.facts import share
from djrh.records import Record
from djrh.rules import RULES, Context
from djrh.rules.base import units_of
from djrh.rules.waivers import apply_waivers
from djrh.tree.root import record_paths
from djrh.tree.stamps import Walk
from djrh.check.validate import validate


@dataclass(slots=True)
class Tree:
    root: Path
    records: list[Record]
    findings: list[Finding]  # SYN and SCH findings met while loading


@dataclass(slots=True)
class CheckResult:
    root: Path
    as_of: date
    records: list[Record]
    findings: list[Finding]
    # the Context the rules ran on: what computes more from the same records and configuration (a
    # report) reuses its indexes and the helpers' memo (rules/quotas.py) instead of building them again
    context: Context | None = None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity and not f.waived)

    @property
    def waived(self) -> int:
        return sum(1 for f in self.findings if f.waived)

    def only(self, prefixes: list[str]) -> CheckResult:
        """The records and findings of the files or folders `prefixes` (relative to the root, ""
        for all; `djrh check PATH…`): the whole tree was still checked."""

        def inside(rel: str) -> bool:
            return any(not p or rel == p or rel.startswith(p + "/") for p in prefixes)

        return CheckResult(
            self.root, self.as_of, [r for r in self.records if inside(r.path)], [f for f in self.findings if inside(f.path)]
        )

    def units(self) -> dict[str, Record]:
        """id -> record of every branch and general branch with a model."""
        kinds = unit_kinds()
        return {r.id: r for r in self.records if r.kind in kinds and r.model is not None}

    def only_unit(self, unit: str) -> CheckResult:
        """The records of one branch (its own, its theme days, the pilots it carries, its brands
        and filings) and their findings; for a general branch, also those of its branches.
        `unit` must be one of `units()`."""
        units = self.units()
        wanted = {unit} | {i for i, r in units.items() if getattr(r.model, "parent", None) == unit}
        records = [r for r in self.records if wanted.intersection(units_of(r, units))]
        paths = {r.path for r in records}
        return CheckResult(self.root, self.as_of, records, [f for f in self.findings if f.path in paths])


class RecordFiles:
    """The tree's record files by id, from the same walk as `load_tree`; a record is read only when
    asked for, exactly as `load_tree` reads it (`read_one`). For what needs a few records of a
    large tree quickly: `djrh render RECORD`, `djrh new` (the ids in use, the kind of an id)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._walk = record_paths(root)  # load_tree takes it again for all_records: one walk
        rels = self._walk[0]
        self.paths: dict[str, list[str]] = {}  # id -> its files (two when an id is used twice, ID002)
        for rel in rels:
            self.paths.setdefault(record_id(rel), []).append(rel)
        self._loaded: dict[str, tuple[Record, list[Finding]]] = {}
        self._all: list[Record] | None = None

    def load(self, rel: str) -> tuple[Record, list[Finding]]:
        """The record at `rel` (relative to the root) with its syntax and schema findings."""
        if rel not in self._loaded:
            _, _, record, findings = read_one(str(self.root), rel)
            self._loaded[rel] = (record, findings)
        return self._loaded[rel]

    def find(self, record_id: str) -> Record | None:
        """The record with this id, read if need be; None when there is none or it has two files."""
        rels = self.paths.get(record_id)
        if not rels or len(rels) > 1:
            return None
        return self.load(rels[0])[0]

    def all_records(self) -> list[Record]:
        """Every record of the tree, as `load_tree` reads it (with the cache); read once, like the
        walk of `paths` (a bundle asks twice: to refuse early, then to print)."""
        if self._all is not None:
            return self._all
        tree = load_tree(self.root, walked=self._walk)
        findings: dict[str, list[Finding]] = {}
        for finding in tree.findings:
            findings.setdefault(finding.path, []).append(finding)
        for record in tree.records:
            self._loaded.setdefault(record.path, (record, findings.get(record.path, [])))
        self._all = [self._loaded[record.path][0] for record in tree.records]
        return self._all


PARALLEL_FROM = 2000  # files to read before a pool of processes pays for itself
# At most this many processes when --jobs is not given: the pool was measured on 2 cores, and each
# worker holds about 65 MB while it reads a large tree.
AUTO_MOST = 4
CHUNK = 500


def load_tree(
    root: Path, use_cache: bool = True, jobs: int | None = None, stamps: dict | None = None, walked: tuple | None = None,
    digests: dict | None = None, walk: Walk | None = None,
) -> Tree:
    """Read and validate every record under `root`. Never raises for a bad record.

    Unchanged files come from the cache (`djrh.tree.cache`); the others are read in this process, or
    in `jobs` processes when that is asked for and there are many (`djrh check --jobs N`). Not asked
    (`jobs` None), a pool is used only where it helps (`idle_cpus`): many files to read and processor
    cores that other work leaves idle. `stamps`,
    if given, receives each file's stat as it was read (`djrh serve` compares them later); `digests`,
    each file's git blob id (the trace line of a report printed from the whole tree); `walked`,
    what `record_paths(root)` gave just before, if the caller has it; `walk`, every entry of the
    tree with its stamp (tree/stamps.py) taken just before, if the caller has it: the cache then
    needs no stat of the files whose stamps it shows unchanged (RecordCache.trust)."""
    cache = RecordCache(root) if use_cache else None
    if cache is not None and walk is not None and walk.root == os.path.realpath(root):
        cache.trust(walk)
    walk = None  # the cache keeps it, or not; a large tree's walk is not held while its records load
    if walked is None:
        walked = cache.walked if cache is not None and cache.walked is not None else record_paths(root)
    if cache is not None:
        cache.keep(walked)
    paths, findings = walked
    findings = list(findings)
    base = str(root)
    records: list[Record | None] = [None] * len(paths)
    per_record: list[tuple[Finding, ...]] = [()] * len(paths)  # each entry's findings
    with gc_paused():
        missing = []
        for index, entry in cache.lookup_all(base, paths) if cache is not None else enumerate([None] * len(paths)):
            if entry is None:
                missing.append(index)
                continue
            record = entry[2]
            record.release(base)
            record.path = paths[index]  # the walk's string, equal (cache._entry_ok): one copy, not two
            records[index], per_record[index] = record, entry[3]
            if stamps is not None:
                stamps[paths[index]] = entry[0]
            if digests is not None and entry[1] is not None:
                digests[paths[index]] = entry[1]
        missing.sort()  # read in the order of the walk
        for index, entry in zip(missing, _read_all(base, [paths[i] for i in missing], jobs)):
            record, problems = entry[2], tuple(entry[3])  # most are the one empty tuple
            record.release(base)
            records[index], per_record[index] = record, problems
            if stamps is not None:
                stamps[paths[index]] = entry[0]
            if digests is not None and entry[1] is not None:
                digests[paths[index]] = entry[1]
            if cache is not None and entry[0] is not None:
                cache.store(paths[index], (entry[0], entry[1], record, problems))
    if cache is not None:
        cache.save()
        cache.remember()
    for problems in per_record:
        findings.extend(problems)
    return Tree(root, records, findings)


def read_one(root: str, rel: str) -> tuple:
    """Read and validate one record: a cache entry (stamp, digest, record, findings)."""
    record = Record(id=record_id(rel), path=rel)
    raw, info, problem = read_source(root, rel)
    if problem is not None:  # not cached: an unreadable or huge file is looked at again each time
        return (None, None, record, [Finding("SYN001", "error", rel, 1, 1, record.id, problem)])
    record, problems = read_text(record, raw, root)
    if not any(p.code == "SYN001" for p in problems):
        problems.extend(validate(record))  # also says so when the file is empty
    record.release(root)
    return (stamp_of(info), digest(raw), record, problems)


def _read_chunk(root: str, rels: list[str]) -> list[tuple]:
    """In a worker process: read a chunk (its records travel back through pickle)."""
    gc.disable()  # see gc_paused
    return [read_one(root, rel) for rel in rels]


def idle_cpus() -> int:
    """How many processes a read of many files uses when `--jobs` is not given: the processor cores
    this process may run on that other work leaves idle (the load average of the last minute), on
    Linux; else 1.

    Measured (benchmarks/README.md): on an idle 2-core machine two processes read 12,245 records in
    0.66 of the floor's time against 0.93 for one; on the same machine under other work (a load of
    8 to 14) the pool was slower than one process. Only on Linux, where the workers are forked:
    elsewhere each would start afresh and import djrh first (Windows), or forking is not safe
    (macOS). Never from a process that runs threads (`djrh serve`): a fork copies only the calling
    thread, and a lock another thread holds would never be released in the child."""
    import sys
    import threading

    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return 1
    return max(1, min(cpus, int(cpus - load + 0.5)))


def _read_all(root: str, rels: list[str], jobs: int | None):
    """The entries of `rels`, in order, one at a time."""
    chunks = [rels[i : i + CHUNK] for i in range(0, len(rels), CHUNK)] if len(rels) >= PARALLEL_FROM else []
    # no more processes than chunks of work (a forked pool starts all of them at once)
    workers = min(jobs if jobs is not None else min(idle_cpus(), AUTO_MOST), len(chunks)) if chunks else 1
    if workers < 2:
        for rel in rels:
            yield read_one(root, rel)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        pending = deque(pool.submit(_read_chunk, root, chunk) for chunk in chunks[: 2 * workers])
    except (OSError, RuntimeError):  # no processes to be had (a sandbox, a limit): read them here
        yield from (read_one(root, rel) for rel in rels)
        return
    with pool:
        # A few chunks in flight, not all: results waiting to be taken would hold the whole tree.
        following = iter(chunks[2 * workers :])
        taken = 0
        while pending:
            try:
                done = pending.popleft().result()
                nxt = next(following, None)
                if nxt is not None:
                    pending.append(pool.submit(_read_chunk, root, nxt))
            except BrokenProcessPool:  # a worker died (killed, out of memory): the rest is read here
                pool.shutdown(wait=False, cancel_futures=True)
                for chunk in chunks[taken:]:
                    yield from (read_one(root, rel) for rel in chunk)
                return
            taken += 1
            for entry in done:  # one copy of a value for the whole tree, not one per chunk
                if entry[2].model is not None:
                    share(entry[2].model)
            yield from done


@contextmanager
def gc_paused():
    """Loading builds many small objects that all stay alive: the cyclic garbage collector
    would scan them again and again for nothing (it halves the time of a 12,000-record load).
    Afterwards they are frozen out of its sight (`gc.freeze`), or its first full pass would
    walk them all once more; they are still freed as usual when no longer referenced."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def matches(code: str, patterns: tuple[str, ...]) -> bool:
    """`--select ORG` / `--ignore TD00`: a code or a prefix of codes."""
    return any(code.startswith(pattern.upper()) for pattern in patterns)


def run_checks(
    tree: Tree,
    config: Config,
    as_of: date,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> CheckResult:
    ctx = Context(root=tree.root, records=tree.records, config=config, as_of=as_of)
    findings = list(tree.findings)
    for code, rule in RULES.items():
        if rule.check is None or config.is_off(code):
            continue
        if (select and not matches(code, select)) or matches(code, ignore):
            continue
        findings.extend(rule.run(ctx))
    kept = []
    for finding in findings:
        code = finding.code
        if code in RULES and config.is_off(code):
            continue
        if (select and not matches(code, select)) or matches(code, ignore):
            continue
        override = config.severity(code) if code in RULES else None
        if override is not None and override != finding.severity:
            finding = finding.with_severity(override)
        kept.append(finding)
    kept = apply_waivers(kept, tree.records, as_of)
    kept.sort(key=lambda f: (f.path, f.line, f.column, SEVERITY_RANK[f.severity], f.code))
    return CheckResult(tree.root, as_of, tree.records, kept, ctx)
