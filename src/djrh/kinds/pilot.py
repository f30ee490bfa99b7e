"""试点项目: 样板支部、示范点、标杆院系、书记项目、项目小组 (000 五.1, 001 四, 004)."""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds import vocab
from djrh.kinds.common import RecordSchema, Task
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import Choice, Flag, IsoDate, Money, Part, Text, field
from djrh.kinds.vocab import Term


class Period(Part):
    LABEL: ClassVar = ("建设周期", "period")

    start: IsoDate = field("开始", "start", "YYYY-MM-DD")
    end: IsoDate = field("结束", "end", "YYYY-MM-DD")


class TeamMember(Part):
    LABEL: ClassVar = ("成员", "team member")

    name: Text = field("姓名", "name")
    status: Choice(vocab.TEAM_STATUS, "team_status") = field("政治面貌", "status")


class Review(Part):
    LABEL: ClassVar = ("考核验收", "review")

    date: IsoDate = field("验收日期", "date", "YYYY-MM-DD")
    result: Choice(vocab.REVIEW_RESULT, "review_result") = field("验收结果", "result")
    note: Text | None = field("说明", "note", default=None)


class Pilot(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="pilot", term=Term("试点项目", "pilot project", ("样板支部、示范点、书记项目",)),
        folder="pilots", date_field="selected_on", period_field="period", id_template="{units[0]}-{type}-{selected_on:%Y}",
        owners=("units",), references={("units", "*"): ("branch", "general_branch")},
        prompts=("name", "type", "level", "units", "selected_on"),
        header_zh=(
            "试点项目记录：样板支部、示范点、标杆院系、书记项目或项目小组\n"
            "任务分解责任表要写明任务、责任人、完成时限（任务书、路线图、时间表和责任人）。"
        ),
        header_en=(
            "Pilot project record: model branch, demonstration site, benchmark department, secretary project or project team\n"
            "The task breakdown names each task, its owner and its due date."
        ),
    )
    EXAMPLE: ClassVar[str] = """\
kind: pilot
name: 护理学院“白衣先锋”样板支部建设
type: model_branch
level: school
units: [nursing-faculty-1]
selected_on: 2025-04-20
period: {start: 2025-05-01, end: 2027-04-30}
budget: 50000
spent: 21800
leader: 王丽
team:
  - {name: 王丽, status: formal}
  - {name: 周凯, status: non_member}
temporary_branch: false
tasks:
  - {task: 建成党员先锋岗 5 个, owner: 王丽, due: 2025-09-30, done_on: 2025-09-26}
reviews:
  - {date: 2026-05-12, result: passed, note: 年度考核验收合格}
"""

    name: Text = field("项目名称", "name")
    type: Choice(vocab.PILOT_TYPE, "pilot_type") = field("项目类型", "type")
    level: Choice(vocab.PILOT_LEVEL, "pilot_level") = field("级别", "level")
    units: list[Text] = field("承担单位", "units", "承担的党支部或党总支 id 列表", "ids of the branches or general branches", min_length=1)
    selected_on: IsoDate = field("立项日期", "selected on", "YYYY-MM-DD，其年份为立项年度", "its year is the selection year")
    period: Period | None = field("建设周期", "period", "{start: 开始日期, end: 结束日期}", "", default=None)
    budget: Money | None = field("经费预算（元）", "budget (yuan)", default=None)
    spent: Money | None = field("已支出（元）", "spent (yuan)", default=None)
    leader: Text | None = field("负责人", "leader", "负责人或小组长", "leader", default=None)
    team: list[TeamMember] = field("成员", "team", "[{name: 姓名, status: 政治面貌}]", "", default=[])
    temporary_branch: Flag | None = field(
        "成立临时党支部", "temporary branch", "正式党员 3 人以上的项目组一般应成立临时党支部", "", default=None
    )
    tasks: list[Task] = field(
        "任务分解责任表", "task breakdown", "[{task: 任务, owner: 责任人, due: 完成时限, done_on: 完成日期}]", "", default=[]
    )
    reviews: list[Review] = field(
        "考核验收", "reviews", "[{date: 日期, result: 结果, note: 说明}]", "", default=[], stage="outcome"
    )
