"""No output, in any format, prints a resident ID or mobile number unmasked (SPEC section 3), and
PRV001 finds them however they are written (the cases are the fixture tests/rules/PRV001-variants)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import BRANCH, GENERAL_BRANCH, run_djrh, write_tree
from djrh.personal import find_numbers, mask

MOBILE, RESIDENT_ID = "13512345678", "11010519491231002X"
DAY = """\
kind: themeday
branch: nursing-1
date: {date}
place: 护理学院308会议室
theme: 联系13512345678的学生
integration: false
prescribed: 学习文件。
tasks:
  - {{task: 回访11010519491231002X, owner: 王丽, due: 2026-12-10}}
attendance:
  absent:
    - {{name: 赵敏, reason: {reason}}}
"""


@pytest.fixture
def root(tmp_path) -> Path:
    files = {
        "org/nursing-gb.yaml": GENERAL_BRANCH,
        "org/nursing-1.yaml": BRANCH.replace("护理学院教工第一党支部", "护理学院教工第一党支部（13512345678）"),
        # valid, so that its form can be rendered: the numbers are in its text
        "themedays/2026/nursing-1-2026-10.yaml": DAY.format(date="2026-10-15", reason="'电话 135 1234 5678'"),
        # YAML reads the number as an integer: SCH001 echoes it
        "themedays/2026/nursing-1-2026-11.yaml": DAY.format(date="2026-11-15", reason=MOBILE),
        "themedays/2026/nursing-1-13512345678.yaml": DAY.format(date="2026-09-15", reason="病假"),
    }
    return write_tree(tmp_path / "records", files, config="institution: 测试学院委员会\nas_of: 2026-11-22\n")


def shows_none(text: str, shows_masked: bool = True) -> None:
    for number in (MOBILE, RESIDENT_ID, "135 1234 5678"):
        assert number not in text
    if shows_masked:
        assert "135****5678" in text or "110105********002X" in text


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_check_output(root, output_format):
    run = run_djrh("check", "--root", str(root), "--format", output_format)
    assert run.code == 1
    shows_none(run.out + run.err)
    if output_format == "text":  # the source line under a finding, masked in place
        assert "│     - {name: 赵敏, reason: 135****5678}" in run.out
    if output_format == "json":
        messages = [f["message"] for f in run.json["findings"] if f["code"] == "SCH001"]
        assert any("这里的 135****5678 被读成了数字" in m for m in messages)
        assert "nursing-1-135****5678" in {f["record"] for f in run.json["findings"]}


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "html"])
def test_report_output(root, output_format):
    run = run_djrh("report", "--root", str(root), "--format", output_format)
    assert run.code == 0, run.err
    shows_none(run.out, shows_masked=output_format != "table")  # the table cuts long names short


def test_report_files(root, tmp_path):
    for output_format in ("xlsx", "docx"):
        target = tmp_path / f"report.{output_format}"
        assert run_djrh("report", "--root", str(root), "--format", output_format, "-o", str(target)).code == 0
        with zipfile.ZipFile(target) as archive:
            shows_none("".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()))


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_due_output(root, output_format):
    run = run_djrh("due", "--root", str(root), "--format", output_format, "--days", "60")
    shows_none(run.out)


def test_rendered_form(root, tmp_path):
    target = tmp_path / "form.docx"
    run = run_djrh("render", "nursing-1-2026-10", "--root", str(root), "-o", str(target))
    assert run.code == 0, run.err
    with zipfile.ZipFile(target) as archive:
        shows_none(archive.read("word/document.xml").decode("utf-8"))


@pytest.mark.parametrize(("text", "found"), [
    ("+8613812345678", ["138****5678"]),
    ("0086 13812345678", ["138****5678"]),
    ("138 1234 5678", ["138****5678"]),
    ("138-1234-5678", ["138****5678"]),
    ("１３８１２３４５６７８", ["138****5678"]),
    ("138\u200b12345678", ["138****5678"]),
    ("138\x1b12345678", ["138****5678"]),  # a control character (a Markdown body may hold one)
    ("138\x8512345678", ["138****5678"]),
    ("身份证110105\x0119491231002X", ["110105********002X"]),  # not "194****1002" (a false mobile)
    ("身份证110105194912310025", []),  # a wrong check digit: not an ID number
    ("身份证11010519491231002X", ["110105********002X"]),
    ("110105 19491231 002X", ["110105********002X"]),
    ("13800000000.00元", []),  # an amount
    ("￥13800000000", []),
    ("订单号13012345678", []),
    ("流水号：13012345678", []),
    ("手机号13012345678", ["130****5678"]),  # 号, but a phone's
    ("SN13812345678", []),  # part of a code
    ("138123456789", []),  # 12 digits
    ("2026-03-18 14:30-17:00", []),
])
def test_what_counts_as_a_number(text, found):
    assert [n.masked for n in find_numbers(text)] == found


def test_mask_keeps_the_length_and_the_rest():
    text = "电话：138 1234 5678；身份证 11010519491231002X。"
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked == "电话：138 **** 5678；身份证 110105********002X。"


def test_the_quick_byte_test_misses_nothing_the_full_one_finds():
    """load.py decides with may_hold_numbers which files PRV001 reads again: its quick test must let
    through every file the full pattern matches."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from djrh.personal import _MAYBE_NUMBERS, may_hold_numbers

    pieces = st.sampled_from(["1", "3", "8", "0", "9", " ", "-", "\u200b", "\u3000", "１", "３", "－", "号", "，", "a", "\n",
                              "\x01", "\x1b", "\x7f", "\x85", "\x90", "\ufffe"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, min_size=0, max_size=40).map("".join))
    def check(text):
        raw = text.encode("utf-8")
        assert may_hold_numbers(raw) == (_MAYBE_NUMBERS.search(raw) is not None)

    check()


def test_a_control_character_inside_a_number_in_the_minutes(root, tmp_path):
    """A Markdown body may hold control characters (no YAML value can): one inside a number once hid
    it from PRV001 and from the masking of the source line under a finding, and an ID number so split
    was reported as the mobile number 194****1002."""
    minutes = "---\n" + DAY.format(date="2026-10-20", reason="病假").replace("13512345678", "家长").replace(
        "11010519491231002X", "家长") + "---\n\n# 会议记录\n\n电话135\x1b12345678，身份证110105\x0119491231002X。\n"
    (root / "themedays" / "2026" / "nursing-1-2026-10-20.md").write_text(minutes, "utf-8")
    for output_format in ("text", "json", "sarif", "github"):
        run = run_djrh("check", "--root", str(root), "--format", output_format, "--select", "PRV001")
        shown = run.out + run.err
        assert re.search(r"135.{1,8}12345678", shown) is None and "19491231" not in shown, output_format
    findings = run_djrh("check", "--root", str(root), "--format", "json", "--select", "PRV001").json["findings"]
    mine = [f["message"] for f in findings if f["record"] == "nursing-1-2026-10-20"]
    assert mine == ["会议记录正文中有手机号（135****5678）。请删除。", "会议记录正文中有居民身份证号（110105********002X）。请删除。"]
    text = run_djrh("check", "--root", str(root), "--select", "PRV001").out
    assert "电话135\\x1b****5678" in text  # the line under the finding: masked, the character shown


@pytest.mark.parametrize(("name", "read_again"), [
    ("meetings/2026/branch-0000-2026-01-09-branch-committee.yaml", False),  # 12 digits, no number
    ("themedays/2026/branch-001-2026-03.yaml", False),
    ("themedays/2026/a-13800138000.yaml", True),  # a mobile number in the name
    ("themedays/2026/a-138-0013-8000.yaml", True),
])
def test_prv001_reads_again_only_a_file_whose_name_holds_a_number(name, read_again):
    """PRV001 reads a file again when its text may hold a number (a quick test of the bytes) or its
    name holds one (looked for exactly): a meeting of a branch whose id ends in digits is not read
    again for the digits of its date."""
    from djrh.read.load import read_text
    from djrh.records import Record

    record, _ = read_text(Record(id=Path(name).stem, path=name), b"kind: meeting\nbranch: a\n")
    assert record.long_numbers is read_again
    assert (next(find_numbers(name), None) is not None) is read_again
