"""Build a synthetic records tree for benchmarks: valid against SPEC, realistic in size.

    python benchmarks/generate.py OUT [--branches 200] [--years 5] [--scale 1] [--no-meetings | --small]

200 branches x 5 years x 12 months = 12,000 theme days (about 1.3 KB each), plus the registry, and
the meetings at the rhythm of the 支部工作条例 (each branch with two party groups): a 支委会 and two
党小组会 a month, a 党员大会 a quarter, four 党课 and a 组织生活会 (also the 民主评议党员) a year —
45 a branch and year, 45,000 in all. `--scale 10` multiplies the branches. `--no-meetings` writes
the theme days and registry only (12,245 records of about 1 KB). `--small` writes the small-record
shape: one year (2026) of theme days and meetings of 210 branches, 12,223 records of about 0.5 KB.
Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

COLLEGES = ["护理", "药学", "医学技术", "中医", "信息工程", "智能制造", "经济管理", "人文", "建筑工程", "艺术设计"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "丽强静敏浩洋军勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芳燕彬鹏辉斌宇婷雪琳晨欣悦博文涵睿"
STUDY = [
    "集中学习党的二十届三中全会精神，交流学习体会",
    "学习《中国共产党支部工作条例（试行）》，对照检查支部工作",
    "学习习近平总书记关于教育的重要论述，结合本职工作谈认识",
    "开展党纪学习教育，学习《中国共产党纪律处分条例》",
    "学习全国教育大会精神，研讨教育强国建设中的本部门任务",
]
WORK = [
    "技能大赛备赛训练方案和指导教师分工",
    "实训室开放管理和设备维护责任落实",
    "毕业生就业帮扶和岗位推荐工作",
    "专业人才培养方案修订和课程思政融入",
    "新生入学教育和学风建设",
    "教学诊断与改进中发现的问题整改",
    "服务师生“急难愁盼”问题清单的办理",
]
PLACES = ["{c}学院{n}会议室", "{c}学院党员活动室", "图书馆{n}研讨室", "{c}学院实训楼{n}室"]


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")


AS_OF = date(2026, 11, 22)  # the tree is written as it would stand on this day


def themeday(rng: random.Random, branch: str, college: str, day: date, integration: bool) -> str:
    place = rng.choice(PLACES).format(c=college, n=rng.randint(101, 520))
    work = rng.choice(WORK)
    expected = rng.randint(8, 45)
    present = expected - rng.randint(0, 3)
    lines = [
        "kind: themeday",
        f"branch: {branch}",
        f"date: {day.isoformat()}",
        f"time: {rng.choice(['14:30-17:00', '15:00-17:30', '09:00-11:30'])}",
        f"place: {place}",
        f"theme: 以学促干，推进{work}",
        f"integration: {'true' if integration else 'false'}",
    ]
    if integration:
        lines += [
            f"entry_point: {rng.choice(['central_work', 'education', 'service'])}",
            "education_path: practice",
            f"business_work: 围绕{work}，梳理当前存在的主要问题，会前由支委会准备材料，提交主题党日集体研究解决。",
        ]
    if day > AS_OF:  # still to come: only the planning fields
        return "\n".join(lines) + "\n"
    lines += [
        f"prescribed: {rng.choice(STUDY)}；通报本月党费收缴情况，布置发展对象考察、党员教育培训和下月主题党日准备工作。",
    ]
    if not integration:
        lines += [
            f"theory_practice: 通过学习，支部党员进一步认识到{rng.choice(STUDY)[2:12]}的重要意义，表示要把学习成果转化为做好本职工作的实际行动，在教学科研和服务学生中当先锋、作表率。",
            "tasks:",
            f"  - {{task: 整理本次学习材料并上传党建平台, owner: {name(rng)}, due: {(day + timedelta(days=7)).isoformat()}, done_on: {(day + timedelta(days=5)).isoformat()}}}",
        ]
    if integration:
        lines += [
            f"theory_practice: 结合学习，大家认为做好{work}关键在于压实责任、抓住薄弱环节，党员要带头攻坚。",
            f"discussion: 经集体研讨，形成推进{work}的工作方案，明确责任人和完成时限，下月主题党日通报进展。",
            "tasks:",
            f"  - {{task: 制定{work}实施方案, owner: {name(rng)}, due: {(day + timedelta(days=14)).isoformat()}, done_on: {(day + timedelta(days=12)).isoformat()}}}",
            f"  - {{task: 完成第一阶段工作并通报, owner: {name(rng)}, due: {(day + timedelta(days=30)).isoformat()}, done_on: {(day + timedelta(days=28)).isoformat()}}}",
        ]
    lines += [
        "attendance:",
        f"  expected: {expected}",
        f"  present: {present}",
        "  absent:",
    ]
    lines += [f"    - {{name: {name(rng)}, reason: 外出培训}}" for _ in range(expected - present)] or ["    []"]
    if expected == present:
        lines[-2:] = ["  absent: []"]
    evaluated = day + timedelta(days=40)
    if integration and evaluated < AS_OF:
        lines += [
            "outcome:",
            f"  evaluated_on: {evaluated.isoformat()}",
            f"  summary: {work}按计划完成，相关做法在{college}学院推广，师生反映良好。",
            "  evidence: [evidence/签到表.txt]",
        ]
    return "\n".join(lines) + "\n"


MEETING_TOPICS = {
    "branch_committee": ["研究本月主题党日安排和党员教育管理", "研究发展对象考察和党费收缴", "研究教学检查中发现问题的整改"],
    "party_group": ["学习党章，交流本月工作中的体会", "开展谈心谈话，了解党员思想动态", "学习习近平总书记关于教育的重要论述"],
    "general_meeting": ["审议支部工作计划", "讨论接收预备党员", "通报党费收缴和使用情况", "支部年度工作总结"],
    "party_lecture": ["深入贯彻中央八项规定精神", "学习党的二十届四中全会精神", "新时代教育家精神与教师党员的担当"],
}


def meeting(rng: random.Random, branch: str, college: str, day: date, kind: str, size: int, group: str = "") -> str:
    """One meeting: planned fields, and once its date has passed the held ones (MT008)."""
    lines = ["kind: meeting", f"branch: {branch}", f"type: {kind}"]
    if group:
        lines.append(f"group: {group}")
    topic = f"{day.year}年度组织生活会暨民主评议党员" if kind == "life_meeting" else rng.choice(MEETING_TOPICS[kind])
    lines += [
        f"date: {day.isoformat()}",
        f"time: {rng.choice(['12:10-13:10', '15:00-16:30', '16:30-17:30'])}",
        f"place: {rng.choice(PLACES).format(c=college, n=rng.randint(101, 520))}",
        f"topic: {topic}",
        f"host: {name(rng)}",
        f"recorder: {name(rng)}",
    ]
    if kind == "life_meeting":
        lines.append("also_counts_as: [member_review]")
    if day > AS_OF:
        return "\n".join(lines) + "\n"
    absent = rng.randint(0, 1 if size <= 5 else 3)
    lines += [f"attendance: {{expected: {size}, present: {size - absent}}}", f"content: {topic}，与会党员逐一发言，形成一致意见。"]
    if kind in ("branch_committee", "general_meeting"):
        lines.append("decisions: 按会议议定事项分工落实，下次会议通报进展。")
    if kind == "party_lecture":
        lines.append(f"lecturer: {name(rng)}")
    if kind == "life_meeting":
        rated = max(size - 1, 1)
        lines += [
            f"review: {{excellent: {rated // 4}, qualified: {rated - rated // 4}}}",
            "rectification:",
            f"  - {{task: 理论学习联系实际不够的问题整改, owner: {name(rng)}, due: {(day + timedelta(days=120)).isoformat()}}}",
        ]
    return "\n".join(lines) + "\n"


def meetings(rng: random.Random, out: Path, branch: str, college: str, year: int, members: int) -> int:
    """A branch's meetings of a year at the rhythm of the 支部工作条例 (第十一–十三、十七条)."""
    folder = out / "meetings" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    planned = []
    for month in range(1, 13):
        planned.append((date(year, month, rng.randint(2, 9)), "branch_committee", 3, ""))
        for number, group in enumerate(GROUPS, 1):
            planned.append((date(year, month, rng.randint(10, 20)), "party_group", members // 2, group))
    for month in (3, 6, 9, 12):
        planned.append((date(year, month, rng.randint(21, 28)), "general_meeting", members, ""))
        planned.append((date(year, month - 1, rng.randint(21, 28)), "party_lecture", members, ""))
    planned.append((date(year, 11, rng.randint(3, 20)), "life_meeting", members, ""))
    for day, kind, size, group in planned:
        suffix = f"-{GROUPS.index(group) + 1}" if group else ""
        text = meeting(rng, branch, college, day, kind, size, group)
        (folder / f"{branch}-{day.isoformat()}-{kind.replace('_', '-')}{suffix}.yaml").write_text(text, encoding="utf-8")
    return len(planned)


GROUPS = ("第一党小组", "第二党小组")
# The small-record shape: as many records as the tree without meetings (12,223 against 12,245), of
# about 0.5 KB instead of 1 KB — three meetings for every theme day, and one year only.
SMALL_BRANCHES = 210


def generate(out: Path, branches: int, years: int, first_year: int, with_meetings: bool = True) -> int:
    rng = random.Random(20261122)
    (out / "org").mkdir(parents=True, exist_ok=True)
    # as_of: the date the tree is clean as of, whatever day it is checked (meetings planned for
    # later in November would otherwise be "held" and unfilled); a tree without meetings is the
    # tree before 三会一课 were recorded, so their rules are off (4,600 findings otherwise)
    rules_off = "" if with_meetings else "rules:\n" + "".join(f"  MT00{n}: off\n" for n in range(1, 9))
    (out / "djrh.yaml").write_text(
        f"institution: 基准测试学院委员会\nas_of: {AS_OF}\npolicy:\n  since: {first_year}\n  months_off: []\n"
        + rules_off,
        encoding="utf-8",
    )
    (out / "evidence").mkdir(parents=True, exist_ok=True)
    (out / "evidence" / "签到表.txt").write_text("签到表（合成数据）\n", encoding="utf-8")
    (out / "brands").mkdir(exist_ok=True)
    (out / "pilots").mkdir(exist_ok=True)
    count = 0
    general = max(1, branches // 10)
    for year in range(first_year, first_year + years):
        (out / "pilots" / f"model-branch-{year}.yaml").write_text(
            f"kind: pilot\nname: {year}年度党建与业务融合样板支部\ntype: model_branch\nlevel: school\n"
            f"units: [branch-{year % branches:04d}]\nselected_on: {year}-04-20\n",
            encoding="utf-8",
        )
        count += 1
    for g in range(general):
        college = COLLEGES[g % len(COLLEGES)]
        (out / "org" / f"gb-{g:03d}.yaml").write_text(
            f"kind: general_branch\nname: {college}学院第{g + 1}党总支\nsecretary: {name(rng)}\n", encoding="utf-8"
        )
        (out / "brands" / f"gb-{g:03d}-brand.yaml").write_text(
            f"kind: brand\nname: {college}学院“先锋领航”党建品牌\nowner: gb-{g:03d}\nmode: brand\n"
            f"business_focus: 专业建设与技能人才培养\nstarted_on: {first_year}-03-01\n"
            f"activities: [branch-{g:04d}-{first_year + years - 1}-03]\n",
            encoding="utf-8",
        )
        count += 2
    for b in range(branches):
        g = b % general
        college = COLLEGES[g % len(COLLEGES)]
        branch = f"branch-{b:04d}"
        committee = "\n".join(
            f"  - {{name: {name(rng)}, role: {role}}}" for role in ("secretary", "organization", "publicity")
        )
        formal, probationary = rng.randint(8, 40), rng.randint(0, 3)
        groups = "party_groups:\n" + "".join(f"  - {{name: {group}, leader: {name(rng)}}}\n" for group in GROUPS)
        (out / "org" / f"{branch}.yaml").write_text(
            f"kind: branch\nname: {college}学院教工第{b + 1}党支部\nparent: gb-{g:03d}\ncategory: faculty\n"
            f"members: {{formal: {formal}, probationary: {probationary}}}\n"
            f"committee:\n{committee}\nelected_on: {first_year + years - 2}-06-{rng.randint(10, 28)}\n"
            "dual_leader: true\n" + (groups if with_meetings else ""),
            encoding="utf-8",
        )
        count += 1
        if with_meetings:
            for year in range(first_year, first_year + years):
                count += meetings(rng, out, branch, college, year, formal + probationary)
        for year in range(first_year, first_year + years):
            folder = out / "themedays" / str(year)
            folder.mkdir(parents=True, exist_ok=True)
            integration_months = set(rng.sample(range(1, 11), 3))
            for month in range(1, 13):
                day = date(year, month, rng.randint(5, 25))
                text = themeday(rng, branch, college, day, month in integration_months)
                (folder / f"{branch}-{year}-{month:02d}.yaml").write_text(text, encoding="utf-8")
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--branches", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--first-year", type=int, default=2022)
    parser.add_argument("--scale", type=int, default=1, help="multiply the number of branches")
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--no-meetings", action="store_true", help="theme days and registry only (the tree before 三会一课)")
    shape.add_argument("--small", action="store_true", help="small records: 210 branches, one year of theme days and meetings")
    args = parser.parse_args()
    if (args.out / "djrh.yaml").exists():
        parser.error(f"{args.out} already holds a tree")
    if args.small:
        count = generate(args.out, SMALL_BRANCHES * args.scale, 1, AS_OF.year)
    else:
        count = generate(args.out, args.branches * args.scale, args.years, args.first_year, not args.no_meetings)
    print(f"{count} records in {args.out}")


if __name__ == "__main__":
    main()
