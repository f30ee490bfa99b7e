"""Output that fits where it goes (issue 11): whole lines into a file or a pipe, wrapped lines with a
hanging indent in a terminal, and no output encoding that makes djrh crash; data for programs is
always UTF-8."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest

from conftest import BRANCH, DEMO, THEMEDAY, run_djrh, write_tree
from djrh.cli import main


class Encoded:
    """stdout or stderr as a console redirect makes them: bytes in an encoding (GBK, cp1252),
    which is strict about the characters it lacks, as Python opens them."""

    def __init__(self, encoding: str, terminal: bool = False) -> None:
        self.raw = io.BytesIO()
        self.stream = io.TextIOWrapper(self.raw, encoding=encoding, errors="strict", write_through=True)
        if terminal:
            self.stream.isatty = lambda: True  # type: ignore[method-assign]

    def bytes(self) -> bytes:
        self.stream.flush()
        return self.raw.getvalue()


def run_encoded(encoding: str, *args: str, cwd=None, terminal: bool = False) -> tuple[int, bytes, bytes]:
    out, err = Encoded(encoding, terminal), Encoded(encoding)
    old = os.getcwd()
    code = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out.stream), redirect_stderr(err.stream):
            try:
                main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 0
    finally:
        os.chdir(old)
    return code, out.bytes(), err.bytes()


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    big = BRANCH.replace("{formal: 20, probationary: 2}", "{formal: 48, probationary: 4}")
    waived = big + "waivers:\n  - {rule: ORG001, reason: 拆分中, approved_by: 党委组织部, ref: 组通〔2026〕12号, until: 2027-03-31}\n"
    return write_tree(tmp_path_factory.mktemp("streams") / "records", {
        "org/nursing-gb.yaml": "kind: general_branch\nname: 护理学院党总支\n",
        "org/nursing-1.yaml": waived,
        "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY,
    })


# Every command and output format a person or a program reads, as run on a tree (or the demo's).
COMMANDS = [
    ("check",), ("check", "--format", "json"), ("check", "--format", "sarif"), ("check", "--format", "github"),
    ("rules",), ("rules", "--format", "markdown"), ("rules", "--format", "json"),
    ("explain", "TD001"), ("explain", "TD001", "--format", "markdown"), ("explain", "TD001", "--format", "json"),
    ("schema", "themeday"), ("schema", "--format", "markdown"),
    ("report",), ("report", "--format", "json"), ("report", "--format", "csv"), ("report", "--format", "html"),
    ("due",), ("due", "--format", "json"), ("due", "--format", "ics"),
    ("--help",), ("check", "--help"), ("report", "--help"),
    ("check", "--pdf"), ("chekc",), ("report", "--year", "x"), ("new",),
]
DATA_FORMATS = ("json", "sarif", "markdown", "csv", "html", "ics", "github")


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_output_encoding_crashes_and_data_is_utf8(tree, encoding, args):
    rooted = args if args[0] in ("rules", "explain", "schema", "chekc", "new") or "--help" in args else (
        *args, "--root", str(tree), "--as-of", "2026-11-22")
    code, out, err = run_encoded(encoding, *rooted)
    assert code in (0, 1, 2), (code, err)
    assert b"Traceback" not in err and b"internal error" not in err
    assert "内部错误".encode("gbk") not in err
    data = next((f for f in DATA_FORMATS if f in args), "json" if args == ("schema", "themeday") else None)
    if data is not None:
        text = out.decode("utf-8")  # whatever the console's code page
        if data in ("json", "sarif"):
            json.loads(text)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text) or data == "github"
    elif encoding == "gbk":
        text = out.decode("gbk") + err.decode("gbk")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # Chinese as Chinese, not escapes
    else:
        assert "\\u".encode() in out + err  # what cp1252 lacks is escaped, and the rest written


def test_a_clean_check_redirected_in_gbk_writes_a_check_mark_it_can_hold(tmp_path):
    """`PYTHONIOENCODING=gbk djrh check > 结果.txt` crashed on ✓ (not in GBK): now √."""
    root = write_tree(tmp_path / "records", {"org/nursing-gb.yaml": "kind: general_branch\nname: 护理学院党总支\n"})
    target = tmp_path / "结果.txt"
    with target.open("wb") as file:
        done = subprocess.run([sys.executable, "-m", "djrh", "check", "--root", str(root), "--select", "SYN,SCH"],
                              stdout=file, stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert target.read_bytes().decode("gbk").startswith("√ 已检查 1 条记录")
    with target.open("wb") as file:
        subprocess.run([sys.executable, "-m", "djrh", "check", "--root", str(root), "--select", "SYN,SCH"],
                       stdout=file, env={**os.environ, "PYTHONIOENCODING": "cp1252"}, check=True)
    assert target.read_bytes().decode("cp1252").startswith("v \\u5df2")  # escapes, never a crash


def test_an_encoding_without_chinese_is_said_on_stderr(tmp_path):
    code, out, err = run_encoded("cp1252", "rules")
    assert code == 0 and b"PYTHONUTF8" in err


def lines_of(run_out: str) -> list[str]:
    return run_out.splitlines()


def test_piped_explain_and_rules_keep_every_line_whole():
    from djrh.rules import RULES
    from djrh.rules.docs import sections

    run = run_djrh("explain", "TD001")
    assert "themedays/2025/：nursing-faculty-1-2025-04.yaml 与 nursing-faculty-1-2025-10.yaml 均为 integration: true" in run.out
    doc = sections(RULES["TD001"], "zh")
    assert doc.doc in run.out  # the paragraph on one line, not cut at 80 columns
    rules = run_djrh("rules").out
    for rule in RULES.values():
        doc = sections(rule, "zh")
        line = next(line for line in rules.splitlines() if line.startswith(rule.code + " "))
        assert doc.title in line and (not doc.source or doc.source[1] in line), line
        assert line == line.rstrip()


def test_piped_check_due_and_report_keep_every_line_whole():
    run = run_djrh("check", "--root", str(DEMO))
    message = next(line for line in run.out.splitlines() if "PJ003" in line)
    assert message.endswith("完成后请填写，未完成请督办。")
    due = run_djrh("due", "--root", str(DEMO))
    assert any(line.endswith("records/themedays/2026/logistics-2026-07.yaml") and "工作成效要在此前填写" in line
               for line in due.out.splitlines())
    report = run_djrh("report", "--root", str(DEMO))
    assert any(line.startswith("中共江南健康职业技术学院信息工程学院总支部委员会") for line in report.out.splitlines())
    assert any("信息工程学院教工党支部" in line and "进行中" in line for line in report.out.splitlines())


def run_in_terminal(*args: str, columns: int = 60) -> str:
    out = Encoded("utf-8", terminal=True)
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        with redirect_stdout(out.stream), redirect_stderr(io.StringIO()):
            try:
                main(list(args))
            except SystemExit:
                pass
    finally:
        if old is None:
            os.environ.pop("COLUMNS")
        else:
            os.environ["COLUMNS"] = old
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", out.bytes().decode("utf-8"))


def test_in_a_terminal_lines_wrap_with_a_hanging_indent_and_nothing_is_cut():
    from rich.cells import cell_len

    from djrh.rules import RULES
    from djrh.rules.docs import sections

    text = run_in_terminal("check", "--root", str(DEMO), columns=60)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= 60
    start = next(i for i, line in enumerate(lines) if " PJ003 " in line)
    indent = cell_len(lines[start][: lines[start].index("任务")])
    continued = lines[start + 1]
    assert continued[:indent].strip() == "" and continued[indent] != " "  # under the message's start
    joined = "".join(line.strip() for line in lines[start : start + 6])
    assert "完成后请填写，未完成请督办。" in joined
    rules = run_in_terminal("rules", columns=50)
    assert max(cell_len(line) for line in rules.splitlines()) <= 50
    flat = "".join(line.strip() for line in rules.splitlines())
    for rule in RULES.values():  # every title and source, whole, in a 50-column terminal
        doc = sections(rule, "zh")
        assert doc.title.replace(" ", "") in flat.replace(" ", "")
    report = run_in_terminal("report", "--root", str(DEMO), columns=50)
    assert max(cell_len(line) for line in report.splitlines()) <= 50
    assert report.count("状态 ○ 进行中") >= 8  # no column dropped on a phone-wide terminal


def test_help_in_a_terminal_wraps_under_the_option_text():
    from rich.cells import cell_len

    text = run_in_terminal("check", "--help", columns=80)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("-b, --branch"))
    indent = cell_len(lines[start]) - cell_len(lines[start].split("ID", 1)[1].lstrip())
    assert lines[start + 1].startswith(" " * indent) and lines[start + 1][indent] != " "
    assert "给党总支的id时包括其下属支部" in "".join(line.strip() for line in lines[start : start + 4]).replace(" ", "")


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_commands_that_write_files_report_in_any_encoding(tmp_path, tree, encoding):
    """init, new and render (and their refusals) in a console that lacks characters."""
    steps = [
        ("init", "新树", "--institution", "某校", "--no-git"),
        ("new", "general_branch", "--id", "nursing-gb", "--name", "护理学院党总支", "--root", "新树"),
        ("new", "themeday", "--branch", "nursing-9", "--root", "新树"),  # refused: no such branch
        ("render", "nursing-1-2026-03", "--root", str(tree), "-o", str(tmp_path / "表单.docx"), "--as-of", "2026-11-22"),
        ("render", "nursing-1-2026-03", "--root", str(tree), "-o", str(tmp_path / "表单.docx")),  # refused: exists
    ]
    codes = []
    for args in steps:
        code, out, err = run_encoded(encoding, *args, cwd=tmp_path)
        assert b"Traceback" not in err and b"internal error" not in err and "内部错误".encode("gbk") not in err
        codes.append(code)
    assert codes == [0, 0, 2, 0, 2]
    assert (tmp_path / "新树" / "org" / "nursing-gb.yaml").is_file() and (tmp_path / "表单.docx").is_file()


@pytest.mark.parametrize("stored", [False, True], ids=["checked", "stored-result"])
def test_a_reader_that_goes_away_is_an_io_problem_not_errors_found(tmp_path, stored):
    """`djrh check | head` on a clean tree: the reader closes the pipe before the output is all
    written. That is an I/O problem that stopped the run (exit 2, SPEC), said without a traceback —
    never exit 1, which a CI gate reads as "the tree has errors". The same when the stored result of
    an unchanged tree answers."""
    env = {**os.environ, "DJRH_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "djrh", "check", "--root", str(DEMO)]
    if stored:  # a first run stores the result; the second replays it into the closed pipe
        first = subprocess.run(command, capture_output=True, env=env, timeout=120)
        assert first.returncode == 0, first.stderr.decode()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader is gone before the first line
    err = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=120) == 2
    assert "Traceback" not in err
