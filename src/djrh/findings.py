"""A finding is a plain value: what is wrong, where, in which record (SPEC section 3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from djrh.i18n import Msg

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


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

    def text(self, lang: str | None = None) -> str:
        return self.message.render(lang)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)
