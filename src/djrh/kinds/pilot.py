"""试点项目: 样板支部、示范点、标杆院系、书记项目、项目小组 (000 五.1, 001 四, 004)."""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds import vocab
from djrh.kinds.common import RecordSchema, Task
from djrh.kinds.types import Choice, Flag, IsoDate, Money, Part, Text, field


class Period(Part):
    start: IsoDate = field("开始", "start", "YYYY-MM-DD")
    end: IsoDate = field("结束", "end", "YYYY-MM-DD")


class TeamMember(Part):
    name: Text = field("姓名", "name")
    status: Choice(vocab.TEAM_STATUS, "team_status") = field(
        "政治面貌", "status", "formal 正式党员 / probationary 预备党员 / non_member 群众", "formal / probationary / non_member"
    )


class Review(Part):
    date: IsoDate = field("验收日期", "date", "YYYY-MM-DD")
    result: Choice(vocab.REVIEW_RESULT, "review_result") = field(
        "验收结果", "result", "passed 通过 / failed 未通过 / pending 待定", "passed / failed / pending"
    )
    note: Text | None = field("说明", "note", default=None)


class Pilot(RecordSchema):
    KIND: ClassVar[str] = "pilot"
    REFERENCES: ClassVar[dict] = {("units", "*"): ("branch", "general_branch")}
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
    type: Choice(vocab.PILOT_TYPE, "pilot_type") = field(
        "项目类型", "type",
        "model_branch 样板支部 / demo_site 示范点 / benchmark_dept 标杆院系 / secretary_project 书记项目 / project_team 项目小组",
        "model_branch / demo_site / benchmark_dept / secretary_project / project_team",
    )
    level: Choice(vocab.PILOT_LEVEL, "pilot_level") = field("级别", "level", "school 校级 / province 省级 / national 全国", "school / province / national")
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
    reviews: list[Review] = field("考核验收", "reviews", "[{date: 日期, result: 结果, note: 说明}]", "", default=[])
