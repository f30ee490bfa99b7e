"""A finding is a plain value: what is wrong, where, in which record (SPEC section 3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from djrh.i18n import Msg

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")  # the one order: most serious first
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    path: str  # relative to the tree root, "/" separators
    line: int  # 1-based
    column: int  # 1-based
    record: str  # the record id (its file name without extension)
    message: Msg
    waived: bool = False
    # The days the finding is about, when they are not its record's own dates: the year a quota
    # counts (1 January to 31 December), a deadline's or a task's due date (that day twice).
    # `djrh report` lists a finding in the report of the years it spans; it is never printed.
    span: tuple[date, date] | None = None
    # `djrh fix` has a safe mending for it (SPEC section 5: `"fixable": true` in JSON).
    fixable: bool = False
    # The field it concerns, as a path in the record (`("attendance", "present")`, `("tasks", 2)`),
    # when it concerns one: `djrh serve` shows it beside that field even when the file has no such
    # key yet (its line and column are then the nearest key's). Never printed.
    field: tuple = ()

    def text(self, lang: str | None = None) -> str:
        return self.message.render(lang)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file of the tree named in a message (to run a command on): shown as a path from the
    folder the user works in when the message is printed, quoted for a shell when it must be."""

    root: str
    rel: str

    def render(self, lang: str) -> str:
        import re
        from pathlib import Path

        from djrh.output import shown_path

        shown = shown_path(Path(self.root), self.rel)
        if re.fullmatch(r"[\w./\\:-]+", shown, re.ASCII):
            return shown
        return "'" + shown.replace("'", "''" if os_is_windows() else "'\\''") + "'"


def os_is_windows() -> bool:
    """Whether the commands a message offers are for Windows (PowerShell) or for a POSIX shell."""
    import os

    return os.name == "nt"
