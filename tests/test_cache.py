"""The cache never serves a stale result: every change gives exactly the --no-cache output."""

from __future__ import annotations

import os
import shutil
import time

import pytest

import djrh.check
from conftest import DEMO, run_djrh


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    return root


def cache_of(root):
    from djrh.cache import folder_for

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
    original = djrh.check.read_text

    def counting(record, raw):
        counter["n"] += 1
        return original(record, raw)

    monkeypatch.setattr(djrh.check, "read_text", counting)
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
    monkeypatch.setattr(djrh.check, "PARALLEL_FROM", 10)
    monkeypatch.setattr(djrh.check, "CHUNK", 17)
    assert check(tree, "--no-cache", "--jobs", "2") == check(tree, "--no-cache", "--jobs", "1")


def test_text_output_positions_come_from_the_file(tree):
    """Positions are read again from the file for findings: a warm run shows the same lines."""
    age(tree)
    run_djrh("check", "--root", str(tree), "--as-of", "2026-11-22")
    warm = run_djrh("check", "--root", str(tree), "--as-of", "2026-11-22").out
    cold = run_djrh("check", "--root", str(tree), "--as-of", "2026-11-22", "--no-cache").out
    assert warm == cold and "12:13" in warm


def test_compact_models_of_large_trees_give_the_same_result(tree, monkeypatch):
    """Large trees keep their models in a smaller form, read fresh or from the cache: same output."""
    age(tree)
    normal = check(tree, "--no-cache")
    monkeypatch.setattr(djrh.check, "COMPACT_FROM", 10)
    assert check(tree, "--no-cache") == normal
    assert check(tree) == normal  # fills the cache
    assert check(tree) == normal  # from the cache, rebuilt compact
    monkeypatch.setattr(djrh.check, "PARALLEL_FROM", 10)
    monkeypatch.setattr(djrh.check, "CHUNK", 23)
    assert check(tree, "--no-cache", "--jobs", "2") == normal  # compact through the worker processes


def test_compact_model_equals_the_original():
    from djrh.models.types import compact

    tree_ = djrh.check.load_tree(DEMO, use_cache=False)
    for record in tree_.records:
        if record.model is not None:
            lean = compact(record.model)
            assert lean == record.model and lean.model_dump() == record.model.model_dump()
