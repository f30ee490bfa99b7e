"""The commands: a thin shell that parses arguments, calls the library and prints.

Heavy modules (pydantic models, rendering) are imported inside the commands that need them, so
that `djrh --help` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from djrh import __version__
from djrh.output import term
from djrh.output.term import write_data
from djrh.cli.usage import App
from djrh.i18n import get_lang, msg, t
from djrh.cli.common import (
    EXPLAIN_FORMATS, FORMATS, REPORT_FORMATS, RULES_FORMATS, SCHEMA_FORMATS, check_format, fail, open_root, say,
)

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


def format_option(command: str, formats: tuple[str, ...]) -> Any:
    """The --format option of `command`: its help and placeholder list the formats the command
    accepts (`formats`, the first the default), and `check_format` refuses any other."""
    return typer.Option("--format", "-f", help=formats_help(command, formats), metavar="|".join(formats))


def formats_help(command: str, formats: tuple[str, ...]) -> str:
    from djrh.i18n import catalogue

    words = catalogue(get_lang())
    named = [t(f"format.{command}.{name}") if f"format.{command}.{name}" in words else t(f"format.{name}") for name in formats]
    return t("help.opt.formats", formats=t("usage.join").join(named))


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
    from djrh.cli import check

    raise typer.Exit(check.run(paths, as_of, output_format, select, ignore, strict, no_cache, jobs, branch, root))


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
@app.command("render", help=t("help.render"), short_help=t("help.short.render"))
def render_command(
    record: Annotated[Optional[str], typer.Argument(help=t("help.arg.record"), metavar="RECORD", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=t("help.opt.output"), metavar="FILE")] = None,
    branch: Annotated[Optional[str], typer.Option("--branch", help=t("help.opt.render_branch"), metavar="ID")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help=t("help.opt.year"), metavar="YYYY")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=t("help.opt.pdf"))] = False,
    force: Annotated[bool, typer.Option("--force", help=t("help.opt.force"))] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.render_as_of"), metavar="YYYY-MM-DD")] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli import render

    raise typer.Exit(render.run(record, output, branch, year, pdf, force, as_of, root))


@app.command("report", help=t("help.report"), short_help=t("help.short.report"))
def report_command(
    year: Annotated[Optional[int], typer.Option("--year", "-y", help=t("help.opt.report_year"), metavar="YYYY", show_default=False)] = None,
    output_format: Annotated[str, format_option("report", REPORT_FORMATS)] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=t("help.opt.report_output"), metavar="FILE", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=t("help.opt.report_force"))] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.report_as_of"), metavar="YYYY-MM-DD")] = None,
    branch: Annotated[Optional[str], typer.Option("--branch", "-b", help=t("help.opt.report_branch"), metavar="ID", show_default=False)] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli import report

    raise typer.Exit(report.run(year, output_format, output, force, as_of, branch, root))


from djrh.cli import due as _due  # noqa: E402,F401  (registers `djrh due`)
from djrh.cli import edit as _edit  # noqa: E402,F401  (fill, attach, fix, import, export)


# Listed after the commands above: its run is djrh.cli.serve's, as check's is djrh.cli.check's.
@app.command("serve", help=t("help.serve"), short_help=t("help.short.serve"))
def serve_command(
    port: Annotated[Optional[int], typer.Option("--port", "-p", help=t("help.opt.port"), metavar="N", show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help=t("help.opt.host"), metavar="ADDRESS")] = "127.0.0.1",
    password: Annotated[Optional[str], typer.Option("--password", help=t("help.opt.password"), metavar="PASSWORD", show_default=False)] = None,
    commit: Annotated[bool, typer.Option("--commit", help=t("help.opt.commit"))] = False,
    no_browser: Annotated[bool, typer.Option("--no-browser", help=t("help.opt.no_browser"))] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.serve_as_of"), metavar="YYYY-MM-DD")] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli import serve  # djrh.serve loads only when it runs

    raise typer.Exit(serve.run(port, host, password, commit, no_browser, as_of, root))


from djrh.cli import templates as _templates  # noqa: E402,F401  (registers `djrh templates export / check`)
