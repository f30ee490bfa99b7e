"""Which document a render makes, and from what: the tree's template when it has one, else the
built-in form. Returns the DOCX as bytes; writing it is the caller's business."""

from __future__ import annotations

import difflib
from datetime import date

from djrh.kinds import KINDS, kind_label
from djrh.i18n import msg, series
from djrh.check.config import Config
from djrh.records import Record
from djrh.rules.base import Context
from djrh.render import BOOK_KINDS, RenderError, context, templates
from djrh.render.source import Source, brief
from djrh.paper.trace import git_state_of, trace_of


# The kinds that have a form, and the values it is filled with (djrh.render.context): the built-in
# template templates/<kind>.docx (templates/en/ for English) or the tree's own of the same name.
FORMS = {
    "themeday": context.themeday,
    "meeting": context.meeting,
    "pilot": context.pilot,
}


def render_record(source: Source, record: Record, lang: str, as_of: date) -> bytes:
    """The form of one record (a theme day, a pilot)."""
    form = FORMS.get(record.kind or "")
    if form is None:
        kind = kind_label(record.kind or "", lang)
        raise RenderError(msg("render.wrong_kind", id=record.id, kind=kind))
    values = context.printed(form(record, source, lang, as_of), lang)
    trace = trace_of(source.root, [record.path], record.id)
    template = templates.find(source.root, record.kind) or templates.builtin(record.kind, lang)
    return templates.render(template, {**values, "trace": trace.as_dict(lang)}, trace.text(lang), source.root)


def bundle_records(source: Source, config: Config, branch_id: str, year: int, as_of: date) -> tuple[Record, list[Record], Context]:
    """The branch, its theme days and meetings of `year` in date order (the theme days `djrh check`
    counts: a copied file, TD007, is left out) and the tree's Context as of `as_of`, from which the
    cover counts with the same helpers as TD001, MT001–MT006 and `djrh report`. Refuses a bundle
    with a theme day or meeting of the branch and year that has errors."""
    branch = source.find(branch_id)
    if branch is None or branch.kind != "branch":
        if branch is not None and branch.kind == "general_branch":
            raise RenderError(msg("render.bundle_general_branch", id=branch_id))
        folder = KINDS["branch"].folder_root() + "/"
        branches = [i for i, rels in source.paths.items() if any(r.startswith(folder) for r in rels)]
        match = difflib.get_close_matches(branch_id, branches, n=1, cutoff=0.6)
        if match:
            raise RenderError(msg("render.unknown_branch_suggest", id=branch_id, suggestion=match[0]))
        raise RenderError(msg("render.unknown_branch", id=branch_id))
    if not branch.valid:
        source.valid(branch.path)  # raises with its findings
    records = source.all_records()
    broken = []
    for record in records:
        if record.kind in BOOK_KINDS and not record.valid:
            data = record.data if isinstance(record.data, dict) else {}
            if data.get("branch") == branch_id and str(data.get("date", "")).startswith(str(year)):
                broken.append(record)
    if broken:
        lines = "\n".join(f"{r.path}\n{brief(source.load(r.path)[1], limit=1)}" for r in broken)
        raise RenderError(msg("render.bundle_invalid", count=len(broken), records=lines))
    ctx = Context(root=source.root, records=records, config=config, as_of=as_of)
    days = [d for d in ctx.themedays_of(branch_id) if d.model.date.year == year]
    meetings = [m for m in ctx.of_kind("meeting", "branch", "date") if m.model.branch == branch_id and m.model.date.year == year]
    entries = sorted(days + meetings, key=lambda r: (r.model.date, r.model.time or "", r.kind != "themeday", r.id))
    if not entries:
        dated = [d.model.date.year for d in ctx.themedays_of(branch_id)]
        dated += [m.model.date.year for m in ctx.of_kind("meeting", "branch", "date") if m.model.branch == branch_id]
        shown = series(sorted(set(dated))) if dated else "—"
        raise RenderError(msg("render.bundle_empty", id=branch_id, year=year, years=shown))
    return branch, entries, ctx


def render_bundle(
    source: Source, config: Config, branch_id: str, year: int, lang: str, as_of: date, bundle: tuple | None = None,
) -> bytes:
    """The 工作记录本: its cover and contents from bundle.docx, then each theme day and meeting from
    themeday.docx / meeting.docx (the tree's own templates when it has them), one section each.
    `bundle`: what `bundle_records` gave for the same arguments, if the caller already asked."""
    branch, entries, ctx = bundle or bundle_records(source, config, branch_id, year, as_of)
    values = context.bundle(branch, entries, ctx, source, lang, as_of, year)
    git = git_state_of(source.root, [branch.path] + [entry.path for entry in entries])  # once for the book
    forms = []
    for form, entry in zip(values["entries"], entries):
        form_trace = trace_of(source.root, [entry.path], entry.id, git)
        form["trace"] = form_trace.as_dict(lang)
        template = templates.find(source.root, entry.kind) or templates.builtin(entry.kind, lang)
        forms.append((template, {**context.printed(form, lang), "trace": form["trace"]}, form_trace.text(lang)))
    trace = trace_of(source.root, [branch.path] + [entry.path for entry in entries], values["id"], git)
    cover = templates.find(source.root, "bundle") or templates.builtin("bundle", lang)
    cover_values = {**context.printed(values, lang), "trace": trace.as_dict(lang)}
    return templates.render_book((cover, cover_values, trace.text(lang)), forms, source.root)


def sample_context(root, config: Config, form: str, lang: str) -> tuple[dict, str] | None:
    """What `djrh templates check` fills a template of `form` with: the values of the tree's first
    record of that kind without errors (for a bundle: the branch and year of its first theme day),
    and the trace text; None when the tree has no such record."""
    source = Source(root, config.institution)
    as_of = config.as_of or date.today()
    records = sorted((r for r in source.all_records() if r.valid), key=lambda r: r.path)
    if form == "bundle":
        for record in records:
            if record.kind == "themeday":
                model = record.model
                branch, entries, ctx = bundle_records(source, config, model.branch, model.date.year, as_of)
                values = context.bundle(branch, entries, ctx, source, lang, as_of, model.date.year)
                git = git_state_of(root, [branch.path] + [e.path for e in entries])
                trace = trace_of(root, [branch.path] + [e.path for e in entries], values["id"], git)
                for entry, record_ in zip(values["entries"], entries):
                    entry["trace"] = trace_of(root, [record_.path], record_.id, git).as_dict(lang)
                return {**context.printed(values, lang), "trace": trace.as_dict(lang)}, trace.text(lang)
        return None
    if form == "statistics":  # the report of the as-of year, as `djrh report --format docx` makes it
        from djrh.check.run import load_tree
        from djrh.report import docx_out
        from djrh.report.stats import build

        digests: dict[str, bytes] = {}
        tree = load_tree(root, digests=digests)
        report = build(tree, config, as_of.year, as_of, as_of_fixed=config.as_of is not None)
        trace = trace_of(root, [record.path for record in tree.records], f"report-{as_of.year}", read=digests)
        return docx_out.template_values(report, lang, trace), trace.text(lang)
    if form not in FORMS:
        return None
    for record in records:
        if record.kind == form:
            values = context.printed(FORMS[form](record, source, lang, as_of), lang)
            trace = trace_of(root, [record.path], record.id)
            return {**values, "trace": trace.as_dict(lang)}, trace.text(lang)
    return None
