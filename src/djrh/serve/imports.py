"""Importing a ledger (台账) in the page: `djrh import` for people who never open a terminal.

Two steps, as `djrh import --dry-run` then `djrh import`: the uploaded xlsx/CSV is read and its plan
shown (each record it would write, each row that already has a record, each problem at its sheet,
row and column), and nothing is written until the person confirms. Between the two steps the file
waits in memory under a random token (a few at a time, never in the tree); the confirmation reads
it again against the tree as it is then, so a record written meanwhile is not written twice. The
records are written by the importer's own call (edit/importer.write: under the tree's lock, never
over an existing file), then checked with the rest of the tree.
"""

from __future__ import annotations

import secrets
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from djrh.kinds import KINDS, kind_label
from djrh.serve.security import MAX_SHEET
from djrh.serve.app import Serve, attachment, expired, message_page, page, read_form, record_url, serve_of

KEPT = 4  # uploads waiting for their confirmation; the oldest is forgotten first
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Upload:
    name: str  # the file's own name, as the person's computer called it
    data: bytes
    kind: str | None


_waiting: OrderedDict[str, Upload] = OrderedDict()
_lock = threading.Lock()


def _keep(upload: Upload) -> str:
    token = secrets.token_urlsafe(16)
    with _lock:
        _waiting[token] = upload
        while len(_waiting) > KEPT:
            _waiting.popitem(last=False)
    return token


def _take(token: str) -> Upload | None:
    with _lock:
        return _waiting.pop(token, None)


def _plan(serve: Serve, upload: Upload):
    """The importer's plan for the upload: (Imported, None), or (None, what is wrong with the file).
    The file is read from a private temporary folder outside the tree, under its own name, so
    that every finding and message names it as the person knows it."""
    from djrh.edit import importer
    from djrh.edit.roundtrip import EditError
    from djrh.tree.fsutil import write_new

    with tempfile.TemporaryDirectory(prefix="djrh-import-") as folder:
        path = Path(folder) / upload.name
        write_new(path, upload.data)
        try:
            return importer.import_sheet(serve.state.root, path, upload.kind), None
        except EditError as error:
            if error.message.key == "import.which_kind":  # the page has its own way to say which
                return None, serve.text("serve.import.which_kind", **error.message.args)
            return None, error.message.render(serve.lang).replace(str(path), upload.name)


def _safe_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return name[:120] or "ledger.xlsx"


def _kind_choices(serve: Serve) -> list[tuple[str, str]]:
    return [(code, kind_label(code, serve.lang)) for code in KINDS]


async def import_page(request: Request):
    serve = serve_of(request)
    return page(request, "import.html.j2", kinds=_kind_choices(serve), chosen="", plan=None, problem=None)


async def preview(request: Request):
    """Step one: read the upload, show what would be written."""
    serve = serve_of(request)
    form = await read_form(request, max_files=1, max_part_size=MAX_SHEET + 1)
    if form is None:
        return expired(request)
    try:
        sheet = form.get("sheet")
        kind = str(form.get("kind") or "") or None
        data = await sheet.read(MAX_SHEET + 1) if isinstance(sheet, UploadFile) and sheet.filename else None
        name = _safe_name(sheet.filename) if data is not None else ""
    finally:
        await form.close()
    if kind is not None and kind not in KINDS:
        kind = None
    if data is None:
        problem = serve.text("serve.import.no_file")
    elif len(data) > MAX_SHEET:
        problem = serve.text("serve.import.too_large", name=name, limit=f"{MAX_SHEET >> 20} MB")
    else:
        upload = Upload(name, data, kind)
        plan, problem = await run_in_threadpool(_plan, serve, upload)
        if plan is not None:
            return page(request, "import.html.j2", kinds=_kind_choices(serve), chosen=kind or "", plan=_shown(serve, plan),
                        name=name, token=_keep(upload), problem=None)
    return page(request, "import.html.j2", status=400, kinds=_kind_choices(serve), chosen=kind or "", plan=None, problem=problem)


async def confirm(request: Request):
    """Step two: the same file, read again against the tree as it is now, and written."""
    serve = serve_of(request)
    form = await read_form(request)
    if form is None:
        return expired(request)
    token, skip_bad = str(form.get("token") or ""), bool(form.get("skip_bad"))
    upload = _take(token)
    if upload is None:
        return message_page(request, serve.text("serve.import.gone_title"), serve.text("serve.import.gone"), back="/import")

    def write():
        from djrh.edit import importer

        plan, problem = _plan(serve, upload)
        if plan is None:
            return None, problem
        if plan.bad_rows and not skip_bad:
            return None, serve.text("serve.import.blocked", bad=plan.bad_rows)
        try:
            written = importer.write(serve.state.root, plan, serve.lang) if plan.planned else []
        except OSError as error:
            return None, serve.text("serve.import.write_failed", detail=error.strerror or str(error))
        for rel in written:
            serve.state.changed(rel)
        commit, failed = _commit(serve, written, upload.name)
        return (plan, written, commit, failed), None

    done, problem = await run_in_threadpool(write)
    if problem is not None:
        return message_page(request, serve.text("serve.import.failed_title"), problem, back="/import")
    plan, written, commit, failed = done
    records = [serve.state.record_at(rel) for rel in written]
    rows = []
    for rel, record in zip(written, records):
        findings = serve.state.findings_of(rel)
        rows.append({
            "rel": rel, "id": record.id if record else rel, "kind": kind_label(record.kind, serve.lang) if record and record.kind else "",
            "url": record_url(record, serve.state) if record else None,
            "errors": sum(1 for f in findings if f.severity == "error" and not f.waived),
            "warnings": sum(1 for f in findings if f.severity == "warning" and not f.waived),
        })
    return page(request, "import_done.html.j2", name=upload.name, rows=rows, existing=len(plan.existing),
                skipped=plan.bad_rows if skip_bad else 0, commit=commit, commit_failed=failed)


def _commit(serve: Serve, written: list[str], name: str) -> tuple[str | None, str | None]:
    if not serve.commit or not written:
        return None, None
    from djrh.i18n import t
    from djrh.serve.commit import CommitError, commit

    schemas = [rel for rel in (f"schema/{code}.json" for code in KINDS) if (serve.state.root / rel).is_file()]
    try:
        return commit(serve.state.root, [*written, *schemas], t("serve.commit.import", lang="zh", name=name, count=len(written))), None
    except CommitError as error:
        return None, error.message.render(serve.lang)


def _shown(serve: Serve, plan) -> dict:
    """The plan as the page lists it."""
    return {
        "planned": [(_row(serve, p.sheet, p.row), kind_label(p.kind, serve.lang), p.rel) for p in plan.planned],
        "existing": [(e.sheet, e.row, e.rel) for e in plan.existing],
        "findings": [(f.line, f.column, f.severity, f.code, f.text(serve.lang), f.path) for f in plan.findings],
        "bad_rows": plan.bad_rows,
        "skipped_sheets": plan.skipped_sheets,
    }


def _row(serve: Serve, sheet: str, row: int) -> str:
    """第 4 行, or 名册 第 4 行 when the workbook has several sheets (the file is in the title)."""
    return serve.text("serve.import.row", sheet=sheet.split("#", 1)[1] + " " if "#" in sheet else "", row=row)


async def template(request: Request):
    """A blank ledger of a kind (`djrh export --template KIND`): the headers a ledger may use, an
    example row and the explanations."""
    serve = serve_of(request)
    code = request.path_params["kind"]
    if code not in KINDS:
        return message_page(request, serve.text("serve.unknown_kind_title"), serve.text("serve.unknown_kind"), status=404, back="/import")
    from djrh.edit import export

    data = await run_in_threadpool(export.workbook, code)
    return attachment(data, f"{kind_label(code, serve.lang)}台账模板.xlsx" if serve.lang == "zh" else f"{code}-template.xlsx", XLSX)
