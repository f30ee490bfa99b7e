"""Where djrh's output goes, and how it fits there.

- A terminal: lines wrapped to its width, a continuation indented under the start of the text it
  continues (a hanging indent), nothing cut off.
- A file or a pipe (`djrh check > 结果.txt`, `djrh rules | cat`): each line whole, never wrapped,
  never cut off; no colours.
- Any encoding: a Windows console redirect writes in the code page (GBK, cp1252), which lacks some
  characters (✓) or every Chinese one. What the encoding cannot hold is written as a look-alike
  (√, v) or an escape (\\u5df2), never a UnicodeEncodeError. Data for programs (JSON, SARIF,
  Markdown, CSV, iCalendar) is always UTF-8 (`write_data`), whatever the console's code page.
"""

from __future__ import annotations

import codecs
import re
import sys
from typing import TextIO

ERRORS = "djrh-fallback"  # the codec error handler of stdout and stderr (setup_streams)
WIDE = 10_000  # the width of a console that is no terminal: wide enough that nothing wraps

# What a character an encoding lacks is written as, best first (the first the encoding holds).
_LOOK_ALIKES = {
    "✓": ("√", "v"), "✗": ("×", "x"), "○": ("o",), "│": ("|",), "…": ("...",), "—": ("-",), "–": ("-",),
    "“": ('"',), "”": ('"',), "‘": ("'",), "’": ("'",), "·": (".",), "→": ("->",), "⏎": ("",),
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start : error.end]:
        for candidate in _LOOK_ALIKES.get(char, ()):
            try:
                candidate.encode(error.encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            shown.append(candidate)
            break
        else:
            shown.append(char.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(shown), error.end


def setup_streams() -> None:
    """Make stdout and stderr write what their encoding lacks as a look-alike or an escape."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _fallback)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", None) != ERRORS:
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # a closed or detached stream: nothing is written to it anyway
                pass


def cannot_show_chinese(stream: TextIO | None = None) -> bool:
    """The stream's encoding holds no Chinese (cp1252, ASCII): the text comes out as escapes."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        "党建".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def console(err: bool = False):
    """A rich console for stdout (or stderr): wrapping to a terminal's width, or, when the output
    is no terminal, writing each line whole at any length."""
    from rich.console import Console

    stream = sys.stderr if err else sys.stdout
    if is_terminal(stream):
        made = Console(file=stream, highlight=False)
    else:
        made = Console(file=stream, highlight=False, soft_wrap=True, width=WIDE, no_color=True)
    made.on_broken_pipe = _reader_gone  # rich would exit 1 itself: "errors found" to a CI gate
    return made


def _reader_gone() -> None:
    """The reader of the output went away (`djrh check | head`): djrh.cli.main says so by its exit code."""
    raise BrokenPipeError


def print_table(out, table) -> None:
    """A rich table: in a terminal as rich lays it out (columns wrap, nothing cut: give them
    overflow="fold"); elsewhere with each row whole and no padding after its last column."""
    if out.is_terminal:
        out.print(table)
        return
    lines = plain_table(table, ascii_only=not (out.encoding or "").lower().startswith("utf"))
    if lines is None:
        with out.capture() as captured:
            out.print(table)
        lines = captured.get().splitlines()
    out.file.write("".join(line.rstrip() + "\n" for line in lines))


def plain_table(table, ascii_only: bool = False) -> list[str] | None:
    """The lines rich writes for `table` where nothing wraps and nothing is coloured (a file, a
    pipe), laid out here: rich renders every cell through its whole machinery, 0.3 s for the
    500 rows of a 12,000-record report. Only the shapes djrh's tables have — no box, or
    SIMPLE_HEAD without edges; a header, no footer; one line of text a cell, justified left or
    right — anything else is None, and rich lays it out (tests/test_output.py compares the two)."""
    from rich import box
    from rich.cells import cell_len
    from rich.text import Text

    if table.box not in (None, box.SIMPLE_HEAD) or (table.box is not None and (table.show_edge or ascii_only)):
        return None
    if (not table.show_header or table.show_footer or table.show_lines or table.leading or table.collapse_padding
            or table.expand or table.title or table.caption or table.width is not None):
        return None
    top, right, bottom, left = table.padding
    if top or bottom:
        return None
    columns = table.columns
    texts: list[list[str]] = []
    plains: dict[str, str] = {}  # a cell's text without its markup, parsed once: many cells are alike (a status)
    for column in columns:
        if column.width is not None or column.max_width is not None or column.justify not in ("left", "right", "default"):
            return None
        cells = []
        for cell in (column.header, *column.cells):
            if not isinstance(cell, str):
                return None
            plain = cell
            if "[" in cell or ":" in cell:
                plain = plains.get(cell)
                if plain is None:
                    plain = plains[cell] = Text.from_markup(cell).plain
            if any(ord(c) < 32 or c == "\x7f" for c in plain):
                return None  # a line break or a control character: as rich shows it
            cells.append(plain)
        texts.append(cells)
    widths, pads = [], []
    for index, (column, cells) in enumerate(zip(columns, texts)):
        pad = (0 if index == 0 and not table.pad_edge else left, 0 if index == len(columns) - 1 and not table.pad_edge else right)
        width = max(cell_len(cell) for cell in cells) + sum(pad)
        if column.min_width is not None:
            width = max(width, column.min_width + sum(pad))
        widths.append(width or 1)
        pads.append(pad)
    divider = "" if table.box is None else " "
    lines = []
    for row in range(len(texts[0])):
        shown = []
        for column, cells, width, (pad_left, pad_right) in zip(columns, texts, widths, pads):
            cell = cells[row].rstrip() if column.justify == "right" else cells[row]  # as rich justifies right
            space = " " * (width - pad_left - pad_right - cell_len(cell))
            text = space + cell if column.justify == "right" else cell + space
            shown.append(" " * pad_left + text + " " * pad_right)
        lines.append(divider.join(shown))
        if table.box is None:
            continue
        if row == 0:
            lines.append("─" * (sum(widths) + len(widths) - 1))  # under the header
        elif row < len(texts[0]) - 1 and table.rows[row - 1].end_section:
            lines.append("")  # SIMPLE_HEAD's line between sections: spaces
    return lines


def write_data(text: str) -> None:
    """Text for a program (JSON, SARIF, Markdown, CSV, iCalendar): UTF-8 bytes, whatever the
    encoding of stdout (a GBK console redirect must not turn a JSON file into GBK)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream of text only (a test's StringIO)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "surrogateescape"))
    buffer.flush()


# -- wrapping with a hanging indent

# A run of characters never broken inside (a word, a number, an id, a path), a run of spaces, or one
# character of a language that breaks between any two (Chinese). Closing punctuation stays with
# what it closes, opening punctuation with what it opens.
_TOKEN = re.compile(
    r"[“‘（《「『【〔]*"
    r"(?:[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]|\s+)"
    r"[，。、；：？！）》」』】〕”’…,.;:?!)\]]*"
)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells (a Chinese character takes two), broken
    between Chinese characters or at spaces; a word longer than a line is split, never cut off."""
    from rich.cells import cell_len

    width = max(width, 10)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _TOKEN.findall(paragraph):
            size = cell_len(token)
            if used + size <= width:
                line, used = line + token, used + size
                continue
            if token.isspace():
                lines.append(line.rstrip())
                line, used = "", 0
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0
            while size > width:  # a word longer than a whole line: split it
                cut, cells = 0, 0
                while cut < len(token) and cells + cell_len(token[cut]) <= width:
                    cells += cell_len(token[cut])
                    cut += 1
                lines.append(token[:cut])
                token = token[cut:]
                size = cell_len(token)
            line, used = token, size
        lines.append(line.rstrip())
    return lines


def hanging(prefix: str, text: str, width: int | None) -> str:
    """`prefix` then `text`; with a `width` (a terminal's), `text` wrapped to it with every further
    line indented as far as the prefix reaches. Without one (no terminal), one whole line."""
    if width is None:
        return prefix + text
    from rich.cells import cell_len

    indent = cell_len(prefix)
    if indent > width // 2:  # a very long prefix: wrap under a short indent instead
        return prefix + "\n" + "\n".join("    " + line for line in wrap(text, width - 4))
    lines = wrap(text, width - indent)
    return prefix + ("\n" + " " * indent).join(lines)
