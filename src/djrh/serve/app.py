"""The web application of `djrh serve`: its routes, and what every page shares.

Pages work without script: plain HTML forms, POST → redirect → GET. A small script of the package
(static/djrh.js) adds and removes rows without a round trip and asks before leaving unsaved
changes. Every text comes from the locale files (serve.*), every label from the kinds; every value
is escaped by the templates (Jinja autoescape), none is ever marked safe.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, PackageLoader
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from djrh.i18n import t
from djrh.kinds import KINDS, kind_label
from djrh.records import Record
from djrh.report.html import environment
from djrh.serve.security import Guard, GuardMiddleware, MAX_FORM
from djrh.serve.state import TreeState

STATIC = Path(__file__).with_name("static")
# What names a record in a list, a link or a drop-down: the first of these fields it has.
TITLE_FIELDS = ("name", "theme", "topic")


@dataclass
class Serve:
    """What every request shares: the tree, the guard, the templates, the options."""

    state: TreeState
    guard: Guard
    lang: str
    commit: bool = False
    office: bool = False  # LibreOffice is there: PDF downloads
    env: Any = field(default=None, repr=False)

    def text(self, key: str, **args) -> str:
        return t(key, lang=self.lang, **args)


def create_app(serve: Serve) -> Starlette:
    from djrh.serve import downloads, home, imports, records

    serve.env = environment(ChoiceLoader([PackageLoader("djrh.serve", "templates"), PackageLoader("djrh.report", "templates")]))
    serve.env.globals.update(kind_label=lambda code: kind_label(code, serve.lang), url=url)
    routes = [
        Route("/", home.dashboard),
        Route("/branch/{id}", home.branch),
        Route("/branch/{id}/book.docx", downloads.book),
        Route("/record/{id}", records.show, methods=["GET", "HEAD"]),
        Route("/record/{id}", records.save, methods=["POST"]),
        Route("/record/{id}/attach", records.attach, methods=["POST"]),
        Route("/record/{id}/form.docx", downloads.form_docx),
        Route("/record/{id}/form.pdf", downloads.form_pdf),
        Route("/new", records.new_choose),
        Route("/new/{kind}", records.new_form, methods=["GET", "HEAD"]),
        Route("/new/{kind}", records.new_create, methods=["POST"]),
        Route("/import", imports.import_page, methods=["GET", "HEAD"]),
        Route("/import", imports.preview, methods=["POST"]),
        Route("/import/confirm", imports.confirm, methods=["POST"]),
        Route("/import/template/{kind}.xlsx", imports.template),
        Route("/report.{format}", downloads.report),
        Route("/file/{path:path}", downloads.tree_file),
        Route("/login", home.login_page, methods=["GET", "HEAD"]),
        Route("/login", home.login, methods=["POST"]),
        Route("/logout", home.logout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={400: home.bad_form, 404: home.not_found, 500: home.server_error})
    app.state.serve = serve
    return GuardMiddleware(app, serve.guard)


# -- what the handlers share


def serve_of(request: Request) -> Serve:
    return request.app.state.serve


def url(where: str, /, **query) -> str:
    """A path of this site with its query, each part quoted."""
    shown = {k: v for k, v in query.items() if v not in (None, "")}
    return urllib.parse.quote(where) + ("?" + urllib.parse.urlencode(shown) if shown else "")


def page(request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
    serve = serve_of(request)
    session = request.scope.get("djrh.session")
    html = serve.env.get_template(template).render(
        t=serve.text, ui_lang=serve.lang, html_lang="zh-CN" if serve.lang == "zh" else "en",
        csrf=serve.guard.csrf(session) if session else "", login=serve.guard.login_required,
        institution=serve.state.config.institution or "", config_problems=serve.state.config_problems,
        path=request.url.path, **values,
    )
    return HTMLResponse(html, status_code=status)


def message_page(request: Request, title: str, text: str, status: int = 400, back: str | None = None) -> HTMLResponse:
    return page(request, "message.html.j2", status=status, title=title, text=text, back=back)


async def read_form(request: Request, **limits):
    """The posted form, once its CSRF token is checked; None when it is not this session's."""
    form = await request.form(max_fields=limits.get("max_fields", 4000), max_files=limits.get("max_files", 0),
                              max_part_size=limits.get("max_part_size", MAX_FORM))
    serve = serve_of(request)
    if not serve.guard.csrf_ok(request.scope.get("djrh.session"), form.get("_csrf")):
        await form.close()
        return None
    return form


def expired(request: Request) -> HTMLResponse:
    serve = serve_of(request)
    return message_page(request, serve.text("serve.expired_title"), serve.text("serve.expired"), status=403)


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def title_of(record: Record, lang: str) -> str:
    """How a record is named on the page: its name or theme, with its date."""
    model = record.model
    spec = KINDS.get(record.kind or "")
    name = next((getattr(model, f) for f in TITLE_FIELDS if model is not None and isinstance(getattr(model, f, None), str)), None)
    day = getattr(model, spec.date_field, None) if model is not None and spec is not None and spec.date_field else None
    parts = [day.isoformat() if isinstance(day, date) else "", name or record.id]
    return " ".join(p for p in parts if p)


def record_url(record: Record, state: TreeState) -> str:
    """The page of a record: by its id, with its path when another file has the same id."""
    shared = len(state.paths_of(record.id)) > 1
    return url(f"/record/{record.id}", path=record.path if shared else None)


def find_record(state: TreeState, record_id: str, path: str | None) -> str | None:
    """The path of the record a page names (its id; its path too when the id is taken twice)."""
    rels = state.paths_of(record_id)
    if path is not None:
        return path if path in rels else None
    return rels[0] if len(rels) == 1 else None


def choose_year(request: Request, state: TreeState, since: int) -> int | None:
    raw = request.query_params.get("year")
    year = state.as_of.year
    if raw:
        if not raw.isdigit():
            return None
        year = int(raw)
    return year if since <= year <= state.as_of.year else None


def attachment(data: bytes, name: str, media_type: str) -> Response:
    """A download: always saved, never shown in the page (an uploaded .html cannot run here)."""
    quoted = urllib.parse.quote(name)
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(data, media_type=media_type, headers={
        "content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}",
        "content-security-policy": "sandbox; default-src 'none'",
    })
