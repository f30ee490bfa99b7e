"""`djrh new` and `djrh init`: take the options, ask for what is missing (in a terminal), call
djrh.edit.new, print."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from djrh.cli.app import fail, say
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
    record_id, numbered = _choose_id(spec, record_id, values, tree, ask_user)
    try:
        path = new.write_record(root, spec, values, record_id, numbered, markdown, get_lang())
    except new.NewError as error:
        fail(error.message)
    print(shown_path(path))
    say(t("new.written", path=shown_path(path)))


def _ask(ask: new.Ask, tree: new.TreeIds) -> Any:
    lang = get_lang()
    if ask.references is not None:
        known = tree.ids_of(ask.references)
        if known:
            say(t("new.prompt.known", known=", ".join(known)))
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
        while True:
            record_id = str(typer.prompt(t("new.prompt.id"))).strip()
            problem = new.id_problem(record_id, tree)
            if problem is None:
                return record_id, False
            say(problem.render())
    fail(new.need_id(spec))


def init_tree(directory: Path, institution: str | None) -> None:
    if institution is None and interactive() and not (directory / CONFIG_NAME).exists():
        institution = str(typer.prompt(t("init.prompt.institution"), default="", show_default=False)).strip() or None
    try:
        new.init_tree(directory, institution, get_lang())
    except new.NewError as error:
        fail(error.message)
    except OSError as error:
        fail(str(error))
    say(t("init.done", path=str(directory)))
