"""Make the built-in form templates (templates/*.docx, templates/en/*.docx) from the house style.

    python docs/make_templates.py            # writes templates/ at the project's top level

Each form is laid out by the code that describes its look (djrh.paper.style and the form modules
djrh.render.themeday, meeting, pilot, bundle; the report's statistics table here) with Jinja tags in place of the values — `{{ theme }}`,
`{%tr for task in tasks or [blank] * 3 %}`, `{%p if … %}` — so the templates are exactly the house
style (GB/T 9704 page, fonts named with w:eastAsia, merged cells, repeated header rows, "— N —"
page numbers, the trace line in the footer as `{{ trace.text }}`) and can be made again after a
change to it. `djrh render` fills them (docxtpl, in the sandbox of djrh.render.templates); a
records tree's own templates/<form>.docx wins. Commit the .docx files with the change that made
them, and look at them: docs/render_templates.py renders each to PNG.
"""

from __future__ import annotations

import copy
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx.oxml.ns import qn

from djrh.i18n import t
from djrh.paper import style
from djrh.render import bundle, meeting, pilot, themeday

PROJECT = Path(__file__).resolve().parent.parent
TRACE = "{{ trace.text }}"
TASK_KEYS = ("number", "task", "owner", "due", "done_on", "status")
FIXED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the templates' own dates: made again, the same


# ---- editing what the form code laid out


def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def set_text(p, text: str) -> None:
    """The paragraph `p` (w:p) says `text`, in the look of its first run."""
    runs = p.findall(qn("w:r"))
    for extra in runs[1:]:
        p.remove(extra)
    if runs:
        run = runs[0]
        for child in list(run):
            if child.tag != qn("w:rPr"):
                run.remove(child)
    else:
        run = p.makeelement(qn("w:r"), {})
        p.append(run)
    node = run.makeelement(qn("w:t"), {})
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(node)


def paragraphs(document, containing: str) -> list:
    return [p for p in document.element.body.iter(qn("w:p")) if containing in _text(p)]


def wrap(p, opening: str, closing: str) -> None:
    """`{%p …%}` paragraphs around the paragraph `p` (docxtpl removes them when filling)."""
    for tag, place in ((opening, p.addprevious), (closing, p.addnext)):
        twin = copy.deepcopy(p)
        set_text(twin, tag)
        place(twin)


def wrap_row(tr, opening: str, closing: str) -> None:
    """`{%tr …%}` rows around the table row `tr`."""
    for tag, place in ((opening, tr.addprevious), (closing, tr.addnext)):
        twin = copy.deepcopy(tr)
        for index, tc in enumerate(twin.iter(qn("w:tc"))):
            for p in tc.findall(qn("w:p"))[1:]:
                tc.remove(p)
            set_text(tc.find(qn("w:p")), tag if index == 0 else "")
        place(twin)


def loop_rows(name: str, source: str, keys=TASK_KEYS, blank_rows: int = 3) -> list[dict]:
    """Three rows of a list table: the loop's opening tag, the row of values, the closing tag."""
    loop = f"{{%tr for {name} in {source} or [blank] * {blank_rows} %}}" if blank_rows else f"{{%tr for {name} in {source} %}}"
    return [
        {key: (loop if index == 0 else "") for index, key in enumerate(keys)},
        {key: f"{{{{ {name}.{key} }}}}" for key in keys},
        {key: ("{%tr endfor %}" if index == 0 else "") for index, key in enumerate(keys)},
    ]


def finish(document) -> None:
    """The end of a record form: the minutes of a Markdown record, on pages of their own."""
    p = document.add_paragraph()
    set_text(p._p, "{{p minutes_page }}")


def save(document, path: Path) -> None:
    props = document.core_properties
    props.created = props.modified = FIXED_TIME
    props.identifier = "{{ id }}"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = style.to_bytes(document)
    path.write_bytes(_fixed_zip(data))


def _fixed_zip(data: bytes) -> bytes:
    """The same bytes each time it is made: the zip's entries dated FIXED_TIME, in one order."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# ---- the forms


def tag(name: str) -> str:
    return f"{{{{ {name} }}}}"


def themeday_template(lang: str):
    tasks = [{**row} for row in loop_rows("task", "tasks")]
    values = {
        "id": tag("id"), "branch": {"name": tag("branch.name")},
        "integration": False, "integration_label": tag("integration_label"),
        "date": tag("date"), "time": tag("time"), "when": tag("when"), "place": tag("place"), "theme": tag("theme"),
        "entry": tag("entry"), "business_work": tag("business_work"), "prescribed": tag("prescribed"),
        "theory_practice": tag("theory_practice"), "discussion": tag("discussion"),
        "outcome": {"summary": tag("outcome.summary"), "evaluated_on": tag("outcome.evaluated_on"), "evidence": [tag("path")]},
        "tasks": tasks,
        "attendance": {"expected": tag("attendance.expected"), "present": tag("attendance.present"),
                       "absent": [{"name": tag("attendance.absent_text"), "reason": ""}]},
        "also_counts_as_text": tag("also_counts_as_text"),
        "minutes_markdown": "",
    }
    document = themeday.document(values, TRACE, lang)
    # the rows to write in: blank on a form printed before the day (a general theme day has no
    # business work or optional actions to write)
    for row, key, condition in ((2, "business", "not business_work and integration"), (3, "prescribed", "not prescribed"),
                                (4, "theory", "not theory_practice and integration"),
                                (5, "discussion", "not discussion and integration"), (6, "outcome", "not outcome.summary")):
        room_to_write(document.tables[0], row, 2, "themeday", themeday.ROW_MM[key], condition)
    [p] = paragraphs(document, tag("integration_label"))
    wrap(p, "{%p if not integration %}", "{%p endif %}")
    entry_line = t("render.td.entry_line", lang=lang, entry=tag("entry"))
    [p] = paragraphs(document, entry_line)
    wrap(p, "{%p if entry %}", "{%p endif %}")
    evaluated = t("render.td.evaluated_on", lang=lang, date=tag("outcome.evaluated_on"))
    [p] = paragraphs(document, evaluated)
    wrap(p, "{%p if outcome.evaluated_on %}", "{%p endif %}")
    [p] = paragraphs(document, t("render.td.evidence", lang=lang))
    wrap(p, "{%p if outcome.evidence %}", "{%p endif %}")
    [p] = paragraphs(document, tag("path"))
    set_text(p, "{{ loop.index }}. {{ path }}")
    wrap(p, "{%p for path in outcome.evidence %}", "{%p endfor %}")
    _loop_tag_rows(document)
    finish(document)
    return document


def meeting_template(lang: str):
    numerals = t("render.numerals", lang=lang).split(",")
    values = {
        "id": tag("id"), "title": tag("title"), "branch": {"name": tag("branch.name")},
        "type": meeting.ALL_TYPES, "type_label": tag("type_label"), "group": "", "also_counts_as_text": tag("also_counts_as_text"),
        "when": tag("when"), "place": tag("place"), "host": tag("host"), "recorder": tag("recorder"),
        "lecturer": tag("lecturer"), "topic_label": tag("topic_label"), "topic": tag("topic"),
        "content": tag("content"), "decisions": tag("decisions"), "review": {"text": tag("review.text")},
        "attendance": {"expected": tag("attendance.expected"), "present": tag("attendance.present"),
                       "absent": [{"name": tag("attendance.absent_text"), "reason": ""}]},
        "rectification": loop_rows("item", "rectification"),
        "tasks": loop_rows("task", "tasks", blank_rows=0),
        "minutes_markdown": "",
    }
    document = meeting.document(values, TRACE, lang)
    keys = [row[0] for row in meeting.rows_of(values, lang)]
    blank = {"absent": "not attendance.absent_text", "topic": "not topic", "content": "not content",
             "decisions": "not decisions", "review": "not review.text"}
    for row, key in enumerate(keys):
        if key in blank:
            room_to_write(document.tables[0], row, 1, "meeting", meeting.BLANK_MM[key], blank[key])
    # 党小组会: the group after the type
    [p] = paragraphs(document, tag("type_label"))
    set_text(p, "{{ type_label }}{% if group %}·{{ group }}{% endif %}")
    # the rows of one type of meeting only
    for key, condition in (("lecturer", "type == 'party_lecture'"), ("review.text", "type == 'member_review'")):
        [p] = paragraphs(document, tag(key))
        wrap_row(p.getparent().getparent(), f"{{%tr if {condition} %}}", "{%tr endif %}")
    # 整改措施 (组织生活会) and 任务安排 (when there are tasks), numbered in the order they appear
    rectification = t("render.heading", lang=lang, number=numerals[0], text=t("render.meeting.rectification", lang=lang))
    tasks = t("render.heading", lang=lang, number=numerals[1], text=t("render.td.tasks", lang=lang))
    [heading] = paragraphs(document, rectification)
    tables = document.element.body.findall(qn("w:tbl"))
    wrap(heading, "{%p if type == 'life_meeting' %}", "{%p endif %}")
    closing = heading.getnext()
    closing.getparent().remove(closing)
    tables[1].addnext(closing)
    [heading] = paragraphs(document, tasks)
    number = "{{ '%s' if type == 'life_meeting' else '%s' }}" % (numerals[1], numerals[0])
    set_text(heading, t("render.heading", lang=lang, number=number, text=t("render.td.tasks", lang=lang)))
    wrap(heading, "{%p if tasks %}", "{%p endif %}")
    closing = heading.getnext()
    closing.getparent().remove(closing)
    tables[2].addnext(closing)
    _loop_tag_rows(document)
    finish(document)
    return document


def pilot_template(lang: str):
    values = {
        "id": tag("id"), "name": tag("name"), "type": tag("type"), "level": tag("level"), "units_text": tag("units_text"),
        "selected_on": tag("selected_on"), "period": {"text": tag("period.text")}, "leader": tag("leader"),
        "temporary_branch": tag("temporary_branch"), "budget": tag("budget"), "spent": tag("spent"),
        "team": [], "tasks": loop_rows("task", "tasks"), "reviews": loop_rows("review", "reviews", ("date", "result", "note"), 2),
    }
    document = pilot.document(values, TRACE, lang)
    team = paragraphs(document, t("render.pilot.team", lang=lang))[0].getparent().getnext()
    set_text(team.find(qn("w:p")), tag("team_text"))
    # the reviews' number column: the loop's own count
    [tbl] = [x for x in document.element.body.findall(qn("w:tbl")) if "{{ review.date }}" in _text(x)]
    rows = tbl.findall(qn("w:tr"))
    for index, tr in enumerate(rows[1:4]):
        first = tr.find(qn("w:tc")).find(qn("w:p"))
        texts = [_text(tc) for tc in tr.iter(qn("w:tc"))]
        if index == 0:  # the loop tag moves to the first cell
            set_text(first, texts[1])
            set_text(tr.findall(qn("w:tc"))[1].find(qn("w:p")), "")
        elif index == 1:
            set_text(first, "{{ loop.index }}")
        else:
            set_text(first, texts[1])
            set_text(tr.findall(qn("w:tc"))[1].find(qn("w:p")), "")
    _loop_tag_rows(document)
    return document


def bundle_template(lang: str):
    """The 工作记录本's cover and contents; `djrh render --branch` appends the filled forms after them."""
    quota_keys = ("item", "requirement", "held", "required", "state")
    contents_keys = ("number", "date", "category", "title", "note")
    contents = [
        {key: ("{%tr for entry in entries %}" if index == 0 else "") for index, key in enumerate(contents_keys)},
        {key: f"{{{{ entry.contents.{key} }}}}" for key in contents_keys},
        {key: ("{%tr endfor %}" if index == 0 else "") for index, key in enumerate(contents_keys)},
    ]
    direct = t("render.bundle.direct", lang=lang)
    values = {
        "id": tag("id"), "institution": tag("institution"), "year": tag("year"), "as_of": tag("as_of"),
        "branch": {"name": tag("branch.name"), "general_branch": f'{{{{ branch.general_branch or "{direct}" }}}}'},
        "secretary": tag("secretary"), "members": tag("members"),
        "quotas": loop_rows("quota", "quotas", quota_keys, blank_rows=0),
        "entries": [{"contents": row} for row in contents],
    }
    document = bundle.document(values, TRACE, [], lang)
    [p] = paragraphs(document, tag("institution"))
    wrap(p, "{%p if institution %}", "{%p endif %}")
    _loop_tag_rows(document)
    return document


# ---- the report's statistics table (djrh report --format docx)

STATUS_SHADE = {"met": "D9EAD3", "not_met": "F4CCCC", "in_progress": "FFF2CC"}  # light: grey in print too
GROUP_SHADE, SUM_SHADE = "EDEDED", "F5F5F5"
STATISTICS_COLUMNS = ("branch", "themedays", "integration_days", "months_missing", "outcomes", "brands", "pilots",
                      "errors", "warnings", "waived", "status")
# 党支部, then the nine figures and the status, 243 mm in all. A 小四 character takes 4.23 mm and a
# cell 3.8 mm of margins: 13 mm holds two characters a line, 17 mm three, 21 mm four.
STATISTICS_WIDTHS_MM = [80, 13, 17, 21, 21, 13, 13, 13, 13, 17, 22]
MEETING_WIDTHS_MM = [81, 27, 27, 27, 27, 27, 27]
WAIVER_WIDTHS_MM = [50, 22, 100, 71]


def statistics_template(lang: str):
    """The statistics table on an A4 page turned landscape (eleven columns do not fit 156 mm)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from djrh.kinds import vocab
    from djrh.report import layout

    left = WD_ALIGN_PARAGRAPH.LEFT
    document = style.new_document(t("report.docx.title", lang=lang, year="{{ year }}"), "{{ id }}", lang)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(style.PAGE_HEIGHT_MM), Mm(style.PAGE_WIDTH_MM)
    style.footers(section, TRACE, lang)
    style.title(document, t("report.docx.title", lang=lang, year=tag("year")))
    style.paragraph(document, t("report.docx.byline", lang=lang, institution='{{ institution or "—" }}', as_of=tag("as_of")),
                    size=style.SIZE_TABLE, align=left, line=style.LINE_TABLE, after=4)

    # the table: {%tr for row in rows %}, then one row of each look, chosen by {%tr if %} rows
    looks = [("if row.level == 'group'", "group"), *((f"elif row.status_key == '{key}'", key) for key in STATUS_SHADE),
             ("else", "sum")]
    grid = style.table(document, STATISTICS_WIDTHS_MM, 1 + 1 + 2 * len(looks) + 2)
    header = grid.rows[0]
    style.repeat_header(header)
    style.row_height(header, 12)
    for index, column in enumerate(STATISTICS_COLUMNS):
        style.label_cell(header.cells[index], t(f"report.docx.col.{column}", lang=lang))
    cells = [tag(f"row.{name}") for name in ("name", *STATISTICS_COLUMNS[1:])]
    index = 1
    style.value_cell(grid.rows[index].cells[0], "{%tr for row in rows %}")
    index += 1
    for condition, look in looks:
        style.value_cell(grid.rows[index].cells[0], f"{{%tr {condition} %}}")
        row = grid.rows[index + 1]
        if look == "group":
            cell = style.merge(grid, index + 1, 0, index + 1, len(STATISTICS_COLUMNS) - 1)
            style.shade(cell, GROUP_SHADE)
            style.paragraph(cell, tag("row.name"), font=style.HEI, size=style.SIZE_TABLE, align=left, line=style.LINE_TABLE,
                            reuse=True)
            style.keep_row_whole(row)  # a general branch's row stays on the page of its first branch
            for paragraph in row.cells[0].paragraphs:
                paragraph.paragraph_format.keep_with_next = True
        elif look == "sum":
            style.keep_row_whole(row)
            style.row_height(row, 7)
            for offset, text in enumerate(cells):
                style.shade(row.cells[offset], SUM_SHADE)
                style.paragraph(row.cells[offset], text, font=style.HEI, size=style.SIZE_TABLE,
                                align=left if offset == 0 else WD_ALIGN_PARAGRAPH.CENTER, line=style.LINE_TABLE, reuse=True)
                row.cells[offset].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        else:
            style.keep_row_whole(row)
            style.row_height(row, 7)
            style.value_cell(row.cells[0], cells[0], align=left, middle=True)
            for offset, text in enumerate(cells[1:], start=1):
                style.value_cell(row.cells[offset], text, align=WD_ALIGN_PARAGRAPH.CENTER, middle=True)
            style.shade(row.cells[-1], STATUS_SHADE[look])
        index += 2
    style.value_cell(grid.rows[index].cells[0], "{%tr endif %}")
    style.value_cell(grid.rows[index + 1].cells[0], "{%tr endfor %}")

    # 三会一课 and the other meetings, held/required per type
    style.paragraph(document, t("report.meetings_title", lang=lang), font=style.HEI, size=style.SIZE_TABLE, align=left,
                    line=style.LINE_TABLE, before=10, after=4, keep_with_next=True)
    keys = ("name", *vocab.MEETING_TYPE)
    headers = [t("report.docx.col.branch", lang=lang), *layout.meeting_headers(lang)]
    rows = [[row[key] for key in keys] for row in loop_rows("row", "meetings", keys, blank_rows=0)]
    style.list_table(document, headers, rows, MEETING_WIDTHS_MM, centred=tuple(range(1, 7)))
    style.paragraph(document, tag("meetings_note"), size=style.SIZE_NOTE, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                    line=style.LINE_NOTE, before=2)

    # the waived findings with their approvals
    style.paragraph(document, t("report.docx.waivers", lang=lang, count="{{ waivers|length }}"), font=style.HEI,
                    size=style.SIZE_TABLE, align=left, line=style.LINE_TABLE, before=10, after=4, keep_with_next=True)
    style.paragraph(document, "{%p if waivers %}", size=style.SIZE_TABLE, align=left, line=style.LINE_TABLE)
    keys = ("unit", "code", "message", "waiver")
    headers = [t(f"report.findings_col.{key}", lang=lang) for key in keys]
    rows = [[row[key] for key in keys] for row in loop_rows("waiver", "waivers", keys, blank_rows=0)]
    style.list_table(document, headers, rows, WAIVER_WIDTHS_MM, centred=(1,))
    for text in ("{%p else %}", t("report.html.no_waivers", lang=lang), "{%p endif %}"):
        style.paragraph(document, text, size=style.SIZE_TABLE, align=left, line=style.LINE_TABLE)

    # 统计口径, then the line to sign and stamp
    style.paragraph(document, t("report.html.notes_heading", lang=lang), font=style.HEI, size=style.SIZE_NOTE, align=left,
                    line=style.LINE_NOTE, before=10, keep_with_next=True)
    note = style.paragraph(document, tag("note"), size=style.SIZE_NOTE, align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=style.LINE_NOTE,
                           keep_with_next=True)
    wrap(note._p, "{%p for note in notes %}", "{%p endfor %}")
    style.paragraph(document, t("report.docx.sign_off", lang=lang), size=style.SIZE_TABLE, align=left,
                    line=style.LINE_TABLE, before=18)
    _loop_tag_rows(document)
    return document


# The height of a row with text in it: a value's row grows with its text.
FILLED_MM = {"themeday": 11, "meeting": 10}
CELL_MM = 8  # an empty cell: 1 mm margins above and below, one 小四 line (17 pt)


def room_to_write(table, row: int, column: int, form: str, blank_mm: float, condition: str) -> None:
    """A row as tall as the paper form's only when its value is blank (`condition`): room to write
    by hand on a form printed before the meeting; a filled row is as tall as its text. The room is an
    empty paragraph of that height under the value, printed on the condition ({%p if … %})."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm

    style.row_height(table.rows[row], FILLED_MM[form])
    spacer = style.paragraph(table.cell(row, column), "", size=style.SIZE_TABLE, line=None)
    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacer.paragraph_format.line_spacing = Mm(blank_mm - CELL_MM)
    wrap(spacer._p, f"{{%p if {condition} %}}", "{%p endif %}")


def blank_heights(table, heights_mm: list[float | None]) -> None:
    """A form's rows as tall as the paper form's (room to write by hand when a value is blank; a
    longer value makes the row taller)."""
    for row, mm in zip(table.rows, heights_mm):
        if mm is not None:
            style.row_height(row, mm)


def _loop_tag_rows(document) -> None:
    """The rows that hold only a `{%tr %}` tag: no height of their own (they vanish when filled)."""
    for tr in document.element.body.iter(qn("w:tr")):
        if _text(tr).startswith("{%tr"):
            tr_pr = tr.find(qn("w:trPr"))
            if tr_pr is not None:
                for height in tr_pr.findall(qn("w:trHeight")):
                    tr_pr.remove(height)


FORMS = {"themeday": themeday_template, "meeting": meeting_template, "pilot": pilot_template, "bundle": bundle_template,
         "statistics": statistics_template}


def make(folder: Path) -> list[Path]:
    made = []
    for lang, target in (("zh", folder), ("en", folder / "en")):
        for name, build in FORMS.items():
            path = target / f"{name}.docx"
            save(build(lang), path)
            made.append(path)
    return made


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT / "templates"
    for path in make(out):
        print(path)
