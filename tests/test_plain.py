"""A plain `djrh check`, `serve`, `render` or `report` runs without typer (cli/plain.py), and says
exactly what the typer command says."""

from __future__ import annotations

import contextlib
import io

import pytest

from conftest import DEMO, run_djrh_process
from test_stored_result import OPTION_SETS


def through(call) -> tuple:
    """(exit code, stdout, stderr) of a call of djrh.cli.main or of the typer app."""
    import typer

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = call()
        except SystemExit as stop:
            code = stop.code
        except typer.Exit as stop:
            code = stop.exit_code
    return code, out.getvalue(), err.getvalue()


def both_ways(args: list[str], lang: str | None) -> tuple[tuple, tuple]:
    from djrh.cli import main
    from djrh.cli.app import app
    from djrh.i18n import set_lang

    quick = through(lambda: main(list(args)))
    set_lang(lang)  # main reads --lang before any command; the app does not
    typed = through(lambda: app(args=list(args), prog_name="djrh", standalone_mode=False))
    return quick, typed


def plain(*argv: str):
    from djrh.cli import plain

    return plain.command_of(list(argv))


CHECKS = [
    *OPTION_SETS,
    ("--format=json", "--jobs", "1", "--select=TD,MT", "--ignore", "TD002"),
    ("--lang", "en", "--format", "text", "themedays"),
    ("--format", "xml"),  # refused: the same usage error
    ("--as-of", "2026-02-30"),
    ("--branch", "no-such-branch"),
]


@pytest.mark.parametrize("options", CHECKS, ids=lambda o: " ".join(o))
def test_a_plain_check_without_typer_says_what_the_typer_command_says(options):
    args = ["check", "--root", str(DEMO), "--no-cache", *options]
    assert plain(*args)[0] == "check"
    quick, typed = both_ways(args, "en" if "--lang" in options else None)
    assert quick == typed
    assert quick[0] in (0, 1, 2) and (quick[1] or quick[2])


SERVE_REFUSALS = [
    ("--port", "70000"),
    ("-p", "65536", "--lang", "en"),
    ("--as-of", "2026-02-30"),
    ("--as-of", "1800-01-01"),
    ("--commit",),  # the demo tree is not a git repository of its own
]


@pytest.mark.parametrize("options", SERVE_REFUSALS, ids=lambda o: " ".join(o))
def test_a_plain_serve_refuses_what_the_typer_command_refuses(tmp_path, options):
    """Serving cannot be compared while it runs; what it refuses before it listens can."""
    import shutil

    root = tmp_path / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    args = ["serve", "--root", str(root), "--no-browser", *options]
    assert plain(*args)[0] == "serve"
    quick, typed = both_ways(args, "en" if "--lang" in options else None)
    assert quick == typed
    assert quick[0] == 2 and quick[2] and not quick[1]
    missing = ["serve", "--root", str(tmp_path / "nowhere"), "--no-browser"]
    quick, typed = both_ways(missing, None)
    assert quick == typed and quick[0] == 2


REPORTS = [
    ("--format", "json", "--as-of", "2026-11-22"),
    ("-f", "csv", "-y", "2025", "--branch", "logistics"),
    ("--format=table", "--lang", "en"),
    ("--format", "xml"),
    ("--year", "1800"),
    ("--format", "xlsx", "-o", "report.docx"),  # the wrong extension for the format
    ("--branch", "no-such-branch"),
]


@pytest.mark.parametrize("options", REPORTS, ids=lambda o: " ".join(o))
def test_a_plain_report_says_what_the_typer_command_says(options):
    args = ["report", "--root", str(DEMO), *options]
    assert plain(*args)[0] == "report"
    quick, typed = both_ways(args, "en" if "--lang" in options else None)
    assert quick == typed
    assert quick[0] in (0, 2) and (quick[1] or quick[2])


def test_a_plain_render_says_what_the_typer_command_says(tmp_path):
    import zipfile

    form = tmp_path / "form.docx"
    cases = [
        ("logistics-2026-10", "-o", str(form), "--as-of", "2026-11-22", "--force"),  # each way writes it
        ("logistics-2026-10", "-o", str(form)),  # the file is there: refused without --force
        ("--branch", "logistics", "--year", "2026", "-o", str(tmp_path / "book.docx"), "--force"),
        ("--branch", "logistics"),
        ("logistics-2026-10", "--year", "2026"),
        ("--branch", "logistics", "--year", "1900"),
        ("no-such-record",),
    ]
    for options in cases:
        args = ["render", "--root", str(DEMO), *options]
        assert plain(*args)[0] == "render"
        quick, typed = both_ways(args, None)
        assert quick == typed, options
        assert quick[0] in (0, 2)
    assert zipfile.ZipFile(form).testzip() is None
    assert plain("render", "a", "b") is None  # one record: typer says what is wrong with two


def test_each_table_is_its_typer_commands_options():
    """Every option of the typer command is in the plain table with the same parameter, taking a
    value exactly when typer's does; and nothing else is."""
    import typer

    from djrh.cli.app import app
    from djrh.cli.plain import ARGUMENTS, OPTIONS

    group = typer.main.get_command(app)
    for command, table in OPTIONS.items():
        params = group.commands[command].params
        names = {}
        for param in params:
            if param.param_type_name == "argument":
                assert ARGUMENTS[command] == (param.name, list if param.multiple or param.nargs == -1 else str), command
                continue
            for name in (*param.opts, *param.secondary_opts):
                names[name] = (param.name, None if param.is_flag else "value")
        help_names = {"-h", "--help"}
        assert set(table) == set(names) - help_names, command
        for name, (parameter, read) in table.items():
            assert names[name] == (parameter, None if read is None else "value"), (command, name)
    assert plain("check", "-fjson") is None and plain("check", "--jobs", "0") is None
    assert plain("check", "--help") is None and plain("due", "--year", "2026") is None
    assert plain("serve", "--port", "eighty") is None and plain("serve", "extra") is None
    assert plain("serve", "-h") is None and plain("serve", "--commit=yes") is None
    assert plain("--lang", "en", "check", "x") == ("check", {
        "paths": ["x"], "select": [], "ignore": [], "strict": False, "no_cache": False,
    })
    assert plain("serve", "--port=0", "--host", "::1", "--no-browser") == ("serve", {
        "port": 0, "host": "::1", "commit": False, "no_browser": True,
    })


def imported_by(done_err: str) -> set[str]:
    return {line.rsplit("|", 1)[1].strip() for line in done_err.splitlines() if line.startswith("import time:")}


def test_a_plain_check_imports_neither_typer_nor_click():
    done = run_djrh_process("check", "--root", str(DEMO), "--format", "json", "--no-cache",
                            env={"PYTHONPROFILEIMPORTTIME": "1"})
    imported = imported_by(done.err)
    assert done.code == 0 and "pydantic" in imported  # the check ran afresh
    assert not {name for name in imported if name.split(".")[0] in ("typer", "click")}


def test_a_plain_serve_starts_without_typer(tmp_path):
    """(uvicorn itself imports click, for its logging: only typer and djrh's typer app are left out)"""
    import shutil

    from serve_helpers import Server

    root = tmp_path / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    server = Server(root, env={"PYTHONPROFILEIMPORTTIME": "1"})
    try:
        import urllib.request

        with urllib.request.urlopen(server.url + "/") as answer:
            assert answer.status == 200 and "党建" in answer.read().decode("utf-8")
    finally:
        err = server.stop()
    imported = imported_by(err)
    assert "uvicorn" in imported and "starlette" in imported
    assert not {name for name in imported if name.split(".")[0] == "typer"} and "djrh.cli.app" not in imported
