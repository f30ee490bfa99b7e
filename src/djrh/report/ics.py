"""`djrh due --format ics`: the reminders as an iCalendar file (RFC 5545) a branch secretary imports
into her phone's calendar or Outlook: one all-day event per item, on its due date.

- Each event's UID is made of what the item is (its kind, its unit and its key: the period, the
  meeting type, the task), never of its wording or counts, so importing a newer file updates the
  event instead of adding a second one; SEQUENCE and DTSTAMP grow with the as-of date, so that a
  calendar takes the newer version.
- Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character (3.1); text
  values escape backslash, semicolon, comma and newline (3.3.11); Chinese text is written as UTF-8.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from djrh.i18n import t
from djrh.personal import mask
from djrh.report.due import DueItem


def calendar(items: list[DueItem], names: dict[str, tuple[str, str | None]], as_of: date, lang: str) -> str:
    stamp = as_of.strftime("%Y%m%d") + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//djrh//due//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(t('due.calendar_name', lang=lang))}",
    ]
    for item in items:
        name = names.get(item.branch, (item.branch, None))[0]
        kind = t(f"due.kind.{item.kind}", lang=lang)
        summary = f"{kind}：{name}" if lang == "zh" else f"{kind}: {name}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(item)}",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{as_of.toordinal()}",
            f"DTSTART;VALUE=DATE:{item.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(item.date + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{text(summary)}",
            f"DESCRIPTION:{text(item.message.render(lang) + chr(10) + mask(item.path))}",
            f"CATEGORIES:{text(kind)}",
            "TRANSP:TRANSPARENT",  # a reminder, not a busy day
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def uid(item: DueItem) -> str:
    """Stable for the same reminder: its kind, its unit and its key."""
    key = f"{item.kind}|{item.branch}|{item.key}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@djrh"


def text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
