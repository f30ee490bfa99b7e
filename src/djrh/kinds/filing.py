"""报送材料: a report submitted to the 组织部 (e.g. 003 四(二): 问题整改清单, 行动总结)."""

from __future__ import annotations

from typing import ClassVar

from djrh.kinds.common import RecordSchema
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import IsoDate, Text, field
from djrh.kinds.vocab import Term


class Filing(RecordSchema):
    SPEC: ClassVar = KindSpec(
        code="filing", term=Term("报送材料", "filing", ("报备材料",)),
        folder="filings", date_field="submitted_on", id_template="{unit}-{submitted_on:%Y-%m-%d}",
        owners=("unit",), references={("unit",): ("branch", "general_branch")}, file_paths=(("file",),),
        prompts=("name", "unit", "submitted_on"),
        header_zh="报送材料记录：报送党委组织部的材料（如问题整改清单、行动总结），材料文件放在 evidence/ 下",
        header_en="Filing record: a report submitted to the organisation department; the file goes under evidence/",
    )
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
