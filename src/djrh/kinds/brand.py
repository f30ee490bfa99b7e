"""党建品牌: "个个支部有亮点，个个总支有品牌" (000 四(四)); modes from 002."""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds import vocab
from djrh.kinds.common import RecordSchema
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import Choice, IsoDate, Text, field
from djrh.kinds.vocab import Term


class Brand(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="brand", term=Term("党建品牌", "brand", ()),
        folder="brands", id_template="{owner}-brand", owners=("owner",),
        references={("owner",): ("general_branch", "branch"), ("activities", "*"): ("themeday", "pilot")},
        prompts=("name", "owner", "mode", "started_on"),
        header_zh="党建品牌记录：个个支部有亮点，个个总支有品牌",
        header_en="Brand (党建品牌) record",
    )
    EXAMPLE: ClassVar[str] = """\
kind: brand
name: 白衣党旗红·南丁格尔先锋
owner: nursing-gb
mode: brand
business_focus: 护理技能培养与临床实习管理
started_on: 2025-03-01
activities: [nursing-faculty-1-2026-03, model-branch-2025-nursing-faculty-1]
outcomes: 学生护理技能大赛获奖数比上年增加一倍。
"""

    name: Text = field("品牌名称", "name")
    owner: Text = field("创建单位", "owner", "党总支或党支部的 id", "id of the general branch or branch")
    mode: Choice(vocab.BRAND_MODE, "brand_mode") = field("融合模式", "mode")
    business_focus: Text = field("服务的业务工作", "business focus", "品牌服务的业务工作或师生操心事", "the business work it serves")
    started_on: IsoDate = field("创建日期", "started on", "YYYY-MM-DD")
    activities: list[Text] = field("相关活动", "activities", "开展品牌活动的主题党日、试点项目 id 列表", "ids of theme days or pilots", default=[])
    outcomes: Text | None = field("品牌成效", "outcomes", default=None)
