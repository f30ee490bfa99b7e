"""`djrh fill`, `djrh attach`, `djrh fix`, `djrh import`, `djrh export`: records written without
editing YAML by hand. Each command parses its arguments, calls djrh.edit, prints; a record written
is re-checked and its findings printed (SPEC section 5)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from djrh.cli.app import LangOpt, RootOpt, app
from djrh.cli.common import as_of_date, fail, open_config, open_root, parse_date, say
from djrh.output.term import write_data
from djrh.i18n import Msg, get_lang, msg, series, t

FINDING_FORMATS = ("text", "json", "github")


def _near(name: str | None) -> Path | None:
    if name is None:
        return None
    path = Path(name)
    return path if path.exists() else None


def field_options(args: list[str]) -> dict[str, list[str]]:
    """`--prescribed "…"`, `--attendance.present=18`, repeated for several items: name -> values."""
    given: dict[str, list[str]] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        if not arg.startswith("--") or arg == "--":
            fail(msg("fill.stray_argument", arg=arg))
        name, eq, value = arg[2:].partition("=")
        if not eq:
            if index + 1 >= len(args):
                fail(msg("fill.option_needs_value", option=arg))
            value = args[index + 1]
            index += 1
        given.setdefault(name, []).append(value)
        index += 1
    return given


def recheck(tree_root: Path, config, day: date, rels: list[str], out=None) -> int:
    """Check the tree and print the findings on `rels` (to stderr by default): the exit code."""
    from rich.console import Console

    from djrh.check.run import load_tree, run_checks
    from djrh.output import text as text_output

    result = run_checks(load_tree(tree_root), config, day).only(rels)
    console = Console(file=out or sys.stderr, highlight=False, soft_wrap=True)
    text_output.render(result, get_lang(), console)
    return 1 if result.count("error") else 0


# -- fill


@app.command(
    "fill", help=t("help.fill"), short_help=t("help.short.fill"),
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def fill_command(
    ctx: typer.Context,
    record: Annotated[str, typer.Argument(help=t("help.arg.fill_record"), metavar="RECORD")],
    stage: Annotated[Optional[str], typer.Option("--stage", help=t("help.opt.stage"), metavar="planned|held|outcome")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.fill_as_of"), metavar="YYYY-MM-DD")] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli.prompt import KEEP, ask, interactive
    from djrh.edit import fill as filling
    from djrh.edit.new import TreeIds
    from djrh.edit.roundtrip import EditError, RecordEdit
    from djrh.edit.target import record_rel
    from djrh.kinds import MODELS, kind_label
    from djrh.kinds.types import STAGES
    from djrh.output import shown_path

    if stage is not None and stage not in STAGES:
        fail(msg("out.bad_format", value=stage, choices=", ".join(STAGES)))
    parse_date(as_of, "--as-of")
    given = field_options(ctx.args)
    lang = get_lang()
    tree_root = open_root(root, near=_near(record))
    config = open_config(tree_root)
    day, _ = as_of_date(as_of, config)
    try:
        rel = record_rel(tree_root, record)
        edit = RecordEdit.open(tree_root, rel)
        spec = filling.kind_of(edit)
    except EditError as error:
        fail(error.message)
    tree = TreeIds(tree_root)

    def exists(kinds: tuple[str, ...], ref: str) -> bool:
        return tree.kind_of(ref) in kinds

    values, problems = filling.read_values(spec, given, references=exists)
    if problems:
        for problem in problems[:-1]:
            say(problem.render())
        fail(problems[-1])
    filled = filling.fill(edit, values)
    if interactive():
        model = MODELS[spec.code]
        chosen = stage or filling.due_stage(spec, edit.data, day)
        say(t("fill.asking", kind=kind_label(spec.code, lang), record=edit.rel, stage=Msg(f"fill.stage.{chosen}")))
        asked = {slot.name for slot in values}
        for slot in filling.slots(model):
            if slot.stage != chosen or slot.name in asked or slot.path == ("waivers",):
                continue
            if not filling.applies(slot, edit.data, model) or _is_file_slot(spec, slot):
                continue
            references = spec.reference_kinds(slot.path[0]) if len(slot.path) == 1 else None
            check = None
            if references:
                check = lambda value, kinds=references: None if all(  # noqa: E731
                    exists(kinds, ref) for ref in (value if isinstance(value, list) else [value])
                ) else msg("edit.bad_ref", option=slot.label(lang), id=value, expected=_kind_names(kinds))
            # nothing is forced here: what is still missing is listed at the end
            answer = ask(slot.meta, slot.label(lang), lang, required=False, current=edit.value(slot.path), check=check)
            if answer is KEEP or answer is None:
                continue
            if edit.set(slot.path, answer):
                filled.changed.append(slot.name)
        if spec.file_paths and chosen == "outcome":
            say(t("fill.attach_hint", record=_record_id(rel)))
    if not filled.changed:
        say(t("fill.nothing", path=shown_path(tree_root, rel)))
    else:
        try:
            edit.save()
        except EditError as error:
            fail(error.message)
        print(shown_path(tree_root, rel))
        say(t("fill.written", path=shown_path(tree_root, rel), fields=series(filled.changed)))
    code = recheck(tree_root, config, day, [rel])
    left = filling.missing(spec, edit.data, day)
    if left:
        say(t("fill.missing", fields="、".join(f"{s.name}（{s.label(lang)}）" if lang == "zh" else f"{s.name} ({s.label(lang)})" for s in left)))
    raise typer.Exit(code)


def _is_file_slot(spec, slot) -> bool:
    return any(slot.path == pattern[: len(pattern) - (pattern[-1] == "*")] for pattern in spec.file_paths)


def _kind_names(kinds):
    from djrh.rules.refs import KindNames

    return KindNames(kinds)


def _record_id(rel: str) -> str:
    from djrh.read.load import record_id

    return record_id(rel)


# -- attach


@app.command("attach", help=t("help.attach"), short_help=t("help.short.attach"))
def attach_command(
    record: Annotated[str, typer.Argument(help=t("help.arg.fill_record"), metavar="RECORD")],
    files: Annotated[list[Path], typer.Argument(help=t("help.arg.files"), metavar="FILE...")],
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.edit.attach import attach
    from djrh.edit.roundtrip import EditError
    from djrh.edit.target import record_rel
    from djrh.output import shown_path

    tree_root = open_root(root, near=_near(record))
    config = open_config(tree_root)
    day, _ = as_of_date(None, config)
    try:
        rel = record_rel(tree_root, record)
        done = attach(tree_root, rel, list(files))
    except EditError as error:
        fail(error.message)
    for path in done.paths:
        print(shown_path(tree_root, path))
    say(t("attach.done", count=len(done.paths), copied=len(done.copied), record=shown_path(tree_root, rel)))
    raise typer.Exit(recheck(tree_root, config, day, [rel]))


# -- fix


@app.command("fix", help=t("help.fix"), short_help=t("help.short.fix"))
def fix_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=t("help.arg.fix_paths"), show_default=False, metavar="[PATH]...")] = None,
    diff: Annotated[bool, typer.Option("--diff", help=t("help.opt.diff"))] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    import difflib

    from djrh.check.run import load_tree
    from djrh.edit.fix import mend
    from djrh.output import shown_path
    from djrh.read.load import MAX_FILE_BYTES
    from djrh.tree import treefile
    from djrh.tree.fsutil import FileChanged, locked, replace_if_unchanged
    from djrh.tree.root import TreeError, inside_root, record_paths

    tree_root = open_root(root, near=paths[0] if paths else None)
    prefixes = [""]
    if paths:
        try:
            prefixes = inside_root(tree_root, paths)
        except TreeError as error:
            fail(error.message)
    tree = load_tree(tree_root)
    flagged = {f.path for f in tree.findings if f.fixable}
    rels, _ = record_paths(tree_root)
    chosen = [rel for rel in rels if any(not p or rel == p or rel.startswith(p + "/") for p in prefixes)]
    fixed_files = fixes = 0
    left = []
    for rel in chosen:
        try:
            raw, _ = treefile.read(tree_root, rel, MAX_FILE_BYTES, links=False)
        except treefile.Unreadable:
            continue
        if rel not in flagged and not raw.startswith(b"\xef\xbb\xbf") and _utf8(raw):
            continue
        mended = mend(rel, raw)
        left.extend(mended.left)
        if not mended.changed:
            continue
        fixed_files += 1
        fixes += len(mended.fixes)
        shown = shown_path(tree_root, rel)
        if diff:
            lines = list(difflib.unified_diff(
                mended.original.splitlines(keepends=True), mended.text.splitlines(keepends=True), f"a/{rel}", f"b/{rel}",
            ))
            if not lines:  # the same text in another encoding (or without its BOM): the headers say so
                lines = [f"--- a/{rel}\n", f"+++ b/{rel}\n"]
            write_data("".join(line if line.endswith("\n") else line + "\n" for line in lines))  # the files' UTF-8
        else:
            try:
                with locked(tree_root):
                    replace_if_unchanged(tree_root / rel, raw, mended.text.encode("utf-8"))
            except FileChanged:
                fail(msg("edit.changed_on_disk", path=shown))
            except OSError as error:
                fail(msg("output.write_failed", path=shown, detail=error.strerror or str(error)))
            print(shown)
        for done in mended.fixes:
            say(f"  {shown}: {done.render()}")
    key = "fix.would" if diff else "fix.done"
    say(t(key, files=fixed_files, fixes=fixes) if fixed_files else t("fix.none"))
    for finding in left:
        say(t("fix.left", path=shown_path(tree_root, finding.path), line=finding.line, column=finding.column, message=finding.text()))
    if diff:
        raise typer.Exit(1 if fixed_files else 0)
    raise typer.Exit(1 if left else 0)


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# -- import


@app.command("import", help=t("help.import"), short_help=t("help.short.import"))
def import_command(
    file: Annotated[Path, typer.Argument(help=t("help.arg.sheet"), metavar="FILE")],
    kind: Annotated[Optional[str], typer.Option("--kind", help=t("help.opt.import_kind"), metavar="KIND")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("help.opt.dry_run"))] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help=t("help.opt.skip_bad"))] = False,
    output_format: Annotated[str, typer.Option("--format", "-f", help=t("help.opt.import_format"), metavar="|".join(FINDING_FORMATS))] = "text",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.edit import importer
    from djrh.edit.new import NewError, kind_named
    from djrh.edit.roundtrip import EditError
    from djrh.output import shown_path

    if output_format not in FINDING_FORMATS:
        fail(msg("out.bad_format", value=output_format, choices=", ".join(FINDING_FORMATS)))
    code = None
    if kind is not None:
        try:
            code = kind_named(kind).code
        except NewError as error:
            fail(error.message)
    tree_root = open_root(root)
    config = open_config(tree_root)
    try:
        result = importer.import_sheet(tree_root, file, code)
    except EditError as error:
        fail(error.message)
    blocked = result.bad_rows and not skip_bad
    if not dry_run and not blocked and result.planned:
        try:
            importer.write(tree_root, result, get_lang())
        except OSError as error:
            fail(msg("output.write_failed", path=str(tree_root), detail=error.strerror or str(error)))
    lang = get_lang()
    if output_format == "json":
        _import_json(result, file, dry_run, blocked, tree_root)
    elif output_format == "github":
        from djrh.output.github import _data, _property

        for f in result.findings:
            level = "notice" if f.severity == "info" else f.severity
            write_data(f"::{level} file={_property(str(file))},line={f.line},col={f.column},title={_property(f.code)}::{_data(f.text(lang))}\n")
    else:
        for f in result.findings:
            severity = t(f"severity.{f.severity}")
            say(f"{f.path}:{f.line}:{f.column}  {severity} {f.code}  {f.text(lang)}")
        for existing in result.existing:
            say(t("import.existing", sheet=existing.sheet, row=existing.row, path=existing.rel))
        for planned in result.planned:
            where = shown_path(tree_root, planned.rel)
            if dry_run or blocked:
                say(t("import.would_write", sheet=planned.sheet, row=planned.row, path=where))
            else:
                print(where)
    counts = {"planned": len(result.planned), "existing": len(result.existing), "bad": result.bad_rows}
    if dry_run:
        say(t("import.summary_dry", **counts))
    elif blocked:
        say(t("import.summary_blocked", **counts))
    else:
        say(t("import.summary", **counts))
    if result.written and output_format == "text":
        from djrh.check.run import load_tree, run_checks

        checked = run_checks(load_tree(tree_root), config, as_of_date(None, config)[0]).only(result.written)
        say(t("import.checked", records=len(checked.records), errors=checked.count("error"), warnings=checked.count("warning")))
    raise typer.Exit(1 if result.bad_rows else 0)


def _import_json(result, file: Path, dry_run: bool, blocked: bool, tree_root: Path) -> None:
    import json

    from djrh.personal import mask

    status = "would_write" if dry_run or blocked else "written"
    records = [{"sheet": p.sheet, "row": p.row, "kind": p.kind, "id": p.record_id, "path": p.rel, "status": status}
               for p in result.planned]
    records += [{"sheet": e.sheet, "row": e.row, "path": e.rel, "status": "existing"} for e in result.existing]
    document = {
        "version": 1,
        "file": str(file),
        "dry_run": dry_run,
        "records": records,
        "findings": [
            {"code": f.code, "severity": f.severity, "path": mask(f.path), "line": f.line, "column": f.column,
             "record": f.record, "message": f.text(), "waived": False}
            for f in result.findings
        ],
        "summary": {"records": len(result.planned), "existing": len(result.existing), "bad_rows": result.bad_rows,
                    "errors": result.errors},
    }
    write_data(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


# -- export


@app.command("export", help=t("help.export"), short_help=t("help.short.export"))
def export_command(
    kind: Annotated[str, typer.Argument(help=t("help.arg.export_kind"), metavar="KIND")],
    template: Annotated[bool, typer.Option("--template", help=t("help.opt.template"))] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=t("help.opt.export_output"), metavar="FILE")] = None,
    force: Annotated[bool, typer.Option("--force", help=t("help.opt.force"))] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.cli.common import output_target, write_output
    from djrh.edit.export import records_of, workbook
    from djrh.edit.new import NewError, kind_named

    try:
        spec = kind_named(kind)
    except NewError as error:
        fail(error.message)
    if template and root is None:  # a template needs no tree, but is never written into one by default
        from djrh.tree.root import TreeError, find_root

        try:
            tree_root = find_root(None)
        except TreeError:
            tree_root = None
    else:
        tree_root = open_root(root)
    name = f"{spec.term.zh}{t('export.template_suffix') if template else ''}.xlsx"
    target = output_target(output, name, tree_root, (".xlsx",))  # where every output goes
    data = workbook(spec.code, None if template else records_of(tree_root, spec.code))
    write_output(target, data, force)
    print(target)
    say(t("export.written", path=str(target)))
