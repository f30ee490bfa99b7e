"""Read one record file: bytes -> text -> (front matter) -> YAML document with positions.

Nothing here raises for bad input: every problem becomes a SYN001/SYN002 finding and the record
comes back with `data = None` (or with the part that could be read), so one broken file never hides
the findings of the others.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from djrh.tree import treefile
from djrh.findings import Finding, TreeFile, os_is_windows
from djrh.i18n import Msg, msg
from djrh.personal import find_numbers, may_hold_numbers
from djrh.records import Record
from djrh.read.fast import NOT_PLAIN, parse_plain
from djrh.read.indent import SLIPS, one_reading
from djrh.read.yaml12 import MAX_DEPTH, YamlProblem, parse, unprintable_char

MAX_FILE_BYTES = 1024 * 1024  # a real record is a few KB; refuse anything over 1 MiB
_BOM = "\ufeff"
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_CONFLICT = re.compile(rb"^(<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)( |$)", re.MULTILINE)
_FULLWIDTH_KEY = re.compile(r"^[ \t\u3000]*-?[ \t]*([A-Za-z_][\w-]*|[\u4e00-\u9fff]+)[ \t\u3000]*：", re.MULTILINE)


def record_id(rel_path: str) -> str:
    name = rel_path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def load_record(root: Path | str, rel_path: str) -> tuple[Record, list[Finding]]:
    """Read the record at `root / rel_path` (a path relative to the root, with "/")."""
    record = Record(id=record_id(rel_path), path=rel_path)
    raw, _, problem = read_source(root, rel_path)
    if problem is not None:
        return record, [_syntax(record, 1, 1, problem)]
    return read_text(record, raw, root)


def read_source(root: Path | str, rel_path: str) -> tuple[bytes | None, os.stat_result | None, Msg | None]:
    """The bytes of a record file and its stat, or why it cannot be read (over 1 MiB, unreadable,
    not a regular file, a link out of the tree: see djrh.tree.treefile)."""
    try:
        raw, info = treefile.read(root, rel_path, MAX_FILE_BYTES)
    except treefile.Unreadable as problem:
        return None, None, problem.message
    return raw, info, None


def read_text(record: Record, raw: bytes, root: Path | str = "") -> tuple[Record, list[Finding]]:
    """`root`: the tree's, for the path a message names (a file to convert)."""
    # PRV001 reads only the files whose text may hold an ID or mobile number, or whose name holds one
    # (a name is short: looked for exactly, so `branch-0000-2026-01-09-…` is not read again for nothing)
    record.long_numbers = may_hold_numbers(raw) or next(find_numbers(record.path), None) is not None
    text, problem = decode(raw)
    if problem is not None:
        return record, [problem(record, str(root))]
    conflict = _CONFLICT.search(raw) if b"<<<<<<<" in raw or b">>>>>>>" in raw else None
    if conflict is not None:
        line = raw.count(b"\n", 0, conflict.start()) + 1
        return record, [_syntax(record, line, 1, msg("syn.conflict_markers"))]
    if record.path.endswith(".md"):
        text, problem_msg = split_front_matter(record, text)
        if problem_msg is not None:
            return record, [_syntax(record, 1, 1, problem_msg)]
    return parse_into(record, text)


def decode(raw: bytes):
    """UTF-8 text without its BOM, or a function making the finding that says what the file is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        return None, lambda record, root: _syntax(record, 1, 1, _encoding_msg(record, root, "UTF-16", "UTF-16"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")) + 1
        name, iconv = guess_encoding(raw)
        return None, lambda record, root: _syntax(record, line, column, _encoding_msg(record, root, name, iconv))
    if text.startswith(_BOM):
        text = text[1:]
    return text, None


def _looks_utf16(raw: bytes) -> bool:
    head = raw[:200]
    return len(head) >= 4 and head.count(0) * 3 >= len(head)


def guess_encoding(raw: bytes) -> tuple[str, str]:
    """(what to call it, its iconv name) for a file that is not UTF-8. GB18030 decodes almost any
    bytes, so a file is called GBK only when its characters are the common ones GBK text is made of
    (Big5 text read as GBK gives rare ones): `djrh fix` converts it, and must not make mojibake."""
    try:
        raw.decode("gb18030")
        if gb2312_share(raw) >= 0.8:
            return "GBK/GB18030", "GB18030"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("big5")
        return "Big5", "BIG5"
    except UnicodeDecodeError:
        return "unknown", "GB18030"


def gb2312_share(raw: bytes) -> float:
    """The share of two-byte characters that lie in GB2312 (the 6,763 common hanzi and the
    punctuation of Chinese text): nearly all of a GBK file's, few of a Big5 file's read as GBK."""
    good = total = index = 0
    size = len(raw)
    while index < size:
        lead = raw[index]
        if lead < 0x80:
            index += 1
            continue
        trail = raw[index + 1] if index + 1 < size else 0
        if 0x30 <= trail <= 0x39:  # a four-byte GB18030 character
            total += 1
            index += 4
            continue
        total += 1
        if 0xA1 <= trail <= 0xFE and (0xB0 <= lead <= 0xF7 or 0xA1 <= lead <= 0xA9):
            good += 1
        index += 2
    return good / total if total else 1.0


def readable(raw: bytes) -> str:
    """A file's text for showing its lines: UTF-8, else decoded the way it looks encoded (a GBK
    line shows as Chinese, not as mojibake)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        return raw.decode("utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        name, codec = guess_encoding(raw)
        return raw.decode(codec if name != "unknown" else "utf-8", "replace")


def _encoding_msg(record: Record, root: str, name: str, iconv: str) -> Msg:
    """What the file looks like and how to convert it: `djrh fix` for GBK and UTF-16 (djrh.edit.fix
    converts those), the command of this system for those and Big5; an encoding it cannot tell is
    for the editor, which shows the text."""
    if name == "unknown":
        return msg("syn.encoding_unknown")
    path = TreeFile(root, record.path)
    key = "syn.encoding" if name.startswith(("GBK", "UTF-16")) else "syn.encoding_other"
    return msg(key, encoding=name, path=path, convert=Conversion(path, iconv))


# The .NET code page of each encoding djrh names (for PowerShell's conversion).
_CODE_PAGES = {"GB18030": 54936, "BIG5": 950, "UTF-16": 1200}


@dataclass(frozen=True, slots=True)
class Conversion:
    """The command that converts a file to UTF-8 where the message is read: Windows PowerShell
    (built into Windows; `powershell` also runs from cmd and PowerShell 7), else iconv. The file
    is named from the working folder (TreeFile)."""

    path: TreeFile
    iconv: str

    def render(self, lang: str) -> str:
        path = self.path.render(lang)
        if os_is_windows():
            quoted = path if path.startswith("'") else f"'{path}'"
            full = f"(Resolve-Path -LiteralPath {quoted}).ProviderPath"
            page = _CODE_PAGES.get(self.iconv, 54936)
            return (f'powershell -NoProfile -Command "[IO.File]::WriteAllText({full}, '
                    f'[IO.File]::ReadAllText({full}, [Text.Encoding]::GetEncoding({page})))"')
        converted = path[:-1] + ".utf8'" if path.endswith("'") else path + ".utf8"
        return f"iconv -f {self.iconv} -t UTF-8 {path} > {converted} && mv {converted} {path}"


def split_front_matter(record: Record, text: str) -> tuple[str, Msg | None]:
    """For a `.md` record: keep the YAML between the `---` lines, the rest is the minutes."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip("\r \t") != "---":
        return "", msg("syn.md_no_front_matter")
    start = first_end + 1
    end = _FRONT_MATTER_END.search(text, start)
    if end is None:
        return "", msg("syn.md_unclosed")
    record.line_offset = 1
    body_start = text.find("\n", end.start())
    record.body = "" if body_start < 0 else text[body_start + 1 :]
    record.body_line = text.count("\n", 0, end.start()) + 2
    return text[start : end.start()], None


def parse_into(record: Record, text: str) -> tuple[Record, list[Finding]]:
    data = parse_plain(text)
    if data is not NOT_PLAIN:  # read fast, and alike (djrh.read.fast); positions when a finding needs them
        record.data = data
        record.positions_later(text)
        return record, []
    try:
        parsed = parse(text)
    except YamlProblem as problem:
        message, line, column = describe(problem, text)
        finding = _syntax(record, line + 1 + record.line_offset, column + 1, message)
        if finding.fixable and message.key in SLIPS and not _one_reading(text, line + 1):
            finding = replace(finding, fixable=False)  # djrh fix would leave it: no safe reading
        return record, [finding]
    record.data = parsed.data
    record.positions = parsed.positions
    findings = [
        Finding(
            "SYN002", "error", record.path, dup.line + 1 + record.line_offset, dup.column + 1, record.id,
            msg("syn.duplicate_key", key=".".join(str(p) for p in dup.path), first=dup.first_line + 1 + record.line_offset),
        )
        for dup in parsed.duplicates
    ]
    return record, findings


def _one_reading(text: str, slip_line: int) -> bool:
    """Whether the tab or full-width space slip at `slip_line` of this YAML has one safe reading as
    spaces, the one `djrh fix` would write (read/indent.py)."""

    def first_slip(lines: list[str]) -> tuple[int, str] | None:
        candidate = "\n".join(lines)
        try:
            parse(candidate)
        except YamlProblem as problem:
            message, line, _ = describe(problem, candidate)
            return line + 1, message.key
        return None

    return one_reading(text.split("\n"), slip_line, first_slip, lambda lines: parse("\n".join(lines)).data) is not None


def describe(problem: YamlProblem, text: str) -> tuple[Msg, int, int]:
    """Turn a libyaml problem into a message a secretary can act on, with its 0-based position."""
    line, column = problem.line, problem.column
    if problem.key != "syn.libyaml":
        return Msg(problem.key, problem.args_), line, column
    # Slips that libyaml reports in its own terms: look for the real cause near the error first.
    first = max(0, min(problem.args_["context_line"], line) - 2)
    slip = fullwidth_colon(text, first, line)
    if slip is not None:
        return msg("syn.fullwidth_colon", key=slip[2]), slip[0], slip[1]
    slip = _find(_FULLWIDTH_INDENT, text, first, line)
    if slip is not None:  # reported where the full-width spaces are, not where libyaml gave up
        return msg("syn.fullwidth_space"), slip[0], slip[1]
    slip = _find(_NO_SPACE_KEY, text, first, line)
    if slip is not None:
        return msg("syn.no_space_after_colon", key=slip[2]), slip[0], slip[1]
    line_text = _line(text, line)
    if "，" in line_text and ("flow" in problem.args_["context"] or "','" in problem.args_["problem"]):
        return msg("syn.fullwidth_comma"), line, line_text.index("，")
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t\u3000"))]
    problem_text, context = problem.args_["problem"], problem.args_["context"]
    if "\t" in indent or "'\\t'" in problem_text or "tab" in problem_text:
        return msg("syn.tab"), line, column
    if "\u3000" in indent:
        return msg("syn.fullwidth_space"), line, indent.index("\u3000")
    bad = unprintable_char(text)
    if bad is not None:
        return msg("syn.control_char", detail=f"U+{ord(bad[2]):04X}"), bad[0], bad[1]
    message = libyaml_message(problem_text, context)
    if message.key in _OPENED_HERE:  # point at the [ { or quote left open, not where libyaml stopped
        return message, problem.args_["context_line"], problem.args_["context_column"]
    return message, line, column


# A bracket, brace or quote that is never closed: libyaml notices only lines later.
_OPENED_HERE = ("syn.unclosed_bracket", "syn.unclosed_brace", "syn.unclosed_quote")
# A line indented with full-width spaces (U+3000) before a key or a list item.
_FULLWIDTH_INDENT = re.compile(r"^[ \t]*(\u3000)(?=[ \t\u3000]*(?:-[ \t]|[A-Za-z_][\w-]*[ \t]*[:：]))")


def libyaml_message(problem: str, context: str) -> Msg:
    """The catalogue message for a libyaml (PyYAML) error. Every message libyaml has is mapped
    (see _LIBYAML_PROBLEMS); one a later libyaml adds gets a general wording, which shows libyaml's
    English words only in English output."""
    for problem_part, context_part, key in _LIBYAML_PROBLEMS:
        if problem_part in problem and context_part in context:
            return msg(key, limit=MAX_DEPTH) if key == "syn.too_deep" else msg(key)
    return msg("syn.generic", problem=problem, context=context)


def fullwidth_colon(text: str, first_line: int, last_line: int) -> tuple[int, int, str] | None:
    """A line between `first_line` and `last_line` (0-based) written `key：value` with a
    full-width colon, as a Chinese input method types it: (line, column, key)."""
    return _find(_FULLWIDTH_KEY, text, first_line, last_line)


# `theme:推进…` — no space after the colon, so YAML reads the whole line as text
_NO_SPACE_KEY = re.compile(r"^[ \t]*-?[ \t]*([A-Za-z_][\w-]*):(?=[^\s:/])")


def _find(pattern: re.Pattern, text: str, first_line: int, last_line: int) -> tuple[int, int, str] | None:
    lines = text.split("\n", last_line + 1)
    for number in range(first_line, min(last_line, len(lines) - 1) + 1):
        match = pattern.match(lines[number])
        if match is not None:
            return number, match.end() - 1, match.group(1)
    return None


# (part of libyaml's problem, part of its context, message key), first match wins. These are all the
# problems libyaml 0.2.5 (in PyYAML 6.0) reports, from its scanner.c and parser.c; reader problems
# (bad characters) are told apart earlier (syn.control_char). tests/test_yaml12.py meets each one.
_LIBYAML_PROBLEMS = (
    ("exceeded maximum nesting depth", "", "syn.too_deep"),  # PyYAML 6.0.4's own limit (1000 levels)
    ("tab character", "", "syn.tab"),
    ("", "directive", "syn.directive"),
    ("directive", "", "syn.directive"),
    ("incompatible YAML document", "", "syn.directive"),
    ("escape", "quoted scalar", "syn.bad_escape"),
    ("hexdecimal", "quoted scalar", "syn.bad_escape"),
    ("", "quoted scalar", "syn.unclosed_quote"),
    ("", "block scalar", "syn.block_scalar"),
    ("", "tag", "syn.bad_start"),
    ("tag handle", "", "syn.bad_start"),
    ("", "anchor", "syn.bad_start"),
    ("", "alias", "syn.bad_start"),
    ("cannot start any token", "", "syn.bad_start"),
    ("mapping keys are not allowed", "", "syn.bad_start"),
    ("block sequence entries are not allowed", "", "syn.list_here"),
    ("mapping values are not allowed", "", "syn.colon_in_value"),
    ("found unexpected ':'", "", "syn.colon_in_value"),
    ("did not find expected ',' or ']'", "", "syn.unclosed_bracket"),
    ("did not find expected ',' or '}'", "", "syn.unclosed_brace"),
    ("", "flow sequence", "syn.unclosed_bracket"),
    ("", "flow mapping", "syn.unclosed_brace"),
    ("could not find expected ':'", "", "syn.expected_colon"),
    ("did not find expected '-' indicator", "", "syn.list_indent"),
    ("did not find expected key", "", "syn.indent"),
    ("expected <block end>", "", "syn.indent"),
    ("did not find expected node content", "", "syn.missing_value"),
    ("document start", "", "syn.after_end"),
    ("end of stream", "", "syn.unexpected_end"),
    ("UTF-8", "", "syn.bad_character"),
    ("UTF-16", "", "syn.bad_character"),
    ("control characters", "", "syn.bad_character"),
    ("input is too long", "", "syn.bad_character"),
)


def _line(text: str, line: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line] if line < len(lines) else ""


# The slips `djrh fix` mends (djrh.edit.fix): their findings say so ("fixable").
MENDABLE = frozenset({
    "syn.encoding", "syn.tab", "syn.fullwidth_space", "syn.fullwidth_colon", "syn.fullwidth_comma",
    "syn.no_space_after_colon",
})


def mendable(message: Msg) -> bool:
    if message.key == "syn.encoding":  # GBK/GB18030 and UTF-16 convert; Big5 and the unknown do not
        return str(message.args.get("encoding", "")).startswith(("GBK", "UTF-16"))
    return message.key in MENDABLE


def _syntax(record: Record, line: int, column: int, message: Msg) -> Finding:
    return Finding("SYN001", "error", record.path, line, column, record.id, message, fixable=mendable(message))
