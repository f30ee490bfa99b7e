"""A record as plain values for a form: every text cleaned, every code turned into its label,
every date written out, every absent value an empty string (an empty cell, never "None").

The built-in forms and an institution's own templates read the same dictionaries, so that both
print the same words. docs/templates.md lists every key; a test keeps it complete.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from djrh.kinds import vocab
from djrh.i18n import t
from djrh.paper.nobreak import nobreak
from djrh.records import Record
from djrh.personal import mask
from djrh.visible import visible
from djrh.render import minutes
from djrh.render.source import Source

# Characters XML 1.0 cannot hold (python-docx refuses them) and other invisible controls: removed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TIME_DASH = re.compile(r"\s*[-–—~～至]\s*")


def clean(value: Any) -> str:
    """Text fit for a document: None -> "", CR LF -> LF, a person's ID or mobile number masked
    (PRV001 reports it; a printed form must not carry it), a control character shown as its escape
    (`\\x01`: no field value holds one, SCH001 refuses it; the minutes of a .md record may), never
    silently dropped."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", visible(mask(text))).strip()  # NEL too


def day(value: date | None, lang: str) -> str:
    if value is None:
        return ""
    return t("render.date", lang=lang, year=value.year, month=value.month, day=value.day)


def weekday(value: date | None, lang: str) -> str:
    return t(f"render.weekday.{value.weekday()}", lang=lang) if value is not None else ""


def time_range(value: str | None, lang: str) -> str:
    return _TIME_DASH.sub(t("render.time_dash", lang=lang), clean(value)) if value else ""


def money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def label(terms: dict, code: str | None, lang: str) -> str:
    return vocab.label(terms, code, lang) if code else ""


def task_status(due: date | None, done_on: date | None, as_of: date, lang: str) -> str:
    """已完成 / 逾期 (past due and not done, as rule PJ003 sees it) / 未完成."""
    if done_on is not None:
        return t("render.status.done", lang=lang)
    if due is not None and due < as_of:
        return t("render.status.overdue", lang=lang)
    return t("render.status.open", lang=lang)


def tasks(items, as_of: date, lang: str) -> list[dict]:
    return [
        {
            "number": number,
            "task": clean(item.task),
            "owner": clean(item.owner),
            "due": item.due.isoformat() if item.due else "",  # short: they sit in narrow columns
            "done_on": item.done_on.isoformat() if item.done_on else "",
            "status": task_status(item.due, item.done_on, as_of, lang),
        }
        for number, item in enumerate(items, 1)
    ]


def branch_context(source: Source, branch_id: str) -> dict:
    parent = source.parent_of(branch_id)
    return {
        "id": branch_id,
        "name": clean(source.name_of(branch_id)),
        "general_branch": clean(source.name_of(parent)) if parent else "",
    }


def themeday(record: Record, source: Source, lang: str, as_of: date) -> dict:
    model = record.model
    entry = label(vocab.ENTRY_POINT, model.entry_point, lang)
    path = label(vocab.EDUCATION_PATH, model.education_path, lang)
    when = day(model.date, lang)
    if lang == "zh":
        when += f"（{weekday(model.date, lang)}）"
    if model.time:
        when += ("" if lang == "zh" else " ") + time_range(model.time, lang)
    attendance = model.attendance
    absent = [{"name": clean(a.name), "reason": clean(a.reason)} for a in (attendance.absent if attendance else [])]
    outcome = model.outcome
    meetings = [label(vocab.MEETING_TYPE, code, lang) for code in model.also_counts_as]
    body = clean(record.body) if record.body else ""
    return {
        "kind": "themeday",
        "id": record.id,
        "institution": clean(source.institution),
        "branch": branch_context(source, model.branch),
        "date": day(model.date, lang),
        "date_iso": model.date.isoformat(),
        "weekday": weekday(model.date, lang),
        "time": time_range(model.time, lang),
        "when": when,
        "place": clean(model.place),
        "theme": clean(model.theme),
        "integration": model.integration,
        "integration_label": t("render.td.integration" if model.integration else "render.td.not_integration", lang=lang),
        "entry_point": entry,
        "education_path": path,
        "entry": t("render.td.entry_joiner", lang=lang).join(x for x in (entry, path) if x),
        "business_work": clean(model.business_work),
        "prescribed": clean(model.prescribed),
        "theory_practice": clean(model.theory_practice),
        "discussion": clean(model.discussion),
        "tasks": tasks(model.tasks, as_of, lang),
        "attendance": {
            "expected": "" if attendance is None or attendance.expected is None else attendance.expected,
            "present": "" if attendance is None or attendance.present is None else attendance.present,
            "absent": absent,
            "text": attendance_text(attendance, absent, lang),
        },
        "also_counts_as": meetings,
        "also_counts_as_text": t("render.list_joiner", lang=lang).join(meetings),
        "outcome": {
            "evaluated_on": day(outcome.evaluated_on, lang) if outcome else "",
            "summary": clean(outcome.summary) if outcome else "",
            "evidence": [clean(path) for path in outcome.evidence] if outcome else [],
        },
        "minutes_markdown": body,
        "minutes": minutes.plain_paragraphs(body) if body else [],
    }


def attendance_text(attendance, absent: list[dict], lang: str) -> str:
    if attendance is None:
        return ""
    parts = []
    if attendance.expected is not None:
        parts.append(t("render.td.expected", lang=lang, count=attendance.expected))
    if attendance.present is not None:
        parts.append(t("render.td.present", lang=lang, count=attendance.present))
    if absent:
        names = t("render.list_joiner", lang=lang).join(
            t("render.td.absent_reason", lang=lang, name=a["name"], reason=a["reason"]) if a["reason"] else a["name"]
            for a in absent
        )
        parts.append(t("render.td.absent", lang=lang, names=names))
    return t("render.clause_joiner", lang=lang).join(parts)


def meeting(record: Record, source: Source, lang: str, as_of: date) -> dict:
    """A meeting's 会议记录 (SPEC section 2, `kind: meeting`)."""
    model = record.model
    when = day(model.date, lang)
    if lang == "zh":
        when += f"（{weekday(model.date, lang)}）"
    if model.time:
        when += ("" if lang == "zh" else " ") + time_range(model.time, lang)
    attendance = model.attendance
    absent = [{"name": clean(a.name), "reason": clean(a.reason)} for a in (attendance.absent if attendance else [])]
    meetings = [label(vocab.MEETING_TYPE, code, lang) for code in model.also_counts_as if code != model.type]
    review = model.review
    grades = ("excellent", "qualified", "basically_qualified", "unqualified")
    counts = {name: "" if review is None or getattr(review, name) is None else getattr(review, name) for name in grades}
    review_text = t("render.list_joiner", lang=lang).join(
        t("render.meeting.grade", lang=lang, grade=t(f"render.meeting.{name}", lang=lang), count=counts[name])
        for name in grades if counts[name] != ""
    )
    body = clean(record.body) if record.body else ""
    return {
        "kind": "meeting",
        "id": record.id,
        "institution": clean(source.institution),
        "branch": branch_context(source, model.branch),
        "type": model.type,
        "type_label": label(vocab.MEETING_TYPE, model.type, lang),
        "title": t(f"render.meeting.title.{model.type}", lang=lang),
        "group": clean(model.group),
        "date": day(model.date, lang),
        "date_iso": model.date.isoformat(),
        "weekday": weekday(model.date, lang),
        "time": time_range(model.time, lang),
        "when": when,
        "place": clean(model.place),
        "topic": clean(model.topic),
        "topic_label": t("render.meeting.lecture_topic" if model.type == "party_lecture" else "render.meeting.topic", lang=lang),
        "host": clean(model.host),
        "recorder": clean(model.recorder),
        "lecturer": clean(model.lecturer),
        "attendance": {
            "expected": "" if attendance is None or attendance.expected is None else attendance.expected,
            "present": "" if attendance is None or attendance.present is None else attendance.present,
            "absent": absent,
            "text": attendance_text(attendance, absent, lang),
        },
        "content": clean(model.content),
        "decisions": clean(model.decisions),
        "review": {**counts, "text": review_text},
        "rectification": tasks(model.rectification, as_of, lang),
        "tasks": tasks(model.tasks, as_of, lang),
        "also_counts_as": meetings,
        "also_counts_as_text": t("render.list_joiner", lang=lang).join(meetings),
        "held": model.date <= as_of,
        "minutes_markdown": body,
        "minutes": minutes.plain_paragraphs(body) if body else [],
    }


# A theme day's line in the bundle's table of contents, column 工作成效.
OUTCOME_FILLED, OUTCOME_MISSING, OUTCOME_NOT_NEEDED, PLANNED = "filled", "missing", "not_needed", "planned"


def bundle(branch: Record, entries: list[Record], ctx, source: Source, lang: str, as_of: date, year: int) -> dict:
    """The branch's 党支部工作记录本 of `year`: its theme days and meetings (`entries`, in date order)
    and every quota on its cover, counted by the helpers of rules/quotas.py with `ctx` (the tree's
    Context as of `as_of`), the numbers djrh check and djrh report use."""
    from djrh.rules import quotas

    count = quotas.year_count(ctx, branch.id, year)
    held = {id(day) for day in count.held}
    themedays, meetings, contents = [], [], []
    for number, record in enumerate(entries, 1):
        if record.kind == "themeday":
            form = themeday(record, source, lang, as_of)
            form["held"] = id(record) in held
            if not form["held"]:
                state = PLANNED
            elif not record.model.integration:
                state = OUTCOME_NOT_NEEDED  # only an integration day has a 工作成效 to fill (附件2)
            else:
                state = OUTCOME_FILLED if record.model.outcome is not None else OUTCOME_MISSING
            form["outcome_state"] = state
            form["outcome_state_label"] = t(f"render.bundle.outcome.{state}", lang=lang)
            themedays.append(form)
            category = t("render.book.themeday", lang=lang)
            kind_word = t("render.book.integration" if form["integration"] else "render.book.general", lang=lang)
            note = f"{kind_word}{t('render.td.entry_joiner', lang=lang)}{form['outcome_state_label']}"
            title = form["theme"]
        else:
            form = meeting(record, source, lang, as_of)
            meetings.append(form)
            category = form["type_label"] + (f"·{form['group']}" if form["group"] else "")
            title = form["topic"]
            note = t("render.bundle.outcome.planned", lang=lang) if not form["held"] else ""
        if form["also_counts_as_text"]:
            also = t("render.book.also", lang=lang, types=form["also_counts_as_text"])
            note = t("render.clause_joiner", lang=lang).join(x for x in (note, also) if x)
        form["contents"] = {"number": number, "date": form["date_iso"], "category": category, "title": title, "note": note}
        contents.append(form)
    model = branch.model
    secretary = next((m.name for m in model.committee if m.role == "secretary"), "") if branch.usable(("committee",)) else ""
    members = t("render.book.members_text", lang=lang, formal=model.members.formal, probationary=model.members.probationary)
    return {
        "kind": "bundle",
        "id": f"{branch.id}-{year}",
        "institution": clean(source.institution),
        "branch": branch_context(source, branch.id),
        "secretary": clean(secretary),
        "members": members,
        "year": year,
        "complete": year < as_of.year,
        "as_of": day(as_of, lang),
        "count": len(count.held),
        "planned": len(count.planned),
        "integration_count": len(count.held_integration),
        "integration_planned": len(count.planned_integration),
        "outcomes_due": len(count.outcomes_due),
        "outcomes_filled": len(count.outcomes_filled),
        "quotas": quota_lines(ctx, branch, year, count, lang),
        "entries": contents,
        "themedays": themedays,
        "meetings": meetings,
    }


def quota_lines(ctx, branch: Record, year: int, count, lang: str) -> list[dict]:
    """The cover's table of the year's quotas: each with what it asks, held / required and what is
    missing — the periods the rules (TD001, TD002, TD003, MT001–MT006) report, in their words."""
    from djrh.rules import quotas
    from djrh.rules.meetings import QuarterList
    from djrh.rules.themedays import MonthList

    complete = ctx.is_complete_year(year)
    joiner = t("render.list_joiner", lang=lang)
    off = sorted(ctx.config.months_off)  # "2、8 月": short enough for the cover's narrow column
    months_off = ("、".join(map(str, off)) + " 月" if lang == "zh" else MonthList(off).render(lang)) if off else ""
    expected_months = [m for m in range(1, 13) if m not in ctx.config.months_off and (year, m) >= quotas.first_month(ctx, branch)]

    def line(key: str, requirement: str, held, required, missing: str = "") -> dict:
        applies = required is not None
        short = bool(missing) or (applies and held < required)
        if not applies:
            state = t("render.book.not_applicable", lang=lang)
        elif missing:
            state = t("render.book.missing", lang=lang, what=missing)
        elif held >= required:
            state = t("render.book.done", lang=lang)
        else:
            state = t("render.book.not_done" if complete else "render.book.in_progress", lang=lang)
        return {
            "key": key, "item": t(f"render.book.item.{key}", lang=lang), "requirement": requirement,
            "held": held, "required": required if applies else "—", "state": state, "short": short and complete,
        }

    lines = [
        line("themedays", t("render.book.req.themedays", lang=lang, off=months_off) if months_off else t("render.book.req.monthly", lang=lang),
             len(count.held), len(expected_months), MonthList(quotas.missing_months(ctx, branch, year)).render(lang)),
        line("integration_days", t("render.book.req.integration", lang=lang, minimum=ctx.param("TD001", "min_days")),
             len(count.held_integration), ctx.param("TD001", "min_days")),
        line("outcomes", t("render.book.req.outcomes", lang=lang, days=ctx.param("TD003", "days")),
             len(count.outcomes_filled), len(count.outcomes_due)),
    ]
    meeting_quotas = quotas.meeting_quotas(ctx, branch, year)
    quarters = quotas.quarters_missing(ctx, branch, year)
    lines.append(line("general_meeting", t("render.book.req.general_meeting", lang=lang),
                      meeting_quotas["general_meeting"].held, meeting_quotas["general_meeting"].required,
                      QuarterList(quarters).render(lang) if quarters else ""))
    committee = meeting_quotas["branch_committee"]
    missing = quotas.committee_months_missing(ctx, branch, year) if committee.required is not None else []
    lines.append(line("branch_committee", t("render.book.req.branch_committee", lang=lang) if committee.required is not None
                      else t("render.book.req.no_committee", lang=lang),
                      committee.held, committee.required, MonthList(missing).render(lang) if missing else ""))
    groups = branch.model.party_groups if branch.usable(("party_groups",)) else []
    group_missing = []
    for group in groups:
        months = quotas.group_months_missing(ctx, branch, group, year)
        if months:
            group_missing.append(f"{clean(group.name)} {MonthList(months).render(lang)}")
    party = meeting_quotas["party_group"]
    lines.append(line("party_group", t("render.book.req.party_group", lang=lang, groups=len(groups)) if groups
                      else t("render.book.req.no_groups", lang=lang), party.held, party.required, joiner.join(group_missing)))
    for key, args in (("party_lecture", {"minimum": ctx.param("MT004", "per_year")}), ("life_meeting", {}), ("member_review", {})):
        quota = meeting_quotas[key]
        lines.append(line(key, t(f"render.book.req.{key}", lang=lang, **args), quota.held, quota.required))
    return lines


def pilot(record: Record, source: Source, lang: str, as_of: date) -> dict:
    model = record.model
    units = [{"id": unit, "name": clean(source.name_of(unit))} for unit in model.units]
    flag = {True: t("render.yes", lang=lang), False: t("render.no", lang=lang), None: ""}
    period = model.period
    return {
        "kind": "pilot",
        "id": record.id,
        "institution": clean(source.institution),
        "name": clean(model.name),
        "type": label(vocab.PILOT_TYPE, model.type, lang),
        "level": label(vocab.PILOT_LEVEL, model.level, lang),
        "units": units,
        "units_text": t("render.list_joiner", lang=lang).join(unit["name"] for unit in units),
        "selected_on": day(model.selected_on, lang),
        "period": {
            "start": day(period.start, lang) if period else "",
            "end": day(period.end, lang) if period else "",
            "text": t("render.period", lang=lang, start=day(period.start, lang), end=day(period.end, lang)) if period else "",
        },
        "budget": money(model.budget),
        "spent": money(model.spent),
        "leader": clean(model.leader),
        "team": [{"name": clean(m.name), "status": label(vocab.TEAM_STATUS, m.status, lang)} for m in model.team],
        "temporary_branch": flag[model.temporary_branch],
        "tasks": tasks(model.tasks, as_of, lang),
        "reviews": [
            {"date": r.date.isoformat(), "result": label(vocab.REVIEW_RESULT, r.result, lang), "note": clean(r.note)}
            for r in model.reviews
        ],
    }


# The keys every form template gets besides its record's values: what the built-in templates
# (templates/*.docx) print where a value is assembled from several (docs/templates.md).
BLANK_ROW = {key: "" for key in ("number", "task", "owner", "due", "done_on", "status", "date", "result", "note")}


def printed(values: dict, lang: str) -> dict:
    """`values` with the keys the forms print: `blank` (an empty table row: `tasks or [blank] * 3`
    leaves room to write by hand), `attendance.absent_text` (缺席人员及原因 in one line),
    `team_text` (a pilot's team), `minutes_page` (the minutes laid out as pages of the form, for
    `{{p minutes_page }}`: WordprocessingML, empty without minutes)."""
    joiner = t("render.list_joiner", lang=lang)
    extra: dict = {"blank": dict(BLANK_ROW)}
    attendance = values.get("attendance")
    if isinstance(attendance, dict):
        absent = joiner.join(
            t("render.td.absent_reason", lang=lang, name=a["name"], reason=a["reason"]) if a["reason"] else a["name"]
            for a in attendance["absent"]
        )
        extra["attendance"] = {**attendance, "absent_text": absent}
    if "team" in values:
        extra["team_text"] = joiner.join(
            f"{m['name']}（{m['status']}）" if lang == "zh" else f"{m['name']} ({m['status']})" for m in values["team"]
        )
    if "minutes_markdown" in values:
        extra["minutes_page"] = minutes_page(nobreak(values["minutes_markdown"]), lang, extra.get("attendance"))
    return {key: (value if key in ("minutes_markdown", "minutes_page") else nobreak_all(value))
            for key, value in {**values, **extra}.items()}


def nobreak_all(value):
    """A template's values with every date and time held on one line (paper.style.nobreak): the
    template's text is Word's, not written through style.run."""
    if isinstance(value, str):
        return nobreak(value)
    if isinstance(value, dict):
        return {key: nobreak_all(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):  # a list of the facts is a tuple
        return [nobreak_all(item) for item in value]
    return value


def minutes_page(body: str, lang: str, attendance: dict | None = None) -> str:
    """The minutes of a Markdown record as WordprocessingML (djrh.render.minutes_page); empty
    without a body (python-docx is then not imported)."""
    if not body:
        return ""
    from djrh.render import minutes_page as layout

    return layout.page(body, lang, attendance)
