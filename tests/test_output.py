"""The three outputs of `djrh check`, exit codes, root discovery and the language switch."""

from __future__ import annotations

import json

from conftest import PROJECT, SCHEMA_LEVEL, check_json, run_djrh, write_tree

BROKEN = {"org/x.yaml": "kind: general_branch\nname：x\n", "org/y.yaml": "kind: general_branch\nname: y\nsecretery: 王丽\n"}


def test_json_has_exactly_the_shape_spec_pins(tmp_path, base_files):
    root = write_tree(tmp_path / "tree", {**base_files, **BROKEN})
    run = check_json(root)
    document = run.json
    assert list(document) == ["version", "root", "as_of", "findings", "summary"]
    assert document["version"] == 1 and document["as_of"] == "2026-11-22"
    assert list(document["summary"]) == ["records", "errors", "warnings", "infos"]
    assert document["summary"] == {"records": 5, "errors": 2, "warnings": 0, "infos": 0}
    for finding in document["findings"]:
        # `fixable` only where djrh fix can mend it (SPEC section 5): the full-width colon of org/x.yaml
        fixable = ["fixable"] if finding["path"] == "org/x.yaml" else []
        assert list(finding) == ["code", "severity", "path", "line", "column", "record", "message", "waived", *fixable]
        assert finding["waived"] is False and "/" in finding["path"] and "\\" not in finding["path"]
        assert finding.get("fixable", False) is (finding["path"] == "org/x.yaml")


def test_json_root_is_relative_to_the_working_folder(tmp_path, base_files):
    write_tree(tmp_path / "records", base_files)
    run = run_djrh("check", "--format", "json", cwd=tmp_path / "records" / "org")
    assert run.json["root"] == ".."
    run = run_djrh("check", "--format", "json", "--root", "records", cwd=tmp_path)
    assert run.json["root"] == "records"


def test_github_annotations(tmp_path, base_files):
    write_tree(tmp_path / "records", {**base_files, **BROKEN})
    run = run_djrh("check", "--format", "github", "--root", "records", "--select", SCHEMA_LEVEL, cwd=tmp_path)
    assert run.code == 1
    lines = run.out.strip().split("\n")
    assert lines[0].startswith("::error file=records/org/x.yaml,line=2,col=5,title=SYN001 x::")
    assert lines[1].startswith("::error file=records/org/y.yaml,line=3,col=1,title=SCH002 y::")
    assert all("\n" not in line for line in lines)


def test_text_output_groups_by_file_and_shows_the_line(tmp_path, base_files):
    write_tree(tmp_path / "records", {**base_files, **BROKEN})
    run = run_djrh("check", "--root", "records", "--select", SCHEMA_LEVEL, cwd=tmp_path)
    assert run.code == 1
    out = run.out
    assert out.index("records/org/x.yaml") < out.index("SYN001") < out.index("records/org/y.yaml") < out.index("SCH002")
    assert "│ secretery: 王丽" in out and "是不是想写 secretary" in out
    assert "2 个错误" in out


def test_clean_tree_exits_zero_with_a_summary(tmp_path, base_files):
    root = write_tree(tmp_path, base_files)
    run = run_djrh("check", "--root", str(root), "--select", SCHEMA_LEVEL)
    assert run.code == 0 and "已检查 3 条记录，没有发现问题" in run.out


def test_english(tmp_path, base_files):
    root = write_tree(tmp_path, {**base_files, **BROKEN})
    run = run_djrh("--lang", "en", "check", "--root", str(root), "--select", SCHEMA_LEVEL)
    assert "Checked 5 records: 2 errors" in run.out and "Did you mean secretary" in run.out
    run = check_json(root, "--lang", "en")
    assert "full-width colon" in run.json["findings"][0]["message"]


def test_english_from_the_environment(tmp_path, base_files, monkeypatch):
    monkeypatch.setenv("DJRH_LANG", "en")
    root = write_tree(tmp_path, base_files)
    assert "no problems found" in run_djrh("check", "--root", str(root), "--select", SCHEMA_LEVEL).out


def test_paths_limit_the_report_not_the_check(tmp_path, base_files):
    root = write_tree(tmp_path, {**base_files, **BROKEN})
    run = run_djrh("check", str(root / "org" / "y.yaml"), "--format", "json", "--select", SCHEMA_LEVEL)
    assert [f["path"] for f in run.json["findings"]] == ["org/y.yaml"]
    assert run.json["summary"]["records"] == 1
    run = run_djrh("check", str(tmp_path / "nowhere.yaml"), "--root", str(root))
    assert run.code == 2


def test_select_ignore_and_strict(tmp_path, base_files):
    root = write_tree(tmp_path, {**base_files, **BROKEN})
    assert [f["code"] for f in check_json(root, select="SCH").json["findings"]] == ["SCH002"]
    assert [f["code"] for f in check_json(root, "--ignore", "SYN,SCH002").json["findings"]] == []
    assert check_json(root, "--ignore", "SYN", "--ignore", "SCH").code == 0


def test_root_discovery(tmp_path, base_files):
    root = write_tree(tmp_path / "tree", base_files)
    assert run_djrh("check", "--select", SCHEMA_LEVEL, cwd=root / "themedays" / "2026").code == 0
    run = run_djrh("check", cwd=tmp_path)
    assert run.code == 2 and "djrh.yaml" in run.err
    run = run_djrh("check", "--root", str(tmp_path))
    assert run.code == 2 and "djrh init" in run.err


def test_the_project_checkout_defaults_to_the_demo_tree():
    run = run_djrh("check", "--format", "json", cwd=PROJECT / "src")
    assert run.json["root"] == (PROJECT / "records").as_posix()
    run = run_djrh("check", "--format", "json", cwd=PROJECT)
    assert run.json["root"] == "records" and run.json["summary"]["records"] > 200


def test_bad_options_exit_two(tmp_path, base_files):
    root = write_tree(tmp_path, base_files)
    run = run_djrh("check", "--root", str(root), "--as-of", "2026-02-30")
    assert run.code == 2 and "--as-of" in run.err
    run = run_djrh("check", "--root", str(root), "--format", "xml")
    assert run.code == 2 and "xml" in run.err


def test_options_outside_the_calendar_are_usage_errors(tmp_path, base_files):
    """Dates and numbers given on the command line that would run the rules' date arithmetic past the
    calendar (issue 12): a usage error naming the option, exit 2, never an internal error."""
    root = write_tree(tmp_path, base_files)
    for args, words in (
        (("check", "--as-of", "9999-12-31"), "--as-of"),
        (("check", "--as-of", "0001-01-01"), "--as-of"),
        (("report", "--as-of", "9999-12-31"), "--as-of"),
        (("report", "--year", "99999"), "--year"),
        (("due", "--as-of", "9999-12-31"), "--as-of"),
        (("due", "--days", "3000000"), "--days"),
        (("render", "nursing-1-2026-03", "--as-of", "9999-12-31"), "--as-of"),
    ):
        run = run_djrh(*args, "--root", str(root))
        assert run.code == 2 and words in run.err and "内部错误" not in run.err, (args, run.err)
    assert run_djrh("due", "--days", "3660", "--root", str(root), "--as-of", "2200-12-31").code == 0


def test_root_that_is_a_file(tmp_path, base_files):
    root = write_tree(tmp_path / "tree", base_files)
    run = run_djrh("check", "--root", str(root / "djrh.yaml"))
    assert run.code == 2 and "是一个文件，不是文件夹" in run.err


def test_many_findings_on_one_long_line_are_shown_quickly(tmp_path, base_files):
    """30,000 findings on one 60 KB line (issue 12: over 400 s, the line rendered whole for each):
    the text output lists the first 50 of the file with a window of the line each, and the count of
    the rest; JSON keeps them all."""
    import time

    items = ",".join(["1"] * 30_000)
    record = BRANCH_WITH.format(extra=f"party_groups: [{items}]\n")
    root = write_tree(tmp_path / "tree", {**base_files, "org/long.yaml": record})
    start = time.monotonic()
    run = run_djrh("check", "--root", str(root), "--as-of", "2026-11-22", "--select", "SCH")
    assert time.monotonic() - start < 30
    assert run.code == 1 and run.out.count("错误 SCH001") == 50 and "还有 29950 个问题没有列出" in run.out
    shown = [line for line in run.out.splitlines() if line.startswith("          │ ")]
    assert shown and max(len(line) for line in shown) < 200  # a window of the line, not the line
    start = time.monotonic()
    run = check_json(root, select="SCH")
    assert time.monotonic() - start < 30  # each finding's example of the field was parsed anew: 48 s
    assert len(run.json["findings"]) == 30_000


def test_the_window_points_at_the_column(tmp_path, base_files):
    """Far along a long line, the caret still points at the offending value."""
    items = ",".join(["{name: 组}"] * 2000 + ["3"])
    root = write_tree(tmp_path / "tree", {**base_files, "org/long.yaml": BRANCH_WITH.format(extra=f"party_groups: [{items}]\n")})
    run = run_djrh("check", "--root", str(root), "--as-of", "2026-11-22", "--select", "SCH")
    from rich.cells import cell_len

    lines = run.out.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("          │ ") and "…" in line)
    source, caret = lines[index], lines[index + 1]
    at = cell_len(caret[: caret.index("^")])
    position = next(i for i in range(len(source)) if cell_len(source[:i]) == at)
    assert source[position] == "3" and len(source) < 200, (source, caret)


BRANCH_WITH = (
    "kind: branch\nname: 长行支部\nparent: nursing-gb\ncategory: faculty\nmembers: {{formal: 20}}\n"
    "committee: [{{name: 王丽, role: secretary}}]\nelected_on: 2025-06-12\n{extra}"
)


def test_broken_configuration_exits_two_with_its_position(tmp_path, base_files):
    root = write_tree(tmp_path, base_files, config="institution: x\npolicy:\n  months_off: [2, 13]\nrules:\n  ORG999: off\n")
    run = run_djrh("check", "--root", str(root))
    assert run.code == 2
    assert "djrh.yaml:3:" in run.err and "djrh.yaml:5:3" in run.err and "ORG999" in run.err


def test_empty_configuration_uses_the_defaults(tmp_path, base_files):
    root = write_tree(tmp_path, base_files, config="")
    run = run_djrh("check", "--root", str(root), "--select", SCHEMA_LEVEL)
    assert run.code == 0 and "默认设置" in run.err


def test_version_and_help():
    from djrh import __version__

    assert run_djrh("--version").out.strip() == f"djrh {__version__}"
    run = run_djrh("--help")
    assert run.code == 0 and "党建融合记录工具" in run.out
    import subprocess
    import sys

    # help texts are fixed when the app is built, so the language switch is tested in a new process
    done = subprocess.run([sys.executable, "-m", "djrh", "--lang", "en", "--help"], capture_output=True, text=True)
    assert "Party-building" in done.stdout


def test_rules_and_explain():
    run = run_djrh("rules")
    for code in ("SYN001", "SYN002", "SCH001", "SCH002", "ID001", "ID002", "REF001", "REF002"):
        assert code in run.out
    run = run_djrh("explain", "ref002")
    assert run.code == 0 and "evidence/" in run.out and "不符合的示例" in run.out
    run = run_djrh("explain", "REF003")
    assert run.code == 2


def test_schema_command(tmp_path):
    run = run_djrh("schema", "themeday")
    schema = json.loads(run.out)
    assert schema["properties"]["theme"]["title"] == "活动主题"
    assert schema["properties"]["business_work"]["description"] == "会前找准业务工作切入点及要集体研究解决的问题"
    assert "三全育人" in schema["properties"]["entry_point"]["anyOf"][0]["enum"]
    english = json.loads(run_djrh("schema", "themeday", "--lang", "en").out)
    assert english["properties"]["theme"]["title"] == "theme"
    assert "x-en" not in run.out
    combined = json.loads(run_djrh("schema").out)
    assert set(combined["$defs"]) >= {"general_branch", "branch", "themeday", "meeting", "pilot", "brand", "filing"}
    meeting = json.loads(run_djrh("schema", "会议").out)
    assert meeting["properties"]["topic"]["title"] == "议题"
    assert "党小组会" in meeting["properties"]["type"]["enum"]
    assert run_djrh("schema", "talk").code == 2


def test_a_table_laid_out_without_rich_is_what_rich_writes():
    """djrh.output.term.plain_table against rich itself, on tables of any texts (Chinese, markup,
    escapes, empty cells, short rows, sections) in the shapes djrh makes; a shape it does not know
    is left to rich (None)."""
    import io

    from hypothesis import given, settings, strategies as st
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from djrh.output.term import WIDE, plain_table

    piece = st.sampled_from(list("ab 1[]/\\:党支部（）、—✓") + ["[bold]", "[/]", ":smile:"])
    text = st.lists(piece, max_size=8).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(
        headers=st.lists(text, min_size=1, max_size=5), rows=st.lists(st.tuples(st.lists(text, max_size=5), st.booleans()), max_size=6),
        simple=st.booleans(), pad_edge=st.booleans(), padding=st.sampled_from([(0, 0, 0, 1), (0, 1), (0, 2, 0, 0)]),
        justify=st.lists(st.sampled_from(["left", "right"]), min_size=5, max_size=5), min_width=st.sampled_from([None, 3, 16]),
        escaped=st.booleans(),
    )
    def compare(headers, rows, simple, pad_edge, padding, justify, min_width, escaped):
        table = Table(box=box.SIMPLE_HEAD if simple else None, show_edge=False, pad_edge=pad_edge, padding=padding, expand=False)
        for index, heading in enumerate(headers):
            table.add_column(escape(heading) if escaped else heading, justify=justify[index], min_width=min_width if index else None)
        for cells, end in rows:
            try:
                table.add_row(*[escape(c) if escaped else c for c in cells[: len(headers)]], end_section=end)
            except Exception:
                return
        console = Console(file=io.StringIO(), width=WIDE, soft_wrap=True, color_system=None, highlight=False)
        try:
            with console.capture() as captured:
                console.print(table)
        except Exception:  # markup rich itself refuses ("[/]" closing nothing)
            return
        lines = plain_table(table)
        if lines is not None:
            assert [line.rstrip() for line in lines] == [line.rstrip() for line in captured.get().splitlines()]
            compared.append(len(lines))

    compared: list[int] = []
    compare()
    assert len(compared) > 100 and max(compared) > 5  # most examples laid out here, with rows
    odd = Table(box=box.ROUNDED)
    odd.add_column("x")
    assert plain_table(odd) is None and plain_table(Table(box=None, show_header=False)) is None
