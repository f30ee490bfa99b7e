"""A records tree whose report and reminder numbers are known by construction (djrh report, djrh due).

Policy: since 2025, months off 2 and 8, TD003 window 60 days, one deadline 行动总结 due 2026-12-20.

- gb-a 甲学院党总支, owning brand-gb-a (started 2025-03-01).
  - a1 甲学院教工党支部 (elected 2025-01-10)
      2025: a theme day every month but 2 and 8 (10); integration days 2025-04-15 and 2025-10-15, both
            with an outcome.
      2026: 01, 03, 04, 06, 07, 09, 10 held (7), none in 05; 2026-12-10 planned. Integration days
            2026-03-15 (outcome), 2026-09-10 (no outcome: window ended 2026-11-09), 2026-10-20 (no
            outcome: window ends 2026-12-19). Tasks: on 2026-06 due 2026-11-01 (not done), on 2026-10
            due 2026-11-30 (not done).
  - a2 甲学院学生党支部 (elected 2024-12-20, term ends 2027-12-20; 55 members, ORG001 waived by
    组通〔2026〕7号 until 2027-06-30)
      2025: 01, 03, 04, 05, 06, 07, 09, 10, 11 (9; December missing); one integration day 2025-05-15
            with an outcome.
      2026: 01, 03, 04, 05, 06, 07, 08 (a month off), 09, 10 held (9); 2026-11-26 planned. One
            integration day 2026-04-15 with an outcome.
- d1 机关党支部, directly under the committee (elected 2026-01-08), owning brand-d1 (started 2026-02-01)
      2026: 01, 03, 04, 05, 06, 07, 09, 10 held (8), nothing in November; integration days 2026-03-15
            and 2026-06-15, both with an outcome. Filed 行动总结 on 2026-11-15.
      Party groups 综合党小组 and 财务党小组 (formed 2026-06-01).
- pilot p1 (units d1, 2026-03-01 – 2026-12-31): one task done, one due 2026-12-10 not done.

Meetings (三会一课), all with their held fields unless said:
- a1  2025: 党员大会 each quarter, 支委会 every month not off, 4 党课, 组织生活会 2025-12-22 also
          counting as 民主评议党员.
      2026: 党员大会 in Q1 and Q2 (none in Q3), 支委会 every month not off to October, 3 党课, a
          组织生活会 planned for 2026-12-18.
- a2  2025: 党员大会 each quarter, 支委会 every month not off but June, 4 党课, 组织生活会 and
          民主评议党员 on 2025-12-15.
      2026: 党员大会 in Q1–Q3 (the Q2 one, 2026-06-18, with 20 of 55 present), 支委会 every month not
          off to October, 3 党课, 组织生活会 2026-11-10 also counting as 民主评议党员.
- d1  2026: 党员大会 in Q1–Q3, 支委会 every month not off to October, 2 党课 (the one of 2026-10-15
          without its lecturer), 综合党小组 every month not off but April, 财务党小组 June, July,
          September, October; no 组织生活会.
- pilot p2 (units a1 and a2, 2025-05-01 – 2026-06-30): one task due 2026-05-31 not done.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write_tree

CONFIG = """\
institution: 测试学院委员会
policy:
  since: 2025
  months_off: [2, 8]
rules:
  TD003: {days: 60}
deadlines:
  - {name: 行动总结, due: 2026-12-20, applies_to: branch}
"""

BRANCH = """\
kind: branch
name: {name}
{parent}category: {category}
members: {{formal: {formal}, probationary: {probationary}}}
committee:
  - {{name: 张一, role: secretary}}
  - {{name: 李二, role: organization}}
  - {{name: 王三, role: publicity}}
elected_on: {elected}
{extra}"""


def branch(name: str, category: str, elected: str, parent: str | None = None, formal: int = 20,
           probationary: int = 0, extra: str = "") -> str:
    return BRANCH.format(
        name=name, parent=f"parent: {parent}\n" if parent else "", category=category, formal=formal,
        probationary=probationary, elected=elected, extra=extra,
    )


def themeday(branch_id: str, day: str, integration: bool = False, outcome: str | None = None,
             tasks: list[tuple[str, str]] = (), planned: bool = False) -> str:
    text = f"kind: themeday\nbranch: {branch_id}\ndate: {day}\nplace: 会议室\ntheme: 第{day}次主题党日\n"
    text += f"integration: {'true' if integration else 'false'}\n"
    if integration:
        text += "entry_point: central_work\nbusiness_work: 研究本月重点工作。\n"
    if not planned:
        text += "prescribed: 学习有关文件。\n"
        if integration:
            text += "theory_practice: 用理论指导工作。\ndiscussion: 形成工作方案。\n"
    if tasks:
        text += "tasks:\n" + "".join(f"  - {{task: {task}, owner: 张一, due: {due}}}\n" for task, due in tasks)
    if outcome:
        text += f"outcome:\n  evaluated_on: {outcome}\n  summary: 完成。\n  evidence: [evidence/成效.txt]\n"
    return text


def meeting(branch_id: str, day: str, kind: str, group: str = "", present: int = 18, extra: str = "") -> str:
    text = f"kind: meeting\nbranch: {branch_id}\ntype: {kind}\n"
    if group:
        text += f"group: {group}\n"
    text += f"date: {day}\nplace: 会议室\ntopic: {day}的会议\nattendance: {{expected: 20, present: {present}}}\n"
    text += "content: 学习有关文件，研究本月工作。\n"
    if kind == "party_lecture" and "no lecturer" not in extra:
        text += "lecturer: 张一\n"
    if kind == "member_review" or "member_review" in extra:
        text += "review: {excellent: 4, qualified: 15, basically_qualified: 1}\n"
    if kind == "life_meeting":
        text += "rectification:\n  - {task: 整改学习不深入的问题, owner: 张一, due: 2027-03-31}\n"
    return text + extra.replace("no lecturer", "")


def build_tree(root: Path) -> Path:
    files: dict[str, str] = {
        "evidence/成效.txt": "佐证\n",
        "org/gb-a.yaml": "kind: general_branch\nname: 甲学院党总支\n",
        "org/a1.yaml": branch("甲学院教工党支部", "faculty", "2025-01-10", "gb-a", extra="dual_leader: true\n"),
        "org/a2.yaml": branch(
            "甲学院学生党支部", "student", "2024-12-20", "gb-a", formal=15, probationary=40,
            extra="waivers:\n  - {rule: ORG001, reason: 拆分方案报批中, approved_by: 党委组织部, ref: 组通〔2026〕7号, until: 2027-06-30}\n",
        ),
        "org/d1.yaml": branch(
            "机关党支部", "admin", "2026-01-08", formal=8,
            extra="secretary_heads_department: true\nparty_groups:\n  - {name: 综合党小组, leader: 李二}\n"
                  "  - {name: 财务党小组, leader: 王三, formed_on: 2026-06-01}\n",
        ),
        "brands/brand-gb-a.yaml": (
            "kind: brand\nname: 甲学院品牌\nowner: gb-a\nmode: brand\nbusiness_focus: 教学\nstarted_on: 2025-03-01\n"
            "activities: [a1-2026-03]\n"
        ),
        "brands/brand-d1.yaml": (
            "kind: brand\nname: 机关服务品牌\nowner: d1\nmode: collaborative\nbusiness_focus: 服务师生\n"
            "started_on: 2026-02-01\nactivities: [d1-2026-03]\n"
        ),
        "filings/d1-summary.yaml": "kind: filing\nname: 行动总结\nunit: d1\nsubmitted_on: 2026-11-15\n",
        "pilots/p1.yaml": (
            "kind: pilot\nname: 机关书记项目\ntype: secretary_project\nlevel: school\nunits: [d1]\n"
            "selected_on: 2026-03-01\nperiod: {start: 2026-03-01, end: 2026-12-31}\n"
            "tasks:\n  - {task: 制定方案, owner: 张一, due: 2026-04-30, done_on: 2026-04-20}\n"
            "  - {task: 完成验收材料, owner: 李二, due: 2026-12-10}\n"
            "reviews:\n  - {date: 2026-07-01, result: passed}\n"
        ),
        "pilots/p2.yaml": (
            "kind: pilot\nname: 甲学院示范点\ntype: demo_site\nlevel: school\nunits: [a1, a2]\n"
            "selected_on: 2025-05-01\nperiod: {start: 2025-05-01, end: 2026-06-30}\n"
            "tasks:\n  - {task: 建设活动阵地, owner: 王三, due: 2026-05-31}\n"
            "reviews:\n  - {date: 2025-12-20, result: passed}\n  - {date: 2026-06-20, result: passed}\n"
        ),
    }

    def add(branch_id: str, day: str, **kwargs) -> None:
        files[f"themedays/{day[:4]}/{branch_id}-{day[:7]}.yaml"] = themeday(branch_id, day, **kwargs)

    # a1
    for month in (1, 3, 4, 5, 6, 7, 9, 10, 11, 12):
        if month in (4, 10):
            add("a1", f"2025-{month:02d}-15", integration=True, outcome=f"2025-{month + 1:02d}-20")
        else:
            add("a1", f"2025-{month:02d}-15")
    add("a1", "2026-01-15")
    add("a1", "2026-03-15", integration=True, outcome="2026-04-20")
    add("a1", "2026-04-15")
    add("a1", "2026-06-15", tasks=[("整理活动台账", "2026-11-01")])
    add("a1", "2026-07-15")
    add("a1", "2026-09-10", integration=True)
    add("a1", "2026-10-20", integration=True, tasks=[("提交课程改革方案", "2026-11-30")])
    add("a1", "2026-12-10", planned=True)
    # a2
    for month in (1, 3, 4, 5, 6, 7, 9, 10, 11):
        if month == 5:
            add("a2", "2025-05-15", integration=True, outcome="2025-06-20")
        else:
            add("a2", f"2025-{month:02d}-15")
    for month in (1, 3, 5, 6, 7, 8, 9, 10):
        add("a2", f"2026-{month:02d}-15")
    add("a2", "2026-04-15", integration=True, outcome="2026-05-20")
    add("a2", "2026-11-26", planned=True)
    # d1
    for month in (1, 4, 5, 7, 9, 10):
        add("d1", f"2026-{month:02d}-15")
    add("d1", "2026-03-15", integration=True, outcome="2026-04-20")
    add("d1", "2026-06-15", integration=True, outcome="2026-07-20")

    def meet(branch_id: str, day: str, kind: str, **kwargs) -> None:
        files[f"meetings/{day[:4]}/{branch_id}-{day}-{kind.replace('_', '-')}.yaml"] = meeting(branch_id, day, kind, **kwargs)

    months = (1, 3, 4, 5, 6, 7, 9, 10, 11, 12)
    # a1
    for month in (3, 6, 9, 12):
        meet("a1", f"2025-{month:02d}-20", "general_meeting")
    for month in months:
        meet("a1", f"2025-{month:02d}-05", "branch_committee")
    for day in ("2025-03-25", "2025-06-25", "2025-09-25", "2025-11-25"):
        meet("a1", day, "party_lecture")
    meet("a1", "2025-12-22", "life_meeting", extra="also_counts_as: [member_review]\n")
    for day in ("2026-03-20", "2026-06-20"):
        meet("a1", day, "general_meeting")
    for month in months[:8]:
        meet("a1", f"2026-{month:02d}-05", "branch_committee")
    for day in ("2026-03-25", "2026-06-25", "2026-09-25"):
        meet("a1", day, "party_lecture")
    files["meetings/2026/a1-2026-12-18-life-meeting.yaml"] = (
        "kind: meeting\nbranch: a1\ntype: life_meeting\ndate: 2026-12-18\nplace: 会议室\ntopic: 2026年度组织生活会\n"
    )
    # a2
    for month in (3, 6, 9, 12):
        meet("a2", f"2025-{month:02d}-18", "general_meeting")
    for month in months:
        if month != 6:
            meet("a2", f"2025-{month:02d}-06", "branch_committee")
    for day in ("2025-03-26", "2025-06-26", "2025-09-26", "2025-11-26"):
        meet("a2", day, "party_lecture")
    meet("a2", "2025-12-15", "life_meeting")
    meet("a2", "2025-12-15", "member_review")
    meet("a2", "2026-03-18", "general_meeting")
    meet("a2", "2026-06-18", "general_meeting", present=20, extra="")
    files["meetings/2026/a2-2026-06-18-general-meeting.yaml"] = files["meetings/2026/a2-2026-06-18-general-meeting.yaml"].replace(
        "expected: 20, present: 20", "expected: 55, present: 20")
    meet("a2", "2026-09-18", "general_meeting")
    for month in months[:8]:
        meet("a2", f"2026-{month:02d}-06", "branch_committee")
    for day in ("2026-03-26", "2026-06-26", "2026-09-26"):
        meet("a2", day, "party_lecture")
    meet("a2", "2026-11-10", "life_meeting", extra="also_counts_as: [member_review]\n")
    # d1
    for day in ("2026-03-19", "2026-06-19", "2026-09-19"):
        meet("d1", day, "general_meeting")
    for month in months[:8]:
        meet("d1", f"2026-{month:02d}-07", "branch_committee")
        if month != 4:
            meet("d1", f"2026-{month:02d}-14", "party_group", group="综合党小组")
        if month >= 6:
            meet("d1", f"2026-{month:02d}-15", "party_group", group="财务党小组")
    meet("d1", "2026-05-20", "party_lecture")
    meet("d1", "2026-10-15", "party_lecture", extra="no lecturer")
    return write_tree(root, files, config=CONFIG)
