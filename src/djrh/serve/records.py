"""A record's page, its save, its evidence upload, and new records.

A save goes through the write path of `djrh fill` (edit/fill.fill_record: the file's comments and
layout kept, written atomically under the tree's lock), and is refused when the file is no longer
the one the form was made from (its digest travels in the form; someone else's save, an editor,
git): the other person's change is never lost, and the page says so. The record is then checked
again (serve/state.py) and shown with its findings. A new record is written by `djrh new`'s
library call (edit/new.py: the same id, under the same lock), evidence by `djrh attach`'s
(edit/attach.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from djrh.findings import SEVERITIES
from djrh.i18n import Msg, msg, t
from djrh.kinds import KIND_NAMES, KINDS, MODELS, kind_label
from djrh.personal import mask
from djrh.read.load import MAX_FILE_BYTES, read_text, record_id
from djrh.records import Record
from djrh.serve.app import (
    Serve, expired, find_record, message_page, page, read_form, record_url, redirect, serve_of, title_of, url,
)
from djrh.serve.security import MAX_FILES
from djrh.tree import treefile

if TYPE_CHECKING:
    from djrh.serve import forms

# The write path (edit/: ruamel.yaml and the forms made from the kinds) is imported when a record
# page is first made, not at start: `djrh serve` shows its first page sooner, and warm_up() loads it
# in the background right after.


def warm_up(serve: Serve) -> None:
    """Import and compile what the first record page and the first save need."""
    from djrh.edit import attach, fill, new, roundtrip, values  # noqa: F401
    from djrh.render import build  # noqa: F401
    from djrh.serve import forms  # noqa: F401

    import markdown_it  # noqa: F401

    for name in ("record.html.j2", "branch.html.j2", "new.html.j2", "message.html.j2", "home.html.j2"):
        serve.env.get_template(name)
    serve.state.of_unit("")  # the index of units, for the first record page's re-check


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


@dataclass
class Opened:
    """A record as its page shows it: the file's bytes, what djrh reads in them, its form."""

    rel: str
    raw: bytes
    record: Record  # parsed (data, positions), not validated
    spec: Any  # its kind, or None when it has none djrh knows
    form: forms.RecordForm | None
    problem: Msg | None = None  # why it cannot be edited here (not UTF-8, a syntax error…)
    findings: list = field(default_factory=list)
    loose: list = field(default_factory=list)  # findings of the record as a whole

    @property
    def base(self) -> str:
        return digest(self.raw)


def _open(serve: Serve, rel: str) -> Opened:
    """Read the record's file as it is now (and the state with it) and make its form."""
    from djrh.serve import forms

    state = serve.state
    state.refresh_one(rel)
    try:
        raw, _ = treefile.read(state.root, rel, MAX_FILE_BYTES, links=False)
    except treefile.Unreadable as problem:
        return Opened(rel, b"", Record(record_id(rel), rel), None, None, problem.message, findings=state.findings_of(rel))
    record, problems = read_text(Record(record_id(rel), rel), raw)
    data = record.data if isinstance(record.data, dict) else None
    kind = data.get("kind") if data is not None else None
    code = KIND_NAMES.get(kind.strip()) if isinstance(kind, str) else None
    opened = Opened(rel, raw, record, KINDS.get(code) if code else None, None, findings=state.findings_of(rel))
    if data is None or any(p.code == "SYN001" for p in problems):
        opened.problem = msg("serve.cannot_edit_syntax")
    elif code is None:
        opened.problem = msg("serve.cannot_edit_kind")
    else:
        opened.form = forms.build(opened.spec, data, serve.lang, state.as_of, _reference_options(serve, opened.spec))
    _place(opened)
    return opened


def _reference_options(serve: Serve, spec) -> dict:
    """For each set of kinds the record's fields may name: the records to choose from, or None
    when there are too many to list."""
    from djrh.serve import forms

    state = serve.state
    options = {}
    for kinds in {tuple(k) for k in spec.references.values()}:
        def make(kinds=kinds):
            records = [r for r in state.records() if r.kind in kinds and r.model is not None]
            if len(records) > forms.SELECT_LIMIT:
                return None
            return [forms.Option(r.id, f"{title_of(r, serve.lang)}（{r.id}）" if serve.lang == "zh" else f"{title_of(r, serve.lang)} ({r.id})")
                    for r in sorted(records, key=lambda r: r.id)]
        options[kinds] = state.memo("options-" + ",".join(kinds), make)
    return options


def _place(opened: Opened) -> None:
    """Put each finding beside the field it concerns: the field it names (Finding.field: there even
    when the file has no such key yet), else the key or value of the file at its line and column
    (the record's positions), which is a field of the form or one of its rows."""
    form, record = opened.form, opened.record
    for finding in opened.findings:
        path = None
        if form is not None:
            path = finding.field or _path_at(record, finding.line, finding.column)
        target = None
        while path:
            names = [p for p in path if isinstance(p, str)]
            target = form.control(".".join(names)) or (form.group(names[0]) if len(names) == 1 else None)
            if target is not None:
                break
            path = path[:-1]
        if target is not None:
            target.findings.append(finding)
        else:
            opened.loose.append(finding)


def _path_at(record: Record, line: int, column: int) -> tuple | None:
    """The path of the key or value at a 1-based line and column of the file (a key before a value:
    the value of `outcome:` starts where its first key does; the deepest path first); else the last
    key before it."""
    if not isinstance(record.positions, dict):
        return None
    line0, column0 = line - 1 - record.line_offset, column - 1
    keys, values = [], []
    best, best_at = None, (-1, -1)
    for path, pos in record.positions.items():
        if not path or path == ("kind",):
            continue
        if (pos[0], pos[1]) == (line0, column0):
            keys.append(path)
        elif (pos[2], pos[3]) == (line0, column0):
            values.append(path)
        at = (pos[0], pos[1])
        if at <= (line0, column0) and at > best_at and line0 > 0:
            best, best_at = path, at
    for found in (keys, values):
        if found:
            return max(found, key=len)
    return best


def _values(serve: Serve, opened: Opened, request: Request, **more) -> dict:
    from djrh.render.build import FORMS

    record = serve.state.record_at(opened.rel) or opened.record
    spec = opened.spec
    counts = {s: sum(1 for f in opened.findings if f.severity == s and not f.waived) for s in SEVERITIES}
    joiner = "，" if serve.lang == "zh" else ", "
    counted = joiner.join(serve.text(f"serve.count.{s}", count=n) for s, n in counts.items() if n)
    saved = [s for s in request.query_params.get("saved", "").split(",") if s]
    labels = {c.name: c.label for c in opened.form.controls()} if opened.form else {}
    return dict(
        opened=opened, record=record, spec=spec, form=opened.form, title=title_of(record, serve.lang),
        kind=spec.code if spec else None, counts=counts, counted=counted, waived=sum(1 for f in opened.findings if f.waived),
        self_url=record_url(record, serve.state), base=opened.base, request_path=_shared_path(serve, opened.rel, record.id),
        docx=spec is not None and spec.code in FORMS, pdf=serve.office and spec is not None and spec.code in FORMS,
        form_ready=record.valid,  # a form is made of a record without errors only (djrh render)
        can_attach=spec is not None and bool(spec.file_paths),
        # what the redirect after a save says, read back from its address: only words of this page
        # (a field's label, a number, a commit id), so that a link made elsewhere cannot put text here
        saved=[labels[name] for name in saved if name in labels], attached=_digits(request.query_params.get("attached")),
        created=request.query_params.get("created"), nothing=request.query_params.get("nothing"),
        commit=_commit_id(request.query_params.get("commit")),
        units=[(_unit_name(serve, u), url(f"/branch/{u}")) for u in _units(serve, record)],
        minutes=_minutes(opened), source_text=mask(opened.raw.decode("utf-8", "replace")) if opened.form is None else "",
        **more,
    )


def _digits(value: str | None) -> str | None:
    return value if value is not None and value.isdigit() else None


def _commit_id(value: str | None) -> str | None:
    return value if value is not None and re.fullmatch(r"[0-9a-f]{4,40}", value) else None


def _shared_path(serve: Serve, rel: str, record_id: str) -> str | None:
    """The record's path, for its links, when another file has the same id (ID002)."""
    return rel if len(serve.state.paths_of(record_id)) > 1 else None


def _unit_name(serve: Serve, unit: str) -> str:
    rels = serve.state.paths_of(unit)
    record = serve.state.record_at(rels[0]) if rels else None
    name = getattr(record.model, "name", None) if record is not None and record.usable(("name",)) else None
    return name or unit


def _units(serve: Serve, record: Record) -> list[str]:
    from djrh.rules.base import units_of

    return [u for u in units_of(record) if u != record.id]


def _minutes(opened: Opened) -> Markup | None:
    """The minutes of a .md record, as HTML made by markdown-it with raw HTML off (every text in
    it escaped), numbers masked and control characters shown as escapes (`\\x1b`): shown, not
    edited here."""
    body = opened.record.body if opened.rel.endswith(".md") else None
    if not body or not body.strip():
        return None
    from markdown_it import MarkdownIt

    from djrh.visible import visible

    return Markup(MarkdownIt("commonmark", {"html": False}).render(visible(mask(body))))


def _resolve(request: Request) -> str | None:
    serve = serve_of(request)
    return find_record(serve.state, request.path_params["id"], request.query_params.get("path"))


def _unknown(request: Request):
    serve = serve_of(request)
    record_id = request.path_params["id"]
    rels = serve.state.paths_of(record_id)
    if len(rels) > 1:  # two files of one id (ID002): say which, with a link to each
        links = [(rel, url(f"/record/{record_id}", path=rel)) for rel in rels]
        return page(request, "message.html.j2", status=300, title=serve.text("serve.two_files_title", id=record_id),
                    text=serve.text("serve.two_files"), links=links, back="/")
    return message_page(request, serve.text("serve.unknown_record_title"), serve.text("serve.unknown_record", id=record_id), status=404, back="/")


# -- the record page


async def show(request: Request):
    serve = serve_of(request)
    rel = _resolve(request)
    if rel is None:
        return _unknown(request)

    def make():
        opened = _open(serve, rel)
        return _values(serve, opened, request)

    values = await run_in_threadpool(make)
    return page(request, "record.html.j2", **values)


async def save(request: Request):
    serve = serve_of(request)
    rel = _resolve(request)
    if rel is None:
        return _unknown(request)
    form = await read_form(request)
    if form is None:
        return expired(request)
    return await run_in_threadpool(_save, serve, request, rel, form)


def _save(serve: Serve, request: Request, rel: str, form):
    from djrh.edit import fill as filling
    from djrh.edit.roundtrip import EditError
    from djrh.serve import forms

    state = serve.state
    opened = _open(serve, rel)
    if opened.form is None:
        return page(request, "record.html.j2", status=409, **_values(serve, opened, request))
    if opened.base != form.get("_base"):
        return _conflict(serve, request, opened, form)
    add, remove = form.get("_add"), form.get("_remove")
    if add or remove:  # without script: a row added or removed, nothing saved
        forms.with_row(opened.form, form, add, remove)
        return page(request, "record.html.j2", **_values(serve, opened, request, unsaved=True))
    changed = forms.changes(opened.form, form)
    if not changed:
        return redirect(url(record_url(opened.record, state), nothing=1))
    values, problems = forms.read(opened.form, changed, serve.lang, lambda kinds, ref: _is_kind(state, kinds, ref))
    if problems:
        return _with_problems(serve, request, opened, form, problems)
    try:
        filled = filling.fill_record(state.root, rel, values, itemized=True)
        if filled.edit.raw != opened.raw:
            return _conflict(serve, request, _open(serve, rel), form)
        if filled.problems:  # read as the form read them: not expected, but never silently dropped
            return _with_problems(serve, request, opened, form, {"": "；".join(p.render(serve.lang) for p in filled.problems)})
        filled.edit.save()
    except EditError as error:
        if error.message.key == "edit.changed_on_disk":
            return _conflict(serve, request, _open(serve, rel), form)
        return _with_problems(serve, request, opened, form, {"": error.message.render(serve.lang)})
    state.changed(rel)
    commit, failed = _commit(serve, [rel], "serve.commit.fill", opened, fields=_fields_text(opened.form, filled.changed, "zh"))
    if failed is not None:  # saved, not committed: said on the page itself
        return _after_failed_commit(serve, request, rel, failed)
    return redirect(url(record_url(opened.record, state), saved=",".join(filled.changed), commit=commit))


def _after_failed_commit(serve: Serve, request: Request, rel: str, failed: str):
    return page(request, "record.html.j2", **_values(serve, _open(serve, rel), request, commit_failed=failed))


def _is_kind(state, kinds: tuple[str, ...], ref: str) -> bool:
    return any(getattr(state.record_at(rel), "kind", None) in kinds for rel in state.paths_of(ref))


def _fields_text(record_form: forms.RecordForm, names: list[str], lang: str) -> str:
    """The changed fields named with their form labels in `lang` (the commit message is always Chinese,
    whatever language the page is in)."""
    from djrh.edit.fill import slot_named
    from djrh.kinds import MODELS

    model = MODELS.get(record_form.spec.code)
    labels = {}
    for name in names:
        slot = slot_named(model, name) if model is not None else None
        labels[name] = slot.label(lang) if slot is not None else name
    if lang == "zh":
        return "、".join(f"{labels.get(n, n)}（{n}）" for n in names)
    return ", ".join(f"{labels.get(n, n)} ({n})" for n in names)


def _with_problems(serve: Serve, request: Request, opened: Opened, form, problems: dict[str, str]):
    """The form again, with what was typed and what could not be read beside its field."""
    from djrh.serve import forms

    for control in opened.form.controls():
        if control.name in set(form.getlist("_fields")):
            control.value = forms.posted(control, form)
        control.problem = problems.get(control.name)
    general = problems.get("")
    return page(request, "record.html.j2", status=422, **_values(serve, opened, request, unsaved=True, problems=problems, general_problem=general))


def _conflict(serve: Serve, request: Request, opened: Opened, form):
    """Someone else changed the record since the form was made: nothing is written. The page shows
    the record as it is now and, beside it, every field where what was posted differs from it."""
    from djrh.serve import forms

    differences = []
    if opened.form is not None:
        present = set(form.getlist("_fields"))
        for control in opened.form.controls():
            if control.name not in present:
                continue
            mine = forms.posted(control, form)
            if not forms.same(mine, control.value):
                differences.append((control, _as_text(control, control.value, serve.lang), _as_text(control, mine, serve.lang)))
    return page(request, "record.html.j2", status=409, **_values(serve, opened, request, conflict=True, differences=differences))


def _as_text(control: forms.Control, value: Any, lang: str) -> str:
    """A value of the form as one line of text (the conflict's table)."""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                cells = [str(v) for v in item.values() if str(v).strip()]
                if cells:
                    parts.append("，".join(cells))
            elif str(item).strip():
                label = next((o.label for o in control.options if o.value == item), item)
                parts.append(str(label))
        return "；".join(parts)
    label = next((o.label for o in control.options if o.value == value), None)
    if control.widget == "yesno":
        label = {"true": t("serve.yes", lang=lang), "false": t("serve.no", lang=lang)}.get(str(value))
    return str(label if label is not None else value)


def _commit(serve: Serve, paths: list[str], key: str, opened: Opened | None = None, **args) -> tuple[str | None, str | None]:
    """With --commit: one git commit of the files a save wrote. (its short id, None) when made,
    (None, why not) when it failed, (None, None) without --commit."""
    if not serve.commit:
        return None, None
    from djrh.serve.commit import CommitError, commit

    record = opened.record if opened is not None else None
    if record is not None:
        args.setdefault("kind", kind_label(opened.spec.code, "zh") if opened.spec else "")
        args.setdefault("record", record.id)
        args.setdefault("title", title_of(serve.state.record_at(opened.rel) or record, "zh"))
    try:
        return commit(serve.state.root, paths, t(key, lang="zh", **args)), None
    except CommitError as error:
        return None, error.message.render(serve.lang)


# -- evidence


async def attach(request: Request):
    from djrh.edit.attach import MAX_BYTES, attach_data
    from djrh.edit.roundtrip import EditError

    serve = serve_of(request)
    rel = _resolve(request)
    if rel is None:
        return _unknown(request)
    form = await read_form(request, max_files=MAX_FILES, max_part_size=MAX_BYTES + 1)
    if form is None:
        return expired(request)
    files = []
    try:
        for upload in form.getlist("files"):
            if not isinstance(upload, UploadFile) or not upload.filename:
                continue
            data = await upload.read(MAX_BYTES + 1)
            files.append((Path(upload.filename.replace("\\", "/")).name or "file", data))
    finally:
        await form.close()
    if not files:
        return message_page(request, serve.text("serve.attach_none_title"), serve.text("serve.attach_none"),
                            back=url(f"/record/{request.path_params['id']}", path=request.query_params.get("path")))

    def store():
        try:
            done = attach_data(serve.state.root, rel, files)
        except EditError as error:
            return None, error.message.render(serve.lang)
        serve.state.changed(rel)
        opened = _open(serve, rel)
        commit, failed = _commit(serve, [rel, *done.copied], "serve.commit.attach", opened, files="、".join(done.paths))
        if failed is not None:
            return _after_failed_commit(serve, request, rel, failed), None
        return redirect(url(record_url(opened.record, serve.state), attached=len(done.paths), commit=commit)), None

    answer, problem = await run_in_threadpool(store)
    if problem is not None:
        return message_page(request, serve.text("serve.attach_failed_title"), problem,
                            back=url(f"/record/{request.path_params['id']}", path=request.query_params.get("path")))
    return answer


# -- new records


async def new_choose(request: Request):
    serve = serve_of(request)
    kinds = [(spec.code, kind_label(spec.code, serve.lang), (spec.header_zh if serve.lang == "zh" else spec.header_en).split("\n")[0])
             for spec in KINDS.values()]
    return page(request, "new_choose.html.j2", kinds=kinds)


class StateIds:
    """What `djrh new` asks of the tree (edit/new.TreeIds), from the page's state."""

    def __init__(self, state) -> None:
        self.state = state

    def in_use(self, record_id: str) -> str | None:
        rels = self.state.paths_of(record_id)
        return rels[0] if rels else None

    def kind_of(self, record_id: str) -> str | None:
        rels = self.state.paths_of(record_id)
        record = self.state.record_at(rels[0]) if rels else None
        return record.kind if record is not None else None

    def ids_of(self, kinds: tuple[str, ...]) -> list[str]:
        return sorted(r.id for r in self.state.records() if r.kind in kinds)


def _new_controls(serve: Serve, spec, data: dict) -> list[forms.Control]:
    """What a new record asks for: `djrh new`'s prompts, then the other fields it must have before
    its date (the 切入点 and 业务工作描述 of a theme day, a branch's members and committee)."""
    from djrh.edit import fill as filling
    from djrh.serve import forms

    model = MODELS[spec.code]
    references = _reference_options(serve, spec)
    by_path = {slot.path: slot for slot in filling.slots(model)}
    chosen = [by_path[(name,)] for name in spec.prompts if (name,) in by_path]
    chosen += [
        slot for slot in filling.slots(model)
        if slot.stage == "planned" and slot.path[0] not in spec.prompts and slot.path != ("waivers",) and slot.required is not False
    ]
    controls = []
    for slot in chosen:
        control = forms.control(slot, spec, data, serve.lang, serve.state.as_of, references, False)
        if slot.path[0] in spec.prompts:
            control.required = slot.meta.required is True
        controls.append(control)
    return controls


async def new_form(request: Request):
    serve = serve_of(request)
    spec = KINDS.get(request.path_params["kind"])
    if spec is None:
        return message_page(request, serve.text("serve.unknown_kind_title"), serve.text("serve.unknown_kind"), status=404, back="/new")
    prefill = {name: request.query_params[name] for name in spec.prompts if request.query_params.get(name)}
    controls = await run_in_threadpool(_new_controls, serve, spec, prefill)
    return page(request, "new.html.j2", spec=spec, controls=controls, needs_id=spec.id_template is None, given_id="", markdown=False, problems={})


async def new_create(request: Request):
    serve = serve_of(request)
    spec = KINDS.get(request.path_params["kind"])
    if spec is None:
        return message_page(request, serve.text("serve.unknown_kind_title"), serve.text("serve.unknown_kind"), status=404, back="/new")
    form = await read_form(request)
    if form is None:
        return expired(request)
    return await run_in_threadpool(_create, serve, request, spec, form)


def _create(serve: Serve, request: Request, spec, form):
    from djrh.edit import new as creating
    from djrh.edit.values import is_blank, parse_value
    from djrh.serve import forms

    state = serve.state
    controls = _new_controls(serve, spec, {})
    ids = StateIds(state)
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    asks = {ask.name: ask for ask in creating.asks(spec)}
    for control in controls:
        raw = forms.posted(control, form)
        control.value = raw
        if forms.same(raw, "" if not isinstance(raw, list) else []):
            if control.required:
                problems[control.name] = serve.text("serve.required", label=control.label)
            continue
        ask = asks.get(control.name)
        if ask is not None:
            given = [v for v in raw if str(v).strip()] if isinstance(raw, list) else raw
            value, problem = creating.convert(ask, given, ids)
        elif control.widget == "rows":
            value, problem = forms._typed(control, raw, serve.lang)
        else:
            value, problem = parse_value(control.meta, raw if not isinstance(raw, str) else raw.replace("\r\n", "\n"), control.label)
        if problem is not None:
            problems[control.name] = problem.render(serve.lang)
        elif value is not None and not is_blank(value):
            creating.set_slot(values, control.path, value)
    given_id = str(form.get("_id", "")).strip()
    markdown = bool(form.get("_md"))
    record_id, numbered = None, False
    if not problems:
        if spec.id_template is not None:
            record_id, numbered = creating.proposed_id(spec, values), True
            if record_id is None:
                problems[""] = creating.need_id(spec).render(serve.lang)
        elif given_id:
            problem = creating.id_problem(given_id, ids)
            if problem is not None:
                problems["_id"] = problem.render(serve.lang)
            record_id = given_id
        else:
            record_id = creating.suggest_id(spec, values, state.ids())
    if problems:
        for control in controls:
            control.problem = problems.get(control.name)
        return page(request, "new.html.j2", status=422, spec=spec, controls=controls, needs_id=spec.id_template is None,
                    given_id=given_id, markdown=markdown, problems=problems)
    schema = state.root / "schema" / f"{spec.code}.json"
    had_schema = schema.exists()
    try:
        path = creating.write_record(state.root, spec, values, record_id, numbered, markdown, serve.lang)
    except creating.NewError as error:
        problems[""] = error.message.render(serve.lang)
        return page(request, "new.html.j2", status=422, spec=spec, controls=controls, needs_id=spec.id_template is None,
                    given_id=given_id, markdown=markdown, problems=problems)
    rel = path.relative_to(state.root).as_posix()
    state.changed(rel)
    written = [rel] + ([schema.relative_to(state.root).as_posix()] if not had_schema and schema.exists() else [])
    record = state.record_at(rel)
    commit, failed = _commit(serve, written, "serve.commit.new", None, kind=kind_label(spec.code, "zh"), record=record.id, title=title_of(record, "zh"))
    if failed is not None:
        return _after_failed_commit(serve, request, rel, failed)
    return redirect(url(record_url(record, state), created=1, commit=commit))
