"""`djrh due`: the reminder list on the tree of report_tree.py, at dates around each kind of deadline.

Each boundary is checked on both sides: a thing due exactly `--days` after the as-of date is listed,
one a day later is not; a due date equal to the as-of date is "due today", the day after it is late —
the day the matching rule (TD003, ORG003, DL001, PJ003) starts to report it.
"""

from __future__ import annotations

import pytest

from conftest import DEMO, run_djrh
from report_tree import build_tree


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return build_tree(tmp_path_factory.mktemp("due") / "records")


def due(tree, as_of: str, *args: str) -> list[tuple]:
    run = run_djrh("due", "--root", str(tree), "--as-of", as_of, "--format", "json", *args)
    assert run.code == 0, run.err
    return [(i["kind"], i["branch"], i["date"], i["days_left"]) for i in run.json["items"]]


def of_kind(items: list[tuple], kind: str) -> list[tuple]:
    return [item for item in items if item[0] == kind]


def test_everything_due_on_22_november_most_urgent_first(tree):
    run = run_djrh("due", "--root", str(tree), "--as-of", "2026-11-22", "--format", "json")
    doc = run.json
    assert (doc["version"], doc["as_of"], doc["days"]) == (1, "2026-11-22", 30)
    assert [(i["kind"], i["branch"], i["date"], i["days_left"], i["path"]) for i in doc["items"]] == [
        ("task", "a1", "2026-05-31", -175, "pilots/p2.yaml"),  # p2 is carried by a1 and a2: both see it
        ("task", "a2", "2026-05-31", -175, "pilots/p2.yaml"),
        ("task", "a1", "2026-11-01", -21, "themedays/2026/a1-2026-06.yaml"),
        ("outcome", "a1", "2026-11-09", -13, "themedays/2026/a1-2026-09.yaml"),  # 2026-09-10 + 60 days
        ("month_unplanned", "a1", "2026-11-30", 8, "org/a1.yaml"),  # a2 has 26 November planned
        ("month_unplanned", "d1", "2026-11-30", 8, "org/d1.yaml"),
        ("meeting", "a1", "2026-11-30", 8, "org/a1.yaml"),  # no 支委会 in November yet, for any branch
        ("meeting", "a2", "2026-11-30", 8, "org/a2.yaml"),
        ("meeting", "d1", "2026-11-30", 8, "org/d1.yaml"),
        ("meeting", "d1", "2026-11-30", 8, "org/d1.yaml"),  # and none of d1's two party groups
        ("task", "a1", "2026-11-30", 8, "themedays/2026/a1-2026-10.yaml"),
        ("task", "d1", "2026-12-10", 18, "pilots/p1.yaml"),  # p1's other task is done
        ("outcome", "a1", "2026-12-19", 27, "themedays/2026/a1-2026-10.yaml"),
        ("deadline", "a1", "2026-12-20", 28, "org/a1.yaml"),  # d1 filed 行动总结 on 2026-11-15
        ("deadline", "a2", "2026-12-20", 28, "org/a2.yaml"),
        # listed from Q4 though beyond 30 days: TD001's and MT004–MT006's yearly quotas
        ("integration_needed", "a2", "2026-12-31", 39, "org/a2.yaml"),
        ("lectures_needed", "a1", "2026-12-31", 39, "org/a1.yaml"),  # 3 of 4
        ("lectures_needed", "a2", "2026-12-31", 39, "org/a2.yaml"),  # 3 of 4
        ("lectures_needed", "d1", "2026-12-31", 39, "org/d1.yaml"),  # 2 of 4
        ("life_meeting", "a1", "2026-12-31", 39, "org/a1.yaml"),  # planned for 12-18
        ("life_meeting", "a1", "2026-12-31", 39, "org/a1.yaml"),  # and no 民主评议党员
        ("life_meeting", "d1", "2026-12-31", 39, "org/d1.yaml"),
        ("life_meeting", "d1", "2026-12-31", 39, "org/d1.yaml"),  # a2 held both on 11-10
    ]
    assert doc["summary"] == {"items": 23, "late": 4}
    assert [i["late"] for i in doc["items"]][:5] == [True, True, True, True, False]
    first = doc["items"][0]
    assert first["branch_name"] == "甲学院教工党支部" and first["record"] == "p2"
    assert first["message"] == "试点项目“甲学院示范点”的任务“建设活动阵地”（责任人 王三）还没有完成日期（done_on）。"


def test_days_narrows_the_window_but_late_items_stay(tree):
    items = due(tree, "2026-11-22", "--days", "7")
    assert [(k, b, d) for k, b, _, d in items] == [
        ("task", "a1", -175), ("task", "a2", -175), ("task", "a1", -21), ("outcome", "a1", -13),
        # the yearly quotas are reminded all through the fourth quarter
        ("integration_needed", "a2", 39), ("lectures_needed", "a1", 39), ("lectures_needed", "a2", 39),
        ("lectures_needed", "d1", 39), ("life_meeting", "a1", 39), ("life_meeting", "a1", 39),
        ("life_meeting", "d1", 39), ("life_meeting", "d1", 39),
    ]


@pytest.mark.parametrize(("as_of", "listed"), [
    ("2026-09-30", []),  # before TD001's fourth quarter and 31 December beyond 30 days
    ("2026-10-01", [("integration_needed", "a2", "2026-12-31", 91)]),  # TD001 warns from 1 October
    ("2026-12-31", [("integration_needed", "a2", "2026-12-31", 0)]),
])
def test_integration_needed(tree, as_of, listed):
    assert of_kind(due(tree, as_of), "integration_needed") == listed


def test_integration_needed_is_listed_in_any_month_when_the_year_ends_within_the_window(tree):
    assert of_kind(due(tree, "2026-09-30", "--days", "92"), "integration_needed") == [("integration_needed", "a2", "2026-12-31", 92)]


@pytest.mark.parametrize(("as_of", "listed"), [
    ("2026-10-09", []),  # the window of the 2026-09-10 day ends 2026-11-09: 31 days away
    ("2026-10-10", [("outcome", "a1", "2026-11-09", 30)]),
    ("2026-11-09", [("outcome", "a1", "2026-11-09", 0)]),  # due today: TD003 does not fire yet
    ("2026-11-10", [("outcome", "a1", "2026-11-09", -1)]),  # late: TD003 fires from today
])
def test_outcome_window(tree, as_of, listed):
    items = [item for item in of_kind(due(tree, as_of), "outcome") if item[2] == "2026-11-09"]
    assert items == listed
    td003 = run_djrh("check", "--root", str(tree), "--as-of", as_of, "--select", "TD003", "--format", "json").json
    fired = [f["path"] for f in td003["findings"]]
    assert ("themedays/2026/a1-2026-09.yaml" in fired) == bool(listed and listed[0][3] < 0)


@pytest.mark.parametrize(("as_of", "listed", "message"), [
    ("2027-11-19", [], None),  # a2 elected 2024-12-20: the term ends 2027-12-20, 31 days away
    ("2027-11-20", [("term", "a2", "2027-12-20", 30)], "请按期换届选举"),
    ("2027-12-20", [("term", "a2", "2027-12-20", 0)], "请按期换届选举"),
    ("2027-12-21", [("term", "a2", "2027-12-20", -1)], "换届选举已经逾期"),
])
def test_term(tree, as_of, listed, message):
    run = run_djrh("due", "--root", str(tree), "--as-of", as_of, "--format", "json", "--branch", "a2")
    items = [i for i in run.json["items"] if i["kind"] == "term"]
    assert [(i["kind"], i["branch"], i["date"], i["days_left"]) for i in items] == listed
    if message:
        assert message in items[0]["message"]
        org003 = run_djrh("check", "--root", str(tree), "--as-of", as_of, "--select", "ORG003", "--format", "json").json
        assert [f["severity"] for f in org003["findings"] if f["record"] == "a2"] == (["error"] if listed[0][3] < 0 else ["warning"])


@pytest.mark.parametrize(("as_of", "listed"), [
    ("2026-11-19", []),
    ("2026-11-20", [("deadline", "a1", "2026-12-20", 30), ("deadline", "a2", "2026-12-20", 30)]),
    ("2026-12-21", [("deadline", "a1", "2026-12-20", -1), ("deadline", "a2", "2026-12-20", -1)]),
])
def test_deadline(tree, as_of, listed):
    assert of_kind(due(tree, as_of), "deadline") == listed  # d1 has filed: never listed


@pytest.mark.parametrize(("as_of", "listed"), [
    ("2026-11-09", []),
    ("2026-11-10", [("task", "d1", "2026-12-10", 30)]),
    ("2026-12-10", [("task", "d1", "2026-12-10", 0)]),
    ("2026-12-11", [("task", "d1", "2026-12-10", -1)]),
])
def test_pilot_task(tree, as_of, listed):
    assert [item for item in of_kind(due(tree, as_of), "task") if item[1] == "d1"] == listed


@pytest.mark.parametrize(("as_of", "days", "listed"), [
    # on 1 November: a1 and d1 have nothing in November; a2 has 26 November planned
    ("2026-11-01", "30", [("month_unplanned", "a1", "2026-11-30", 29), ("month_unplanned", "d1", "2026-11-30", 29)]),
    ("2026-11-01", "28", []),  # the month ends 29 days away
    # on 30 November: due today; December ends 31 days away (a1 has 10 December planned)
    ("2026-11-30", "30", [("month_unplanned", "a1", "2026-11-30", 0), ("month_unplanned", "d1", "2026-11-30", 0)]),
    ("2026-11-30", "31", [
        ("month_unplanned", "a1", "2026-11-30", 0), ("month_unplanned", "d1", "2026-11-30", 0),
        ("month_unplanned", "a2", "2026-12-31", 31), ("month_unplanned", "d1", "2026-12-31", 31),
    ]),
    ("2026-08-01", "30", []),  # August is a month off (policy.months_off)
    ("2025-12-01", "30", [("month_unplanned", "a2", "2025-12-31", 30)]),  # d1 did not exist before 2026
])
def test_month_unplanned(tree, as_of, days, listed):
    assert of_kind(due(tree, as_of, "--days", days), "month_unplanned") == listed


def test_branch_filter(tree):
    assert {item[1] for item in due(tree, "2026-11-22", "--branch", "d1")} == {"d1"}
    assert {item[1] for item in due(tree, "2026-11-22", "--branch", "gb-a")} == {"a1", "a2"}  # its branches
    run = run_djrh("due", "--root", str(tree), "--as-of", "2026-11-22", "--branch", "nope")
    assert run.code == 2 and "nope" in run.err


def test_text_output_groups_per_branch(tree):
    run = run_djrh("due", "--root", str(tree), "--as-of", "2026-11-22")
    assert run.code == 0  # late items do not fail: it is a reminder, not a check
    out = run.out
    assert out.startswith("截至 2026-11-22，30 天内到期和已经逾期的事项共 23 项（其中已逾期 4 项）：")
    a1, a2, d1 = out.index("甲学院教工党支部 (a1)"), out.index("甲学院学生党支部 (a2)"), out.index("机关党支部 (d1)")
    assert a1 < a2 < d1  # in the order of each branch's most urgent item
    assert "已逾期 175 天" in out and "还有 8 天" in out and "2026 年 11 月还没有主题党日记录" in out
    today = run_djrh("due", "--root", str(tree), "--as-of", "2026-11-30", "--branch", "d1").out
    assert "今天到期" in today


def test_nothing_due(tree):
    run = run_djrh("due", "--root", str(tree), "--as-of", "2026-05-01", "--days", "3")
    assert run.code == 0 and "没有到期的事项" in run.out


def test_english_and_bad_format(tree):
    run = run_djrh("--lang", "en", "due", "--root", str(tree), "--as-of", "2026-11-22")
    assert "175 days late" in run.out and "in 8 days" in run.out
    run = run_djrh("due", "--root", str(tree), "--format", "xml")
    assert run.code == 2 and "xml" in run.err


# ---- the edges of the calendar (issue 12): every date + timedelta of the rules, report and due


def edge_tree(root, day: str):
    """Every dated field on `day` (the first or last day a record may name), every day-count
    parameter at its largest, terms of the longest length."""
    from conftest import write_tree

    config = (
        "institution: 测试\nrules:\n  TD003: {days: 10000}\n  TD006: {grace_days: 10000}\n  PJ007: {grace_days: 10000}\n"
        "  DL001: {days: 10000}\n  ORG003: {days: 10000, term_years: 10}\n"
        f"deadlines:\n  - {{name: 行动总结, due: {day}, applies_to: branch}}\n"
    )
    task = f"tasks:\n  - {{task: 方案, owner: 李强, due: {day}}}\n"
    return write_tree(root, {
        "org/gb.yaml": "kind: general_branch\nname: 总支\n",
        "org/b1.yaml": (
            f"kind: branch\nname: 支部\nparent: gb\ncategory: faculty\nmembers: {{formal: 20}}\nterm_years: 10\n"
            f"committee: [{{name: 王丽, role: secretary}}]\nelected_on: {day}\n"
        ),
        "themedays/b1-day.yaml": (
            f"kind: themeday\nbranch: b1\ndate: {day}\nplace: 会议室\ntheme: 学习\nintegration: true\n"
            f"entry_point: service\nbusiness_work: 服务\n{task}"
        ),
        "pilots/p1.yaml": (
            f"kind: pilot\nname: 项目\ntype: model_branch\nlevel: school\nunits: [b1]\nselected_on: {day}\n"
            f"period: {{start: 1949-01-01, end: 2200-12-31}}\n{task}"
        ),
        "brands/br.yaml": f"kind: brand\nname: 品牌\nowner: gb\nmode: scene\nbusiness_focus: 服务\nstarted_on: {day}\n",
        "filings/f.yaml": f"kind: filing\nname: 行动总结\nunit: b1\nsubmitted_on: {day}\n",
    }, config=config)


@pytest.mark.parametrize("day", ["1949-01-01", "2200-12-31"])
def test_the_edges_of_the_calendar(tmp_path, day):
    root = edge_tree(tmp_path / "tree", day)
    year = day[:4]
    for as_of in ("1949-01-01", "2200-12-31"):
        for args in (
            ("check", "--format", "json"), ("check",), ("due", "--days", "3660"), ("due", "--format", "json"),
            ("report", "--format", "json"), ("report", "--year", year, "--format", "json"), ("report", "--year", "2200"),
        ):
            run = run_djrh(*args, "--root", str(root), "--as-of", as_of)
            refused = args[0] == "report" and run.code == 2 and "内部错误" not in run.err  # a year not begun, before since
            assert run.code in (0, 1) or refused, (args, as_of, run.err)
            if args[0] == "check" and "json" in args:
                assert not [f for f in run.json["findings"] if f["code"].startswith("SCH")], run.json["findings"]
    out = tmp_path / "out"
    out.mkdir()
    run = run_djrh("render", "--branch", "b1", "--year", year, "--root", str(root), "--as-of", "2200-12-31", cwd=out)
    assert run.code == 0, run.err


# ---- 三会一课, 组织生活会 and 换届 (issue 14)


def messages(tree, as_of: str, kind: str, *args: str) -> list[tuple]:
    run = run_djrh("due", "--root", str(tree), "--as-of", as_of, "--format", "json", *args)
    return [(i["branch"], i["date"], i["days_left"], i["message"]) for i in run.json["items"] if i["kind"] == kind]


@pytest.mark.parametrize(("as_of", "listed"), [
    ("2026-11-30", []),  # the fourth quarter ends 31 days away
    ("2026-12-01", ["a1", "a2", "d1"]),  # no branch has a 党员大会 in Q4 yet
])
def test_general_meeting_of_the_quarter(tree, as_of, listed):
    found = [(b, d) for b, d, _, m in messages(tree, as_of, "meeting") if "支部党员大会" in m]
    assert found == [(branch, "2026-12-31") for branch in listed]


def test_party_groups_are_reminded_from_the_month_they_are_formed(tree):
    # d1's 综合党小组 has no April meeting; 财务党小组 is formed on 1 June: not asked for April
    found = [(b, m) for b, _, _, m in messages(tree, "2026-04-01", "meeting") if "党小组" in m]
    assert found == [("d1", "2026 年 4 月还有 1 个党小组没有党小组会记录：综合党小组。党小组会一般每月召开 1 次。")]
    found = [m for b, _, _, m in messages(tree, "2026-11-01", "meeting") if "党小组" in m]
    assert found == ["2026 年 11 月还有 2 个党小组没有党小组会记录：综合党小组、财务党小组。党小组会一般每月召开 1 次。"]
    # a branch without a committee gets no 支委会 reminder: none of this tree; a month off none at all
    assert messages(tree, "2026-08-01", "meeting") == []


@pytest.mark.parametrize(("as_of", "listed"), [
    ("2026-09-30", []),  # before MT005's fourth quarter, and 31 December beyond 30 days
    ("2026-10-01", [("a1", "已计划于 2026-12-18"), ("a1", "民主评议党员"), ("a2", "已计划于 2026-11-10"),
                    ("a2", "民主评议党员"), ("d1", "还没有召开组织生活会"), ("d1", "民主评议党员")]),
    ("2026-11-10", [("a1", "已计划于 2026-12-18"), ("a1", "民主评议党员"), ("d1", "还没有召开组织生活会"),
                    ("d1", "民主评议党员")]),  # a2 held both that day
])
def test_life_meeting_once_the_fourth_quarter_starts(tree, as_of, listed):
    found = messages(tree, as_of, "life_meeting")
    assert [(b, d) for b, d, _, _ in found] == [(b, "2026-12-31") for b, _ in listed]
    assert all(words in message for (_, words), (_, _, _, message) in zip(listed, found))
    mt005 = run_djrh("check", "--root", str(tree), "--as-of", as_of, "--select", "MT005", "--format", "json").json
    warned = sorted({f["record"] for f in mt005["findings"] if "2026" in f["message"]})
    assert warned == sorted({b for b, words in listed if "民主评议" not in words})  # the rule and the reminder agree


@pytest.mark.parametrize(("as_of", "listed"), [
    # a2 elected 2024-12-20: the term ends 2027-12-20; prepare from 2027-06-20, request by 2027-08-20
    ("2027-05-20", []),  # 2027-06-20 is 31 days away
    ("2027-05-21", [("term_prepare", "2027-06-20", 30)]),
    ("2027-07-21", [("term_prepare", "2027-06-20", -31), ("term_request", "2027-08-20", 30)]),
    ("2027-08-20", [("term_request", "2027-08-20", 0)]),  # the request takes over from the preparation
    ("2027-11-20", [("term_request", "2027-08-20", -92), ("term", "2027-12-20", 30)]),
    ("2027-12-21", [("term", "2027-12-20", -1)]),  # the term is over: the election is overdue
])
def test_term_reminders_six_and_four_months_ahead(tree, as_of, listed):
    run = run_djrh("due", "--root", str(tree), "--as-of", as_of, "--format", "json", "--branch", "a2")
    found = [(i["kind"], i["date"], i["days_left"]) for i in run.json["items"] if i["kind"].startswith("term")]
    assert found == listed


def test_a_filed_request_ends_the_request_reminder(tmp_path):
    root = build_tree(tmp_path / "records")
    (root / "filings" / "a2-2027-08-15.yaml").write_text(
        "kind: filing\nname: 关于甲学院学生党支部换届选举的请示\nunit: a2\nsubmitted_on: 2027-08-15\n", "utf-8")
    run = run_djrh("due", "--root", str(root), "--as-of", "2027-11-20", "--format", "json", "--branch", "a2")
    assert [i["kind"] for i in run.json["items"] if i["kind"].startswith("term")] == ["term"]


def test_rectification_measures_are_reminded(tree):
    found = messages(tree, "2027-04-01", "task", "--branch", "a1")
    assert ("a1", "2027-03-31", -1, "组织生活会（2025-12-22）的整改措施“整改学习不深入的问题”（责任人 张一）还没有完成日期（done_on）。") in found


# ---- --format ics: RFC 5545, read back by an independent parser


def ics(tree, as_of: str, *args: str) -> bytes:
    from conftest import run_djrh_process

    run = run_djrh_process("due", "--root", str(tree), "--as-of", as_of, "--format", "ics", *args)
    assert run.code == 0, run.err
    return run.out.encode("utf-8")


def test_ics_is_valid_and_says_what_json_says(tree):
    icalendar = pytest.importorskip("icalendar")
    import subprocess
    import sys

    data = subprocess.run(
        [sys.executable, "-m", "djrh", "due", "--root", str(tree), "--as-of", "2026-11-22", "--format", "ics"],
        capture_output=True, check=True,
    ).stdout
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)  # CRLF only
    assert max(len(line) for line in lines) <= 75  # folded (3.1), in octets
    data.decode("utf-8")  # folding never splits a character
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    items = run_djrh("due", "--root", str(tree), "--as-of", "2026-11-22", "--format", "json").json["items"]
    assert len(events) == len(items) == 23
    assert len({str(e["UID"]) for e in events}) == 23  # one event per item
    first = events[0]
    assert str(first["SUMMARY"]) == "任务：甲学院教工党支部"
    assert str(first["DESCRIPTION"]).startswith(items[0]["message"]) and "pilots/p2.yaml" in str(first["DESCRIPTION"])
    assert first.decoded("DTSTART").isoformat() == "2026-05-31"
    assert first.decoded("DTEND").isoformat() == "2026-06-01"  # an all-day event
    party = [e for e in events if "党小组" in str(e["DESCRIPTION"])]
    assert "综合党小组、财务党小组" in str(party[0]["DESCRIPTION"])  # escaped commas and Chinese text come back
    assert str(calendar["X-WR-CALNAME"]) == "djrh 到期提醒"


def test_ics_uids_are_stable_when_counts_change(tree):
    """Imported again a day later, each reminder still due keeps its UID (its message counts days
    and meetings that changed), so a calendar updates the event instead of adding a second one."""
    icalendar = pytest.importorskip("icalendar")

    def events(as_of):
        return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(ics(tree, as_of)).walk("VEVENT")}

    before, after = events("2026-11-22"), events("2026-11-23")
    assert set(before) == set(after)
    assert all(int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"]) for uid in before)
    # a task is the same event even when its due date moves
    root = build_tree_copy(tree)
    path = root / "themedays" / "2026" / "a1-2026-10.yaml"
    path.write_text(path.read_text("utf-8").replace("due: 2026-11-30", "due: 2026-12-05"), "utf-8")
    moved = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(ics(root, "2026-11-22")).walk("VEVENT")}
    assert set(moved) == set(before)
    changed = [uid for uid in before if before[uid].decoded("DTSTART") != moved[uid].decoded("DTSTART")]
    assert len(changed) == 1 and "提交课程改革方案" in str(moved[changed[0]]["DESCRIPTION"])


def build_tree_copy(tree):
    import shutil
    import tempfile
    from pathlib import Path

    root = Path(tempfile.mkdtemp()) / "records"
    shutil.copytree(tree, root)
    return root


def test_help_names_every_kind_of_reminder():
    """`due --help` lists what `due` reminds of: each kind of item (report/due.KINDS) by its label."""
    from djrh.i18n import t
    from djrh.report.due import KINDS

    help_text = run_djrh("due", "--help").out.replace("\n", "").replace(" ", "")
    assert [k for k in KINDS if t(f"due.kind.{k}", lang="zh").replace(" ", "") not in help_text] == []


def test_english_due_names_every_kind_in_english():
    """The kind column of `due --lang en` (outcome, task, meetings, party lectures…) is English."""
    import re

    done = run_djrh("due", "--lang", "en", "--root", str(DEMO), "--days", "60")
    kinds = re.findall(r"^  (?:in \d+ days?|\d+ days? late|today)\s+\d{4}-\d{2}-\d{2}\s+(.+?)\s{2}", done.out, re.M)
    assert len(kinds) > 10 and "meetings" in kinds
    assert not [k for k in kinds if re.search(r"[\u4e00-\u9fff]", k)], kinds
