"""A record with schema errors still counts wherever the fields a rule reads are valid, and no rule
says something false about it (SPEC section 3).

The examples of the issue are fixture trees under tests/rules/ (TD001-partial, DL001-partial,
ORG001-partial, BR003-partial, PJ001-partial, MT001-partial, TD007). Here, every field of a record of every kind is
broken in turn, and the whole catalogue is run: nothing crashes, the broken record gains no finding
but its schema errors, and every finding another record gains names the broken record as left out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from djrh.check.run import load_tree, run_checks
from djrh.check.config import load_config
from djrh.kinds import MODELS
from djrh.read.yaml12 import parse
from report_tree import build_tree

AS_OF = date(2026, 11, 22)
# one record of each kind, with most of its fields filled
SUBJECTS = {
    "org/a1.yaml": "branch",
    "org/gb-a.yaml": "general_branch",
    "themedays/2026/a1-2026-10.yaml": "themeday",
    "themedays/2026/a1-2026-03.yaml": "themeday",
    "pilots/p2.yaml": "pilot",
    "brands/brand-d1.yaml": "brand",
    "filings/d1-summary.yaml": "filing",
    "meetings/2026/d1-2026-06-14-party-group.yaml": "meeting",
    "meetings/2025/a1-2025-12-22-life-meeting.yaml": "meeting",
}
BROKEN = [{"x": 1}]  # no field of any kind accepts a list holding a mapping with an unknown key


def findings(root: Path) -> list:
    result = run_checks(load_tree(root, use_cache=False), load_config(root), AS_OF)
    return result.findings


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> tuple[Path, list]:
    root = build_tree(tmp_path_factory.mktemp("partial") / "records")
    return root, findings(root)


def cases():
    for rel, kind in SUBJECTS.items():
        for name in MODELS[kind].model_fields:
            yield pytest.param(rel, name, id=f"{rel}:{name}")


@pytest.mark.parametrize(("rel", "field"), list(cases()))
def test_a_broken_field_costs_only_what_reads_it(tree, tmp_path, rel, field):
    import shutil

    original_root, original = tree
    root = tmp_path / "records"
    shutil.copytree(original_root, root)
    data = parse((root / rel).read_text("utf-8")).data
    data[field] = BROKEN
    (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    after = findings(root)  # must not raise
    own_before = {(f.code, f.text("zh")) for f in original if f.path == rel}
    own_after = {(f.code, f.text("zh")) for f in after if f.path == rel and f.code[:3] not in ("SYN", "SCH")}
    assert own_after <= own_before, f"{rel} with a broken {field} gained {own_after - own_before}"
    assert any(f.code == "SCH001" and f.path == rel for f in after)

    before = {(f.code, f.path, f.line, f.column, f.text("zh")) for f in original if f.path != rel}
    for f in after:
        if f.path == rel or (f.code, f.path, f.line, f.column, f.text("zh")) in before:
            continue
        assert f"有错误未计入：" in f.text("zh") and rel in f.text("zh"), (
            f"a broken {field} in {rel} made {f.code} on {f.path} say: {f.text('zh')}"
        )


def test_a_partial_record_comes_back_from_the_cache_the_same(tmp_path):
    """The cache keeps what validated and what did not: a second run finds exactly the same."""
    from conftest import run_djrh

    root = build_tree(tmp_path / "records")
    (root / "themedays" / "2026" / "a1-2026-10.yaml").write_text(
        (root / "themedays" / "2026" / "a1-2026-10.yaml").read_text("utf-8") + "remark: 已报组织部\n", "utf-8")
    first = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22")
    from djrh.tree.cache import folder_for

    assert folder_for(root).is_dir() and any(folder_for(root).iterdir())  # the second run reads from the cache
    second = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22")
    assert first.json == second.json
    assert [f["code"] for f in second.json["findings"] if f["path"] == "themedays/2026/a1-2026-10.yaml"] == ["SCH002"]
    tree = load_tree(root)
    [day] = [r for r in tree.records if r.id == "a1-2026-10"]
    assert not day.valid and day.broken == frozenset() and day.model.integration is True


def test_an_empty_required_field_is_told_apart_from_a_missing_one(tmp_path):
    from conftest import check_json, write_tree

    root = write_tree(tmp_path / "t", {"org/g.yaml": "kind: general_branch\nname:\n", "org/h.yaml": "kind: general_branch\n"})
    messages = {f["record"]: f["message"] for f in check_json(root).json["findings"]}
    assert messages == {"g": "必填字段 name（名称）还空着。请填写。", "h": "缺少必填字段 name（名称）。请补上这一项。"}


def test_each_records_owner_is_found_once_not_once_per_owner(tmp_path, monkeypatch):
    """Theme days whose `branch` is broken belong, for every branch's quota, to the branch their
    id starts with (Context.left_out): that owner is found once per record and kind of quota, not
    again for each branch and year that asks (2,000 such days in a 12,000-record tree took 3 s)."""
    import shutil

    from conftest import DEMO
    from djrh.rules.base import Context

    root = tmp_path / "records"
    shutil.copytree(DEMO, root)
    days = sorted((root / "themedays").rglob("*.yaml"))[:6]
    for day in days:
        text = day.read_text("utf-8")
        day.write_text("\n".join(f"branch: [{line[8:]}]" if line.startswith("branch: ") else line for line in text.split("\n")), "utf-8")
    calls = []
    original = Context._owner_by_id
    monkeypatch.setattr(Context, "_owner_by_id", lambda self, *args: calls.append(args) or original(self, *args))
    result = run_checks(load_tree(root, use_cache=False), load_config(root), date(2027, 1, 5))
    broken = [f for f in result.findings if f.code == "SCH001" and f.path in {d.relative_to(root).as_posix() for d in days}]
    assert len(broken) == len(days)
    named = {day.stem for day in days}  # a quota's finding names the days it could not count
    assert any(stem in f.text() for f in result.findings if f.code.startswith("TD") for stem in named)
    assert 0 < len(calls) <= 4 * len(days)  # was once for every branch, year and quota that asked
