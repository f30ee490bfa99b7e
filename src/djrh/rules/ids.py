"""ID001, ID002: a record's id is its file name; ids are ASCII slugs, unique in the tree (SPEC 1)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from djrh.findings import Finding
from djrh.records import ID_PATTERN
from djrh.rules.base import RuleContext, rule


def slug_suggestion(name: str) -> str | None:
    """A valid id close to `name` (`Nursing_1` -> `nursing-1`), or None if nothing is left."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = re.sub(r"[\s_.]+", "-", text)
    text = re.sub(r"[^a-z0-9-]", "", text)
    text = re.sub(r"-{2,}", "-", text).strip("-")
    return text if text and ID_PATTERN.match(text) else None


@rule(
    "ID001", "error",
    title_zh="文件名不是有效的记录 id",
    title_en="file name is not a valid id",
    doc_zh=(
        "记录的 id 就是文件名（不含扩展名），其他记录用它来引用这条记录。id 只能由小写英文字母、"
        "数字和连字符组成，并以字母或数字开头，例如 nursing-faculty-1-2026-03。中文名称写在 name 字段里。"
    ),
    doc_en=(
        "A record's id is its file name without extension; other records refer to it by that id. Ids are "
        "lower-case ASCII letters, digits and hyphens, starting with a letter or digit."
    ),
    example_bad="org/护理学院教工支部.yaml",
    example_good="org/nursing-faculty-1.yaml",
    messages={
        "invalid": (
            "文件名“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头。请给文件改名，如 nursing-faculty-1-2026-03.yaml；中文名称写在 name 字段里。",
            "The file name “{id}” is not a valid record id: use lower-case ASCII letters, digits and hyphens, starting with a letter or digit, e.g. nursing-faculty-1-2026-03.yaml. The Chinese name goes in the name field.",
        ),
        "suggest": (
            "文件名“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头。建议改名为 {suggestion}。",
            "The file name “{id}” is not a valid record id: use lower-case ASCII letters, digits and hyphens, starting with a letter or digit. Rename it to {suggestion}.",
        ),
    },
)
def check_id_format(r: RuleContext) -> Iterator[Finding]:
    for record in r.records:
        if not ID_PATTERN.match(record.id):
            suggestion = slug_suggestion(record.id)
            if suggestion:
                yield r.finding(record, "suggest", id=record.id, suggestion=suggestion)
            else:
                yield r.finding(record, "invalid", id=record.id)


@rule(
    "ID002", "error",
    title_zh="两条记录的 id 相同",
    title_en="two records share an id",
    doc_zh="id 取自文件名，必须在整个记录树中唯一（不同文件夹、.yaml 与 .md 之间也不能重名），否则引用会指向不明。",
    doc_en="Ids come from file names and must be unique in the whole tree, across folders and extensions.",
    example_bad="org/it-faculty.yaml 与 themedays/2026/it-faculty.md",
    example_good="org/it-faculty.yaml 与 themedays/2026/it-faculty-2026-03.md",
    messages={
        "duplicate": (
            "记录 id “{id}” 与 {others} 重复。id 取自文件名，须在整个记录树中唯一，请给其中一个文件改名。",
            "The record id “{id}” is also used by {others}. Ids come from file names and must be unique in the tree; rename one of them.",
        ),
    },
)
def check_unique_ids(r: RuleContext) -> Iterator[Finding]:
    for record_id, records in r.by_id.items():
        if len(records) < 2:
            continue
        for record in records:
            others = "、".join(other.path for other in records if other is not record)
            yield r.finding(record, "duplicate", id=record_id, others=others)
