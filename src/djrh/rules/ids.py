"""ID001, ID002: a record's id is its file name; ids are ASCII slugs, unique in the tree (SPEC 1)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from djrh.findings import Finding
from djrh.i18n import series
from djrh.kinds import KINDS, MODELS
from djrh.kinds.fields import fields_of
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
        "数字和连字符组成，并以字母或数字开头，例如 nursing-faculty-1-2026-03。建议的新名字按这类记录的"
        "习惯 id（主题党日为 支部id-年-月）由记录自己的字段组成，并避开记录树中已有的 id。"
    ),
    doc_en=(
        "A record's id is its file name without extension; other records refer to it by that id. Ids are "
        "lower-case ASCII letters, digits and hyphens, starting with a letter or digit. The name suggested is "
        "the kind's usual id made from the record's own fields (a theme day: branch-year-month), one no other "
        "record of the tree has."
    ),
    example_bad="org/护理学院教工支部.yaml",
    example_good="org/nursing-faculty-1.yaml",
    messages={
        "suggest": (
            "文件名“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头。建议改名为 {suggestion}。",
            "The file name “{id}” is not a valid record id: use lower-case ASCII letters, digits and hyphens, starting with a letter or digit. Rename it to {suggestion}.",
        ),
        "pattern": (
            "文件名“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头。{kind}的文件名习惯写成 {pattern}，请按这个格式改名。",
            "The file name “{id}” is not a valid record id: use lower-case ASCII letters, digits and hyphens, starting with a letter or digit. A {kind} is usually named {pattern}; rename it so.",
        ),
        "named": (
            "文件名“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头，如单位名称的拼音或英文缩写（nursing-faculty-1）。请给文件改名；中文名称写在 name 字段里。",
            "The file name “{id}” is not a valid record id: use lower-case ASCII letters, digits and hyphens, starting with a letter or digit, such as an abbreviation of the unit's name (nursing-faculty-1). Rename the file; the Chinese name goes in the name field.",
        ),
        "invalid": (
            "文件名“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头。请给文件改名。",
            "The file name “{id}” is not a valid record id: use lower-case ASCII letters, digits and hyphens, starting with a letter or digit. Rename the file.",
        ),
    },
)
def check_id_format(r: RuleContext) -> Iterator[Finding]:
    taken = set(r.by_id)
    for record in r.records:
        if ID_PATTERN.match(record.id):
            continue
        suggestion = suggested_id(record, taken)
        extension = record.path.rsplit(".", 1)[-1]
        if suggestion is not None:
            taken.add(suggestion)  # two copies in one folder are not both told the same name
            yield r.finding(record, "suggest", id=record.id, suggestion=f"{suggestion}.{extension}")
            continue
        spec = KINDS.get(record.kind or "")
        if spec is not None and spec.id_template is not None:
            from djrh.rules.refs import KindNames  # (imported here: the catalogue lists ID before REF)

            yield r.finding(record, "pattern", id=record.id, kind=KindNames((spec.code,)), pattern=f"{id_pattern(spec)}.{extension}")
        elif spec is not None and "name" in fields_of(MODELS[spec.code]):
            yield r.finding(record, "named", id=record.id)
        else:
            yield r.finding(record, "invalid", id=record.id)


def suggested_id(record, taken: set[str]) -> str | None:
    """A free id for a record whose file name is not one: the kind's usual id made from the
    record's own fields (`nursing-1-2026-03` for a theme day), else the file name made valid
    (`Nursing_2` -> `nursing-2`); numbered (`-2`, `-3`) past the ids already taken, so never one
    that another record has (a copy, `… - 副本.yaml`, has its original's id to avoid). Its own id,
    not a valid one, is never among them: `taken` is used as it is (a copy of it for each of a
    thousand misnamed files was most of a check's time)."""
    from djrh.edit.new import proposed_id
    from djrh.edit.scaffold import free_id

    spec = KINDS.get(record.kind or "")
    base = None
    if spec is not None and spec.id_template is not None and record.model is not None:
        names = spec.id_fields()
        if record.usable(names):
            base = proposed_id(spec, {name: getattr(record.model, name, None) for name in names})
    if base is None:
        base = slug_suggestion(record.id)
    return free_id(base, taken) if base else None


def id_pattern(spec) -> str:
    """The usual id of a kind as a person reads it: `branch-YYYY-MM` from `{branch}-{date:%Y-%m}`."""
    from string import Formatter

    dates = {"%Y": "YYYY", "%m": "MM", "%d": "DD"}
    shown = ""
    for literal, name, spec_text, _ in Formatter().parse(spec.id_template):
        shown += literal
        if name:
            part = name.split("[", 1)[0]
            if spec_text:
                for code, word in dates.items():
                    spec_text = spec_text.replace(code, word)
                part = spec_text
            shown += part
    return shown


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
            others = series(other.path for other in records if other is not record)
            yield r.finding(record, "duplicate", id=record_id, others=others)
