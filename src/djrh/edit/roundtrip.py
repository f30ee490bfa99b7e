"""Writing into an existing record while keeping the file the user wrote.

Every edit of an existing record (`djrh fill`, `djrh attach`, a save in `djrh serve`) goes through
`RecordEdit`: the record is read with ruamel.yaml's round trip (YAML 1.2), which keeps comments, key
order, quoting, flow or block style and the Markdown body of a `.md` record; the touched fields are
set in it and it is written out again. Three guards make "only the touched fields change" hold:

- the file's own indentation is used (guessed from its lines), and its BOM and line endings are
  put back;
- the new text is merged into the old one line by line: a line ruamel would have written
  differently without the edit (its own spacing, a comment it dropped with a replaced value) is
  kept as the user wrote it;
- the result is read back with djrh's own loader and must hold exactly the old values with the
  new ones set (YAML 1.2: `no`, `on` and `14:30` stay text; a date is a date); otherwise nothing is
  written.

Saving is atomic (tree/fsutil), under the tree's lock, and refused when the file changed on disk
since it was read (someone else's edit is never lost).
"""

from __future__ import annotations

import io
import re
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from djrh.i18n import Msg, msg
from djrh.read.indent import guess_indent
from djrh.read.load import MAX_FILE_BYTES, decode
from djrh.read.yaml12 import YamlProblem, parse
from djrh.tree import treefile
from djrh.tree.fsutil import FileChanged, locked, replace_if_unchanged

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_STANDALONE = re.compile(r"[ \t]*(#.*)?\Z")  # a blank line or a comment on a line of its own


class EditError(Exception):
    """Why a record cannot be edited or saved, in the user's words; nothing was written."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


class RecordEdit:
    """One record file opened for editing: `set` fields, then `text()` / `save()`."""

    def __init__(self, rel: str, raw: bytes, root: Path | None = None) -> None:
        self.rel, self.raw, self.root = rel, raw, root
        text, problem = decode(raw)
        if problem is not None:
            raise EditError(msg("edit.not_utf8", path=rel))
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.head, self.yaml_text, self.tail = _split(rel, text)
        try:
            self.data = parse(self.yaml_text).data  # djrh's own reading: what must hold afterwards
        except YamlProblem:
            raise EditError(msg("edit.syntax", path=rel)) from None
        if not isinstance(self.data, dict):
            raise EditError(msg("edit.syntax", path=rel))
        self.yaml = _yaml(self.yaml_text)
        try:
            self.doc = self.yaml.load(self.yaml_text)
        except (RuamelError, ValueError, TypeError):
            raise EditError(msg("edit.syntax", path=rel)) from None
        self.changes: list[tuple[tuple[str, ...], Any]] = []

    @classmethod
    def open(cls, root: Path, rel: str) -> RecordEdit:
        """Read the record at `root / rel` the safe way (a regular file inside the tree, not a link)."""
        try:
            raw, _ = treefile.read(root, rel, MAX_FILE_BYTES, links=False)
        except treefile.Unreadable as problem:
            raise EditError(problem.message) from None
        return cls(rel, raw, root)

    # -- reading

    def value(self, path: tuple[str, ...]) -> Any:
        """The value at `path` as djrh reads it now (with the changes made so far), or None."""
        node: Any = self.data
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    # -- editing

    def set(self, path: tuple[str, ...], value: Any) -> bool:
        """Set the field at `path` (("attendance", "present")) to `value` (text, number, bool,
        date, None, or a list or mapping of them); a missing mapping on the way is created. A new
        key goes where the form has it. Returns whether anything changed: setting a field to what
        it holds changes nothing."""
        if _loaded(value) == self.value(path) and (value is not None or _has(self.data, path)):
            return False
        node = self.doc
        for depth, key in enumerate(path[:-1]):
            child = node.get(key)
            if not isinstance(child, CommentedMap):
                child = CommentedMap()
                _put(node, key, child, self._order(path[:depth]))
            node = child
        old = node.get(path[-1])
        _put(node, path[-1], _node(value, old), self._order(path[:-1]))
        _assign(self.data, path, _loaded(value))
        self.changes.append((path, value))
        return True

    def _order(self, prefix: tuple[str, ...]) -> list[str] | None:
        """The field names of the mapping at `prefix`, in the order of the form."""
        from djrh.kinds import KIND_NAMES, MODELS
        from djrh.kinds.fields import fields_at

        kind = self.data.get("kind")
        code = KIND_NAMES.get(kind.strip()) if isinstance(kind, str) else None
        return list(fields_at(MODELS[code], prefix)) if code is not None else None

    # -- writing

    def text(self) -> str:
        """The record's new text: the old one with the touched fields changed."""
        if not self.changes:
            return self.raw.decode("utf-8").lstrip("\ufeff")
        base = _dump(self.yaml, self.yaml.load(self.yaml_text))
        edited = _dump(self.yaml, self.doc)
        for candidate in (_merge(self.yaml_text, base, edited, self.newline), _with_newline(edited, self.newline)):
            if candidate is not None and self._reads_back(candidate):
                return self.head + candidate + self.tail
        raise EditError(msg("edit.unsafe", path=self.rel))

    def new_bytes(self) -> bytes:
        if not self.changes:
            return self.raw
        data = self.text().encode("utf-8")
        return b"\xef\xbb\xbf" + data if self.bom else data

    def save(self, lock: bool = True) -> bool:
        """Write the edit atomically under the tree's lock (`lock=False`: the caller holds it);
        refused (EditError) when the file changed since it was read. Returns whether anything
        was written."""
        if not self.changes:
            return False
        assert self.root is not None, "a record read from bytes has nowhere to be saved"
        data = self.new_bytes()
        if not lock:
            self._replace(data)
            return True
        with locked(self.root):
            self._replace(data)
        return True

    def _replace(self, data: bytes) -> None:
        try:
            replace_if_unchanged(self.root / self.rel, self.raw, data)
        except FileChanged:
            raise EditError(msg("edit.changed_on_disk", path=self.rel)) from None
        except OSError as error:
            raise EditError(msg("output.write_failed", path=self.rel, detail=error.strerror or str(error))) from None

    def _reads_back(self, text: str) -> bool:
        try:
            parsed = parse(text.replace("\r\n", "\n"))
        except YamlProblem:
            return False
        return not parsed.duplicates and parsed.data == self.data


# -- the parts of a file


def _split(rel: str, text: str) -> tuple[str, str, str]:
    """(before the YAML, the YAML, after it): the `---` lines and minutes of a `.md` record."""
    if not rel.endswith(".md"):
        return "", text, ""
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].rstrip("\r \t") != "---":
        raise EditError(msg("edit.syntax", path=rel))
    end = _FRONT_MATTER_END.search(text, first_end + 1)
    if end is None:
        raise EditError(msg("edit.syntax", path=rel))
    return text[: first_end + 1], text[first_end + 1 : end.start()], text[end.start() :]


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")  # YAML 1.2 round trip
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long line
    mapping, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    first = next((line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")), "")
    yaml.explicit_start = first.rstrip() == "---" or first.startswith("--- ")
    return yaml


def _dump(yaml: YAML, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


# -- values as YAML nodes


def _node(value: Any, old: Any = None, in_flow: bool = False) -> Any:
    """`value` as ruamel writes it: text quoted where djrh (YAML 1.2) or a YAML 1.1 editor would read
    it as something else; a list of plain values in `[…]`, a list of mappings as `- {…}` rows (the
    layout of djrh's own records), unless the old value was written the other way."""
    if isinstance(value, str):
        return text_node(value, in_flow)
    if isinstance(value, list):
        scalars = all(not isinstance(item, (list, dict)) for item in value)
        old_flow = _flow(old)
        flow = old_flow if old_flow is not None and value else scalars
        items = [_node(item, None, in_flow=flow or isinstance(item, dict)) for item in value]
        seq = CommentedSeq(items)
        if flow:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    if isinstance(value, dict):
        old_flow = _flow(old)
        flow = in_flow if old_flow is None else old_flow
        mapping = CommentedMap((key, _node(item, old.get(key) if isinstance(old, dict) else None, flow)) for key, item in value.items())
        if flow:
            mapping.fa.set_flow_style()
        else:
            mapping.fa.set_block_style()
        return mapping
    return value


def _flow(node: Any) -> bool | None:
    if isinstance(node, (CommentedSeq, CommentedMap)):
        return bool(node.fa.flow_style()) if node.fa.flow_style() is not None else None
    return None


def text_node(text: str, in_flow: bool = False) -> Any:
    """Text as a YAML scalar that djrh reads back as this very text: plain when that is safe in YAML
    1.2 and 1.1 alike, a `|` block for several lines, else double-quoted."""
    if _plain_ok(text, in_flow):
        return text
    if "\n" in text and not in_flow and _literal_ok(text):
        return LiteralScalarString(text)
    return DoubleQuotedScalarString(text)


def _plain_ok(text: str, in_flow: bool) -> bool:
    from djrh.edit.scaffold import plain_safe

    return plain_safe(text, in_flow)


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    if text.startswith((" ", "\n")) or text.endswith("\n"):
        return False
    return all(line == line.rstrip() and all(ord(c) >= 32 and not 0x7F <= ord(c) <= 0x9F for c in line) for line in lines) and all(
        c not in text for c in "\ufeff\u2028\u2029\r"
    )


def _put(mapping: CommentedMap, key: str, node: Any, order: list[str] | None) -> None:
    """Set `key` in `mapping`: in place if it is there, else after the keys the form puts before it."""
    if key in mapping or not order or key not in order:
        mapping[key] = node
        return
    before = set(order[: order.index(key)])
    position = 0
    for index, existing in enumerate(mapping):
        if existing in before or existing == "kind":
            position = index + 1
    mapping.insert(position, key, node)


def _loaded(value: Any) -> Any:
    """`value` as djrh's loader gives it back (a date is read as its text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_loaded(item) for item in value]
    if isinstance(value, dict):
        return {key: _loaded(item) for key, item in value.items()}
    return value


def _has(data: Any, path: tuple[str, ...]) -> bool:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _assign(data: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    data[path[-1]] = value


# -- keeping the lines the edit did not touch


def _with_newline(text: str, newline: str) -> str:
    return text if newline == "\n" else text.replace("\n", newline)


def _merge(original: str, base: str, edited: str, newline: str) -> str | None:
    """The edit (`base` → `edited`, both as ruamel writes them) applied to the `original` lines: the
    lines the edit did not touch stay exactly as the user wrote them, and the comment lines ruamel
    dropped together with a replaced value (the heading comment of the next field) are put back.
    None when the edit touches a line ruamel writes differently from the original."""
    old = original.splitlines(keepends=True)
    base_lines, new_lines = base.splitlines(), edited.splitlines()
    old_keys = [line.rstrip("\r\n") for line in old]
    to_old: dict[int, int] = {}  # base line -> the same original line
    for block in SequenceMatcher(None, old_keys, base_lines, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_old[block.b + k] = block.a + k
    out: list[str] = []
    position = 0
    for tag, b1, b2, n1, n2 in SequenceMatcher(None, base_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if b2 > b1:
            span = [to_old.get(i) for i in range(b1, b2)]
            if None in span or span != list(range(span[0], span[0] + len(span))):
                return None
            start, end = span[0], span[-1] + 1
        elif b1 in to_old:
            start = end = to_old[b1]
        elif b1 > 0 and b1 - 1 in to_old:
            start = end = to_old[b1 - 1] + 1
        elif b1 == 0:
            start = end = 0
        else:
            return None
        if start < position:
            return None
        out.extend(old[position:start])
        added = [_comment_gap(line) + newline for line in new_lines[n1:n2]]
        out.extend(_put_back_comments(old, old_keys, start, end, added, newline))
        position = end
    out.extend(old[position:])
    return "".join(out)


_TIGHT_COMMENT = re.compile(r"^([^#'\"]*\S) #(?=\s|$)")


def _comment_gap(line: str) -> str:
    """Two spaces before a comment after a value (`present: 18  # 实到人数`), as djrh writes them:
    ruamel keeps a comment's old column, so a value written before it leaves one space."""
    return _TIGHT_COMMENT.sub(r"\1  #", line, count=1)


_KEY_LINE = re.compile(r"([ ]*(?:- )?)([^\s#:'\"][^:#]*):(?:[ \t]|$)")


def _put_back_comments(old: list[str], old_keys: list[str], start: int, end: int, added: list[str], newline: str) -> list[str]:
    """`added` (the new lines for old[start:end]) with the runs of blank and comment lines of the old
    lines put back that ruamel dropped with a replaced value: such a run is the heading of the
    field after it. A run at the end goes after the new lines; one inside goes before the line of
    the same key, when that key is still there (else it was part of the replaced value)."""
    result = list(added)
    present = {line.rstrip("\r\n") for line in added}
    index = start
    while index < end:
        if not _STANDALONE.match(old_keys[index]):
            index += 1
            continue
        run_end = index
        while run_end < end and _STANDALONE.match(old_keys[run_end]):
            run_end += 1
        run = [line if line.endswith("\n") else line + newline for line in old[index:run_end]]
        if not any(line.rstrip("\r\n") in present and line.strip() for line in run):
            if run_end == end:
                result.extend(run)
            else:
                key = _KEY_LINE.match(old_keys[run_end])
                at = None
                if key is not None:
                    prefix = key.group(1) + key.group(2) + ":"
                    at = next((i for i, line in enumerate(result) if line.startswith(prefix)), None)
                if at is not None:
                    result[at:at] = run
        index = run_end
    return result


def edit_error_text(error: EditError) -> str:
    return error.message.render()


__all__ = ["EditError", "RecordEdit", "guess_indent", "text_node"]
