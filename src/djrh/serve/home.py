"""The pages that read the whole tree: the dashboard (what `djrh report --format html` shows, live,
with a year switch) and a branch's year (its calendar, quotas, findings, committee and term, what
falls due). Both come from the report's own computation (report/stats.py, report/due.py) over the
check of the whole tree, read again first if anything changed on disk."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from djrh.findings import SEVERITY_RANK
from djrh.i18n import t
from djrh.kinds import KINDS, unit_kinds, vocab
from djrh.records import Record
from djrh.report import due as due_module
from djrh.report import html as dashboard_html
from djrh.report import layout
from djrh.report.stats import compute
from djrh.rules import quotas
from djrh.rules.base import Context
from djrh.serve.app import (
    choose_year, expired, message_page, page, read_form, record_url, redirect, serve_of, title_of, url,
)
from djrh.serve.security import FAILED_LOGIN_PAUSE

DUE_DAYS = 60  # a branch's page lists what falls due in the next two months


def _report(state, year: int):
    result = state.result()
    return state.memo(f"report-{year}", lambda: compute(result, state.config, year))


FRESH_SECONDS = 0.5


def _fresh(state) -> None:
    """A dashboard or a branch page shows the files as they are now: the tree is walked again,
    unless that was done in the last half second (the walk takes 50 ms on 12,000 records)."""
    if time.monotonic() - state.last_walk >= FRESH_SECONDS:
        state.refresh()


async def dashboard(request: Request):
    serve = serve_of(request)
    state = serve.state

    def make():
        _fresh(state)
        key = state.key()
        since = state._tree_since(key)
        year = choose_year(request, state, since)
        if year is None:
            return None
        csrf = request_csrf(request)
        first = serve.first
        # The tree as read at start, this year's page: kept for the next start (serve/firstpage.py),
        # made with a placeholder for the session's token.
        keep = (first is not None and first.wanted() and not request.url.query
                and key == (first.version, first.as_of) and year == first.as_of.year)
        report = _report(state, year)
        units = {r.id: r for r in state.records() if r.kind in unit_kinds() and r.model is not None}
        html = dashboard_html.render(
            report, serve.lang, page="home.html.j2", env=serve.env,
            serve=True, csrf=first.placeholder_made if keep else csrf, login=serve.guard.login_required, path="/",
            years=list(range(state.as_of.year, since - 1, -1)), year=year, institution=state.config.institution or "",
            config_problems=state.config_problems, ui_lang=serve.lang,
            branch_link=lambda row: url(f"/branch/{row.id}", year=year if year != state.as_of.year else None),
            finding_link=lambda finding: _finding_link(state, finding),
            general_branches=[(gid, _name(r)) for gid, r in sorted(units.items()) if r.kind == "general_branch"],
        )
        if keep:
            if state.key() == key:  # nothing read again while the page was made
                # not a daemon: a server stopped right after the page still finishes writing it
                threading.Thread(target=first.store, args=(html, len(state.entries)), name="djrh-store").start()
            html = html.replace(first.placeholder_made, csrf)
        return html

    html = await run_in_threadpool(make)
    if html is None:
        return message_page(request, serve.text("serve.bad_year_title"), serve.text("serve.bad_year"), status=404, back="/")
    from starlette.responses import HTMLResponse

    return HTMLResponse(html)


def request_csrf(request: Request) -> str:
    session = request.scope.get("djrh.session")
    return serve_of(request).guard.csrf(session) if session else ""


def _finding_link(state, finding) -> str | None:
    record = state.record_at(finding.path)
    return record_url(record, state) if record is not None else None


def _name(record: Record) -> str:
    name = getattr(record.model, "name", None) if record.usable(("name",)) else None
    return name or record.id


# -- a branch's year


@dataclass
class CalendarEntry:
    record: Record
    day: date
    kind: str
    title: str
    link: str
    held: bool
    integration: bool
    errors: int
    warnings: int


async def branch(request: Request):
    serve = serve_of(request)
    state = serve.state
    unit_id = request.path_params["id"]

    def make():
        _fresh(state)
        result = state.result()
        units = result.units()
        unit = units.get(unit_id)
        if unit is None:
            return None
        since = state._tree_since(state.key())
        year = choose_year(request, state, since)
        if year is None:
            return "year"
        report = _report(state, year)
        lang = serve.lang
        values = dict(unit=unit, unit_name=_name(unit), year=year, years=list(range(state.as_of.year, since - 1, -1)),
                      report=report, kind=unit.kind, status_label=lambda s: layout.status_label(s, lang), parent=None, row=None,
                      group=None, branch_links={})
        ctx = Context(root=state.root, records=result.records, config=state.config, as_of=result.as_of)
        scoped = result.only_unit(unit_id)
        findings_by_path: dict[str, list] = {}
        for finding in scoped.findings:
            findings_by_path.setdefault(finding.path, []).append(finding)
        values["findings"] = sorted(
            ((record, record_url(record, state), findings_by_path[record.path]) for record in scoped.records if record.path in findings_by_path),
            key=lambda entry: (min(SEVERITY_RANK[f.severity] + 3 * f.waived for f in entry[2]), entry[0].path),
        )
        values["title_of"] = lambda record: title_of(record, lang)
        values["waived"] = sum(1 for f in scoped.findings if f.waived)
        items = state.memo("due", lambda: due_module.due_items(state.tree(), state.config, state.as_of, DUE_DAYS))
        wanted = {unit_id} | {i for i, r in units.items() if getattr(r.model, "parent", None) == unit_id}
        names = {i: _name(r) for i, r in units.items()}
        values["due"] = [(item, _path_link(state, item.path), names.get(item.branch, item.branch)) for item in items if item.branch in wanted]
        values["unit_link"] = record_url(unit, state)
        if unit.kind == "branch":
            row = next((r for g in report.groups for r in g.rows if r.id == unit_id), None)
            values.update(_branch_values(state, ctx, unit, row, year, lang, findings_by_path))
        else:
            group = next((g for g in report.groups if g.id == unit_id), None)
            values["group"] = group
            values["branch_links"] = {r.id: url(f"/branch/{r.id}", year=year) for r in (group.rows if group else [])}
        values["others"] = _other_records(state, unit_id, lang)
        return values

    values = await run_in_threadpool(make)
    if values is None:
        return message_page(request, serve.text("serve.unknown_branch_title"), serve.text("serve.unknown_branch", id=unit_id), status=404, back="/")
    if values == "year":
        return message_page(request, serve.text("serve.bad_year_title"), serve.text("serve.bad_year"), status=404, back=f"/branch/{unit_id}")
    return page(request, "branch.html.j2", **values)


def _path_link(state, rel: str) -> str | None:
    record = state.record_at(rel)
    return record_url(record, state) if record is not None else None


def _branch_values(state, ctx: Context, branch: Record, row, year: int, lang: str, findings_by_path) -> dict:
    """A branch's calendar (every dated record it holds in the year, by month), its quotas, its
    committee and term."""
    calendar: dict[int, list[CalendarEntry]] = {month: [] for month in range(1, 13)}
    for record in state.of_unit(branch.id):
        spec = KINDS.get(record.kind or "")
        if not _event(spec) or not record.usable((spec.date_field,)):
            continue
        day = getattr(record.model, spec.date_field)
        if not isinstance(day, date) or day.year != year:
            continue
        found = findings_by_path.get(record.path, [])
        calendar[day.month].append(CalendarEntry(
            record, day, record.kind, title_of(record, lang).removeprefix(day.isoformat()).strip(), record_url(record, state),
            day <= ctx.as_of, bool(getattr(record.model, "integration", False)) and "integration" not in record.broken,
            sum(1 for f in found if f.severity == "error" and not f.waived),
            sum(1 for f in found if f.severity == "warning" and not f.waived),
        ))
    for entries in calendar.values():
        entries.sort(key=lambda e: (e.day, e.kind, e.record.id))
    values = {"calendar": calendar, "row": row, "months": {cell.month: cell for cell in row.months} if row else {},
              "cell_label": lambda state: t(f"serve.cell.{state}", lang=lang)}
    model = branch.model
    committee = []
    if branch.usable(("committee",)):
        committee = [(m.name, vocab.label(vocab.COMMITTEE_ROLE, m.role, lang)) for m in model.committee]
    values["committee"] = committee
    values["term"] = quotas.term(ctx, branch) if branch.usable(("elected_on", "term_years")) else None
    values["elected_on"] = model.elected_on if branch.usable(("elected_on",)) else None
    values["members"] = model.members if branch.usable(("members",)) else None
    values["parent"] = getattr(model, "parent", None) if branch.usable(("parent",)) else None
    values["min_days"] = ctx.param("TD001", "min_days")
    # The meetings' quotas (三会一课), when the tree's kinds and the report have them.
    values["meeting_quotas"] = [
        (vocab.label(vocab.MEETING_TYPE, code, lang), quota) for code, quota in getattr(row, "meeting_quotas", {}).items()
        if getattr(quota, "required", None) is not None
    ] if row is not None else []
    return values


def _event(spec) -> bool:
    """A kind of meeting (a theme day, 三会一课): dated, and written with its minutes (.md) —
    what a branch's calendar shows."""
    return spec is not None and spec.date_field is not None and spec.markdown and not spec.unit


def _other_records(state, unit_id: str, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The unit's other records (pilots, brands, filings), by kind."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for record in state.of_unit(unit_id):
        spec = KINDS.get(record.kind or "")
        if spec is None or spec.unit or _event(spec):
            continue
        by_kind.setdefault(record.kind, []).append((title_of(record, lang), record_url(record, state)))
    return [(kind, by_kind[kind]) for kind in KINDS if kind in by_kind]


# -- signing in


async def login_page(request: Request):
    serve = serve_of(request)
    if not serve.guard.login_required:
        return redirect("/")
    return page(request, "login.html.j2", next=_safe_next(request.query_params.get("next")), error=None)


async def login(request: Request):
    serve = serve_of(request)
    if not serve.guard.login_required:
        return redirect("/")
    form = await request.form(max_fields=10, max_files=0, max_part_size=4096)
    client = (request.client.host if request.client else "?")
    target = _safe_next(form.get("next"))
    if not serve.guard.password_ok(str(form.get("password", "")), client):
        await asyncio.sleep(FAILED_LOGIN_PAUSE)  # a guess takes a second: the password cannot be found by trying
        return page(request, "login.html.j2", status=401, next=target, error=serve.text("serve.login_failed"))
    _, value = serve.guard.new_session()
    response = redirect(target)
    response.headers.append("set-cookie", serve.guard.cookie_header(value).decode())
    return response


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


async def logout(request: Request):
    serve = serve_of(request)
    form = await read_form(request)
    if form is None:
        return expired(request)
    response = redirect("/login" if serve.guard.login_required else "/")
    response.headers.append("set-cookie", serve.guard.cookie_header("", clear=True).decode())
    return response


async def not_found(request: Request, exc):
    serve = serve_of(request)
    return message_page(request, serve.text("serve.not_found_title"), serve.text("serve.not_found"), status=404, back="/")


async def bad_form(request: Request, exc):
    """A form the multipart parser refused (too many files or fields, a part too large): the page in
    the user's words, not the parser's English."""
    from djrh.serve.security import MAX_FILES

    serve = serve_of(request)
    return message_page(request, serve.text("serve.bad_form_title"), serve.text("serve.bad_form", files=MAX_FILES),
                        status=getattr(exc, "status_code", 400), back=request.headers.get("referer") or "/")


async def server_error(request: Request, exc):
    serve = serve_of(request)
    from djrh.serve.security import BodyTooLarge

    if isinstance(exc, BodyTooLarge):  # a body sent without Content-Length grew past the limit
        return message_page(request, serve.text("serve.bad_form_title"), serve.text("serve.too_large"), status=413, back="/")
    text = serve.text("serve.server_error", error=f"{type(exc).__name__}: {exc}")
    print(text, file=sys.stderr, flush=True)
    return message_page(request, serve.text("serve.server_error_title"), text, status=500, back="/")
