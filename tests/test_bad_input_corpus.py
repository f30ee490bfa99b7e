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
import sys
from pathlib import Path

import pytest

from conftest import BRANCH, GENERAL_BRANCH, THEMEDAY, run_djrh, run_djrh_process, write_tree

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
    # run from the tree's folder, as a person would: a path a message names is relative to it
    run = run_djrh("check", "--format", "json", "--as-of", "2026-11-22", "--select", "SYN,SCH,ID,REF", cwd=root)
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
        "SYN001 org/linked-folder:1:1", "SYN001 org/loop-a.yaml:1:1", "SYN001 org/loop-b.yaml:1:1",
        "SYN001 org/outside.yaml:1:1",
    ]
    # the linked folder is not entered, and said (its records once vanished without a word)
    assert "指向记录树之外的文件夹" in lines[1] and "其中的记录没有检查" in lines[1]
    assert "记录树之外" in lines[4] and "机密" not in "".join(lines)


def test_a_link_to_a_folder_inside_the_tree_is_not_entered_and_says_nothing(tmp_path):
    """Its folder is checked where it is: entering the link too would count every record twice."""

    def place(root: Path) -> None:
        os.symlink(root / "org", root / "org-again")

    assert run_case(tmp_path, "inner-link", place) == ["inner-link: exit 0"]


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


# ---- a tree that points out of itself (issue 12): nothing outside the tree, and nothing that is not
# a regular file, is ever opened, in any output format or command


EVERY_OUTPUT = [
    ("check",), ("check", "--format", "json"), ("check", "--format", "github"), ("check", "--format", "sarif"),
    ("check", "--no-cache"), ("report",), ("report", "--format", "json"), ("report", "--format", "csv"),
    ("report", "--format", "xlsx", "-o", "{out}/r.xlsx"), ("report", "--format", "docx", "-o", "{out}/r.docx"),
    ("report", "--format", "html", "-o", "{out}/r.html"), ("due",), ("due", "--format", "json"),
    ("render", "--branch", "nursing-1", "--year", "2026", "-o", "{out}/b.docx"),
    ("render", "nursing-1-2026-03", "-o", "{out}/f.docx"),
]


def hostile_links(root: Path, outside: Path) -> dict[str, str]:
    """Record-named links to a secret, to system files, to an endless device; a pipe; a link to a
    pipe inside the tree. Returns each one's path and the words of its finding."""
    (outside / "secret.yaml").write_text("kind: general_branch\nname: 机密\n", encoding="utf-8")
    made = {"org/secret.yaml": "记录树之外"}
    os.symlink(outside / "secret.yaml", root / "org" / "secret.yaml")
    for name, target in (("environ", "/proc/self/environ"), ("passwd", "/etc/passwd"), ("zero", "/dev/zero")):
        if os.path.exists(target):
            os.symlink(target, root / "org" / f"{name}.yaml")
            made[f"org/{name}.yaml"] = "记录树之外"
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "org" / "pipe.yaml")
        os.mkfifo(root / "evidence-pipe")
        os.symlink(root / "evidence-pipe", root / "org" / "to-pipe.yaml")
        made["org/pipe.yaml"] = "普通文件"
        made["org/to-pipe.yaml"] = "普通文件"
    return made


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_nothing_outside_the_tree_and_nothing_irregular_is_opened(tmp_path, monkeypatch):
    import builtins
    import io

    root = write_tree(tmp_path / "tree", VALID)
    outside = tmp_path / "outside"
    outside.mkdir()
    made = hostile_links(root, outside)
    forbidden = {os.path.realpath(p) for p in ("/proc/self/environ", "/etc/passwd", "/dev/zero")}
    forbidden |= {str((outside / "secret.yaml").resolve()), str((root / "evidence-pipe").resolve())}
    forbidden |= {str((root / "org" / "pipe.yaml").resolve())}
    opened: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def refuse(path, nofollow: bool = False) -> None:  # refused rather than opened: a regression is reported, never hangs
        if not isinstance(path, (str, bytes, os.PathLike)):
            return
        path = os.fsdecode(path)
        # with O_NOFOLLOW a link in the last place is not followed (the open fails instead)
        where = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path)) if nofollow else os.path.realpath(path)
        if where in forbidden:
            opened.append(path)
            raise PermissionError(13, "the test forbids opening this", path)

    def spy_os_open(path, flags, *args, **kwargs):
        refuse(path, bool(flags & getattr(os, "O_NOFOLLOW", 0)))
        return real_os_open(path, flags, *args, **kwargs)

    def spy_open(file, *args, **kwargs):
        refuse(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy_os_open)
    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    out = tmp_path / "out"
    out.mkdir()
    for args in EVERY_OUTPUT:
        args = tuple(a.format(out=out) for a in args)
        run = run_djrh(*args, "--root", str(root), "--as-of", "2026-11-22", *(("--force",) if "-o" in args else ()))
        assert run.code in (0, 1), (args, run.err)
        assert "机密" not in run.out + run.err and "root:" not in run.out + run.err, args
    assert opened == []
    run = run_djrh("check", "--root", str(root), "--as-of", "2026-11-22", "--format", "json")
    messages = {f["path"]: f["message"] for f in run.json["findings"]}
    for path, words in made.items():
        assert words in messages[path], (path, messages.get(path))


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="no /proc here")
def test_a_link_to_the_environment_does_not_print_it(tmp_path):
    """The reported leak, end to end: a CI secret in the environment never reaches the output."""
    root = write_tree(tmp_path / "tree", VALID)
    made = hostile_links(root, tmp_path)
    secret = "djrh-test-secret-" + os.urandom(6).hex()
    for fmt in ("text", "json", "github", "sarif"):
        run = run_djrh_process("check", "--root", str(root), "--format", fmt, env={"SECRET_TOKEN": secret}, timeout=60)
        assert run.code == 1 and secret not in run.out + run.err and "root:x:" not in run.out
        assert all(path.split("/")[-1] in run.out for path in made)


def test_names_that_are_not_utf8_or_hold_control_characters(tmp_path):
    """A zip made on Chinese Windows gives GBK file names: each is reported by a readable name,
    not read, and every other record is checked as before, by check, report and due."""
    if sys.platform in ("win32", "darwin"):
        pytest.skip("file names are always Unicode here")
    root = write_tree(tmp_path / "tree", VALID)
    baseline = run_djrh("check", "--root", str(root), "--as-of", "2026-11-22", "--format", "json").json["findings"]
    org = os.fsencode(root / "org")
    gbk = "党支部".encode("gbk")
    with open(os.path.join(org, gbk + b".yaml"), "wb") as stream:
        stream.write(GENERAL_BRANCH.encode("utf-8"))
    os.mkdir(os.path.join(org, gbk + "目录".encode("gbk")))
    with open(os.path.join(org, gbk + "目录".encode("gbk"), b"x.yaml"), "wb") as stream:
        stream.write(GENERAL_BRANCH.encode("utf-8"))
    with open(os.path.join(org, b"\xff\xfe.yaml"), "wb") as stream:  # not GBK either
        stream.write(GENERAL_BRANCH.encode("utf-8"))
    (root / "org" / "a\x1b[2Jb.yaml").write_text(GENERAL_BRANCH, encoding="utf-8")
    run = run_djrh("check", "--root", str(root), "--as-of", "2026-11-22", "--format", "json")
    assert run.code == 1, run.err
    bad = {f["path"]: f["message"] for f in run.json["findings"] if f not in baseline}
    assert set(bad) == {"org/党支部.yaml", "org/党支部目录", "org/\\xff\\xfe.yaml", "org/a\\x1b[2Jb.yaml"}, bad
    assert "不是 UTF-8" in bad["org/党支部.yaml"] and "党支部.yaml" in bad["org/党支部.yaml"]
    assert "其中的记录没有检查" in bad["org/党支部目录"] and "U+001B" in bad["org/a\\x1b[2Jb.yaml"]
    assert [f for f in run.json["findings"] if f["path"] not in bad] == baseline
    text = run_djrh("check", "--root", str(root), "--as-of", "2026-11-22")
    assert text.code == 1 and "\x1b" not in text.out and "org/党支部.yaml" in text.out
    for args in (("report", "--format", "json"), ("report",), ("due",), ("due", "--format", "json")):
        run = run_djrh(*args, "--root", str(root), "--as-of", "2026-11-22")
        assert run.code == 0, (args, run.err)
        assert "\x1b" not in run.out


@pytest.mark.parametrize(
    "config, code, words",
    [
        ("", 0, "默认设置"),
        ("# 只有注释\n", 0, "默认设置"),
        ("institution: [测试\n", 2, "djrh.yaml:1:14"),  # where the [ opened
        ("institution: 测试\ninstitution: 又一个\n", 2, "写了两次"),
        ("- institution\n", 2, "设置项"),
        ("policy:\n  months_off: [2, 13]\n", 2, "djrh.yaml:2:"),
        ("rules:\n  TD009: off\n", 2, "TD009"),
        ("deadlines:\n  - {name: 行动总结, due: 2026/7/5}\n", 2, "2026-07-05"),
        ("institution: 测试\n".encode("gbk"), 2, "GBK"),
        ("institution: " + "1" * 5000 + "\n", 2, "5000 位"),
        ("rules:\n  TD006: {grace_days: 999999999}\n", 2, "最大为 10000"),
        ("rules:\n  ORG003: {term_years: 11}\n", 2, "最大为 10。"),
        ("rules:\n  TD001: {warn_from_month: 13}\n", 2, "最大为 12"),
        ("deadlines:\n  - {name: 行动总结, due: 9999-12-31}\n", 2, "1949 至 2200"),
        ('institution: "测试\\x1b[2J学院"\n', 2, "U+001B"),
    ],
)
def test_configuration_files(tmp_path, config, code, words):
    root = write_tree(tmp_path / "tree", VALID)
    (root / "djrh.yaml").write_bytes(config if isinstance(config, bytes) else config.encode("utf-8"))
    run = run_djrh("check", "--root", str(root), "--select", "SYN,SCH,ID,REF")
    assert run.code == code, run.err
    assert words in run.err


@pytest.mark.skipif(not hasattr(os, "symlink") or not os.path.exists("/etc/passwd"), reason="no links or no /etc/passwd")
def test_a_configuration_linked_out_of_the_tree_is_not_read(tmp_path):
    root = write_tree(tmp_path / "tree", VALID)
    (root / "djrh.yaml").unlink()
    os.symlink("/etc/passwd", root / "djrh.yaml")
    run = run_djrh("check", "--root", str(root))
    assert run.code == 2 and "记录树之外" in run.err and "root:" not in run.out + run.err
