"""djrh serve re-checks a saved record on the records it can depend on, not on the whole tree
(serve/state.py, `neighbourhood`). These tests prove that this gives exactly what a fresh
`djrh check` gives: random edits of random records of the demo tree (every kind, every field,
valid and invalid values, references moved to other records or to none), each followed by both
checks. The edits go through the write path (edit/roundtrip.py), as a save in the page does."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEMO
from djrh.check.config import load_config
from djrh.check.run import load_tree, run_checks
from djrh.edit.fill import kind_of, slots
from djrh.edit.roundtrip import EditError, RecordEdit
from djrh.kinds import KINDS, MODELS
from djrh.serve.state import TreeState

AS_OF = date(2026, 11, 22)


def shown(findings) -> list[tuple]:
    return sorted(
        (f.code, f.severity, f.path, f.line, f.column, f.record, f.text("zh"), f.waived, f.span, f.fixable) for f in findings
    )


def value_for(meta, rng: random.Random, ids: dict[str, list[str]], references) -> object:
    """A value for a field: mostly one it accepts, sometimes one it does not, sometimes none."""
    roll = rng.random()
    if roll < 0.08:
        return None
    bad = roll > 0.85
    kind = meta.type
    if references:
        pool = [i for k in references for i in ids.get(k, [])]
        other = [i for k, found in ids.items() if k not in references for i in found]
        choice = rng.choice(pool) if pool and not bad else rng.choice(other + ["no-such-record"])
        return [choice] if meta.many else choice
    if kind == "date":
        return "2026-02-30" if bad else date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1200))
    if kind == "time":
        return "25:00" if bad else rng.choice(["14:30-17:00", "09:00", "15:00-16:30"])
    if kind in ("int", "number"):
        return "十二" if bad else rng.randrange(0, 70)
    if kind == "bool":
        return "也许" if bad else rng.random() < 0.5
    if kind == "choice":
        terms = meta.value_choices
        return "不存在的选项" if bad else rng.choice(list(terms) + [t.zh for t in terms.values()])
    if kind == "list" and meta.item is not None and meta.item.nested is not None:
        from djrh.kinds.fields import fields_of

        rows = []
        for _ in range(rng.randrange(0, 3)):
            row = {}
            for name, part_meta in fields_of(meta.item.nested).items():
                if rng.random() < 0.7:
                    value = value_for(part_meta, rng, ids, None)
                    if value is not None:
                        row[name] = value
            rows.append(row)
        return rows
    if kind == "list":
        item = meta.item
        if item.choices is not None:
            return rng.sample(list(item.choices), rng.randrange(0, 3)) if not bad else ["不存在的选项"]
        return [rng.choice(["evidence/2026/签到表.pdf", "学习材料", "evidence/no-such-file.pdf"]) for _ in range(rng.randrange(0, 3))]
    if kind in ("mapping", "dict"):
        return None
    return rng.choice(["", "集中学习", "推进技能大赛备赛\n第二行", "x" * 40]) if not bad else 12


def edit_once(root: Path, state: TreeState, rng: random.Random) -> str | None:
    rels = sorted(state.entries)
    rel = rng.choice(rels)
    try:
        edit = RecordEdit.open(root, rel)
        spec = kind_of(edit)
    except EditError:
        return None
    ids: dict[str, list[str]] = {}
    for entry in state.entries.values():
        if entry.record.kind is not None:
            ids.setdefault(entry.record.kind, []).append(entry.record.id)
    for _ in range(rng.randrange(1, 4)):
        slot = rng.choice(slots(MODELS[spec.code]))
        references = spec.reference_kinds(slot.path[0]) if len(slot.path) == 1 else None
        edit.set(slot.path, value_for(slot.meta, rng, ids, references))
    try:
        edit.save()
    except EditError:
        return None
    state.changed(rel)
    return rel


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    base = tmp_path_factory.mktemp("serve-state") / "tree"
    shutil.copytree(DEMO, base)
    return base


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_a_saved_record_is_rechecked_exactly_as_the_whole_tree_would_be(demo_copy, tmp_path_factory, seed):
    root = tmp_path_factory.mktemp("edits") / "tree"
    shutil.copytree(demo_copy, root)
    config = load_config(root)
    state = TreeState(root, config, AS_OF)
    state.load()
    rng = random.Random(seed)
    whole = None
    for _ in range(5):
        rel = edit_once(root, state, rng)
        if rel is None:
            continue
        scoped = state.findings_of(rel)
        whole = run_checks(load_tree(root), config, AS_OF)
        assert shown(scoped) == shown(f for f in whole.findings if f.path == rel), rel
    if whole is not None:  # and the state's own whole-tree check is that of a fresh load
        assert shown(state.result().findings) == shown(whole.findings)


def test_the_neighbourhood_is_small_and_whole_tree_checks_are_kept_for_dangling_references(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(DEMO, root)
    state = TreeState(root, load_config(root), AS_OF)
    state.load()
    day = next(rel for rel in state.entries if rel.startswith("themedays/2026/"))
    around = state.neighbourhood(day)
    assert around is not None and len(around) < len(state.entries) / 3
    assert day in {r.path for r in around}
    edit = RecordEdit.open(root, day)
    edit.set(("branch",), "no-such-branch")
    edit.save()
    state.changed(day)
    assert state.neighbourhood(day) is None  # REF001 suggests from every branch of the tree
    assert [f.code for f in state.findings_of(day)].count("REF001") == 1


def test_a_file_changed_on_disk_is_read_again(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(DEMO, root)
    state = TreeState(root, load_config(root), AS_OF)
    state.load()
    rel = next(rel for rel in state.entries if rel.startswith("themedays/2026/") and rel.endswith(".yaml"))
    before = state.version
    assert state.refresh() is False and state.version == before
    path = root / rel
    path.write_text(path.read_text("utf-8").replace("kind: themeday", "kind: themeday\nunknown_field: 1"), "utf-8")
    assert state.refresh() is True
    assert "SCH002" in {f.code for f in state.findings_of(rel)} or "SCH001" in {f.code for f in state.findings_of(rel)}
    (root / "themedays/2026/new-one.yaml").write_text("kind: themeday\n", "utf-8")
    path.unlink()
    assert state.refresh() is True
    assert rel not in state.entries and "themedays/2026/new-one.yaml" in state.entries
    assert KINDS  # the kinds are registered


def test_the_state_knows_each_files_blob_id_as_read(tmp_path):
    """A report's trace line (`/report.docx`) is made of the files' git blob ids as they were read,
    at start (from the cache or the file) and after a change: never by reading the tree again."""
    from djrh.paper.trace import blob_id

    root = tmp_path / "tree"
    shutil.copytree(DEMO, root)
    load_tree(root)  # the cache filled: the start reads it
    state = TreeState(root, load_config(root), AS_OF)
    state.load()
    digests = state.digests()
    assert digests.keys() == state.entries.keys()
    assert all(digest.hex() == blob_id((root / rel).read_bytes()) for rel, digest in digests.items())
    rel = next(rel for rel in digests if rel.startswith("themedays/2026/"))
    (root / rel).write_text((root / rel).read_text("utf-8") + "# 改过\n", "utf-8")
    state.changed(rel)
    assert state.digests()[rel] != digests[rel] and state.digests()[rel].hex() == blob_id((root / rel).read_bytes())
