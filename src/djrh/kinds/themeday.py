"""主题党日: the 党建融合主题党日活动设计模板 (000_3673d4a9ac7d6382.txt 附件2).

A theme day is written in steps, like the paper form: before the meeting (the planned fields,
checked by the schema), after it (the held fields; `prescribed`, `theory_practice` and `discussion`
are required then, which rule TD006 asks for once the date has passed), then `outcome` once the
work is done.
"""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds import vocab
from djrh.kinds.common import RecordSchema, Task
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import Choice, Count, Flag, IsoDate, Part, Text, TimeRange, When, field
from djrh.kinds.vocab import Term

# 附件2: the 自选动作 (and the business cut-in point) are what makes a theme day an integration one.
INTEGRATION = When("integration", True, "cond.integration")


class Absence(Part):
    LABEL: ClassVar = ("缺席人员", "absence")

    name: Text = field("姓名", "name")
    reason: Text | None = field("缺席原因", "reason", default=None)


class Attendance(Part):
    LABEL: ClassVar = ("出席情况", "attendance")

    expected: Count | None = field("应到人数", "expected", default=None)
    present: Count | None = field("实到人数", "present", default=None)
    absent: list[Absence] = field("缺席人员", "absent", "[{name: 姓名, reason: 原因}]", "", default=[])


class Outcome(Part):
    LABEL: ClassVar = ("工作成效", "outcome")

    evaluated_on: IsoDate = field("评价日期", "evaluated on", "填写效果评价的日期", "date of the evaluation")
    summary: Text = field("效果评价", "evaluation", "工作完成后的效果评价", "what the work achieved")
    evidence: list[Text] = field(
        "佐证材料", "evidence",
        "佐证材料的路径，放在 evidence/ 下，如 evidence/2026/签到表.pdf",
        "paths of the evidence files under evidence/",
        default=[],
    )


class ThemeDay(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="themeday", term=Term("主题党日", "theme day", ("主题党日活动",)),
        folder="themedays/{year}", date_field="date", id_template="{branch}-{date:%Y-%m}",
        owners=("branch",), references={("branch",): ("branch",)}, file_paths=(("outcome", "evidence", "*"),),
        prompts=("branch", "date", "time", "place", "theme"), markdown=True, held_rule="TD006",
        header_zh=(
            "主题党日记录 · 党建融合主题党日活动设计模板（《加快党建融合创新工作方案和操作指南》附件2）\n"
            "会前填写活动时间、地点、主题和业务工作描述；会后填写规定动作和自选动作；工作完成后填写工作成效并附佐证材料。\n"
            "注意：本表需保存在支部备查，并作为年度考核佐证材料报送；党支部每年度开展党建和业务融合主题党日不少于 2 次。"
        ),
        header_en=(
            "Theme day (主题党日) record — the integration theme-day design template (附件2)\n"
            "Before the meeting: time, place, theme and business work; after it: the prescribed and chosen actions; "
            "once the work is done: the outcome with evidence.\n"
            "Note: the form is kept by the branch and filed for the annual assessment; each branch holds at least 2 "
            "integration theme days a year."
        ),
    )
    EXAMPLE: ClassVar[str] = """\
kind: themeday
branch: nursing-faculty-1
date: 2026-03-18
time: 14:30-17:00
place: 护理学院308会议室
theme: 推进护理技能大赛备赛
integration: true
entry_point: education
education_path: practice
business_work: 省赛急救模块失分较多，研究训练方案和指导教师分工。
prescribed: 学习全国教育大会精神；布置发展对象考察工作。
theory_practice: 教育强国建设落到我们身上，就是把每一项技能练扎实。
discussion: 形成“一生一师一方案”，实训室每晚开放，党员教师轮流值守。
tasks:
  - {task: 制定急救模块训练计划, owner: 王丽, due: 2026-03-31, done_on: 2026-03-28}
attendance:
  expected: 24
  present: 22
  absent:
    - {name: 赵敏, reason: 带学生临床实习}
also_counts_as: [party_lecture]
outcome:
  evaluated_on: 2026-06-20
  summary: 获省赛一等奖 1 项、二等奖 2 项。
  evidence: [evidence/2026/获奖通报.pdf]
"""
    branch: Text = field("党支部", "branch", "举办本次主题党日的党支部 id（org/ 下的文件名）", "id of the branch holding it")
    date: IsoDate = field("活动时间（日期）", "date", "YYYY-MM-DD", "YYYY-MM-DD")
    time: TimeRange | None = field("活动时间（时段）", "time", "如 14:30-17:00", "e.g. 14:30-17:00", default=None)
    place: Text = field("活动地点", "place")
    theme: Text = field("活动主题", "theme")
    integration: Flag = field(
        "党建与业务融合", "integration",
        "是否为党建与业务融合主题党日（每个支部每年不少于 2 次），默认 true",
        "a party-building and business integration theme day (at least 2 a year), default true",
        default=True,
    )
    entry_point: Choice(vocab.ENTRY_POINT, "entry_point") | None = field(
        "切入点", "entry point", "融合主题党日必填", "required for an integration day",
        default=None, required=INTEGRATION,
    )
    education_path: Choice(vocab.EDUCATION_PATH, "education_path") | None = field(
        "十大育人路径", "education path", "切入点为三全育人时必填", "required when the entry point is education",
        default=None, required=When("entry_point", "education", "cond.education"),
    )
    business_work: Text | None = field(
        "业务工作描述", "business work",
        "会前找准业务工作切入点及要集体研究解决的问题",
        "before the meeting: the business cut-in point and the problem to solve together",
        default=None, required=INTEGRATION,
    )
    prescribed: Text | None = field(
        "主题党日规定动作", "prescribed actions",
        "含理论学习、党务工作布置等（会后填写）",
        "theory study, party-affairs arrangements (after the meeting)",
        default=None, stage="held", required=True,
    )
    theory_practice: Text | None = field(
        "自选动作·理论指导实践", "theory guiding practice",
        "学习见思想，结合推动本次工作谈思想收获（会后填写）",
        "what the study means for this work (after the meeting)",
        default=None, stage="held", required=INTEGRATION,
    )
    discussion: Text | None = field(
        "自选动作·集体研讨", "collective discussion",
        "集体研讨，形成解决方案和任务安排（会后填写）",
        "the solution and task arrangement reached (after the meeting)",
        default=None, stage="held", required=INTEGRATION,
    )
    tasks: list[Task] = field(
        "任务安排", "tasks", "[{task: 任务, owner: 责任人, due: 时限, done_on: 完成日期}]", "", default=[], stage="held"
    )
    attendance: Attendance | None = field(
        "出席情况", "attendance", "{expected: 应到, present: 实到, absent: [{name, reason}]}", "", default=None, stage="held"
    )
    also_counts_as: list[Choice(vocab.MEETING_TYPE, "meeting_type")] = field(
        "同时计为", "also counts as", "一会多用", "one event, several meetings", default=[],
    )
    outcome: Outcome | None = field(
        "工作成效", "outcome",
        "会后，待工作完成后，填写效果评价，并附相关佐证材料",
        "after the work is done: the evaluation, with evidence",
        default=None, stage="outcome",
    )
