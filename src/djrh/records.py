"""A record: one file of the tree, parsed, with the position of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from djrh.models import RecordSchema
from djrh.yaml12 import Path, Pos


@dataclass(slots=True, eq=False)
class Record:
    id: str  # file name without extension (SPEC section 1)
    path: str  # relative to the root, "/" separators
    data: Any = None  # the parsed YAML; None when the file could not be read
    positions: dict[Path, Pos] = field(default_factory=dict)
    line_offset: int = 0  # lines before the YAML starts (the `---` of a Markdown front matter)
    body: str | None = None  # the Markdown body (minutes) of a `.md` record
    body_line: int = 0  # the file line (1-based) where that body starts
    kind: str | None = None  # a known kind, once read
    model: RecordSchema | None = None  # the validated record; None when it has schema errors

    def locate(self, path: Path = (), part: str = "key") -> tuple[int, int]:
        """1-based (line, column) of a key (`part="key"`) or its value (`part="value"`).

        A path that is not in the file (a missing field) falls back to its nearest parent
        that is, and finally to the record's start: its first key, after any leading comments."""
        while True:
            pos = self.positions.get(path)
            if pos is not None:
                line, column = (pos[0], pos[1]) if part == "key" else (pos[2], pos[3])
                return line + 1 + self.line_offset, column + 1
            if not path:
                return 1, 1
            path = path[:-1]
            part = "value"

    @property
    def valid(self) -> bool:
        return self.model is not None
