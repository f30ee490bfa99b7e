"""One count, one definition: the annual bundle's cover, `djrh report` (table, JSON, dashboard), `djrh
due` and `djrh check` take their numbers from the same helpers (djrh.rules.quotas: year_count, missing_months…),
so they agree; a copied theme-day file (TD007) counts once everywhere."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

from conftest import run_djrh, write_tree

CONFIG = "institution: 测试学院委员会\nas_of: 2026-11-22\npolicy:\n  since: 2026\n  months_off: [2, 8]\n"
BRANCH = """\
kind: branch
name: 甲支部
parent: gb
category: faculty
members: {formal: 20, probationary: 0}
committee:
  - {name: 张一, role: secretary}
  - {name: 李二, role: organization}
  - {name: 王三, role: publicity}
elected_on: 2026-01-05
dual_leader: true
"""


def day(date: str, integration: bool, held: bool = True, outcome: bool = False) -> str:
    text = f"kind: themeday\nbranch: a\ndate: {date}\nplace: 会议室\ntheme: {date}的主题党日\nintegration: {str(integration).lower()}\n"
    if integration:
        text += "entry_point: service\nbusiness_work: 研究学生宿舍报修慢的问题。\n"
    if held:
        text += "prescribed: 学习有关文件。\n"
        if integration:
            text += "theory_practice: 用理论指导工作。\ndiscussion: 形成工作方案。\n"
    if outcome:
        text += "outcome: {evaluated_on: 2026-06-01, summary: 报修时间缩短一半。}\n"
    return text


def tree(tmp_path: Path) -> Path:
    files = {
        "org/gb.yaml": "kind: general_branch\nname: 甲学院党总支\n",
        "org/a.yaml": BRANCH,
        "brands/gb-brand.yaml": "kind: brand\nname: 总支品牌\nowner: gb\nmode: brand\nbusiness_focus: 教学\nstarted_on: 2026-01-01\nactivities: [a-2026-03]\n",
        "themedays/2026/a-2026-01.yaml": day("2026-01-10", False),
        "themedays/2026/a-2026-03.yaml": day("2026-03-10", True, outcome=True),  # held, outcome filled
        "themedays/2026/a-2026-03 - 副本.yaml": day("2026-03-10", True, outcome=True),  # a copy (TD007)
        "themedays/2026/a-2026-04.yaml": day("2026-04-10", False),
        "themedays/2026/a-2026-05.yaml": day("2026-05-10", False),
        "themedays/2026/a-2026-06.yaml": day("2026-06-10", False),
        "themedays/2026/a-2026-07.yaml": day("2026-07-10", False),
        "themedays/2026/a-2026-09.yaml": day("2026-09-10", False),
        "themedays/2026/a-2026-10.yaml": day("2026-10-10", False),
        "themedays/2026/a-2026-11.yaml": day("2026-11-10", False),
        "themedays/2026/a-2026-12.yaml": day("2026-12-10", True, held=False),  # planned
    }
    return write_tree(tmp_path / "records", files, config=CONFIG)


def cover_of(tmp_path: Path, root: Path) -> tuple[dict[str, list[str]], list[list[str]]]:
    """The 工作记录本's cover: its quota table (item -> requirement, held, required, state) and the
    contents (one line per theme day and meeting), as read (the word joiners that keep a date on one
    line, U+2060, left out)."""
    out = tmp_path / "bundle.docx"
    run = run_djrh("render", "--branch", "a", "--year", "2026", "--root", str(root), "-o", str(out), "--force")
    assert run.code == 0, run.err
    document = Document(str(out))

    def text(cell) -> str:  # the word joiners that keep a date on one line are not text
        return re.sub(r"\s+", "", cell.text.replace("\u2060", ""))

    quotas = {}
    for row in document.tables[1].rows[1:]:
        cells = [text(cell) for cell in row.cells]
        quotas[cells[0]] = cells[1:]
    contents = [[text(cell) for cell in row.cells] for row in document.tables[2].rows[1:]]
    return quotas, contents


def test_bundle_cover_report_and_check_agree(tmp_path):
    root = tree(tmp_path)
    quotas, contents = cover_of(tmp_path, root)
    # 9 held (the copy does not count, December is planned); 1 integration day held; its outcome filled
    assert quotas["主题党日"][1:] == ["9", "10", "进行中"]
    assert quotas["融合主题党日"][1:] == ["1", "2", "进行中"]
    assert quotas["工作成效"][1:] == ["1", "1", "已完成"]
    row = run_djrh("report", "--root", str(root), "--format", "json").json["branches"][0]
    assert (row["themedays"], row["integration_days"], row["outcomes_filled"], row["outcomes_due"]) == (9, 1, 1, 1)
    check = run_djrh("check", "--root", str(root), "--format", "json", "--select", "TD001,TD007").json["findings"]
    assert [(f["code"], f["record"]) for f in check] == [("TD001", "a"), ("TD007", "a-2026-03 - 副本")]
    assert "只开展了 1 次" in check[0]["message"] and "另有 1 次已计划" in check[0]["message"]
    # the contents: one line a day counted (not the copy), a non-integration day needs no outcome, a
    # planned day is not held yet
    assert len(contents) == 10
    assert contents[0][1:] == ["2026-01-10", "主题党日", "2026-01-10的主题党日", "一般·不需填写"]
    assert contents[1][4] == "融合·已填写"
    assert contents[-1][4] == "融合·尚未召开"


def test_a_missing_outcome_is_the_only_not_filled(tmp_path):
    root = tree(tmp_path)
    (root / "themedays" / "2026" / "a-2026-10.yaml").write_text(day("2026-10-10", True), "utf-8")
    quotas, contents = cover_of(tmp_path, root)
    assert quotas["融合主题党日"][1:] == ["2", "2", "已完成"]
    assert quotas["工作成效"][1:] == ["1", "1", "已完成"]  # the October window (90 days) is still open
    assert [line[4] for line in contents].count("融合·未填写") == 1


def test_meeting_counts_agree_between_book_report_check_and_due(tmp_path):
    """The 党员大会 of a quarter, counted through a theme day's also_counts_as and a meeting record,
    is the same number on the 工作记录本's cover, in djrh report, and in MT001 and djrh due."""
    root = tree(tmp_path)
    meeting = "kind: meeting\nbranch: a\ntype: general_meeting\ndate: {day}\nplace: 会议室\ntopic: 党员大会\n"
    meeting += "attendance: {{expected: 20, present: 18}}\ncontent: 讨论发展党员。\n"
    (root / "meetings" / "2026").mkdir(parents=True)
    (root / "meetings" / "2026" / "a-2026-03-20-general-meeting.yaml").write_text(meeting.format(day="2026-03-20"), "utf-8")
    path = root / "themedays" / "2026" / "a-2026-06.yaml"
    path.write_text(path.read_text("utf-8") + "also_counts_as: [general_meeting]\n", "utf-8")
    quotas, contents = cover_of(tmp_path, root)
    assert quotas["支部党员大会"] == ["每季度1次", "2", "4", "缺：第3季度"]  # Q1 the meeting, Q2 the theme day
    row = run_djrh("report", "--root", str(root), "--format", "json").json["branches"][0]
    assert row["meetings"]["general_meeting"] == 2
    check = run_djrh("check", "--root", str(root), "--format", "json", "--select", "MT001").json["findings"]
    assert [f["message"].split("。")[0] for f in check] == ["2026 年第 3 季度没有召开支部党员大会（共 1 个季度）"]
    items = run_djrh("due", "--root", str(root), "--format", "json", "--days", "40").json["items"]
    assert [i["message"].split("，")[0] for i in items if i["kind"] == "meeting" and "党员大会" in i["message"]] == [
        "2026 年第 4 季度还没有支部党员大会记录（已召开或计划）"]
    assert ["2026-03-20", "党员大会"] == contents[2][1:3]


def test_dashboard_cards_match_the_table_and_the_problem_list(tmp_path):
    root = tree(tmp_path)
    (root / "djrh.yaml").write_text(CONFIG + "deadlines:\n  - {name: 行动总结, due: 2026-07-05, applies_to: all}\n", "utf-8")
    page = run_djrh("report", "--root", str(root), "--format", "html").out
    doc = run_djrh("report", "--root", str(root), "--format", "json").json
    totals = doc["totals"]
    # the brand card counts the general branch's brand, as the total row does
    assert totals["brands"] == 1
    card = re.search(r'id="card-pilots">.*?<div class="value">(\d+)<small> · (\d+)</small>', page, re.S)
    assert card.groups() == (str(totals["pilots"]), str(totals["brands"]))
    # the problem card and the list: the same findings (DL001 of the branch and of the general branch,
    # TD001, TD007)
    card = re.search(r'id="card-findings">(.*?)<div class="note">', page, re.S).group(1)
    numbers = [int(n) for n in re.findall(r'data-count="(\d+)"', card)]
    listed = page.count('<tr class="finding"')
    assert sum(numbers) == listed == totals["errors"] + totals["warnings"] + totals["infos"]
    assert re.search(r"待整改问题（(\d+) 项）", page).group(1) == str(listed)
    check = run_djrh("check", "--root", str(root), "--format", "json").json
    open_in_check = [f for f in check["findings"] if not f["waived"]]
    assert listed == len(open_in_check)  # every finding of this tree concerns 2026


def test_due_counts_a_copied_day_once(tmp_path):
    root = tree(tmp_path)
    (root / "themedays" / "2026" / "a-2026-09.yaml").write_text(day("2026-09-01", True), "utf-8")
    (root / "themedays" / "2026" / "a-2026-09 - 副本.yaml").write_text(day("2026-09-01", True), "utf-8")
    items = run_djrh("due", "--root", str(root), "--format", "json", "--days", "30").json["items"]
    outcomes = [item for item in items if item["kind"] == "outcome"]
    assert [item["record"] for item in outcomes] == ["a-2026-09"]  # not its copy as well


def test_demo_dashboard_counts_what_it_lists():
    """On the demo tree the card once said 1 error + 19 warnings against 22 problems listed, and 0
    brands although a general branch had one."""
    from conftest import DEMO

    page = run_djrh("report", "--root", str(DEMO), "--format", "html").out
    totals = run_djrh("report", "--root", str(DEMO), "--format", "json").json["totals"]
    card = re.search(r'id="card-findings">(.*?)<div class="note">', page, re.S).group(1)
    listed = page.count('<tr class="finding"')
    assert sum(int(n) for n in re.findall(r'data-count="(\d+)"', card)) == listed == totals["errors"] + totals["warnings"] + totals["infos"]
    brands = re.search(r'id="card-pilots">.*?<small> · (\d+)</small>', page, re.S).group(1)
    from djrh.check.run import load_tree

    owned = [r for r in load_tree(DEMO).records if r.kind == "brand" and r.model.started_on.isoformat() <= "2026-11-22"]
    assert int(brands) == totals["brands"] == len(owned)


def test_a_report_made_on_the_checks_own_context_is_the_one_made_afresh():
    """A report computed from a check run reuses the indexes and memo of the check's Context
    (report/stats.compute): every year's report is the one a fresh Context gives."""
    import dataclasses
    from datetime import date

    from conftest import DEMO
    from djrh.check.config import load_config
    from djrh.check.run import load_tree, run_checks
    from djrh.report.stats import compute

    tree, config = load_tree(DEMO), load_config(DEMO)
    for year in (2024, 2025, 2026):
        result = run_checks(tree, config, date(2026, 11, 22))
        assert result.context is not None
        afresh = compute(dataclasses.replace(result, context=None), config, year)
        assert compute(result, config, year) == afresh
