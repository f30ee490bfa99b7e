"""Every rule against its fixture tree: the exact findings, as a snapshot (like ruff's fixtures).

Each folder here is a small records tree made to break and to pass one rule (its name starts with
the rule code); its `expected.txt` holds one section per run:

    $ check --select TD003 --as-of 2026-08-31
    exit 0
    TD003 warning themedays/2026/a-2026-06.yaml:2:1 a-2026-06 | 融合主题党日（2026-06-01）已过去 91 天……

To refresh the snapshots after an intended change: DJRH_UPDATE_SNAPSHOTS=1 pytest tests/rules,
then read the diff: the diff is the review.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from conftest import run_djrh

HERE = Path(__file__).resolve().parent
FIXTURES = sorted(p for p in HERE.iterdir() if (p / "djrh.yaml").exists())
UPDATE = os.environ.get("DJRH_UPDATE_SNAPSHOTS") == "1"


def sections(text: str) -> list[tuple[str, list[str]]]:
    result: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            result.append((line[2:], []))
        elif result and line.strip():
            result[-1][1].append(line)
    return result


def actual(fixture: Path, command: str) -> list[str]:
    run = run_djrh(*shlex.split(command), "--root", str(fixture), "--format", "json")
    lines = [f"exit {run.code}"]
    for f in run.json["findings"]:
        waived = " [waived]" if f["waived"] else ""
        lines.append(f'{f["code"]} {f["severity"]}{waived} {f["path"]}:{f["line"]}:{f["column"]} {f["record"]} | {f["message"]}')
    return lines


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_rule_fixture(fixture):
    snapshot = fixture / "expected.txt"
    expected = sections(snapshot.read_text("utf-8"))
    assert expected, f"{snapshot} has no '$ check …' section"
    results = [(command, actual(fixture, command)) for command, _ in expected]
    if UPDATE:
        snapshot.write_text("\n\n".join(f"$ {c}\n" + "\n".join(lines) for c, lines in results) + "\n", encoding="utf-8")
        return
    for (command, want), (_, got) in zip(expected, results):
        assert got == want, f"$ {command}"


def test_every_rule_has_a_fixture():
    from djrh.rules import RULES

    covered = {p.name.split("-")[0] for p in FIXTURES}
    loader_codes = {"SYN001", "SYN002", "SCH001", "SCH002"}  # covered by tests/test_bad_inputs.py
    assert sorted(set(RULES) - covered - loader_codes) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_breaks_and_passes(fixture):
    """Each fixture shows both sides: some run finds its rule, and its tree also holds records
    the rule accepts (checked in the snapshot by the records it does not name)."""
    code = fixture.name.split("-")[0]
    text = (fixture / "expected.txt").read_text("utf-8")
    if fixture.name.endswith("-off"):  # a configuration that turns the rule off, or exempts every case
        assert f"\n{code} " not in text, f"{fixture.name} should find no {code}"
    else:
        assert f"\n{code} " in text, f"no run of {fixture.name} finds {code}"
