"""A walk of the tree kept with the cache (tree/stamps.py, RecordCache.trust): a later check takes a
cached record as fresh without a stat of its file only when the file's stamp is the one the kept walk
saw, in a shard not written since; anything else is looked at as before, and the records are always
those a check without the walk reads."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import time

import pytest
from hypothesis import given, settings, strategies as st

import djrh.check.run
import djrh.tree.cache
import djrh.tree.stamps
from djrh.check.run import load_tree
from djrh.tree.cache import RecordCache
from djrh.tree.stamps import ENTRY_BYTES, Walk, _differing, changed_files, walk
from conftest import DEMO


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """The demo tree, its times an hour old; a time just set counts as settled (no two-second wait)."""
    monkeypatch.setattr(djrh.tree.stamps, "RACY_NS", 0)
    monkeypatch.setattr(djrh.tree.cache, "RACY_NS", 0)
    root = tmp_path / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    old = time.time() - 3600
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (old, old))
    time.sleep(0.01)
    return root


@pytest.fixture
def looked_at(monkeypatch):
    """The files the cache looked at itself (a stat, maybe a read): not taken on the walk's word."""
    seen: list[str] = []
    original = RecordCache._fresh

    def counting(self, root, rel, number, entry):
        seen.append(rel)
        return original(self, root, rel, number, entry)

    monkeypatch.setattr(RecordCache, "_fresh", counting)
    return seen


def load(root, with_walk=True):
    return load_tree(root, walk=walk(os.path.realpath(root)) if with_walk else None)


def values(tree):
    return [(r.path, r.kind, repr(r.model), r.valid) for r in tree.records], sorted(map(repr, tree.findings))


def test_an_unchanged_tree_is_taken_from_the_kept_walk_without_a_stat(tree, looked_at):
    first = load(tree)  # fills the cache and keeps the walk
    assert os.path.isfile(os.path.join(djrh.tree.cache.folder_for(tree), djrh.tree.cache.WALK_NAME))
    looked_at.clear()
    again = load(tree)
    assert looked_at == []
    assert values(again) == values(first) == values(load_tree(tree, use_cache=False))


def test_a_changed_file_is_looked_at_and_read_the_others_are_not(tree, looked_at):
    load(tree)
    path = tree / "org" / "it-student.yaml"
    info = path.stat()
    text = path.read_text("utf-8")
    changed = text.replace("elected_on: 2023-12-14", "elected_on: 2023-10-14")
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same time: only its change time moved
    looked_at.clear()
    now = load(tree)
    assert looked_at == ["org/it-student.yaml"]
    record = next(r for r in now.records if r.path == "org/it-student.yaml")
    assert str(record.model.elected_on) == "2023-10-14"
    assert values(now) == values(load_tree(tree, use_cache=False))
    looked_at.clear()
    assert values(load(tree)) == values(now) and looked_at == []  # kept again after the change


@pytest.mark.parametrize("change", ["added", "deleted", "renamed"])
def test_an_entry_added_or_gone_means_every_file_is_looked_at(tree, looked_at, change):
    load(tree)
    source = tree / "org" / "it-student.yaml"
    if change == "added":
        shutil.copy(source, tree / "org" / "it-student-2.yaml")
    elif change == "deleted":
        source.unlink()
    else:
        source.rename(tree / "org" / "it-student-x.yaml")
    looked_at.clear()
    now = load(tree)
    assert len(looked_at) >= len(now.records) - 1
    assert values(now) == values(load_tree(tree, use_cache=False))


def test_a_shard_written_since_the_walk_was_kept_is_looked_at(tree, looked_at):
    """Another run (one without a walk: djrh serve, a check at a terminal) wrote a shard after the
    walk was kept: that shard's entries are not taken on the kept walk's word, here a stale one."""
    load(tree)
    rel = "org/it-student.yaml"
    cache = RecordCache(tree)
    number = cache._shard_of(rel)
    cache._seen.update(cache._shard(number))  # the shard's other entries are kept as they are
    stamp, digest, record, findings = cache._shard(number)[rel]
    record.model = None  # an entry of another content of the file, with that content's stamp and digest
    cache.store(rel, (b"\0" * len(stamp), b"\0" * len(digest), record, findings))
    cache.save()
    looked_at.clear()
    now = load(tree)
    assert rel in looked_at and len(looked_at) == sum(cache._shard_of(r.path) == number for r in now.records)
    assert values(now) == values(load_tree(tree, use_cache=False))


@pytest.mark.parametrize("name", ["walk", "times"])
@pytest.mark.parametrize("damage", ["truncated", "flipped", "foreign key", "another walk", "a class", "not a file", "gone"])
def test_a_damaged_or_foreign_kept_walk_is_no_walk(tree, looked_at, damage, name):
    """The walk (walk.pickle) and the shards' times beside it (walk-times.pickle): either damaged,
    foreign, of another walk than the other, or missing, and nothing is taken on their word."""
    load(tree)
    load(tree)
    path = os.path.join(djrh.tree.cache.folder_for(tree), {"walk": djrh.tree.cache.WALK_NAME, "times": djrh.tree.cache.WALK_TIMES_NAME}[name])
    raw = open(path, "rb").read()
    magic = djrh.tree.cache.MAGIC
    if damage == "truncated":
        raw = raw[: len(raw) // 2]
    elif damage == "flipped":
        raw = raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:]
    elif damage in ("foreign key", "another walk", "a class"):
        stream = io.BytesIO(raw)
        stream.seek(len(magic) + 4)
        kept = pickle.Unpickler(stream).load()
        tail = raw[stream.tell() :]  # the walk's own bytes, after the pickle
        if damage == "foreign key":
            kept = (kept[0], "another djrh", *kept[2:])
        elif damage == "another walk":
            kept = (*kept[:2], os.urandom(16), *kept[3:])
        else:
            kept = (*kept[:-1], Walk)
        payload = pickle.dumps(kept, protocol=5) + tail
        raw = magic + djrh.tree.cache._checksum(payload) + payload
    os.remove(path)
    if damage == "not a file":
        os.mkdir(path)
    elif damage != "gone":
        open(path, "wb").write(raw)
    looked_at.clear()
    now = load(tree)
    assert len(looked_at) == len(now.records)
    assert values(now) == values(load_tree(tree, use_cache=False))


def test_the_walk_is_kept_before_the_records_load_and_not_held_while_they_do(tree, monkeypatch):
    """A large tree's walk is a few MB: written to the cache folder as soon as the record files are
    known, then let go (load_tree's `walk` too); only the shards' times are written at the end."""
    import gc
    import weakref

    refs = []
    original = djrh.check.run.RecordCache.lookup_all

    def looking(self, root, rels):
        gc.collect()
        refs.append(all(ref() is None for ref in given))
        yield from original(self, root, rels)

    class Tracked(Walk):
        __slots__ = ("__weakref__",)

    def given_walk():
        taken = walk(os.path.realpath(tree))
        tracked = Tracked(taken.root, taken.names, taken.numbers, taken.newest, taken.started, taken.whole)
        given[:] = [weakref.ref(tracked)]
        return tracked

    monkeypatch.setattr(djrh.check.run.RecordCache, "lookup_all", looking)
    folder = djrh.tree.cache.folder_for(tree)
    given: list = []
    for _ in range(2):  # the first keeps the walk, the second trusts it
        load_tree(tree, walk=given_walk())
    assert refs == [True, True]
    assert os.path.isfile(os.path.join(folder, djrh.tree.cache.WALK_NAME))
    assert os.path.isfile(os.path.join(folder, djrh.tree.cache.WALK_TIMES_NAME))


def test_a_walk_of_times_too_recent_is_not_kept(tree, monkeypatch):
    monkeypatch.setattr(djrh.tree.stamps, "RACY_NS", 10**18)  # every time counts as just now
    load(tree)
    assert not os.path.exists(os.path.join(djrh.tree.cache.folder_for(tree), djrh.tree.cache.WALK_NAME))


def test_a_tree_with_a_link_keeps_no_walk(tree):
    os.symlink("it-student.yaml", tree / "org" / "it-student-link.yaml")
    current = walk(os.path.realpath(tree))
    assert not current.whole and changed_files(current, current) is None


def test_changed_files_names_the_entries_that_differ(tree):
    root = os.path.realpath(tree)
    before = walk(root)
    assert changed_files(before, walk(root)) == set()
    os.utime(tree / "themedays" / "2026" / os.listdir(tree / "themedays" / "2026")[0], (1, 1))
    os.utime(tree / "djrh.yaml", (2, 2))
    name = os.listdir(tree / "themedays" / "2026")[0]
    assert changed_files(before, walk(root)) == {f"themedays/2026/{name}", "djrh.yaml"}


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 300), st.lists(st.integers(0, 299), max_size=40))
def test_the_halving_finds_exactly_the_entries_that_differ(count, changes):
    before = bytes(range(256)) * (count * ENTRY_BYTES // 256) + bytes(count * ENTRY_BYTES % 256)
    after = bytearray(before)
    for index in set(changes):
        if index < count:
            after[index * ENTRY_BYTES + index % ENTRY_BYTES] ^= 0x5A
    expected = sorted({index for index in changes if index < count})
    assert sorted(_differing(before, bytes(after))) == expected


@pytest.fixture
def walks(monkeypatch):
    """How many times the tree was walked for its record files (tree/root.record_paths)."""
    counter = {"n": 0}
    original = djrh.check.run.record_paths

    def counting(root):
        counter["n"] += 1
        return original(root)

    monkeypatch.setattr(djrh.check.run, "record_paths", counting)
    return counter


def test_the_record_files_come_from_the_kept_walk_while_no_entry_changed_name_or_type(tree, walks):
    first = load(tree)
    assert walks["n"] == 1
    bad_name = tree / "themedays" / "note.yaml.txt"  # a finding of the walk itself (SYN001): kept with it
    walks["n"] = 0
    assert values(load(tree)) == values(first) and walks["n"] == 0
    bad_name.write_text("kind: themeday\n", encoding="utf-8")
    now = load(tree)
    assert walks["n"] == 1 and any(f.code == "SYN001" and f.path.endswith("note.yaml.txt") for f in now.findings)
    walks["n"] = 0
    again = load(tree)
    assert walks["n"] == 0 and values(again) == values(now) == values(load_tree(tree, use_cache=False))
    path = tree / "org" / "it-student.yaml"  # edited: the same entries, the same types
    path.write_text(path.read_text("utf-8") + "\n", encoding="utf-8")
    walks["n"] = 0
    edited = load(tree)
    assert walks["n"] == 0 and values(edited) == values(load_tree(tree, use_cache=False))


@pytest.mark.skipif(os.name == "nt", reason="permissions: POSIX")
def test_a_folder_whose_permissions_changed_is_walked_again(tree, walks):
    """The same names, one entry of another mode: the record files are found afresh (a folder made
    unreadable loses its records; root reads it all the same)."""
    load(tree)
    folder = tree / "brands"
    os.chmod(folder, 0o000)
    try:
        walks["n"] = 0
        now = load(tree)
        assert walks["n"] == 1
        assert values(now) == values(load_tree(tree, use_cache=False))
    finally:
        os.chmod(folder, 0o755)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe: POSIX")
def test_a_file_replaced_by_a_pipe_of_its_name_is_walked_again(tree, walks):
    """The same names, one entry of another type: the walk is not taken from the kept one (a
    folder in a file's place changes the names too: its own entries follow it)."""
    load(tree)
    path = tree / "org" / "it-student.yaml"
    path.unlink()
    os.mkfifo(path)
    walks["n"] = 0
    now = load(tree)
    assert walks["n"] == 1 and "org/it-student.yaml" not in [r.path for r in now.records]
    assert any(f.path == "org/it-student.yaml" and f.code == "SYN001" for f in now.findings)
    assert values(now) == values(load_tree(tree, use_cache=False))
