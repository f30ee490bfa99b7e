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
from djrh.records import Record
from djrh.personal import mask
from djrh.render import minutes
from djrh.render.source import Source

# Characters XML 1.0 cannot hold (python-docx refuses them) and other invisible controls: removed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TIME_DASH = re.compile(r"\s*[-–—~～至]\s*")


def clean(value: Any) -> str:
    """Text fit for a document: None -> "", CR LF -> LF, control characters removed, a person's
    ID or mobile number masked (PRV001 reports it; a printed form must not carry it)."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return mask(_CONTROL.sub("", text).strip())


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


# A theme day's line in the bundle's table of contents, column 工作成效.
OUTCOME_FILLED, OUTCOME_MISSING, OUTCOME_NOT_NEEDED, PLANNED = "filled", "missing", "not_needed", "planned"


def bundle(branch: Record, days: list[Record], count, source: Source, lang: str, as_of: date, year: int) -> dict:
    """`count`: the branch's YearCount (djrh.rules.quotas), the numbers TD001 and djrh report use."""
    held = {id(day) for day in count.held}
    forms = []
    for record in days:
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
        forms.append(form)
    return {
        "kind": "bundle",
        "id": f"{branch.id}-{year}",
        "institution": clean(source.institution),
        "branch": branch_context(source, branch.id),
        "year": year,
        "as_of": day(as_of, lang),
        "count": len(count.held),
        "planned": len(count.planned),
        "integration_count": len(count.held_integration),
        "integration_planned": len(count.planned_integration),
        "outcomes_due": len(count.outcomes_due),
        "outcomes_filled": len(count.outcomes_filled),
        "themedays": forms,
    }


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
