"""Writing records (issue 11): full-width spaces as indentation, brackets and quotes left open,
`djrh init` where it should not make a tree, file names a copy or Notepad gives, GBK files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BRANCH, GENERAL_BRANCH, THEMEDAY, run_djrh, write_tree

HEAD = "kind: branch\nname: 测试支部\ncategory: faculty\nelected_on: 2025-01-01\n"


@pytest.mark.parametrize("body, line, column", [
    ("members:\n  formal: 3\n\u3000\u3000probationary: 2\n", 7, 1),
    ("members:\n\u3000\u3000formal: 3\n\u3000\u3000probationary: 2\n", 6, 1),
    ("committee:\n\u3000\u3000- name: 王丽\n    role: secretary\n", 6, 1),  # libyaml stops on line 7
    ("committee:\n  - name: 王丽\n  \u3000role: secretary\n", 7, 3),
    ("members: {formal: 3,\n\u3000\u3000probationary: 2}\n", 6, 1),
])
def test_full_width_spaces_as_indentation_are_named_on_their_own_line(tmp_path, body, line, column):
    root = write_tree(tmp_path / "t", {"org/x.yaml": HEAD + body})
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH")
    first = run.json["findings"][0]
    assert (first["code"], first["line"], first["column"]) == ("SYN001", line, column), run.json["findings"]
    assert "全角空格" in first["message"]
    assert all("冒号" not in f["message"] and "看不见的字符" not in f["message"] for f in run.json["findings"])


def test_full_width_spaces_inside_a_text_block_are_text(tmp_path):
    """A paragraph of minutes indented the Chinese way (two full-width spaces) inside `|` is fine."""
    root = write_tree(tmp_path / "t", {"org/x.yaml": GENERAL_BRANCH + "secretary: |\n  \u3000\u3000刘建华\n"})
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH")
    assert run.json["findings"] == []


@pytest.mark.parametrize("value, column", [("[党课, 支委会", 17), ("{formal: 3, probationary: 2", 17), ('"党课', 17), ("'党课", 17)])
def test_an_unclosed_bracket_or_quote_is_reported_where_it_opened(tmp_path, value, column):
    record = THEMEDAY + f"also_counts_as: {value}\nprescribed: 学习。\ntheory_practice: 收获。\ndiscussion: 方案。\n"
    root = write_tree(tmp_path / "t", {"themedays/2026/nursing-1-2026-03.yaml": record})
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN")
    assert [(f["line"], f["column"]) for f in run.json["findings"]] == [(11, column)]


# -- djrh init


def test_init_refuses_a_folder_with_files_from_a_script(tmp_path):
    (tmp_path / "报告.docx").write_bytes(b"x")
    (tmp_path / ".git").mkdir()  # hidden entries do not count
    run = run_djrh("init", cwd=tmp_path)
    assert run.code == 2 and "已有 1 个文件或文件夹（报告.docx）" in run.err and "djrh init 文件夹名" in run.err
    assert not (tmp_path / "djrh.yaml").exists()


def test_init_asks_in_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr("djrh.cli.new.interactive", lambda: True)
    (tmp_path / "旧材料").mkdir()
    run = run_djrh("init", "--institution", "某校", "--no-git", cwd=tmp_path, stdin="n\n")
    assert run.code == 1 and "仍要在这里新建记录树吗" in run.out + run.err and not (tmp_path / "djrh.yaml").exists()
    run = run_djrh("init", "--institution", "某校", "--no-git", cwd=tmp_path, stdin="也许\n是\n")
    assert run.code == 0 and (tmp_path / "djrh.yaml").exists()
    assert "请回答 y（是）或 n（否）。" in run.out and "invalid" not in run.out + run.err
    assert "已在当前文件夹新建记录树" in run.err and "不在 git 仓库中" in run.err


def test_init_refuses_inside_a_tree_and_around_one(tmp_path):
    root = write_tree(tmp_path / "records", {"org/nursing-gb.yaml": GENERAL_BRANCH})
    inside = run_djrh("init", "sub", cwd=root / "org")
    assert inside.code == 2 and "在记录树" in inside.err and not (root / "org" / "sub").exists()
    around = run_djrh("init", "--no-git", cwd=tmp_path)
    assert around.code == 2 and "里已经有记录树 records" in around.err and not (tmp_path / "djrh.yaml").exists()


def test_init_says_when_the_tree_has_no_git_trail(tmp_path):
    run = run_djrh("init", "new", "--institution", "某校", cwd=tmp_path)
    assert run.code == 0 and "不在 git 仓库中" in run.err and "git init" in run.err
    assert "&&" not in run.err  # Windows PowerShell 5 has no &&


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_runs_git_init_when_asked(tmp_path, monkeypatch):
    run = run_djrh("init", "new", "--git", "--institution", "某校", cwd=tmp_path)
    assert run.code == 0 and (tmp_path / "new" / ".git").is_dir() and "已在 new 运行 git init" in run.err
    monkeypatch.setattr("djrh.cli.new.interactive", lambda: True)
    asked = run_djrh("init", "other", "--institution", "某校", cwd=tmp_path, stdin="\n")  # Enter: yes
    assert asked.code == 0 and (tmp_path / "other" / ".git").is_dir()
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    quiet = run_djrh("init", "repo/records", "--institution", "某校", cwd=tmp_path)
    assert quiet.code == 0 and "git" not in quiet.err and not (tmp_path / "repo" / "records" / ".git").exists()


# -- file names


def test_a_copy_and_a_chinese_name_are_told_a_free_id_from_their_fields(tmp_path):
    day = THEMEDAY + "prescribed: 学习。\ntheory_practice: 收获。\ndiscussion: 方案。\n"
    root = write_tree(tmp_path / "t", {
        "org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": BRANCH, "org/nursing-1 - 副本.yaml": BRANCH,
        "themedays/2026/nursing-1-2026-03.yaml": day,
        "themedays/2026/三月主题党日.yml": day.replace("2026-03-18", "2026-04-08"),
    })
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "ID001")
    messages = {f["path"]: f["message"] for f in run.json["findings"]}
    assert messages["org/nursing-1 - 副本.yaml"].endswith("建议改名为 nursing-1-2.yaml。")
    assert messages["themedays/2026/三月主题党日.yml"].endswith("建议改名为 nursing-1-2026-04.yml。")
    assert all("name 字段" not in m and "nursing-faculty-1-2026-03" not in m for m in messages.values())


@pytest.mark.parametrize("name, meant", [("x.yaml.txt", "x.yaml"), ("x.yml.txt", "x.yml"), ("会议.md.txt", "会议.md"), ("X.YAML", "X.yaml")])
def test_a_record_with_the_wrong_extension_is_reported(tmp_path, name, meant):
    root = write_tree(tmp_path / "t", {f"themedays/2026/{name}": THEMEDAY, "themedays/2026/notes.txt": "备忘"})
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN")
    assert [(f["path"], f["code"]) for f in run.json["findings"]] == [(f"themedays/2026/{name}", "SYN001")]
    assert f"请改名为 {meant}" in run.json["findings"][0]["message"]


# -- a file that is not UTF-8


def gbk_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "records", {
        "org/nursing-gb.yaml": GENERAL_BRANCH, "org/党总支 gbk.yaml": GENERAL_BRANCH.encode("gbk"),
    })


def test_a_gbk_line_is_shown_in_chinese_with_a_conversion_that_works_from_here(tmp_path):
    root = gbk_tree(tmp_path)
    run = run_djrh("check", "--select", "SYN", cwd=root / "org")
    assert "│ name: 护理学院党总支" in run.out  # decoded, not mojibake
    assert "djrh fix '党总支 gbk.yaml'" in run.out
    command = run.out.split("或运行：", 1)[1].splitlines()[0]
    assert command.startswith("iconv -f GB18030 -t UTF-8 '党总支 gbk.yaml'")
    if shutil.which("iconv"):  # the command, run where she stands, mends the file
        subprocess.run(command, shell=True, cwd=root / "org", check=True)
        assert run_djrh("check", "--select", "SYN", cwd=root / "org").code == 0


def test_the_conversion_on_windows_is_a_powershell_command(tmp_path, monkeypatch):
    root = gbk_tree(tmp_path)
    monkeypatch.setattr("djrh.findings.os_is_windows", lambda: True)
    monkeypatch.setattr("djrh.read.load.os_is_windows", lambda: True)
    run = run_djrh("check", "--root", str(root), "--select", "SYN", "--no-cache", cwd=root)
    assert ("powershell -NoProfile -Command \"[IO.File]::WriteAllText((Resolve-Path -LiteralPath 'org/党总支 gbk.yaml').ProviderPath, "
            "[IO.File]::ReadAllText((Resolve-Path -LiteralPath 'org/党总支 gbk.yaml').ProviderPath, [Text.Encoding]::GetEncoding(54936)))\"") in run.out
    assert "iconv" not in run.out


def test_a_big5_file_is_not_sent_to_djrh_fix(tmp_path):
    """djrh fix converts GBK and UTF-16 only: a Big5 file's message offers the editor and iconv."""
    root = write_tree(tmp_path / "records", {"org/big5.yaml": "kind: general_branch\nname: 護理學院黨總支部委員會\n".encode("big5")})
    run = run_djrh("check", "--select", "SYN", "--format", "json", cwd=root)
    message = run.json["findings"][0]["message"]
    assert "Big5" in message and "djrh fix" not in message and "iconv -f BIG5 -t UTF-8 org/big5.yaml" in message
    assert run.json["findings"][0].get("fixable") in (None, False)
