"""`djrh report`: the year's per-branch statistics for the annual assessment (djrh.report); the run
itself, on djrh.cli.common alone (no typer), as djrh.cli.check is for `djrh check`."""

from __future__ import annotations

from pathlib import Path

from djrh.cli.common import (
    REPORT_FORMATS, as_of_date, check_format, check_year, fail, open_config, open_root, output_target, parse_date, say,
    write_output,
)
from djrh.output import term
from djrh.i18n import get_lang, msg, t

BINARY_FORMATS = ("xlsx", "docx")  # always written to a file: -o, or djrh-report-YYYY.<format> (output_target)
# A report file's extension by default; a binary one must have it (a DOCX named .xlsx would not open).
_SUFFIX = {"table": ".txt", "json": ".json", "csv": ".csv", "xlsx": ".xlsx", "docx": ".docx", "html": ".html"}


def run(
    year: int | None = None, output_format: str = "table", output: str | Path | None = None, force: bool = False,
    as_of: str | None = None, branch: str | None = None, root: str | Path | None = None,
) -> int:
    """Make the report and print or write it; the exit code (0). A usage problem ends the run with 2."""
    output = Path(output) if output is not None else None
    root = Path(root) if root is not None else None

    check_format(output_format, REPORT_FORMATS)
    parse_date(as_of, "--as-of")
    if year is not None:
        check_year(year, "--year")
    tree_root = open_root(root)
    from djrh.render import RenderError, templates

    # The statistics table is a filled template: its sandbox starts first and gets ready while this
    # process imports what reads the tree (pydantic, the kinds) and reads it.
    docx = output_format == "docx"
    with templates.started_ahead(docx, templates.ahead(tree_root, ("statistics",), get_lang()) if docx else []):
        from djrh.check.run import load_tree
        from djrh.report.stats import ReportYearError, build

        config = open_config(tree_root)
        day, fixed = as_of_date(as_of, config)
        the_year = day.year if year is None else year
        if output is not None or output_format in BINARY_FORMATS:  # a file: where every output goes (output_target)
            suffix = _SUFFIX[output_format]
            output = output_target(output, f"djrh-report-{the_year}{suffix}", tree_root,
                                   (suffix,) if output_format in BINARY_FORMATS else None)
        digests: dict[str, bytes] | None = {} if docx else None  # the trace line's hash
        tree = load_tree(tree_root, digests=digests)
        if branch is not None:
            branch = branch.strip()
            from djrh.kinds import unit_kinds

            if not any(r.id == branch and r.kind in unit_kinds() and r.model is not None for r in tree.records):
                fail(msg("check.unknown_branch", branch=branch))
        try:
            report = build(tree, config, the_year, day, as_of_fixed=fixed, only=branch, heat_map=output_format == "html")
        except ReportYearError as error:
            fail(error.message)
        lang = get_lang()
        if output_format == "table" and output is None:
            from djrh.report import table

            table.render(report, lang, term.console())
            return 0
        try:
            data = _render(report, output_format, lang, to_file=output is not None, tree=tree, digests=digests)
        except RenderError as error:  # the statistics template (docx): a tree's own that is broken, or a bound
            fail(error.message)
    if output is None:
        term.write_data(data.decode("utf-8"))
        return 0
    write_output(output, data, force)
    say(t("report.written", path=str(output)))
    return 0


def _render(report, output_format: str, lang: str, to_file: bool, tree, digests: dict | None = None) -> bytes:
    if output_format == "json":
        from djrh.report import json_out

        return json_out.render(report, lang).encode("utf-8")
    if output_format == "csv":
        from djrh.report import csv_out

        return csv_out.file_bytes(report, lang) if to_file else csv_out.render(report, lang).encode("utf-8")
    if output_format == "xlsx":
        from djrh.report import xlsx

        return xlsx.render(report, lang)
    if output_format == "docx":
        from djrh.paper.trace import trace_of
        from djrh.report import docx_out

        # the footer's trace line, as on the forms: which records (one hash for all) and which commit
        trace = trace_of(tree.root, [record.path for record in tree.records], f"report-{report.year}", read=digests)
        return docx_out.render(report, lang, trace, tree.root)
    if output_format == "html":
        from djrh.report import html

        return html.render(report, lang).encode("utf-8")
    # table written to a file: the same table as plain text
    import io

    from rich.console import Console

    from djrh.report import table

    buffer = io.StringIO()
    table.render(report, lang, Console(file=buffer, width=term.WIDE, soft_wrap=True, color_system=None, highlight=False))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()).encode("utf-8")
