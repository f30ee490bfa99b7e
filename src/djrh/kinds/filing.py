"""报送材料: a report submitted to the 组织部 (e.g. 003 四(二): 问题整改清单, 行动总结)."""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds.common import RecordSchema
from djrh.kinds.types import IsoDate, Text, field


class Filing(RecordSchema):
    KIND: ClassVar[str] = "filing"
    REFERENCES: ClassVar[dict] = {("unit",): ("branch", "general_branch")}
    FILE_PATHS: ClassVar[tuple] = (("file",),)
    EXAMPLE: ClassVar[str] = """\
kind: filing
name: 问题整改清单
unit: nursing-faculty-1
submitted_on: 2026-04-10
file: evidence/filings/2026/nursing-faculty-1-问题整改清单.pdf
waivers:
  - {rule: DL001, reason: 纸质件已于期限前送达, approved_by: 党委组织部, ref: 组通〔2026〕5号, until: 2026-12-31}
"""

    name: Text = field("材料名称", "name", "如 问题整改清单、行动总结", "e.g. 问题整改清单")
    unit: Text = field("报送单位", "unit", "党支部或党总支的 id", "id of the branch or general branch")
    submitted_on: IsoDate = field("报送日期", "submitted on", "YYYY-MM-DD")
    file: Text | None = field("材料文件", "file", "放在 evidence/ 下的文件路径", "path of the file under evidence/", default=None)
