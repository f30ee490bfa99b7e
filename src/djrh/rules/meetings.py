"""MT001–MT008: 三会一课, 组织生活会 and 民主评议党员 — how often a branch meets, and the minutes filled in.

Every count goes through rules/quotas.py (sittings: a meeting record of each type it counts as, a
theme day of each type in its `also_counts_as`), which `djrh report`, `djrh due` and the
工作记录本's cover use too. Quotas count held meetings only (dated on or before the as-of date),
from the branch's first month (quotas.first_month), in the checked years.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from djrh.findings import Finding
from djrh.i18n import FileHint
from djrh.kinds import Meeting
from djrh.kinds.fields import FieldList, required_at, unfilled
from djrh.rules import quotas
from djrh.rules.base import Param, RuleContext, rule, year_span
from djrh.rules.themedays import MonthList

_MEETING = """\
kind: meeting
branch: nursing-faculty-1
type: general_meeting
date: 2026-03-25
place: 护理学院308会议室
topic: 讨论接收预备党员
attendance: {expected: 22, present: 20}
content: 支部书记报告发展对象考察情况，党员逐一发表意见。
decisions: 同意接收刘洋为中共预备党员，报党总支审批。
"""


class QuarterList:
    """Quarters in the output language: 第 2 季度、第 3 季度 / Q2, Q3."""

    def __init__(self, quarters: list[int]) -> None:
        self.quarters = quarters

    def render(self, lang: str) -> str:
        if lang == "zh":
            return "、".join(f"第 {q} 季度" for q in self.quarters)
        return ", ".join(f"Q{q}" for q in self.quarters)


def _checked_years(r: RuleContext, branch):
    """The checked years from the branch's first year (quotas.first_month)."""
    first_year = quotas.first_month(r.ctx, branch)[0]
    return [year for year in r.checked_years if year >= first_year]


@rule(
    "MT001", "warning",
    title_zh="支部某个已结束的季度没有召开支部党员大会",
    title_en="a complete quarter with no general meeting (支部党员大会) held by a branch",
    source="《中国共产党支部工作条例（试行）》第十一条",
    doc_zh=(
        "支部工作条例第十一条：“党支部党员大会是党支部的议事决策机构，由全体党员参加，一般每季度召开1次。”"
        "检查年度中已经结束的季度（季度最后一天早于检查日期），支部没有已召开的支部党员大会（type: general_meeting，"
        "或主题党日、其他会议的 also_counts_as 含 general_meeting）时提示。从支部出现的月份（支委会选举、第一次主题党日"
        "或第一次会议，取最早者）起检查：季度的第一个月早于这个月的不查。每个支部每年一条，列出缺少的季度。"
    ),
    doc_en=(
        "支部工作条例 art. 11: the general meeting is the branch's decision-making body and meets about once a "
        "quarter. A complete quarter of a checked year (its last day before the as-of date) without a general "
        "meeting held (type: general_meeting, or a theme day or meeting whose also_counts_as lists it) is "
        "reported, once per branch and year, listing the quarters. Quarters starting before the branch's first "
        "month are not checked."
    ),
    example_bad="meetings/2026/：nursing-faculty-1 有 1 月、5 月、9 月的党员大会，没有第四季度的（检查日期 2027-01-05）",
    example_good="meetings/2026/：nursing-faculty-1 每个季度至少一次 type: general_meeting（或主题党日 also_counts_as: [general_meeting]）",
    messages={
        "missing": (
            "{year} 年{quarters}没有召开支部党员大会（共 {count} 个季度）。党员大会一般每季度召开 1 次；已召开的请补录会议记录{written}。",
            "No general meeting in {year} in {quarters} ({count} {count:quarter|quarters}). A branch holds one each quarter; record it{written} if it was held.",
        ),
    },
)
def general_meeting_quarterly(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch"):
        for year in _checked_years(r, branch):
            missing = quotas.quarters_missing(r.ctx, branch, year)
            if missing:
                yield r.finding(
                    branch, "missing", span=year_span(year), left_out=quotas.meetings_left_out(r.ctx, branch.id, year),
                    year=year, quarters=QuarterList(missing), count=len(missing), written=FileHint("type: general_meeting"),
                )


@rule(
    "MT002", "warning",
    title_zh="设有支部委员会的支部某个已结束的月份没有召开支委会（寒暑假月份除外）",
    title_en="a complete month (not in policy.months_off) with no committee meeting for a branch that has a committee",
    source="《中国共产党支部工作条例（试行）》第十二条",
    doc_zh=(
        "支部工作条例第十二条：“党支部委员会会议一般每月召开1次，根据需要可以随时召开。”设有支部委员会的支部"
        "（committee 中除书记、副书记外还有委员；不足 7 名正式党员、只设书记和副书记的支部不查），检查年度中已经结束的月份"
        "没有支委会（type: branch_committee，或 also_counts_as 含 branch_committee）时提示；"
        "policy.months_off 列出的月份（寒暑假）不查。每个支部每年一条，列出缺少的月份。"
    ),
    doc_en=(
        "支部工作条例 art. 12: the branch committee meets about once a month. For a branch with a committee (its "
        "committee lists someone beyond the secretary and deputy; a branch of fewer than 7 full members with only a "
        "secretary is not checked), a complete month of a checked year (months in policy.months_off excepted) "
        "without a committee meeting is reported, once per branch and year, listing the months."
    ),
    example_bad="meetings/2026/：nursing-faculty-1（支委 3 人）有 3 月、5 月的支委会，没有 4 月的",
    example_good="meetings/2026/：nursing-faculty-1 每个月都有 type: branch_committee 的记录（2 月、8 月除外）",
    messages={
        "missing": (
            "{year} 年 {months}没有召开支委会（共 {count} 个月）。支委会一般每月召开 1 次；已召开的请补录会议记录{written}。",
            "No committee meeting in {year} in {months} ({count} {count:month|months}). The committee meets each month; record it{written} if it was held.",
        ),
    },
)
def committee_monthly(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch", "committee"):
        if not quotas.has_committee(branch):
            continue
        for year in _checked_years(r, branch):
            missing = quotas.committee_months_missing(r.ctx, branch, year)
            if missing:
                yield r.finding(
                    branch, "missing", at=("committee",), span=year_span(year),
                    left_out=quotas.meetings_left_out(r.ctx, branch.id, year),
                    year=year, months=MonthList(missing), count=len(missing), written=FileHint("type: branch_committee"),
                )


@rule(
    "MT003", "info",
    title_zh="党小组某个已结束的月份没有召开党小组会（寒暑假月份除外）",
    title_en="a complete month (not in policy.months_off) with no meeting of a party group listed in party_groups",
    source="《中国共产党支部工作条例（试行）》第十三条",
    doc_zh=(
        "支部工作条例第十三条：“党小组会一般每月召开1次，组织党员参加政治学习、谈心谈话、开展批评和自我批评等。”"
        "支部记录 party_groups 中的每个党小组，检查年度中已经结束的月份没有党小组会（type: party_group 且 group 为该党小组的名称；"
        "全支部参加的主题党日或会议 also_counts_as 含 party_group 时，各党小组都算召开）时提示；policy.months_off 的月份不查。"
        "年中新设的党小组在 party_groups 中写 formed_on（成立日期），此前的月份不查。每个党小组每年一条。"
    ),
    doc_en=(
        "支部工作条例 art. 13: a party group meets about once a month. For each group in the branch's party_groups, "
        "a complete month of a checked year (months_off excepted) without a meeting of the group (type: "
        "party_group with its name as group; a theme day or meeting of the whole branch that also counts as "
        "party_group counts for every group) is reported, once per group and year. A group set up during the year "
        "gives formed_on; the months before it are not checked."
    ),
    example_bad="org/nursing-faculty-1.yaml 有党小组“内科护理教研室党小组”，meetings/2026/ 中没有它 4 月的党小组会",
    example_good=(
        "kind: meeting\nbranch: nursing-faculty-1\ntype: party_group\ngroup: 内科护理教研室党小组\ndate: 2026-04-16\n"
        "place: 护理楼205\ntopic: 学习《中国共产党纪律处分条例》第六章\n"
    ),
    messages={
        "missing": (
            "党小组“{group}”{year} 年 {months}没有党小组会记录（共 {count} 个月）。党小组会一般每月召开 1 次；已召开的请补录{written}。",
            "Party group “{group}” has no meeting in {year} in {months} ({count} {count:month|months}). A group meets each month; record it{written} if it met.",
        ),
    },
)
def party_group_monthly(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch", "party_groups"):
        for index, group in enumerate(branch.model.party_groups):
            for year in _checked_years(r, branch):
                missing = quotas.group_months_missing(r.ctx, branch, group, year)
                if missing:
                    yield r.finding(
                        branch, "missing", at=("party_groups", index), span=year_span(year),
                        left_out=quotas.meetings_left_out(r.ctx, branch.id, year, ("group",)),
                        group=group.name, year=year, months=MonthList(missing), count=len(missing),
                        written=FileHint(f"type: party_group，group: {group.name}", f"type: party_group, group: {group.name}"),
                    )


@rule(
    "MT004", "warning",
    title_zh="支部一个已结束的年度上党课少于规定次数（默认 4 次）",
    title_en="fewer party lectures (党课) in a complete year than per_year (default 4)",
    source="《中国共产党党员教育管理工作条例》第十六条；各地“三会一课”实施细则",
    params=(Param("per_year", 4, "每个支部每年至少上党课的次数（各地规定不同：每季度 1 次为 4，每学期 2 次也为 4）", "party lectures a branch gives each year (local rules differ)"),),
    doc_zh=(
        "党员教育管理工作条例第十六条：党支部运用“三会一课”制度，党员按期参加党员大会、党小组会和上党课。条例没有规定党课次数，"
        "各地实施细则多为“每季度至少 1 次”或“每学期不少于 2 次”，所以次数是参数 per_year（默认 4）。"
        "已结束的检查年度中，支部已上党课（type: party_lecture，或 also_counts_as 含 party_lecture）少于 per_year 次时提示；"
        "从支部出现的年份起检查。"
    ),
    doc_en=(
        "党员教育管理工作条例 art. 16: members attend party lectures under the 三会一课 system. The regulation sets "
        "no number; local rules say once a quarter or twice a term, hence the parameter per_year (default 4). A "
        "complete checked year with fewer lectures held (type: party_lecture, or also_counts_as) is reported."
    ),
    example_bad="meetings/2025/：nursing-faculty-1 全年只有 3 次 type: party_lecture",
    example_good="meetings/2025/：nursing-faculty-1 每个季度一次党课（或主题党日 also_counts_as: [party_lecture]）",
    messages={
        "few": (
            "{year} 年只上了 {held} 次党课，每年不少于 {minimum} 次。已上的党课请补录{written}。",
            "Only {held} party {held:lecture|lectures} in {year}; at least {minimum} a year. Record any that were given{written}.",
        ),
    },
)
def lectures_yearly(r: RuleContext) -> Iterator[Finding]:
    minimum = r.param("per_year")
    for branch in r.of_kind("branch"):
        for year in _checked_years(r, branch):
            if not r.is_complete_year(year):
                continue
            held = len(quotas.held_of_type(r.ctx, branch.id, "party_lecture", year))
            if held < minimum:
                yield r.finding(
                    branch, "few", span=year_span(year), left_out=quotas.meetings_left_out(r.ctx, branch.id, year),
                    year=year, held=held, minimum=minimum, written=FileHint("type: party_lecture"),
                )


@rule(
    "MT005", "error",
    title_zh="已结束的年度没有召开组织生活会（错误）；当年第四季度仍未召开（警告）",
    title_en="no organisational life meeting in a complete year (error); none yet once the as-of year's 4th quarter starts (warning)",
    source="《中国共产党支部工作条例（试行）》第十七条；《中国共产党党员教育管理工作条例》第十七条",
    params=(Param("warn_from_month", 10, "当年从几月起提醒（默认第四季度）", "month of the as-of year from which to warn (Q4)", maximum=12),),
    doc_zh=(
        "支部工作条例第十七条：“党支部每年至少召开1次组织生活会，一般安排在第四季度……会后制定整改措施，逐一整改落实。”"
        "已结束的检查年度没有已召开的组织生活会（type: life_meeting，或 also_counts_as 含 life_meeting）为错误；"
        "当年从 10 月 1 日起仍没有为警告（已计划的会写明）。从支部出现的年份起检查。"
    ),
    doc_en=(
        "支部工作条例 art. 17: a branch holds an organisational life meeting at least once a year, usually in the "
        "fourth quarter, and draws up rectification measures after it. None held in a complete checked year is an "
        "error; none yet in the as-of year from 1 October a warning (a planned one is mentioned)."
    ),
    example_bad="meetings/2025/：nursing-faculty-1 全年没有 type: life_meeting 的记录",
    example_good="meetings/2025/nursing-faculty-1-2025-12-18-life-meeting.yaml（type: life_meeting，附整改措施）",
    messages={
        "year": (
            "{year} 年没有召开组织生活会。党支部每年至少召开 1 次组织生活会；已召开的请补录会议记录{written}。",
            "No organisational life meeting in {year}; a branch holds at least one a year. Record it{written} if it was held.",
        ),
        "this_year": (
            "{year} 年至今还没有召开组织生活会。组织生活会一般安排在第四季度，请在年底前召开。",
            "No organisational life meeting yet in {year}. It is usually held in the fourth quarter: hold it before the year ends.",
        ),
        "this_year_planned": (
            "{year} 年至今还没有召开组织生活会（已计划于 {planned}）。请按计划召开。",
            "No organisational life meeting yet in {year} (planned for {planned}). Hold it as planned.",
        ),
    },
)
def life_meeting_yearly(r: RuleContext) -> Iterator[Finding]:
    warn_from = r.param("warn_from_month")
    for branch in r.of_kind("branch"):
        for year in _checked_years(r, branch):
            complete = r.is_complete_year(year)
            if not complete and r.as_of.month < warn_from:
                continue
            found = quotas.of_type(r.ctx, branch.id, "life_meeting", year)
            if any(quotas.is_held_sitting(r.ctx, s) for s in found):
                continue
            message = "year" if complete else "this_year_planned" if found else "this_year"
            yield r.finding(
                branch, message, severity="error" if complete else "warning", span=year_span(year),
                left_out=quotas.meetings_left_out(r.ctx, branch.id, year),
                year=year, planned=found[0].day if found else "", written=FileHint("type: life_meeting"),
            )


@rule(
    "MT006", "warning",
    title_zh="已结束的年度没有开展民主评议党员",
    title_en="no democratic review of members (民主评议党员) in a complete checked year",
    source="《中国共产党党员教育管理工作条例》第十八条（民主评议党员）",
    doc_zh=(
        "党员教育管理工作条例：“党支部一般每年开展1次民主评议党员……可以结合组织生活会一并进行。”评定等次为优秀、合格、"
        "基本合格、不合格（review 中填写各等次人数）。已结束的检查年度没有已开展的民主评议党员（type: member_review，"
        "或组织生活会等会议的 also_counts_as 含 member_review）时提示。从支部出现的年份起检查。"
    ),
    doc_en=(
        "党员教育管理工作条例: a branch reviews its members once a year, possibly together with the life meeting, "
        "grading them excellent, qualified, basically qualified or unqualified (review). A complete checked year "
        "without a review held (type: member_review, or also_counts_as) is reported."
    ),
    example_bad="meetings/2025/：nursing-faculty-1 全年没有 type: member_review 的记录，组织生活会也没有 also_counts_as: [member_review]",
    example_good="meetings/2025/nursing-faculty-1-2025-12-18-life-meeting.yaml：also_counts_as: [member_review]，review 填写各等次人数",
    messages={
        "year": (
            "{year} 年没有开展民主评议党员。党支部一般每年开展 1 次，可结合组织生活会进行；已开展的请补录{written}。",
            "No democratic review of members in {year}; a branch holds one a year, possibly with the life meeting. Record it{written}.",
        ),
    },
)
def member_review_yearly(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch"):
        for year in _checked_years(r, branch):
            if not r.is_complete_year(year):
                continue
            if not quotas.held_of_type(r.ctx, branch.id, "member_review", year):
                yield r.finding(
                    branch, "year", span=year_span(year), left_out=quotas.meetings_left_out(r.ctx, branch.id, year), year=year,
                    written=FileHint("type: member_review，或组织生活会 also_counts_as: [member_review]",
                                     "type: member_review, or also_counts_as: [member_review]"),
                )


@rule(
    "MT007", "warning",
    title_zh="支部党员大会到会不足有表决权党员的半数，或支委会到会委员不足半数",
    title_en="a general meeting with present ≤ half of expected, or a committee meeting with present ≤ half of the committee",
    source="《中国共产党支部工作条例（试行）》第十一、十二条",
    doc_zh=(
        "支部工作条例第十一条：党员大会“进行选举和通过决议时，必须有半数以上有表决权的党员到会方可进行”；第十二条：支委会"
        "“须有半数以上委员到会方可进行”。已召开的支部党员大会（含 also_counts_as 计为党员大会的主题党日和会议）实到人数"
        "不超过应到人数（attendance.expected；未填时按支部正式党员与预备党员合计）的一半，或支委会实到人数不超过支部记录"
        " committee 所列委员人数的一半时提示：这次会议的表决无效，需要重新召开。条例说的是有表决权的党员（正式党员），而应到人数"
        "通常按全体党员填写：进行表决时请在会议决议中另写明有表决权党员的应到、实到人数。"
    ),
    doc_en=(
        "支部工作条例 arts. 11, 12: a general meeting votes only with more than half of the voting members present, "
        "a committee meeting only with more than half of its members. A held general meeting (including theme days "
        "and meetings that also count as one) whose present count is at most half of attendance.expected (else "
        "the branch's members), or a committee meeting with at most half of the committee listed on the branch "
        "record present, is reported: its votes are not valid."
    ),
    example_bad=_MEETING.replace("present: 20", "present: 11"),
    example_good=_MEETING,
    messages={
        "general": (
            "这次支部党员大会实到 {present} 人，未超过应到 {expected} 人的半数，不能进行表决和选举。请核对人数；会上的表决应在到会人数过半时重新进行。",
            "{present} present at this general meeting, not more than half of the {expected} expected: it could not vote. Check the numbers; hold the vote again with more than half present.",
        ),
        "committee": (
            "这次支委会实到 {present} 人，未超过支部委员会 {size} 名委员的半数，会议不能进行。请核对人数。",
            "{present} present at this committee meeting, not more than half of the committee's {size} {size:member|members}: it could not sit. Check the numbers.",
        ),
    },
)
def quorum(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch"):
        size = len(branch.model.committee) if branch.usable(("committee",)) else None
        members = branch.model.members if branch.usable(("members",)) else None
        seen = set()
        for sitting in quotas.sittings(r.ctx, branch.id):
            if sitting.type not in ("general_meeting", "branch_committee") or not quotas.is_held_sitting(r.ctx, sitting):
                continue
            record = sitting.record
            if (id(record), sitting.type) in seen or not record.usable(("attendance",)):
                continue
            seen.add((id(record), sitting.type))
            attendance = record.model.attendance
            if attendance is None or attendance.present is None:
                continue  # MT008's to ask for
            where = ("attendance", "present")
            if sitting.type == "general_meeting":
                expected = attendance.expected
                if expected is None and members is not None:
                    expected = members.formal + members.probationary
                if expected and attendance.present * 2 <= expected:
                    yield r.finding(record, "general", at=where, part="value", present=attendance.present, expected=expected)
            elif size and attendance.present * 2 <= size:
                yield r.finding(record, "committee", at=where, part="value", present=attendance.present, size=size)


# The fields a held meeting must have (their `stage` and `required` in djrh.kinds.meeting).
HELD_FIELDS = tuple(name for name, _ in required_at(Meeting, "held"))


@rule(
    "MT008", "error",
    title_zh="会议日期已过，会后要填的栏目还空着（会议内容、实到人数等）",
    title_en="a meeting whose date has passed without its held fields (content; attendance.present)",
    source="《中国共产党支部工作条例（试行）》第十一–十三、十七条；会议记录",
    params=(Param("grace_days", 0, "会后几天内不查（给记录人整理的时间）", "days after the meeting before it is checked"),),
    doc_zh=(
        "会议记录要在会后填全：会议日期早于检查日期后，须填写会议内容（content）和出席情况中的实到人数（attendance.present）；"
        "党课还须填写授课人（lecturer），民主评议党员须填写评议结果（review），组织生活会须填写整改措施（rectification，"
        "支部工作条例第十七条：会后制定整改措施，逐一整改落实）。需要给记录人留整理时间的，可在 djrh.yaml 中设 MT008: {grace_days: 7}。"
    ),
    doc_en=(
        "Once its date has passed, a meeting records what was discussed (content) and how many were present "
        "(attendance.present); a party lecture also its lecturer, a review of members its grades (review), a life "
        "meeting its rectification measures. Set MT008: {grace_days: 7} to allow time to write them up."
    ),
    example_bad=_MEETING.split("attendance:")[0],
    example_good=_MEETING,
    messages={
        "missing": (
            "会议（{date}，{type}）已经召开，会后要填写的 {fields}还空着。",
            "The meeting of {date} ({type}) has been held, but {fields} is still empty.",
        ),
    },
)
def held_fields(r: RuleContext) -> Iterator[Finding]:
    grace = timedelta(days=r.param("grace_days"))
    for record in r.of_kind("meeting", "date", "type", *HELD_FIELDS):
        meeting = record.model
        if meeting.date + grace >= r.as_of:
            continue
        missing = [name for name, _ in unfilled(meeting, "held")]
        if "attendance" not in missing and meeting.attendance.present is None:
            missing.insert(0, "attendance.present")
        if missing:
            at = tuple(missing[0].split("."))
            yield r.finding(record, "missing", at=at, date=meeting.date, type=TypeLabel(meeting.type), fields=FieldList(Meeting, missing))


class TypeLabel:
    """A meeting type's name: 支部党员大会 / general meeting."""

    def __init__(self, code: str) -> None:
        self.code = code

    def render(self, lang: str) -> str:
        from djrh.kinds import vocab

        return vocab.label(vocab.MEETING_TYPE, self.code, lang)
