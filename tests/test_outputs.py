"""Where outputs go (issue 11): one rule for every file a command makes (cli.app.output_target), and
one branch's view (`check --branch`, `report --branch`, SPEC section 5)."""

from __future__ import annotations

import shutil

from conftest import DEMO, run_djrh


def demo_copy(tmp_path):
    root = tmp_path / "work" / "records"
    shutil.copytree(DEMO, root)
    return root


def test_a_report_file_is_never_written_into_the_tree_by_default(tmp_path):
    root = demo_copy(tmp_path)
    run = run_djrh("report", "--format", "xlsx", cwd=root)
    assert run.code == 0 and "../djrh-report-2026.xlsx" in run.err
    assert (root.parent / "djrh-report-2026.xlsx").is_file() and not list(root.rglob("*.xlsx"))
    run = run_djrh("report", "--format", "docx", cwd=root / "themedays" / "2026")
    assert run.code == 0 and (root.parent / "djrh-report-2026.docx").is_file() and not list(root.rglob("*.docx"))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = run_djrh("report", "--format", "xlsx", "--root", str(root), cwd=outside)
    assert run.code == 0 and (outside / "djrh-report-2026.xlsx").is_file()


def test_an_output_the_user_names_goes_where_she_says(tmp_path):
    root = demo_copy(tmp_path)
    run = run_djrh("report", "--format", "xlsx", "-o", "统计.xlsx", cwd=root)
    assert run.code == 0 and (root / "统计.xlsx").is_file()  # inside the tree, as asked
    run = run_djrh("report", "--format", "docx", "-o", "../", cwd=root / "org")
    assert run.code == 0 and (root / "djrh-report-2026.docx").is_file()  # a folder: the usual name in it
    wrong = run_djrh("report", "--format", "xlsx", "-o", "统计.docx", cwd=root)
    assert wrong.code == 2 and ".xlsx" in wrong.err and not (root / "统计.docx").exists()
    record_like = run_djrh("report", "--format", "json", "-o", "org/report.yaml", cwd=root)
    assert record_like.code == 2 and "当作一条记录" in record_like.err and not (root / "org" / "report.yaml").exists()
    html = run_djrh("report", "--format", "html", "-o", str(tmp_path / "看板.htm"), cwd=root)
    assert html.code == 0 and (tmp_path / "看板.htm").is_file()


def test_check_branch_keeps_a_broken_file_of_that_branch(tmp_path):
    """A theme day of the branch that cannot be read at all (no kind, no branch field to read) is
    still hers: `djrh new` names it after the branch."""
    root = demo_copy(tmp_path)
    (root / "themedays" / "2026" / "logistics-2026-12.yaml").write_text("kind: themeday\nbranch: logistics\ntheme: [x\n", "utf-8")
    (root / "themedays" / "2026" / "it-faculty-2026-12.yaml").write_text("kind: themeday\ntheme: [x\n", "utf-8")
    one = run_djrh("check", "--root", str(root), "--format", "json", "--branch", "logistics").json
    paths = {f["path"] for f in one["findings"]}
    assert "themedays/2026/logistics-2026-12.yaml" in paths and "themedays/2026/it-faculty-2026-12.yaml" not in paths
    assert all(not p.startswith("djrh.yaml") for p in paths)
    report = run_djrh("report", "--root", str(root), "--format", "json", "--branch", "logistics").json
    whole = run_djrh("report", "--root", str(root), "--format", "json").json
    row = next(b for b in whole["branches"] if b["id"] == "logistics")
    assert report["branches"][0]["errors"] == row["errors"] >= 1
    sarif = run_djrh("check", "--root", str(root), "--format", "sarif", "--branch", "logistics")
    assert sarif.code == 1 and "logistics-2026-12.yaml" in sarif.out and "it-faculty-2026-12" not in sarif.out


def test_branch_of_an_id_that_is_no_unit_is_refused(tmp_path):
    for command in ("check", "report"):
        run = run_djrh(command, "--root", str(DEMO), "--branch", "logistics-2026-07")
        assert run.code == 2 and "logistics-2026-07" in run.err and "党支部或党总支" in run.err


def test_dash_is_standard_output_for_text_and_refused_for_files(tmp_path):
    """`-o -` is what a user types for "to the screen or the pipe": a text report goes there, and
    no file named `-` appears; a DOCX or XLSX cannot, and says to name a file (nothing written)."""
    import json
    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        done = run_djrh("report", "--root", str(DEMO), "--format", "json", "-o", "-")
        assert done.code == 0 and json.loads(done.out)["year"] == 2026
        for args in (("report", "--format", "docx"), ("render", "logistics-2026-11"), ("export", "themeday")):
            done = run_djrh(*args, "--root", str(DEMO), "-o", "-")
            assert done.code == 2 and "-o - 表示输出到屏幕或管道" in done.err, (args, done.err)
        assert list(tmp_path.iterdir()) == []
    finally:
        os.chdir(here)
