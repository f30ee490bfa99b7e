"""The fast path of the read: a plain record parsed by yaml-rs, its positions left for later.

Most record files are plain: mappings, lists and scalars, no anchor, alias, tag, directive, tab,
escape or second document. For those, yaml-rs (a YAML 1.2 parser in Rust) builds the values about
five times faster than libyaml's events through Python (benchmarks/README.md). Everything else goes
to djrh.read.yaml12 (libyaml), which stays the reference: the values of the fast path are exactly
the ones it gives (tests/test_read_fast.py compares both on the bad-input corpus, the demo tree, the
benchmark trees and generated documents), and it gives the positions of a record's keys and values
when a finding needs them (`positions`), reads every document the fast path declines, says what is
wrong with a broken one, and reports duplicate keys (SYN002).

The fast path declines (returns NOT_PLAIN) a text that
- holds a character it might read otherwise than libyaml: tab, carriage return, backslash (escapes),
  `&` `*` `!` (anchors, aliases, tags), full-width space, BOM, NEL and the Unicode line and paragraph
  separators (line breaks to libyaml, YAML 1.1), or one YAML does not allow;
- has a line starting with `%`, `---` or `...` (directives, documents); a `?` or `>`; a `|` that does
  not head a literal block of the usual shape (`key: |-`, text on the next line, deeper), or any `|`
  in a text that does not end with a line break (a file saved without its last one); a colon
  before a flow indicator or starting a value (`{a:,b}`, `a: :b`); a `[...]` or `{...}` that does not
  close on its line or holds a quote or `#`;
- has something yaml-rs would take for a number and djrh for text: `1_000`, `0b101`, `0X1F`, `+0x1`,
  `.Inf` written in mixed case; or a run of 19 digits (numbers that long are refused over 1,000
  characters, and are no record's business), or a number of 19 digits or more however written;
- or whose values show what the reference keeps otherwise: a key that is not text (djrh keeps every
  key as written), a key over 500 characters (libyaml refuses an implicit key over 1,024), nesting
  deeper than djrh.read.yaml12.MAX_DEPTH;
- or that yaml-rs cannot read at all: a syntax error, a duplicate key.
"""

from __future__ import annotations

import re
from typing import Any

from djrh.read.yaml12 import MAX_DEPTH

try:
    import yaml_rs
    from yaml_rs import DuplicateKeyPolicy, YAMLDecodeError

    _loads = yaml_rs.loads
    _ERROR = DuplicateKeyPolicy.Error
except ImportError:  # no wheel for this platform: libyaml reads everything
    yaml_rs = None

NOT_PLAIN: Any = object()

# One character is enough to send a text to libyaml (see the module's doc).
_SPECIAL = re.compile(
    "[?>\t\r\\\\&*!\u3000\ufeff\x85\u2028\u2029"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_DOCUMENT_START = ("%", "---", "...")
# A colon right before a flow indicator, or starting a value: YAML 1.2 and libyaml (1.1) read
# `{a:,b}` and `{a: :b}` otherwise. (Written to start with the colon, so that the search jumps from
# colon to colon: as `:[,\[\]{}]|(?:^|[\s\[{,]):` it tried every position, as long as yaml-rs's whole read.)
_COLON_FLOW = re.compile(":(?:[,\\[\\]{}]|(?<=[\\s\\[{,]:)|(?<=\\A:))")
_BLOCK = re.compile("^( *)((?:- )*)[^ \\n|#'\"\\[{][^\\n|#]*: \\|-?\\n( +)[^ \\n]", re.MULTILINE)
# Ways of writing a number that yaml-rs reads and djrh does not (djrh keeps them as text): a prefix
# djrh does not take (`0b`, capitals, a sign before `0x`/`0o`), and an underscore in a run of the
# characters of a number that holds a digit (`1_000`, `0x_1F`), searched for forwards and backwards.
_PREFIX = re.compile("0(?:[bBXO]|(?<=[-+]0)[xo])")
_UNDERSCORE = re.compile("_[0-9a-fA-FxXoObBeE_.+-]*[0-9]")
# djrh refuses a number written with over 1,000 characters (djrh.read.yaml12.MAX_NUMBER_LENGTH); a
# shorter text cannot hold one.
_LONG_RUN = re.compile("[0-9]{19}")
MAX_KEY = 500
_BIG = 10**18


def parse_plain(text: str) -> Any:
    """The document's values, as djrh.read.yaml12.parse gives them, or NOT_PLAIN."""
    if yaml_rs is None or _SPECIAL.search(text) is not None or text.startswith(_DOCUMENT_START):
        return NOT_PLAIN
    if "\n%" in text or "\n---" in text or "\n..." in text:  # a directive, a document's start or end
        return NOT_PLAIN
    if _COLON_FLOW.search(text) is not None or not _flow_on_one_line(text):
        return NOT_PLAIN
    if "|" in text and (not text.endswith("\n") or not _literal_blocks(text)):
        return NOT_PLAIN  # a block at the very end with no line break: yaml-rs keeps one, libyaml none
    if len(text) > 1000 and _LONG_RUN.search(text) is not None:
        return NOT_PLAIN
    try:
        data = _loads(text, parse_datetime=False, duplicate_key_policy=_ERROR)
    except (YAMLDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        return NOT_PLAIN
    kind = type(data)
    if kind is dict or kind is list:
        numbers = _plain(data, 0)
        if numbers is None:
            return NOT_PLAIN
    elif kind is float or (kind is int and not -_BIG < data < _BIG):
        return NOT_PLAIN
    else:
        numbers = kind is int
    if numbers and (
        _PREFIX.search(text) is not None or _UNDERSCORE.search(text) is not None or _UNDERSCORE.search(text[::-1]) is not None
    ):
        return NOT_PLAIN
    return data


def _literal_blocks(text: str) -> bool:
    """Every `|` heads a literal block (`key: |` or `key: |-` at the end of its line) whose first
    line holds text, indented deeper than the key: the shape djrh fill and the demo tree write.
    libyaml and yaml-rs differ on an empty block at the end of a file, and this is all they need."""
    count = 0
    for match in _BLOCK.finditer(text):
        count += 1
        if len(match.group(3)) <= len(match.group(1)) + len(match.group(2)):
            return False
    return count == text.count("|")


def _flow_on_one_line(text: str) -> bool:
    """Every `[...]` and `{...}` opens and closes on one line, with no quote or comment inside:
    libyaml and yaml-rs differ on the indentation of the lines a flow collection goes on to."""
    if "[" not in text and "]" not in text and "{" not in text and "}" not in text:
        return True
    for line in text.split("\n"):  # a carriage return never gets here (_SPECIAL)
        if ("[" in line or "]" in line or "{" in line or "}" in line) and (
            "#" in line or "'" in line or '"' in line
            or line.count("{") != line.count("}") or line.count("[") != line.count("]")
        ):
            return False
    return True


def _plain(node: Any, depth: int) -> bool | None:
    """Whether the document holds integers; None when it is not plain: a key that is not text or
    is too long, a float (its text is not checked), an integer of 19 digits or more, nesting too
    deep."""
    if depth >= MAX_DEPTH:
        return None
    numbers = False
    if type(node) is dict:
        for key in node:
            if type(key) is not str or len(key) > MAX_KEY:
                return None
        values = node.values()
    else:
        values = node
    for value in values:
        kind = type(value)
        if kind is dict or kind is list:
            inner = _plain(value, depth + 1)
            if inner is None:
                return None
            numbers = numbers or inner
        elif kind is int:
            if not -_BIG < value < _BIG:  # a hex number of 5,000 digits
                return None
            numbers = True
        elif kind is float:
            return None
    return numbers
