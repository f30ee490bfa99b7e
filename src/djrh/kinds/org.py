"""党总支 (general branch) and 党支部 (branch): the branch registry."""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds import vocab
from djrh.kinds.common import RecordSchema
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import Choice, Count, Flag, IsoDate, Part, Text, field
from djrh.kinds.vocab import Term


class GeneralBranch(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="general_branch", term=Term("党总支", "general branch", ("二级党委", "党总支（二级党委）")),
        folder="org", unit=True, prompts=("name",),
        header_zh="党总支（二级党委）记录",
        header_en="General branch (党总支) record",
    )
    EXAMPLE: ClassVar[str] = "kind: general_branch\nname: 护理学院党总支\nsecretary: 刘建华\n"

    name: Text = field("名称", "name", "党总支（二级党委）全称，如 护理学院党总支", "full name")
    secretary: Text | None = field("书记", "secretary", "", "", default=None)


class Members(Part):
    LABEL: ClassVar = ("党员人数", "members")

    formal: Count = field("正式党员", "full members", "正式党员人数", "number of full members")
    probationary: Count = field("预备党员", "probationary members", "预备党员人数，没有填 0", "number of probationary members", default=0)


class CommitteeMember(Part):
    LABEL: ClassVar = ("支委委员", "committee member")

    name: Text = field("姓名", "name")
    role: Choice(vocab.COMMITTEE_ROLE, "committee_role") = field("职务", "role")


class PartyGroup(Part):
    LABEL: ClassVar = ("党小组", "party group")

    name: Text = field("党小组名称", "name")
    leader: Text | None = field("党小组组长", "leader", default=None)
    # MT003 expects a 党小组会 every month from here on: a group set up in the middle of a year (the
    # new grade of a student branch) is not missing the months before it existed.
    formed_on: IsoDate | None = field(
        "成立日期", "formed on", "年中新设的党小组填写，YYYY-MM-DD；此前的月份不要求召开党小组会",
        "for a group set up during the year, YYYY-MM-DD: no party-group meeting is expected before it",
        default=None,
    )


class Branch(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="branch", term=Term("党支部", "branch", ("支部",)),
        folder="org", unit=True, references={("parent",): ("general_branch",)},
        prompts=("name", "parent", "category", "elected_on"),
        header_zh=(
            "党支部记录：支部设置、党员人数、支部委员会与换届\n"
            "依据：党支部党员一般不超过 50 人；支委会由 3 至 5 人组成，一般不超过 7 人；每届任期一般为 3 年，任期届满按期换届。"
        ),
        header_en=(
            "Branch (党支部) record: organisation, members, committee and elections\n"
            "Rules: at most 50 members per branch; a committee of 3 to 5, normally at most 7; a 3-year term, elections on time."
        ),
    )
    EXAMPLE: ClassVar[str] = """\
kind: branch
name: 护理学院教工第一党支部
parent: nursing-gb
category: faculty
members: {formal: 22, probationary: 2}
committee:
  - {name: 王丽, role: secretary}
  - {name: 李强, role: organization}
  - {name: 陈静, role: publicity}
elected_on: 2025-06-12
term_years: 3
dual_leader: true
party_groups:
  - {name: 内科护理教研室党小组, leader: 李强}
"""

    name: Text = field("名称", "name", "党支部全称，如 护理学院教工第一党支部", "full name")
    parent: Text | None = field(
        "所属党总支", "general branch",
        "所属党总支的 id（org/ 下的文件名，不含扩展名）；直属党支部不填",
        "id of its general branch; leave empty for a branch directly under the Party committee",
        default=None,
    )
    category: Choice(vocab.BRANCH_CATEGORY, "branch_category") = field("支部类别", "category")
    members: Members = field("党员人数", "members", "{formal: 正式党员人数, probationary: 预备党员人数}", "{formal, probationary}")
    committee: list[CommitteeMember] = field(
        "支部委员会", "committee",
        "每位委员一行 {name: 姓名, role: 职务}；不设委员会的支部只填书记（和副书记）",
        "one line per member {name, role}; a branch without a committee lists its secretary (and deputy)",
        min_length=1,
    )
    elected_on: IsoDate = field("选举日期", "elected on", "本届支委会（或书记）选举产生的日期", "date the current committee was elected")
    term_years: int | None = field(
        "任期（年）", "term (years)", "不填则按规定 3 年", "default from policy: 3",
        default=None, strict=True, ge=1, le=10,
    )
    dual_leader: Flag | None = field(
        "双带头人", "dual leader", "书记是否为“双带头人”（教工、学生党支部）", "the secretary is a 双带头人", default=None
    )
    secretary_heads_department: Flag | None = field(
        "书记兼任部门负责人", "secretary heads the department",
        "书记是否由部门主要负责人担任（机关、后勤党支部“一肩挑”）", "the secretary is the department head", default=None,
    )
    party_groups: list[PartyGroup] = field("党小组", "party groups", "[{name: 名称, leader: 组长, formed_on: 成立日期}]", "", default=[])
