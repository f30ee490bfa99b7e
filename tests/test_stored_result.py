"""A check whose inputs did not change writes its stored output again (cli/stored.py): byte for byte
what a fresh run writes, and never once anything it depends on changed."""

from __future__ import annotations

import io
import os
import shutil
import time

import pytest

from conftest import DEMO, run_djrh_process


def aged_copy(tmp_path, name="records"):
    """The demo tree with every time in the past, past the two seconds a result waits for."""
    root = tmp_path / name
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    old = time.time() - 3600
    for folder, _, files in os.walk(root):
        for item in files:
            os.utime(os.path.join(folder, item), (old, old))
    return root


def settle():
    time.sleep(2.2)  # change times cannot be set back: wait until they are old enough to trust


def run(*args, env=None):
    """(exit code, stdout, whether the check ran afresh: pydantic was imported)."""
    done = run_djrh_process(*args, env={"PYTHONPROFILEIMPORTTIME": "1", **(env or {})})
    fresh = "pydantic" in done.err
    errors = "\n".join(line for line in done.err.splitlines() if not line.startswith("import time:"))
    return done.code, done.out, fresh, errors


OPTION_SETS = [
    ("--format", "json"),
    ("--format", "text"),
    ("--format", "sarif"),
    ("--format", "github", "--lang", "en"),
    ("--format", "json", "--as-of", "2027-03-01", "--select", "TD", "--strict"),
    ("--format", "text", "--ignore", "TD002,REF", "--branch", "admin-academic"),
]


@pytest.fixture(scope="module")
def settled_tree(tmp_path_factory):
    root = aged_copy(tmp_path_factory.mktemp("stored"))
    settle()
    return root


@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: " ".join(o))
def test_nothing_changed_gives_the_same_bytes_without_loading_anything(settled_tree, options):
    args = ("check", "--root", str(settled_tree), *options)
    first = run(*args)
    again = run(*args)
    without_cache = run(*args, "--no-cache")
    assert first[2] and without_cache[2]
    assert not again[2], "the second run loaded the tree"
    assert again[:2] == first[:2] == without_cache[:2]
    assert again[3] == first[3] == ""
    assert first[1]  # something was checked and written


def test_a_different_option_or_environment_is_a_different_result(settled_tree):
    base = ("check", "--root", str(settled_tree), "--format", "json")
    run(*base)
    assert not run(*base)[2]
    for variant, env in [
        ((*base, "--as-of", "2025-06-30"), None),
        ((*base, "--select", "REF"), None),
        ((*base, "--lang", "en"), None),
        (base, {"DJRH_LANG": "en"}),
        ((*base, "--strict"), None),
    ]:
        code, out, fresh, _ = run(*variant, env=env)
        assert fresh, variant
        assert (code, out) == run(*variant, "--no-cache", env=env)[:2]


def test_the_default_as_of_day_is_part_of_the_key(monkeypatch, settled_tree):
    from djrh.cli import stored

    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    argv = ["check", "--root", str(settled_tree), "--format", "json"]
    today = stored.plan(argv)
    assert today is not None and today.key == stored.plan(argv).key
    monkeypatch.setattr(stored, "_today", lambda: "2099-01-01")
    assert stored.plan(argv).key != today.key


def changes(root):
    """Each a change that gives other findings (or, for a touch, only other times)."""
    record = root / "themedays" / "2026" / "admin-academic-2026-03.yaml"
    evidence = next((root / "evidence" / "2026").glob("admin-office-2026-04-成效报告.md"))
    config = root / "djrh.yaml"

    def edit():  # same size, other content: only the times and the content tell
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("kind: themeday", "kind: themedax"), encoding="utf-8")

    def touch():
        os.utime(record)

    def config_change():
        config.write_text(config.read_text(encoding="utf-8").replace("TD002: warning", "TD002: error"), encoding="utf-8")

    def added():
        (root / "themedays" / "2026" / "admin-academic-2026-13.yaml").write_text("kind: themeday\n", encoding="utf-8")

    def deleted():
        (root / "themedays" / "2026" / "admin-academic-2026-13.yaml").unlink()
        (root / "org" / "admin-academic.yaml").unlink()

    def renamed():
        os.rename(root / "themedays" / "2026" / "admin-academic-2026-04.yaml", root / "themedays" / "2026" / "admin-academic-2026-04b.yaml")

    def evidence_gone():
        evidence.unlink()

    def hidden_folder():  # a path a record names may point anywhere in the tree
        (root / ".hidden").mkdir()

    return [edit, touch, config_change, added, deleted, renamed, evidence_gone, hidden_folder]


def test_every_change_is_checked_afresh(tmp_path):
    root = aged_copy(tmp_path)
    settle()
    args = ("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22")
    before = run(*args)
    assert not run(*args)[2]
    for change in changes(root):
        change()
        code, out, fresh, _ = run(*args)
        assert fresh, change.__name__
        assert (code, out) == run(*args, "--no-cache")[:2], change.__name__
        if change.__name__ not in ("touch", "hidden_folder"):
            assert out != before[1], change.__name__
        before = (code, out)


def test_a_run_in_the_tree_without_root(settled_tree):
    args = ("check", "--format", "json")
    first = run_djrh_process(*args, cwd=settled_tree / "org", env={"PYTHONPROFILEIMPORTTIME": "1"})
    again = run_djrh_process(*args, cwd=settled_tree / "org", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert "pydantic" in first.err and "pydantic" not in again.err
    assert (first.code, first.out) == (again.code, again.out)


def result_files(root):
    from djrh.tree.cachedir import folder

    return sorted(name for name in os.listdir(folder(root)) if name.startswith("result-"))


def test_a_planted_or_damaged_result_is_not_used(tmp_path):
    from djrh.tree.cachedir import folder

    root = aged_copy(tmp_path)
    settle()
    args = ("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22")
    truth = run(*args)
    (name,) = result_files(root)
    path = os.path.join(folder(root), name)
    good = open(path, "rb").read()
    forged_output = b'{"forged": true}\n'

    def forged(data: bytes) -> None:
        os.remove(path)
        with open(path, "wb") as stream:
            stream.write(data)
        os.chmod(path, 0o600)

    for damaged in [
        good[:-1] + bytes([good[-1] ^ 1]),  # a flipped bit: its checksum fails
        good.replace(good[14:46], bytes(32)),  # another key
        good[:60],  # torn
        b"",
        good[: len(good) - len(truth[1].encode())] + forged_output,  # other output, old checksum
    ]:
        forged(damaged)
        code, out, fresh, _ = run(*args)
        assert (code, out) == truth[:2]
        assert fresh
    # a link to a result elsewhere is not followed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(good)
    os.remove(path)
    os.symlink(elsewhere, path)
    assert run(*args)[2]
    # a cache folder others may write into is not used at all
    os.remove(path)
    run(*args)
    os.chmod(folder(root), 0o777)
    try:
        assert run(*args)[2]
    finally:
        os.chmod(folder(root), 0o700)


def test_a_result_committed_into_the_tree_changes_nothing(tmp_path):
    from djrh.tree.cachedir import folder

    root = aged_copy(tmp_path)
    settle()
    args = ("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22")
    truth = run(*args)
    (name,) = result_files(root)
    good = open(os.path.join(folder(root), name), "rb").read()
    for place in (root / ".djrh-cache", root / "evidence"):
        place.mkdir(exist_ok=True)
        (place / name).write_bytes(good.replace(b"TD", b"XX"))
    assert run(*args)[:2] == truth[:2] == run(*args, "--no-cache")[:2]


def test_results_kept_are_bounded(tmp_path, monkeypatch):
    from djrh.cli import stored

    root = aged_copy(tmp_path)
    settle()
    for day in range(1, stored.KEEP + 4):
        run("check", "--root", str(root), "--format", "json", "--as-of", f"2026-01-{day:02d}" if day < 29 else f"2026-02-{day - 28:02d}")
    assert len(result_files(root)) == stored.KEEP


def test_a_run_that_fails_or_asks_for_help_is_not_stored(tmp_path):
    root = aged_copy(tmp_path)
    settle()
    assert run("check", "--root", str(root), "--format", "nope")[0] == 2
    assert run("check", "--root", str(root), "--as-of", "2026-13-01")[0] == 2
    assert run("check", "--root", str(root), "--no-cache")[0] in (0, 1)
    assert run("check", "--help")[0] == 0
    from djrh.tree.cachedir import folder

    assert not os.path.isdir(folder(root)) or result_files(root) == []
