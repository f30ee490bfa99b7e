"""`djrh export` as a library call: a kind's sheet (djrh.edit.sheet) as an xlsx workbook.

`--template`: the headers, one example row (the kind's EXAMPLE, in grey; `import` skips it while it
is unchanged), a drop-down list for every fixed value set and for yes/no, date cells, column widths,
and a second sheet explaining each column (what to write, the accepted values, when it is
required). Without it: the tree's records of that kind in the same layout, so that a sheet exported
and filled in goes back with `djrh import`. Every text is written as text (never a formula).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from djrh.edit.fill import Slot
from djrh.edit.sheet import ID_HEADERS, cell, columns
from djrh.i18n import Msg, t
from djrh.kinds import KINDS, MODELS
from djrh.kinds.fields import choice_hint
from djrh.kinds.types import When

TEMPLATE_ROWS = 500  # rows that get the drop-down lists in a blank template


def _data(record_text: str) -> dict[str, Any]:
    from djrh.read.yaml12 import parse

    data = parse(record_text).data
    return data if isinstance(data, dict) else {}


def with_id(kind: str, template: bool) -> bool:
    """An id column: always when exporting records; in a template only for a kind whose id the user
    names (a branch), not one djrh makes from its fields."""
    return not template or KINDS[kind].id_template is None


def headers(kind: str, template: bool = True) -> list[str]:
    names = [slot.label("zh") for slot in columns(kind)]
    return ([ID_HEADERS[0]] if with_id(kind, template) else []) + names


def row_cells(kind: str, data: dict[str, Any], record_id: str | None = None, template: bool = True) -> list[Any]:
    cells = []
    for slot in columns(kind):
        value: Any = data
        for key in slot.path:
            value = value.get(key) if isinstance(value, dict) else None
        cells.append(cell(slot, value))
    return ([record_id] if with_id(kind, template) else []) + cells


def example_row(kind: str) -> tuple[list[str], list[Any]] | None:
    """(headers, cells) of the template's example row."""
    example = getattr(MODELS[kind], "EXAMPLE", None)
    if not example:
        return None
    data = _data(example)
    example_id = "example-1" if with_id(kind, True) else None
    return headers(kind), row_cells(kind, data, example_id)


def requirement(slot: Slot) -> Msg:
    required = slot.required
    stage = slot.stage
    if required is False:
        return Msg("export.optional")
    if isinstance(required, When):
        return Msg(f"export.required_if.{stage}", {"condition": Msg(required.condition)})
    return Msg(f"export.required.{stage}")


def workbook(kind: str, records: list[tuple[str, dict[str, Any]]] | None = None) -> bytes:
    """The xlsx of `kind`: a blank template (`records` None) or the records given (id, values)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from djrh.report.xlsx import Styles, _display_width, put

    template = records is None
    spec = KINDS[kind]
    slots = columns(kind)
    head = headers(kind, template)
    offset = len(head) - len(slots)
    book = Workbook()
    styles = Styles(book, font=None)
    sheet = book.active
    sheet.title = spec.term.zh[:31]
    for number, text in enumerate(head, start=1):
        target = put(sheet.cell(row=1, column=number), text)
        slot = slots[number - 1 - offset] if number > offset else None
        required = slot is not None and slot.required is True and slot.stage == "planned"
        styles.apply(target, "required header" if required else "header", {"bold": True}, {"wrap_text": True, "vertical": "center"},
                     fill="FCE4D6" if required else "DDEBF7", border=False)
    rows: list[list[Any]] = []
    if template:
        example = example_row(kind)
        if example is not None:
            rows.append(example[1])
    else:
        rows.extend(row_cells(kind, data, record_id, template=False) for record_id, data in records)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            target = put(sheet.cell(row=r, column=c), value)
            slot = slots[c - 1 - offset] if c > offset else None
            if slot is not None and slot.meta.type == "date" and isinstance(value, str):
                try:
                    target.value = date.fromisoformat(value)
                except ValueError:
                    pass
            if template:
                styles.apply(target, "example", {"italic": True, "color": "808080"}, {"wrap_text": True, "vertical": "top"}, border=False)
            else:
                styles.apply(target, "value", None, {"wrap_text": True, "vertical": "top"}, border=False)
            if isinstance(target.value, date):
                target.number_format = "yyyy-mm-dd"
    last = max(len(rows) + 1, TEMPLATE_ROWS if template else len(rows) + 200)
    # drop-down lists: the values of each fixed set on a hidden sheet (a list of any length)
    choices = book.create_sheet("选项")
    choices.sheet_state = "hidden"
    used = 0
    for index, slot in enumerate(slots):
        column = get_column_letter(index + 1 + offset)
        terms = slot.meta.choices
        if slot.meta.type == "bool":
            validation = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        elif terms is not None:
            used += 1
            letter = get_column_letter(used)
            put(choices.cell(row=1, column=used), slot.name)
            for r, term in enumerate(terms.values(), start=2):
                put(choices.cell(row=r, column=used), term.zh)
            validation = DataValidation(type="list", formula1=f"=选项!${letter}$2:${letter}${len(terms) + 1}", allow_blank=True)
        elif slot.meta.type == "date":
            validation = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            for r in range(2, last + 1):
                sheet.cell(row=r, column=index + 1 + offset).number_format = "yyyy-mm-dd"
        else:
            continue
        validation.error = t("export.invalid_cell", label=slot.label("zh"))
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{column}2:{column}{last}")
    for number, text in enumerate(head, start=1):
        width = max([_display_width(str(text))] + [_display_width(str(row[number - 1])) for row in rows if row[number - 1] is not None])
        sheet.column_dimensions[get_column_letter(number)].width = min(max(width + 2, 10), 48)
    sheet.freeze_panes = "A2"
    _explanations(book.create_sheet("填写说明", 1), kind, head, slots, offset, styles)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _explanations(sheet, kind: str, head: list[str], slots: list[Slot], offset: int, styles) -> None:
    from djrh.report.xlsx import put

    titles = [t("export.col.header"), t("export.col.field"), t("export.col.hint"), t("export.col.values"), t("export.col.required")]
    for number, text in enumerate(titles, start=1):
        styles.apply(put(sheet.cell(row=1, column=number), text), "note header", {"bold": True}, border=False)
    rows = []
    if offset:
        rows.append([head[0], "id", t("export.id_hint"), "", t("export.id_when")])
    for slot in slots:
        meta = slot.meta
        terms = meta.value_choices
        values = choice_hint(terms, "zh") if terms else (t("export.values.bool") if meta.type == "bool" else t(f"export.values.{meta.type}") if meta.type in ("date", "time") else "")
        rows.append([slot.label("zh"), slot.name, meta.hint_zh or "", values, requirement(slot).render()])
    rows.append([t("export.note_title"), "", t("export.note", kind=kind), "", ""])
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            styles.apply(put(sheet.cell(row=r, column=c), value), "value", None, {"wrap_text": True, "vertical": "top"}, border=False)
    for letter, width in zip("ABCDE", (22, 26, 50, 50, 24)):
        sheet.column_dimensions[letter].width = width


def records_of(root, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(id, values) of the tree's records of `kind`, by path: the values as the file holds them."""
    from djrh.check.run import load_tree

    from djrh.check.validate import prune_empty

    tree = load_tree(root)
    found = []
    for record in sorted(tree.records, key=lambda r: r.path):
        if record.kind == kind and isinstance(record.data, dict):
            values = prune_empty({k: v for k, v in record.data.items() if k != "kind"}, MODELS[kind])
            found.append((record.id, values))
    return found


__all__ = ["example_row", "headers", "records_of", "row_cells", "workbook"]
