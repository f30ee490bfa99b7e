"""Make the built-in form templates (templates/*.docx, templates/en/*.docx) from the house style.

    python docs/make_templates.py            # writes templates/ at the project's top level

Each form is laid out by the code that describes its look (djrh.paper.style and the form modules
djrh.render.themeday, meeting, pilot) with Jinja tags in place of the values — `{{ theme }}`,
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
from djrh.render import meeting, pilot, themeday

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
    blank_heights(document.tables[0], [themeday.ROW_MM[key] for key in ("time", "theme", "business", "prescribed",
                                                                         "theory", "discussion", "outcome")])
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
    blank_heights(document.tables[0], [meeting.BLANK_MM.get(key) for key in keys])
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


FORMS = {"themeday": themeday_template, "meeting": meeting_template, "pilot": pilot_template}


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
