"""三会一课 and the other 组织生活 of a branch: 支部党员大会, 支部委员会会议, 党小组会, 党课, 组织生活会,
民主评议党员 (SPEC section 2, `kind: meeting`).

Sources: 《中国共产党支部工作条例（试行）》第十一–十三、十七条 (how often each meets, the quorum of a
党员大会 and a 支委会); 《中国共产党党员教育管理工作条例》第十六–十八条 (党课, 组织生活会, 民主评议党员
and its four grades); 003 二.4 (严格落实“三会一课”、谈心谈话、组织生活会、民主评议党员和主题党日). See
REGULATIONS.md.

Like a theme day, a meeting is written in two steps, as the 会议记录 is: before it (the planned
fields: who, when, where, what) and after it (the held fields: attendance, what was discussed or
taught, what was decided, the review's grades, the rectification measures), which rule MT008 asks
for once the date has passed.
"""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds import vocab
from djrh.kinds.common import RecordSchema, Task
from djrh.kinds.spec import KindSpec
from djrh.kinds.themeday import Attendance
from djrh.kinds.types import Choice, Count, IsoDate, Part, Text, TimeRange, When, field
from djrh.kinds.vocab import Term


class Review(Part):
    """民主评议党员's result: how many members were graded each way (党员教育管理工作条例 第十八条:
    优秀、合格、基本合格、不合格)."""

    LABEL: ClassVar = ("评议结果", "review result")

    excellent: Count | None = field("优秀", "excellent", "评为优秀的人数", "members graded excellent", default=None)
    qualified: Count | None = field("合格", "qualified", "评为合格的人数", "members graded qualified", default=None)
    basically_qualified: Count | None = field(
        "基本合格", "basically qualified", "评为基本合格的人数", "members graded basically qualified", default=None
    )
    unqualified: Count | None = field("不合格", "unqualified", "评为不合格的人数", "members graded unqualified", default=None)


class Meeting(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="meeting", term=Term("会议", "meeting", ("三会一课", "组织生活", "会议记录")),
        # The id names the branch, the day and the type: readable in a folder listing, sorted by
        # date within a branch, and unique but for two meetings of one type on one day (two party
        # groups), which `djrh new` numbers -2, -3.
        folder="meetings/{year}", date_field="date", id_template="{branch}-{date:%Y-%m-%d}-{type}",
        owners=("branch",), references={("branch",): ("branch",)}, file_paths=(("evidence", "*"),),
        prompts=("branch", "type", "group", "date", "time", "place", "topic", "lecturer"), markdown=True,
        minutes_key="scaffold.minutes_meeting", distinct=("group",), held_rule="MT008",
        header_zh=(
            "会议记录 · 三会一课（支部党员大会、支部委员会会议、党小组会、党课）、组织生活会、民主评议党员\n"
            "会前填写会议类型、时间、地点、议题和主持人；会后填写出席情况、会议内容和决议（民主评议填写评议结果，组织生活会填写整改措施）。\n"
            "依据：党员大会一般每季度召开 1 次，支委会、党小组会一般每月召开 1 次，党支部每年至少召开 1 次组织生活会（一般在第四季度），"
            "一般每年开展 1 次民主评议党员。"
        ),
        header_en=(
            "Meeting record — 三会一课 (general meeting, branch committee, party group, party lecture), organisational "
            "life meeting, democratic review of members\n"
            "Before the meeting: type, time, place, topic and host; after it: attendance, what was discussed and "
            "decided (the grades of a review, the rectification measures of a life meeting).\n"
            "Rules: a general meeting each quarter, a committee and party-group meeting each month, a life meeting at "
            "least once a year (usually in the fourth quarter), a review of members once a year."
        ),
    )
    EXAMPLE: ClassVar[str] = """\
kind: meeting
branch: nursing-faculty-1
type: general_meeting
date: 2026-03-25
time: 15:00-16:30
place: 护理学院308会议室
topic: 讨论接收预备党员；通报一季度党费收缴情况
host: 王丽
recorder: 陈静
attendance:
  expected: 24
  present: 21
  absent:
    - {name: 赵敏, reason: 带学生临床实习}
content: 支部书记报告发展对象考察情况，入党介绍人介绍发展对象表现，党员逐一发表意见。
decisions: 经无记名投票，同意接收刘洋为中共预备党员（应到有表决权的党员 22 人，实到 20 人，赞成 20 票），报党总支审批。
tasks:
  - {task: 将接收预备党员材料报党总支审批, owner: 陈静, due: 2026-04-03, done_on: 2026-04-01}
"""

    branch: Text = field("党支部", "branch", "召开会议的党支部 id（org/ 下的文件名）", "id of the branch holding it")
    type: Choice(vocab.MEETING_TYPE, "meeting_type") = field("会议类型", "type")
    group: Text | None = field(
        "党小组", "party group",
        "党小组会必填：支部记录 party_groups 中该党小组的名称（name）",
        "required for a party-group meeting: the name of one of the branch's party_groups",
        default=None, required=When("type", "party_group", "cond.party_group"),
    )
    date: IsoDate = field("时间（日期）", "date", "YYYY-MM-DD", "YYYY-MM-DD")
    time: TimeRange | None = field("时间（时段）", "time", "如 15:00-16:30", "e.g. 15:00-16:30", default=None)
    place: Text = field("地点", "place")
    topic: Text = field("议题", "topic", "会议议题；党课写党课题目", "the agenda; for a party lecture its title")
    host: Text | None = field("主持人", "host", default=None)
    recorder: Text | None = field("记录人", "recorder", default=None)
    lecturer: Text | None = field(
        "授课人", "lecturer", "党课必填（会后）：讲党课的人", "for a party lecture: who gave it (after the lecture)",
        default=None, stage="held", required=When("type", "party_lecture", "cond.party_lecture"),
    )
    attendance: Attendance | None = field(
        "出席情况", "attendance",
        "{expected: 应到, present: 实到, absent: [{name: 姓名, reason: 缺席原因}]}（会后填写）",
        "{expected, present, absent: [{name, reason}]} (after the meeting)",
        default=None, stage="held", required=True,
    )
    content: Text | None = field(
        "会议内容", "content", "讨论或学习了什么，党课讲了什么（会后填写）",
        "what was discussed, studied or taught (after the meeting)",
        default=None, stage="held", required=True,
    )
    decisions: Text | None = field(
        "会议决议", "decisions", "作出的决定；党员大会、支委会的议事决策和表决结果（会后填写）",
        "what was decided; the votes of a general or committee meeting (after the meeting)",
        default=None, stage="held",
    )
    review: Review | None = field(
        "评议结果", "review result",
        "民主评议党员必填（会后）：{excellent: 优秀, qualified: 合格, basically_qualified: 基本合格, unqualified: 不合格} 各多少人",
        "for a democratic review (after it): how many members were graded excellent, qualified, basically "
        "qualified, unqualified",
        default=None, stage="held", required=When("type", "member_review", "cond.member_review"),
    )
    rectification: list[Task] = field(
        "整改措施", "rectification",
        "组织生活会必填（会后）：查摆问题的整改措施 [{task: 措施, owner: 责任人, due: 时限, done_on: 完成日期}]",
        "for a life meeting (after it): the rectification measures [{task, owner, due, done_on}]",
        default=[], stage="held", required=When("type", "life_meeting", "cond.life_meeting"),
    )
    tasks: list[Task] = field(
        "任务安排", "tasks", "[{task: 任务, owner: 责任人, due: 时限, done_on: 完成日期}]", "", default=[], stage="held"
    )
    evidence: list[Text] = field(
        "佐证材料", "evidence",
        "签到表、照片等的路径，放在 evidence/ 下，如 evidence/2026/签到表.pdf（djrh attach 会复制并写入）",
        "paths of the sign-in sheet, photos… under evidence/ (djrh attach copies them and writes them here)",
        default=[], stage="held",
    )
    also_counts_as: list[Choice(vocab.MEETING_TYPE, "meeting_type")] = field(
        "同时计为", "also counts as", "一会多用：如组织生活会同时开展民主评议党员", "one event, several meetings",
        default=[],
    )
