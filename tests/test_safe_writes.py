"""Writing never loses data: every write goes through djrh.tree.fsutil, and its failures leave the
previous file as it was and no half-written file behind."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from conftest import BRANCH, GENERAL_BRANCH, THEMEDAY, run_djrh, write_tree
from djrh.tree import fsutil


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_replace_keeps_the_old_file_when_the_disk_is_full(tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"previous version")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        fsutil.write_replacing(target, b"new version" * 1000)
    assert target.read_bytes() == b"previous version"
    assert leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "record.yaml"
    target.write_bytes(b"kind: branch\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsutil.write_replacing(target, b"half")
    assert target.read_bytes() == b"kind: branch\n"
    assert leftovers(tmp_path) == []


def test_replace_keeps_the_file_mode(tmp_path):
    target = tmp_path / "shared.txt"
    target.write_bytes(b"x")
    os.chmod(target, 0o640)
    fsutil.write_replacing(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o640


def tree(tmp_path):
    return write_tree(tmp_path / "records", {
        "org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": BRANCH,
        "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY + "prescribed: 学习。\ntheory_practice: 体会。\ndiscussion: 方案。\n",
    })


def refuse_temp_files(monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)


def test_new_in_a_read_only_folder_says_so(tmp_path, monkeypatch):
    root = tree(tmp_path)
    refuse_temp_files(monkeypatch)
    run = run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-04-10", "--root", str(root))
    assert run.code == 2 and "Permission denied" in run.err
    assert not (root / "themedays" / "2026" / "nursing-1-2026-04.yaml").exists()


def test_render_to_a_read_only_folder_says_so(tmp_path, monkeypatch):
    root = tree(tmp_path)
    refuse_temp_files(monkeypatch)
    run = run_djrh("render", "nursing-1-2026-03", "--root", str(root), "-o", str(tmp_path / "out.docx"))
    assert run.code == 2 and "无法写入" in run.err
    assert not (tmp_path / "out.docx").exists()


def test_render_never_replaces_an_existing_file_unless_asked(tmp_path):
    root = tree(tmp_path)
    out = tmp_path / "form.docx"
    out.write_bytes(b"signed copy")
    run = run_djrh("render", "nursing-1-2026-03", "--root", str(root), "-o", str(out))
    assert run.code == 2 and "--force" in run.err and out.read_bytes() == b"signed copy"
    run = run_djrh("render", "nursing-1-2026-03", "--root", str(root), "-o", str(out), "--force")
    assert run.code == 0 and out.read_bytes().startswith(b"PK")


def test_render_asks_in_a_terminal(tmp_path, monkeypatch):
    import sys

    root = tree(tmp_path)
    out = tmp_path / "form.docx"
    out.write_bytes(b"signed copy")

    class Terminal:
        def __init__(self, answer):
            self.answer = answer

        def isatty(self):
            return True

        def readline(self, *args):
            return self.answer

        def read(self, *args):
            return self.answer

    from djrh.cli import main

    for answer, expected in (("n\n", b"signed copy"), ("y\n", b"PK")):
        monkeypatch.setattr(sys, "stdin", Terminal(answer))
        try:
            main(["render", "nursing-1-2026-03", "--root", str(root), "-o", str(out)])
        except SystemExit:
            pass
        assert out.read_bytes().startswith(expected)


def test_every_write_goes_through_the_safe_writer():
    """No module writes files by itself."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "src" / "djrh"
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "fsutil.py":
            continue
        text = path.read_text("utf-8")
        for match in re.finditer(r"\.write_(text|bytes)\(|open\([^)]*['\"][wa]b?['\"]", text):
            line = text[: match.start()].count("\n") + 1
            offenders.append(f"{path.relative_to(package)}:{line}")
    assert offenders == []
