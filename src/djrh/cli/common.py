"""What the commands share that needs no typer: saying an error and stopping, the tree, its
configuration and the as-of date of a run, the --format check, where an output file goes and its
writing. `djrh check`, `serve`, `render` and `report` run on these alone (djrh.cli.plain), so that
they start from the command line without building the whole CLI.

`fail` ends the run with SystemExit(code): under typer it passes through the app as it does here.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from djrh.i18n import Msg, msg, t


def fail(message: Msg | str, code: int = 2) -> NoReturn:
    """Print an error a person can act on and stop with `code` (2: usage, configuration, I/O)."""
    from rich.console import Console

    text = message.render() if isinstance(message, Msg) else message
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]{t('out.error_prefix')}[/]{t('punct.colon')}{_escape(text)}")
    raise SystemExit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def say(text: str, err: bool = True) -> None:
    print(text, file=sys.stderr if err else sys.stdout)


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        fail(msg("out.bad_date_option", option=option, value=value))
    check_year(day.year, option)
    return day


def check_year(year: int, option: str) -> None:
    """A date or year given on the command line lies in the years a record's date may (as djrh
    checks them: models.types.FIRST_YEAR to LAST_YEAR)."""
    from djrh.kinds.types import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        fail(msg("out.year_out_of_range", option=option, year=year, first=FIRST_YEAR, last=LAST_YEAR))


def as_of_date(option: str | None, config) -> tuple[date, bool]:
    """The date a command works as of: --as-of, else the tree's `as_of` in djrh.yaml (SPEC
    section 4), else today. The flag says whether the tree fixed it (output says so)."""
    day = parse_date(option, "--as-of")
    if day is not None:
        return day, False
    if config.as_of is not None:
        return config.as_of, True
    return date.today(), False


def open_root(root: Path | None, near: Path | None = None):
    from djrh.tree.root import TreeError, find_root

    try:
        if root is not None:
            return find_root(root)
        start = None
        if near is not None:
            start = near if near.is_dir() else near.parent
        return find_root(None, cwd=start)
    except TreeError as error:
        fail(error.message)


def open_config(root: Path, use_cache: bool = True):
    from djrh.check.config import ConfigError, load_config

    try:
        config = load_config(root, use_cache)
    except ConfigError as error:
        from rich.console import Console

        console = Console(stderr=True, highlight=False, soft_wrap=True)
        console.print(f"[bold red]{t('out.error_prefix')}[/]{t('punct.colon')}{t('config.failed')}")
        for finding in error.findings:
            from djrh.output import shown_path

            where = f"{shown_path(root, finding.path)}:{finding.line}:{finding.column}"
            console.print(f"  {where}  {_escape(finding.text())}")
        raise SystemExit(2)
    if config.empty:
        say(t("config.empty"))
    return config


def check_format(value: str, formats: tuple[str, ...]) -> None:
    if value not in formats:
        fail(msg("out.bad_format", value=value, choices=", ".join(formats)))


def _codes(values: list[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


# The output formats of each command, the first its default.
FORMATS = ("text", "json", "github", "sarif")
SCHEMA_FORMATS = ("json", "markdown")
RULES_FORMATS = ("table", "markdown", "json")
EXPLAIN_FORMATS = ("text", "markdown", "json")
REPORT_FORMATS = ("table", "json", "csv", "xlsx", "docx", "html")


def write_output(path: Path, data: bytes, force: bool) -> None:
    """Write an output file the user asked for (a form, a report) through the safe writer.

    An existing file is replaced only when asked: with --force, or after a yes at the prompt
    when a person is at a terminal; otherwise djrh refuses and says how to replace it."""
    from djrh.tree.fsutil import write_new, write_replacing

    if path.exists() and not force:
        from djrh.cli.usage import confirm

        if not (sys.stdin.isatty() and confirm(t("output.replace", path=str(path)), default=False)):
            fail(msg("output.exists", path=str(path)))
        force = True
    try:
        if force:
            write_replacing(path, data)
        else:
            write_new(path, data)
    except FileExistsError:
        fail(msg("output.exists", path=str(path)))
    except OSError as error:
        fail(msg("output.write_failed", path=str(path), detail=error.strerror or str(error)))


def output_target(output: Path | None, name: str, tree_root: Path | None, suffixes: tuple[str, ...] | None = None) -> Path | None:
    """Where a file a command makes (a form, a report) is written: the one rule for every output.

    - `-o FILE` (or `-o FOLDER`, for `FOLDER/name`): there, wherever it is, inside the records tree
      too, since the user asked for it; but never under a name the tree would read as a record.
    - no `-o`: `name` in the working folder, or, when that folder lies inside the records tree, in
      the folder that holds the tree: the tree is kept free of generated files unless asked.
    - `-o -`: standard output (None), for a text format; a file format (`suffixes`) is refused.
    `suffixes`: the extensions a file of this format must have (a DOCX named .xlsx would not open);
    None: any. `tree_root` None: there is no tree (a blank import sheet made anywhere)."""
    from djrh.tree.root import RECORD_SUFFIXES

    if output is None:
        here = Path.cwd()
        folder = tree_root.parent if tree_root is not None and _inside(here, tree_root) else here
        return Path(name) if folder == here else Path(os.path.relpath(folder / name, here))
    if str(output) == "-":
        if suffixes is not None:
            fail(msg("output.no_stdout", suffixes=" / ".join(suffixes), first=suffixes[0]))
        return None
    if output.is_dir() or str(output).endswith(("/", os.sep)):
        return output / name
    if suffixes is not None and output.suffix.lower() not in suffixes:
        fail(msg("output.wrong_suffix", path=str(output), suffixes=" / ".join(suffixes)))
    if tree_root is not None and output.name.lower().endswith(RECORD_SUFFIXES) and _inside(output.parent, tree_root):
        fail(msg("output.would_be_record", path=str(output)))
    return output


def _inside(path: Path, root: Path) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([real, real_root]) == real_root
