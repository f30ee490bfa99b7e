"""The command line and report JSON that SPEC version 2 pins (section 5), through the real CLI."""

from __future__ import annotations

import re

import pytest

from conftest import DEMO, run_djrh

# command -> the options SPEC section 5 gives it
PINNED = {
    "check": ["--as-of", "--format", "--select", "--ignore", "--strict", "--no-cache", "--jobs", "--branch", "--root"],
    "render": ["--output", "--branch", "--year", "--pdf", "--force", "--as-of", "--root"],
    "report": ["--year", "--format", "--branch", "--force", "--as-of", "--root"],
    "due": ["--as-of", "--days", "--format", "--branch", "--root"],
    "rules": ["--format"],
    "explain": ["--format"],
    "schema": ["--write", "--root"],
    "init": [],
    "new": ["--root"],
}


@pytest.mark.parametrize("command", list(PINNED))
def test_every_pinned_option_exists(command):
    run = run_djrh(command, "--help")
    assert run.code == 0
    for option in PINNED[command]:
        assert re.search(rf"(^|\s){option}\b", run.out), f"djrh {command} has no {option}"


def test_format_choices():
    assert run_djrh("check", "--root", str(DEMO), "--format", "sarif").code == 0
    assert run_djrh("due", "--root", str(DEMO), "--format", "ics").code == 0
    for output_format in ("text", "markdown", "json"):
        assert run_djrh("explain", "TD001", "--format", output_format).code == 0
    assert run_djrh("explain", "TD001", "--format", "pdf").code == 2


def test_check_branch_keeps_that_branch_only():
    whole = run_djrh("check", "--root", str(DEMO), "--format", "json").json
    one = run_djrh("check", "--root", str(DEMO), "--format", "json", "--branch", "logistics").json
    assert {f["record"] for f in one["findings"]} <= {f["record"] for f in whole["findings"]}
    assert one["findings"] and all(f["record"].startswith(("logistics", "secretary-project-logistics")) for f in one["findings"])
    assert 0 < one["summary"]["records"] < whole["summary"]["records"]
    group = run_djrh("check", "--root", str(DEMO), "--format", "json", "--branch", "nursing-gb").json
    paths = {f["path"] for f in whole["findings"] if f["record"].startswith("nursing-")}
    assert paths <= {f["path"] for f in group["findings"]}  # a general branch: with its branches
    unknown = run_djrh("check", "--root", str(DEMO), "--branch", "nursing-9")
    assert unknown.code == 2 and "nursing-9" in unknown.err


def test_report_branch_and_meetings():
    one = run_djrh("report", "--root", str(DEMO), "--format", "json", "--branch", "logistics").json
    assert [b["id"] for b in one["branches"]] == ["logistics"]
    branch = one["branches"][0]
    assert list(branch) == [
        "id", "name", "parent", "themedays", "integration_days", "months_missing", "outcomes_filled",
        "outcomes_due", "meetings", "brands", "pilots", "errors", "warnings", "waived", "status",
    ]
    assert set(branch["meetings"]) == {"general_meeting", "branch_committee", "party_group", "party_lecture", "life_meeting", "member_review"}
    # the demo's logistics theme days that also count as a 党员大会 (also_counts_as), held in 2026
    from djrh.check.run import load_tree

    held = [r for r in load_tree(DEMO).records if r.kind == "themeday" and r.model.branch == "logistics"
            and r.model.date.year == 2026 and str(r.model.date) <= "2026-11-22" and "general_meeting" in r.model.also_counts_as]
    assert branch["meetings"]["general_meeting"] == len(held) > 0
    assert one["totals"]["meetings"]["general_meeting"] == len(held)
    nursing = run_djrh("report", "--root", str(DEMO), "--format", "json", "--branch", "nursing-faculty-1").json
    assert nursing["totals"]["brands"] == nursing["branches"][0]["brands"]  # not its general branch's
    group = run_djrh("report", "--root", str(DEMO), "--format", "json", "--branch", "nursing-gb").json
    assert {b["parent"] for b in group["branches"]} == {"nursing-gb"} and len(group["branches"]) == 4


def test_due_as_a_calendar():
    out = run_djrh("due", "--root", str(DEMO), "--format", "ics").out
    items = run_djrh("due", "--root", str(DEMO), "--format", "json").json["items"]
    lines = out.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert out.count("BEGIN:VEVENT") == len(items) > 0
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert f"DTSTART;VALUE=DATE:{items[0]['date'].replace('-', '')}" in out
    assert len(set(re.findall(r"UID:(\S+)", out))) == len(items)
