"""`djrh import` and `djrh export` through the real CLI: real ledgers (title row, merged header,
Chinese names, GBK CSV), findings at (sheet, row, column), nothing overwritten, round trips, every
kind; and the scaffold's comments never suggest a value the schema refuses (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import PROJECT, run_djrh, write_tree
from djrh.read.yaml12 import parse

EXAMPLES = PROJECT / "docs" / "examples"


def empty_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "tree", {})


def registry_tree(tmp_path: Path) -> Path:
    root = empty_tree(tmp_path)
    run = run_djrh("import", str(EXAMPLES / "支部名册.xlsx"), "--root", str(root))
    assert run.code == 0, run.err
    return root


def test_the_sample_registry_one_row_per_committee_member(tmp_path):
    root = registry_tree(tmp_path)
    branch = parse((root / "org/nursing-gb-faculty-1.yaml").read_text("utf-8")).data
    assert branch["name"] == "护理学院教工第一党支部" and branch["parent"] == "nursing-gb" and branch["category"] == "faculty"
    assert branch["members"] == {"formal": 22, "probationary": 2} and branch["elected_on"] == "2025-06-12"
    assert branch["committee"] == [{"name": "王丽", "role": "secretary"}, {"name": "李强", "role": "organization"},
                                   {"name": "陈静", "role": "publicity"}]
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH,ID,REF")
    assert run.json["findings"] == []


def test_the_sample_theme_day_ledger_with_title_row_and_merged_header(tmp_path):
    root = registry_tree(tmp_path)
    ledger = EXAMPLES / "主题党日台账.xlsx"
    dry = run_djrh("import", str(ledger), "--dry-run", "--root", str(root))
    assert dry.code == 0 and "第 4 行" in dry.err and "没有写入" in dry.err
    assert not (root / "themedays").exists()
    run = run_djrh("import", str(ledger), "--root", str(root))
    assert run.code == 0, run.err
    written = run.out.split()
    assert len(written) == 20 and written[0].endswith("themedays/2025/nursing-gb-faculty-1-2025-01.yaml")
    day = parse((root / "themedays/2025/nursing-gb-faculty-1-2025-01.yaml").read_text("utf-8")).data
    assert day["branch"] == "nursing-gb-faculty-1" and day["date"] == "2025-01-03" and day["time"] == "14:30-17:00"
    assert day["entry_point"] == "education" and day["education_path"] == "practice" and day["integration"] is True
    assert day["attendance"]["expected"] == 24 and day["prescribed"].startswith("学习")
    check = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH,ID,REF,TD006")
    assert check.json["findings"] == []
    # again: every row is reported as there already, nothing is overwritten
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    again = run_djrh("import", str(ledger), "--root", str(root))
    assert again.code == 0 and again.out == "" and again.err.count("行：已有记录") == 20
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in rows) + "\n"


BRANCH_ROWS = [
    ["支部名称", "所属党总支", "支部类别", "正式党员", "预备党员", "支部委员会", "选举日期"],
    ["护理学院教工第二党支部", "护理学院党总支", "教工", "15", "1", "张三（书记）、李四（组织委员）、王五（宣传委员）", "2025/6/1"],
    ["信息工程学院学生第二党支部", "信息工程学院党总支", "学生", "9", "3", "赵六（书记）、钱七（副书记）", "2025年9月1日"],
]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_as_excel_saves_it_committee_in_one_cell(tmp_path, encoding):
    root = registry_tree(tmp_path)
    sheet = tmp_path / "名册.csv"
    sheet.write_bytes(_csv(BRANCH_ROWS).encode(encoding))
    run = run_djrh("import", str(sheet), "--root", str(root))
    assert run.code == 0, run.err
    data = parse((root / "org/nursing-gb-faculty-2.yaml").read_text("utf-8")).data
    assert data["name"] == "护理学院教工第二党支部" and data["elected_on"] == "2025-06-01"
    assert data["committee"] == [{"name": "张三", "role": "secretary"}, {"name": "李四", "role": "organization"},
                                 {"name": "王五", "role": "publicity"}]
    other = parse((root / "org/it-gb-student-2.yaml").read_text("utf-8")).data
    assert other["elected_on"] == "2025-09-01" and other["committee"][1] == {"name": "钱七", "role": "deputy_secretary"}


def test_bad_cells_are_findings_at_sheet_row_column_and_nothing_is_written(tmp_path):
    root = registry_tree(tmp_path)
    rows = [r[:] for r in BRANCH_ROWS]
    rows[1][2] = "老师"  # no such category
    rows[2][1] = "不存在的党总支"
    sheet = tmp_path / "名册.csv"
    sheet.write_text(_csv(rows + [["护理学院第三党支部", "护理学院党总支", "教工", "8", "0", "孙八（书记）", "2025-01-01"]]),
                     encoding="utf-8")
    before = sorted(p.name for p in (root / "org").iterdir())
    run = run_djrh("import", str(sheet), "--root", str(root))
    assert run.code == 1
    assert "名册.csv:2:3" in run.err and "老师" in run.err and "名册.csv:3:2" in run.err and "REF001" in run.err
    assert "没有写入任何记录" in run.err and sorted(p.name for p in (root / "org").iterdir()) == before
    as_json = run_djrh("import", str(sheet), "--format", "json", "--root", str(root))
    found = {(f["code"], f["path"], f["line"], f["column"]) for f in as_json.json["findings"]}
    assert ("SCH001", "名册.csv", 2, 3) in found and ("REF001", "名册.csv", 3, 2) in found
    github = run_djrh("import", str(sheet), "--format", "github", "--root", str(root))
    assert "::error file=" in github.out and ",line=2,col=3," in github.out
    skipped = run_djrh("import", str(sheet), "--skip-bad", "--root", str(root))
    assert skipped.code == 1 and skipped.out.strip().endswith("org/nursing-gb-faculty-2.yaml")
    assert sorted(p.name for p in (root / "org").iterdir()) == sorted(before + ["nursing-gb-faculty-2.yaml"])


def test_a_theme_day_of_the_same_branch_and_date_is_reported(tmp_path):
    root = registry_tree(tmp_path)
    rows = [["党支部", "活动日期", "活动地点", "活动主题", "切入点", "业务工作描述"],
            ["nursing-gb-faculty-1", "2026-03-18", "308", "备赛", "中心工作", "备赛训练"],
            ["护理学院教工第一党支部", "2026-03-18", "308", "备赛（重复一行）", "中心工作", "备赛训练"],
            ["护理学院教工第一党支部", "2026-03-25", "308", "同月第二次", "中心工作", "备赛训练"]]
    sheet = tmp_path / "台账.csv"
    sheet.write_text(_csv(rows), encoding="utf-8")
    run = run_djrh("import", str(sheet), "--root", str(root))
    assert run.code == 0, run.err
    assert run.out.split() [0].endswith("nursing-gb-faculty-1-2026-03.yaml") and run.out.split()[1].endswith("-2026-03-2.yaml")
    assert "第 3 行：已有记录 themedays/2026/nursing-gb-faculty-1-2026-03.yaml" in run.err


def test_an_exported_template_filled_in_goes_back(tmp_path):
    root = registry_tree(tmp_path)
    template = tmp_path / "模板.xlsx"
    run = run_djrh("export", "--template", "themeday", "-o", str(template), "--root", str(root))
    assert run.code == 0, run.err
    book = load_workbook(template)
    sheet = book["主题党日"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["党支部", "活动时间（日期）", "活动时间（时段）"] and "出席情况·实到人数" in headers
    assert sheet.cell(row=2, column=1).value == "nursing-faculty-1"  # the example row
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    entry = headers.index("切入点")
    assert any(key.startswith(chr(ord("A") + entry)) for key in lists)  # a drop-down for the entry point
    explained = [row[0].value for row in book["填写说明"].iter_rows(min_row=2)]
    assert "切入点" in explained and book["选项"].sheet_state == "hidden"
    values = {"党支部": "护理学院教工第一党支部", "活动时间（日期）": "2026-05-20", "活动地点": "实训楼201",
              "活动主题": "实训室开放", "切入点": "服务师生", "业务工作描述": "实训室开放时间不够",
              "党建与业务融合": "是", "出席情况·应到人数": 24, "同时计为": "党课、支委会",
              "任务安排": "制定开放方案（王丽，2026-05-31）\n排值班表（李强）"}
    for name, value in values.items():
        sheet.cell(row=3, column=headers.index(name) + 1, value=value)
    book.save(template)
    run = run_djrh("import", str(template), "--root", str(root))
    assert run.code == 0, run.err
    assert run.out.strip().endswith("themedays/2026/nursing-gb-faculty-1-2026-05.yaml")  # the example row skipped
    day = parse((root / "themedays/2026/nursing-gb-faculty-1-2026-05.yaml").read_text("utf-8")).data
    assert day["entry_point"] == "service" and day["also_counts_as"] == ["party_lecture", "branch_committee"]
    assert day["tasks"] == [{"task": "制定开放方案", "owner": "王丽", "due": "2026-05-31"}, {"task": "排值班表", "owner": "李强"}]
    assert day["attendance"]["expected"] == 24 and day["attendance"]["present"] is None  # the rest left to fill


def test_exported_records_import_into_another_tree_as_they_were(tmp_path):
    root = registry_tree(tmp_path)
    run_djrh("import", str(EXAMPLES / "主题党日台账.xlsx"), "--root", str(root))
    other = write_tree(tmp_path / "other", {})
    for kind in ("general_branch", "branch", "themeday"):
        out = tmp_path / f"{kind}.xlsx"
        assert run_djrh("export", kind, "-o", str(out), "--root", str(root)).code == 0
        run = run_djrh("import", str(out), "--kind", kind, "--root", str(other))
        assert run.code == 0, run.err
    for path in root.rglob("*.yaml"):
        rel = path.relative_to(root)
        if rel.parts[0] in ("schema",) or rel.name == "djrh.yaml":
            continue
        assert parse((other / rel).read_text("utf-8")).data == parse(path.read_text("utf-8")).data, rel


def test_export_never_writes_a_formula(tmp_path):
    root = write_tree(tmp_path / "tree", {"org/x.yaml": "kind: general_branch\nname: \"=HYPERLINK(\\\"http://x\\\")\"\nsecretary: \"+1\"\n"})
    out = tmp_path / "x.xlsx"
    assert run_djrh("export", "general_branch", "-o", str(out), "--root", str(root)).code == 0
    sheet = load_workbook(out)["党总支"]
    assert sheet.cell(row=2, column=2).data_type == "s" and sheet.cell(row=2, column=2).value.startswith("=HYPERLINK")
    assert sheet.cell(row=2, column=3).data_type == "s"


def test_every_kind_goes_through_its_template(tmp_path):
    """Every kind (meetings too, once they exist): the template's example row, changed, imports into
    a tree holding what the examples refer to, and the record reads back as written."""
    from djrh.kinds import KINDS, MODELS

    files = {}
    for kind in KINDS:
        example = parse(MODELS[kind].EXAMPLE).data
        for field_name in ("branch", "unit", "owner", "parent"):
            if isinstance(example.get(field_name), str):
                files[f"org/{example[field_name]}.yaml"] = None
        for ref in example.get("units", []) + example.get("activities", []):
            files[f"x/{ref}.yaml"] = None
    root = write_tree(tmp_path / "tree", {})
    (root / "org").mkdir()
    (root / "org/nursing-gb.yaml").write_text(MODELS["general_branch"].EXAMPLE, encoding="utf-8")
    (root / "org/nursing-faculty-1.yaml").write_text(MODELS["branch"].EXAMPLE, encoding="utf-8")
    (root / "themedays").mkdir()
    (root / "themedays/nursing-faculty-1-2026-03.yaml").write_text(MODELS["themeday"].EXAMPLE, encoding="utf-8")
    (root / "pilots").mkdir()
    (root / "pilots/model-branch-2025-nursing-faculty-1.yaml").write_text(MODELS["pilot"].EXAMPLE, encoding="utf-8")
    for kind in KINDS:
        template = tmp_path / f"{kind}.xlsx"
        assert run_djrh("export", "--template", kind, "-o", str(template), "--root", str(root)).code == 0
        book = load_workbook(template)
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]
        for column in range(1, len(headers) + 1):
            sheet.cell(row=3, column=column, value=sheet.cell(row=2, column=column).value)
        text_columns = [i for i, h in enumerate(headers) if h in ("名称", "活动地点", "项目名称", "品牌名称", "材料名称", "地点")]
        sheet.cell(row=3, column=text_columns[0] + 1, value="导入的一条")
        if headers[0] == "记录 id":
            sheet.cell(row=3, column=1, value=f"imported-{kind.replace('_', '-')}")
        if "活动时间（日期）" in headers:
            sheet.cell(row=3, column=headers.index("活动时间（日期）") + 1, value="2026-04-18")
        book.save(template)
        run = run_djrh("import", str(template), "--root", str(root), "--format", "json")
        assert run.code == 0, (kind, run.out, run.err)
        written = [r for r in run.json["records"] if r["status"] == "written"]
        assert len(written) == 1, (kind, run.json)
        data = parse((root / written[0]["path"]).read_text("utf-8")).data
        assert data["kind"] == kind and "导入的一条" in data.values()


def _suggested_values(comment: str) -> list[str]:
    """What a scaffold comment offers as values: `code 名称` pairs of a choice list, `如 X` examples."""
    found = []
    if " / " in comment:
        for part in comment.split("：")[-1].split(" / "):
            found.extend(part.split())
    for example in re.findall(r"如 ([^，；：（）()]+)", comment):
        found.extend(x.strip() for x in example.split("、") if x.strip())
    return found


def test_no_scaffold_comment_suggests_a_value_the_schema_refuses():
    """Issue 11: every value a comment of `djrh new` offers, for every field of every kind, is
    accepted by that field (the form once offered 实践 for education_path, which was refused)."""
    from pydantic import TypeAdapter, ValidationError

    from djrh.edit.scaffold import record_text
    from djrh.kinds import KINDS, MODELS
    from djrh.kinds.fields import fields_of, parts_of

    checked = 0
    models = [(MODELS[kind], fields_of(MODELS[kind])) for kind in KINDS]
    models += [(part, fields_of(part)) for kind in KINDS for part in parts_of(MODELS[kind])]
    texts = "\n".join(record_text(kind, {}, "zh") for kind in KINDS)
    for model, metas in models:
        for name, meta in metas.items():
            line = next((l for l in texts.splitlines() if l.strip().startswith(f"{name}:") and "#" in l), None)
            comments = [meta.hint("zh")] + ([line.split("#", 1)[1]] if line else [])
            info = model.model_fields[name]
            adapter = TypeAdapter(info.annotation if meta.type != "list" else info.annotation)
            for comment in comments:
                for value in _suggested_values(comment):
                    if meta.type in ("list",) and meta.item is not None and meta.item.nested is None:
                        value = [value]
                    elif meta.type in ("list", "mapping", "dict"):
                        continue
                    if meta.type in ("int", "number", "bool", "date") and not re.match(r"[\d-]", str(value)):
                        continue  # 正式党员人数 in `{formal: 正式党员人数}` names a value, it is not one
                    try:
                        adapter.validate_python(value)
                    except ValidationError as error:
                        raise AssertionError(f"{model.__name__}.{name}: the comment offers {value!r}: {error}") from None
                    checked += 1
    assert checked > 60, checked


def test_export_does_not_write_into_the_tree_by_default(tmp_path):
    root = empty_tree(tmp_path)
    # the rule of every output (cli.app.output_target): from inside the tree, beside it
    run = run_djrh("export", "--template", "themeday", cwd=root)
    assert run.code == 0 and list(root.rglob("*.xlsx")) == [] and (root.parent / "主题党日-导入模板.xlsx").is_file()
    (root.parent / "主题党日-导入模板.xlsx").unlink()
    run = run_djrh("export", "--template", "themeday", cwd=tmp_path)
    assert run.code == 0 and (tmp_path / "主题党日-导入模板.xlsx").is_file()


GROUPS_BRANCH = """\
kind: branch
name: 护理学院教工第一党支部
category: faculty
members: {formal: 20, probationary: 2}
committee:
  - {name: 王丽, role: secretary}
  - {name: 李强, role: organization}
  - {name: 陈静, role: publicity}
elected_on: 2025-06-12
party_groups:
  - {name: 基础护理教研室党小组, leader: 李强}
  - {name: 内外科护理教研室党小组, leader: 陈静}
"""


def test_two_party_groups_meeting_on_one_day_are_two_meetings(tmp_path):
    """A branch's two 党小组 often meet on the same afternoon: two rows of one branch, date and type
    but of different groups are two records; only a row of the same group again is one already there."""
    root = write_tree(tmp_path / "tree", {"org/nursing-faculty-1.yaml": GROUPS_BRANCH})
    rows = [["党支部", "会议类型", "党小组", "时间（日期）", "地点", "议题"],
            ["护理学院教工第一党支部", "党小组会", "基础护理教研室党小组", "2026-03-18", "308", "学习"],
            ["护理学院教工第一党支部", "党小组会", "内外科护理教研室党小组", "2026-03-18", "309", "学习"],
            ["护理学院教工第一党支部", "党小组会", "基础护理教研室党小组", "2026-03-18", "308", "学习（重复一行）"]]
    sheet = tmp_path / "三会一课台账.csv"
    sheet.write_text(_csv(rows), encoding="utf-8")
    run = run_djrh("import", str(sheet), "--root", str(root))
    assert run.code == 0, run.err
    written = run.out.split()
    assert [Path(p).name for p in written] == ["nursing-faculty-1-2026-03-18-party-group.yaml",
                                                "nursing-faculty-1-2026-03-18-party-group-2.yaml"]
    groups = [parse((root / "meetings/2026" / Path(p).name).read_text("utf-8")).data["group"] for p in written]
    assert groups == ["基础护理教研室党小组", "内外科护理教研室党小组"]
    assert "第 4 行：已有记录 meetings/2026/nursing-faculty-1-2026-03-18-party-group.yaml" in run.err
    # the same sheet again: both rows are there already, nothing is written
    again = run_djrh("import", str(sheet), "--root", str(root))
    assert again.code == 0 and again.out == "" and again.err.count("行：已有记录") == 3


def test_exported_meetings_import_into_another_tree_as_they_were(tmp_path):
    meeting = "kind: meeting\nbranch: nursing-faculty-1\ntype: {type}\ndate: {date}\nplace: 实训楼308\ntopic: 学习\n{extra}"
    files = {"org/nursing-faculty-1.yaml": GROUPS_BRANCH}
    for name, kind, day, extra in [
        ("nursing-faculty-1-2026-03-18-party-group", "party_group", "2026-03-18", "group: 内外科护理教研室党小组\n"),
        ("nursing-faculty-1-2026-03-18-party-group-2", "party_group", "2026-03-18", "group: 基础护理教研室党小组\n"),
        ("nursing-faculty-1-2026-03-18-branch-committee", "branch_committee", "2026-03-18", ""),
        ("nursing-faculty-1-2026-03-25-general-meeting", "general_meeting", "2026-03-25",
         "attendance: {expected: 22, present: 20, absent: [{name: 赵敏, reason: 出差}]}\ncontent: 讨论\n"),
    ]:
        files[f"meetings/2026/{name}.yaml"] = meeting.format(type=kind, date=day, extra=extra)
    root = write_tree(tmp_path / "tree", files)
    other = write_tree(tmp_path / "other", {"org/nursing-faculty-1.yaml": GROUPS_BRANCH})
    out = tmp_path / "meeting.xlsx"
    assert run_djrh("export", "meeting", "-o", str(out), "--root", str(root)).code == 0
    run = run_djrh("import", str(out), "--root", str(other))
    assert run.code == 0, run.err
    assert len(run.out.split()) == 4
    for rel in files:
        assert _filled(parse((other / rel).read_text("utf-8")).data) == parse((root / rel).read_text("utf-8")).data, rel


def _filled(value):
    """The values written in a record, without the fields an imported scaffold leaves blank."""
    if isinstance(value, dict):
        kept = {key: _filled(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, [], {})}
    if isinstance(value, list):
        kept = [_filled(item) for item in value]
        return [item for item in kept if item not in (None, [], {})]
    return value
