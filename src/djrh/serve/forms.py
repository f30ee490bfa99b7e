"""A record's edit form, generated from its kind, and what a posted form changes.

Every control comes from the kind's fields (djrh.kinds.fields through the slots of `djrh fill`,
edit/fill.py): a choice is a drop-down of its Chinese names, a date a date input, yes/no two
buttons, a list of choices a set of check boxes, a reference to another record a drop-down of those
records, a list of parts (tasks, absences, committee members) a table of rows that can be added and
removed. The fields of the stage the record has reached come first (planned, held, outcome: what
`djrh fill` asks now), so a new kind is a new form with no change here.

A form shows each value as text (`shown`), and a save writes only the fields whose posted text
differs from what was shown: an untouched field is never rewritten, so a choice written as its
Chinese name stays so, and the file keeps its layout (edit/roundtrip.py). What was typed is read
as `djrh fill` reads an option (edit/values.py), in the words of the field's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from djrh.edit import fill as filling
from djrh.edit.values import is_blank, parse_scalar
from djrh.i18n import Msg, t
from djrh.kinds import MODELS, vocab
from djrh.kinds.fields import FieldMeta, condition_holds, fields_of
from djrh.kinds.spec import KindSpec
from djrh.kinds.types import STAGES, When
from djrh.personal import mask

# A reference to one of more records than this is typed as an id, not chosen from a list (a brand's
# activities among 12,000 theme days).
SELECT_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str


@dataclass(slots=True)
class Control:
    """One field of the form."""

    name: str  # the slot's name, also the HTML name: "attendance.present"
    path: tuple[str, ...]
    meta: FieldMeta
    label: str
    hint: str
    # text, textarea, date, time, number, yesno, choice, choices (check boxes), ref (a drop-down of
    # records), items (a list of texts or references, one per row), rows (a list of parts)
    widget: str
    value: Any  # text; a list of texts (choices, items); a list of {column: text} (rows)
    options: list[Option] = field(default_factory=list)
    columns: list[Control] = field(default_factory=list)  # rows: one control per field of the part
    item_widget: str = "text"  # items: "ref" or "text"
    required: bool = False  # to be filled now
    applies: bool = True  # its condition holds (else shown with it, muted)
    files: bool = False  # file paths in the tree: shown as links, with the upload beside them
    findings: list = field(default_factory=list)
    problem: str | None = None  # what could not be read in the posted value

    @property
    def html_id(self) -> str:
        return "f-" + self.name.replace(".", "-")

    def cell(self, column: Control, value: str, lang: str) -> tuple[str, list[Option]]:
        """The widget and options of one cell of a row: the column's, unless the value there is
        one the column's widget cannot show (a date written 2026/3/31, an unknown choice)."""
        if column.widget == "date" and value and not _iso(value):
            return "text", []
        if column.widget == "choice":
            return "choice", _with_current(list(column.options), value, lang)
        return column.widget, column.options


@dataclass(slots=True)
class Group:
    """A top-level field: one control, or the controls of a part (出席情况: 应到, 实到, 缺席人员)."""

    name: str
    label: str
    controls: list[Control]
    findings: list = field(default_factory=list)

    @property
    def html_id(self) -> str:
        return "g-" + self.name

    @property
    def dormant(self) -> bool:
        """Nothing here applies to this record (授课人 of a 支委会), nothing is written and nothing
        is wrong: shown folded at the end of its section."""
        return not self.findings and all(
            not c.applies and not _filled(c.value) and not c.findings and not c.problem for c in self.controls
        )


@dataclass(slots=True)
class Section:
    stage: str
    title: str
    current: bool  # the stage whose fields are due now
    open: bool  # shown open (a later stage not reached yet starts folded)
    groups: list[Group]


@dataclass(slots=True)
class RecordForm:
    spec: KindSpec
    sections: list[Section]

    def controls(self) -> list[Control]:
        return [c for s in self.sections for g in s.groups for c in g.controls]

    def control(self, name: str) -> Control | None:
        return next((c for c in self.controls() if c.name == name), None)

    def group(self, name: str) -> Group | None:
        return next((g for s in self.sections for g in s.groups if g.name == name), None)


# -- values as the form shows them


def shown(meta: FieldMeta, value: Any) -> Any:
    """A value as the form shows it: text for a single value (a choice as its code, yes/no as
    true/false, a date as YYYY-MM-DD), a list of texts for a list, a list of {field: text} for
    rows of a part. A value the field does not take is shown as written, to be corrected."""
    if meta.type == "list":
        items = value if isinstance(value, list) else ([] if is_blank(value) else [value])
        item = meta.item
        if item is not None and item.nested is not None:
            columns = fields_of(item.nested)
            return [
                {name: shown(column, row.get(name)) for name, column in columns.items()} if isinstance(row, dict) else {}
                for row in items
            ]
        return [shown(item, v) if item is not None else _text(v) for v in items if not is_blank(v)]
    if value is None:
        return ""
    if meta.type == "bool" and isinstance(value, bool):
        return "true" if value else "false"
    if meta.value_choices is not None and isinstance(value, str):
        return meta.code_of(value)
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return str(value)
    return mask(str(value))  # a person's ID or mobile number is never shown in full (PRV001)


def same(a: Any, b: Any) -> bool:
    """Whether a posted value is what the form showed: line breaks and surrounding spaces aside,
    empty rows and items dropped."""
    return _normal(a) == _normal(b)


def _normal(value: Any) -> Any:
    if isinstance(value, list):
        items = [_normal(v) for v in value]
        return [v for v in items if v not in ("", {}, [])]
    if isinstance(value, dict):
        cells = {k: _normal(v) for k, v in value.items()}
        return {k: v for k, v in cells.items() if v != ""}
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# -- building the form


def build(
    spec: KindSpec, data: dict, lang: str, as_of: date, references: dict[tuple[str, ...], list[Option] | None],
) -> RecordForm:
    """The form of a record of `spec` holding `data` (its values as read). `references`: for
    each set of kinds a field may name, the records to choose from (None: too many, typed)."""
    model = MODELS[spec.code]
    due = filling.due_stage(spec, data, as_of)
    files = {pattern[: len(pattern) - (pattern[-1] == "*")] for pattern in spec.file_paths}
    groups: dict[str, dict[str, Group]] = {stage: {} for stage in (*STAGES, "other")}
    for slot in filling.slots(model):
        top = slot.parents[0] if slot.parents else slot.meta
        stage = "other" if slot.path == ("waivers",) else slot.stage
        group = groups[stage].get(slot.path[0])
        if group is None:
            group = groups[stage][slot.path[0]] = Group(slot.path[0], top.label(lang), [])
        group.controls.append(control(slot, spec, data, lang, as_of, references, slot.path in files))
    order = [due] + [s for s in STAGES if s != due] + ["other"]
    reached = STAGES[: STAGES.index(due) + 1]
    sections = []
    for stage in order:
        if not groups[stage]:
            continue
        title = _section_title(spec, stage, lang)
        is_open = stage in reached or any(_filled(c.value) for g in groups[stage].values() for c in g.controls)
        sections.append(Section(stage, title, stage == due and spec.date_field is not None, is_open, list(groups[stage].values())))
    return RecordForm(spec, sections)


def _filled(value: Any) -> bool:
    return _normal(value) not in ("", [], {})


def _section_title(spec: KindSpec, stage: str, lang: str) -> str:
    if stage == "other":
        return t("serve.section.other", lang=lang)
    if spec.date_field is None and stage == "planned":
        return t("serve.section.record", lang=lang)
    return t(f"serve.section.{stage}", lang=lang)


def control(slot: filling.Slot, spec: KindSpec, data: dict, lang: str, as_of: date, references, files: bool) -> Control:
    meta = slot.meta
    model = MODELS[spec.code]
    value = shown(meta, filling.value_at(data, slot.path))
    label = slot.meta.label(lang) if slot.parents else meta.label(lang)
    kinds = spec.reference_kinds(slot.path[0]) if len(slot.path) == 1 else None
    applies = filling.applies(slot, data, model)
    required = _required(slot, data, model, spec, as_of)
    made = Control(slot.name, slot.path, meta, label, _plain_hint(meta, lang), "text", value, required=required, applies=applies, files=files)
    if kinds is not None:
        options = references.get(kinds)
        if options is not None:
            made.hint = ""  # "the id of a branch (a file name under org/)": the drop-down says it
        if meta.many:
            made.widget, made.item_widget = "items", ("ref" if options is not None else "text")
        else:
            made.widget = "ref" if options is not None else "text"
        made.options = _with_current(list(options or []), value, lang)
        return made
    made.widget = _widget(meta, value, slot, spec)
    if files:
        made.hint = ""  # "paths under evidence/": the page lists the files and uploads them
    if made.widget == "date":
        made.hint = ""  # "YYYY-MM-DD": the date picker says it
    if made.widget in ("choice", "choices"):
        made.options = _with_current(
            [Option(code, vocab.label(meta.value_choices, code, lang)) for code in meta.value_choices], value, lang
        )
    elif made.widget == "rows":
        part = meta.item.nested
        made.columns = [
            Control(f"{slot.name}.{name}", slot.path + (name,), column, column.label(lang), _plain_hint(column, lang),
                    _widget(column, "", None, spec), "",
                    options=[Option(code, vocab.label(column.value_choices, code, lang)) for code in column.value_choices]
                    if column.value_choices is not None else [])
            for name, column in fields_of(part).items() if name != "waivers"
        ]
    return made


def _plain_hint(meta: FieldMeta, lang: str) -> str:
    """The hint without the list of a choice's values (the drop-down shows them)."""
    hint = meta.hint_zh if lang == "zh" else meta.hint_en
    if hint.startswith(("[", "{")):  # the YAML shape of a part (`[{task: 任务, …}]`): the table shows it
        return ""
    return hint


def _required(slot: filling.Slot, data: dict, model, spec: KindSpec, as_of: date) -> bool:
    """Whether the field must be filled once its stage is reached (and its condition holds)."""
    required = slot.required
    if required is False or not filling.applies(slot, data, model):
        return False
    if isinstance(required, When) and not condition_holds(required, data, model):
        return False
    return True


def _with_current(options: list[Option], value: Any, lang: str) -> list[Option]:
    """The options, with a value the record holds that is not one of them (a typo, a record that
    no longer exists) added, so that the form shows it and an untouched save keeps it."""
    known = {o.value for o in options}
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item and item not in known:
            options.append(Option(item, t("serve.not_an_option", lang=lang, value=item)))
            known.add(item)
    return options


def _widget(meta: FieldMeta, value: Any, slot: filling.Slot | None, spec: KindSpec) -> str:
    kind = meta.type
    if kind == "list":
        item = meta.item
        if item is not None and item.nested is not None:
            return "rows"
        if item is not None and item.choices is not None:
            return "choices"
        return "items"
    if kind == "choice":
        return "choice"
    if kind == "bool":
        return "yesno" if value in ("", "true", "false") else "text"
    if kind == "date":
        return "date" if value == "" or _iso(value) else "text"
    if kind == "time":
        return "time"
    if kind in ("int", "number"):
        return "number" if value == "" or re.fullmatch(r"\d+(\.\d+)?", str(value)) else "text"
    if slot is None:  # a column of a table: one line
        return "text"
    # Free text: one line for what `djrh new` asks for (a name, a place, a theme) and the fields of
    # a part written before the meeting (a name, a leader); a box for the rest (the descriptions of
    # the meeting and of its outcome), and for any long value.
    if "\n" in str(value) or len(str(value)) > 40:
        return "textarea"
    if slot.parents:
        return "text" if slot.stage == "planned" else "textarea"
    return "text" if slot.path[0] in spec.prompts else "textarea"


def _iso(value: str) -> bool:
    try:
        date.fromisoformat(value)
        return True
    except ValueError:
        return False


# -- a posted form


def posted(control: Control, form) -> Any:
    """What the form posted for a control, in the shape `shown` gives (see `same`)."""
    name = control.name
    if control.widget == "choices":
        return [v for v in form.getlist(name) if v]
    if control.widget == "items":
        return [v for v in form.getlist(name)]
    if control.widget == "rows":
        rows: dict[int, dict[str, str]] = {}
        pattern = re.compile(re.escape(name) + r"\[(\d+)\]\.([a-z_]+)\Z")
        for key in form.keys():
            match = pattern.match(key)
            if match and match[2] != "_remove":
                rows.setdefault(int(match[1]), {})[match[2]] = form.get(key, "")
        return [rows[i] for i in sorted(rows)]
    return form.get(name, "")


def changes(record_form: RecordForm, form) -> dict[str, Any]:
    """The controls whose posted value is not the one shown: slot name -> posted value. Only the
    controls the page had (each names itself in a hidden `_fields`): a form without a field, or
    with no box of a list ticked, never clears what the record holds."""
    found = {}
    present = set(form.getlist("_fields"))
    for control in record_form.controls():
        if control.name not in present:
            continue
        value = posted(control, form)
        if not same(value, control.value):
            found[control.name] = value
    return found


def read(record_form: RecordForm, changed: dict[str, Any], lang: str, exists) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed values of the changed controls, and what could not be read (control name -> message in
    the words of its label). `exists(kinds, id)`: whether a record of those kinds has that id."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, raw in changed.items():
        control = record_form.control(name)
        value, problem = _typed(control, raw, lang)
        kinds = record_form.spec.reference_kinds(control.path[0]) if len(control.path) == 1 else None
        if problem is None and kinds and value is not None:
            for ref in value if isinstance(value, list) else [value]:
                if not exists(kinds, ref):
                    from djrh.rules.refs import KindNames

                    problem = Msg("serve.bad_ref", {"label": control.label, "id": ref, "expected": KindNames(kinds)})
                    break
        if problem is not None:
            problems[name] = problem.render(lang)
        else:
            values[name] = value
    return values, problems


def _typed(control: Control, raw: Any, lang: str) -> tuple[Any, Msg | None]:
    meta = control.meta
    if control.widget == "rows":
        rows = []
        for number, row in enumerate(raw, 1):
            typed = {}
            for column in control.columns:
                cell = row.get(column.path[-1], "")
                where = t("serve.row_cell", lang=lang, label=control.label, row=number, column=column.label)
                value, problem = parse_scalar(column.meta, cell.strip(), where) if not is_blank(cell) else (None, None)
                if problem is not None:
                    return None, problem
                if value is not None:
                    typed[column.path[-1]] = value
            if typed:
                rows.append(typed)
        return rows, None
    if control.widget in ("choices", "items"):
        items = []
        for item in raw:
            if is_blank(item):
                continue
            value, problem = parse_scalar(meta.item, item.strip(), control.label, choices_numbered=False)
            if problem is not None:
                return None, problem
            items.append(value)
        return items, None
    if is_blank(raw):
        return None, None
    return parse_scalar(meta, raw.replace("\r\n", "\n").strip(), control.label, choices_numbered=False)


def with_row(record_form: RecordForm, form, add: str | None, remove: str | None) -> None:
    """Without script, "添加一行" and "删除" post the form: it comes back with what was typed, one
    row more or less (nothing saved)."""
    for control in record_form.controls():
        value = posted(control, form)
        if control.widget == "rows":
            if remove is not None and remove.startswith(control.name + "["):
                index = int(remove[len(control.name) + 1 : remove.index("]")])
                value = [row for i, row in enumerate(value) if i != index]
            if add == control.name:
                value = value + [{}]
        elif control.widget == "items":
            if remove is not None and remove.startswith(control.name + "["):
                index = int(remove[len(control.name) + 1 : remove.index("]")])
                value = [item for i, item in enumerate(value) if i != index]
            if add == control.name:
                value = value + [""]
        control.value = value
