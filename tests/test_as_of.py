"""`as_of` in djrh.yaml (SPEC section 4): the date check, report, due and render use when --as-of is
not given, so that a demo tree or an archived year gives the same result on any machine date."""

from __future__ import annotations

import datetime

import pytest

from conftest import DEMO, run_djrh, write_tree


class _Later(datetime.date):
    """A machine whose clock says 2031-05-04."""

    @classmethod
    def today(cls):
        return cls(2031, 5, 4)


@pytest.fixture
def clock_in_2031(monkeypatch):
    import djrh.cli.common

    monkeypatch.setattr(djrh.cli.common, "date", _Later)


def test_demo_tree_is_green_on_any_date(clock_in_2031):
    """The README's first command: `djrh check` on the demo exits 0 whatever the machine date."""
    run = run_djrh("check", "--root", str(DEMO))
    assert run.code == 0, run.out
    assert run.out.startswith("检查日期 2026-11-22（由 djrh.yaml 的 as_of 指定")
    assert "0 个错误" in run.out
    assert run_djrh("check", "--root", str(DEMO), "--format", "json").json["as_of"] == "2026-11-22"


def test_a_tree_without_as_of_is_checked_as_of_today(tmp_path, base_files, clock_in_2031):
    root = write_tree(tmp_path / "t", base_files)
    run = run_djrh("check", "--root", str(root), "--format", "json")
    assert run.json["as_of"] == "2031-05-04"
    text = run_djrh("check", "--root", str(root), "--select", "SCH")
    assert "djrh.yaml 的 as_of" not in text.out


def test_as_of_option_wins_over_the_tree(clock_in_2031):
    run = run_djrh("check", "--root", str(DEMO), "--as-of", "2026-12-01", "--format", "json")
    assert run.json["as_of"] == "2026-12-01"
    assert run.code == 1  # the November theme days have now passed without their held fields
    assert {f["code"] for f in run.json["findings"] if f["severity"] == "error" and not f["waived"]} == {"TD006"}
    text = run_djrh("check", "--root", str(DEMO), "--as-of", "2026-11-22")
    assert "djrh.yaml 的 as_of" not in text.out


def test_every_dated_command_uses_the_tree_date(tmp_path, clock_in_2031):
    report = run_djrh("report", "--root", str(DEMO), "--format", "json")
    assert report.json["as_of"] == "2026-11-22" and report.json["year"] == 2026
    table = run_djrh("report", "--root", str(DEMO))
    assert "（日期由 djrh.yaml 的 as_of 指定）" in table.out
    due = run_djrh("due", "--root", str(DEMO), "--format", "json")
    assert due.json["as_of"] == "2026-11-22"
    due_text = run_djrh("due", "--root", str(DEMO))
    assert due_text.out.startswith("检查日期 2026-11-22（由 djrh.yaml 的 as_of 指定")
    # render: a task due 2026-11-30 is not overdue on the tree's date
    out = tmp_path / "form.docx"
    render = run_djrh("render", "logistics-2026-10", "--root", str(DEMO), "-o", str(out))
    assert render.code == 0, render.err
    assert "检查日期 2026-11-22" in render.err
    from docx import Document

    cells = [cell.text for table in Document(out).tables for row in table.rows for cell in row.cells]
    assert "逾期" not in cells and "未完成" in cells


def test_bad_as_of_in_djrh_yaml_stops_with_its_position(tmp_path, base_files):
    root = write_tree(tmp_path / "t", base_files, config="institution: 测试\nas_of: 2026-02-30\n")
    run = run_djrh("check", "--root", str(root))
    assert run.code == 2
    assert "djrh.yaml:2:" in run.err and "2026-02-30" in run.err


def test_init_writes_the_as_of_setting_commented_out(tmp_path):
    run_djrh("init", str(tmp_path / "new"), "--institution", "某学院委员会")
    config = (tmp_path / "new" / "djrh.yaml").read_text("utf-8")
    assert "# as_of: 2026-12-31" in config
    uncommented = config.replace("# as_of: 2026-12-31", "as_of: 2026-12-31")
    (tmp_path / "new" / "djrh.yaml").write_text(uncommented, "utf-8")
    assert run_djrh("check", "--root", str(tmp_path / "new"), "--format", "json").json["as_of"] == "2026-12-31"


def _commands_with_as_of() -> list[str]:
    """Every command (and subcommand) that takes --as-of, found in the CLI itself."""
    import typer

    from djrh.cli import app as app_module

    found, pending = [], [((), typer.main.get_command(app_module.app))]
    while pending:
        path, group = pending.pop()
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                pending.append(((*path, name), command))
            elif any("--as-of" in param.opts for param in command.params):
                found.append(" ".join((*path, name)))
    return sorted(found)


def test_every_as_of_help_names_the_tree_date():
    """--as-of of every command says what it defaults to: djrh.yaml's as_of, else today (the help of
    check, report, due and render once said "default today" although the tree's date wins)."""
    commands = _commands_with_as_of()
    assert {"check", "report", "due", "render", "fill", "serve"} <= set(commands)
    for command in commands:
        for lang, words in (("zh", "默认为 djrh.yaml 的 as_of，没有时为今天"), ("en", "default: djrh.yaml's as_of, else today")):
            run = run_djrh("--lang", lang, *command.split(), "--help")
            assert run.code == 0, run.err
            option = run.out.split("--as-of", 1)[1].split("\n  -", 1)[0]  # the option's help, to the next option
            flat = " ".join(option.split())
            assert words in flat, (command, lang, flat)
            assert "默认今天" not in flat and "default today" not in flat, (command, lang, flat)
