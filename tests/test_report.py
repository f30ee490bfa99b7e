"""`djrh report`: counts against a tree whose numbers are known by construction (report_tree.py),
and every format produced and read back."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import DEMO, PROJECT, run_djrh, tree_trace_hash
from report_tree import build_tree

AS_OF = "2026-11-22"
NO_MEETINGS = {t: 0 for t in ("general_meeting", "branch_committee", "party_group", "party_lecture", "life_meeting", "member_review")}
KEYS = [  # SPEC section 5
    "id", "name", "parent", "themedays", "integration_days", "months_missing", "outcomes_filled", "outcomes_due",
    "meetings", "brands", "pilots", "errors", "warnings", "waived", "status",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return build_tree(tmp_path_factory.mktemp("report") / "records")


def report(tree, *args: str):
    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, *args)
    assert run.code == 0, run.err
    return run


def counts(branch: dict) -> tuple:
    return tuple(branch[k] for k in KEYS[3:] if k != "meetings")


# ---- the numbers (written out by hand from the construction in report_tree.py)


def test_json_current_year(tree):
    doc = report(tree, "--format", "json").json
    assert (doc["version"], doc["year"], doc["as_of"]) == (1, 2026, AS_OF)
    assert [list(b) for b in doc["branches"]] == [KEYS] * 3
    rows = {b["id"]: b for b in doc["branches"]}
    assert [b["id"] for b in doc["branches"]] == ["a1", "a2", "d1"]  # grouped: gb-a first, direct branches last
    assert (rows["a1"]["name"], rows["a1"]["parent"], rows["d1"]["parent"]) == ("甲学院教工党支部", "gb-a", None)
    # themedays, integration, missing, outcomes filled/due, brands, pilots, errors, warnings, waived, status
    # a1: 7 held (Dec planned), integration Mar/Sep/Oct, May missing, Mar filled and Sep due (Oct's window
    #     is open), p2; warnings TD002 (May), TD003 (Sep), PJ003 (own task due 11-01), PJ003 (p2's task),
    #     MT001 (no 党员大会 in Q3), MT005 (the 组织生活会 only planned, in Q4)
    assert counts(rows["a1"]) == (7, 3, 1, 1, 2, 0, 1, 0, 6, 0, "in_progress")
    # a2: 9 held incl. August (a month off), Nov planned; warnings TD001 (Q4, 1 < 2), PJ003 (p2), MT007 (20 of 55
    #     at the June 党员大会); ORG001 waived
    assert counts(rows["a2"]) == (9, 1, 0, 1, 1, 0, 1, 0, 3, 1, "in_progress")
    # d1: MT008 (the October 党课 without its lecturer), MT005 (no 组织生活会 in Q4); MT003 (April) is an info
    assert counts(rows["d1"]) == (8, 2, 0, 2, 2, 1, 1, 1, 1, 0, "in_progress")
    meetings = lambda *n: dict(zip(NO_MEETINGS, n))  # noqa: E731  (in the order of SPEC section 2)
    assert rows["a1"]["meetings"] == meetings(2, 8, 0, 3, 0, 0)  # the 组织生活会 of 12-18 is not held yet
    assert rows["a2"]["meetings"] == meetings(3, 8, 0, 3, 1, 1)  # the 组织生活会 also counts as 民主评议党员
    assert rows["d1"]["meetings"] == meetings(3, 8, 11, 2, 0, 0)  # 综合党小组 7, 财务党小组 4
    # totals: p2 and its PJ003 finding are shared by a1 and a2 and count once; the brands are d1's and
    # the general branch gb-a's (a branch row shows its own, "+1" its general branch's)
    assert doc["totals"] == {
        "themedays": 24, "integration_days": 6, "months_missing": 1, "outcomes_filled": 4, "outcomes_due": 5,
        "brands": 2, "pilots": 2, "errors": 1, "warnings": 9, "waived": 1, "infos": 1, "meetings": meetings(8, 24, 11, 8, 1, 1),
        "branches": 3, "met": 0, "not_met": 0, "in_progress": 3,
    }
    groups = {g["id"]: g for g in doc["groups"]}
    assert groups["gb-a"]["name"] == "甲学院党总支" and groups["gb-a"]["branches"] == ["a1", "a2"]
    assert groups["gb-a"]["totals"]["themedays"] == 16 and groups["gb-a"]["totals"]["warnings"] == 8
    assert groups["gb-a"]["totals"]["pilots"] == 1 and groups["gb-a"]["totals"]["brands"] == 1
    assert groups[None]["name"] == "直属党支部" and groups[None]["branches"] == ["d1"]
    assert doc["waivers"] == [{
        "branch": "a2", "code": "ORG001", "record": "a2", "path": "org/a2.yaml", "ref": "组通〔2026〕7号",
        "approved_by": "党委组织部", "until": "2027-06-30", "reason": "拆分方案报批中",
    }]


def test_json_complete_year(tree):
    doc = report(tree, "--format", "json", "--year", "2025").json
    assert doc["year"] == 2025 and doc["as_of"] == AS_OF
    rows = {b["id"]: b for b in doc["branches"]}
    assert list(rows) == ["a1", "a2"]  # d1 was formed in 2026
    assert counts(rows["a1"]) == (10, 2, 0, 2, 2, 0, 1, 0, 0, 0, "met")
    # a2: one integration day (TD001 error for 2025), December missing (TD002); the 2026 findings and the
    # current ORG001 waiver belong to the 2026 report
    # and MT002 (no 支委会 in June)
    assert counts(rows["a2"]) == (9, 1, 1, 1, 1, 0, 1, 1, 2, 0, "not_met")
    assert rows["a1"]["meetings"] == dict(zip(NO_MEETINGS, (4, 10, 0, 4, 1, 1)))  # every quota of 2025 met
    totals = doc["totals"]
    assert (totals["branches"], totals["met"], totals["not_met"], totals["in_progress"]) == (2, 1, 1, 0)
    # the warnings: a2's TD002 and MT002, and PJ001 on djrh.yaml (no model branch selected in 2025), a
    # finding of no branch that the total still counts
    assert (totals["themedays"], totals["integration_days"], totals["errors"], totals["warnings"]) == (19, 3, 1, 3)


def test_earlier_as_of_counts_only_what_was_held(tree):
    doc = run_djrh("report", "--root", str(tree), "--as-of", "2026-09-30", "--format", "json").json
    rows = {b["id"]: b for b in doc["branches"]}
    # a1 by 30 September: Jan, Mar, Apr, Jun, Jul, Sep; May missing; Mar and Sep integration, Sep not yet due
    assert (rows["a1"]["themedays"], rows["a1"]["integration_days"], rows["a1"]["outcomes_due"]) == (6, 2, 1)
    assert rows["a1"]["months_missing"] == 1


def test_default_year_is_the_as_of_year_and_future_years_are_refused(tree):
    assert report(tree, "--format", "json").json["year"] == 2026
    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, "--year", "2027")
    assert run.code == 2 and "2027 年还没有开始" in run.err
    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, "--year", "2024")
    assert run.code == 2 and "policy.since" in run.err


def test_unknown_format_is_a_usage_error(tree):
    run = run_djrh("report", "--root", str(tree), "--format", "pdf")
    assert run.code == 2 and "pdf" in run.err


# ---- text formats


def test_table(tree):
    out = report(tree).out
    assert "测试学院委员会2026年度党建与业务融合工作统计表" in out
    assert "统计截至 2026-11-22" in out
    for text in ("甲学院党总支", "直属党支部", "甲学院教工党支部", "机关党支部", "进行中", "组通〔2026〕7号"):
        assert text in out
    out = report(tree, "--year", "2025").out
    assert "✓ 达标" in out and "✗ 未达标" in out


def test_table_in_english(tree):
    out = run_djrh("--lang", "en", "report", "--root", str(tree), "--as-of", AS_OF, "--year", "2025").out
    assert "✓ met" in out and "✗ not met" in out and "Subtotal" in out


def test_csv(tree):
    out = report(tree, "--format", "csv").out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "所属党总支", "党支部", "主题党日（次）", "融合主题党日（次）", "缺主题党日月数", "工作成效已填", "工作成效应填",
        "党员大会（次）", "党员大会应开（次）", "支委会（次）", "支委会应开（次）", "党小组会（次）", "党小组会应开（次）",
        "党课（次）", "党课应开（次）", "组织生活会（次）", "组织生活会应开（次）", "民主评议党员（次）", "民主评议党员应开（次）",
        "党建品牌", "试点项目", "错误", "警告", "已豁免", "豁免及批准文号", "状态",
        "达标支部数", "未达标支部数", "进行中支部数",
    ]
    # a1 has no party group: its 党小组会 quota does not apply (empty); a branch line leaves the counts empty
    assert rows[1] == [
        "甲学院党总支", "甲学院教工党支部", "7", "3", "1", "1", "2", "2", "4", "8", "10", "0", "", "3", "4", "0", "1", "0", "1",
        "0", "1", "0", "6", "0", "", "进行中", "", "", "",
    ]
    assert rows[2][1] == "甲学院学生党支部" and "组通〔2026〕7号" in rows[2][24]
    # the branch lines first (a filter or a sort cannot mix them with the sums), then the sums
    assert rows[3][:2] == ["直属党支部", "机关党支部"]
    assert rows[4][:3] == ["甲学院党总支", "小计（2 个支部）", "16"]
    assert rows[5][:2] == ["直属党支部", "小计（1 个支部）"] and rows[5][11:13] == ["11", "16"]
    assert rows[-1][:3] == ["全校", "合计（3 个支部）", "24"]
    # one value per cell: a sum line has no status word but a count per status
    assert rows[4][25] == "" and rows[4][26:] == ["0", "0", "2"]
    assert rows[-1][25] == "" and rows[-1][26:] == ["0", "0", "3"]
    assert len(rows) == 7


def test_csv_file_has_a_bom_for_excel_and_is_never_replaced_without_force(tree, tmp_path):
    target = tmp_path / "统计表.csv"
    run = report(tree, "--format", "csv", "-o", str(target))
    assert "已生成" in run.err and run.out == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "甲学院教工党支部" in data.decode("utf-8-sig")
    target.write_text("旧文件", encoding="utf-8")
    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, "--format", "csv", "-o", str(target))
    assert run.code == 2 and "已经存在" in run.err and "--force" in run.err
    assert target.read_text("utf-8") == "旧文件"
    report(tree, "--format", "csv", "-o", str(target), "--force")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_json_to_a_file(tree, tmp_path):
    target = tmp_path / "r.json"
    report(tree, "--format", "json", "-o", str(target))
    assert json.loads(target.read_text("utf-8"))["totals"]["branches"] == 3


def test_demo_tree_numbers():
    doc = run_djrh("report", "--root", str(DEMO), "--as-of", AS_OF, "--format", "json").json
    rows = {b["id"]: b for b in doc["branches"]}
    assert len(rows) == 10 and doc["totals"]["in_progress"] == 10
    # the warnings `djrh check --as-of 2026-11-22` shows for the demo tree, each on its branch
    assert rows["admin-academic"]["warnings"] == 1 and rows["admin-academic"]["integration_days"] == 1
    assert rows["it-student"]["warnings"] == 1  # ORG003
    # TD003; MT001: no 党员大会 in the third quarter
    assert rows["logistics"]["warnings"] == 2 and rows["logistics"]["outcomes_due"] - rows["logistics"]["outcomes_filled"] == 1
    assert rows["logistics"]["meetings"]["general_meeting"] == 2
    assert rows["it-faculty"]["warnings"] == 1  # PJ003
    assert rows["retired"]["warnings"] == 1 and rows["retired"]["meetings"]["life_meeting"] == 0  # MT005: planned for December
    # the January theme day of the others is their 组织生活会 and 民主评议党员 (also_counts_as)
    assert all(rows[b]["meetings"]["life_meeting"] == 1 for b in rows if b != "retired")
    assert rows["nursing-student-1"]["waived"] == 1 and rows["nursing-student-1"]["errors"] == 0
    assert doc["totals"]["warnings"] == 6 and doc["totals"]["errors"] == 0
    assert doc["totals"]["meetings"]["party_group"] > 100  # a year of 三会一课 for every branch
    # 2025 is complete: every branch met every quota but it-student (no 支委会 in July, MT002); the new
    # admin-academic branch's 组织生活会 of 2025, held in January 2026, is waived
    doc = run_djrh("report", "--root", str(DEMO), "--as-of", AS_OF, "--year", "2025", "--format", "json").json
    statuses = {b["id"]: b["status"] for b in doc["branches"]}
    assert [b for b, status in statuses.items() if status != "met"] == ["it-student"]
    assert [w["code"] for w in doc["waivers"] if w["branch"] == "admin-academic"] == ["MT005"]


# ---- xlsx


def test_xlsx_read_back(tree, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, "--year", "2025", "--format", "xlsx", cwd=tmp_path)
    assert run.code == 0 and run.out == ""
    target = tmp_path / "djrh-report-2025.xlsx"  # the default name, in the current folder
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["统计表", "问题清单"]
    sheet = book["统计表"]
    assert sheet["A1"].value == "测试学院委员会2025年度党建与业务融合工作统计表"
    assert [c.value for c in sheet[3]][:4] == ["所属党总支", "党支部", "主题党日（次）", "融合主题党日（次）"]
    assert sheet.freeze_panes == "C4"  # the header row and the two name columns stay in view
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0] == [
        "甲学院党总支", "甲学院教工党支部", 10, 2, 0, 2, 2, 4, 4, 10, 10, 0, None, 4, 4, 1, 1, 1, 1, 0, 1, 0, 0, 0, None, "达标",
        None, None, None,
    ]
    assert rows[1][1] == "甲学院学生党支部" and rows[1][9:11] == [9, 10] and rows[1][21:24] == [1, 2, 0] and rows[1][25] == "未达标"
    # the autofilter covers the header and the two branch lines only; an empty row, then the sums
    assert sheet.auto_filter.ref == "A3:AC5"
    assert rows[2] == [None] * 29
    assert rows[3][:2] == ["甲学院党总支", "小计（2 个支部）"]
    # one value per cell: a sum line's status cell is empty, its counts are numbers of their own columns
    assert rows[-1][:3] == ["全校", "合计（2 个支部）", 19] and rows[-1][25] is None and rows[-1][26:] == [1, 1, 0]
    assert [c.value for c in sheet[3]][26:] == ["达标支部数", "未达标支部数", "进行中支部数"]
    # the status column is coloured (and worded): green for 达标, red for 未达标
    assert sheet["Z4"].fill.fgColor.rgb.endswith("C6EFCE")
    assert sheet["Z5"].fill.fgColor.rgb.endswith("FFC7CE")
    # the look (named styles since 2026-12-02, as the cell-by-cell styles were): a bold header on a blue
    # fill, thin borders, names left and numbers right, the sums bold on grey, the status word coloured
    header, name, number, subtotal, total, status = sheet["C3"], sheet["B4"], sheet["C4"], sheet["B7"], sheet["C8"], sheet["Z4"]
    assert header.font.b and header.fill.fgColor.rgb.endswith("DDEBF7") and header.alignment.wrap_text
    assert all(cell.border.left.style == "thin" and cell.font.name == "宋体" for cell in (header, name, number, status))
    assert name.alignment.horizontal == "left" and number.alignment.horizontal == "right" and not name.font.b
    assert subtotal.font.b and subtotal.fill.fgColor.rgb.endswith("F2F2F2") and total.fill.fgColor.rgb.endswith("D9D9D9")
    assert status.font.b and status.font.color.rgb.endswith("006100") and status.alignment.horizontal == "center"
    assert sheet["A1"].font.sz == 16 and getattr(sheet["A1"].border.left, "style", None) is None
    # widths fit: the branch names (CJK characters count double) and the header texts
    assert sheet.column_dimensions["B"].width >= 2 * len("甲学院教工党支部")
    assert sheet.page_setup.orientation == "landscape"
    findings = [[c.value for c in row] for row in book["问题清单"].iter_rows(min_row=2)]
    # a2's two findings of 2025, then PJ001 (no model branch selected in 2025) on djrh.yaml, owned by no branch
    assert [(row[0], row[1], row[2]) for row in findings] == [
        ("甲学院学生党支部", "错误", "TD001"), ("甲学院学生党支部", "警告", "TD002"), ("甲学院学生党支部", "警告", "MT002"),
        ("其他（未列入统计表的单位和记录）", "警告", "PJ001"),
    ]
    assert findings[0][3] == "org/a2.yaml:1"


def test_xlsx_lists_waivers_and_is_not_replaced_without_force(tree, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "out.xlsx"
    report(tree, "--format", "xlsx", "-o", str(target))
    sheet = openpyxl.load_workbook(target)["统计表"]
    a2 = [c.value for c in sheet[5]]
    assert a2[1] == "甲学院学生党支部" and "组通〔2026〕7号" in a2[24] and a2[25] == "进行中"
    assert sheet["Z5"].fill.fgColor.rgb.endswith("FFEB9C")
    before = target.read_bytes()
    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, "--format", "xlsx", "-o", str(target))
    assert run.code == 2 and "已经存在" in run.err
    assert target.read_bytes() == before


# ---- html: one self-contained page, checked in a real headless Chromium

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def test_html_is_self_contained(tree):
    page = report(tree, "--format", "html").out
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    lowered = page.lower()
    for outside in ("<script", "<link", "@import", "@font-face", "src=\"http", "url(http", "<iframe", "<img"):
        assert outside not in lowered, outside
    # the only address is the SVG namespace, which is a name, not a download
    import re

    assert set(re.findall(r"https?://[^\s\"'<>)]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "<svg" in page and "甲学院教工党支部" in page


def test_meeting_rows_say_what_their_month_off_and_open_quarter_mean(tree):
    """A meeting row's tooltip speaks of meetings, not theme days, in a month off, and of the
    quarter, not the month, in a 党员大会 cell of the quarter not yet over (AS_OF is in Q4)."""
    import re
    from html import unescape

    for lang, off_words, open_quarter, theme_words in (
        ("zh", "寒暑假，不计入每月的会议要求", "本季度尚未结束", "主题党日"),
        ("en", "vacation month, not counted in the monthly meeting quotas", "quarter not over yet", "theme day"),
    ):
        page = report(tree, "--format", "html", "--lang", lang).out
        rows = re.findall(r'<g class="meetings" data-branch="a1" data-kind="([a-z_]+)">(.*)', page)  # one line a row
        cells = {kind: [unescape(t) for t in re.findall(r"<title>(.*?)</title>", body)] for kind, body in rows}
        committee = cells["branch_committee"]
        assert off_words in committee[1] and theme_words not in committee[1], committee[1]  # February
        general = cells["general_meeting"]
        assert open_quarter in general[3] and ("本月" if lang == "zh" else "month") not in general[3], general[3]


def test_html_template_keys_exist():
    import re
    from pathlib import Path

    from djrh.locale import en, zh

    template = Path(__import__("djrh.report", fromlist=["x"]).__file__).parent / "templates" / "dashboard.html.j2"
    keys = set(re.findall(r"""t\('([a-z0-9_]+\.[a-z0-9_.]*[a-z0-9_])'""", template.read_text("utf-8")))
    assert keys and not keys - set(zh.MESSAGES) and not keys - set(en.MESSAGES)


@pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason="Debian's chromium is not installed")
def test_html_in_chromium(tree, tmp_path):
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    page = tmp_path / "dashboard.html"
    report(tree, "--format", "html", "-o", str(page))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}", "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.get(page.as_uri())
        assert driver.title == "测试学院委员会2026年度党建与业务融合工作统计表"
        # nothing was fetched: the page is one file
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
        heatmap = driver.find_element(By.CSS_SELECTOR, "svg.heatmap")
        assert heatmap.size["width"] > 800 and heatmap.size["height"] > 100
        cells = heatmap.find_elements(By.CSS_SELECTOR, "g.cell")
        assert len(cells) == 3 * 12
        rows = [row.get_attribute("data-branch") for row in heatmap.find_elements(By.CSS_SELECTOR, "g.row")]
        assert rows == ["a1", "a2", "d1"]
        a1 = heatmap.find_element(By.CSS_SELECTOR, 'g.row[data-branch="a1"]')
        states = [cell.get_attribute("class").split()[1] for cell in a1.find_elements(By.CSS_SELECTOR, "g.cell")]
        assert states == ["held", "off", "held", "held", "missing", "held", "held", "off", "held", "held", "open", "future"]
        may = a1.find_elements(By.CSS_SELECTOR, "g.cell")[4]
        assert "2026 年 5 月" in may.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        assert "没有主题党日" in may.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        marked = sum(int(cell.get_attribute("data-integration")) for cell in cells)
        assert marked == 6  # integration days held: a1 3, a2 1, d1 2
        assert len(heatmap.find_elements(By.CSS_SELECTOR, "circle")) >= marked
        branches = driver.find_elements(By.CSS_SELECTOR, "table.branches tr.branch")
        assert [row.get_attribute("data-branch") for row in branches] == ["a1", "a2", "d1"]
        assert all(row.get_attribute("data-status") == "in_progress" for row in branches)
        assert "○ 进行中" in branches[0].text and "甲学院教工党支部" in branches[0].text
        codes = sorted(row.get_attribute("data-code") for row in driver.find_elements(By.CSS_SELECTOR, "tr.finding"))
        # p2's task once, under a1 and a2
        assert codes == ["MT001", "MT003", "MT005", "MT005", "MT007", "MT008", "PJ003", "PJ003", "TD001", "TD002", "TD003"]
        # the meeting rows: d1's party groups missed April (MT003), a1's 党员大会 the third quarter (MT001)
        d1_groups = heatmap.find_element(By.CSS_SELECTOR, 'g.meetings[data-branch="d1"][data-kind="party_group"]')
        cells = d1_groups.find_elements(By.CSS_SELECTOR, "g.mcell")
        assert [c.get_attribute("class").split()[1] for c in cells][:6] == ["held", "off", "held", "missing", "held", "held"]
        assert "综合党小组" in cells[3].find_element(By.TAG_NAME, "title").get_attribute("textContent")
        a1_general = heatmap.find_element(By.CSS_SELECTOR, 'g.meetings[data-branch="a1"][data-kind="general_meeting"]')
        assert [c.get_attribute("class").split()[1] for c in a1_general.find_elements(By.CSS_SELECTOR, "g.mcell")] == [
            "held", "held", "missing", "open"]
        assert "2/4" in a1_general.text
        table = driver.find_element(By.CSS_SELECTOR, "table.meetings")
        assert "11/16" in table.text and "8/10" in table.text
        shared = [row for row in driver.find_elements(By.CSS_SELECTOR, "tr.finding") if "；" in row.find_elements(By.TAG_NAME, "td")[0].text]
        assert len(shared) == 1 and "甲学院教工党支部；甲学院学生党支部" in shared[0].text
        waived = driver.find_element(By.CSS_SELECTOR, "tr.waived")
        assert "组通〔2026〕7号" in waived.text
        assert driver.find_element(By.ID, "card-branches").text.split()[1] == "3"
        # every count stays on one line with its word (警告 never wraps away), at desktop and phone width
        for width in (1280, 390, 320):
            driver.set_window_size(width, 1000)
            lines = driver.execute_script(
                "return [...document.querySelectorAll('.card .value, .card .pair')].map(e => e.getClientRects().length"
                " * (Math.round(e.getBoundingClientRect().height) < 2 * parseFloat(getComputedStyle(e).lineHeight) ? 1 : 2))"
            )
            assert lines and set(lines) == {1}, (width, lines)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, height)
        shot = tmp_path / "dashboard.png"
        assert driver.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    finally:
        driver.quit()


# ---- docx: the 统计表 in the forms' styling


def test_docx_read_back(tree, tmp_path):
    docx = pytest.importorskip("docx")
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    run = run_djrh("report", "--root", str(tree), "--as-of", AS_OF, "--year", "2025", "--format", "docx", cwd=tmp_path)
    assert run.code == 0
    document = docx.Document(str(tmp_path / "djrh-report-2025.docx"))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2025年度党建与业务融合工作统计表"
    assert texts[1].startswith("填报单位：测试学院委员会") and "2025 年度已结束" in texts[1]
    # printed to be signed and stamped: the last line, kept on the page of the 统计口径 notes
    assert texts[-1].startswith("填报人：") and "审核人：" in texts[-1] and "填报日期：" in texts[-1] and "盖章" in texts[-1]
    notes = texts.index("统计口径")
    assert all(p.paragraph_format.keep_with_next for p in document.paragraphs[notes:-1])
    table = document.tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["党支部", "主题党日", "融合主题党日", "缺主题党日月数", "工作成效已填/应填", "党建品牌", "试点项目", "错误", "警告", "已豁免", "状态"]
    assert cells[1] == ["甲学院党总支"] * 11  # the general branch's row spans the table
    assert cells[2] == ["甲学院教工党支部", "10", "2", "0", "2/2", "0", "1", "0", "0", "0", "达标"]
    assert cells[3] == ["甲学院学生党支部", "9", "1", "1", "1/1", "0", "1", "1", "2", "0", "未达标"]
    assert cells[4][:3] == ["小计（2 个支部）", "19", "3"] and cells[4][10].replace("\u2060", "").replace("\u00a0", " ") == "达标 1；未达标 1"
    assert cells[-1][0] == "合计（2 个支部）"
    # the header repeats on each page; the status cells are shaded as well as worded
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    fills = [table.rows[i].cells[10]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for i in (2, 3)]
    assert fills == ["D9EAD3", "F4CCCC"]
    # every run names its Chinese font (w:eastAsia) and no theme font overrides it
    for paragraph in [*document.paragraphs, *(p for row in table.rows for cell in row.cells for p in cell.paragraphs)]:
        for run_ in paragraph.runs:
            fonts = run_._element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")), paragraph.text
            assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    title_fonts = document.paragraphs[0].runs[0]._element.rPr.find(qn("w:rFonts"))
    assert title_fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert document.paragraphs[0].runs[0].font.size.pt == 22
    body = table.rows[2].cells[0].paragraphs[0].runs[0]
    assert body._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312" and body.font.size.pt == 12
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    assert "—" in footer and "report-2025" in footer
    assert round(sum(table.columns[i].width for i in range(11)) / Mm(1)) <= 243  # the text block of a landscape page
    # the meetings: held/required per type, one line per branch and the total
    meetings = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert meetings[0] == ["党支部", "党员大会", "支委会", "党小组会", "党课", "组织生活会", "民主评议党员"]
    assert meetings[1] == ["甲学院教工党支部", "4/4", "10/10", "—", "4/4", "1/1", "1/1"]
    assert meetings[2] == ["甲学院学生党支部", "4/4", "9/10", "—", "4/4", "1/1", "1/1"]
    assert meetings[3] == ["合计（2 个支部）", "8/8", "19/20", "0/0", "8/8", "2/2", "2/2"]


def test_docx_lists_waivers(tree, tmp_path):
    docx = pytest.importorskip("docx")
    target = tmp_path / "统计表.docx"
    report(tree, "--format", "docx", "-o", str(target))
    document = docx.Document(str(target))
    waivers = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert waivers[0] == ["单位", "规则", "说明", "豁免及批准文号"]
    assert waivers[1][:2] == ["甲学院学生党支部", "ORG001"] and "组通〔2026〕7号" in waivers[1][3]
    status = [row.cells[10].text for row in document.tables[0].rows[2:4]]
    assert status == ["进行中", "进行中"]



@pytest.mark.skipif(not shutil.which("soffice") and not shutil.which("libreoffice"), reason="LibreOffice (CI installs it)")
def printed_report(tmp_path, *options: str, mode: str = "-layout") -> str:
    """The text of the demo's statistics table as printed: its DOCX made into a PDF by djrh's own
    conversion (LibreOffice), read back with pdftotext (`mode`: -layout or -raw)."""
    from djrh.paper import pdf

    target = tmp_path / "report.docx"
    run = run_djrh("report", *options, "--root", str(DEMO), "--as-of", AS_OF, "--format", "docx", "-o", str(target))
    assert run.code == 0, run.err
    printed = tmp_path / "report.pdf"
    printed.write_bytes(pdf.convert(target))
    return subprocess.run(["pdftotext", mode, str(printed), "-"], capture_output=True, text=True, check=True).stdout


def test_docx_status_count_never_wraps_away_from_its_word(tmp_path):
    """The total row of ten branches in progress, printed: `进行中 10` on one line, not 进行中 ⏎ 10
    (issue 11's 警告 in its card, on paper)."""
    text = printed_report(tmp_path)
    assert "合计（10 个支部）" in text
    assert re.search("进行中[ \u00a0]+10", text), [line for line in text.splitlines() if "合计" in line]


# ---- edge cases


def test_findings_of_units_without_a_row_are_listed_apart(tree, tmp_path):
    import shutil

    root = tmp_path / "records"
    shutil.copytree(tree, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    (root / "org" / "bad.yaml").write_text("kind: branch\nname: 坏支部\ncategory: faculty\nmembers: {formal: many}\n", encoding="utf-8")
    (root / "org" / "gb-empty.yaml").write_text("kind: general_branch\nname: 空总支\n", encoding="utf-8")
    (root / "themedays" / "2026" / "a1-bad.yaml").write_text(
        "kind: themeday\nbranch: a1\ndate: 2026-02-30\nplace: 会议室\ntheme: 日期写错了\n", encoding="utf-8")
    doc = run_djrh("report", "--root", str(root), "--as-of", AS_OF, "--format", "json").json
    rows = {b["id"]: b for b in doc["branches"]}
    # a branch with schema errors keeps its row (SPEC section 3), with its errors
    assert list(rows) == ["a1", "a2", "bad", "d1"]
    assert rows["bad"]["errors"] >= 1 and rows["bad"]["status"] == "in_progress"
    # the theme day with an impossible date is a1's, by its `branch`: its SCH001 (the date) and the two
    # fields an integration day needs (entry_point, business_work)
    assert rows["a1"]["errors"] == 3
    assert rows["a1"]["themedays"] == 7  # and it is not counted
    page = run_djrh("report", "--root", str(root), "--as-of", AS_OF, "--format", "html").out
    assert "其他（未列入统计表的单位和记录）" in page and "BR001" in page and "org/bad.yaml" in page


def test_an_empty_tree(tmp_path):
    root = tmp_path / "empty"
    run_djrh("init", str(root))
    for output_format in ("table", "json", "csv", "html", "xlsx", "docx"):
        run = run_djrh("report", "--root", str(root), "--as-of", AS_OF, "--format", output_format, "-o", str(tmp_path / f"r.{output_format}"))
        assert run.code == 0, (output_format, run.err)
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["totals"]["branches"] == 0


# ---- names and values as an attacker or a careless paste writes them (issue 12)


@pytest.fixture
def hostile(tmp_path):
    """The demo tree with a branch named as a spreadsheet formula, formulas in a waiver and a task,
    a value with control characters (an SCH001 whose message echoes it) and an ESC in a file name."""
    import os
    import shutil

    root = tmp_path / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    path = root / "org" / "admin-academic.yaml"
    text = path.read_text("utf-8")
    name = next(line for line in text.split("\n") if line.startswith("name:"))
    path.write_text(text.replace(name, "name: '=HYPERLINK(\"http://x/\",\"点我\")'"), encoding="utf-8")
    path = root / "org" / "it-student.yaml"
    text = path.read_text("utf-8")
    category = next(line for line in text.split("\n") if line.startswith("category:"))
    path.write_text(text.replace(category, 'category: "fa\\x01cul\\x00ty\\e[31m\\uFFFE"'), encoding="utf-8")
    (root / "org" / "a\x1b[2Jb.yaml").write_text("kind: general_branch\nname: '+1+1'\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "org" / "pipe.yaml")
    return root


FORMULA = '=HYPERLINK("http://x/","点我")'


def test_every_report_format_survives_control_characters_and_formulas(hostile, tmp_path):
    import re

    for output_format in ("table", "json", "csv", "xlsx", "docx", "html"):
        out = tmp_path / f"r.{output_format}"
        run = run_djrh("report", "--root", str(hostile), "--as-of", "2026-11-22", "--format", output_format, "-o", str(out))
        assert run.code == 0, (output_format, run.err)
        if output_format in ("table", "json", "csv", "html"):
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe]", out.read_text("utf-8")), output_format
    for args in (("due",), ("due", "--format", "json"), ("check",), ("render", "--branch", "admin-academic", "--year", "2026")):
        run = run_djrh(*args, "--root", str(hostile), "--as-of", "2026-11-22", cwd=tmp_path)
        assert run.code in (0, 1), (args, run.err)
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe]", run.out), args
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "admin-academic-2026.docx")).paragraphs)
    assert FORMULA in text  # printed as written: a form is not a spreadsheet


def test_xlsx_writes_every_text_as_text(hostile, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "r.xlsx"
    assert run_djrh("report", "--root", str(hostile), "--as-of", "2026-11-22", "--format", "xlsx", "-o", str(out)).code == 0
    book = openpyxl.load_workbook(out)
    seen = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s" and "\x1b" not in cell.value and "\x01" not in cell.value
                    seen.append((sheet.title, cell.value))
    assert ("统计表", FORMULA) in seen and ("问题清单", FORMULA) in seen
    assert any(sheet == "问题清单" and "a\\x1b[2Jb.yaml" in value for sheet, value in seen)


def test_csv_neutralises_formulas(hostile):
    run = run_djrh("report", "--root", str(hostile), "--as-of", "2026-11-22", "--format", "csv")
    cells = [cell for row in csv.reader(io.StringIO(run.out)) for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) or (cell.startswith("-") and not cell[1:].isdigit()) for cell in cells)


def test_a_finding_is_placed_in_a_year_by_its_span_never_by_its_message():
    """A rule says which days a finding concerns (Finding.span); the report does not read the year
    out of the message's arguments, so renaming a placeholder cannot move a finding to another
    year's report."""
    from datetime import date

    from djrh.findings import Finding
    from djrh.i18n import Msg
    from djrh.report.stats import concerns
    from djrh.rules.base import day_span, year_span

    misleading = Msg("td001.year", {"year": 2025, "due": date(2025, 4, 15)})
    quota = Finding("TD001", "error", "org/a.yaml", 1, 1, "a", misleading, span=year_span(2026))
    assert concerns(quota, None, 2026, 2026) and not concerns(quota, None, 2025, 2026)
    deadline = Finding("DL001", "error", "org/a.yaml", 1, 1, "a", misleading, span=day_span(date(2027, 1, 5)))
    assert concerns(deadline, None, 2027, 2026) and not concerns(deadline, None, 2026, 2026)
    undated = Finding("ORG001", "error", "org/a.yaml", 1, 1, "a", misleading)  # no span, no dated record
    assert concerns(undated, None, 2026, 2026) and not concerns(undated, None, 2025, 2026)


def test_the_rules_give_their_findings_the_days_they_concern(tmp_path):
    """TD001 and TD002 a year, DL001 the deadline, PJ003 the task's due date; the others none (the
    record's own dates, or the current state)."""
    from datetime import date

    from conftest import BRANCH, write_tree
    from djrh.check.config import load_config
    from djrh.check.run import load_tree, run_checks

    root = write_tree(tmp_path / "records", {
        "org/nursing-gb.yaml": "kind: general_branch\nname: 护理学院党总支\n",
        "org/nursing-1.yaml": BRANCH.replace("{formal: 20, probationary: 2}", "{formal: 48, probationary: 4}"),
        "themedays/2025/nursing-1-2025-03.yaml": (
            "kind: themeday\nbranch: nursing-1\ndate: 2025-03-18\nplace: 308\ntheme: 备赛\nintegration: false\n"
            "prescribed: 学习\ntasks:\n  - {task: 整理题库, owner: 王丽, due: 2025-12-20}\n"
        ),
    }, config="institution: 测试\npolicy: {since: 2025}\ndeadlines:\n  - {name: 行动总结, due: 2026-07-05, applies_to: branch}\n")
    result = run_checks(load_tree(root, use_cache=False), load_config(root), date(2026, 11, 22))
    spans = {}
    for finding in result.findings:
        spans.setdefault(finding.code, set()).add(finding.span)
    assert spans["TD001"] == {(date(2025, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 12, 31))}
    assert spans["TD002"] == {(date(2025, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 12, 31))}
    assert spans["DL001"] == {(date(2026, 7, 5), date(2026, 7, 5))}
    assert spans["PJ003"] == {(date(2025, 12, 20), date(2025, 12, 20))}
    assert spans["ORG001"] == {None}


def test_the_cache_keeps_a_finding_with_its_span():
    import pickle
    from datetime import date

    from djrh.findings import Finding
    from djrh.i18n import Msg
    from djrh.tree import cache

    finding = Finding("DL001", "error", "org/a.yaml", 2, 1, "a", Msg("dl001.soon", {"due": date(2026, 7, 5)}),
                      span=(date(2026, 7, 5), date(2026, 7, 5)))
    cache._Unpickler.allowed = cache._allowed_classes()
    assert cache._Unpickler(io.BytesIO(pickle.dumps([finding]))).load() == [finding]


@pytest.mark.skipif(not shutil.which("soffice") and not shutil.which("libreoffice"), reason="LibreOffice (CI installs it)")
def test_english_docx_headers_never_break_inside_a_word(tmp_path):
    """The English statistics table's figure columns were sized for two Chinese characters: its
    headers printed as War/nin/gs, Brand/s. Each header word is whole on the page."""
    text = printed_report(tmp_path, "--lang", "en", mode="-raw")
    words = set(re.findall(r"[A-Za-z/]+", text))
    for header in ("Theme", "Integration", "Months", "missing", "Outcomes", "filled/due", "Brands", "Pilots", "Errors",
                   "Warnings", "Waived"):
        assert header in words, (header, sorted(w for w in words if len(w) < 12)[:80])


def test_only_html_makes_the_heat_map(tree, monkeypatch, tmp_path):
    """The heat map's cells (BranchRow.months, BranchRow.calendar) are made for html alone: no other
    format shows them, and a large tree spends a twentieth of a report on them."""
    import djrh.report.stats

    made = []
    for name in ("_calendar", "_months"):
        original = getattr(djrh.report.stats, name)
        monkeypatch.setattr(djrh.report.stats, name, lambda *args, original=original: made.append(args[1].id) or original(*args))
    for fmt in ("table", "json", "csv"):
        report(tree, "--format", fmt)
    for fmt in ("xlsx", "docx"):
        report(tree, "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"))
    assert made == []
    page = report(tree, "--format", "html", "-o", str(tmp_path / "r.html"))
    assert page.code == 0 and made and "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_docx_trace_is_the_hash_of_every_record_as_read(tmp_path, monkeypatch):
    """The statistics' trace line hashes every record file (their git blob ids, as `git
    hash-object` gives them): taken from the read — the cache's digest, or the file read afresh —
    not by reading every file again; the same line cold and warm, a new one once a record changes."""
    docx = pytest.importorskip("docx")
    import djrh.paper.trace

    monkeypatch.setenv("DJRH_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "records"
    shutil.copytree(DEMO, root)
    hashed_again = []
    monkeypatch.setattr(djrh.paper.trace, "file_hash", lambda root, rel: hashed_again.append(rel) or "?" * 12)

    def printed(name: str) -> str:
        run = run_djrh("report", "--root", str(root), "--as-of", AS_OF, "--year", "2026", "--format", "docx", "-o", str(tmp_path / name))
        assert run.code == 0, run.err
        return "\n".join(p.text for p in docx.Document(str(tmp_path / name)).sections[0].footer.paragraphs)

    cold, warm = printed("cold.docx"), printed("warm.docx")
    assert f"内容 {tree_trace_hash(root)}" in cold and cold == warm
    day = next((root / "themedays" / "2026").glob("*.yaml"))
    day.write_text(day.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    changed = printed("changed.docx")
    assert f"内容 {tree_trace_hash(root)}" in changed and changed != warm
    assert hashed_again == []  # no record file read a second time for its hash


@pytest.mark.parametrize("to_file", [False, True], ids=["pipe", "file"])
@pytest.mark.parametrize("lang, args", [
    ("zh", ("--year", "2025")), ("zh", ("--year", "2026")), ("en", ("--year", "2025")), ("zh", ("--year", "2025", "--branch", "gb-a")),
], ids=["complete year", "year in progress", "english", "one general branch"])
def test_the_table_to_a_file_or_pipe_is_what_rich_lays_out(tree, tmp_path, monkeypatch, lang, args, to_file):
    """Not to a terminal, the tables are laid out by djrh.output.term.plain_table (rich is slow at
    it): line for line what rich writes, to the screen's pipe and to a file (-o)."""
    import djrh.output.term

    def table(name: str) -> str:
        output = ("-o", str(tmp_path / name)) if to_file else ()
        run = run_djrh("--lang", lang, "report", "--root", str(tree), "--as-of", AS_OF, *args, *output)
        assert run.code == 0, run.err
        return (tmp_path / name).read_text("utf-8") if to_file else run.out

    real, laid_out = djrh.output.term.plain_table, []
    monkeypatch.setattr(djrh.output.term, "plain_table", lambda *a, **k: laid_out.append(real(*a, **k)) or laid_out[-1])
    plain = table("plain.txt")
    assert len(laid_out) == 2 and None not in laid_out  # both tables laid out here, not by rich
    monkeypatch.setattr(djrh.output.term, "plain_table", lambda *a, **k: None)
    assert table("rich.txt") == plain and "─" in plain


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "docx", "html"])
def test_only_the_terminal_table_loads_rich(tmp_path, fmt):
    """rich lays out the terminal table; the other formats share its title lines (layout.py) and
    start without rich's modules (20 ms of every xlsx, docx and html report)."""
    code = (
        "import sys\nfrom djrh.cli import main\n"
        f"try:\n    main(['report', '--year', '2026', '--format', '{fmt}', '-o', {str(tmp_path / ('r.' + fmt))!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, check=True)
    assert done.stdout.strip().endswith("[]"), done.stdout[-500:]
    assert (tmp_path / f"r.{fmt}").stat().st_size > 0
