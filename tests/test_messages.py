"""Messages in the user's words (issue 11): a part written as one value is answered with how to
write it, made from the kind's own fields; a list split by a Chinese comma is named as such."""

from __future__ import annotations

import re

import pytest

from conftest import run_djrh, write_tree
from djrh.check.validate import flow_yaml
from djrh.kinds import MODELS
from djrh.kinds.fields import fields_of
from djrh.read.yaml12 import parse

PART_FIELDS = [(kind, name) for kind, schema in MODELS.items() for name, meta in fields_of(schema).items() if meta.nested is not None]


def record_text(kind: str, values: dict) -> str:
    return "".join(f"{key}: {flow_yaml(value)}\n" for key, value in values.items())


@pytest.mark.parametrize("kind, field", PART_FIELDS, ids=[f"{k}.{f}" for k, f in PART_FIELDS])
def test_a_part_written_as_one_value_gets_a_line_that_works(tmp_path, kind, field):
    values = dict(parse(MODELS[kind].EXAMPLE).data)
    values[field] = 55
    root = write_tree(tmp_path / "t", {f"{kind}/{kind.replace('_', '-')}-x.yaml": record_text(kind, values)})
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SCH")
    messages = [f["message"] for f in run.json["findings"] if f["line"] == list(values).index(field) + 1]
    assert len(messages) == 1, run.json["findings"]
    message = messages[0]
    assert "字段映射" not in message and "key: value" not in message
    written = re.search(r"请写成 (.+)$", message).group(1)
    assert written.startswith(f"{field}: ")
    fixed = record_text(kind, values).replace(f"{field}: 55\n", written + "\n")
    (root / f"{kind}/{kind.replace('_', '-')}-x.yaml").write_text(fixed, encoding="utf-8")
    again = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SCH")
    assert [f for f in again.json["findings"] if f["line"] == list(values).index(field) + 1] == [], fixed


def test_members_55_says_what_to_write(tmp_path):
    from conftest import BRANCH

    root = write_tree(tmp_path / "t", {"org/nursing-1.yaml": BRANCH.replace("members: {formal: 20, probationary: 2}", "members: 55")})
    run = run_djrh("check", "--root", str(root), "--select", "SCH", "--as-of", "2026-11-22")
    assert ("members（党员人数）要分项填写：formal（正式党员）、probationary（预备党员），这里却是数字 55。"
            "请写成 members: {formal: 22, probationary: 2}") in run.out
    cached = run_djrh("check", "--root", str(root), "--select", "SCH", "--as-of", "2026-11-22")
    assert cached.out == run.out  # the message's parts come back from the cache the same
    english = run_djrh("--lang", "en", "check", "--root", str(root), "--select", "SCH", "--as-of", "2026-11-22")
    assert "Write members: {formal: 22, probationary: 2}" in english.out


def test_an_item_that_is_not_a_mapping(tmp_path):
    from conftest import BRANCH

    root = write_tree(tmp_path / "t", {"org/nursing-1.yaml": BRANCH + "party_groups: [内科]\n"})
    run = run_djrh("check", "--root", str(root), "--select", "SCH", "--as-of", "2026-11-22")
    assert "party_groups[1]（党小组）的每一项要分项填写：name（党小组名称）、leader（党小组组长）、formed_on（成立日期），这里却是文本“内科”。请写成 - {name: 内科护理教研室党小组, leader: 李强}" in run.out


@pytest.mark.parametrize("written, comma", [("[党课，支委会]", "，"), ("[党课、支委会]", "、"), ("党课，支委会", "，")])
def test_a_list_split_by_a_chinese_comma_is_named(tmp_path, written, comma):
    from conftest import THEMEDAY

    root = write_tree(tmp_path / "t", {"themedays/2026/nursing-1-2026-03.yaml": THEMEDAY + f"also_counts_as: {written}\n"})
    run = run_djrh("check", "--root", str(root), "--select", "SCH", "--as-of", "2026-11-22")
    assert f"中间用了中文标点“{comma}”" in run.out and "请写成 also_counts_as: [党课, 支委会]" in run.out
    assert "可选：" not in run.out
