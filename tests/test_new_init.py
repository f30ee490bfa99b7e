"""`djrh init` and `djrh new`: commented records at their conventional paths, never overwriting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_djrh, write_tree
from djrh.cli import new as new_module
from djrh.tree.fsutil import write_new
from djrh.read.load import read_text
from djrh.records import Record


def new_tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    run = run_djrh("init", str(root), "--institution", "测试学院委员会")
    assert run.code == 0, run.err
    return root


def test_init_makes_a_commented_tree(tmp_path):
    root = new_tree(tmp_path)
    config = (root / "djrh.yaml").read_text("utf-8")
    assert "institution: 测试学院委员会" in config and "# 单位名称" in config
    for folder in ("org", "pilots", "brands", "filings", "evidence", "schema"):
        assert (root / folder).is_dir()
    assert not (root / ".gitignore").exists()  # djrh keeps nothing of its own in the tree (the cache is outside)
    assert oct((root / "djrh.yaml").stat().st_mode & 0o777) != oct(0o600)  # not private like a temp file
    run = run_djrh("check", "--root", str(root))
    assert run.code == 0 and "没有发现问题" in run.out


def test_init_refuses_an_existing_tree(tmp_path):
    root = new_tree(tmp_path)
    before = (root / "djrh.yaml").read_bytes()
    run = run_djrh("init", str(root))
    assert run.code == 2 and "已经是记录树" in run.err
    assert (root / "djrh.yaml").read_bytes() == before


def test_init_keeps_an_existing_gitignore(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    (root / ".gitignore").write_text("*.bak", encoding="utf-8")
    assert run_djrh("init", str(root)).code == 0
    assert (root / ".gitignore").read_text("utf-8") == "*.bak"


def scaffold_tree(tmp_path: Path) -> Path:
    root = new_tree(tmp_path)
    assert run_djrh("new", "general_branch", "--id", "nursing-gb", "--name", "护理学院党总支", "--root", str(root)).code == 0
    run = run_djrh("new", "branch", "--id", "nursing-1", "--name", "护理学院教工第一党支部", "--parent", "nursing-gb",
                   "--category", "教工", "--root", str(root))
    assert run.code == 0, run.err
    return root


def test_new_themeday_has_every_field_with_form_labels(tmp_path):
    root = scaffold_tree(tmp_path)
    run = run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-03-18", "--time", "14:30-17:00",
                   "--place", "护理学院308会议室", "--theme", "学习全国教育大会精神: 推进技能大赛备赛", "--root", str(root))
    assert run.code == 0, run.err
    path = root / "themedays/2026/nursing-1-2026-03.yaml"
    assert run.out.strip().endswith("themedays/2026/nursing-1-2026-03.yaml")
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/themeday.json\n")
    for label in ("活动时间", "活动地点", "活动主题", "业务工作描述", "会前找准业务工作切入点及要集体研究解决的问题",
                  "主题党日规定动作", "含理论学习、党务工作布置等", "理论指导实践", "学习见思想，结合推动本次工作谈思想收获",
                  "集体研讨", "形成解决方案和任务安排", "工作成效", "待工作完成后，填写效果评价，并附相关佐证材料"):
        assert label in text, label
    from djrh.kinds import ThemeDay

    for name in ThemeDay.model_fields:
        assert f"\n{name}:" in text, name
    record, problems = read_text(Record(id="x", path="x.yaml"), text.encode("utf-8"))
    assert problems == []
    assert record.data["theme"] == "学习全国教育大会精神: 推进技能大赛备赛"  # quoted, read back exactly
    assert record.data["date"] == "2026-03-18" and record.data["time"] == "14:30-17:00"
    assert (root / "schema/themeday.json").exists()


def test_filled_scaffold_only_misses_what_the_user_must_write(tmp_path):
    root = scaffold_tree(tmp_path)
    run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-03-18", "--place", "308", "--theme", "备赛",
             "--root", str(root))
    run = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-03-01", "--select", "SCH")
    themeday = [f for f in run.json["findings"] if f["path"].startswith("themedays/")]
    assert [f["code"] for f in themeday] == ["SCH001", "SCH001"]
    assert "entry_point（切入点）" in themeday[0]["message"]
    assert "business_work（业务工作描述）" in themeday[1]["message"]


def test_new_picks_the_next_free_name(tmp_path):
    root = scaffold_tree(tmp_path)
    args = ("new", "themeday", "--branch", "nursing-1", "--date", "2026-03-18", "--root", str(root))
    first, second = run_djrh(*args), run_djrh(*args)
    assert first.code == second.code == 0
    assert first.out.strip().endswith("nursing-1-2026-03.yaml")
    assert second.out.strip().endswith("nursing-1-2026-03-2.yaml")


def test_new_refuses_a_taken_id_and_writes_nothing(tmp_path):
    root = scaffold_tree(tmp_path)
    before = sorted(p for p in root.rglob("*") if p.is_file())
    run = run_djrh("new", "themeday", "--id", "nursing-1", "--branch", "nursing-1", "--date", "2026-03-18", "--root", str(root))
    assert run.code == 2 and "已被" in run.err
    assert sorted(p for p in root.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize(
    "args, words",
    [
        (("themeday", "--branch", "nursing-2", "--date", "2026-03-18"), "找不到"),
        (("themeday", "--branch", "nursing-gb", "--date", "2026-03-18"), "找不到"),
        (("themeday", "--branch", "nursing-1", "--date", "2026/3/18"), "2026-03-18"),
        (("themeday", "--branch", "nursing-1"), "--id"),
        (("branch", "--id", "Nursing 2"), "不能作为记录 id"),
        (("branch", "--id", "nursing-2", "--category", "teacher"), "faculty"),
        (("talk",), "不认识的记录类别"),
    ],
)
def test_new_refuses_bad_options(tmp_path, args, words):
    root = scaffold_tree(tmp_path)
    run = run_djrh("new", *args, "--root", str(root))
    assert run.code == 2 and words in run.err, run.err


def test_new_every_kind_reads_back(tmp_path):
    root = scaffold_tree(tmp_path)
    commands = [
        ("pilot", "--name", "护理学院样板支部建设", "--type", "样板支部", "--level", "school", "--unit", "nursing-1", "--date", "2025-05-01"),
        ("brand", "--name", "白衣党旗红", "--owner", "nursing-gb", "--mode", "品牌式", "--date", "2025-01-01"),
        ("filing", "--name", "问题整改清单", "--unit", "nursing-1", "--date", "2026-04-10"),
        ("themeday", "--branch", "nursing-1", "--date", "2026-04-15", "--md"),
    ]
    expected = ["pilots/nursing-1-model-branch-2025.yaml", "brands/nursing-gb-brand.yaml",
                "filings/nursing-1-2026-04-10.yaml", "themedays/2026/nursing-1-2026-04.md"]
    for command, rel in zip(commands, expected):
        run = run_djrh("new", *command, "--root", str(root))
        assert run.code == 0, run.err
        assert run.out.strip().endswith(rel)
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH,ID,REF")
    assert all(f["code"] == "SCH001" for f in run.json["findings"]), run.json["findings"]
    md = (root / "themedays/2026/nursing-1-2026-04.md").read_text("utf-8")
    assert md.startswith("---\n") and "## 会议记录" in md and "yaml-language-server" not in md


def test_new_does_not_prompt_without_a_terminal(tmp_path):
    root = scaffold_tree(tmp_path)
    run = run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-05-20", "--root", str(root), stdin="x\ny\n")
    assert run.code == 0
    assert "place:\n" in (root / "themedays/2026/nursing-1-2026-05.yaml").read_text("utf-8")


def test_new_prompts_in_a_terminal(tmp_path, monkeypatch):
    root = scaffold_tree(tmp_path)
    monkeypatch.setattr(new_module, "interactive", lambda: True)
    # then what an integration day needs before the meeting (issue 11): the entry point (by its
    # number in the list shown), the 十大育人 path it calls for (by name), the business work
    answers = "nursing-9\nnursing-1\n2026/5/20\n2026-05-20\n\n党员活动室\n推进实训室建设\n9\n2\n实践育人\n实训室开放时间不够，学生练习不足。\n"
    run = run_djrh("new", "themeday", "--root", str(root), stdin=answers)
    assert run.code == 0, run.err
    text = (root / "themedays/2026/nursing-1-2026-05.yaml").read_text("utf-8")
    assert "place: 党员活动室" in text and "theme: 推进实训室建设" in text and "date: 2026-05-20" in text
    assert "entry_point: education" in text and "education_path: practice" in text
    assert "business_work: 实训室开放时间不够，学生练习不足。" in text
    assert "找不到" in run.err and "2026-05-20" in run.err  # the wrong answers were explained
    assert "1  central_work  中心工作" in run.err and "不能是“9”" in run.err  # the choices numbered; 9 is none
    # completed at the prompts, the record checks clean before its date
    check = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-05-01")
    assert [f for f in check.json["findings"] if f["path"].startswith("themedays/")] == []


def test_new_prompts_for_what_a_kind_requires_and_suggests_an_id(tmp_path, monkeypatch):
    """A branch: its members and committee (rows asked field by field), then a blank id prompt
    suggests an id built from its general branch and category."""
    root = scaffold_tree(tmp_path)
    monkeypatch.setattr(new_module, "interactive", lambda: True)
    answers = "\n".join([
        "护理学院学生第一党支部", "nursing-gb", "2", "2025-09-01",  # name, parent, category (numbered), elected_on
        "18",  # members.formal
        "张三", "书记", "李四", "组织委员", "",  # committee rows, Enter ends
        "",  # the id: Enter takes the suggestion
    ]) + "\n"
    run = run_djrh("new", "branch", "--root", str(root), stdin=answers)
    assert run.code == 0, run.err
    assert run.out.strip().endswith("org/nursing-gb-student-1.yaml"), run.out
    text = (root / "org/nursing-gb-student-1.yaml").read_text("utf-8")
    assert "category: student" in text and "  formal: 18" in text
    assert "  - {name: 张三, role: secretary}" in text and "  - {name: 李四, role: organization}" in text
    check = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH,ID,REF", "--as-of", "2026-05-01")
    assert [f for f in check.json["findings"] if f["path"] == "org/nursing-gb-student-1.yaml"] == []


def test_write_new_is_atomic_and_never_replaces(tmp_path, monkeypatch):
    target = tmp_path / "a.yaml"
    target.write_text("original", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new(target, b"new")
    assert target.read_text("utf-8") == "original"

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "link", crash)
    monkeypatch.setattr(os, "rename", crash)
    with pytest.raises(OSError):
        write_new(tmp_path / "b.yaml", b"half")
    assert not (tmp_path / "b.yaml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left behind


def test_python_dash_m_djrh(tmp_path):
    import subprocess
    import sys

    root = write_tree(tmp_path, {"org/x.yaml": "kind: general_branch\nname: 护理学院党总支\n"})
    done = subprocess.run([sys.executable, "-m", "djrh", "check", "--root", str(root), "--format", "json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert '"records": 1' in done.stdout


# ---- concurrent runs and values a terminal gets wrong (issue 12)


def test_concurrent_new_never_makes_two_records_of_one_id(tmp_path):
    """Real processes at once: plain and --md theme days of one branch and month (4 of 10 rounds made
    X.yaml and X.md), and the same --id for two kinds (both succeeded)."""
    import subprocess
    import sys

    root = scaffold_tree(tmp_path)
    base = [sys.executable, "-m", "djrh", "new", "themeday", "--branch", "nursing-1", "--date", "2026-12-03",
            "--place", "会议室", "--theme", "学习", "--root", str(root)]
    processes = [subprocess.Popen(base + (["--md"] if i % 2 else []), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for i in range(8)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read().decode()
    names = sorted(p.name for p in (root / "themedays" / "2026").iterdir() if not p.name.startswith("."))
    ids = [name.rsplit(".", 1)[0] for name in names]
    assert len(ids) == len(set(ids)) == 8, names
    assert set(ids) == {"nursing-1-2026-12"} | {f"nursing-1-2026-12-{n}" for n in range(2, 9)}  # numbered from the base
    assert {name.rsplit(".", 1)[1] for name in names} == {"yaml", "md"}

    same_id = [
        [sys.executable, "-m", "djrh", "new", "general_branch", "--id", "same", "--name", "甲", "--root", str(root)],
        [sys.executable, "-m", "djrh", "new", "filing", "--id", "same", "--name", "乙", "--unit", "nursing-1",
         "--date", "2026-01-05", "--root", str(root)],
    ]
    for _ in range(3):
        processes = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for args in same_id]
        codes = sorted(process.wait(timeout=120) for process in processes)
        assert codes == [0, 2], codes
        made = [p for p in root.rglob("same.*")]
        assert len(made) == 1, made
        made[0].unlink()


def test_numbering_starts_from_the_base_id(tmp_path):
    root = scaffold_tree(tmp_path)
    (root / "themedays" / "2026").mkdir(parents=True, exist_ok=True)
    for name in ("nursing-1-2026-12.md", "nursing-1-2026-12-2.yaml", "nursing-1-2026-12-3.yml"):
        (root / "themedays" / "2026" / name).write_text("kind: themeday\n", encoding="utf-8")
    run = run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-12-03", "--root", str(root))
    assert run.code == 0 and run.out.strip().endswith("nursing-1-2026-12-4.yaml"), run.out


@pytest.mark.parametrize("value, words", [
    ("推进\ufffe备赛", "U+FFFE"),
    ("推进\x1b[2J备赛", "U+001B"),
    (os.fsdecode("推进".encode("gbk")), "不是 UTF-8"),  # what a GBK terminal passes
])
def test_new_refuses_values_a_record_cannot_hold(tmp_path, value, words):
    root = scaffold_tree(tmp_path)
    before = sorted(p for p in root.rglob("*") if p.is_file())
    run = run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-03-18", "--theme", value, "--root", str(root))
    assert run.code == 2 and "--theme" in run.err and words in run.err and "内部错误" not in run.err, run.err
    assert sorted(p for p in root.rglob("*") if p.is_file()) == before


def test_init_refuses_an_institution_a_record_cannot_hold(tmp_path):
    run = run_djrh("init", str(tmp_path / "tree"), "--institution", os.fsdecode("测试".encode("gbk")))
    assert run.code == 2 and "--institution" in run.err and "不是 UTF-8" in run.err
    assert not (tmp_path / "tree" / "djrh.yaml").exists()


def test_a_non_utf8_terminal_in_a_real_process(tmp_path):
    """The bytes of a GBK terminal, through the real argv of a process."""
    import subprocess
    import sys

    root = scaffold_tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "djrh", "new", "themeday", "--branch", "nursing-1", "--date", "2026-03-18",
         "--theme", os.fsdecode("推进".encode("gbk")), "--root", str(root)],
        capture_output=True,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2 and "Traceback" not in err and "不是 UTF-8" in err, err


# ---- djrh new meeting (issue 14)


def test_new_meeting_asks_for_the_party_group_only_of_a_party_group_meeting(tmp_path, monkeypatch):
    root = scaffold_tree(tmp_path)
    monkeypatch.setattr(new_module, "interactive", lambda: True)
    # branch, type, date, time, place, topic: no party group, no lecturer for a 支委会
    run = run_djrh("new", "meeting", "--root", str(root), stdin="nursing-1\n支委会\n2026-05-20\n\n党员活动室\n研究五月工作\n")
    assert run.code == 0, run.err
    text = (root / "meetings/2026/nursing-1-2026-05-20-branch-committee.yaml").read_text("utf-8")
    assert "type: branch_committee" in text and "topic: 研究五月工作" in text and "group:\n" in text
    assert "党小组（可回车跳过）" not in run.out and "授课人" not in run.out  # never asked
    # a 党小组会 is asked for its group, after its type
    run = run_djrh("new", "meeting", "--root", str(root), stdin="nursing-1\n党小组会\n第一党小组\n2026-05-21\n\n活动室\n学习党章\n")
    assert run.code == 0, run.err
    text = (root / "meetings/2026/nursing-1-2026-05-21-party-group.yaml").read_text("utf-8")
    assert "group: 第一党小组" in text and "党小组: " in run.out  # asked, and required: no "skip" note


def test_new_meeting_from_options_with_minutes(tmp_path):
    root = scaffold_tree(tmp_path)
    run = run_djrh(
        "new", "meeting", "--branch", "nursing-1", "--type", "party_lecture", "--date", "2026-05-21", "--place", "报告厅",
        "--topic", "读懂“十五五”规划纲要", "--lecturer", "王丽", "--md", "--root", str(root),
    )
    assert run.code == 0, run.err
    path = root / "meetings/2026/nursing-1-2026-05-21-party-lecture.md"
    text = path.read_text("utf-8")
    assert "lecturer: 王丽" in text and "- 议题：读懂“十五五”规划纲要" in text and "### 三、会议决议" in text
    assert "# 授课人：党课必填（会后）" in text  # the field's label and hint from the form
    # a second 党课 that day is numbered; the written records read back clean before the meeting
    run = run_djrh("new", "meeting", "--branch", "nursing-1", "--type", "党课", "--date", "2026-05-21", "--place", "报告厅",
                   "--topic", "第二讲", "--root", str(root))
    assert run.out.strip().endswith("meetings/2026/nursing-1-2026-05-21-party-lecture-2.yaml")
    check = run_djrh("check", "--root", str(root), "--as-of", "2026-05-01", "--format", "json", "--select", "SYN,SCH,MT")
    assert [f for f in check.json["findings"] if f["path"].startswith("meetings/")] == []
    # once the day has passed, MT008 asks for what is written after the meeting
    check = run_djrh("check", "--root", str(root), "--as-of", "2026-05-22", "--format", "json", "--select", "MT008")
    assert {f["record"] for f in check.json["findings"]} == {"nursing-1-2026-05-21-party-lecture", "nursing-1-2026-05-21-party-lecture-2"}


def test_the_options_a_meeting_is_made_from_say_so_in_help():
    """`djrh new meeting` takes --date, --time and --place (and proposes an id of its own): their
    help names meetings, not only theme days, in both languages."""
    import re

    for lang, word in (("zh", "会议"), ("en", "meeting")):
        page = run_djrh("--lang", lang, "new", "--help").out
        for option in ("--id", "--date", "--time", "--place"):
            line = re.search(rf"^\s*{option} .*(?:\n\s{{20,}}\S.*)*", page, re.MULTILINE).group()
            assert word in line, (lang, option, line)
