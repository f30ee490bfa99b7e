"""ID001, ID002, REF001, REF002 on small trees, with the exact findings expected."""

from __future__ import annotations

import os

import pytest

from conftest import THEMEDAY, check_json, write_tree


def findings(root):
    run = check_json(root)
    assert run.code in (0, 1)
    return run, [(code, path, line, column, record) for code, path, line, column, record in run.findings()]


def test_valid_tree_is_clean(tmp_path, base_files):
    run, found = findings(write_tree(tmp_path, base_files))
    assert found == [] and run.code == 0
    assert run.json["summary"] == {"records": 3, "errors": 0, "warnings": 0, "infos": 0}


def test_id001_invalid_file_names(tmp_path, base_files):
    files = {**base_files, "org/护理学院党总支.yaml": "kind: general_branch\nname: 护理学院党总支\n",
             "org/Nursing_GB2.yaml": "kind: general_branch\nname: x\n"}
    run, found = findings(write_tree(tmp_path, files))
    assert found == [
        ("ID001", "org/Nursing_GB2.yaml", 1, 1, "Nursing_GB2"),
        ("ID001", "org/护理学院党总支.yaml", 1, 1, "护理学院党总支"),
    ]
    assert "nursing-gb2" in run.json["findings"][0]["message"]


def test_id002_same_id_in_two_folders(tmp_path, base_files):
    files = {**base_files, "themedays/2025/nursing-1.md": "---\n" + THEMEDAY.replace("2026-03-18", "2025-03-18") + "---\n纪要\n"}
    run, found = findings(write_tree(tmp_path, files))
    assert found == [
        ("ID002", "org/nursing-1.yaml", 1, 1, "nursing-1"),
        ("ID002", "themedays/2025/nursing-1.md", 2, 1, "nursing-1"),  # its first key, after ---
    ]
    assert "themedays/2025/nursing-1.md" in run.json["findings"][0]["message"]


def test_ref001_missing_and_wrong_kind(tmp_path, base_files):
    files = {
        **base_files,
        "themedays/2026/a.yaml": THEMEDAY.replace("branch: nursing-1", "branch: nursing1"),
        "themedays/2026/b.yaml": THEMEDAY.replace("branch: nursing-1", "branch: nursing-gb"),
        "brands/c.yaml": "kind: brand\nname: 白衣党旗红\nowner: nursing-gb\nmode: 品牌式\nbusiness_focus: 护理技能\n"
                         "started_on: 2025-01-01\nactivities: [nursing-1-2026-03, no-such-day]\n",
    }
    run, found = findings(write_tree(tmp_path, files))
    assert found == [
        ("REF001", "brands/c.yaml", 7, 33, "c"),
        ("REF001", "themedays/2026/a.yaml", 2, 9, "a"),
        ("REF001", "themedays/2026/b.yaml", 2, 9, "b"),
    ]
    messages = [f["message"] for f in run.json["findings"]]
    assert "nursing-1" in messages[1]  # did you mean
    assert "党总支" in messages[2] and "党支部" in messages[2]


def test_ref001_reference_to_a_broken_record_is_not_reported_twice(tmp_path, base_files):
    files = {**base_files, "org/nursing-1.yaml": "kind: branch\nname: [unclosed\n"}
    run, found = findings(write_tree(tmp_path, files))
    assert [f[0] for f in found] == ["SYN001"]


OUTCOME = """\
outcome:
  evaluated_on: 2026-06-20
  summary: 获省赛一等奖。
  evidence:
    - {path}
"""


@pytest.mark.parametrize(
    "path, status",
    [
        ("evidence/2026/获奖通报.md", None),
        ("2026/获奖通报.md", None),  # also read under evidence/
        ("evidence/2026/没有这个文件.pdf", "找不到文件"),
        ("/etc/passwd", "绝对路径"),
        ("C:\\Users\\张老师\\签到表.jpg", "绝对路径"),
        ("../outside.txt", "记录树之外"),
        ("evidence/../../outside.txt", "记录树之外"),
    ],
)
def test_ref002_evidence_paths(tmp_path, base_files, path, status):
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    files = {
        **base_files,
        "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY + OUTCOME.format(path=path),
        "evidence/2026/获奖通报.md": "通报",
    }
    run, found = findings(write_tree(tmp_path / "tree", files))
    if status is None:
        assert found == []
    else:
        assert found == [("REF002", "themedays/2026/nursing-1-2026-03.yaml", 15, 7, "nursing-1-2026-03")]
        assert status in run.json["findings"][0]["message"]


def test_ref002_symlink_leaving_the_tree(tmp_path, base_files):
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    root = write_tree(tmp_path / "tree", {
        **base_files,
        "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY + OUTCOME.format(path="evidence/link.txt"),
    })
    (root / "evidence").mkdir()
    os.symlink(tmp_path / "outside.txt", root / "evidence" / "link.txt")
    run, found = findings(root)
    assert [f[0] for f in found] == ["REF002"]
    assert "记录树之外" in run.json["findings"][0]["message"]


def test_filing_file_is_checked(tmp_path, base_files):
    files = {**base_files, "filings/f.yaml": "kind: filing\nname: 问题整改清单\nunit: nursing-1\nsubmitted_on: 2026-04-10\nfile: evidence/清单.pdf\n"}
    run, found = findings(write_tree(tmp_path, files))
    assert found == [("REF002", "filings/f.yaml", 5, 7, "f")]


def test_symlinked_record_outside_the_tree_is_refused(tmp_path, base_files):
    (tmp_path / "elsewhere.yaml").write_text("kind: general_branch\nname: x\n", encoding="utf-8")
    root = write_tree(tmp_path / "tree", base_files)
    os.symlink(tmp_path / "elsewhere.yaml", root / "org" / "elsewhere.yaml")
    run, found = findings(root)
    assert found == [("SYN001", "org/elsewhere.yaml", 1, 1, "elsewhere")]


def test_evidence_and_templates_are_not_records(tmp_path, base_files):
    files = {**base_files, "evidence/notes.md": "not a record", "templates/x.yaml": "[", ".hidden/x.yaml": "[",
             "org/.draft.yaml": "["}
    run, found = findings(write_tree(tmp_path, files))
    assert found == [] and run.json["summary"]["records"] == 3
