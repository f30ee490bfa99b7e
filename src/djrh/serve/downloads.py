"""Downloads: a record's DOCX form (and PDF where LibreOffice is installed), a branch's 工作记录本,
the year's report as xlsx or docx — made in memory (a PDF in a temporary folder), never written
into the tree — and the tree's own files (evidence), read the safe way (tree/treefile.py)."""

from __future__ import annotations

import mimetypes
import tempfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from djrh.render import RenderError
from djrh.serve.app import attachment, choose_year, find_record, message_page, serve_of
from djrh.tree import treefile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _source(serve):
    from djrh.render.source import Source

    return Source(serve.state.root, serve.state.config.institution)


def _form(serve, rel: str) -> tuple[bytes, str]:
    from djrh.render import build

    source = _source(serve)
    record = source.valid(rel)
    return build.render_record(source, record, serve.lang, serve.state.as_of), record.id


async def form_docx(request: Request):
    return await _record_form(request, pdf=False)


async def form_pdf(request: Request):
    return await _record_form(request, pdf=True)


async def _record_form(request: Request, pdf: bool):
    serve = serve_of(request)
    rel = find_record(serve.state, request.path_params["id"], request.query_params.get("path"))
    if rel is None:
        return message_page(request, serve.text("serve.unknown_record_title"), serve.text("serve.unknown_record", id=request.path_params["id"]), status=404, back="/")

    def make():
        data, name = _form(serve, rel)
        if not pdf:
            return data, f"{name}.docx"
        from djrh.paper.pdf import convert
        from djrh.tree.fsutil import write_new

        with tempfile.TemporaryDirectory(prefix="djrh-serve-") as folder:  # LibreOffice converts files, not bytes
            docx = Path(folder) / "form.docx"
            write_new(docx, data)
            return convert(docx), f"{name}.pdf"

    try:
        data, name = await run_in_threadpool(make)
    except RenderError as error:
        return message_page(request, serve.text("serve.render_failed_title"), error.message.render(serve.lang), status=422,
                            back=f"/record/{request.path_params['id']}")
    return attachment(data, name, "application/pdf" if pdf else DOCX)


async def book(request: Request):
    """The branch's 工作记录本 of a year: `djrh render --branch ID --year YYYY`."""
    from djrh.render import build

    serve = serve_of(request)
    state = serve.state
    branch = request.path_params["id"]
    year = choose_year(request, state, 1949)
    if year is None:
        return message_page(request, serve.text("serve.bad_year_title"), serve.text("serve.bad_year"), status=404, back=f"/branch/{branch}")

    def make():
        return build.render_bundle(_source(serve), state.config, branch, year, serve.lang, state.as_of)

    try:
        data = await run_in_threadpool(make)
    except RenderError as error:
        return message_page(request, serve.text("serve.render_failed_title"), error.message.render(serve.lang), status=422,
                            back=f"/branch/{branch}?year={year}")
    return attachment(data, f"{branch}-{year}.docx", DOCX)


async def report(request: Request):
    """The year's statistics table: `djrh report --format xlsx|docx`."""
    serve = serve_of(request)
    state = serve.state
    output = request.path_params["format"]
    if output not in ("xlsx", "docx"):
        return message_page(request, serve.text("serve.not_found_title"), serve.text("serve.not_found"), status=404, back="/")

    def make():
        from djrh.report.stats import compute

        since = state._tree_since(state.key())
        year = choose_year(request, state, since)
        if year is None:
            return None
        result = state.result()
        made = compute(result, state.config, year)
        if output == "xlsx":
            from djrh.report import xlsx

            return xlsx.render(made, serve.lang), year
        from djrh.paper.trace import trace_of
        from djrh.report import docx_out

        trace = trace_of(state.root, [record.path for record in result.records], f"report-{year}", read=state.digests())
        return docx_out.render(made, serve.lang, trace, state.root), year

    try:
        made = await run_in_threadpool(make)
    except RenderError as error:  # the statistics template: a tree's own that is broken, or a bound
        return message_page(request, serve.text("serve.render_failed_title"), error.message.render(serve.lang), status=422,
                            back="/")
    if made is None:
        return message_page(request, serve.text("serve.bad_year_title"), serve.text("serve.bad_year"), status=404, back="/")
    data, year = made
    return attachment(data, f"djrh-report-{year}.{output}", XLSX if output == "xlsx" else DOCX)


async def tree_file(request: Request):
    """A file of the tree (evidence): only inside it, only a regular file, never a hidden one
    (.git), always as a download."""
    from djrh.edit.attach import MAX_BYTES

    serve = serve_of(request)
    rel = request.path_params["path"]
    parts = rel.split("/")
    if not rel or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return message_page(request, serve.text("serve.not_found_title"), serve.text("serve.not_found"), status=404, back="/")
    try:
        data, _ = await run_in_threadpool(treefile.read, serve.state.root, rel, MAX_BYTES)
    except treefile.Unreadable as problem:
        return message_page(request, serve.text("serve.file_unreadable_title"), problem.message.render(serve.lang), status=404, back="/")
    media = mimetypes.guess_type(parts[-1])[0] or "application/octet-stream"
    return attachment(data, parts[-1], media)
