"""The bad-input corpus (tests/bad_inputs/): every file, through the real CLI, in a tree that also
holds valid records. Each must give its exact findings (a snapshot in expected.txt), exit code 1,
no traceback, and leave the other records checked and clean.

The cases that cannot be kept as files (a 50 MB file, a folder named like a record, symlinks, an
unreadable file, a pipe, broken configurations) are made by the tests below.

Refresh the snapshot after an intended change: DJRH_UPDATE_SNAPSHOTS=1 pytest tests/test_bad_input_corpus.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import BRANCH, GENERAL_BRANCH, THEMEDAY, run_djrh, write_tree

HERE = Path(__file__).resolve().parent / "bad_inputs"
CORPUS = sorted(p for p in HERE.iterdir() if p.name != "expected.txt")
SNAPSHOT = HERE / "expected.txt"
UPDATE = os.environ.get("DJRH_UPDATE_SNAPSHOTS") == "1"
VALID = {
    "org/nursing-gb.yaml": GENERAL_BRANCH,
    "org/nursing-1.yaml": BRANCH,
    "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY + "prescribed: 学习。\ntheory_practice: 收获。\ndiscussion: 方案。\n",
}


def run_case(tmp_path: Path, name: str, place) -> list[str]:
    root = write_tree(tmp_path / "tree", VALID)
    place(root)
    run = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22", "--select", "SYN,SCH,ID,REF")
    lines = [f"{name}: exit {run.code}"]
    for f in run.json["findings"]:
        lines.append(f'  {f["code"]} {f["path"]}:{f["line"]}:{f["column"]} | {f["message"]}')
        assert not f["path"].startswith(("org/nursing", "themedays/2026/nursing")), "a valid record was disturbed"
    assert run.json["summary"]["records"] >= 3
    return lines


def snapshot() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    name = None
    for line in SNAPSHOT.read_text("utf-8").splitlines() if SNAPSHOT.exists() else []:
        if line and not line.startswith(" "):
            name = line.split(": exit ")[0]
            cases[name] = [line]
        elif name is not None and line.strip():
            cases[name].append(line)
    return cases


RESULTS: dict[str, list[str]] = {}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file(tmp_path, path):
    def place(root: Path) -> None:
        shutil.copyfile(path, root / "org" / path.name)

    got = run_case(tmp_path, path.name, place)
    RESULTS[path.name] = got
    if UPDATE:
        return
    assert got == snapshot().get(path.name), f"{path.name}: run with DJRH_UPDATE_SNAPSHOTS=1 and review the diff"
    exit_line = got[0]
    expected_clean = path.name in ("utf8-bom.yaml", "crlf.yaml", "mixed-line-endings.yaml")
    assert exit_line.endswith("exit 0" if expected_clean else "exit 1")


def test_write_snapshot():
    """Runs last in this module: writes the snapshot when refreshing."""
    if UPDATE and RESULTS:
        SNAPSHOT.write_text("\n".join(line for name in sorted(RESULTS) for line in RESULTS[name]) + "\n", encoding="utf-8")


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 40


def test_every_finding_has_a_chinese_message_and_a_position():
    for lines in snapshot().values():
        for line in lines[1:]:
            where, message = line.split(" | ", 1)
            assert any("\u4e00" <= c <= "\u9fff" for c in message)
            assert ":" in where


# ---- cases made at test time


def test_fifty_megabyte_file(tmp_path):
    def place(root: Path) -> None:
        with open(root / "org" / "huge.yaml", "wb") as stream:
            stream.write(b"kind: general_branch\nname: x\n")
            stream.seek(50 * 1024 * 1024)
            stream.write(b"\n")

    lines = run_case(tmp_path, "huge.yaml", place)
    assert lines[0].endswith("exit 1") and "SYN001 org/huge.yaml:1:1" in lines[1] and "50.0 MiB" in lines[1]


def test_folder_named_like_a_record(tmp_path):
    def place(root: Path) -> None:
        (root / "org" / "x.yaml").mkdir()
        (root / "org" / "x.yaml" / "inside.yaml").write_text(GENERAL_BRANCH, encoding="utf-8")

    lines = run_case(tmp_path, "folder", place)
    assert lines == ["folder: exit 0"]  # a folder is walked into, its records are read


def test_symlink_outside_and_symlink_loop(tmp_path):
    (tmp_path / "secret.yaml").write_text("kind: general_branch\nname: 机密\n", encoding="utf-8")

    def place(root: Path) -> None:
        os.symlink(tmp_path / "secret.yaml", root / "org" / "outside.yaml")
        os.symlink(root / "org" / "loop-b.yaml", root / "org" / "loop-a.yaml")
        os.symlink(root / "org" / "loop-a.yaml", root / "org" / "loop-b.yaml")
        os.symlink(tmp_path, root / "org" / "linked-folder")

    lines = run_case(tmp_path, "links", place)
    assert lines[0] == "links: exit 1"
    assert [line.split(" | ")[0].strip() for line in lines[1:]] == [
        "SYN001 org/loop-a.yaml:1:1", "SYN001 org/loop-b.yaml:1:1", "SYN001 org/outside.yaml:1:1",
    ]
    assert "记录树之外" in lines[3] and "机密" not in "".join(lines)


def test_unreadable_file(tmp_path, monkeypatch):
    real_open = os.open

    def guarded(file, *args, **kwargs):  # as for a file without read permission (the tests may run as root)
        if str(file).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)

    def place(root: Path) -> None:
        (root / "org" / "locked.yaml").write_text(GENERAL_BRANCH, encoding="utf-8")

    lines = run_case(tmp_path, "locked.yaml", place)
    assert lines[0].endswith("exit 1") and "SYN001 org/locked.yaml:1:1" in lines[1] and "无法读取" in lines[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_pipe_named_like_a_record_does_not_hang(tmp_path):
    def place(root: Path) -> None:
        os.mkfifo(root / "org" / "pipe.yaml")

    lines = run_case(tmp_path, "pipe", place)
    assert lines[0] == "pipe: exit 1" and "SYN001 org/pipe.yaml:1:1" in lines[1] and "普通文件" in lines[1]


@pytest.mark.parametrize(
    "config, code, words",
    [
        ("", 0, "默认设置"),
        ("# 只有注释\n", 0, "默认设置"),
        ("institution: [测试\n", 2, "djrh.yaml:2:1"),
        ("institution: 测试\ninstitution: 又一个\n", 2, "写了两次"),
        ("- institution\n", 2, "设置项"),
        ("policy:\n  months_off: [2, 13]\n", 2, "djrh.yaml:2:"),
        ("rules:\n  TD009: off\n", 2, "TD009"),
        ("deadlines:\n  - {name: 行动总结, due: 2026/7/5}\n", 2, "2026-07-05"),
        ("institution: 测试\n".encode("gbk"), 2, "GBK"),
    ],
)
def test_configuration_files(tmp_path, config, code, words):
    root = write_tree(tmp_path / "tree", VALID)
    (root / "djrh.yaml").write_bytes(config if isinstance(config, bytes) else config.encode("utf-8"))
    run = run_djrh("check", "--root", str(root), "--select", "SYN,SCH,ID,REF")
    assert run.code == code, run.err
    assert words in run.err
