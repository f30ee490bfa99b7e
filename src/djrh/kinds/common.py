"""Parts shared by several record kinds, and the base of every record schema."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from djrh.kinds.spec import KindSpec
from djrh.kinds.types import IsoDate, Part, Text, field


class Task(Part):
    """One row of a 任务安排 / 任务分解责任表 (004 4.2: 任务书、路线图、时间表和责任人)."""

    LABEL: ClassVar = ("任务", "task")

    task: Text = field("任务", "task", "要完成的具体工作", "the piece of work to be done")
    owner: Text | None = field("责任人", "owner", "", "", default=None)
    due: IsoDate | None = field("完成时限", "due", "YYYY-MM-DD", "YYYY-MM-DD", default=None)
    done_on: IsoDate | None = field("完成日期", "done on", "完成后填写，YYYY-MM-DD", "filled when done, YYYY-MM-DD", default=None)


class Waiver(Part):
    """An approved exception to one rule for this record (e.g. ORG001 while a split is prepared)."""

    LABEL: ClassVar = ("豁免", "waiver")

    rule: Text = field("规则代码", "rule", "被豁免的规则，如 ORG001", "the rule waived, e.g. ORG001")
    reason: Text = field("原因", "reason", "", "")
    approved_by: Text = field("批准单位", "approved by", "如 党委组织部", "e.g. the organisation department")
    ref: Text | None = field("批准文号", "reference", "如 组通〔2026〕12号", "approval reference", default=None)
    until: IsoDate = field("有效期至", "until", "YYYY-MM-DD，到期后豁免失效", "YYYY-MM-DD; the waiver ends then")


class RecordSchema(BaseModel):
    """Base of every record schema. `kind` is read before validation and is not a model field."""

    # defer_build: the validator is built by the first record validated, not at import; a warm check
    # validates none (every model comes from the cache) and starts 40 ms sooner.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # What the kind says about itself: its code, name, folder, id, references… (djrh.kinds.spec)
    SPEC: ClassVar[KindSpec]
    # A complete record of this kind, for docs/format.md (a test checks that it is valid).
    EXAMPLE: ClassVar[str] = ""

    waivers: list[Waiver] = field(
        "豁免", "waivers",
        "经批准的规则例外：[{rule, reason, approved_by, ref, until}]",
        "approved exceptions: [{rule, reason, approved_by, ref, until}]",
        default=[],
    )
