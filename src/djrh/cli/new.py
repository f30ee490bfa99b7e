"""`djrh new` and `djrh init`: ask for what is missing (in a terminal), write the file safely."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import typer

from djrh.kinds import vocab
from djrh.cli.app import fail, say
from djrh.tree.fsutil import locked, write_new, write_replacing
from djrh.i18n import Msg, get_lang, msg, t
from djrh.read.load import load_record
from djrh.kinds.types import suggest_iso_date
from djrh.output import shown_path
from djrh.edit.scaffold import config_text, default_id, folder_for, free_id, modeline_for, record_text, valid_id
from djrh.tree.root import CONFIG_NAME, record_paths
from djrh.check.validate import KIND_TABLE, ChoiceList, validate
from djrh.visible import UNPRINTABLE, undecodable, visible


@dataclass
class NewOptions:
    id: str | None = None
    name: str | None = None
    branch: str | None = None
    date: str | None = None
    time: str | None = None
    theme: str | None = None
    place: str | None = None
    parent: str | None = None
    category: str | None = None
    units: list[str] = field(default_factory=list)
    owner: str | None = None
    type: str | None = None
    level: str | None = None
    mode: str | None = None
    markdown: bool = False


@dataclass(frozen=True)
class Ask:
    """One main field of a new record: which option gives it, how to ask, how to check it."""

    field: str
    option: str  # attribute of NewOptions
    prompt: str  # key new.prompt.<prompt>
    required: bool
    check: str  # "text", "date", "time", "choice:<TERMS>", "ref:<kinds>", "refs:<kinds>"


ASKS: dict[str, list[Ask]] = {
    "general_branch": [Ask("name", "name", "name", True, "text")],
    "branch": [
        Ask("name", "name", "name", True, "text"),
        Ask("parent", "parent", "parent", False, "ref:general_branch"),
        Ask("category", "category", "category", True, "choice:BRANCH_CATEGORY"),
        Ask("elected_on", "date", "date", False, "date"),
    ],
    "themeday": [
        Ask("branch", "branch", "branch", True, "ref:branch"),
        Ask("date", "date", "date", True, "date"),
        Ask("time", "time", "time", False, "time"),
        Ask("place", "place", "place", True, "text"),
        Ask("theme", "theme", "theme", True, "text"),
    ],
    "pilot": [
        Ask("name", "name", "name", True, "text"),
        Ask("type", "type", "type", True, "choice:PILOT_TYPE"),
        Ask("level", "level", "level", True, "choice:PILOT_LEVEL"),
        Ask("units", "units", "units", True, "refs:branch,general_branch"),
        Ask("selected_on", "date", "date", True, "date"),
    ],
    "brand": [
        Ask("name", "name", "name", True, "text"),
        Ask("owner", "owner", "owner", True, "ref:general_branch,branch"),
        Ask("mode", "mode", "mode", True, "choice:BRAND_MODE"),
        Ask("started_on", "date", "date", True, "date"),
    ],
    "filing": [
        Ask("name", "name", "name", True, "text"),
        Ask("unit", "units", "unit", True, "ref:branch,general_branch"),
        Ask("submitted_on", "date", "date", True, "date"),
    ],
}


def interactive() -> bool:
    """Prompt only when a person is at a terminal; a script or CI never waits for input."""
    return sys.stdin.isatty()


class Tree:
    """What `new` needs to know of the tree: the ids in use, and the kinds of referenced ids."""

    def __init__(self, root: Path) -> None:
        self.root = root
        paths, _ = record_paths(root)
        self.paths = {p.rsplit("/", 1)[-1].rsplit(".", 1)[0]: p for p in paths}
        self._kinds: dict[str, str | None] = {}

    def kind_of(self, record_id: str) -> str | None:
        if record_id not in self._kinds:
            path = self.paths.get(record_id)
            kind = None
            if path is not None:
                record, problems = load_record(self.root, path)
                if record.data is not None and not problems:
                    validate(record)
                    kind = record.kind
            self._kinds[record_id] = kind
        return self._kinds[record_id]

    def ids_of(self, kinds: tuple[str, ...]) -> list[str]:
        """Ids of the given kinds among the registry files (org/ by convention)."""
        return sorted(i for i, p in self.paths.items() if p.startswith("org/") and self.kind_of(i) in kinds)


def text_problem(option: str, raw: Any) -> Msg | None:
    """What makes a value given on the command line (or typed at a prompt) unfit for a record: bytes
    that are not UTF-8 (a GBK terminal) or a control character; None when it is fine."""
    for value in raw if isinstance(raw, list) else [raw]:
        text = str(value)
        if undecodable(text):
            return msg("new.not_utf8", option=option, value=visible(text))
        bad = UNPRINTABLE.search(text)
        if bad is not None:
            return msg("new.control_char", option=option, char=f"U+{ord(bad.group()):04X}")
    return None


def _convert(ask: Ask, raw: Any, tree: Tree) -> tuple[Any, Msg | None]:
    """The value for the record, or an error message for the user."""
    problem = text_problem(f"--{ask.option}", raw)
    if problem is not None:
        return None, problem
    check = ask.check
    if check == "date":
        try:
            return date.fromisoformat(str(raw).strip()), None
        except ValueError:
            suggestion = suggest_iso_date(str(raw))
            if suggestion:
                return None, msg("out.bad_date_option_suggest", option=f"--{ask.option}", value=raw, suggestion=suggestion)
            return None, msg("out.bad_date_option", option=f"--{ask.option}", value=raw)
    if check == "time":
        from pydantic_core import PydanticCustomError

        from djrh.kinds.types import _parse_time

        try:
            return _parse_time(str(raw)), None
        except PydanticCustomError:
            return None, msg("sch.time_format", field="--time", label="HH:MM-HH:MM", value=raw)
    if check.startswith("choice:"):
        terms = getattr(vocab, check.split(":", 1)[1])
        if vocab.lookup_table(terms).get(str(raw).strip()) is None:
            return None, msg("new.bad_choice", option=f"--{ask.option}", value=raw, options=ChoiceList(terms))
        return str(raw).strip(), None
    if check.startswith(("ref:", "refs:")):
        kinds = tuple(check.split(":", 1)[1].split(","))
        values = raw if isinstance(raw, list) else [raw]
        values = [str(v).strip() for v in values if str(v).strip()]
        for value in values:
            if tree.kind_of(value) not in kinds:
                from djrh.rules.refs import KindNames

                known = ", ".join(tree.ids_of(kinds)) or "—"
                return None, msg("new.bad_ref", id=value, expected=KindNames(kinds), hint=msg("new.bad_ref_hint", known=known))
        return (values if check.startswith("refs:") else values[0] if values else None), None
    return str(raw).strip(), None


def _ask(ask: Ask, tree: Tree) -> Any:
    if ask.check.startswith(("ref:", "refs:")):
        kinds = tuple(ask.check.split(":", 1)[1].split(","))
        known = tree.ids_of(kinds)
        if known:
            say(t("new.prompt.known", known=", ".join(known)))
    default = date.today().isoformat() if ask.check == "date" and ask.required else ""
    while True:
        try:
            raw = typer.prompt(t(f"new.prompt.{ask.prompt}"), default=default, show_default=bool(default))
        except UnicodeDecodeError:  # a terminal that is not UTF-8
            say(msg("new.not_utf8", option=t(f"new.prompt.{ask.prompt}"), value="…").render())
            continue
        if not str(raw).strip():
            if ask.required:
                continue
            return None
        if ask.check.startswith("refs:"):
            raw = [part for part in str(raw).replace("，", ",").split(",") if part.strip()]
        value, problem = _convert(ask, raw, tree)
        if problem is None:
            return value
        say(problem.render())


def new_record(kind_name: str, options: NewOptions, root: Path) -> None:
    kind = KIND_TABLE.get(kind_name.strip())
    if kind is None:
        fail(msg("new.unknown_kind", kind=kind_name, kinds=ChoiceList(vocab.KINDS)))
    tree = Tree(root)
    ask_user = interactive()
    values: dict[str, Any] = {}
    for ask in ASKS[kind]:
        raw = getattr(options, ask.option)
        if ask.check.startswith("ref:") and isinstance(raw, list):
            raw = raw[0] if raw else None
        if raw not in (None, "", []):
            value, problem = _convert(ask, raw, tree)
            if problem is not None:
                fail(problem)
            values[ask.field] = value
        elif ask_user:
            values[ask.field] = _ask(ask, tree)
    record_id, numbered = _choose_id(kind, options, values, tree, ask_user)
    folder = root / folder_for(kind, values)
    markdown = options.markdown and kind == "themeday"
    # The id is picked and the file written under the tree's lock: two `djrh new` at once (a
    # plain and a --md one, or two kinds with the same --id) never make two records of one id.
    with locked(root):
        in_use = Tree(root).paths  # ids in use now: every kind and every extension
        if numbered:
            record_id = free_id(record_id, set(in_use))
        elif record_id in in_use:
            fail(msg("new.id_taken", id=record_id, path=in_use[record_id]))
        path = folder / f"{record_id}.{'md' if markdown else 'yaml'}"
        text = record_text(kind, values, get_lang(), modeline=modeline_for(root, path, kind), markdown=markdown)
        _self_check(text, path)
        try:
            write_new(path, text.encode("utf-8"))
        except FileExistsError:  # a file that is not a record took the name
            fail(msg("new.id_taken", id=record_id, path=shown_path(path)))
        except OSError as error:
            fail(msg("output.write_failed", path=shown_path(path), detail=error.strerror or str(error)))
    if not markdown:
        write_schemas(root, replace=False, kinds=(kind,))
    print(shown_path(path))
    say(t("new.written", path=shown_path(path)))


def _choose_id(kind: str, options: NewOptions, values: dict, tree: Tree, ask_user: bool) -> tuple[str, bool]:
    """(the id, whether it is a base to number: `base`, `base-2`, `base-3`… as ids are taken)."""
    if options.id is not None:
        record_id = options.id.strip()
        if not valid_id(record_id):
            fail(msg("new.bad_id", id=record_id))
        if record_id in tree.paths:
            fail(msg("new.id_taken", id=record_id, path=tree.paths[record_id]))
        return record_id, False
    base = default_id(kind, values)
    if base is not None and valid_id(base):
        return base, True
    if ask_user:
        while True:
            record_id = str(typer.prompt(t("new.prompt.id"))).strip()
            if not valid_id(record_id):
                say(msg("new.bad_id", id=record_id).render())
            elif record_id in tree.paths:
                say(msg("new.id_taken", id=record_id, path=tree.paths[record_id]).render())
            else:
                return record_id, False
    fail(msg("new.need_id", hint=Msg(f"new.need_id_hint.{kind}")))


def _self_check(text: str, path: Path) -> None:
    """The scaffold must read back; if it ever does not, stop before writing (a djrh defect)."""
    from djrh.read.load import read_text
    from djrh.records import Record

    record, problems = read_text(Record(id=path.stem, path=path.name), text.encode("utf-8"))
    if problems or not isinstance(record.data, dict):
        raise RuntimeError(f"scaffold for {path.name} does not read back: {[p.text() for p in problems]}")


def write_schemas(root: Path, replace: bool, kinds: tuple[str, ...] | None = None) -> int:
    """Write the JSON Schema files the records' modelines point to; returns how many were written."""
    from djrh.kinds import jsonschema
    from djrh.kinds import MODELS

    folder = root / jsonschema.SCHEMA_FOLDER
    count = 0
    for kind in kinds or tuple(MODELS):
        path = folder / f"{kind}.json"
        data = jsonschema.dumps(jsonschema.kind_schema(kind, get_lang())).encode("utf-8")
        if replace:
            write_replacing(path, data)
            count += 1
        elif not path.exists():
            try:
                write_new(path, data)
                count += 1
            except FileExistsError:
                pass
    return count


def init_tree(directory: Path, institution: str | None) -> None:
    root = directory
    if (root / CONFIG_NAME).exists():
        fail(msg("init.exists", path=str(root)))
    if institution is None and interactive():
        institution = str(typer.prompt(t("init.prompt.institution"), default="", show_default=False)).strip() or None
    problem = text_problem("--institution", institution) if institution is not None else None
    if problem is not None:
        fail(problem)
    try:
        root.mkdir(parents=True, exist_ok=True)
        write_new(root / CONFIG_NAME, config_text(institution, get_lang()).encode("utf-8"))
        for folder in ("org", f"themedays/{date.today().year}", "pilots", "brands", "filings", "evidence"):
            _touch(root / folder / ".gitkeep")
        write_schemas(root, replace=False)
    except FileExistsError:
        fail(msg("init.exists", path=str(root)))
    except OSError as error:
        fail(str(error))
    say(t("init.done", path=str(directory)))


def _touch(path: Path) -> None:
    if not path.exists():
        write_new(path, b"")
