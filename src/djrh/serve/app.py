"""The web application of `djrh serve`: its routes, and what every page shares.

Pages work without script: plain HTML forms, POST → redirect → GET. A small script of the package
(static/djrh.js) adds and removes rows without a round trip and asks before leaving unsaved
changes. Every text comes from the locale files (serve.*), every label from the kinds; every value
is escaped by the templates (Jinja autoescape), none is ever marked safe.
"""

from __future__ import annotations

import importlib
import threading
import urllib.parse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from djrh.i18n import on_page, t
from djrh.serve.security import Guard, GuardMiddleware, MAX_FORM

if TYPE_CHECKING:  # the tree, the kinds and the templates load after the first page (serve/firstpage.py)
    from djrh.records import Record
    from djrh.serve.firstpage import FirstPage
    from djrh.serve.state import TreeState

STATIC = Path(__file__).with_name("static")
# What names a record in a list, a link or a drop-down: the first of these fields it has.
TITLE_FIELDS = ("name", "theme", "topic")


@dataclass
class Serve:
    """What every request shares: the tree, the guard, the templates, the options.

    The tree (`state`) and the templates (`env`) are there once `loaded` is set: at once when the
    tree was read before the server listened, or a moment after the first page when that page was
    a stored one (serve/firstpage.py; `load` runs in the background then). Every handler but the
    stored first page waits for them (`when_loaded`)."""

    state: TreeState | None
    guard: Guard
    lang: str
    commit: bool = False
    office: bool = False  # LibreOffice is there: PDF downloads
    env: Any = field(default=None, repr=False)
    first: FirstPage | None = field(default=None, repr=False)
    loaded: threading.Event = field(default_factory=threading.Event, repr=False)
    # set when the tree may be read behind the stored first page: that page is sent, or a request
    # needs the tree (until then the server answers alone, not sharing the interpreter with the load)
    wanted: threading.Event = field(default_factory=threading.Event, repr=False)
    load_error: BaseException | None = field(default=None, repr=False)

    def text(self, key: str, **args) -> str:
        return t(key, lang=self.lang, **args)

    def prepare(self) -> None:
        """The templates and the pages' modules, once the tree is there."""
        from jinja2 import ChoiceLoader, PackageLoader

        from djrh.kinds import kind_label
        from djrh.report.html import environment
        from djrh.serve import downloads, home, imports, records  # noqa: F401 - imported here, not in a request

        env = environment(ChoiceLoader([PackageLoader("djrh.serve", "templates"), PackageLoader("djrh.report", "templates")]))
        env.globals.update(kind_label=lambda code: kind_label(code, self.lang), url=url)
        self.env = env

    def load(self, make_state) -> None:
        """Read the tree (`make_state()`), prepare the pages, and let the waiting requests in."""
        try:
            self.state = make_state()
        except BaseException as error:  # said by every page that needed the tree (home.server_error)
            self.load_error = error
        try:
            self.prepare()
        finally:
            self.loaded.set()
            if self.first is not None:
                self.first.page = None  # every page is made from the tree now


def create_app(serve: Serve) -> Starlette:
    if serve.state is not None and not serve.loaded.is_set():  # the tree given already read
        serve.prepare()
        serve.loaded.set()
    routes = [
        Route("/", first_dashboard),
        Route("/branch/{id}", when_loaded("home", "branch")),
        Route("/branch/{id}/book.docx", when_loaded("downloads", "book", page=False)),
        Route("/record/{id}", when_loaded("records", "show"), methods=["GET", "HEAD"]),
        Route("/record/{id}", when_loaded("records", "save"), methods=["POST"]),
        Route("/record/{id}/attach", when_loaded("records", "attach"), methods=["POST"]),
        Route("/record/{id}/form.docx", when_loaded("downloads", "form_docx", page=False)),
        Route("/record/{id}/form.pdf", when_loaded("downloads", "form_pdf", page=False)),
        Route("/new", when_loaded("records", "new_choose")),
        Route("/new/{kind}", when_loaded("records", "new_form"), methods=["GET", "HEAD"]),
        Route("/new/{kind}", when_loaded("records", "new_create"), methods=["POST"]),
        Route("/import", when_loaded("imports", "import_page"), methods=["GET", "HEAD"]),
        Route("/import", when_loaded("imports", "preview"), methods=["POST"]),
        Route("/import/confirm", when_loaded("imports", "confirm"), methods=["POST"]),
        Route("/import/template/{kind}.xlsx", when_loaded("imports", "template", page=False)),
        Route("/report.{format}", when_loaded("downloads", "report", page=False)),
        Route("/file/{path:path}", when_loaded("downloads", "tree_file", page=False)),
        Route("/login", when_loaded("home", "login_page"), methods=["GET", "HEAD"]),
        Route("/login", when_loaded("home", "login"), methods=["POST"]),
        Route("/logout", when_loaded("home", "logout"), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    handlers = {400: when_loaded("home", "bad_form"), 404: when_loaded("home", "not_found"), 500: when_loaded("home", "server_error")}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.serve = serve
    return CompressedForTheNetwork(GuardMiddleware(app, serve.guard))


class CompressedForTheNetwork:
    """Answers to a browser on another machine (`--host 0.0.0.0`: colleagues, a phone on the office
    Wi-Fi) gzip-compressed when it accepts it: the dashboard of 200 branches is 3 MB of HTML and
    130 KB compressed, seconds on a phone's connection. Answers to this machine's own browser go as
    they are: over the loopback the compression would only cost time (20 ms on that page). DOCX,
    XLSX and PDF downloads are compressed already and are never compressed again."""

    ALREADY_COMPRESSED = (
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

    def __init__(self, app) -> None:
        from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

        from djrh.serve.security import is_loopback

        self.app = app
        self.is_loopback = is_loopback
        self.compressed = GZipMiddleware(
            app, minimum_size=1024, compresslevel=6,
            exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, *self.ALREADY_COMPRESSED),
        )

    async def __call__(self, scope, receive, send) -> None:
        client = scope.get("client")
        if scope["type"] == "http" and client and not self.is_loopback(client[0]):
            await self.compressed(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def _wait(serve: Serve) -> None:
    if not serve.loaded.is_set():
        serve.wanted.set()
        await run_in_threadpool(serve.loaded.wait)


def when_loaded(module: str, name: str, page: bool = True):
    """The handler `name` of serve/<module>.py, called once the tree is in memory. `page`: its
    messages are for a page (i18n.on_page: a field named by its form label); a file to download
    (`page=False`) says them as the commands write them."""

    async def handler(request: Request, *exc):
        serve = serve_of(request)
        await _wait(serve)
        if serve.load_error is not None and not (exc and name == "server_error"):
            raise RuntimeError(f"{type(serve.load_error).__name__}: {serve.load_error}") from serve.load_error
        target = getattr(importlib.import_module(f"djrh.serve.{module}"), name)
        if not page:
            return await target(request, *exc)
        with on_page():
            return await target(request, *exc)

    handler.__name__ = name
    return handler


async def first_dashboard(request: Request):
    """The dashboard: the stored one while the tree loads and nothing changed (serve/firstpage.py),
    else made from the tree (home.dashboard)."""
    serve = serve_of(request)
    first = serve.first
    if first is not None and first.page is not None and not serve.loaded.is_set() and not request.url.query:
        session = request.scope.get("djrh.session")
        html = await run_in_threadpool(first.answer, serve.guard.csrf(session) if session else "")
        if html is not None:
            return HTMLResponse(html, background=BackgroundTask(serve.wanted.set))
    return await when_loaded("home", "dashboard")(request)


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
        institution=serve.state.config.institution or "" if serve.state else "",
        config_problems=serve.state.config_problems if serve.state else [],
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
    from djrh.kinds import KINDS

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
