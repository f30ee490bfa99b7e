"""`djrh render`: a record's DOCX form (theme day: 附件2; pilot: 任务分解责任表), a branch's annual
bundle (--branch ID --year YYYY), and with --pdf the PDF beside it. The run itself, on
djrh.cli.common alone (no typer), as djrh.cli.check is for `djrh check`."""

from __future__ import annotations

from pathlib import Path

from djrh.cli.common import as_of_date, fail, open_config, open_root, output_target, parse_date, say, write_output
from djrh.i18n import get_lang, msg, t


def run(
    record: str | None = None, output: str | Path | None = None, branch: str | None = None, year: int | None = None,
    pdf: bool = False, force: bool = False, as_of: str | None = None, root: str | Path | None = None,
) -> int:
    """Render and write the form or the bundle; the exit code (0). A usage problem, a record that
    cannot be rendered or a file that cannot be written ends the run with 2 (common.fail)."""
    output = Path(output) if output is not None else None
    root = Path(root) if root is not None else None
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

    from djrh.render import BOOK_KINDS, RenderError, templates

    near = Path(record) if record is not None and Path(record).exists() else None
    tree_root = open_root(root, near=near)
    # The sandbox starts first: it gets ready (for a book, with the forms it holds compiled) while
    # this process imports what reads the tree (pydantic, the kinds) and reads it.
    book = templates.ahead(tree_root, ("bundle", *BOOK_KINDS), lang) if record is None else []
    with templates.started_ahead(warm=book):
        from djrh.render import build
        from djrh.render.source import Source

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
        return 0
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
    return 0
