"""`djrh import` as a library call: an Excel (xlsx) or CSV sheet of existing records -> one record
per row, at its conventional path, with its kind's id.

A real 台账 has a title row above the header, merged header cells (`出席情况` over `应到`/`实到`),
Chinese headers in several spellings (djrh.edit.sheet), dates as Excel dates or `2026/3/18`, names
where djrh wants ids (`护理学院教工第一党支部` for `nursing-faculty-1`), and a committee either in
one cell (`张三（书记）、李四（组织委员）`) or one row per member. CSV comes as UTF-8 (with or without
a BOM) or GBK, as Excel saves it on a Chinese Windows.

Every bad cell is a finding at (sheet, row, column), in the words `djrh check` uses for the same
field. A row like an existing record (same id, or the same natural key: a theme day's branch and
date; a meeting's branch, date, type and party group) is reported and never overwritten. Nothing is written while a row is bad, unless asked to
skip bad rows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from djrh.edit.fill import Slot
from djrh.edit.new import proposed_id, suggest_id, write_schemas
from djrh.edit.roundtrip import EditError
from djrh.edit.scaffold import folder_for, free_id, modeline_for, record_text, valid_id
from djrh.edit.sheet import Column, exact_headers, header_table, is_id_header, is_skipped_header, match, normalize, part_meta
from djrh.edit.values import is_blank, parse_value, split_items
from djrh.findings import Finding
from djrh.i18n import msg, series
from djrh.kinds import KINDS, MODELS, kind_terms
from djrh.kinds.facts import values_of
from djrh.kinds.spec import KindSpec
from djrh.records import Record

MAX_SHEET_BYTES = 64 * 1024 * 1024
HEADER_SCAN = 12  # the header is within the first rows (a title, a note, then the header)


@dataclass
class Table:
    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based (row1, col1, row2, col2)


@dataclass
class Planned:
    sheet: str
    row: int
    kind: str
    values: dict[str, Any]
    record_id: str = ""
    rel: str = ""


@dataclass
class Existing:
    sheet: str
    row: int
    rel: str


@dataclass
class Imported:
    planned: list[Planned] = field(default_factory=list)
    existing: list[Existing] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    bad_rows: int = 0
    skipped_sheets: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


# -- reading the file


def read_tables(path: Path) -> list[Table]:
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError:
        raise EditError(msg("import.no_such_file", path=str(path))) from None
    if not path.is_file():
        raise EditError(msg("import.no_such_file", path=str(path)))
    if size > MAX_SHEET_BYTES:
        raise EditError(msg("import.too_large", path=str(path), limit="64 MiB"))
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_tables(path)
    if suffix in (".csv", ".txt"):
        return [Table(path.stem, _csv_rows(path.read_bytes()))]
    raise EditError(msg("import.unknown_format", path=str(path)))


def _xlsx_tables(path: Path) -> list[Table]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError):
        raise EditError(msg("import.bad_xlsx", path=str(path))) from None
    tables = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
        tables.append(Table(sheet.title, rows, merged))
    return tables


def _csv_rows(raw: bytes) -> list[list[Any]]:
    """UTF-8 (with or without a BOM) or GBK/GB18030, as Excel saves a CSV on a Chinese Windows."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", "replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", "replace")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


# -- the header


def _spread_merged(table: Table) -> list[list[Any]]:
    """The rows with a merged cell's value in each of its cells (a header merged across columns,
    a branch name merged down its member rows)."""
    rows = [list(row) for row in table.rows]
    for row1, col1, row2, col2 in table.merged:
        if row1 - 1 >= len(rows):
            continue
        top = rows[row1 - 1]
        value = top[col1 - 1] if col1 - 1 < len(top) else None
        for r in range(row1 - 1, min(row2, len(rows))):
            row = rows[r]
            while len(row) < col2:
                row.append(None)
            for c in range(col1 - 1, col2):
                row[c] = value
    return rows


def _score(kind: str, cells: list[Any]) -> int:
    """How many different columns of `kind` a row names."""
    table = header_table(kind)
    return len({table[key].key for key in (normalize(text) for text in cells) if key in table})


def find_header(rows: list[list[Any]], kind: str | None, sheet_name: str = "") -> tuple[int, str | None, list[str]]:
    """(index of the header row, the kind, the header of each column). A second header row below
    (the parts of a merged heading) is read into it: `出席情况` over `应到` gives `出席情况·应到`."""
    kinds = [kind] if kind else list(KINDS)
    best = (0, -1, None)
    for index, row in enumerate(rows[:HEADER_SCAN]):
        for code in kinds:
            score = _score(code, row)
            if score > best[0]:
                best = (score, index, code)
    score, index, code = best
    if code is None or score < 2:
        return -1, None, []
    if not kind:  # two kinds that fit as well: their own labels, then the sheet's name decide
        ties = [c for c in KINDS if _score(c, rows[index]) == score]
        if len(ties) > 1:
            exact = {c: len({normalize(v) for v in rows[index]} & exact_headers(c)) for c in ties}
            top = max(exact.values())
            ties = [c for c in ties if exact[c] == top]
        if len(ties) > 1 and sheet_name:
            named = [c for c in ties if normalize(sheet_name) in {normalize(n) for n in (KINDS[c].term.zh, *KINDS[c].term.aliases, c)}]
            ties = named or ties
        if len(ties) > 1:
            return index, None, [str(c) for c in ties]
        code = ties[0]
    headers = ["" if value is None else str(value) for value in rows[index]]
    if index + 1 < len(rows):  # a second header row: the parts of merged headings
        below = rows[index + 1]
        combined = []
        for column, upper in enumerate(headers):
            lower = below[column] if column < len(below) else None
            if is_blank(lower) or str(lower) == upper:
                combined.append(upper)
                continue
            for candidate in (f"{upper}·{lower}", str(lower), f"{upper}{lower}"):
                if match(code, candidate) is not None:
                    combined.append(candidate)
                    break
            else:
                combined.append(str(lower) if is_blank(upper) else upper)
        if _score(code, combined) > score:
            return index + 1, code, combined
    return index, code, headers


def infer_kinds(tables: list[Table]) -> list[tuple[str, str | None]]:
    """(sheet, kind) for each sheet, as `import` would read it."""
    return [(t.name, find_header(_spread_merged(t), None, t.name)[1]) for t in tables]


# -- the tree as it is


class TreeIndex:
    """What import needs of the tree: the ids in use, each unit by id and by name, and each
    record by its natural key (a theme day's branch and date), to report a row already there."""

    def __init__(self, root: Path) -> None:
        from djrh.check.run import load_tree

        self.root = root
        tree = load_tree(root)
        self.taken: set[str] = set()
        self.kind_of: dict[str, str] = {}
        self.by_name: dict[str, dict[str, str]] = {}
        self.by_key: dict[tuple, str] = {}
        for record in tree.records:
            self.taken.add(record.id)
            if record.kind is None or record.model is None:
                continue
            self.kind_of[record.id] = record.kind
            name = getattr(record.model, "name", None)
            if isinstance(name, str):
                self.by_name.setdefault(record.kind, {}).setdefault(name.strip(), record.id)
            key = natural_key(KINDS[record.kind], values_of(record.model))
            if key is not None:
                self.by_key.setdefault(key, record.path)

    def add(self, kind: str, record_id: str, values: dict[str, Any], rel: str) -> None:
        self.taken.add(record_id)
        self.kind_of[record_id] = kind
        name = values.get("name")
        if isinstance(name, str):
            self.by_name.setdefault(kind, {}).setdefault(name.strip(), record_id)
        key = natural_key(KINDS[kind], values)
        if key is not None:
            self.by_key.setdefault(key, rel)

    def resolve(self, kinds: tuple[str, ...], text: str) -> str | None:
        """The id of a record of `kinds` named by its id or its name."""
        text = str(text).strip()
        if self.kind_of.get(text) in kinds:
            return text
        for kind in kinds:
            found = self.by_name.get(kind, {}).get(text)
            if found is not None:
                return found
        return None


def natural_key(spec: KindSpec, values: dict[str, Any]) -> tuple | None:
    """What makes two records of a kind the same record: the fields of its id and its date (a theme
    day's branch and date), and its name and the fields its spec names `distinct` (a 党小组会's
    group) where they are filled in."""
    optional = ("name", *spec.distinct)
    names = list(dict.fromkeys([*spec.id_fields(), *([spec.date_field] if spec.date_field else []), *optional]))
    names = [n for n in names if n in MODELS[spec.code].model_fields]
    parts = []
    for name in names:
        value = values.get(name)
        if is_blank(value):
            if name in optional:
                continue
            return None
        if isinstance(value, (date, datetime)):
            value = value.isoformat()[:10]
        if isinstance(value, list):
            value = tuple(value)
        parts.append((name, str(value).strip() if isinstance(value, str) else value))
    return (spec.code, *parts) if parts else None


# -- rows into records


def _display(path: Path, table: Table, several: bool) -> str:
    return f"{path.name}#{table.name}" if several else path.name


def import_sheet(root: Path, path: Path, kind: str | None = None) -> Imported:
    """Read `path` and plan its records (nothing is written: `write` does)."""
    tables = read_tables(path)
    index = TreeIndex(root)
    result = Imported()
    several = len(tables) > 1
    for table in tables:
        rows = _spread_merged(table)
        header_row, code, headers = find_header(rows, kind, table.name)
        shown = _display(path, table, several)
        if code is None:
            if headers:  # two kinds fit
                raise EditError(msg("import.which_kind", sheet=shown, kinds=series(headers)))
            result.skipped_sheets.append(table.name)
            continue
        _import_table(result, index, shown, table, rows, header_row, code, headers)
    if not result.planned and not result.existing and not result.findings:
        raise EditError(msg("import.no_header", path=str(path), kinds=", ".join(KINDS)))
    return result


def _import_table(result: Imported, index: TreeIndex, shown: str, table: Table, rows: list[list[Any]], header_row: int,
                  kind: str, headers: list[str]) -> None:
    spec, model = KINDS[kind], MODELS[kind]
    columns: dict[int, Column | str] = {}
    for number, text in enumerate(headers):
        if is_blank(text):
            continue
        if is_id_header(text):
            columns[number] = "id"
        elif is_skipped_header(text):
            continue
        else:
            column = match(kind, text)
            if column is None:
                result.findings.append(Finding(
                    "SCH002", "warning", shown, header_row + 1, number + 1, "",
                    msg("import.unknown_column", header=str(text).strip(), kind=kind_terms()[kind].zh),
                ))
            else:
                columns[number] = column
    example = _example_cells(kind, headers)
    row_columns = {n for n, c in columns.items() if isinstance(c, Column) and c.row_field is not None}
    record_columns = [n for n in columns if n not in row_columns]
    groups: list[list[int]] = []
    previous: tuple | None = None
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        cells = [row[n] if n < len(row) else None for n in columns]
        if all(is_blank(v) for v in cells):
            continue
        if example is not None and _row_texts(row, headers) == example:
            continue  # the example row of an exported template
        own = tuple(None if is_blank(row[n] if n < len(row) else None) else str(row[n]).strip() for n in record_columns)
        if groups and row_columns and (all(v is None for v in own) or own == previous):
            groups[-1].append(r)  # the next member of the same record
            continue
        groups.append([r])
        previous = own
    for group in groups:
        _import_record(result, index, shown, rows, group, columns, spec, model)


def _example_cells(kind: str, headers: list[str]) -> list[str] | None:
    from djrh.edit.export import example_row

    row = example_row(kind)
    if row is None:
        return None
    by_header = dict(zip(row[0], row[1]))
    return [_text(by_header.get(h)) for h in headers]


def _row_texts(row: list[Any], headers: list[str]) -> list[str]:
    return [_text(row[n] if n < len(row) else None) for n in range(len(headers))]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).strip()


def _import_record(result: Imported, index: TreeIndex, shown: str, rows: list[list[Any]], group: list[int],
                   columns: dict[int, Column | str], spec: KindSpec, model) -> None:
    from djrh.check.validate import validate

    first = group[0]
    line = first + 1
    findings: list[Finding] = []
    values: dict[str, Any] = {}
    positions: dict[tuple, tuple[int, int, int, int]] = {(): (first, 0, first, 0)}
    given_id = None
    list_rows: dict[tuple, dict[int, dict[str, Any]]] = {}

    def bad(column: int, row: int, message) -> None:
        findings.append(Finding("SCH001", "error", shown, row + 1, column + 1, "", message))

    for number, column in columns.items():
        for r in group:
            row = rows[r]
            raw = row[number] if number < len(row) else None
            if is_blank(raw):
                continue
            if column == "id":
                if r == first:
                    given_id = str(raw).strip()
                continue
            assert isinstance(column, Column)
            slot = column.slot
            if column.row_field is not None:
                meta = part_meta(slot, column.row_field)
                value, problem = parse_value(meta, raw, f"{slot.meta.label_zh}·{meta.label_zh}", lenient=True)
                if problem is not None:
                    bad(number, r, problem)
                    continue
                list_rows.setdefault(slot.path, {}).setdefault(r, {})[column.row_field] = value
                positions[slot.path + (len(list_rows[slot.path]) - 1,)] = (r, number, r, number)
                continue
            if r != first:
                continue
            if column.role is not None:
                field_name, code = column.role
                names = split_items(str(raw))
                existing = values.setdefault(slot.path[0], [])
                name_field = next(n for n in part_meta_names(slot) if n != field_name)
                existing.extend({name_field: name, field_name: code} for name in names)
                positions.setdefault(slot.path, (r, number, r, number))
                continue
            value, problem = parse_value(slot.meta, raw, slot.label("zh"), lenient=True)
            if problem is not None:
                bad(number, r, problem)
                continue
            references = spec.reference_kinds(slot.path[0]) if len(slot.path) == 1 else None
            if references and value is not None:
                resolved = []
                for ref in value if isinstance(value, list) else [value]:
                    found = index.resolve(references, ref)
                    if found is None:
                        from djrh.rules.refs import KindNames

                        findings.append(Finding("REF001", "error", shown, r + 1, number + 1, "",
                                                msg("import.unknown_ref", value=ref, expected=KindNames(references))))
                        break
                    resolved.append(found)
                else:
                    value = resolved if isinstance(value, list) else resolved[0]
            _put(values, slot.path, value)
            positions[slot.path] = (r, number, r, number)
            if len(slot.path) > 1:
                positions.setdefault(slot.path[:1], (r, number, r, number))
    for path, by_row in list_rows.items():
        existing = values.setdefault(path[0], [])
        existing.extend(row for _, row in sorted(by_row.items()))
    if findings:
        result.findings.extend(findings)
        result.bad_rows += 1
        return
    # the record as djrh will read it, checked by the same validator as `djrh check`
    data = {"kind": spec.code, **_as_loaded(values)}
    probe = Record(id="row", path=shown)
    probe.data, probe.positions = data, positions
    problems = [f for f in validate(probe) if f.severity == "error"]
    if problems:
        result.findings.extend(Finding(f.code, f.severity, f.path, f.line, f.column, "", f.message) for f in problems)
        result.bad_rows += 1
        return
    key = natural_key(spec, values)
    known = index.by_key.get(key) if key is not None else None
    if given_id is not None and given_id in index.taken and known is None:
        known = given_id  # a record of this id is there
    if known is not None:
        result.existing.append(Existing(shown, line, known))
        return
    if given_id is not None and not valid_id(given_id):
        result.findings.append(Finding("ID001", "error", shown, line, 1, "", msg("new.bad_id", id=given_id)))
        result.bad_rows += 1
        return
    planned = Planned(shown, line, spec.code, values)
    planned.record_id = _choose_id(spec, values, given_id, index.taken)
    folder = folder_for(spec.code, values)
    planned.rel = f"{folder}/{planned.record_id}.yaml"
    index.add(spec.code, planned.record_id, values, planned.rel)
    result.planned.append(planned)


def part_meta_names(slot: Slot) -> list[str]:
    from djrh.kinds.fields import fields_of

    return [n for n in fields_of(slot.meta.item.nested) if n != "waivers"]


def _choose_id(spec: KindSpec, values: dict[str, Any], given: str | None, taken: set[str]) -> str:
    if given:
        return given
    base = proposed_id(spec, values)
    if base is not None:
        return free_id(base, taken)
    return suggest_id(spec, values, taken)


def _put(values: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        values = values.setdefault(key, {})
    values[path[-1]] = value


def _as_loaded(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_loaded(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_loaded(v) for k, v in value.items()}
    return value


# -- writing


def write(root: Path, result: Imported, lang: str) -> list[str]:
    """Write the planned records under the tree's lock; an id taken meanwhile gets the next one.
    Returns the paths written (relative to the root)."""
    from djrh.read.load import read_text
    from djrh.tree.fsutil import locked, write_new_many
    from djrh.tree.root import record_paths
    from djrh.read.load import record_id

    written = []
    kinds = set()
    with locked(root):
        rels, _ = record_paths(root)
        taken = {record_id(rel) for rel in rels}
        files = []
        for planned in result.planned:
            spec = KINDS[planned.kind]
            if planned.record_id in taken:
                planned.record_id = free_id(planned.record_id, taken)
                planned.rel = f"{planned.rel.rsplit('/', 1)[0]}/{planned.record_id}.yaml"
            path = root / planned.rel
            text = record_text(spec.code, planned.values, lang, modeline=modeline_for(root, path, spec.code))
            record, problems = read_text(Record(id=planned.record_id, path=planned.rel), text.encode("utf-8"))
            if problems or not isinstance(record.data, dict):  # a djrh defect: never write what does not read back
                raise RuntimeError(f"import of {planned.sheet} row {planned.row} does not read back")
            files.append((path, text.encode("utf-8")))
            taken.add(planned.record_id)
            kinds.add(spec.code)
        made = set(write_new_many(files))  # under the lock no other djrh takes a name
        written = [planned.rel for planned in result.planned if root / planned.rel in made]
    if kinds:
        write_schemas(root, lang, replace=False, kinds=tuple(sorted(kinds)))
    result.written = written
    return written


__all__ = ["Imported", "Planned", "Table", "TreeIndex", "find_header", "import_sheet", "infer_kinds", "read_tables", "write"]
