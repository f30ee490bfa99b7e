"""A record: one file of the tree, with its validated model and, on demand, the parsed document.

After a record is validated, the rules work on its model (`record.model`): the facts of the
validated pydantic model (djrh.kinds.facts), read the same way. A record with schema
errors keeps a partial model: the fields that validated, while those that did not are absent from
it and named in `record.broken` (SPEC section 3: such a record still counts wherever the fields a
rule reads are valid; `djrh.rules.base.Context.of_kind` hands rules only such records). The parsed document —
`data`, the `positions` of every key and value, the Markdown `body` — is needed only for the few
records a finding is reported on (and for a record whose model could not be built), so it is
released once the record is validated (`release`) and read again from the file when asked for.
This keeps a province-size tree in memory, and lets a cached or parallel load skip it entirely.
"""

from __future__ import annotations

import re
from typing import Any

from djrh.kinds.facts import Facts
from djrh.read.yaml12 import Path, Pos

_UNLOADED: Any = object()
_UNREAD: Any = object()  # positions still to be read from `_yaml`
NO_FIELDS: frozenset[str] = frozenset()

# A record's id is its file name without the extension: an ASCII slug (SPEC section 1, ID001).
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


class Record:
    __slots__ = (
        "id", "path", "kind", "model", "valid", "broken", "line_offset", "body_line", "long_numbers",
        "_data", "_positions", "_body", "_root", "_yaml",
    )

    def __init__(self, id: str, path: str) -> None:
        self.id = id  # file name without extension (SPEC section 1)
        self.path = path  # relative to the root, "/" separators
        self.kind: str | None = None  # a known kind, once read
        # The validated record's facts (djrh.kinds.facts); with schema errors, the part that
        # validated (see `broken`); None when not even its kind is known.
        self.model: Facts | None = None
        self.valid = False  # read and validated without any SYN or SCH finding
        self.broken = NO_FIELDS  # top-level fields that did not validate (absent from `model`)
        self.line_offset = 0  # lines before the YAML starts (the `---` of a Markdown front matter)
        self.body_line = 0  # the file line (1-based) where the Markdown body starts
        # An 11-digit run somewhere in the file: only then can it hold an ID or mobile number
        # (PRV001 reads the records that do, and skips walking every string of the others).
        self.long_numbers = False
        self._data: Any = None  # the parsed YAML; None when the file could not be read
        self._positions: dict[Path, Pos] = {}
        self._body: str | None = None  # the Markdown body (minutes) of a `.md` record
        self._root: str | None = None  # set while the document is released
        # The YAML text, kept while the positions are still to be read from it: a document read
        # by the fast path (djrh.read.fast) has its values, and its positions only when asked for.
        self._yaml: str | None = None

    # -- the parsed document, read again from the file once released
    @property
    def data(self) -> Any:
        if self._data is _UNLOADED:
            self._reload()
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    @property
    def positions(self) -> dict[Path, Pos]:
        if self._positions is _UNLOADED:
            self._reload()
        if self._positions is _UNREAD:
            self._positions = positions_of(self._yaml)
            self._yaml = None
        return self._positions

    @positions.setter
    def positions(self, value: dict[Path, Pos]) -> None:
        self._positions = value
        self._yaml = None

    def positions_later(self, text: str) -> None:
        """The positions are those of the YAML `text`, read (by libyaml) when first asked for."""
        self._positions = _UNREAD
        self._yaml = text

    @property
    def body(self) -> str | None:
        if self._body is _UNLOADED:
            self._reload()
        return self._body

    @body.setter
    def body(self, value: str | None) -> None:
        self._body = value

    def release(self, root: str) -> None:
        """Forget the parsed document; it is read again from `root / path` if it is asked for."""
        self._data = self._positions = self._body = _UNLOADED
        self._yaml = None
        self._root = str(root)

    def _reload(self) -> None:
        from djrh.read.load import load_record

        fresh, _ = load_record(self._root, self.path)
        self._data, self._positions, self._body, self._yaml = fresh._data, fresh._positions, fresh._body, fresh._yaml
        self.line_offset, self.body_line = fresh.line_offset, fresh.body_line

    def __getstate__(self) -> tuple:
        """What a cache or a worker process passes on: never the document itself."""
        return (
            self.id, self.path, self.kind, self.model, self.valid, self.broken, self.line_offset, self.body_line,
            self.long_numbers, self._root,
        )

    def __setstate__(self, state: tuple) -> None:
        (
            self.id, self.path, self.kind, self.model, self.valid, self.broken, self.line_offset, self.body_line,
            self.long_numbers, root,
        ) = state
        self.release(root or "")

    # -- positions
    def locate(self, path: Path = (), part: str = "key") -> tuple[int, int]:
        """1-based (line, column) of a key (`part="key"`) or its value (`part="value"`).

        A path that is not in the file (a missing field) falls back to its nearest parent
        that is, and finally to the record's start: its first key, after any leading comments."""
        positions = self.positions
        while True:
            pos = positions.get(path)
            if pos is not None:
                line, column = (pos[0], pos[1]) if part == "key" else (pos[2], pos[3])
                return line + 1 + self.line_offset, column + 1
            if not path:
                return 1, 1
            path = path[:-1]
            part = "value"

    def values_at(self, pattern: tuple[str, ...]) -> list[tuple[tuple, Any]]:
        """(path, value) of every value at `pattern` ("*" = each list item): read from the model
        when the record is valid (no need for the document), else from the parsed document."""
        if self.valid:
            value = getattr(self.model, pattern[0], None)
            if value is None:  # the common case for a nested one too: a theme day without its outcome yet
                return []
            if len(pattern) == 1:  # the common case, a plain field: `branch`, `owner`, `file`
                return [(pattern, value)]
            return _walk(self.model, pattern, attribute=True)
        return _walk(self.data, pattern, attribute=False)

    def __repr__(self) -> str:
        return f"Record({self.path!r}, kind={self.kind!r}, valid={self.valid})"

    def usable(self, fields: tuple[str, ...]) -> bool:
        """Whether `fields` of the model can be read: it has a model and none of them is broken."""
        return self.model is not None and not (self.broken and self.broken.intersection(fields))


def positions_of(text: str) -> dict[Path, Pos]:
    """The positions of every key and value of a YAML text that the fast path read."""
    from djrh.read.yaml12 import YamlProblem, parse

    try:
        return parse(text).positions
    except YamlProblem:  # cannot be: the fast path reads only what libyaml reads alike
        return {}


def _walk(node: Any, pattern: tuple[str, ...], attribute: bool) -> list[tuple[tuple, Any]]:
    """(path, value) of every value at `pattern` below `node`, in document order: one level of the
    pattern at a time (run for every record by REF001 and REF002, so without a generator a level)."""
    level: list[tuple[tuple, Any]] = [((), node)]
    for head in pattern:
        below = []
        if head == "*":
            for prefix, item in level:
                if isinstance(item, (list, tuple)):  # a list of the data, a tuple of the facts
                    below += [(prefix + (index,), value) for index, value in enumerate(item)]
        elif attribute:
            for prefix, item in level:
                if item is not None and hasattr(item, head):
                    below.append((prefix + (head,), getattr(item, head)))
        else:
            for prefix, item in level:
                if isinstance(item, dict) and head in item:
                    below.append((prefix + (head,), item[head]))
        if not below:
            return below
        level = below
    return [(path, value) for path, value in level if value is not None]
