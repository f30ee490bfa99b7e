"""A fast YAML reader with positions and YAML 1.2 core-schema semantics.

The read path of `djrh check` must be fast (thousands of records in a pre-commit hook), so it does
not use a round-trip parser. It takes the event stream of libyaml (PyYAML's C `CParser`, which does
not recurse and so cannot overflow the stack on deep nesting) and builds plain Python values in one
loop, recording where every key and value starts.

Semantics (SPEC section 1):
- YAML 1.2 core schema: only `true`/`false` are booleans, `yes`/`on` are text, `14:30` is text
  (no sexagesimal numbers), there are no implicit timestamps (dates stay text and are checked by the
  schema, so an impossible date is a finding with a position, not a parser crash).
- Mapping keys are kept as the text written in the file (field names are never numbers).
- A duplicate key is reported (SYN002) and the first value kept, so the rest of the file still counts.
- Aliases are resolved by sharing, and the expanded size is bounded (an "alias bomb" is refused);
  nesting depth is bounded; a file holds one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from sys import intern
from typing import Any

from yaml import MarkedYAMLError, YAMLError
from yaml._yaml import CParser
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from djrh.visible import UNPRINTABLE

MAX_DEPTH = 64
SHORT = 24  # plain values up to this length are interned: one string object for all their uses
MAX_NODES = 100_000  # expanded node count; a real record has under a thousand
# A number written with more digits than this is refused: no record needs one, and Python cannot
# turn a decimal of over 4,300 digits into an integer (or such an integer back into text).
MAX_NUMBER_LENGTH = 1000

Path = tuple  # a key path into the document: ("tasks", 0, "owner")
# (key line, key column, value line, value column), 0-based as libyaml gives them;
# for a list item the key position is the item's own position.
Pos = tuple[int, int, int, int]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_TAG = "tag:yaml.org,2002:"


_MAYBE_NOT_TEXT = frozenset("~nNtTfF0123456789-+.")


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if not value:
        return None
    first = value[0]
    if first not in _MAYBE_NOT_TEXT:  # most values: Chinese text, ids
        return value
    if value in _NULLS:
        return None
    boolean = _BOOLS.get(value)
    if boolean is not None:
        return boolean
    if first in "0123456789-+.":
        if len(value) > MAX_NUMBER_LENGTH and any(p.match(value) for p in (_INT, _OCT, _HEX, _FLOAT)):
            raise NumberTooLong(value)
        if _INT.match(value):
            return int(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        if _FLOAT.match(value):
            return float(value)
        special = _SPECIAL_FLOATS.get(value)
        if special is not None:
            return special
    return value


class NumberTooLong(ValueError):
    """A plain scalar that is a number of more than MAX_NUMBER_LENGTH characters."""


class YamlProblem(Exception):
    """The file cannot be read as one YAML document.

    `key` names a message in the catalogue (`syn.*`), `line`/`column` are 0-based,
    `args` fill the message."""

    def __init__(self, key: str, line: int, column: int, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.column = column
        self.args_ = args


@dataclass(frozen=True, slots=True)
class Duplicate:
    path: Path
    line: int
    column: int
    first_line: int


@dataclass(slots=True)
class Parsed:
    data: Any
    positions: dict[Path, Pos]
    duplicates: list[Duplicate]


def _tagged_scalar(tag: str, value: str, line: int, column: int) -> Any:
    if tag in ("!", _TAG + "str"):
        return value
    if tag == _TAG + "null":
        return None
    if tag in (_TAG + "int", _TAG + "float", _TAG + "bool"):
        resolved = resolve_plain(value.strip())
        kind = tag[len(_TAG):]
        ok = (
            (kind == "int" and type(resolved) is int)
            or (kind == "float" and type(resolved) in (int, float))
            or (kind == "bool" and type(resolved) is bool)
        )
        if ok:
            return float(resolved) if kind == "float" else resolved
        raise YamlProblem("syn.bad_tagged_value", line, column, tag=kind, value=value)
    raise YamlProblem("syn.unsupported_tag", line, column, tag=shown_tag(tag))


def shown_tag(tag: str) -> str:
    """A tag as it is written in the file: `!!python/object`, not `tag:yaml.org,2002:python/object`."""
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def parse(text: str) -> Parsed:
    """Parse one YAML document. Raises `YamlProblem` when it cannot be read."""
    try:
        parser = CParser(text)
    except UnicodeEncodeError as error:  # a lone surrogate: text that did not come from a file
        line, column = text.count("\n", 0, error.start), error.start - (text.rfind("\n", 0, error.start) + 1)
        raise YamlProblem("syn.control_char", line, column, detail=f"U+{ord(text[error.start]):04X}") from None
    positions: dict[Path, Pos] = {}
    duplicates: list[Duplicate] = []
    # stack frames: (container, path, is_mapping, pending key, key line, key column, size at start, anchor)
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size)
    open_anchors: set[str] = set()
    root: Any = None
    size = 0
    seen_document = False
    try:
        get = parser.get_event
        while True:
            event = get()
            etype = type(event)
            if etype is ScalarEvent or etype is AliasEvent:
                mark = event.start_mark
                if stack and etype is ScalarEvent:
                    frame = stack[-1]
                    if frame[2] and frame[3] is None:  # a key: kept as written, never resolved
                        if event.value[:1] == "\u3000" and event.implicit[0]:
                            # full-width spaces as indentation: YAML takes them for part of the key
                            raise YamlProblem("syn.fullwidth_space", mark.line, mark.column)
                        frame[3] = event.value
                        frame[4] = mark.line
                        frame[5] = mark.column
                        continue
                if etype is ScalarEvent:
                    if event.implicit[0]:
                        value = resolve_plain(event.value)
                        if type(value) is str and len(value) <= SHORT:
                            value = intern(value)  # ids, names, times recur in thousands of records
                    elif event.tag is None or event.tag == "!" or event.implicit[1]:
                        value = event.value
                    else:
                        value = _tagged_scalar(event.tag, event.value, mark.line, mark.column)
                    size += 1
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                else:
                    anchor = event.anchor
                    if anchor in open_anchors:
                        raise YamlProblem("syn.recursive_alias", mark.line, mark.column, anchor=anchor)
                    if anchor not in anchors:
                        raise YamlProblem("syn.undefined_alias", mark.line, mark.column, anchor=anchor)
                    value, expanded = anchors[anchor]
                    size += expanded
                    if size > MAX_NODES:  # without aliases the size is bounded by the file's
                        raise YamlProblem("syn.alias_bomb", mark.line, mark.column, limit=MAX_NODES)
                if not stack:
                    root = value
                    continue
                frame = stack[-1]
                container = frame[0]
                if frame[2]:  # mapping
                    if frame[3] is None:  # an alias used as a key
                        raise YamlProblem("syn.complex_key", mark.line, mark.column)
                    key = frame[3]
                    frame[3] = None
                    path = frame[1] + (key,)
                    if key in container:
                        duplicates.append(Duplicate(path, frame[4], frame[5], positions[path][0]))
                        continue
                    container[key] = value
                    positions[path] = (frame[4], frame[5], mark.line, mark.column)
                else:
                    path = frame[1] + (len(container),)
                    container.append(value)
                    positions[path] = (mark.line, mark.column, mark.line, mark.column)
            elif etype is MappingStartEvent or etype is SequenceStartEvent:
                mark = event.start_mark
                if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
                    raise YamlProblem("syn.unsupported_tag", mark.line, mark.column, tag=shown_tag(event.tag))
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem("syn.too_deep", mark.line, mark.column, limit=MAX_DEPTH)
                is_mapping = etype is MappingStartEvent
                new: Any = {} if is_mapping else []
                size += 1
                if not stack:
                    root = new
                    path = ()
                    positions[()] = (mark.line, mark.column, mark.line, mark.column)  # the record's start
                else:
                    frame = stack[-1]
                    parent = frame[0]
                    if frame[2]:
                        if frame[3] is None:
                            raise YamlProblem("syn.complex_key", mark.line, mark.column)
                        key = frame[3]
                        frame[3] = None
                        path = frame[1] + (key,)
                        if key in parent:
                            duplicates.append(Duplicate(path, frame[4], frame[5], positions[path][0]))
                            path = frame[1] + ("\0duplicate", mark.line)  # build it, keep it out of the data
                        else:
                            parent[key] = new
                            positions[path] = (frame[4], frame[5], mark.line, mark.column)
                    else:
                        path = frame[1] + (len(parent),)
                        parent.append(new)
                        positions[path] = (mark.line, mark.column, mark.line, mark.column)
                anchor = event.anchor
                if anchor is not None:
                    open_anchors.add(anchor)
                stack.append([new, path, is_mapping, None, 0, 0, size, anchor])
            elif etype is MappingEndEvent or etype is SequenceEndEvent:
                frame = stack.pop()
                anchor = frame[7]
                if anchor is not None:
                    open_anchors.discard(anchor)
                    anchors[anchor] = (frame[0], size - frame[6] + 1)
            elif etype is DocumentStartEvent:
                if seen_document:
                    mark = event.start_mark
                    raise YamlProblem("syn.multiple_documents", mark.line, mark.column)
                seen_document = True
            elif etype is DocumentEndEvent:
                pass
            elif etype is StreamEndEvent:
                break
    except NumberTooLong as error:
        mark = event.start_mark
        written = str(error).lstrip("+-")
        digits = len(written[2:] if written[:2] in ("0x", "0o") else written)
        raise YamlProblem("syn.number_too_long", mark.line, mark.column, digits=digits, limit=MAX_NUMBER_LENGTH) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line, mark.column) if mark is not None else (0, 0)
        opened = (error.context_mark.line, error.context_mark.column) if error.context_mark is not None else (line, column)
        raise YamlProblem(
            "syn.libyaml", line, column,
            problem=error.problem or "", context=error.context or "", context_line=opened[0], context_column=opened[1],
        ) from None
    except YAMLError:  # ReaderError: a character YAML does not allow; it carries an offset, not a line
        found = unprintable_char(text)
        if found is None:
            raise YamlProblem("syn.bad_character", 0, 0) from None
        line, column, char = found
        raise YamlProblem("syn.control_char", line, column, detail=f"U+{ord(char):04X}") from None
    finally:
        parser.dispose()
    return Parsed(root, positions, duplicates)


_UNPRINTABLE = UNPRINTABLE  # YAML's printable set (1.2 section 5.1), minus TAB/LF/CR which are allowed


def _first_unprintable(text: str) -> tuple[int, int]:
    match = _UNPRINTABLE.search(text)
    if match is None:
        return 0, 0
    start = match.start()
    line = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1)
    return line, column


def unprintable_char(text: str) -> tuple[int, int, str] | None:
    """The first character YAML does not allow in a file, with its 0-based position."""
    match = _UNPRINTABLE.search(text)
    if match is None:
        return None
    line, column = _first_unprintable(text)
    return line, column, match.group()
