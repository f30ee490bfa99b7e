"""`djrh fix` as a library call: the mechanical mendings of slips that have exactly one meaning.

- a file saved as GBK/GB18030 or UTF-16 is converted to UTF-8 (the original stays in git); a UTF-8
  BOM is dropped;
- a full-width colon after a field name (`theme：推进…`, a Chinese input method's colon) becomes
  `theme: 推进…`; a missing space after the colon is added;
- a full-width comma between the entries of `{…}` (`{task: 备赛，owner: 王丽}`) becomes `, `; in a
  `[…]` list of fixed values (`[党课，支委会]`), the items are separated;
- tabs or full-width spaces used as indentation become spaces, when every reading of them gives
  the same record (otherwise the fix is not safe and is left to the user).

Each mending is applied where the loader reports the slip (SYN001, in file order: a file stops
parsing at its first slip) and kept only if that slip is then gone; the result must read back.
CRLF line endings and Chinese labels for codes are accepted as they are and left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from djrh.findings import Finding
from djrh.i18n import Msg, msg
from djrh.read.load import _looks_utf16, read_text, record_id
from djrh.records import Record


_COLON_KEY = re.compile(r"^([ \t\u3000]*(?:-[ \t]+)?)([A-Za-z_][\w-]*)[ \t\u3000]*：[ \t\u3000]*")
_NO_SPACE = re.compile(r"^([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w-]*):(?=[^\s:/])")
_COMMA_BEFORE_KEY = re.compile(r"[ \t]*，[ \t\u3000]*(?=[A-Za-z_][\w-]*[ \t]*:)")
_LIST_SEPARATORS = re.compile(r"[，、]")
MAX_ROUNDS = 500


@dataclass
class Mended:
    text: str  # the mended text (UTF-8, no BOM)
    original: str  # the original as text (decoded from its encoding), for a diff
    fixes: list[Msg] = field(default_factory=list)  # what was done, in the user's words
    left: list[Finding] = field(default_factory=list)  # syntax findings no fix could mend

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


def mend(rel: str, raw: bytes) -> Mended:
    """The safe fixes of the file `rel` with bytes `raw`."""
    text, original, fixes = _decode(raw)
    if text is None:
        return Mended(original, original, [], [])
    if text.startswith("\ufeff"):
        text = text[1:]
        fixes.append(msg("fix.bom"))
    for _ in range(MAX_ROUNDS):
        problem = _first_syntax(rel, text)
        if problem is None:
            break
        mended = _mend_one(text, problem)
        if mended is None:
            break
        text, done = mended
        fixes.append(done)
    text, comma_fixes = _list_commas(rel, text)
    fixes.extend(comma_fixes)
    left = [f for f in _findings(rel, text) if f.code == "SYN001"]
    return Mended(text, original, fixes, left)


def _decode(raw: bytes) -> tuple[str | None, str, list[Msg]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        for encoding in ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text, text, [msg("fix.encoding", encoding="UTF-16")]
        return None, raw.decode("utf-8", "replace"), []
    try:
        text = raw.decode("utf-8")
        return text, text, []
    except UnicodeDecodeError:
        pass
    from djrh.read.load import guess_encoding

    if guess_encoding(raw)[0] != "GBK/GB18030":  # Big5 or unknown: no safe reading
        return None, raw.decode("utf-8", "replace"), []
    text = raw.decode("gb18030")
    return text, text, [msg("fix.encoding", encoding="GBK/GB18030")]


def _findings(rel: str, text: str) -> list[Finding]:
    from djrh.check.validate import validate

    record, findings = read_text(Record(id=record_id(rel), path=rel), text.encode("utf-8"))
    if not any(f.code == "SYN001" for f in findings):
        findings = findings + validate(record)
    return findings


def _first_syntax(rel: str, text: str) -> Finding | None:
    record, findings = read_text(Record(id=record_id(rel), path=rel), text.encode("utf-8"))
    for finding in findings:
        if finding.code == "SYN001":
            return finding
    if isinstance(record.data, str):  # a one-line file `theme：推进`: read as text
        return Finding("SYN001", "error", rel, 1, 1, record.id, msg("syn.fullwidth_colon", key=""))
    return None


def _mend_one(text: str, finding: Finding) -> tuple[str, Msg] | None:
    """The text with the slip of `finding` mended, and what was done; None when it has no safe mending."""
    key = finding.message.key
    lines = text.split("\n")
    index = finding.line - 1
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    if key == "syn.fullwidth_colon":
        match = _COLON_KEY.match(line)
        if match is None:
            return None
        rest = line[match.end():]
        lines[index] = f"{match[1]}{match[2]}:" + (f" {rest}" if rest.strip() and rest.strip() != "\r" else rest)
        return _if_gone(text, "\n".join(lines), finding, msg("fix.fullwidth_colon", line=finding.line, key=match[2]))
    if key == "syn.no_space_after_colon":
        match = _NO_SPACE.match(line)
        if match is None:
            return None
        lines[index] = f"{match[1]}{match[2]}: " + line[match.end():]
        return _if_gone(text, "\n".join(lines), finding, msg("fix.no_space", line=finding.line, key=match[2]))
    if key == "syn.fullwidth_comma":
        fixed = _COMMA_BEFORE_KEY.sub(", ", line)
        if fixed == line:
            return None
        lines[index] = fixed
        return _if_gone(text, "\n".join(lines), finding, msg("fix.fullwidth_comma", line=finding.line))
    if key in ("syn.tab", "syn.fullwidth_space"):
        return _indentation(text, finding)
    return None


def _if_gone(before: str, after: str, finding: Finding, done: Msg) -> tuple[str, Msg] | None:
    """Keep a mending only if the slip it mends is gone (the next one, if any, comes later)."""
    nxt = _first_syntax(finding.path, after)
    if nxt is not None and (nxt.line, nxt.message.key) == (finding.line, finding.message.key) and after != before:
        return None
    return after, done


def _indentation(text: str, finding: Finding) -> tuple[str, Msg] | None:
    """Tabs and full-width spaces in indentation as spaces, when the slip has one safe reading
    (read/indent.py, which the loader asks too before it calls the finding fixable). Only the YAML
    is respaced: the minutes of a `.md` record are Markdown, whose paragraphs a Chinese writer
    indents with full-width spaces."""
    from djrh.read.indent import one_reading
    from djrh.read.yaml12 import parse

    lines = text.split("\n")
    count = _yaml_line_count(text, finding.path, len(lines))
    rest = lines[count:]

    def first_slip(head: list[str]) -> tuple[int, str] | None:
        slip = _first_syntax(finding.path, "\n".join(head + rest))
        return None if slip is None else (slip.line, slip.message.key)

    def data_of(head: list[str]):
        return parse(_front("\n".join(head + rest), finding.path)).data

    head = one_reading(lines[:count], finding.line, first_slip, data_of)
    if head is None:
        return None
    key = "fix.tab" if finding.message.key == "syn.tab" else "fix.fullwidth_space"
    return "\n".join(head + rest), msg(key)


def _yaml_line_count(text: str, rel: str, count: int) -> int:
    """How many of the lines of `text` are YAML: all of a `.yaml` file's; a `.md` record's up to the
    `---` closing its front matter (when it has one)."""
    if not rel.endswith(".md"):
        return count
    from djrh.read.load import split_front_matter

    record = Record(id="x", path=rel)
    _, problem = split_front_matter(record, text)
    return count if problem is not None else record.body_line - 1


def _front(text: str, rel: str) -> str:
    """The YAML of `text`: the front matter of a `.md` record."""
    if not rel.endswith(".md"):
        return text
    from djrh.read.load import split_front_matter

    yaml_text, problem = split_front_matter(Record(id="x", path=rel), text)
    return yaml_text if problem is None else text


def _list_commas(rel: str, text: str) -> tuple[str, list[Msg]]:
    """`[党课，支委会]` in a list of fixed values or ids: one item that no value matches, whose parts
    separated at the full-width comma (or 、) each do. Only inside `[…]` on one line."""
    from djrh.check.validate import validate
    from djrh.kinds import MODELS
    from djrh.kinds.fields import field_at
    from djrh.kinds.vocab import lookup_table

    record, findings = read_text(Record(id=record_id(rel), path=rel), text.encode("utf-8"))
    if findings or not isinstance(record.data, dict):
        return text, []
    problems = [f for f in validate(record) if f.code == "SCH001"]
    if not problems or record.kind is None:
        return text, []
    lines = text.split("\n")
    done = []
    for finding in sorted(problems, key=lambda f: (-f.line, -f.column)):  # from the end: lines may be added
        path = next((p for p, pos in record.positions.items()
                     if pos[2] + 1 + record.line_offset == finding.line and pos[3] + 1 == finding.column), None)
        if not path or not isinstance(path[-1], int):
            continue
        meta = field_at(MODELS[record.kind], tuple(p for p in path if not isinstance(p, int)))
        terms = meta.value_choices if meta is not None else None
        value = record.data
        for part in path:
            value = value[part]
        if terms is None or not isinstance(value, str):
            continue
        table = lookup_table(terms)
        parts = [part.strip() for part in _LIST_SEPARATORS.split(value)]
        if len(parts) < 2 or not all(part in table for part in parts):
            continue
        index, column = finding.line - 1, finding.column - 1
        line = lines[index]
        if not line[column:].startswith(value):
            continue
        block = re.match(r"([ \t]*-[ \t]+)", line)
        if block is not None and block.end() == column and line[column + len(value):].strip() == "":
            ending = "\r" if line.endswith("\r") else ""
            lines[index : index + 1] = [block.group(1) + part + ending for part in parts]  # `- 党课，支委会`
        elif line.rfind("[", 0, column) >= 0:
            lines[index] = line[:column] + ", ".join(parts) + line[column + len(value):]
        else:
            continue
        done.append(msg("fix.list_comma", line=finding.line))
    return "\n".join(lines), done


__all__ = ["Mended", "mend"]
