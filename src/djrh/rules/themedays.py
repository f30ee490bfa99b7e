"""TD001–TD006: theme days (主题党日) — how many, every month, and the form filled in full."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from djrh.findings import Finding
from djrh.kinds import ThemeDay
from djrh.kinds.fields import FieldList, required_at, unfilled
from djrh.rules import quotas
from djrh.rules.base import Param, RuleContext, rule, year_span

_DAY = """\
kind: themeday
branch: nursing-faculty-1
date: 2026-03-18
place: 护理学院308会议室
theme: 推进护理技能大赛备赛
integration: true
entry_point: education
education_path: practice
business_work: 省赛急救模块失分较多，研究训练方案和指导教师分工。
prescribed: 学习全国教育大会精神；布置发展对象考察工作。
theory_practice: 教育强国建设落到我们身上，就是把每一项技能练扎实。
discussion: 形成“一生一师一方案”，实训室每晚开放，党员教师轮流值守。
"""


@rule(
    "TD001", "error",
    title_zh="支部一年开展的党建与业务融合主题党日少于 2 次",
    title_en="branch holds fewer than 2 integration theme days in a checked year",
    source="000 五.2，附件2 注意(2)",
    params=(
        Param("min_days", 2, "每个支部每年至少开展的融合主题党日次数", "integration theme days a branch holds each year"),
        Param("warn_from_month", 10, "当年从几月起提醒（默认第四季度）", "month of the as-of year from which to warn (Q4)", maximum=12),
    ),
    doc_zh=(
        "党支部每年度开展党建和业务融合主题党日不少于 2 次（integration: true 且已召开，即日期不晚于检查日期）。"
        "已结束的年度不足 2 次为错误；当年在第四季度（10 月 1 日起）仍不足 2 次为警告，提醒及早安排。"
        "检查年度从 policy.since 起，但不早于支部出现的年份（支委会选举或第一次主题党日，取较早者）。"
        "问题标在支部的记录上。"
    ),
    doc_en=(
        "Each branch holds at least 2 integration theme days a year (integration: true, dated on or before the "
        "as-of date). Under 2 in a complete year is an error; in the as-of year, a warning from 1 October. Years "
        "are checked from policy.since, but not before the branch first appears. Reported on the branch's file."
    ),
    example_bad="themedays/2025/：nursing-faculty-1 全年只有 1 次 integration: true 的主题党日",
    example_good="themedays/2025/：nursing-faculty-1-2025-04.yaml 与 nursing-faculty-1-2025-10.yaml 均为 integration: true",
    messages={
        "year": (
            "{year} 年只开展了 {held} 次党建与业务融合主题党日，每年不少于 {minimum} 次。",
            "Only {held} integration theme {held:day|days} in {year}; at least {minimum} a year.",
        ),
        "this_year": (
            "{year} 年至今只开展了 {held} 次党建与业务融合主题党日，全年不少于 {minimum} 次，请在年底前安排。",
            "Only {held} integration theme {held:day|days} so far in {year}; at least {minimum} a year. Plan one before the year ends.",
        ),
        "this_year_planned": (
            "{year} 年至今只开展了 {held} 次党建与业务融合主题党日（另有 {planned} 次已计划），全年不少于 {minimum} 次。",
            "Only {held} integration theme {held:day|days} so far in {year} ({planned} more planned); at least {minimum} a year.",
        ),
    },
)
def integration_quota(r: RuleContext) -> Iterator[Finding]:
    minimum = r.param("min_days")
    warn_from = r.param("warn_from_month")
    for branch in r.of_kind("branch"):
        first_year = quotas.first_month(r.ctx, branch)[0]
        for year in r.checked_years:
            if year < first_year:
                continue
            complete = r.is_complete_year(year)
            if not complete and r.as_of.month < warn_from:
                continue
            count = quotas.year_count(r.ctx, branch.id, year)
            held, planned = len(count.held_integration), len(count.planned_integration)
            if held >= minimum:
                continue
            message = "year" if complete else "this_year_planned" if planned else "this_year"
            yield r.finding(
                branch, message, severity="error" if complete else "warning", span=year_span(year),
                left_out=quotas.themedays_left_out(r.ctx, branch.id, year, ("integration",)),
                year=year, held=held, minimum=minimum, planned=planned,
            )


@rule(
    "TD002", "warning",
    title_zh="支部某个已结束的月份没有开展主题党日（寒暑假月份除外）",
    title_en="complete month with no theme day for a branch (months_off excepted)",
    source="000 四(二)；《中国共产党支部工作条例（试行）》",
    doc_zh=(
        "各党支部每月开展一次主题党日。检查年度中已经结束的月份，支部没有任何主题党日记录时提示；"
        "djrh.yaml 中 policy.months_off 列出的月份（如寒暑假 2 月、8 月）不检查。每个支部每年一条，列出缺少的月份。"
    ),
    doc_en=(
        "Each branch holds a theme day every month. A complete month of a checked year without any theme day is "
        "reported (months in policy.months_off excepted), once per branch and year, listing the months."
    ),
    example_bad="themedays/2026/：nursing-faculty-1 有 1、3、5 月的记录，没有 4 月的",
    example_good="themedays/2026/：nursing-faculty-1 每个月都有一条主题党日记录（2 月、8 月除外）",
    messages={
        "missing": (
            "{year} 年 {months}没有主题党日记录（共 {count} 个月）。请补录，或核实原因。",
            "No theme day in {year} in {months} ({count} {count:month|months}). Record them, or find out why.",
        ),
    },
)
def monthly(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch"):
        for year in r.checked_years:
            missing = quotas.missing_months(r.ctx, branch, year)
            if missing:
                yield r.finding(
                    branch, "missing", span=year_span(year), left_out=quotas.themedays_left_out(r.ctx, branch.id, year, ()),
                    year=year, months=MonthList(missing), count=len(missing),
                )


class MonthList:
    """Months in the output language: 3月、5月 / Mar, May."""

    def __init__(self, months: list[int]) -> None:
        self.months = months

    def render(self, lang: str) -> str:
        if lang == "zh":
            return "、".join(f"{m} 月" for m in self.months)
        return ", ".join(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[m - 1] for m in self.months)


@rule(
    "TD003", "warning",
    title_zh="融合主题党日召开 90 天后仍未填写工作成效",
    title_en="integration theme day held more than 90 days ago without an outcome",
    source="000 附件2 工作成效",
    params=(Param("days", 90, "召开后多少天内应填写工作成效", "days after the meeting by which the outcome is due"),),
    doc_zh=(
        "附件2 的“工作成效”栏在会后、待工作完成后填写效果评价，并附佐证材料。融合主题党日召开已超过 90 天"
        "（检查日期减去活动日期大于 90）仍没有 outcome 时提示。"
    ),
    doc_en=(
        "The outcome (工作成效) is written once the work is done, with evidence. An integration theme day held more "
        "than 90 days before the as-of date without an outcome is reported."
    ),
    example_bad=_DAY,
    example_good=_DAY + "outcome:\n  evaluated_on: 2026-06-20\n  summary: 获省赛一等奖1项。\n  evidence: [evidence/2026/获奖通报.pdf]\n",
    messages={
        "missing": (
            "融合主题党日（{date}）已过去 {waited} 天，还没有填写工作成效（outcome）。工作完成后请填写效果评价并附佐证材料（要求 {days} 天内）。",
            "The integration theme day of {date} was {waited} {waited:day|days} ago and has no outcome. Once the work is done, write the evaluation with evidence (within {days} {days:day|days}).",
        ),
    },
)
def outcome_due(r: RuleContext) -> Iterator[Finding]:
    days = r.param("days")
    for record in r.of_kind("themeday", "date", "integration", "outcome"):
        if quotas.outcome_overdue(r.ctx, record):
            day = record.model.date
            yield r.finding(record, "missing", at=("outcome",), date=day, waited=(r.as_of - day).days, days=days)


@rule(
    "TD004", "warning",
    title_zh="工作成效没有附佐证材料",
    title_en="outcome without evidence",
    source="000 附件2 工作成效",
    doc_zh="工作成效要“附相关佐证材料”：outcome.evidence 中列出放在 evidence/ 下的文件（签到表、照片、通报、总结等）。",
    doc_en="The outcome comes with evidence: list the files kept under evidence/ in outcome.evidence.",
    example_bad=_DAY + "outcome:\n  evaluated_on: 2026-06-20\n  summary: 获省赛一等奖1项。\n",
    example_good=_DAY + "outcome:\n  evaluated_on: 2026-06-20\n  summary: 获省赛一等奖1项。\n  evidence: [evidence/2026/获奖通报.pdf]\n",
    messages={
        "no_evidence": (
            "工作成效没有附佐证材料：请把签到表、照片、通报等放进 evidence/，并在 outcome.evidence 中列出。",
            "The outcome has no evidence: put the sign-in sheet, photos or reports in evidence/ and list them in outcome.evidence.",
        ),
    },
)
def outcome_evidence(r: RuleContext) -> Iterator[Finding]:
    for record in r.of_kind("themeday", "outcome"):
        outcome = record.model.outcome
        if outcome is not None and not outcome.evidence:
            yield r.finding(record, "no_evidence", at=("outcome",))


@rule(
    "TD005", "error",
    title_zh="日期或人数自相矛盾（成效评价早于活动、评价日期在将来、实到多于应到）",
    title_en="dates or counts that contradict each other",
    doc_zh=(
        "检查记录内部是否自洽：工作成效的评价日期不能早于活动日期，也不能晚于检查日期（还没到的日子不能已经评价）；"
        "实到人数不能多于应到人数。"
    ),
    doc_en=(
        "A record must agree with itself: the outcome is evaluated on or after the theme day and not after the "
        "as-of date; no more present than expected."
    ),
    example_bad=_DAY + "attendance: {expected: 18, present: 19}\n",
    example_good=_DAY + "attendance: {expected: 18, present: 16}\n",
    messages={
        "before": (
            "工作成效的评价日期 {evaluated} 早于活动日期 {date}。请核对日期。",
            "The outcome was evaluated on {evaluated}, before the theme day on {date}.",
        ),
        "future": (
            "工作成效的评价日期 {evaluated} 晚于今天（{as_of}）。还没到的日子不能已经评价，请核对日期。",
            "The outcome is dated {evaluated}, after today ({as_of}).",
        ),
        "present": ("实到 {present} 人，多于应到 {expected} 人。请核对出席人数。", "{present} present, more than the {expected} expected."),
    },
)
def consistent(r: RuleContext) -> Iterator[Finding]:
    for record in r.of_kind("themeday"):
        day = record.model
        # the dates need `date` and `outcome` valid, the counts `attendance`
        outcome = day.outcome if not record.broken.intersection(("date", "outcome")) else None
        if outcome is not None:
            where = ("outcome", "evaluated_on")
            if outcome.evaluated_on < day.date:
                yield r.finding(record, "before", at=where, part="value", evaluated=outcome.evaluated_on, date=day.date)
            elif outcome.evaluated_on > r.as_of:
                yield r.finding(record, "future", at=where, part="value", evaluated=outcome.evaluated_on, as_of=r.as_of)
        attendance = day.attendance if "attendance" not in record.broken else None
        if attendance is not None and attendance.expected is not None and attendance.present is not None:
            if attendance.present > attendance.expected:
                yield r.finding(
                    record, "present", at=("attendance", "present"), part="value",
                    present=attendance.present, expected=attendance.expected,
                )


# The fields required once a theme day is held (their `stage` and `required` in djrh.kinds.themeday).
HELD_FIELDS = tuple(name for name, _ in required_at(ThemeDay, "held"))


@rule(
    "TD006", "error",
    title_zh="主题党日已经过去，会后要填的栏目还空着",
    title_en="theme day whose date has passed without its held fields",
    source="000 附件2",
    params=(Param("grace_days", 0, "活动后几天内不查（给记录人整理的时间）", "days after the meeting before it is checked"),),
    doc_zh=(
        "附件2 的表格会后要填全：活动日期早于检查日期后，须填写“主题党日规定动作”（prescribed）；融合主题党日还须填写"
        "自选动作“理论指导实践”（theory_practice）和“集体研讨”（discussion）。需要给记录人留整理时间的，"
        "可在 djrh.yaml 中设 TD006: {grace_days: 7}。"
    ),
    doc_en=(
        "Once its date has passed, a theme day records its prescribed actions (prescribed) and, for an integration "
        "day, theory_practice and discussion. Set TD006: {grace_days: 7} to allow time to write them up."
    ),
    example_bad=_DAY.split("prescribed:")[0],
    example_good=_DAY,
    messages={
        "missing": (
            "主题党日（{date}）已经召开，会后要填写的 {fields}还空着。",
            "The theme day of {date} has been held, but {fields} is still empty.",
        ),
    },
)
def held_fields(r: RuleContext) -> Iterator[Finding]:
    grace = timedelta(days=r.param("grace_days"))
    for record in r.of_kind("themeday", "date", "integration", *HELD_FIELDS):
        day = record.model
        if day.date + grace >= r.as_of:
            continue
        missing = [name for name, _ in unfilled(day, "held")]
        if missing:
            yield r.finding(record, "missing", at=(missing[0],), date=day.date, fields=FieldList(ThemeDay, missing))


@rule(
    "TD007", "warning",
    title_zh="同一党支部同一天有两条主题党日记录（如复制的文件），只计一次",
    title_en="two theme-day records of one branch on one date (a copied file): only one counts",
    doc_zh=(
        "同一党支部同一天的两条主题党日记录，多半是复制出来的文件（如 Windows 资源管理器的"
        "“nursing-faculty-1-2026-03 - 副本.yaml”）。两条都计入会多算次数，所以 TD001、TD002 和统计表、提醒只计其中一条："
        "文件名是有效 id 的优先，再按 id 排序在前的；另一条报此项。复制的文件请删除；确是另一次活动的，请改正日期。"
    ),
    doc_en=(
        "Two theme-day records of one branch on one date are most likely a copied file (Windows Explorer's "
        "`… - 副本.yaml`). Counting both would inflate the quotas, so TD001, TD002, reports and reminders count one: "
        "the one whose file name is a valid id, then the first by id; the other is reported here. Delete a copy; "
        "correct the date of a different meeting."
    ),
    example_bad="themedays/2026/nursing-faculty-1-2026-03.yaml 与 themedays/2026/nursing-faculty-1-2026-03 - 副本.yaml（branch、date 相同）",
    example_good="themedays/2026/nursing-faculty-1-2026-03.yaml 与 themedays/2026/nursing-faculty-1-2026-04.yaml",
    messages={
        "copy": (
            "与 {counted} 是同一党支部同一天（{date}）的主题党日，只计入一次（计入的是 {counted}）。如果这是复制的文件，请删除它；如果是另一次活动，请改正日期。",
            "Same branch and date ({date}) as {counted}: the theme day counts once ({counted} is the one counted). Delete this file if it is a copy; correct its date if it is another meeting.",
        ),
    },
)
def copied_themeday(r: RuleContext) -> Iterator[Finding]:
    for copy, counted in r.copied_themedays():
        yield r.finding(copy, "copy", at=("date",), part="value", date=copy.model.date, counted=counted.path)
