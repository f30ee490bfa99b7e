"""PJ001–PJ007: pilot projects — 样板支部 selection, task tables, project teams, budgets, reviews."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from djrh.findings import Finding
from djrh.kinds import Pilot
from djrh.kinds.fields import FieldList
from djrh.rules.base import Context, Param, RuleContext, day_span, rule, year_span
from djrh.rules.calendar import add_years

_PILOT = """\
kind: pilot
name: 护理学院“白衣先锋”样板支部建设
type: model_branch
level: school
units: [nursing-faculty-1]
selected_on: 2025-04-20
period: {start: 2025-05-01, end: 2027-04-30}
budget: 50000
spent: 21800
tasks:
  - {task: 建成党员先锋岗 5 个, owner: 王丽, due: 2025-09-30, done_on: 2025-09-26}
reviews:
  - {date: 2026-05-12, result: passed, note: 年度考核验收合格}
"""

_TEAM = """\
kind: pilot
name: 医学影像虚拟仿真实训室建设项目小组
type: project_team
level: school
units: [it-faculty]
selected_on: 2026-03-01
leader: 李娜
team:
  - {name: 李娜, status: formal}
  - {name: 周凯, status: formal}
  - {name: 吴敏, status: formal}
  - {name: 郑阳, status: non_member}
temporary_branch: true
"""


@rule(
    "PJ001", "warning",
    title_zh="已结束年度选树的校级样板支部不是 1–2 个",
    title_en="school-level model branches selected in a complete year outside 1–2",
    source="000 五.1",
    params=(
        Param("min_count", 1, "每年至少选树的校级样板支部数", "fewest school model branches a year"),
        Param("max_count", 2, "每年至多选树的校级样板支部数", "most school model branches a year"),
    ),
    doc_zh=(
        "学校每年选树党建与业务融合“样板支部”1–2 个，给予经费支持。按 selected_on 的年份统计 type: model_branch、"
        "level: school 的试点项目；已结束的检查年度少于 1 个或多于 2 个时提示。没有样板支部时问题标在 djrh.yaml 上，"
        "多于上限时标在超出的项目上。"
    ),
    doc_en=(
        "1–2 school-level model branches are selected each year. Counted by the year of selected_on for complete "
        "checked years; none is reported on djrh.yaml, too many on the pilots beyond the limit."
    ),
    example_bad="pilots/：2025 年没有 type: model_branch、level: school 的项目",
    example_good=_PILOT,
    messages={
        "few": (
            "{year} 年选树的校级样板支部有 {count} 个，每年应选树 {low}–{high} 个。",
            "{count} school model {count:branch|branches} selected in {year}; {low}–{high} are selected each year.",
        ),
        "many": (
            "{year} 年选树的校级样板支部有 {count} 个，超过每年 {high} 个。",
            "{count} school model {count:branch|branches} selected in {year}, more than {high}.",
        ),
    },
)
def model_branches_per_year(r: RuleContext) -> Iterator[Finding]:
    low, high = r.param("min_count"), r.param("max_count")
    fields = ("type", "level", "selected_on")
    pilots = [p for p in r.of_kind("pilot", *fields) if p.model.type == "model_branch" and p.model.level == "school"]
    # pilots that might be school model branches of some year, but a field that says so has errors
    unclear = [
        p for p in r.of_kind("pilot") if p.broken.intersection(fields)
        and getattr(p.model, "type", "model_branch") == "model_branch" and getattr(p.model, "level", "school") == "school"
    ]
    for year in r.checked_years:
        if year >= r.as_of.year:
            continue
        selected = sorted((p for p in pilots if p.model.selected_on.year == year), key=lambda p: (p.model.selected_on, p.id))
        left_out = [p for p in unclear if "selected_on" in p.broken or p.model.selected_on.year == year]
        if len(selected) < low:
            yield r.tree_finding("few", at=("policy",), span=year_span(year), left_out=left_out, year=year, count=len(selected), low=low, high=high)
        for extra in selected[high:]:
            yield r.finding(
                extra, "many", at=("selected_on",), part="value", span=year_span(year), left_out=left_out,
                year=year, count=len(selected), high=high,
            )


def all_tasks(ctx: Context, kinds: tuple[str, ...], *needs: str):
    """(record, index, task) of every task of the records of `kinds` whose `tasks` and `needs`
    are valid (PJ002, PJ003, djrh due)."""
    for kind in kinds:
        for record in ctx.of_kind(kind, "tasks", *needs):
            for index, task in enumerate(record.model.tasks):
                yield record, index, task


@rule(
    "PJ002", "error",
    title_zh="试点项目的任务没有责任人或完成时限",
    title_en="pilot task without owner or due date",
    source="004 4.2",
    doc_zh="试点项目要“确定任务书、路线图、时间表和责任人”：任务分解责任表的每一项都要写明 owner（责任人）和 due（完成时限）。",
    doc_en="A pilot's task breakdown names an owner and a due date for every task (任务书、路线图、时间表和责任人).",
    example_bad=_PILOT.replace(", owner: 王丽, due: 2025-09-30", ""),
    example_good=_PILOT,
    messages={
        "missing": (
            "任务“{task}”没有写明 {fields}。任务分解责任表的每一项都要有责任人和完成时限。",
            "The task “{task}” has no {fields}. Every task names an owner and a due date.",
        ),
    },
)
def task_owner_and_due(r: RuleContext) -> Iterator[Finding]:
    for record, index, task in all_tasks(r.ctx, ("pilot",)):
        missing = [name for name in ("owner", "due") if getattr(task, name) is None]
        if missing:
            yield r.finding(record, "missing", at=("tasks", index), task=task.task, fields=FieldList(Pilot, missing, within=("tasks",)))


@rule(
    "PJ003", "warning",
    title_zh="试点项目或主题党日的任务已过期限仍未完成",
    title_en="pilot or theme-day task past due and not done",
    source="004 4.2",
    doc_zh="任务的完成时限（due）早于检查日期、却还没有完成日期（done_on）时提示。完成后请填写 done_on。",
    doc_en="A task whose due date is before the as-of date and has no done_on is reported. Fill in done_on when done.",
    example_bad=_PILOT.replace(", done_on: 2025-09-26", ""),
    example_good=_PILOT,
    messages={
        "overdue": (
            "任务“{task}”（责任人 {owner}）的完成时限 {due} 已过 {late} 天，还没有完成日期（done_on）。完成后请填写，未完成请督办。",
            "The task “{task}” (owner {owner}) was due on {due}, {late} {late:day|days} ago, and has no done_on.",
        ),
    },
)
def overdue_tasks(r: RuleContext) -> Iterator[Finding]:
    for record, index, task in all_tasks(r.ctx, ("pilot", "themeday")):
        if task.due is not None and task.done_on is None and task.due < r.as_of:
            yield r.finding(
                record, "overdue", at=("tasks", index, "due"), part="value", span=day_span(task.due),
                task=task.task, owner=task.owner or "—", due=task.due, late=(r.as_of - task.due).days,
            )


@rule(
    "PJ004", "error",
    title_zh="项目小组的组长不是小组中的正式党员",
    title_en="project_team leader not a formal member of its team",
    source="000 四(一)1",
    doc_zh="临时项目小组由党员和普通教职工组成，由一名正式党员担任小组长：leader 必须出现在 team 中，且 status 为 formal。",
    doc_en="A project team is led by a full Party member: the leader must be in the team with status formal.",
    example_bad=_TEAM.replace("leader: 李娜", "leader: 郑阳"),
    example_good=_TEAM,
    messages={
        "no_leader": (
            "项目小组没有填写组长（leader）。小组长应由一名正式党员担任。",
            "The project team has no leader. A full Party member leads it.",
        ),
        "not_in_team": (
            "组长 {leader} 不在小组成员（team）中。请把组长列入 team，status 为 formal。",
            "The leader {leader} is not in the team. List the leader in team with status formal.",
        ),
        "not_formal": (
            "组长 {leader} 不是正式党员。项目小组应由一名正式党员担任小组长。",
            "The leader {leader} is not a full Party member.",
        ),
    },
)
def team_leader(r: RuleContext) -> Iterator[Finding]:
    for record in r.of_kind("pilot", "type", "leader", "team"):
        pilot = record.model
        if pilot.type != "project_team":
            continue
        if pilot.leader is None:
            yield r.finding(record, "no_leader", at=("leader",))
            continue
        status = {member.name: member.status for member in pilot.team}.get(pilot.leader)
        if status != "formal":
            message = "not_in_team" if status is None else "not_formal"
            yield r.finding(record, message, at=("leader",), part="value", leader=pilot.leader)


@rule(
    "PJ005", "warning",
    title_zh="项目小组有 3 名以上正式党员却没有成立临时党支部",
    title_en="project_team with 3+ full members and no temporary branch",
    source="002 伴随式融合",
    params=(Param("min_formal", 3, "需要成立临时党支部的正式党员人数", "full members from which a temporary branch is formed"),),
    doc_zh="为执行某项任务临时组建、有正式党员 3 人以上的机构，一般应成立临时党支部（temporary_branch: true）。",
    doc_en="A temporary body with 3 or more full members should form a temporary branch (temporary_branch: true).",
    example_bad=_TEAM.replace("temporary_branch: true", "temporary_branch: false"),
    example_good=_TEAM,
    messages={
        "none": (
            "项目小组有正式党员 {formal} 人，一般应成立临时党支部（temporary_branch: true）。",
            "The project team has {formal} full {formal:member|members} and should form a temporary branch (temporary_branch: true).",
        ),
    },
)
def temporary_branch(r: RuleContext) -> Iterator[Finding]:
    minimum = r.param("min_formal")
    for record in r.of_kind("pilot", "type", "team", "temporary_branch"):
        pilot = record.model
        formal = sum(1 for member in pilot.team if member.status == "formal")
        if pilot.type == "project_team" and formal >= minimum and pilot.temporary_branch is not True:
            yield r.finding(record, "none", at=("temporary_branch",), formal=formal)


@rule(
    "PJ006", "error",
    title_zh="已支出超过经费预算",
    title_en="spent exceeds budget",
    doc_zh="试点项目的 spent（已支出）不能超过 budget（经费预算）。如预算已调整，请先更新 budget。",
    doc_en="A pilot's spent may not exceed its budget; update the budget first if it was raised.",
    example_bad=_PILOT.replace("spent: 21800", "spent: 52000"),
    example_good=_PILOT,
    messages={
        "over": (
            "已支出 {spent} 元，超过经费预算 {budget} 元。如预算已调整，请先更新 budget。",
            "Spent {spent} yuan, over the budget of {budget} yuan.",
        ),
    },
)
def within_budget(r: RuleContext) -> Iterator[Finding]:
    for record in r.of_kind("pilot", "budget", "spent"):
        pilot = record.model
        if pilot.budget is not None and pilot.spent is not None and pilot.spent > pilot.budget:
            yield r.finding(record, "over", at=("spent",), part="value", spent=_yuan(pilot.spent), budget=_yuan(pilot.budget))


def _yuan(amount: float) -> str:
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"


@rule(
    "PJ007", "warning",
    title_zh="试点项目建设周期中已满的一年没有考核验收",
    title_en="pilot with no review in a complete year of its period",
    source="004 3.2",
    params=(Param("grace_days", 60, "建设年度结束后多少天内的验收仍算作该年度的", "days after a construction year in which its review may fall"),),
    doc_zh=(
        "示范点等试点项目按建设年度考核验收（如 2020年5月—2021年5月为第一年度）。建设年度从 period.start 起每满一年为一个，"
        "最后一个到 period.end 为止；每个建设年度要在该年度内或结束后 60 天内有一条 reviews 记录（一条验收只算一个年度），"
        "过了这个期限仍没有时提示。没有 period 的项目不检查。"
    ),
    doc_en=(
        "Pilots are reviewed once per construction year, counted from period.start (the last one ends at "
        "period.end). Each construction year needs a review dated within it or up to 60 days after (one review "
        "counts for one year); reported once that time has passed. Pilots without a period are not checked."
    ),
    example_bad=_PILOT.replace("reviews:\n  - {date: 2026-05-12, result: passed, note: 年度考核验收合格}\n", ""),
    example_good=_PILOT,
    messages={
        "missing": (
            "第 {number} 个建设年度（{start} 至 {end}）没有考核验收记录（reviews）。",
            "Construction year {number} ({start} to {end}) has no review.",
        ),
    },
)
def yearly_review(r: RuleContext) -> Iterator[Finding]:
    grace = timedelta(days=r.param("grace_days"))
    for record in r.of_kind("pilot", "period", "reviews"):
        pilot = record.model
        if pilot.period is None:
            continue
        reviews = sorted(review.date for review in pilot.reviews)
        used: set[int] = set()
        start, number = pilot.period.start, 1
        while start < pilot.period.end:
            end = min(add_years(pilot.period.start, number), pilot.period.end)
            if end + grace >= r.as_of:
                break  # this construction year's review is not due yet
            match = next((i for i, day in enumerate(reviews) if i not in used and start <= day <= end + grace), None)
            if match is None:
                last_day = end if end == pilot.period.end else end - timedelta(days=1)
                yield r.finding(record, "missing", at=("reviews",), number=number, start=start, end=last_day)
            else:
                used.add(match)
            start, number = end, number + 1
