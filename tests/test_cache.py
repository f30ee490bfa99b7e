"""The cache never serves a stale result: every change gives exactly the --no-cache output."""

from __future__ import annotations

import os
import shutil
import time

import pytest

import djrh.check.run
from conftest import DEMO, PROJECT, run_djrh


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    return root


def cache_of(root):
    from djrh.tree.cache import folder_for

    return folder_for(root)


def check(root, *extra):
    run = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22", *extra)
    assert run.code in (0, 1), run.err
    return run.out


def same_as_without_cache(root, *extra):
    cached = check(root, *extra)
    assert cached == check(root, "--no-cache", *extra)
    return cached


@pytest.fixture
def reads(monkeypatch):
    """How many files were read and parsed (not served by the cache)."""
    counter = {"n": 0}
    original = djrh.check.run.read_text

    def counting(record, raw, root=""):
        counter["n"] += 1
        return original(record, raw, root)

    monkeypatch.setattr(djrh.check.run, "read_text", counting)
    return counter


def age(root):
    """Make every file look older than the cache, so that its times can be trusted."""
    old = time.time() - 3600
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (old, old))


def test_warm_run_reads_nothing_and_agrees(tree, reads):
    age(tree)
    first = check(tree)
    assert reads["n"] > 200 and cache_of(tree).is_dir() and not (tree / ".djrh-cache").exists()
    reads["n"] = 0
    time.sleep(0.01)
    assert check(tree) == first
    assert reads["n"] == 0
    assert first == check(tree, "--no-cache")


def test_records_with_schema_errors_are_served_by_the_cache_too(tree, reads):
    """A schema error's message names its field by the schema class (validate.FieldLabel,
    PartLabels): the cache reads such a finding back like any other. (The restricted unpickler
    refused the class, and with it the whole shard: each of its files was read again every run.)"""
    day = tree / "themedays" / "2026" / "admin-academic-2026-03.yaml"
    day.write_text(day.read_text("utf-8").replace("date: 2026-03-26", "date: 2026/3/26"), encoding="utf-8")
    branch = tree / "org" / "admin-office.yaml"
    branch.write_text(branch.read_text("utf-8").replace("members: {formal: 13, probationary: 0}", "members: 13"), encoding="utf-8")
    age(tree)
    first = check(tree)
    assert first.count('"SCH001"') == 2 and "formal" in first  # PartLabels lists the parts of members
    reads["n"] = 0
    time.sleep(0.01)
    assert check(tree) == first
    assert reads["n"] == 0
    assert first == check(tree, "--no-cache")


def test_a_clean_shard_is_let_go_and_read_again_when_written_to(tree, reads, monkeypatch):
    """A shard whose every entry was found fresh is let go while the tree loads (lookup_all); a
    later store into it reads it again from the disk: none of its other entries is lost."""
    import djrh.tree.cache
    from djrh.tree.cache import RecordCache, SHARDS

    monkeypatch.setattr(djrh.tree.cache, "RACY_NS", 0)  # the files' times just set can be trusted
    age(tree)
    djrh.check.run.load_tree(tree)  # fills the cache
    rels = djrh.check.run.record_paths(tree)[0]
    cache = RecordCache(tree)
    found = dict(cache.lookup_all(str(tree), rels))
    assert sorted(found) == list(range(len(rels))) and all(entry is not None for entry in found.values())
    assert len(cache._shards) > SHARDS // 2 and all(not shard for shard in cache._shards.values())  # all let go
    entry = found[0]
    cache.store("themedays/new-one.yaml", (entry[0], entry[1], entry[2], ()))
    number = cache._shard_of("themedays/new-one.yaml")
    cache.save()
    again = RecordCache(tree)._shard(number)
    assert "themedays/new-one.yaml" in again and sum(cache._shard_of(rel) == number for rel in rels) == len(again) - 1
    reads["n"] = 0
    assert djrh.check.run.load_tree(tree) and reads["n"] == 0  # every file still served by the cache


def test_changed_file(tree, reads):
    age(tree)
    check(tree)
    path = tree / "org" / "it-student.yaml"
    path.write_text(path.read_text("utf-8").replace("elected_on: 2023-12-14", "elected_on: 2023-10-14"), encoding="utf-8")
    reads["n"] = 0
    assert "已超期" in check(tree)
    assert reads["n"] == 1  # only the changed file
    assert "已超期" in same_as_without_cache(tree)


def test_same_size_same_mtime_change_is_seen(tree):
    age(tree)
    check(tree)
    path = tree / "org" / "it-student.yaml"
    info = path.stat()
    text = path.read_text("utf-8").replace("elected_on: 2023-12-14", "elected_on: 2023-10-14")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # as if nothing happened
    assert path.stat().st_size == info.st_size
    assert "已超期" in same_as_without_cache(tree)


def test_touched_file_is_not_read_again(tree, reads):
    age(tree)
    first = check(tree)
    os.utime(tree / "org" / "retired.yaml")
    reads["n"] = 0
    assert check(tree) == first
    assert reads["n"] == 0  # compared by content, found unchanged


def test_config_and_as_of_changes(tree):
    age(tree)
    check(tree)
    config = tree / "djrh.yaml"
    config.write_text(config.read_text("utf-8") + "\n# 改了配置\n", encoding="utf-8")
    same_as_without_cache(tree)
    config.write_text(config.read_text("utf-8").replace("TD002: warning", "TD002: error"), encoding="utf-8")
    same_as_without_cache(tree)
    same_as_without_cache(tree, "--as-of", "2027-02-01")


def test_deleted_and_added_files(tree):
    age(tree)
    first = check(tree)
    (tree / "themedays" / "2026" / "logistics-2026-07.yaml").unlink()
    second = same_as_without_cache(tree)
    assert second != first and '"path": "themedays/2026/logistics-2026-07.yaml"' not in second
    (tree / "org" / "new-branch.yaml").write_text("kind: branch\nname: 新支部\n", encoding="utf-8")
    assert "new-branch" in same_as_without_cache(tree)


def test_corrupt_or_unreadable_cache_is_rebuilt(tree):
    age(tree)
    first = check(tree)
    shards = sorted(cache_of(tree).glob("records-*.pickle"))
    assert shards
    shards[0].write_bytes(b"not a pickle")
    shards[1].write_bytes(b"")
    shards[2].write_bytes(b"\x80\x05\x95" + os.urandom(64))
    assert check(tree) == first
    assert check(tree, "--no-cache") == first


def test_a_planted_cache_file_cannot_run_code(tree, tmp_path):
    import pickle

    age(tree)
    first = check(tree)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for shard in cache_of(tree).glob("records-*.pickle"):
        shard.write_bytes(pickle.dumps(Evil()))
    assert check(tree) == first
    assert not marker.exists()


def test_read_only_tree_still_checks(tree):
    age(tree)
    os.chmod(tree, 0o500)
    try:
        assert check(tree) == check(tree, "--no-cache")
    finally:
        os.chmod(tree, 0o700)


def test_unusable_cache_folder_still_checks(tree, tmp_path, monkeypatch):
    """No cache folder to be had (a file in its place, a read-only home): the run is not cached."""
    age(tree)
    monkeypatch.setenv("DJRH_CACHE_DIR", str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("x")
    assert check(tree) == check(tree, "--no-cache")


def test_parallel_read_agrees(tree, monkeypatch):
    monkeypatch.setattr(djrh.check.run, "PARALLEL_FROM", 10)
    monkeypatch.setattr(djrh.check.run, "CHUNK", 17)
    assert check(tree, "--no-cache", "--jobs", "2") == check(tree, "--no-cache", "--jobs", "1")


@pytest.mark.parametrize(("platform", "cpus", "load", "threads", "expected"), [
    ("linux", 2, 0.1, 1, 2),  # an idle machine: both cores
    ("linux", 2, 0.6, 1, 1),  # one core busy with other work
    ("linux", 2, 9.0, 1, 1),  # a loaded machine (where the pool was measured slower)
    ("linux", 8, 3.0, 1, 5),
    ("linux", 2, 0.1, 3, 1),  # a process running threads (djrh serve) never forks
    ("win32", 8, 0.0, 1, 1),  # workers would start afresh
    ("darwin", 8, 0.0, 1, 1),  # forking is not safe
])
def test_the_pool_is_used_only_on_idle_cores(monkeypatch, platform, cpus, load, threads, expected):
    import sys
    import threading

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load), raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: threads)
    assert djrh.check.run.idle_cpus() == expected


def test_the_load_average_unknown_means_one_process(monkeypatch):
    import sys

    def unknown():
        raise OSError("no load average here")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "getloadavg", unknown, raising=False)
    assert djrh.check.run.idle_cpus() == 1


def test_without_jobs_idle_cores_read_in_a_pool_with_the_same_result(tree, monkeypatch):
    """--jobs not given: many files to read and idle cores take the pool (and give the same output);
    --jobs 1 never does."""
    import concurrent.futures

    pools = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    alone = check(tree, "--no-cache", "--jobs", "1")
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(djrh.check.run, "PARALLEL_FROM", 10)
    monkeypatch.setattr(djrh.check.run, "CHUNK", 19)
    monkeypatch.setattr(djrh.check.run, "idle_cpus", lambda: 2)
    assert check(tree, "--no-cache", "--jobs", "1") == alone and pools == []
    assert check(tree, "--no-cache") == alone and pools == [2]
    monkeypatch.setattr(djrh.check.run, "idle_cpus", lambda: 1)
    assert check(tree, "--no-cache") == alone and pools == [2]
    # a machine of many idle cores: at most AUTO_MOST processes, and never more than chunks of work
    monkeypatch.setattr(djrh.check.run, "idle_cpus", lambda: 64)
    assert check(tree, "--no-cache") == alone and pools[-1] == djrh.check.run.AUTO_MOST
    files = len(djrh.check.run.record_paths(tree)[0])
    monkeypatch.setattr(djrh.check.run, "CHUNK", files // 2 + 1)
    assert check(tree, "--no-cache", "--jobs", "8") == alone and pools[-1] == 2


def _dies_on_its_second_chunk(root, rels):
    """A worker killed while it reads (out of memory, a kill -9)."""
    if rels[0] != _dies_on_its_second_chunk.first:
        os._exit(9)
    return _read_chunk(root, rels)


_read_chunk = djrh.check.run._read_chunk


def through_a_fresh_pool(tree, then: str) -> list[int]:
    """In a fresh interpreter: read `tree` without the cache through a pool of 2 (chunks of 23),
    then run `then` on `tree` and `here` (the files this process read itself); the numbers it prints."""
    import subprocess
    import sys

    script = f"""
import os, sys
import djrh.check.run as run
from pathlib import Path
run.PARALLEL_FROM, run.CHUNK = 10, 23
parent, here = os.getpid(), []
original = run.read_one
def read_one(root, rel):
    if os.getpid() == parent:
        here.append(rel)
    return original(root, rel)
run.read_one = read_one
tree = run.load_tree(Path(sys.argv[1]), use_cache=False, jobs=2)
{then}
"""
    done = subprocess.run([sys.executable, "-c", script, str(tree)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [int(n) for n in done.stdout.split()]


def test_the_workers_records_reach_this_process(tree):
    """A fresh process reading through the pool takes the workers' records, every one (before the
    facts classes were made as the kinds are registered, a fresh process could not unpickle them:
    the pool broke and every file was read again here, the same output, twice the time)."""
    records, read_here = through_a_fresh_pool(tree, "print(len(tree.records), len(here))")
    assert records > 200 and read_here == 0


def test_a_worker_that_dies_leaves_the_rest_to_be_read_here(tree, monkeypatch):
    """A dead worker (BrokenProcessPool) is no traceback and no missing record: what the pool had not
    handed back is read in this process."""
    alone = check(tree, "--no-cache", "--jobs", "1")
    monkeypatch.setattr(djrh.check.run, "PARALLEL_FROM", 10)
    monkeypatch.setattr(djrh.check.run, "CHUNK", 7)
    paths, _ = djrh.check.run.record_paths(tree)
    _dies_on_its_second_chunk.first = paths[0]
    monkeypatch.setattr(djrh.check.run, "_read_chunk", _dies_on_its_second_chunk)
    assert check(tree, "--no-cache", "--jobs", "2") == alone


def test_text_output_positions_come_from_the_file(tree):
    """Positions are read again from the file for findings: a warm run shows the same lines."""
    age(tree)
    run_djrh("check", "--root", str(tree), "--as-of", "2026-11-22")
    warm = run_djrh("check", "--root", str(tree), "--as-of", "2026-11-22").out
    cold = run_djrh("check", "--root", str(tree), "--as-of", "2026-11-22", "--no-cache").out
    assert warm == cold and "12:13" in warm


def test_records_share_the_values_they_hold(tree):
    """A value many records hold (a branch's id, a day, a place) is one object, read afresh, from
    the cache or from a worker: a large tree holds it once per cache shard, not once per record."""
    import pickle

    from djrh.tree.cache import RecordCache

    age(tree)
    djrh.check.run.load_tree(tree)  # stores them
    shard_of = RecordCache(tree)._shard_of
    walked = djrh.check.run.record_paths(tree)
    loaded = djrh.check.run.load_tree(tree, walked=walked).records
    assert all(record.path is rel for record, rel in zip(loaded, walked[0]))  # one copy of each path
    cached = [r for r in loaded if r.kind == "themeday" and r.model]
    pairs = [(a, b) for a in cached for b in cached if a is not b and shard_of(a.path) == shard_of(b.path) and a.model.branch == b.model.branch]
    assert pairs and all(a.model.branch is b.model.branch for a, b in pairs)
    fresh = [r.model for r in djrh.check.run.load_tree(tree, use_cache=False).records if r.kind == "themeday" and r.model]
    same = [m for m in fresh if m.branch == fresh[0].branch]
    assert len(same) > 1 and all(m.branch is same[0].branch for m in same)
    again = pickle.loads(pickle.dumps(same, protocol=5))  # a shard, a worker's chunk
    assert again == same and all(m.branch is again[0].branch for m in again)


def test_facts_hold_what_the_model_holds():
    """A record keeps its facts (djrh.kinds.facts): every value of the validated model, its parts
    as facts too; equal again after a trip through pickle; a field of a partial
    record that did not validate is unset, as it was absent from the model."""
    import pickle

    from djrh.check.validate import partial_model
    from djrh.kinds import MODELS, ThemeDay
    from djrh.kinds.facts import Facts, facts_of, schema_of, values_of

    tree_ = djrh.check.run.load_tree(DEMO, use_cache=False)
    seen = 0
    for record in tree_.records:
        if record.model is None:
            continue
        facts = record.model
        assert isinstance(facts, Facts) and schema_of(facts) is MODELS[record.kind]
        if record.valid:  # the file validated again: the same facts
            model = MODELS[record.kind].model_validate({k: v for k, v in record.data.items() if k != "kind"})
            assert facts_of(model) == facts and facts_of(model) != facts_of(model.model_copy(update={"waivers": None}))
            seen += 1
        again = pickle.loads(pickle.dumps(facts, protocol=5))
        assert again == facts and type(again) is type(facts)
    assert seen > 20
    day = next(r for r in tree_.records if r.kind == "themeday" and r.valid and r.model.tasks)
    assert isinstance(day.model.tasks[0], Facts) and day.model.tasks[0].task
    partial = facts_of(partial_model(ThemeDay, {"branch": "x", "date": "2026-03-01", "theme": "t"}, frozenset({"theme"})))
    assert partial.branch == "x" and not hasattr(partial, "theme")
    with pytest.raises(AttributeError):
        partial.theme
    assert "theme" not in values_of(partial) and values_of(partial)["branch"] == "x"


# ---- what a commit (or a damaged disk) can put where a cache is looked for (issue 12)

BAD_BRANCH = "kind: branch\nname: 坏支部\ncategory: faculty\nmembers: {formal: 二十}\nelected_on: 2025-06-12\ncommittee: [{name: 王丽, role: secretary}]\nremark: x\n"

def test_a_list_of_the_facts_is_a_tuple_and_an_empty_one_no_object_of_its_own(tree):
    """Facts are not changed once made: a list field holds a tuple, and an empty list is the one
    empty tuple — read afresh, from the cache, through pickle (half the lists of a tree are
    empty: a list object each was 20 MB of a 122,000-record tree)."""
    import pickle

    age(tree)
    djrh.check.run.load_tree(tree)  # fills the cache
    for use_cache in (False, True):
        days = [r.model for r in djrh.check.run.load_tree(tree, use_cache=use_cache).records if r.kind == "themeday" and r.valid]
        lists = [day.tasks for day in days] + [day.attendance.absent for day in days if day.attendance]
        assert any(lists) and not all(lists)  # full ones and empty ones
        for day in [*days, *pickle.loads(pickle.dumps(days, protocol=5))]:
            for value in (day.tasks, *((day.attendance.absent,) if day.attendance else ())):
                assert type(value) is tuple and (value or value is ())



def forged_cache(tree):
    """A cache in djrh's own format whose entry for org/bad.yaml matches the file's content digest
    but holds the clean record and no findings: used where djrh looks, it would hide the errors."""
    from djrh.tree.cache import RecordCache, digest

    path = tree / "org" / "bad.yaml"
    path.write_text(BAD_BRANCH.replace("二十", "20").replace("remark: x\n", ""), encoding="utf-8")
    check(tree)  # caches the clean version
    path.write_text(BAD_BRANCH, encoding="utf-8")
    cache = RecordCache(tree)
    number = cache._shard_of("org/bad.yaml")
    entry = cache._shard(number)["org/bad.yaml"]
    cache.store("org/bad.yaml", (entry[0], digest(path.read_bytes()), entry[2], ()))
    cache.save()
    return cache_of(tree)


def codes_of(output, path):
    import json

    return sorted(f["code"] for f in json.loads(output)["findings"] if f["path"] == path and f["code"].startswith("SCH"))


def test_a_cache_committed_into_the_tree_changes_nothing(tree, private_cache):
    age(tree)
    folder = forged_cache(tree)
    assert codes_of(check(tree), "org/bad.yaml") == []  # the forgery works where djrh really looks …
    shutil.move(folder, tree / ".djrh-cache")  # … but a commit can only put it in the tree
    before = {p: p.stat().st_mtime_ns for p in (tree / ".djrh-cache").iterdir()}
    assert codes_of(check(tree), "org/bad.yaml") == ["SCH001", "SCH002"]
    assert {p: p.stat().st_mtime_ns for p in (tree / ".djrh-cache").iterdir()} == before  # never written either


def test_a_cache_link_in_the_tree_writes_nothing_outside(tree, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tree / ".djrh-cache")
    check(tree)
    assert list(elsewhere.iterdir()) == []


def test_a_linked_or_shared_cache_folder_is_not_used(tree, tmp_path):
    age(tree)
    folder = cache_of(tree)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(elsewhere, folder)
    first = check(tree)
    assert list(elsewhere.iterdir()) == [] and first == check(tree, "--no-cache")
    folder.unlink()
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)  # others could plant shards here
    check(tree)
    assert list(folder.iterdir()) == []


def test_a_shard_that_is_a_link_is_not_followed(tree, tmp_path, reads):
    """Each shard a link to its own content (beside it, or outside the cache folder): all misses."""
    age(tree)
    first = check(tree)
    folder = cache_of(tree)
    shards = sorted(folder.glob("records-*.pickle"))
    elsewhere = tmp_path / "elsewhere.pickle"
    original = shards[0].read_bytes()
    elsewhere.write_bytes(original)
    for shard in shards:
        target = elsewhere if shard == shards[0] else shard.with_suffix(".real")
        if shard != shards[0]:
            shard.rename(target)
        else:
            shard.unlink()
        os.symlink(target, shard)
    reads["n"] = 0
    assert check(tree) == first
    assert reads["n"] > 200  # every shard was a miss: read afresh
    assert elsewhere.read_bytes() == original  # and nothing was written through a link
    assert not any(shard.is_symlink() for shard in folder.glob("records-*.pickle"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_shard_that_is_a_pipe_does_not_hang(tree):
    from conftest import run_djrh_process

    age(tree)
    first = check(tree)
    folder = cache_of(tree)
    for shard in list(folder.glob("records-*.pickle"))[:8]:
        shard.unlink()
        os.mkfifo(shard)
    run = run_djrh_process("check", "--root", str(tree), "--format", "json", "--as-of", "2026-11-22", timeout=60)
    assert run.out == first + "\n" or run.out == first


@pytest.mark.parametrize("entry", [
    "wrong types", "a record of another file", "recursive", "not a tuple", "findings of another file",
])
def test_a_malformed_entry_is_a_miss(tree, entry):
    """A shard with a valid checksum (as if djrh wrote it) whose entries have the wrong shape."""
    import io
    import pickle

    from djrh.tree import cache as cache_module

    age(tree)
    first = check(tree)
    folder = cache_of(tree)
    for shard_path in folder.glob("records-*.pickle"):
        raw = shard_path.read_bytes()
        payload = raw[len(cache_module.MAGIC) + 4:]
        stream = io.BytesIO(payload)
        header = pickle.load(stream)
        entries = pickle.load(stream)
        for rel, (stamp, dig, record, findings) in list(entries.items()):
            if entry == "wrong types":
                entries[rel] = ("stamp", 5, "record", None)
            elif entry == "a record of another file":
                record.path = "org/other.yaml"
                entries[rel] = (stamp, dig, record, findings)
            elif entry == "recursive":
                loop = []
                loop.append(loop)
                entries[rel] = (stamp, dig, record, loop)
            elif entry == "not a tuple":
                entries[rel] = {"stamp": stamp}
            else:
                from djrh.findings import Finding
                from djrh.i18n import Msg

                entries[rel] = (stamp, dig, record, (*findings, Finding("SCH001", "error", "x.yaml", 1, 1, "x", Msg("sch.empty_file"))))
        body = io.BytesIO()
        pickle.dump(header, body, protocol=5)
        pickle.dump(entries, body, protocol=5)
        payload = body.getvalue()
        shard_path.write_bytes(cache_module.MAGIC + cache_module._checksum(payload) + payload)
    assert check(tree) == first


def test_the_cache_depends_on_every_source_file_of_djrh():
    """A message or a rule changed in any module (check/validate.py, rules/…) makes the cached
    findings stale: the fingerprint covers the whole package, not only the cache's own folder (it
    covered djrh/tree/ alone once the cache moved there)."""
    from djrh.tree import cache

    names = {path.relative_to(PROJECT / "src" / "djrh").as_posix() for path in cache.sources()}
    assert {"check/validate.py", "rules/themedays.py", "i18n.py", "locale/zh.py", "tree/cache.py"} <= names


def test_values_are_shared_across_the_workers_chunks(tree):
    """Records read by different workers (chunks of 23 here) hold one object for one value, as
    records read in one process do: a cache written from them stays as small."""
    pairs, apart, read_here = through_a_fresh_pool(tree, """
days = [r.model for r in tree.records if r.kind == "themeday" and r.model]
pairs = [(a, b) for a in days for b in days if a is not b and a.branch == b.branch]
print(len(pairs), sum(a.branch is not b.branch for a, b in pairs), len(here))
""")
    assert pairs > 100 and apart == 0 and read_here == 0  # read by the workers, not here


def test_a_text_read_afresh_keeps_no_utf8_copy(tree, tmp_path, monkeypatch):
    """pydantic reads a text as UTF-8 and CPython keeps that copy inside the text object: the facts
    hold a fresh copy of every text that is not ASCII (3 bytes a Chinese character fewer, 70 MB of
    a 122,000-record tree read afresh), equal to what was validated. (A short text is one object
    for all the records holding it, which a later validation may give its copy again: once a value,
    not once a record; those are not counted here.)"""
    import sys

    from djrh.kinds.facts import Facts

    def texts(value):
        if isinstance(value, Facts):
            for name in value.__slots__:
                yield from texts(getattr(value, name, None))
        elif type(value) is tuple:
            for item in value:
                yield from texts(item)
        elif type(value) is str and not value.isascii() and len(value) > 24:
            yield value

    def without_copies(records) -> bool:
        found = [text for record in records for text in texts(record.model)]
        assert len(found) > 100
        return all(sys.getsizeof(text) == sys.getsizeof(text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")) for text in found)

    assert without_copies(djrh.check.run.load_tree(tree, use_cache=False).records)
    # writing the cache pickles them, which makes the copy again: given back once a shard is written
    monkeypatch.setenv("DJRH_CACHE_DIR", str(tmp_path / "an empty cache"))
    assert without_copies(djrh.check.run.load_tree(tree).records)


@pytest.fixture
def config_checks(monkeypatch):
    """How many times djrh.yaml was checked (not taken from the cache), with the bytes checked."""
    from djrh.check import config

    checked = []
    original = config._checked

    def counting(root, raw):
        checked.append(raw)
        return original(root, raw)

    monkeypatch.setattr(config, "_checked", counting)
    return checked


def _fields(config):
    import dataclasses

    return dataclasses.replace(config, source=None)


def test_the_configuration_is_kept_until_djrh_yaml_changes(tree, config_checks):
    from djrh.check.config import ConfigError, load_config

    first = load_config(tree)
    again = load_config(tree)
    assert len(config_checks) == 1
    assert _fields(again) == _fields(first) and again.deadlines and again.rules and again.months_off == (2, 8)
    where = ("deadlines", 1, "due")  # a message about a deadline names its line in djrh.yaml
    assert again.source.locate(where, "value") == first.source.locate(where, "value") != (1, 1)

    path = tree / "djrh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("months_off: [2, 8]", "months_off: [1, 7]"), encoding="utf-8")
    assert load_config(tree).months_off == (1, 7) and len(config_checks) == 2
    path.write_text(text.replace("since: 2025", "since: 二〇二五"), encoding="utf-8")
    with pytest.raises(ConfigError):  # a kept configuration never hides a broken file
        load_config(tree)
    path.write_text(text, encoding="utf-8")
    assert _fields(load_config(tree)) == _fields(first)
    assert load_config(tree, use_cache=False) is not None and len(config_checks) == 5  # check --no-cache


def test_a_damaged_or_foreign_kept_configuration_is_checked_afresh(tree, config_checks):
    from djrh.check.config import Config, RuleSetting, load_config
    from djrh.tree.cache import CONFIG_KEPT_NAME, RecordCache

    first = load_config(tree)
    kept = cache_of(tree) / CONFIG_KEPT_NAME
    kept.write_bytes(kept.read_bytes()[:-7] + b"garbage")  # a torn write: its checksum is wrong
    assert _fields(load_config(tree)) == _fields(first) and len(config_checks) == 2
    raw = (tree / "djrh.yaml").read_bytes()
    cache = RecordCache(tree)
    wrong_ones = (
        Config(rules={"TD002": "warning"}), Config(rules={"TD002": RuleSetting(severity="fatal")}),
        Config(deadlines=[{"name": "x"}]), Config(as_of="2026-11-22"), "not a configuration",
    )
    for wrong in wrong_ones:
        cache.keep_config(raw, wrong)  # framed and keyed right, but not of the shape djrh keeps
        assert _fields(load_config(tree)) == _fields(first)
    assert len(config_checks) == 2 + len(wrong_ones)
    cache.keep_config(raw, Config(rules={"TD002": RuleSetting(off=True)}, months_off=(5,)))
    assert load_config(tree).months_off == (5,)  # the shape is what decides (this test's own planting)
