"""PRV001: no resident ID numbers or mobile numbers in the records (个人信息保护法)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from djrh.findings import Finding
from djrh.i18n import msg
from djrh.rules.base import Context, rule

_ID = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def valid_resident_id(number: str) -> bool:
    """GB 11643: the 18th character is the check digit of the first 17."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def personal_numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, masked) for each resident ID number or mobile number in `text`."""
    for match in _ID.finditer(text):
        if valid_resident_id(match.group()):
            number = match.group()
            yield match.start(), "id", number[:6] + "********" + number[-4:]
    for match in _MOBILE.finditer(text):
        number = match.group()
        yield match.start(), "mobile", number[:3] + "****" + number[-4:]


def _strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


@rule(
    "PRV001", "error",
    title_zh="记录中出现居民身份证号或手机号",
    title_en="a resident ID number or mobile number in a record",
    source="《中华人民共和国个人信息保护法》",
    doc_zh=(
        "记录会提交到 git、打印报送，不应含有个人敏感信息。任何文字（包括会议记录正文）中出现 18 位且校验位正确的"
        "居民身份证号，或 11 位手机号时报错。请删除，或改为只写姓名；确需联系方式的，保存在组织部的内部名册中。"
    ),
    doc_en=(
        "Records are committed and printed, so they hold no personal numbers: an 18-digit resident ID with a "
        "valid check digit or an 11-digit mobile number anywhere in a record (minutes included) is an error."
    ),
    example_bad="kind: themeday\nattendance:\n  absent:\n    - {name: 赵敏, reason: 带学生实习，联系电话13812345678}\n",
    example_good="kind: themeday\nattendance:\n  absent:\n    - {name: 赵敏, reason: 带学生临床实习}\n",
)
def personal_information(ctx: Context) -> Iterator[Finding]:
    for record in ctx.records:
        if not record.long_numbers or record.data is None:
            continue  # no run of 11 digits in the file: nothing to find (and no need to read it)
        for path, text in _strings(record.data):
            for _, kind, masked in personal_numbers(text):
                yield ctx.finding("PRV001", record, msg(f"prv001.{kind}", number=masked), at=path, part="value")
        if record.body:
            for offset, kind, masked in personal_numbers(record.body):
                line = record.body_line + record.body.count("\n", 0, offset)
                column = offset - (record.body.rfind("\n", 0, offset) + 1) + 1
                finding = ctx.finding("PRV001", record, msg(f"prv001.{kind}_minutes", number=masked))
                yield Finding(finding.code, finding.severity, finding.path, line, column, finding.record, finding.message)
