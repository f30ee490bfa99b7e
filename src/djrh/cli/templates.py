"""`djrh templates export [DIR]` and `djrh templates check`: the built-in form templates copied into
the tree for editing in Word or WPS, and a tree's templates tried with its own records before
anyone prints with them."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Optional

import typer

from djrh.cli.app import LangOpt, RootOpt, app
from djrh.cli.common import fail, open_config, open_root, say
from djrh.i18n import get_lang, msg, t
from djrh.cli.usage import App

templates_app = App(no_args_is_help=True, add_completion=False)
app.add_typer(templates_app, name="templates", help=t("help.templates"), short_help=t("help.short.templates"))


@templates_app.command("export", help=t("help.templates_export"), short_help=t("help.short.templates_export"))
def export_command(
    folder: Annotated[Optional[Path], typer.Argument(help=t("help.arg.templates_dir"), metavar="DIR", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=t("help.opt.templates_force"))] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.render import templates
    from djrh.tree.fsutil import write_new, write_replacing

    lang = get_lang()
    target = folder if folder is not None else open_root(root) / templates.FOLDER
    if target.exists() and not target.is_dir():
        fail(msg("templates.not_a_folder", path=str(target)))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(msg("templates.cannot_write", path=str(target), detail=error.strerror or str(error)))
    kept = []
    for name in templates.BUILTIN_NAMES:
        source = templates.builtin(name, lang)
        if source is None:
            continue
        path = target / f"{name}.docx"
        try:
            if force:
                write_replacing(path, source.read_bytes())
            else:
                write_new(path, source.read_bytes())
        except FileExistsError:
            kept.append(path)
            continue
        except OSError as error:
            fail(msg("templates.cannot_write", path=str(path), detail=error.strerror or str(error)))
        print(path)
    if kept:
        say(t("templates.kept", paths="\n".join(f"  {p}" for p in kept)))
        raise typer.Exit(1)
    say(t("templates.exported", path=str(target)))


@templates_app.command("check", help=t("help.templates_check"), short_help=t("help.short.templates_check"))
def check_command(root: RootOpt = None, lang: LangOpt = None) -> None:
    from djrh.render import RenderError, templates
    from djrh.render.build import sample_context

    lang = get_lang()
    tree_root = open_root(root)
    config = open_config(tree_root)
    folder = tree_root / templates.FOLDER
    paths = sorted(p for p in folder.glob("*.docx")) if folder.is_dir() else []
    if not paths:
        say(t("templates.none", folder=f"{templates.FOLDER}/"))
        return
    known = templates.BUILTIN_NAMES
    problems = 0
    for path in paths:
        shown = f"{templates.FOLDER}/{path.name}"
        if path.stem not in known:
            problems += 1
            near = difflib.get_close_matches(path.stem, known, n=1, cutoff=0.5)
            if near:
                print(t("templates.unknown_name_suggest", template=shown, suggestion=f"{near[0]}.docx", names=_names(known)))
            else:
                print(t("templates.unknown_name", template=shown, names=_names(known)))
            continue
        try:
            sample = sample_context(tree_root, config, path.stem, lang)
        except RenderError as error:
            print(error.message.render())
            problems += 1
            continue
        if sample is None:
            print(t("templates.no_sample", template=shown, kind=path.stem))
            continue
        context, trace_text = sample
        found = []
        try:
            data = path.read_bytes()
            templates.check_archive(data, shown)
            found = [t("templates.unknown_tag", template=shown, tag=tag, name=name) for tag, name in templates.unknown_names(data, context)]
            templates.render(path, context, trace_text, tree_root)
        except RenderError as error:
            found.append(error.message.render())
        except OSError as error:
            found.append(t("render.template_unreadable", template=shown, detail=error.strerror or str(error)))
        for line in dict.fromkeys(found):
            print(line)
        if found:
            problems += 1
        else:
            print(t("templates.ok", template=shown))
    if problems:
        say(t("templates.summary", count=problems))
        raise typer.Exit(1)


def _names(known) -> str:
    return "、".join(f"{name}.docx" for name in known) if get_lang() == "zh" else ", ".join(f"{name}.docx" for name in known)
