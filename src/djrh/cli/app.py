"""The commands: a thin shell that parses arguments, calls the library and prints.

Heavy modules (pydantic models, rendering) are imported inside the commands that need them, so
that `djrh --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from djrh import __version__
from djrh.output import term
from djrh.output.term import write_data
from djrh.cli.usage import App, confirm
from djrh.i18n import Msg, get_lang, msg, t

app = App(
    name="djrh",
    help=t("help.app"),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help renderer alone takes 100 ms to import
    context_settings={"help_option_names": ["-h", "--help"]},
)

LangOpt = Annotated[Optional[str], typer.Option("--lang", help=t("help.opt.lang"), metavar="zh|en")]
RootOpt = Annotated[Optional[Path], typer.Option("--root", help=t("help.opt.root"), metavar="DIR")]


def fail(message: Msg | str, code: int = 2) -> NoReturn:
    """Print an error a person can act on and stop with `code` (2: usage, configuration, I/O)."""
    from rich.console import Console

    text = message.render() if isinstance(message, Msg) else message
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]{t('out.error_prefix')}[/]{t('punct.colon')}{_escape(text)}")
    raise typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def say(text: str, err: bool = True) -> None:
    print(text, file=sys.stderr if err else sys.stdout)


def write_output(path: Path, data: bytes, force: bool) -> None:
    """Write an output file the user asked for (a form, a report) through the safe writer.

    An existing file is replaced only when asked: with --force, or after a yes at the prompt
    when a person is at a terminal; otherwise djrh refuses and says how to replace it."""
    from djrh.tree.fsutil import write_new, write_replacing

    if path.exists() and not force:
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


def _version(value: bool) -> None:
    if value:
        print(f"djrh {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", "-V", help=t("help.opt.version"), callback=_version, is_eager=True)
    ] = False,
    lang: LangOpt = None,
) -> None:
    pass  # --lang is read before the app starts (djrh.cli.main), so that help texts use it


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
        raise typer.Exit(2)
    if config.empty:
        say(t("config.empty"))
    return config


def format_option(command: str, formats: tuple[str, ...]) -> Any:
    """The --format option of `command`: its help and placeholder list the formats the command
    accepts (`formats`, the first the default), and `check_format` refuses any other."""
    return typer.Option("--format", "-f", help=formats_help(command, formats), metavar="|".join(formats))


def formats_help(command: str, formats: tuple[str, ...]) -> str:
    from djrh.i18n import catalogue

    words = catalogue(get_lang())
    named = [t(f"format.{command}.{name}") if f"format.{command}.{name}" in words else t(f"format.{name}") for name in formats]
    return t("help.opt.formats", formats=t("usage.join").join(named))


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


@app.command("check", help=t("help.check"), short_help=t("help.short.check"))
def check_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=t("help.arg.paths"), show_default=False, metavar="[PATH]...")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.as_of"), metavar="YYYY-MM-DD")] = None,
    output_format: Annotated[str, format_option("check", FORMATS)] = "text",
    select: Annotated[list[str], typer.Option("--select", help=t("help.opt.select"), metavar="CODE")] = [],
    ignore: Annotated[list[str], typer.Option("--ignore", help=t("help.opt.ignore"), metavar="CODE")] = [],
    strict: Annotated[bool, typer.Option("--strict", help=t("help.opt.strict"))] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=t("help.opt.no_cache"))] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help=t("help.opt.jobs"), min=1, metavar="N")] = None,
    branch: Annotated[Optional[str], typer.Option("--branch", "-b", help=t("help.opt.check_branch"), metavar="ID", show_default=False)] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.check.run import load_tree, run_checks

    check_format(output_format, FORMATS)
    parse_date(as_of, "--as-of")  # a bad date is a usage error before anything is read
    tree_root = open_root(root, near=paths[0] if paths else None)
    from djrh.cli import stored

    if stored.ACTIVE is not None:
        stored.ACTIVE.checked_root = tree_root
    config = open_config(tree_root)
    day, fixed = as_of_date(as_of, config)
    tree = load_tree(tree_root, use_cache=not no_cache, jobs=jobs)
    result = run_checks(tree, config, day, select=_codes(select), ignore=_codes(ignore))
    if paths:
        from djrh.tree.root import TreeError, inside_root

        try:
            result = result.only(inside_root(tree_root, paths))
        except TreeError as error:
            fail(error.message)
    if branch is not None:
        branch = branch.strip()
        if branch not in result.units():
            fail(msg("check.unknown_branch", branch=branch))
        result = result.only_unit(branch)
    lang = get_lang()
    if output_format == "json":
        from djrh.output import json as json_output

        write_data(json_output.render(result, lang) + "\n")
    elif output_format == "sarif":
        from djrh.output import sarif

        write_data(sarif.render(result, lang) + "\n")
    elif output_format == "github":
        from djrh.output import github

        text = github.render(result, lang)
        if text:
            write_data(text + "\n")
    else:
        from djrh.output import text as text_output

        console = term.console()
        if fixed:
            console.print(t("out.as_of_fixed", as_of=day.isoformat()), style="bold")
            console.print()
        text_output.render(result, lang, console)
    failing = result.count("error") + (result.count("warning") if strict else 0)
    raise typer.Exit(1 if failing else 0)


@app.command("init", help=t("help.init"), short_help=t("help.short.init"))
def init_command(
    directory: Annotated[Path, typer.Argument(help=t("help.arg.dir"), metavar="DIR")] = Path("."),
    institution: Annotated[Optional[str], typer.Option("--institution", help=t("help.opt.institution"))] = None,
    git: Annotated[Optional[bool], typer.Option("--git/--no-git", help=t("help.opt.git"), show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli.new import init_tree

    init_tree(directory, institution, git)


@app.command("new", help=t("help.new"), short_help=t("help.short.new"))
def new_command(
    kind: Annotated[str, typer.Argument(help=t("help.arg.kind"), metavar="KIND")],
    record_id: Annotated[Optional[str], typer.Option("--id", help=t("help.opt.id"))] = None,
    name: Annotated[Optional[str], typer.Option("--name", help=t("help.opt.name"))] = None,
    branch: Annotated[Optional[str], typer.Option("--branch", help=t("help.opt.branch"))] = None,
    day: Annotated[Optional[str], typer.Option("--date", help=t("help.opt.date"), metavar="YYYY-MM-DD")] = None,
    time: Annotated[Optional[str], typer.Option("--time", help=t("help.opt.time"), metavar="HH:MM-HH:MM")] = None,
    theme: Annotated[Optional[str], typer.Option("--theme", help=t("help.opt.theme"))] = None,
    place: Annotated[Optional[str], typer.Option("--place", help=t("help.opt.place"))] = None,
    parent: Annotated[Optional[str], typer.Option("--parent", help=t("help.opt.parent"))] = None,
    category: Annotated[Optional[str], typer.Option("--category", help=t("help.opt.category"))] = None,
    unit: Annotated[list[str], typer.Option("--unit", help=t("help.opt.unit"))] = [],
    owner: Annotated[Optional[str], typer.Option("--owner", help=t("help.opt.owner"))] = None,
    pilot_type: Annotated[Optional[str], typer.Option("--type", help=t("help.opt.type"))] = None,
    level: Annotated[Optional[str], typer.Option("--level", help=t("help.opt.level"))] = None,
    mode: Annotated[Optional[str], typer.Option("--mode", help=t("help.opt.mode"))] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", help=t("help.opt.topic"))] = None,
    group: Annotated[Optional[str], typer.Option("--group", help=t("help.opt.group"))] = None,
    lecturer: Annotated[Optional[str], typer.Option("--lecturer", help=t("help.opt.lecturer"))] = None,
    markdown: Annotated[bool, typer.Option("--md", help=t("help.opt.md"))] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli.new import new_record

    # by option name: each kind's spec says which fields `new` takes, and djrh.edit.new which
    # option gives each (the field's name; --date for a kind's date, --unit for units)
    options = {
        "name": name, "branch": branch, "date": day, "time": time, "theme": theme, "place": place, "parent": parent,
        "category": category, "unit": [u for value in unit for u in value.split(",") if u.strip()], "owner": owner,
        "type": pilot_type, "level": level, "mode": mode, "topic": topic, "group": group, "lecturer": lecturer,
    }
    new_record(kind, options, record_id, markdown, open_root(root))


@app.command("schema", help=t("help.schema"), short_help=t("help.short.schema"))
def schema_command(
    kind: Annotated[Optional[str], typer.Argument(help=t("help.arg.schema_kind"), metavar="[KIND]")] = None,
    write: Annotated[bool, typer.Option("--write", help=t("help.opt.write"))] = False,
    output_format: Annotated[str, format_option("schema", SCHEMA_FORMATS)] = "json",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.kinds import jsonschema

    lang = get_lang()
    check_format(output_format, SCHEMA_FORMATS)
    if output_format == "markdown":  # docs/format.md, the record format reference
        from djrh.kinds.docs import format_markdown

        write_data(format_markdown(lang))
        return
    if write:
        from djrh.edit.new import write_schemas

        tree_root = open_root(root)
        count = write_schemas(tree_root, lang, replace=True)
        say(t("schema.written", count=count, path=str(tree_root / jsonschema.SCHEMA_FOLDER)))
        return
    if kind is None:
        write_data(jsonschema.dumps(jsonschema.tree_schema(lang)))
        return
    from djrh.edit.new import NewError, kind_named

    try:
        spec = kind_named(kind)
    except NewError as error:
        fail(error.message)
    write_data(jsonschema.dumps(jsonschema.kind_schema(spec.code, lang)))


@app.command("rules", help=t("help.rules"), short_help=t("help.short.rules"))
def rules_command(
    output_format: Annotated[str, format_option("rules", RULES_FORMATS)] = "table",
    lang: LangOpt = None,
) -> None:
    from rich.table import Table

    from djrh.rules import RULES
    from djrh.rules.docs import rules_json, rules_markdown, sections, table_headings

    lang = get_lang()
    check_format(output_format, RULES_FORMATS)
    if output_format == "markdown":
        write_data(rules_markdown(lang))
        return
    if output_format == "json":
        write_data(rules_json(lang) + "\n")
        return
    console = term.console()
    docs = [sections(rule, lang) for rule in RULES.values()]
    if console.is_terminal:  # a rule a line, its source below it, wrapped under its title
        from rich.cells import cell_len
        from rich.markup import escape

        severity_width = max(cell_len(doc.severity[1]) for doc in docs)
        for doc in docs:
            prefix = f"{doc.code:<7} {doc.severity[1]}{' ' * (severity_width - cell_len(doc.severity[1]))}  "
            text = doc.title + (f"\n{doc.source[0]}{doc.colon}{doc.source[1]}" if doc.source else "")
            console.print(escape(term.hanging(prefix, text, console.width)))
        return
    table = Table(box=None, pad_edge=False, header_style="bold")  # one whole line a rule
    for heading in table_headings(lang):
        table.add_column(heading)
    for doc in docs:
        table.add_row(doc.code, doc.severity[1], doc.title, doc.source[1] if doc.source else "")
    term.print_table(console, table)


@app.command("explain", help=t("help.explain"), short_help=t("help.short.explain"))
def explain_command(
    code: Annotated[str, typer.Argument(help=t("help.arg.code"), metavar="CODE")],
    output_format: Annotated[str, format_option("explain", EXPLAIN_FORMATS)] = "text",
    lang: LangOpt = None,
) -> None:
    from rich.markup import escape
    from rich.syntax import Syntax

    from djrh.rules import RULES
    from djrh.rules.docs import rule_dict, rule_markdown, sections

    lang = get_lang()
    check_format(output_format, EXPLAIN_FORMATS)
    rule = RULES.get(code.strip().upper())
    if rule is None:
        import difflib

        match = difflib.get_close_matches(code.strip().upper(), list(RULES), n=1, cutoff=0.5)
        key = "config.unknown_rule_suggest" if match else "config.unknown_rule"
        fail(msg(key, code=code, suggestion=match[0] if match else ""))
    if output_format == "markdown":
        write_data("\n".join(rule_markdown(rule, lang)) + "\n")
        return
    if output_format == "json":
        import json

        write_data(json.dumps(rule_dict(rule, lang), ensure_ascii=False, indent=2) + "\n")
        return
    doc = sections(rule, lang)
    console = term.console()
    width = console.width if console.is_terminal else None  # None: each line whole
    console.print(f"[bold]{doc.code}[/]  {escape(doc.title)}")
    console.print(escape(term.hanging(f"{doc.severity[0]}{doc.colon}", doc.severity[1], width)))
    if doc.source:
        console.print(escape(term.hanging(f"{doc.source[0]}{doc.colon}", doc.source[1], width)))
    console.print()
    console.print(escape(term.hanging("", doc.doc, width)))
    if doc.params:
        heading, params = doc.params
        console.print()
        console.print(f"[bold]{escape(heading)}[/]")
        for name, default, text in params:
            console.print(escape(term.hanging(f"  {name} = {default!r}  ", text, width)))
    for heading, example in doc.examples:
        console.print()
        console.print(f"[bold]{escape(heading)}[/]")
        if console.is_terminal:  # coloured, and long lines wrapped rather than cut
            console.print(Syntax(example, "yaml", theme="ansi_light", background_color="default", word_wrap=True))
        else:
            console.print(escape(example.rstrip("\n")))


# Commands in modules of their own register themselves on `app` when imported.
from djrh.cli import render as _render  # noqa: E402,F401
from djrh.cli import report as _report  # noqa: E402,F401  (registers `djrh report`)
from djrh.cli import due as _due  # noqa: E402,F401  (registers `djrh due`)
from djrh.cli import edit as _edit  # noqa: E402,F401  (fill, attach, fix, import, export)
from djrh.cli import serve as _serve  # noqa: E402,F401  (registers `djrh serve`; djrh.serve loads when it runs)
from djrh.cli import templates as _templates  # noqa: E402,F401  (registers `djrh templates export / check`)
