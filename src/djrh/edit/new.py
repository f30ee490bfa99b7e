"""`djrh new` and `djrh init` as library calls: a new record's values from what the user gave, its
id, the file written under the tree's lock, the JSON Schema files, a new tree.

What is asked for, in which order, which id is proposed and where the file goes come from the
kind's spec (`KindSpec.prompts`, `id_template`, `folder`); how a value is read (a date, a time, a
choice, a reference) from its field (djrh.kinds.fields). The command (djrh.cli.new) gathers the
options, asks in a terminal and prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from djrh.check.run import RecordFiles
from djrh.edit.scaffold import config_text, folder_for, free_id, modeline_for, record_text, valid_id
from djrh.i18n import Msg, msg, t
from djrh.kinds import KIND_NAMES, KINDS, MODELS, kind_terms, vocab
from djrh.kinds.fields import FieldMeta, condition_holds, fields_of
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import When, parse_time, suggest_iso_date
from djrh.tree.fsutil import locked, write_new, write_replacing
from djrh.tree.root import CONFIG_NAME, enclosing_tree
from djrh.visible import UNPRINTABLE, undecodable, visible


class NewError(Exception):
    """What stops `djrh new` or `djrh init` before anything is written, in the user's words."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


def kind_named(name: str) -> KindSpec:
    """The kind the user named (code, Chinese name or alias)."""
    from djrh.check.validate import ChoiceList

    code = KIND_NAMES.get(name.strip())
    if code is None:
        raise NewError(msg("new.unknown_kind", kind=name, kinds=ChoiceList(kind_terms())))
    return KINDS[code]


# -- what `new` asks for


def option_for(meta: FieldMeta) -> str:
    """The option of `djrh new` giving a field: its name, except that a kind's date is --date
    and a pilot's units come from --unit (repeatable, as a filing's unit)."""
    if meta.type == "date":
        return "date"
    return "unit" if meta.name == "units" else meta.name


@dataclass(frozen=True)
class Ask:
    """One value `djrh new` takes, from its option or asked for in a terminal."""

    field: FieldMeta
    option: str  # the option giving it, without "--"
    references: tuple[str, ...] | None  # the kinds it may name (an id, or a list of ids)
    model: type[BaseModel]  # the kind's schema (a condition names another of its fields)
    due: bool = False  # required here: its condition holds for the values given (`for_values`)

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def required(self) -> bool:
        return self.field.required is True or self.due

    def wanted(self, values: dict[str, Any]) -> bool:
        """Whether to ask for it, given the values so far: a field required on a condition (a
        meeting's `group` when its type is party_group) only when the condition may hold."""
        when = self.field.required
        return not isinstance(when, When) or condition_holds(when, values, self.model, unknown=True)

    def for_values(self, values: dict[str, Any]) -> Ask:
        """This ask, required when its condition holds for `values` (the group of a 党小组会)."""
        when = self.field.required
        if isinstance(when, When) and self.field.stage == "planned" and condition_holds(when, values, self.model, unknown=False):
            return replace(self, due=True)
        return self

    def prompt(self, lang: str) -> str:
        """`支部类别（faculty 教工 / student 学生 / …）`, `承担单位 id（多个用逗号分隔）`."""
        meta = self.field
        label = meta.label(lang)
        notes = []
        if self.references is not None:
            label = t("new.prompt.id_of", lang=lang, label=label)
            if meta.many:
                notes.append(t("new.prompt.several", lang=lang))
        elif meta.value_choices is not None:
            notes.append(t("prompt.choose", lang=lang))  # the values are listed above, numbered
        elif meta.type in ("date", "time"):
            notes.append({"date": "YYYY-MM-DD", "time": "HH:MM-HH:MM"}[meta.type])
        if not self.required:
            notes.append(t("new.prompt.skip", lang=lang))
        if not notes:
            return label
        return f"{label}（{'，'.join(notes)}）" if lang == "zh" else f"{label} ({', '.join(notes)})"


def asks(spec: KindSpec) -> list[Ask]:
    """The values `djrh new` takes for a kind, in the order of its spec's prompts."""
    model = MODELS[spec.code]
    metas = fields_of(model)
    return [Ask(metas[name], option_for(metas[name]), spec.reference_kinds(name), model) for name in spec.prompts]


class TreeIds:
    """What `new` needs to know of the tree: the ids in use, and the kind of an id."""

    def __init__(self, root: Path) -> None:
        self.files = RecordFiles(root)

    def in_use(self, record_id: str) -> str | None:
        """The file already holding `record_id`, or None."""
        rels = self.files.paths.get(record_id)
        return rels[0] if rels else None

    def kind_of(self, record_id: str) -> str | None:
        record = self.files.find(record_id)
        return record.kind if record is not None else None

    def ids_of(self, kinds: tuple[str, ...]) -> list[str]:
        """Ids of the given kinds, among the files in their kinds' folders (org/ for a branch)."""
        folders = tuple(KINDS[kind].folder_root() + "/" for kind in kinds)
        return sorted(
            i for i, rels in self.files.paths.items() if rels[0].startswith(folders) and self.kind_of(i) in kinds
        )


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


def convert(ask: Ask, raw: Any, tree: TreeIds) -> tuple[Any, Msg | None]:
    """The value for the record from an option or an answer, or what is wrong with it. A list
    field takes a list or comma-separated text; another field the first of a list."""
    option = f"--{ask.option}"
    if ask.field.many and isinstance(raw, str):
        raw = [part for part in raw.replace("，", ",").split(",") if part.strip()]
    elif not ask.field.many and isinstance(raw, list):
        raw = raw[0] if raw else ""
    problem = text_problem(option, raw)
    if problem is not None:
        return None, problem
    meta = ask.field
    if ask.references is not None:
        values = [str(v).strip() for v in (raw if isinstance(raw, list) else [raw]) if str(v).strip()]
        for value in values:
            if tree.kind_of(value) not in ask.references:
                from djrh.rules.refs import KindNames

                known = ", ".join(tree.ids_of(ask.references)) or "—"
                return None, msg("new.bad_ref", id=value, expected=KindNames(ask.references), hint=msg("new.bad_ref_hint", known=known))
        return (values if meta.many else values[0] if values else None), None
    if meta.type == "date":
        try:
            return date.fromisoformat(str(raw).strip()), None
        except ValueError:
            suggestion = suggest_iso_date(str(raw))
            if suggestion:
                return None, msg("out.bad_date_option_suggest", option=option, value=raw, suggestion=suggestion)
            return None, msg("out.bad_date_option", option=option, value=raw)
    if meta.type == "time":
        try:
            return parse_time(str(raw)), None
        except PydanticCustomError:
            return None, msg("sch.time_format", field=option, label="HH:MM-HH:MM", value=raw)
    terms = meta.value_choices
    if terms is not None:  # its code, its Chinese name, or its number in the list a prompt shows
        from djrh.edit.values import choice_code

        return choice_code(terms, raw, option)
    return str(raw).strip(), None


# -- what else a new record must have


def more_slots(spec: KindSpec, values: dict[str, Any]):
    """The values a new record must have before its date that `new` has not asked for yet (beyond
    its spec's prompts), given what it holds so far: for a theme day the 切入点 and 业务工作描述 of
    an integration day, and the 十大育人 path when the entry point is 三全育人; for a branch its
    members and committee. Asked in a terminal, so that a record completed at the prompts checks
    clean."""
    from djrh.edit.fill import applies, slots

    model = MODELS[spec.code]
    for slot in slots(model):
        if slot.stage != "planned" or slot.path[0] in spec.prompts or slot.path == ("waivers",):
            continue
        required = slot.required
        if required is False or not applies(slot, values, model):
            continue
        yield slot


def set_slot(values: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Put a value at `path` of a new record's values (`members.formal` in `members`)."""
    for key in path[:-1]:
        values = values.setdefault(key, {})
    values[path[-1]] = value


def suggest_id(spec: KindSpec, values: dict[str, Any], taken: set[str]) -> str:
    """An id for a kind the user names herself (a branch): the id of the unit it belongs to and
    its first fixed value (`nursing-gb-faculty-1`), else the kind (`general-branch-1`); the first
    one free."""
    parts = []
    for name, kinds in ((p[0], k) for p, k in spec.references.items() if len(p) == 1):
        if isinstance(values.get(name), str) and valid_id(values[name]):
            parts.append(values[name])
            break
    metas = fields_of(MODELS[spec.code])
    for name, meta in metas.items():
        if meta.type == "choice" and isinstance(values.get(name), str) and meta.value_choices:
            code = vocab.lookup_table(meta.value_choices).get(values[name])
            if code:
                parts.append(code.replace("_", "-"))
            break
    base = "-".join(parts) if parts else spec.code.replace("_", "-")
    number = 1
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# -- the id


def proposed_id(spec: KindSpec, values: dict[str, Any]) -> str | None:
    """The conventional id of a new record (`KindSpec.id_template`), before making it unique;
    None when a value it is made of is missing, or makes no valid id."""
    if spec.id_template is None:
        return None
    metas = fields_of(MODELS[spec.code])
    parts = {}
    for name in spec.id_fields():
        value = values.get(name)
        if value in (None, "", []):
            return None
        terms = metas[name].value_choices
        if terms is not None:  # 样板支部 -> model_branch -> model-branch: an id has no "_"
            table = vocab.lookup_table(terms)
            value = table.get(value, value).replace("_", "-")
        parts[name] = value
    proposed = spec.id_template.format(**parts)
    return proposed if valid_id(proposed) else None


def need_id(spec: KindSpec) -> Msg:
    """Why `new` cannot name the record: give --id, or the options its id is made of."""
    if spec.id_template is None:
        return msg("new.need_id", hint=Msg("new.need_id_hint.name"))
    metas = fields_of(MODELS[spec.code])
    options = list(dict.fromkeys(f"--{option_for(metas[name])}" for name in spec.id_fields()))
    hint = msg("new.need_id_hint.option" if len(options) == 1 else "new.need_id_hint.options", options=Options(options))
    return msg("new.need_id", hint=hint)


@dataclass(frozen=True)
class Options:
    """Option names as a list in the output language: `--unit、--type 和 --date`."""

    names: list[str]

    def render(self, lang: str) -> str:
        if len(self.names) == 1:
            return self.names[0]
        joiner, last = ("、", " 和 ") if lang == "zh" else (", ", " and ")
        return joiner.join(self.names[:-1]) + last + self.names[-1]


def id_problem(record_id: str, tree: TreeIds) -> Msg | None:
    """Why `record_id` cannot be a new record's id, or None."""
    if not valid_id(record_id):
        return msg("new.bad_id", id=record_id)
    used = tree.in_use(record_id)
    if used is not None:
        return msg("new.id_taken", id=record_id, path=used)
    return None


# -- writing


def write_record(root: Path, spec: KindSpec, values: dict[str, Any], record_id: str, numbered: bool, markdown: bool,
                 lang: str) -> Path:
    """Write the new record; `numbered`: `record_id` is a base to number (`base`, `base-2`, …)
    as ids are taken. Returns its path; raises NewError when nothing was written."""
    from djrh.output import shown_path

    markdown = markdown and spec.markdown
    folder = root / folder_for(spec.code, values)
    # The id is picked and the file written under the tree's lock: two `djrh new` at once (a
    # plain and a --md one, or two kinds with the same --id) never make two records of one id.
    with locked(root):
        in_use = RecordFiles(root).paths  # ids in use now: every kind and every extension
        if numbered:
            record_id = free_id(record_id, set(in_use))
        elif record_id in in_use:
            raise NewError(msg("new.id_taken", id=record_id, path=in_use[record_id][0]))
        path = folder / f"{record_id}.{'md' if markdown else 'yaml'}"
        text = record_text(spec.code, values, lang, modeline=modeline_for(root, path, spec.code), markdown=markdown)
        _self_check(text, path)
        try:
            write_new(path, text.encode("utf-8"))
        except FileExistsError:  # a file that is not a record took the name
            raise NewError(msg("new.id_taken", id=record_id, path=shown_path(path))) from None
        except OSError as error:
            raise NewError(msg("output.write_failed", path=shown_path(path), detail=error.strerror or str(error))) from None
    if not markdown:
        write_schemas(root, lang, replace=False, kinds=(spec.code,))
    return path


def _self_check(text: str, path: Path) -> None:
    """The scaffold must read back; if it ever does not, stop before writing (a djrh defect)."""
    from djrh.read.load import read_text
    from djrh.records import Record

    record, problems = read_text(Record(id=path.stem, path=path.name), text.encode("utf-8"))
    if problems or not isinstance(record.data, dict):
        raise RuntimeError(f"scaffold for {path.name} does not read back: {[p.text() for p in problems]}")


def write_schemas(root: Path, lang: str, replace: bool, kinds: tuple[str, ...] | None = None) -> int:
    """Write the JSON Schema files the records' modelines point to; returns how many were written."""
    from djrh.kinds import jsonschema

    folder = root / jsonschema.SCHEMA_FOLDER
    count = 0
    for kind in kinds or tuple(MODELS):
        path = folder / f"{kind}.json"
        data = jsonschema.dumps(jsonschema.kind_schema(kind, lang)).encode("utf-8")
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


def init_tree(root: Path, institution: str | None, lang: str) -> None:
    """A new tree at `root`: djrh.yaml, each kind's folder (this year's for a dated one), evidence/,
    the schema files. NewError when `root` already is a tree."""
    if (root / CONFIG_NAME).exists():
        raise NewError(msg("init.exists", path=str(root)))
    outer = enclosing_tree(root)
    if outer is not None:  # its check would read this tree's files as its own records
        raise NewError(msg("init.inside_tree", path=str(root), root=str(outer)))
    if institution is not None:
        problem = text_problem("--institution", institution)
        if problem is not None:
            raise NewError(problem)
    year = date.today().year
    folders = [*dict.fromkeys(spec.folder.format(year=year) for spec in KINDS.values()), "evidence"]
    try:
        root.mkdir(parents=True, exist_ok=True)
        write_new(root / CONFIG_NAME, config_text(institution, lang).encode("utf-8"))
        for folder in folders:
            _touch(root / folder / ".gitkeep")
        write_schemas(root, lang, replace=False)
    except FileExistsError:
        raise NewError(msg("init.exists", path=str(root))) from None


def _touch(path: Path) -> None:
    if not path.exists():
        write_new(path, b"")
