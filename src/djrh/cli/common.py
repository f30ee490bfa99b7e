"""What the commands share that needs no typer: saying an error and stopping, the tree, its
configuration and the as-of date of a run, the --format check. `djrh check` runs on these alone
(djrh.cli.check), so that a check from the command line starts without building the whole CLI.

`fail` ends the run with SystemExit(code): under typer it passes through the app as it does here.
"""

from __future__ import annotations

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


def open_config(root: Path):
    from djrh.check.config import ConfigError, load_config

    try:
        config = load_config(root)
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
