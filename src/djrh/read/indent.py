"""Tabs and full-width spaces used as indentation, read as spaces: each as one level of the file's
indentation, or to the next tab stop of 4 or 8 (a full-width space is two columns, as it shows).

A slip has a safe mending only when every reading of it that parses gives the same record. The
loader asks this to say whether a finding is fixable (read/load.py), and `djrh fix` takes the
reading (edit/fix.py): both through `one_reading`, so that check never promises what fix leaves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from djrh.read.yaml12 import YamlProblem

INDENT = re.compile(r"^[ \t\u3000]*")
SLIPS = ("syn.tab", "syn.fullwidth_space")


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, offset of a list's `-` under its key) as the file writes them; 2 and 2
    (djrh new's layout) where the file does not show it."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip() and not line.lstrip().startswith("#")]
    mapping = offset = None
    for above, below in zip(lines, lines[1:]):
        above_indent = len(above) - len(above.lstrip(" "))
        below_indent = len(below) - len(below.lstrip(" "))
        if not above.rstrip().endswith(":") or above.lstrip().startswith("- "):
            continue
        if below.lstrip().startswith("- ") or below.strip() == "-":
            if offset is None and below_indent >= above_indent:
                offset = below_indent - above_indent
        elif mapping is None and below_indent > above_indent:
            mapping = below_indent - above_indent
    return mapping or 2, offset if offset is not None else 2


def respace(line: str, width: int, stops: bool) -> str:
    indent = INDENT.match(line).group()
    if "\t" not in indent and "\u3000" not in indent:
        return line
    column = 0
    for char in indent:
        if char == " ":
            column += 1
        elif char == "\u3000":
            column += 2  # a full-width space is two columns wide, as it shows
        elif stops:
            column = (column // width + 1) * width
        else:
            column += width
    return " " * column + line[len(indent):]


def one_reading(
    lines: list[str], slip_line: int,
    first_slip: Callable[[list[str]], tuple[int, str] | None], data_of: Callable[[list[str]], Any],
) -> list[str] | None:
    """`lines` (the YAML of a file) with their indentation as spaces, or None when the slip at
    `slip_line` (1-based) has no safe reading. A reading is taken when the slip is gone (a later,
    other slip of the file is mended in its turn): `first_slip(lines)` gives the (line, message key)
    of the first syntax slip left, `data_of(lines)` what they read as (raising YamlProblem)."""
    plain_lines = [line for line in lines if "\t" not in INDENT.match(line).group() and "\u3000" not in line[:8]]
    unit = guess_indent("\n".join(plain_lines))[0]
    taken, complete = [], []
    for width, stops in ((unit, False), (2, False), (4, True), (8, True)):
        candidate = [respace(line, width, stops) for line in lines]
        nxt = first_slip(candidate)
        if nxt is not None and (nxt[0] <= slip_line or nxt[1] in SLIPS):
            continue
        taken.append(candidate)
        if nxt is None:
            try:
                complete.append(data_of(candidate))
            except YamlProblem:
                pass
    if not taken or any(data != complete[0] for data in complete[1:]):
        return None
    return taken[0]
