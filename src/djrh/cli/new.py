"""`djrh new` and `djrh init`: take the options, ask for what is missing (in a terminal), call
djrh.edit.new, print."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from djrh.cli.common import fail, say
from djrh.cli.usage import confirm
from djrh.edit import new
from djrh.i18n import get_lang, msg, t
from djrh.output import shown_path
from djrh.tree.root import CONFIG_NAME


def interactive() -> bool:
    """Prompt only when a person is at a terminal; a script or CI never waits for input."""
    return sys.stdin.isatty()


def new_record(kind_name: str, options: dict[str, Any], record_id: str | None, markdown: bool, root: Path) -> None:
    """`options`: the values given on the command line, by option name without "--" (`unit`: a list)."""
    try:
        spec = new.kind_named(kind_name)
    except new.NewError as error:
        fail(error.message)
    tree = new.TreeIds(root)
    ask_user = interactive()
    values: dict[str, Any] = {}
    for ask in new.asks(spec):
        if not ask.wanted(values):
            continue  # a meeting's party group, when it is no party-group meeting
        ask = ask.for_values(values)  # required when its condition holds (the group of a 党小组会)
        raw = options.get(ask.option)
        if raw not in (None, "", []):
            value, problem = new.convert(ask, raw, tree)
            if problem is not None:
                fail(problem)
            values[ask.name] = value
        elif ask_user:
            values[ask.name] = _ask(ask, tree)
    if ask_user:
        _ask_required(spec, values)
    record_id, numbered = _choose_id(spec, record_id, values, tree, ask_user)
    try:
        path = new.write_record(root, spec, values, record_id, numbered, markdown, get_lang())
    except new.NewError as error:
        fail(error.message)
    print(shown_path(path))
    say(t("new.written", path=shown_path(path)))


def _ask_required(spec, values: dict[str, Any]) -> None:
    """The other fields the record needs before its date (entry point, business work, …), asked
    one by one as the answers so far make them needed."""
    from djrh.cli.prompt import KEEP, ask

    lang = get_lang()
    asked: set[tuple[str, ...]] = set()
    while True:
        slot = next((s for s in new.more_slots(spec, values) if s.path not in asked), None)
        if slot is None:
            return
        asked.add(slot.path)
        while True:
            answer = ask(slot.meta, slot.label(lang), lang, required=True)
            if answer not in (None, KEEP, []):
                break
        new.set_slot(values, slot.path, answer)


def _ask(ask: new.Ask, tree: new.TreeIds) -> Any:
    from djrh.cli.prompt import show_choices

    lang = get_lang()
    if ask.references is not None:
        known = tree.ids_of(ask.references)
        if known:
            say(t("new.prompt.known", known=", ".join(known)))
    elif ask.field.value_choices is not None:
        show_choices(ask.field, lang)
    default = date.today().isoformat() if ask.field.type == "date" and ask.required else ""
    while True:
        try:
            raw = typer.prompt(ask.prompt(lang), default=default, show_default=bool(default))
        except UnicodeDecodeError:  # a terminal that is not UTF-8
            say(msg("new.not_utf8", option=ask.prompt(lang), value="…").render())
            continue
        if not str(raw).strip():
            if ask.required:
                continue
            return None
        value, problem = new.convert(ask, raw, tree)
        if problem is None:
            return value
        say(problem.render())


def _choose_id(spec, given: str | None, values: dict, tree: new.TreeIds, ask_user: bool) -> tuple[str, bool]:
    """(the id, whether it is a base to number: `base`, `base-2`, `base-3`… as ids are taken)."""
    if given is not None:
        record_id = given.strip()
        problem = new.id_problem(record_id, tree)
        if problem is not None:
            fail(problem)
        return record_id, False
    base = new.proposed_id(spec, values)
    if base is not None:
        return base, True
    if ask_user:
        suggestion = new.suggest_id(spec, values, set(tree.files.paths))
        while True:
            record_id = str(typer.prompt(t("new.prompt.id"), default=suggestion)).strip()
            problem = new.id_problem(record_id, tree)
            if problem is None:
                return record_id, False
            say(problem.render())
    fail(new.need_id(spec))


def init_tree(directory: Path, institution: str | None, git: bool | None) -> None:
    """A new tree in `directory`: refused inside another tree; a folder already holding files is
    used only when the user says so at the terminal (never from a script); then git (`--git`,
    `--no-git`, or asked), or a word that the tree has no git trail yet."""
    from djrh.tree.root import enclosing_tree, in_git_work_tree, tree_below

    if not (directory / CONFIG_NAME).exists():
        outer = enclosing_tree(directory)
        if outer is not None:
            fail(msg("init.inside_tree", path=_where(directory), root=_where(outer)))
        inner = tree_below(directory) if directory.is_dir() else None
        if inner is not None:
            fail(msg("init.contains_tree", path=_where(directory), inner=_where(inner)))
        present = _visible_entries(directory)
        if present:
            shown = "、".join(present[:5]) + ("…" if len(present) > 5 else "") if get_lang() == "zh" else ", ".join(present[:5])
            question = t("init.not_empty", path=_where(directory), count=len(present), names=shown)
            if not interactive():
                fail(msg("init.not_empty_refused", question=question))
            if not confirm(question + t("init.confirm_here"), default=False):
                say(t("init.cancelled"))
                raise typer.Exit(1)
    if institution is None and interactive() and not (directory / CONFIG_NAME).exists():
        institution = str(typer.prompt(t("init.prompt.institution"), default="", show_default=False)).strip() or None
    try:
        new.init_tree(directory, institution, get_lang())
    except new.NewError as error:
        fail(error.message)
    except OSError as error:
        fail(str(error))
    here = directory.resolve() == Path.cwd().resolve()
    say(t("init.done_here") if here else t("init.done", path=_where(directory)))
    if in_git_work_tree(directory):
        return
    _offer_git(directory, git)


def _where(folder: Path) -> str:
    """A folder as a message names it: from the working folder, or in full when it is that one."""
    shown = shown_path(folder.resolve())
    return str(folder.resolve()) if shown == "." else shown


def _visible_entries(folder: Path) -> list[str]:
    """What a folder holds besides hidden entries (.git, .vscode): a tree is made in an empty one."""
    try:
        return sorted(entry.name for entry in folder.iterdir() if not entry.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _offer_git(directory: Path, git: bool | None) -> None:
    """The README promises every change a git trail: start one, or say it is missing."""
    import shutil
    import subprocess

    where = _where(directory)
    if shutil.which("git") is None:
        say(t("init.no_git_installed", path=where))
        return
    if git is None and interactive():
        git = confirm(t("init.ask_git"), default=True)
    if not git:
        say(t("init.not_under_git", path=where))
        return
    done = subprocess.run(["git", "init"], cwd=directory, capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        fail(msg("init.git_failed", detail=(done.stderr or done.stdout).strip()))
    say(t("init.git_done", path=where))
