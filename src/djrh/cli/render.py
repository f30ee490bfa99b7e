"""`djrh render`: a record's DOCX form (theme day: 附件2; pilot: 任务分解责任表), a branch's annual
bundle (--branch ID --year YYYY), and with --pdf the PDF beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from djrh.cli.app import LangOpt, RootOpt, app, output_target, write_output
from djrh.cli.common import as_of_date, fail, open_config, open_root, parse_date, say
from djrh.i18n import get_lang, msg, t


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
    if record is None and branch is None:
        fail(msg("render.what"))
    if record is not None and (branch is not None or year is not None):
        fail(msg("render.record_or_bundle"))
    if branch is not None and year is None:
        fail(msg("render.bundle_needs_year"))
    if year is not None and branch is None:
        fail(msg("render.year_needs_branch"))
    if year is not None and not 1949 <= year <= 2200:
        fail(msg("render.bad_year", year=year))
    parse_date(as_of, "--as-of")
    lang = get_lang()

    from djrh.render import RenderError, build, templates
    from djrh.render.source import Source

    with templates.started_ahead():  # the sandbox gets ready while the tree is read
        near = Path(record) if record is not None and Path(record).exists() else None
        tree_root = open_root(root, near=near)
        config = open_config(tree_root)
        day, fixed = as_of_date(as_of, config)
        if fixed:
            say(t("out.as_of_fixed", as_of=day.isoformat()))
        source = Source(tree_root, config.institution)
        try:
            if record is not None:
                found = source.resolve(record, Path.cwd())
                name = found.id
                make = lambda: build.render_record(source, found, lang, day)  # noqa: E731
            else:
                name = f"{branch}-{year}"
                bundle = build.bundle_records(source, config, branch, year, day)  # refuse early: unknown branch, no theme day
                make = lambda: build.render_bundle(source, config, branch, year, lang, day, bundle)  # noqa: E731
            target = output_target(output, f"{name}.docx", tree_root, (".docx",))
            pdf_target = target.with_suffix(".pdf") if pdf else None
            data = make()
        except RenderError as error:
            fail(error.message)

    write_output(target, data, force)
    print(target)
    say(t("render.written", path=str(target)))
    if pdf_target is None:
        return
    from djrh.paper import pdf as pdf_module

    if pdf_module.find_office() is None:
        fail(msg("render.pdf_no_office"))
    try:
        pdf_data = pdf_module.convert(target)
    except RenderError as error:
        fail(error.message)
    write_output(pdf_target, pdf_data, force)
    print(pdf_target)
    say(t("render.written", path=str(pdf_target)))
