"""`djrh render`: every produced DOCX is read back with python-docx and checked as a reader would
check the printed form — labels, the record's text, merged cells, page, fonts, footer trace."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from conftest import BRANCH, DEMO, GENERAL_BRANCH, PROJECT, THEMEDAY, run_djrh, write_tree
from djrh.paper.trace import blob_id

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DEMO_DAY = "admin-academic-2026-06"  # a Markdown record with every field and minutes
DEMO_PILOT = "model-branch-2025-nursing-faculty-1"
HAS_GIT = shutil.which("git") is not None
HAS_OFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None

FULL_DAY = """\
---
kind: themeday
branch: nursing-1
date: 2026-03-18
time: 14:30-17:00
place: 护理学院308会议室
theme: 推进护理技能大赛备赛
integration: true
entry_point: education
education_path: practice
business_work: 急救模块失分较多，需要集体研究训练方案。
prescribed: 学习《中国共产党支部工作条例（试行）》第五章。
theory_practice: 大家认为，备赛要把标准转化为日常训练。
discussion: 决定分三组训练，每周模拟一次。
tasks:
  - {task: 制定急救模块训练方案, owner: 王丽, due: 2026-03-25, done_on: 2026-03-24}
  - {task: 组织第一次模拟考核, owner: 李强, due: 2026-04-10}
attendance:
  expected: 22
  present: 20
  absent:
    - {name: 陈静, reason: 出差}
    - {name: 赵敏}
also_counts_as: [branch_committee, party_lecture]
outcome:
  evaluated_on: 2026-06-30
  summary: 省赛急救模块得分提高12分，获团体二等奖。
  evidence: [evidence/2026/获奖通知.txt]
---

# 护理学院教工第一党支部主题党日活动记录

**活动主题**：推进护理技能大赛备赛

## 一、理论学习

王丽领学条例第五章。

1. 第一项决定
2. 第二项决定
"""

PILOT = """\
kind: pilot
name: 护理技能大赛书记项目
type: secretary_project
level: school
units: [nursing-1]
selected_on: 2026-01-10
period: {start: 2026-02-01, end: 2026-12-31}
budget: 20000
spent: 12500.5
leader: 王丽
team:
  - {name: 王丽, status: formal}
  - {name: 周洋, status: non_member}
tasks:
  - {task: 完成训练方案, owner: 王丽, due: 2026-03-01, done_on: 2026-02-27}
  - {task: 组织校内选拔赛, owner: 李强, due: 2026-04-30}
  - {task: 参加省赛, owner: 陈静, due: 2026-12-20}
reviews:
  - {date: 2026-07-01, result: passed, note: 中期检查通过}
"""


# ---- helpers


def tree(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    files = {
        "org/nursing-gb.yaml": GENERAL_BRANCH,
        "org/nursing-1.yaml": BRANCH,
        "themedays/2026/nursing-1-2026-03.md": FULL_DAY,
        "themedays/2026/nursing-1-2026-04.yaml": THEMEDAY.replace("2026-03-18", "2026-04-15"),
        "pilots/sp-2026-nursing-1.yaml": PILOT,
        "evidence/2026/获奖通知.txt": "通知",
    }
    return write_tree(tmp_path / "tree", {**files, **(extra or {})})


def render(tmp_path: Path, *args: str, root: Path | None = None):
    """Run `djrh render ARGS` in tmp_path/out; returns the run and the DOCX it printed."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    run = run_djrh("render", *args, "--root", str(root or DEMO), cwd=out)
    path = out / run.out.strip().splitlines()[0] if run.code == 0 else None
    return run, path


def rendered(tmp_path: Path, *args: str, root: Path | None = None):
    run, path = render(tmp_path, *args, root=root)
    assert run.code == 0, run.err
    return Document(str(path))


def texts(document) -> str:
    """All the text of the body: paragraphs and every table cell, in order."""
    body = document.element.body
    text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))
    return text.replace("\u2060", "").replace("\u00a0", " ")  # what keeps a date on one line is not text


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u2060", ""))


def footers(document) -> list[str]:
    found = []
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            found.append("\n".join(p.text for p in footer.paragraphs))
    return found


# ---- the theme-day form


def test_theme_day_form_has_the_labels_and_the_record(tmp_path):
    document = rendered(tmp_path, DEMO_DAY)
    text = flat(texts(document))
    for label in ("党建融合主题党日活动设计模板", "活动时间", "活动地点", "活动主题", "业务工作描述",
                  "（会前找准业务工作切入点及要集体研究解决的问题）", "主题党日规定动作", "（含理论学习、党务工作布置等）",
                  "主题党日自选动作", "理论指导实践", "（学习见思想，结合推动本次工作谈思想收获）", "集体研讨",
                  "（集体研讨，形成解决方案和任务安排）", "工作成效", "（会后，待工作完成后，填写效果评价，并附相关佐证材料）",
                  "注意：（1）本表格需保存在支部备查"):
        assert flat(label) in text, label
    for value in ("党支部：机关第二党支部（教务处、科研处）", "2026年6月25日", "14:30—17:00", "行政楼五楼教务处会议室",
                  "人才培养方案集中审核：对标对表把好质量关", "切入点：中心工作", "2026级人才培养方案修订涉及全校38个专业",
                  "听取预备党员戴晨思想汇报", "审核把关就是守住质量底线", "按学院分成3个审核小组",
                  "38个专业人才培养方案6月30日全部通过", "评价日期：2026年7月28日", "evidence/2026/admin-academic-2026-06-成效报告.md"):
        assert flat(value) in text, value
    # after the table: tasks, attendance, minutes
    for value in ("一、任务安排", "组织3个小组集中审核38个专业方案", "潘晓梅", "2026-06-27", "已完成",
                  "二、出席情况", "应到人数", "11", "夏雨（病假）",
                  "机关第二党支部（教务处、科研处）主题党日活动记录", "三、集体研讨", "散会时间：17:00。"):
        assert flat(value) in text, value
    assert "None" not in text and "#" not in text and "**" not in text


def test_the_form_comes_before_what_the_record_adds(tmp_path):
    text = flat(texts(rendered(tmp_path, DEMO_DAY)))
    assert text.index("工作成效") < text.index("注意：") < text.index("一、任务安排") < text.index("二、出席情况") < text.index("会议议程")


def test_merged_cells_as_on_the_paper_form(tmp_path):
    form = rendered(tmp_path, DEMO_DAY).tables[0]
    rows = form._tbl.tr_lst

    def spans(row):
        return [int(tc.tcPr.gridSpan.val) if tc.tcPr is not None and tc.tcPr.gridSpan is not None else 1 for tc in row.tc_lst]

    def vmerge(row, index):
        element = row.tc_lst[index].tcPr.find(qn("w:vMerge"))
        return None if element is None else (element.get(qn("w:val")) or "continue")

    assert len(form.columns) == 5 and len(rows) == 7
    assert spans(rows[0]) == [2, 1, 1, 1]  # 活动时间 | value | 活动地点 | value
    for index in (1, 2, 3, 6):  # label across two columns, value across three
        assert spans(rows[index]) == [2, 3], index
    # 主题党日自选动作: one cell down two rows, each row with its own label column
    assert spans(rows[4]) == [1, 1, 3] and spans(rows[5]) == [1, 1, 3]
    assert vmerge(rows[4], 0) == "restart" and vmerge(rows[5], 0) == "continue"
    assert form.cell(4, 0)._tc is form.cell(5, 0)._tc
    assert flat(form.cell(4, 0).text) == "主题党日自选动作"
    assert flat(form.cell(4, 1).text).startswith("理论指导实践") and flat(form.cell(5, 1).text).startswith("集体研讨")
    assert form.cell(0, 0)._tc is form.cell(0, 1)._tc and form.cell(1, 2)._tc is form.cell(1, 4)._tc
    # label cells are shaded
    assert form.cell(1, 0)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) != "FFFFFF"


def test_empty_fields_print_as_empty_cells(tmp_path):
    root = tree(tmp_path)
    document = rendered(tmp_path, "nursing-1-2026-04", root=root)  # planned, not yet held
    form = document.tables[0]
    for row, column in ((3, 2), (4, 2), (5, 2), (6, 2)):  # prescribed, theory, discussion, outcome
        assert form.cell(row, column).text.strip() == "", (row, column)
    assert "None" not in texts(document)
    # blank rows keep room to write by hand: an empty paragraph that tall under the value (its line,
    # one 小四 line and the cell's margins make the row; tests/test_templates.py measures each)
    lines = [p.paragraph_format.line_spacing for p in form.cell(3, 2).paragraphs]
    assert max(line.mm for line in lines if line is not None and not isinstance(line, float)) + 8 >= 25
    # the task table has blank lines to fill in
    tasks = document.tables[1]
    assert len(tasks.rows) >= 3 and all(not cell.text.strip() for cell in tasks.rows[1].cells)


def test_entry_point_and_meetings_print_as_chinese_labels(tmp_path):
    text = flat(texts(rendered(tmp_path, "nursing-1-2026-03", root=tree(tmp_path))))
    assert "切入点：三全育人·实践育人" in text
    assert "支委会、党课" in text
    assert "陈静（出差）、赵敏" in text and "应到人数22" in text.replace("　", "")


def test_a4_and_the_margins_of_gbt_9704(tmp_path):
    for args in ((DEMO_DAY,), (DEMO_PILOT,), ("--branch", "admin-academic", "--year", "2026")):
        document = rendered(tmp_path, *args, "--force")
        for section in document.sections:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
            margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
            assert margins == [37, 35, 28, 26], args


def test_fonts_are_declared_for_chinese_text(tmp_path):
    document = rendered(tmp_path, DEMO_DAY)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"
    theme_attrs = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
    for part in (styles, document.element):
        for fonts in part.iter(qn("w:rFonts")):
            assert not any(fonts.get(qn(f"w:{a}")) for a in theme_attrs)
    for fonts in document.element.iter(qn("w:rFonts")):  # every run of the form names its Chinese font
        assert fonts.get(qn("w:eastAsia")), fonts.attrib
    title = document.paragraphs[1].runs[0]  # under the 附件2 label
    assert title.text == "党建融合主题党日活动设计模板"
    assert title._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体" and title.font.size.pt == 22
    # body text outside tables: 仿宋_GB2312 3号; inside tables a smaller consistent size
    branch_line = document.paragraphs[2].runs[0]
    assert branch_line._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and branch_line.font.size.pt == 16
    sizes = {run.font.size.pt for table in document.tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs for run in p.runs}
    assert sizes <= {12.0, 10.5}
    labels = {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in document.tables[0].cell(1, 0).paragraphs[0].runs}
    assert labels == {"黑体"}
    # the font table tells Word and WPS what to use where a font is missing
    font_table = next(p for p in document.part.package.iter_parts() if p.partname.endswith("/fontTable.xml")).blob.decode()
    for name, alternative in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("黑体", "SimHei")):
        assert re.search(f'<w:font w:name="{name}"><w:altName w:val="{alternative}"/>', font_table), name


def test_footer_has_page_number_and_trace(tmp_path):
    document = rendered(tmp_path, DEMO_DAY)
    record = DEMO / "themedays" / "2026" / f"{DEMO_DAY}.md"
    short = blob_id(record.read_bytes())[:12]
    for text in footers(document):
        assert f"记录 {DEMO_DAY}" in text and f"内容 {short}" in text
        assert text.startswith("— 1 —")  # the PAGE field shows 1 until Word updates it
    xml = document.sections[0].footer._element.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    page_number = document.sections[0].footer.paragraphs[0].runs[0]
    assert page_number._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" and page_number.font.size.pt == 14
    assert document.settings.odd_and_even_pages_header_footer  # odd pages right, even pages left


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=测试", "-c", "user.email=t@example.com", *args],
        check=True, capture_output=True, text=True,
    ).stdout.strip()


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_footer_names_the_commit_and_says_when_the_record_is_not_committed(tmp_path):
    root = tree(tmp_path)
    document = rendered(tmp_path, "nursing-1-2026-03", root=root)
    assert "提交" not in footers(document)[0] and "未提交" not in footers(document)[0]  # not a git tree

    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "records")
    head = git(root, "rev-parse", "--short", "HEAD")
    document = rendered(tmp_path, "nursing-1-2026-03", "--force", root=root)
    assert f"提交 {head}" in footers(document)[0] and "未提交" not in footers(document)[0]

    record = root / "themedays" / "2026" / "nursing-1-2026-03.md"
    record.write_text(FULL_DAY.replace("急救模块失分较多", "急救模块失分仍多"), encoding="utf-8")
    document = rendered(tmp_path, "nursing-1-2026-03", "--force", root=root)
    assert f"未提交（基于 {head}）" in footers(document)[0]
    assert f"内容 {blob_id(record.read_bytes())[:12]}" in footers(document)[0]


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
@pytest.mark.parametrize("named", [64, 0], ids=["files named", "whole tree"])
def test_a_books_forms_each_say_whether_their_record_is_committed(tmp_path, monkeypatch, named):
    """The git state is taken once for a book (three calls of git, not three a form): each form's
    footer still says whether its own record is committed, the cover's whether any is, asked about
    the book's files or about the whole tree (a report's trace names every record: as arguments
    they were over what a command line holds, git failed and every record was called uncommitted)."""
    from djrh.paper import trace

    monkeypatch.setattr(trace, "NAMED_PATHS", named)
    calls = []
    real_git = trace._git
    monkeypatch.setattr(trace, "_git", lambda root, *args, **kw: calls.append(args) or real_git(root, *args, **kw))
    root = tmp_path / "repo" / "records"
    shutil.copytree(DEMO, root)
    git(root.parent, "init", "-q")
    git(root.parent, "add", ".")
    git(root.parent, "commit", "-q", "-m", "records")
    head = git(root, "rev-parse", "--short", "HEAD")
    document = rendered(tmp_path, "--branch", "admin-academic", "--year", "2026", root=root)
    notes = [section.footer.paragraphs[1].text for section in document.sections]
    assert len(notes) > 10 and all(f"提交 {head}" in note and "未提交" not in note for note in notes)
    assert len(calls) == 3 and max(len(args) for args in calls) <= 5 + max(named, 1)
    edited = root / "themedays" / "2026" / "admin-academic-2026-03.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# 改了\n", encoding="utf-8")
    document = rendered(tmp_path, "--branch", "admin-academic", "--year", "2026", "--force", root=root)
    uncommitted = [section.footer.paragraphs[1].text.split()[1] for section in document.sections
                   if "未提交" in section.footer.paragraphs[1].text]
    assert uncommitted == ["admin-academic-2026", "admin-academic-2026-03"]  # the cover and that form
    report = tmp_path / "report.docx"
    assert run_djrh("report", "--format", "docx", "-o", str(report), "--root", str(root)).code in (0, 1)
    assert f"未提交（基于 {head}）" in "\n".join(footers(Document(str(report))))
    git(root.parent, "commit", "-q", "-am", "edit")
    assert run_djrh("report", "--format", "docx", "-o", str(report), "--force", "--root", str(root)).code in (0, 1)
    assert "未提交" not in "\n".join(footers(Document(str(report))))


# ---- the annual bundle


def demo_days(branch: str, year: int) -> list[str]:
    from djrh.check.run import load_tree

    days = [r for r in load_tree(DEMO).records if r.kind == "themeday" and r.model.branch == branch and r.model.date.year == year]
    return [r.id for r in sorted(days, key=lambda r: r.model.date)]


def demo_meetings(branch: str, year: int) -> list[str]:
    from djrh.check.run import load_tree

    found = [r for r in load_tree(DEMO).records if r.kind == "meeting" and r.model.branch == branch and r.model.date.year == year]
    return [r.id for r in found]


def test_work_record_book_holds_every_theme_day_and_meeting_each_on_a_new_page(tmp_path):
    days, meetings = demo_days("admin-academic", 2026), demo_meetings("admin-academic", 2026)
    assert len(days) > 3
    document = rendered(tmp_path, "--branch", "admin-academic", "--year", "2026")
    text = flat(texts(document))
    assert text.count("党建融合主题党日活动设计模板") == len(days)
    assert sum(text.count(title) for title in MEETING_TITLES) == len(meetings)
    assert "党支部工作记录本" in text and "（2026年度）" in text and "党支部书记（签字）" in text
    sections = document.sections
    assert len(sections) == len(days) + len(meetings) + 1  # the cover and contents, then one section per form
    ids = [section.footer.paragraphs[1].text.split()[1] for section in sections[1:]]
    assert sorted(ids) == sorted(days + meetings)  # each with its own trace
    assert all(section.start_type == WD_SECTION.NEW_PAGE for section in sections[1:])
    assert "记录 admin-academic-2026 " in sections[0].footer.paragraphs[1].text
    contents = [[flat(c.text) for c in row.cells] for row in document.tables[2].rows[1:]]
    assert len(contents) == len(days) + len(meetings)
    assert [row[1] for row in contents] == sorted(row[1] for row in contents)  # in date order
    forms = [table for table in document.tables if flat(table.cell(0, 0).text) == "活动时间"]
    assert len(forms) == len(days)


MEETING_TITLES = ("支部党员大会会议记录", "支部委员会会议记录", "党小组会会议记录", "党课记录", "组织生活会会议记录", "民主评议党员会议记录")
MEETING = """\
kind: meeting
branch: nursing-1
type: general_meeting
date: 2026-03-25
time: 15:00-16:30
place: 护理学院308会议室
topic: 讨论接收预备党员
host: 王丽
recorder: 陈静
attendance:
  expected: 20
  present: 18
  absent:
    - {name: 赵敏, reason: 带学生临床实习}
content: 支部书记报告发展对象考察情况，党员逐一发表意见。
decisions: 同意接收刘洋为中共预备党员，报党总支审批。
also_counts_as: [party_lecture]
"""


def book_tree(tmp_path: Path) -> Path:
    life = MEETING.replace("type: general_meeting", "type: life_meeting").replace("2026-03-25", "2026-12-15")
    life = life.replace("also_counts_as: [party_lecture]\n", "")  # planned: nothing after its date yet
    life = "\n".join(line for line in life.splitlines() if not line.startswith(("attendance", "  ", "content", "decisions"))) + "\n"
    return tree(tmp_path, {
        "meetings/2026/nursing-1-2026-03-25-general-meeting.yaml": MEETING,
        "meetings/2026/nursing-1-2026-04-08-branch-committee.yaml": MEETING.replace("type: general_meeting", "type: branch_committee")
        .replace("2026-03-25", "2026-04-08").replace("also_counts_as: [party_lecture]\n", ""),
        "meetings/2026/nursing-1-2026-12-15-life-meeting.yaml": life,
    })


def test_work_record_book_cover_counts_every_quota(tmp_path):
    root = book_tree(tmp_path)
    document = rendered(tmp_path, "--branch", "nursing-1", "--year", "2026", "--as-of", "2026-05-01", root=root)
    cover = document.tables[0]
    assert flat(cover.cell(0, 1).text) == "护理学院教工第一党支部" and flat(cover.cell(1, 1).text) == "护理学院党总支"
    assert flat(cover.cell(2, 1).text) == "王丽" and flat(cover.cell(2, 3).text) == "正式20，预备2"
    quotas = {flat(row.cells[0].text): [flat(c.text) for c in row.cells[1:]] for row in document.tables[1].rows[1:]}
    # the branch exists from its election (2025-06-12): the whole of 2026 is asked for
    assert quotas["主题党日"] == ["每月1次", "2", "12", "缺：1月、2月"]  # March 18 and April 15; no month off
    assert quotas["融合主题党日"] == ["每年不少于2次", "2", "2", "已完成"]
    assert quotas["工作成效"] == ["会后90天内填写", "0", "0", "已完成"]  # no window has ended by 1 May
    assert quotas["支部党员大会"] == ["每季度1次", "1", "4", "进行中"]  # the first quarter's is held
    # March through the theme day of 18 March, which also counts as a 支委会 and a 党课
    assert quotas["支委会"] == ["每月1次（寒暑假除外）", "2", "12", "缺：1月、2月"]
    assert quotas["党小组会"] == ["未设党小组", "0", "—", "不适用"]
    assert quotas["党课"][1:] == ["2", "4", "进行中"]  # the 党员大会 and the theme day also count as one
    assert quotas["组织生活会"][1:] == ["0", "1", "进行中"]  # planned for December: not held yet
    contents = [[flat(c.text) for c in row.cells] for row in document.tables[2].rows[1:]]
    assert [row[2] for row in contents] == ["主题党日", "党员大会", "支委会", "主题党日", "组织生活会"]
    assert contents[1][4] == "同时计为党课"
    assert contents[4][4] == "尚未召开"


# ---- the 会议记录 of a meeting


def test_meeting_form_has_the_labels_and_the_record(tmp_path):
    root = book_tree(tmp_path)
    document = rendered(tmp_path, "nursing-1-2026-03-25-general-meeting", root=root)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "支部党员大会会议记录" and paragraphs[1] == "党支部：护理学院教工第一党支部"
    cells = [[flat(c.text) for c in row.cells] for row in document.tables[0].rows]
    assert cells[0] == ["会议类型", "党员大会", "同时计为", "党课"]
    assert cells[1] == ["时间", "2026年3月25日（星期三）15:00—16:30", "2026年3月25日（星期三）15:00—16:30", "2026年3月25日（星期三）15:00—16:30"]
    assert cells[2][:2] == ["地点", "护理学院308会议室"]
    assert cells[3] == ["主持人", "王丽", "记录人", "陈静"]
    assert cells[4] == ["应到人数", "20", "实到人数", "18"]
    assert cells[5][:2] == ["缺席人员及原因", "赵敏（带学生临床实习）"]
    assert [row[0] for row in cells[6:]] == ["议题", "会议内容", "会议决议"]
    assert cells[8][1] == "同意接收刘洋为中共预备党员，报党总支审批。"
    assert any(p.startswith("主持人（签字）") for p in paragraphs)
    assert "记录 nursing-1-2026-03-25-general-meeting " in footers(document)[0]


def test_meeting_forms_follow_the_type(tmp_path):
    lecture = MEETING.replace("type: general_meeting", "type: party_lecture").replace("also_counts_as: [party_lecture]\n", "lecturer: 王丽\n")
    review = MEETING.replace("type: general_meeting", "type: member_review").replace(
        "also_counts_as: [party_lecture]\n", "review: {excellent: 5, qualified: 12, basically_qualified: 1}\n")
    life = MEETING.replace("type: general_meeting", "type: life_meeting").replace(
        "also_counts_as: [party_lecture]\n", "rectification:\n  - {task: 理论学习不深入的问题整改, owner: 王丽, due: 2026-06-30}\n")
    group = MEETING.replace("type: general_meeting", "type: 党小组会\ngroup: 第一党小组")
    minutes = "---\n" + lecture + "---\n\n# 党课记录\n\n王丽讲授《党章》第二章。\n"
    root = tree(tmp_path, {
        "org/nursing-1.yaml": BRANCH + "party_groups:\n  - {name: 第一党小组, leader: 李强}\n",
        "meetings/2026/l.yaml": lecture, "meetings/2026/r.yaml": review, "meetings/2026/f.yaml": life,
        "meetings/2026/g.yaml": group, "meetings/2026/m.md": minutes,
    })

    def rows(record):
        document = rendered(tmp_path, record, root=root)
        return document, {flat(row.cells[0].text): flat(row.cells[1].text) for row in document.tables[0].rows}

    document, found = rows("l")
    assert document.paragraphs[0].text == "党课记录" and found["授课人"] == "王丽" and "党课题目" in found
    document, found = rows("r")
    assert document.paragraphs[0].text == "民主评议党员会议记录" and found["评议结果"] == "优秀5人、合格12人、基本合格1人"
    document, found = rows("f")
    assert document.paragraphs[0].text == "组织生活会会议记录"
    text = flat(texts(document))
    assert "一、整改措施" in text and "理论学习不深入的问题整改" in text
    document, found = rows("g")
    assert found["会议类型"] == "党小组会·第一党小组" and "授课人" not in found
    document = rendered(tmp_path, "m", root=root)
    assert [p.text for p in document.paragraphs if p.paragraph_format.page_break_before] == ["党课记录"]  # the minutes' page


def test_bundle_refusals(tmp_path):
    root = tree(tmp_path)
    for args, words in (
        (("--branch", "nursing-1"), "--year"),
        (("--year", "2026"), "--branch"),
        (("--branch", "nursing-2", "--year", "2026"), "nursing-1"),  # did you mean
        (("--branch", "nursing-gb", "--year", "2026"), "党总支"),
        (("--branch", "nursing-1", "--year", "2024"), "2026"),  # the years that have records
        (("nursing-1-2026-03", "--branch", "nursing-1", "--year", "2026"), "只能选一种"),
    ):
        run, _ = render(tmp_path, *args, root=root)
        assert run.code == 2 and words in run.err, (args, run.err)


# ---- the pilot


def test_pilot_task_table_repeats_its_header_on_every_page(tmp_path):
    document = rendered(tmp_path, DEMO_PILOT)
    text = flat(texts(document))
    for value in ("任务分解责任表", "一、项目基本情况", "样板支部", "校级", "护理学院教工第一党支部", "2025年4月18日",
                  "2025年5月1日至2026年10月31日", "50,000.00", "46,380.00", "李红梅", "二、任务分解",
                  "制定样板支部培育创建方案", "三、考核验收", "2025-12-23", "通过", "建设期满验收"):
        assert flat(value) in text, value
    tasks = next(table for table in document.tables if flat(table.cell(0, 1).text) == "任务")
    header = tasks.rows[0]
    assert [flat(cell.text) for cell in header.cells] == ["序号", "任务", "责任人", "完成时限", "完成日期", "状态"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(tasks.rows) == 1 + 5
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in tasks.rows)


def test_pilot_status_words_follow_the_as_of_date(tmp_path):
    root = tree(tmp_path)
    document = rendered(tmp_path, "sp-2026-nursing-1", "--as-of", "2026-05-01", root=root)
    tasks = next(table for table in document.tables if flat(table.cell(0, 1).text) == "任务")
    assert [flat(row.cells[5].text) for row in tasks.rows[1:]] == ["已完成", "逾期", "未完成"]
    text = flat(texts(document))
    assert "书记项目" in text and "王丽（正式党员）、周洋（群众）" in text and "12,500.50" in text


# ---- hard input


def test_control_characters_in_values_are_reported(tmp_path):
    """A quoted value can write a control character as an escape: check reports it (SCH001) and
    render refuses the record with that finding, never a crash."""
    day = THEMEDAY.replace("theme: 推进护理技能大赛备赛", 'theme: "推进\\a护理\\x0b技能\\u0000大赛\\x1b备赛"')
    day = day.replace("business_work: 急救模块失分较多，需要集体研究训练方案。",
                      'business_work: "急救模块\\x0c失分较多\\x08，需要\\x7f研究\\ufffe训练方案。"')
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.yaml": day.replace("2026-03-18", "2026-05-20")})
    run = run_djrh("check", "--root", str(root), "--select", "SYN,SCH", "--format", "json")
    found = [(f["code"], f["line"], f["column"], f["message"]) for f in run.json["findings"]]
    assert [f[:3] for f in found] == [("SCH001", 6, 8), ("SCH001", 10, 16)], found
    assert "U+0007" in found[0][3] and "U+000C" in found[1][3]
    run, _ = render(tmp_path, "nursing-1-2026-05", root=root)
    assert run.code == 2 and "SCH001" in run.err and "\x1b" not in run.err


def test_control_characters_in_the_minutes_are_shown_never_dropped_never_a_crash(tmp_path):
    """The minutes of a .md record are no YAML: a control character there is no finding, and the
    printed minutes show it as its escape (issue 12: "strips them visibly"), where they once dropped
    it without a trace."""
    body = "---\n" + THEMEDAY.replace("2026-03-18", "2026-05-20") + "---\n\n会议\x01记录\x0b正文\x1f完。\r\n第二行\x00。\ufffe\x85\n"
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.md": body})
    assert run_djrh("check", "--root", str(root), "--select", "SYN,SCH").code == 0
    text = texts(rendered(tmp_path, "nursing-1-2026-05", root=root))
    assert "会议\\x01记录\\x0b正文\\x1f完。" in text and "第二行\\x00。\\ufffe\\x85" in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe]", text)


def test_very_long_text_renders_and_may_run_onto_the_next_pages(tmp_path):
    long_text = "为推进护理技能大赛备赛，急救模块需要集体研究训练方案。" * 800  # 22,400 characters
    day = THEMEDAY.replace("business_work: 急救模块失分较多，需要集体研究训练方案。", f"business_work: {long_text}")
    day = day.replace("theme: 推进护理技能大赛备赛", "theme: " + "很长的主题" * 60)
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.yaml": day.replace("2026-03-18", "2026-05-20")})
    document = rendered(tmp_path, "nursing-1-2026-05", root=root)
    form = document.tables[0]
    assert flat(form.cell(2, 2).text).endswith(long_text)
    assert form.rows[2]._tr.trPr.find(qn("w:cantSplit")) is None  # so it is not cut off at the page end
    assert form.rows[3]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_xml_special_characters_print_as_written(tmp_path):
    day = THEMEDAY.replace("theme: 推进护理技能大赛备赛", 'theme: "A&B <研讨> \\"引号\\" 50%"')
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.yaml": day.replace("2026-03-18", "2026-05-20")})
    assert 'A&B <研讨> "引号" 50%' in texts(rendered(tmp_path, "nursing-1-2026-05", root=root))


# ---- what the user names, where the file goes


def test_default_output_is_the_record_id_in_the_current_folder(tmp_path):
    run, path = render(tmp_path, DEMO_DAY)
    assert run.code == 0 and run.out.strip() == f"{DEMO_DAY}.docx" and path.is_file()
    assert "已生成" in run.err


def test_an_existing_output_file_is_never_replaced_silently(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "form.docx"
    target.write_bytes(b"signed copy")
    run = run_djrh("render", DEMO_DAY, "-o", str(target), "--root", str(DEMO))
    assert run.code == 2 and "已经存在" in run.err and "--force" in run.err
    assert target.read_bytes() == b"signed copy"
    run = run_djrh("render", DEMO_DAY, "-o", str(target), "--root", str(DEMO), "--force")
    assert run.code == 0 and Document(str(target)).tables


def test_output_to_a_folder_and_only_docx(tmp_path):
    run = run_djrh("render", DEMO_DAY, "-o", str(tmp_path), "--root", str(DEMO))
    assert run.code == 0 and (tmp_path / f"{DEMO_DAY}.docx").is_file()
    run = run_djrh("render", DEMO_DAY, "-o", str(tmp_path / "form.pdf"), "--root", str(DEMO))
    assert run.code == 2 and ".docx" in run.err


def test_never_writes_inside_the_records_tree_unless_told(tmp_path):
    """The one rule for outputs (cli.app.output_target): by default beside the tree when the working
    folder is inside it, never in it; with -o wherever it says, the tree too."""
    root = tree(tmp_path)
    run = run_djrh("render", "nursing-1-2026-03", cwd=root / "themedays")
    assert run.code == 0 and run.out.strip() == "../../nursing-1-2026-03.docx"
    assert (root.parent / "nursing-1-2026-03.docx").is_file()
    assert sorted(p.name for p in root.rglob("*.docx")) == []
    run = run_djrh("render", "nursing-1-2026-03", "-o", "form.docx", cwd=root)
    assert run.code == 0 and (root / "form.docx").is_file()
    run = run_djrh("render", "nursing-1-2026-03", "-o", "../x.docx", cwd=root / "themedays")
    assert run.code == 0 and (root / "x.docx").is_file()  # asked for: inside the tree it is


def test_record_by_path(tmp_path):
    path = DEMO / "themedays" / "2026" / f"{DEMO_DAY}.md"
    run = run_djrh("render", str(path), "-o", str(tmp_path / "a.docx"))
    assert run.code == 0, run.err
    run = run_djrh("render", str(tmp_path / "nowhere.yaml"), "--root", str(DEMO))
    assert run.code == 2 and "找不到文件" in run.err
    run = run_djrh("render", str(DEMO / "djrh.yaml"), "--root", str(DEMO))
    assert run.code == 2 and "不是记录文件" in run.err


def test_unknown_id_suggests_the_nearest(tmp_path):
    run, _ = render(tmp_path, "admin-academic-2026-6")
    assert run.code == 2 and "admin-academic-2026-06" in run.err and "是不是想写" in run.err


def test_a_record_with_errors_is_refused_with_its_findings(tmp_path):
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.yaml": THEMEDAY.replace("2026-03-18", "2026-02-30")})
    run, _ = render(tmp_path, "nursing-1-2026-05", root=root)
    assert run.code == 2 and "djrh check" in run.err and "SCH001" in run.err and "2026-02-30" in run.err


def test_only_theme_days_meetings_and_pilots_have_forms(tmp_path):
    run, _ = render(tmp_path, "admin-academic")
    assert run.code == 2 and "党支部记录" in run.err and "--branch" in run.err
    run, _ = render(tmp_path)
    assert run.code == 2 and "--branch" in run.err


def test_english(tmp_path):
    out = tmp_path / "en.docx"
    run = run_djrh("--lang", "en", "render", "nursing-1-2026-03", "-o", str(out), "--root", str(tree(tmp_path)))
    assert run.code == 0 and "Wrote" in run.err
    text = texts(Document(str(out)))
    for words in ("Integration theme day design form", "Business work", "Entry point: all-round education · practice",
                  "2026-03-18", "Tasks", "done", "branch committee meeting, party lecture"):
        assert words in text, words


def test_help_does_not_load_the_document_libraries():
    code = (
        "import sys\nfrom djrh.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('docx', 'docxtpl', 'jinja2', 'lxml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PROJECT, check=True)
    assert done.stdout.strip().endswith("[]")


# ---- an institution's own templates


def make_template(path: Path, lines: list[str], task_rows: bool = False, footer: str | None = None) -> Path:
    """A DOCX template as a person would make in Word: paragraphs with Jinja tags, maybe a table."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    if task_rows:
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).text = "{%tr for task in tasks %}"
        table.cell(1, 0).text = "{{ task.number }}"
        table.cell(1, 1).text = "{{ task.task }}"
        table.cell(1, 2).text = "{{ task.status }}"
        table.cell(2, 0).text = "{%tr endfor %}"
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_a_tree_template_replaces_the_built_in_form(tmp_path):
    root = tree(tmp_path)
    make_template(root / "templates" / "themeday.docx",
                  ["某某学院党委组织部制", "{{ branch.name }}：{{ theme }}（{{ date }}，{{ entry }}）",
                   "{{ attendance.text }}", "{%p for line in minutes %}", "{{ line }}", "{%p endfor %}"],
                  task_rows=True)
    document = rendered(tmp_path, "nursing-1-2026-03", root=root)
    text = texts(document)
    assert "某某学院党委组织部制" in text and "党建融合主题党日活动设计模板" not in text
    assert "护理学院教工第一党支部：推进护理技能大赛备赛（2026年3月18日，三全育人·实践育人）" in text
    assert "应到 22 人；实到 20 人；缺席：陈静（出差）、赵敏" in text
    assert "王丽领学条例第五章。" in text and "1. 第一项决定" in text
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows == [["1", "制定急救模块训练方案", "已完成"], ["2", "组织第一次模拟考核", rows[1][2]]]
    # the template has no trace: djrh adds it to the footer
    assert any("记录 nursing-1-2026-03" in text for text in footers(document))


def test_a_template_can_place_the_trace_itself(tmp_path):
    root = tree(tmp_path)
    make_template(root / "templates" / "pilot.docx", ["{{ name }}：{{ type }}，{{ units_text }}"], task_rows=True,
                  footer="来源：{{ trace.text }}")
    document = rendered(tmp_path, "sp-2026-nursing-1", root=root)
    assert "护理技能大赛书记项目：书记项目，护理学院教工第一党支部" in texts(document)
    footer = "\n".join(footers(document))
    assert footer.count("记录 sp-2026-nursing-1") == 1 and footer.startswith("来源：记录 sp-2026-nursing-1")


def test_a_bundle_template(tmp_path):
    root = tree(tmp_path)
    make_template(root / "templates" / "bundle.docx",
                  ["{{ branch.name }} {{ year }}：{{ count }} / {{ integration_count }} / {{ outcomes_filled }}",
                   "{%p for day in themedays %}", "{{ day.date }} {{ day.theme }} {{ day.trace.id }}", "{%p endfor %}"])
    text = texts(rendered(tmp_path, "--branch", "nursing-1", "--year", "2026", root=root))
    assert "护理学院教工第一党支部 2026：2 / 2 / 1" in text
    assert text.index("2026年3月18日 推进护理技能大赛备赛 nursing-1-2026-03") < text.index("2026年4月15日")


def test_template_values_are_escaped(tmp_path):
    day = THEMEDAY.replace("theme: 推进护理技能大赛备赛", 'theme: "A&B <w:p> </w:t>"')
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.yaml": day.replace("2026-03-18", "2026-05-20")})
    make_template(root / "templates" / "themeday.docx", ["主题：{{ theme }}"])
    assert "主题：A&B <w:p> </w:t>" in texts(rendered(tmp_path, "nursing-1-2026-05", root=root))


@pytest.mark.parametrize(("line", "kind", "tag"), [
    ("主题：{{ theme }", "写法有误", "{{ theme }"),
    ("主题：{{ them }}", "不存在的变量", "{{ them }}"),
    ("支部：{{ branch.nmae }}", "不存在的变量", "{{ branch.nmae }}"),
    ("{% for task in tasks %}{{ task.task }}", "写法有误", "{% for task in tasks %}"),
    ("{{ theme | nosuchfilter }}", "写法有误", "{{ theme | nosuchfilter }}"),
])
def test_a_broken_template_names_the_template_and_the_tag(tmp_path, line, kind, tag):
    root = tree(tmp_path)
    make_template(root / "templates" / "themeday.docx", ["第一段：{{ place }}", line, "最后一段"])
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2, run.err
    assert "templates/themeday.docx" in run.err and kind in run.err and tag in run.err
    assert not list((tmp_path / "out").glob("*.docx"))


@pytest.mark.parametrize("line", [
    "{{ ''.__class__.__mro__ }}",
    "{{ theme.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
])
def test_a_template_cannot_reach_python(tmp_path, line):
    root = tree(tmp_path)
    make_template(root / "templates" / "themeday.docx", [line])
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/themeday.docx" in run.err
    assert "拒绝" in run.err or "不存在的变量" in run.err, run.err
    assert "<class" not in run.err + run.out


@pytest.mark.parametrize("line", [
    "{{ 'x' * 1000000000 }}",
    "{{ [1] * 100000000 }}",
    "{{ 10 ** 1000000 }}",
    "{{ theme.ljust(1000000000) }}",
    "{{ theme.center(10 ** 9) }}",
    "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
])
def test_a_template_cannot_exhaust_memory_or_time(tmp_path, line):
    root = tree(tmp_path)
    make_template(root / "templates" / "themeday.docx", [line])
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/themeday.docx" in run.err, run.err


# What a template committed to the tree could do to the machine before it was filled in a bounded
# process (issue 12): each of these ran for minutes or took gigabytes. The bounds are lowered to keep
# the suite quick (the parent passes them to the sandbox process).
@pytest.mark.parametrize("line", [
    "{{ 'a'|center(1000000000) }}",
    "{{ '%999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ '%999999999s'|format('a') }}",
    "{{ ('a' * 99999)|replace('a', 'b' * 99999) }}",
    "{{ ('a' * 99999)|join('b' * 99999) }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}{% endfor %}{% endfor %}",
    "{% for i in range(30000) %}{{ 'x' * 99999 }}{% endfor %}",
])
def test_a_template_is_filled_within_bounds(tmp_path, monkeypatch, line):
    import time

    from djrh.render import templates

    monkeypatch.setattr(templates, "TIME_LIMIT", 2)
    monkeypatch.setattr(templates, "MEMORY_LIMIT", 256 * 1024 * 1024)
    root = tree(tmp_path)
    make_template(root / "templates" / "themeday.docx", [line])
    start = time.monotonic()
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert time.monotonic() - start < 30
    assert run.code == 2 and "templates/themeday.docx" in run.err, run.err
    assert "已停止" in run.err or "拒绝" in run.err, run.err
    assert not list((tmp_path / "out").glob("*.docx"))


def test_the_words_say_which_bound_was_reached(tmp_path, monkeypatch):
    from djrh.render import templates

    monkeypatch.setattr(templates, "MEMORY_LIMIT", 256 * 1024 * 1024)
    monkeypatch.setattr(templates, "MAX_OUTPUT", 512 * 1024)
    root = tree(tmp_path)
    for line, seconds, words in (
        ("{{ 'a'|center(1000000000) }}", 30, "标签 {{ 'a'|center(1000000000) }} 传入的数 1000000000 太大（表单模板中不超过 100,000）"),
        ("{% for j in range(12) %}{% for i in range(90000) %}{% endfor %}{% endfor %}", 30,
         "让 range() 产生的项数超过上限（一份表单共 1,000,000 项）"),
        ("{{ 2 ** 100 }}", 30, "标签 {{ 2 ** 100 }} 计算的乘方（指数 100）太大"),
        ("{{ ('a' * 99999)|replace('a', 'b' * 99999) }}", 30, "需要超过 256 MiB 内存"),
        ("{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}{% endfor %}{% endfor %}", 2, "超过 2 秒"),
        ("{% for i in range(9) %}{{ range(100000)|join(',') }}{% endfor %}", 30, "生成的表单超过 0.5 MiB"),
    ):
        monkeypatch.setattr(templates, "TIME_LIMIT", seconds)
        make_template(root / "templates" / "themeday.docx", [line])
        run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
        assert run.code == 2 and "templates/themeday.docx" in run.err and words in run.err, (line, run.err)


def test_a_zip_bomb_template_is_refused_unopened(tmp_path):
    import zipfile

    root = tree(tmp_path)
    path = make_template(root / "templates" / "themeday.docx", ["{{ theme }}"])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/bomb.xml", "w", force_zip64=True) as part:
            for _ in range(200):
                part.write(bytes(1024 * 1024))  # 200 MiB of zeros: a few hundred KB packed
    assert path.stat().st_size < 2 * 1024 * 1024
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/themeday.docx" in run.err and "解压后过大" in run.err, run.err


def test_an_oversized_template_is_refused(tmp_path):
    root = tree(tmp_path)
    path = make_template(root / "templates" / "themeday.docx", ["{{ theme }}"])
    with open(path, "r+b") as stream:
        stream.truncate(21 * 1024 * 1024)
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/themeday.docx" in run.err and "20 MiB" in run.err, run.err


def test_a_linked_template_or_templates_folder_is_refused(tmp_path):
    outside = make_template(tmp_path / "elsewhere" / "themeday.docx", ["外面的模板 {{ theme }}"])
    root = tree(tmp_path)
    (root / "templates").mkdir()
    os.symlink(outside, root / "templates" / "themeday.docx")
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/themeday.docx" in run.err and "符号链接" in run.err, run.err
    (root / "templates" / "themeday.docx").unlink()
    (root / "templates").rmdir()
    os.symlink(outside.parent, root / "templates")
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/" in run.err and "符号链接" in run.err, run.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_template_that_is_a_pipe_is_refused_without_waiting(tmp_path):
    root = tree(tmp_path)
    (root / "templates").mkdir()
    os.mkfifo(root / "templates" / "themeday.docx")
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "不是普通文件" in run.err, run.err


def test_a_template_that_is_not_a_docx(tmp_path):
    root = tree(tmp_path, {"templates/themeday.docx": b"{{ theme }}"})
    run, _ = render(tmp_path, "nursing-1-2026-03", root=root)
    assert run.code == 2 and "templates/themeday.docx" in run.err and "不是有效的 DOCX" in run.err


def statistics_values() -> dict:
    """What statistics.docx sees for the demo tree's report of 2026 (it has a waived finding)."""
    from datetime import date

    from djrh.check.config import load_config
    from djrh.check.run import load_tree
    from djrh.paper.trace import trace_of
    from djrh.report import docx_out
    from djrh.report.stats import build

    tree = load_tree(DEMO)
    report = build(tree, load_config(DEMO), 2026, date(2026, 12, 1))
    return docx_out.template_values(report, "zh", trace_of(DEMO, [r.path for r in tree.records], "report-2026"))


def test_every_template_variable_is_documented(tmp_path):
    from datetime import date

    from djrh.render import context
    from djrh.render.source import Source

    from djrh.check.config import load_config
    from djrh.render import build

    root = book_tree(tmp_path)
    source = Source(root, "测试学院委员会")
    day = source.resolve("nursing-1-2026-03", tmp_path)
    branch, entries, ctx = build.bundle_records(source, load_config(root), "nursing-1", 2026, date(2026, 5, 1))
    values = {
        "themeday": context.themeday(day, source, "zh", date(2026, 5, 1)),
        "meeting": context.meeting(source.resolve("nursing-1-2026-03-25-general-meeting", tmp_path), source, "zh", date(2026, 5, 1)),
        "pilot": context.pilot(source.resolve("sp-2026-nursing-1", tmp_path), source, "zh", date(2026, 5, 1)),
        "bundle": context.bundle(branch, entries, ctx, source, "zh", date(2026, 5, 1), 2026),
        "statistics": statistics_values(),
    }
    assert values["statistics"]["waivers"] and values["statistics"]["meetings"]  # every key of a row is seen
    doc = (PROJECT / "docs" / "templates.md").read_text("utf-8")

    def keys(value, prefix=""):
        if isinstance(value, dict):
            for key, item in value.items():
                yield prefix + key
                yield from keys(item, prefix + key + ".")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield from keys(value[0], prefix[:-1] + "[]." if prefix else "")

    for kind, mapping in values.items():
        for key in keys(mapping):
            name = key.rsplit(".", 1)[-1]
            assert re.search(rf"`(\w+\.)*{name}`", doc), f"{kind}: {key} is not in docs/templates.md"
    from djrh.paper.trace import Trace

    for name in Trace("x", "0" * 12, None, False).as_dict("zh"):
        assert f"`trace.{name}`" in doc, name


# ---- PDF through LibreOffice


def test_pdf_without_libreoffice_writes_the_docx_and_says_how_to_install(tmp_path, monkeypatch):
    from djrh.paper import pdf

    monkeypatch.setattr(pdf, "find_office", lambda: None)
    run, _ = render(tmp_path, DEMO_DAY, "--pdf")
    assert run.code == 2 and "LibreOffice" in run.err and "apt-get install" in run.err
    assert (tmp_path / "out" / f"{DEMO_DAY}.docx").is_file() and not (tmp_path / "out" / f"{DEMO_DAY}.pdf").exists()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice is not installed (CI installs it)")
def test_pdf_embeds_a_cjk_font_and_has_the_labels(tmp_path):
    run, docx = render(tmp_path, DEMO_DAY, "--pdf")
    assert run.code == 0, run.err
    pdf = docx.with_suffix(".pdf")
    assert run.out.split() == [docx.name, pdf.name] and pdf.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded_cjk = [line for line in fonts.splitlines() if "CJK" in line and line.split()[-5] == "yes"]
    assert embedded_cjk, fonts
    text = flat(pdf_text(pdf))
    for words in ("党建融合主题党日活动设计模板", "活动时间", "活动主题", "业务工作描述", "理论指导", "集体研讨", "工作成效",
                  "人才培养方案集中审核", "—1—", f"记录{DEMO_DAY}"):
        assert words in text, words
    # a second run refuses to replace the PDF it made
    run, _ = render(tmp_path, DEMO_DAY, "-o", str(tmp_path / "other.docx"), "--pdf")
    assert run.code == 0
    run = run_djrh("render", DEMO_DAY, "--pdf", "--root", str(DEMO), "-o", str(docx))
    assert run.code == 2 and "已经存在" in run.err


def glyphs_of(pdf: bytes) -> set[str]:
    """The glyph names (`cid45042`) of every font program LibreOffice embedded in a PDF: Noto CJK's
    faces are subset as Type 1 fonts whose encoding names each glyph by its CID."""
    import zlib

    names = set()
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            data = zlib.decompress(pdf[match.end():end])
        except zlib.error:
            continue
        if data.startswith(b"%!FontType1"):
            names.update(name.decode() for name in re.findall(rb"/(cid\d+) put", data))
    return names


def pdf_of_fonts(tmp_path: Path, name: str, fonts: list[str], text: str) -> bytes:
    """A PDF, through djrh's conversion, of `text` once in each of `fonts` (East Asian and Latin)."""
    from djrh.paper import pdf

    document = Document()
    for font in fonts:
        run = document.add_paragraph().add_run(text)
        names = run._element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
            names.set(qn(attribute), font)
    path = tmp_path / f"{name}.docx"
    document.save(path)
    return pdf.convert(path)


NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.mark.skipif(not HAS_OFFICE or not NOTO_CJK.is_file(), reason="LibreOffice and fonts-noto-cjk (CI installs them)")
def test_pdf_draws_chinese_glyph_forms_whatever_font_a_form_names(tmp_path):
    """Noto CJK's collection has a Japanese, Korean, simplified and traditional Chinese face over one
    outline table; 骨 is drawn differently in each. Every font a form or a Chinese template names,
    and any unknown font, is drawn with the SC faces, never the JP face fontconfig falls back to."""
    faces = {face: glyphs_of(pdf_of_fonts(tmp_path, face.replace(" ", "-"), [face], "骨"))
             for face in ("Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif CJK JP", "Noto Sans CJK JP")}
    assert all(len(glyphs) == 1 for glyphs in faces.values()), faces
    simplified = faces["Noto Serif CJK SC"] | faces["Noto Sans CJK SC"]
    japanese = faces["Noto Serif CJK JP"] | faces["Noto Sans CJK JP"]
    assert len(simplified | japanese) == 4, faces  # the four faces draw 骨 differently: the test can tell
    from djrh.paper import style

    named = [style.TITLE_FONT, style.BODY_FONT, style.HEI, style.KAI, style.SONG,
             "微软雅黑", "等线", "新宋体", "华文仿宋", "华文楷体", "方正仿宋_GBK", "某个没有安装的字体"]
    glyphs = glyphs_of(pdf_of_fonts(tmp_path, "named", named, "骨"))
    assert glyphs and glyphs <= simplified, (glyphs, faces)


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice is not installed (CI installs it)")
def test_pdf_of_a_bundle_and_of_a_very_long_record(tmp_path):
    long_text = "急救模块需要集体研究训练方案。" * 700
    day = THEMEDAY.replace("business_work: 急救模块失分较多，需要集体研究训练方案。", f"business_work: {long_text}末尾")
    root = tree(tmp_path, {"themedays/2026/nursing-1-2026-05.yaml": day.replace("2026-03-18", "2026-05-20")})
    run, docx = render(tmp_path, "--branch", "nursing-1", "--year", "2026", "--pdf", root=root)
    assert run.code == 0, run.err
    pages = pdf_text(docx.with_suffix(".pdf")).split("\f")
    text = flat("".join(pages))
    assert text.count("党建融合主题党日活动设计模板") == 3 and "末尾" in text  # the long text is not cut off
    assert len([page for page in pages if page.strip()]) >= 6


def test_a_bundle_reads_the_tree_once(tmp_path, monkeypatch):
    """`djrh render --branch` asks for the whole tree twice (to refuse early, then to print): the
    second time is the first's records, not another read of every file (12,000 records: 1 s)."""
    from djrh.check import run

    reads = []
    real = run.load_tree
    monkeypatch.setattr(run, "load_tree", lambda root, *a, **k: reads.append(root) or real(root, *a, **k))
    out = tmp_path / "book.docx"
    done = run_djrh("render", "--root", str(DEMO), "--branch", "nursing-faculty-1", "--year", "2026", "-o", str(out))
    assert done.code == 0, done.err
    assert out.is_file() and len(reads) == 1
