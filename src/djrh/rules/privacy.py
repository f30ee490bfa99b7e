"""PRV001: no resident ID numbers or mobile numbers in the records (个人信息保护法).

SPEC section 3: over the whole file — values, keys, comments, the Markdown minutes — and its name.
What counts as a number is djrh.personal's to say; the same function masks them in all output.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from dataclasses import replace

from djrh.findings import Finding
from djrh.personal import find_numbers
from djrh.records import Record
from djrh.rules.base import RuleContext, rule


@rule(
    "PRV001", "error",
    title_zh="记录中出现居民身份证号或手机号",
    title_en="a resident ID number or mobile number in a record",
    source="《中华人民共和国个人信息保护法》",
    doc_zh=(
        "记录会提交到 git、打印报送，不应含有个人敏感信息。记录文件的全部文字——字段的值、字段名、注释（# 之后）、"
        "会议记录正文——以及文件名中，出现 18 位且校验位正确的居民身份证号，或 11 位手机号（13–19 开头）时报错，"
        "也包括写成 +86/0086 开头、中间有空格或连字符（138 1234 5678、138-1234-5678）、全角数字、夹着看不见的字符，"
        "或没加引号而被读成数字的。金额（后面紧跟小数点和数字，或带 ￥、元等）和前面写明是订单号、流水号、编号、账号、"
        "卡号等的号码不算。请删除，或改为只写姓名；确需联系方式的，保存在组织部的内部名册中。djrh 的所有输出都只显示"
        "这些号码的首尾几位（如 138****5678）。"
    ),
    doc_en=(
        "Records are committed and printed, so they hold no personal numbers: an 18-digit resident ID with a "
        "valid check digit, or an 11-digit mobile number (starting 13–19), anywhere in a record file — values, "
        "keys, comments, the Markdown minutes — or its name is an error; also with +86/0086, spaces or dashes "
        "inside (138 1234 5678), full-width digits, invisible characters inside, or unquoted so that YAML reads a "
        "number. Amounts (a decimal part, or ￥/元 around them) and numbers named as order, serial, account or card "
        "numbers are not. All of djrh's output shows such numbers masked (138****5678)."
    ),
    example_bad="kind: themeday\nattendance:\n  absent:\n    - {name: 赵敏, reason: 带学生实习，联系电话13812345678}\n",
    example_good="kind: themeday\nattendance:\n  absent:\n    - {name: 赵敏, reason: 带学生临床实习}\n",
    # `id` / `mobile` (djrh.personal's kinds of number), in the text, the minutes or the file name
    messages={
        "id": (
            "这里有居民身份证号（{number}）。记录会提交和打印，请删除身份证号。",
            "A resident ID number ({number}) here. Records are committed and printed: delete it.",
        ),
        "mobile": (
            "这里有手机号（{number}）。记录会提交和打印，请删除手机号。",
            "A mobile number ({number}) here. Records are committed and printed: delete it.",
        ),
        "id_minutes": ("会议记录正文中有居民身份证号（{number}）。请删除。", "The minutes hold a resident ID number ({number}). Remove it."),
        "mobile_minutes": ("会议记录正文中有手机号（{number}）。请删除。", "The minutes hold a mobile number ({number}). Remove it."),
        "id_file_name": ("文件名中有居民身份证号（{number}）。请给文件改名。", "The file name holds a resident ID number ({number}). Rename the file."),
        "mobile_file_name": ("文件名中有手机号（{number}）。请给文件改名。", "The file name holds a mobile number ({number}). Rename the file."),
    },
)
def personal_information(r: RuleContext) -> Iterator[Finding]:
    for record in r.records:
        if not record.long_numbers:
            continue  # no run of 11 digits in the file or its name: nothing to find (and no need to read it)
        for number in find_numbers(record.path):
            yield r.finding(record, f"{number.kind}_file_name", number=number.masked)
        text = _file_text(r.root, record)
        for number in find_numbers(text):
            line = text.count("\n", 0, number.start) + 1
            column = number.start - (text.rfind("\n", 0, number.start) + 1) + 1
            in_minutes = bool(record.body_line) and line >= record.body_line
            finding = r.finding(record, f"{number.kind}_minutes" if in_minutes else number.kind, number=number.masked)
            yield replace(finding, line=line, column=column)  # where the number is, not a field


def _file_text(root, record: Record) -> str:
    """The whole file as text, as it was read (an unreadable file has its SYN001 already)."""
    try:
        with open(os.path.join(root, record.path), "rb") as stream:
            raw = stream.read()
    except OSError:
        return ""
    return raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
