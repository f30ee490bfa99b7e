"""Ledgers (台账) as schools keep them, for `djrh import`: a theme-day ledger with a title row and a
two-level merged header, and a branch registry with one row per committee member.

`python benchmarks/ledger.py docs/examples` writes the samples the README's worked example uses
(docs/examples/支部名册.xlsx, docs/examples/主题党日台账.xlsx); bench_import.py writes a large one.
Deterministic: the same arguments give the same rows.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

GENERAL_BRANCHES = [("nursing-gb", "护理学院党总支", "刘建华"), ("it-gb", "信息工程学院党总支", "周文斌")]
BRANCHES = [
    # name, general branch, category, formal, probationary, elected on, committee
    ("护理学院教工第一党支部", "护理学院党总支", "教工", 22, 2, date(2025, 6, 12), [("王丽", "书记"), ("李强", "组织委员"), ("陈静", "宣传委员")]),
    ("护理学院学生第一党支部", "护理学院党总支", "学生", 16, 9, date(2025, 9, 20), [("赵敏", "书记"), ("孙悦", "组织委员"), ("何佳", "宣传委员")]),
    ("信息工程学院教工党支部", "信息工程学院党总支", "教工", 18, 1, date(2024, 12, 5), [("周凯", "书记"), ("吴昊", "副书记"), ("郑伟", "组织委员")]),
    ("信息工程学院学生党支部", "信息工程学院党总支", "学生", 12, 6, date(2025, 10, 15), [("冯雪", "书记"), ("蒋涛", "组织委员"), ("韩梅", "纪检委员")]),
]
THEMES = [
    ("推进护理技能大赛备赛", "三全育人", "实践育人", "省赛急救模块失分较多，研究训练方案和指导教师分工。"),
    ("学习全国教育大会精神", "中心工作", "", "专业人才培养方案修订进度偏慢，研究分工和时间表。"),
    ("党员先锋岗服务实习学生", "服务师生", "", "临床实习学生反映带教安排不均，研究党员教师结对带教。"),
    ("课程思政案例库建设", "三全育人", "课程育人", "基础护理学课程思政案例不足，研究分工编写案例。"),
    ("毕业生就业帮扶", "三全育人", "资助育人", "家庭经济困难毕业生就业率偏低，研究一对一帮扶。"),
]
PLACES = ["护理学院308会议室", "党员活动室", "实训楼201", "学院报告厅"]
HEADER = ["序号", "党支部", "活动时间", "", "活动地点", "活动主题", "党建与业务融合", "切入点", "十大育人路径",
          "业务工作描述", "规定动作", "理论指导实践", "集体研讨", "出席情况", "", "同时计为"]
SUBHEADER = ["", "", "日期", "时段", "", "", "", "", "", "", "", "", "", "应到", "实到", ""]


def theme_day_rows(count: int, seed: int = 2026) -> list[list]:
    """`count` theme days of the four branches, month by month from January 2025."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        branch = BRANCHES[number % len(BRANCHES)]
        month_index = number // len(BRANCHES)
        year, month = 2025 + month_index // 12 % 200, month_index % 12 + 1
        day = date(year, month, 3 + (number * 7) % 24)
        theme, entry, path, work = THEMES[number % len(THEMES)]
        expected = branch[3] + branch[4]
        rows.append([
            number + 1, branch[0], day, "14:30-17:00", PLACES[number % len(PLACES)], f"{theme}（{month}月）",
            "是", entry, path, work,
            "学习习近平总书记关于教育的重要论述；布置发展对象考察工作。",
            "学习见思想：把理论学习落到本次工作上，谈认识、找差距。",
            "形成解决方案：明确任务、责任人和完成时限。",
            expected, expected - rng.randint(0, 3), "党课" if month % 3 == 0 else "",
        ])
    return rows


def theme_day_ledger(path: Path, count: int, title: str = "护理学院党总支 2025—2026 年主题党日活动台账") -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "主题党日"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    sheet.append(SUBHEADER)
    for column, text in enumerate(HEADER, start=1):  # one-level headings span both header rows
        if text and not SUBHEADER[column - 1] and (column == len(HEADER) or HEADER[column] != ""):
            sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    sheet.merge_cells("C2:D2")  # 活动时间: 日期 | 时段
    sheet.merge_cells("N2:O2")  # 出席情况: 应到 | 实到
    for row in theme_day_rows(count):
        sheet.append(row)
    for row in sheet.iter_rows(min_row=4, min_col=3, max_col=3):
        row[0].number_format = "yyyy-mm-dd"
    for cell in sheet[2] + sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet["A1"].font = Font(bold=True, size=14)
    book.save(path)


def registry(path: Path) -> None:
    """The branch registry: a sheet of general branches, a sheet of branches with one row per
    committee member (the branch's own cells merged down its member rows)."""
    book = Workbook()
    general = book.active
    general.title = "党总支"
    general.append(["记录 id", "党总支名称", "书记"])  # an id column: the ids the records get
    for row in GENERAL_BRANCHES:
        general.append(list(row))
    sheet = book.create_sheet("党支部")
    sheet.append(["支部名称", "所属党总支", "支部类别", "正式党员", "预备党员", "选举日期", "姓名", "职务"])
    for name, parent, category, formal, probationary, elected, committee in BRANCHES:
        first = sheet.max_row + 1
        for index, (person, role) in enumerate(committee):
            own = [name, parent, category, formal, probationary, elected] if index == 0 else [None] * 6
            sheet.append([*own, person, role])
        for column in range(1, 7):
            sheet.merge_cells(start_row=first, start_column=column, end_row=first + len(committee) - 1, end_column=column)
        sheet.cell(row=first, column=6).number_format = "yyyy-mm-dd"
    book.save(path)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/examples")
    out.mkdir(parents=True, exist_ok=True)
    registry(out / "支部名册.xlsx")
    theme_day_ledger(out / "主题党日台账.xlsx", 20)
    print(out / "支部名册.xlsx", out / "主题党日台账.xlsx")
