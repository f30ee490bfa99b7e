"""`djrh attach` as a library call: copy evidence files (佐证材料) into the tree and name them in the
record.

A file goes to `evidence/<year>/<record id>-<its own name>` (the year of the record's date): the
name keeps its Chinese, loses what no file system or command line takes (path separators, control
characters, a leading dot, `<>:"|?*`), and never replaces a file: the next free name is taken
(`…-2.pdf`), unless the same bytes are already there. The bytes are copied as they are. Its path is
added where the kind keeps its files (its spec's `file_paths`: a theme day's `outcome.evidence`, a
filing's `file`). Files over MAX_BYTES are refused: a scanned sign-in sheet or a photo is a few MB,
and a records tree is a git repository that every secretary clones.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from djrh.edit.fill import kind_of, record_day
from djrh.edit.roundtrip import EditError, RecordEdit
from djrh.i18n import msg
from djrh.read.load import record_id
from djrh.tree.fsutil import locked, write_new

MAX_BYTES = 50 * 1024 * 1024  # 50 MiB a file
EVIDENCE = "evidence"
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?\Z", re.IGNORECASE)
_UNSAFE = re.compile(r'[\\/<>:"|?*\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def safe_name(name: str) -> str:
    """A file name that every system takes, its Chinese kept: 签到表.pdf stays 签到表.pdf."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip()
    name = name.lstrip(".").rstrip(". ")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if len(stem) > 80:  # a file name of at most 255 bytes, with room for the id and a number
        stem = stem[:80]
    if len(suffix) > 16:
        stem, suffix = stem + "_" + suffix[:16], ""
    name = f"{stem}.{suffix}" if suffix else stem
    return name or "file"


def evidence_name(record: str, original: str) -> str:
    name = safe_name(original)
    return name if name.startswith(record + "-") else f"{record}-{name}"


@dataclass
class Attached:
    paths: list[str] = field(default_factory=list)  # relative to the root, as written in the record
    copied: list[str] = field(default_factory=list)  # the files copied now (the others were there)


def _read_source(source: Path, root: Path) -> bytes:
    shown = str(source)
    try:
        info = os.stat(source)
    except OSError:
        raise EditError(msg("attach.no_such_file", path=shown)) from None
    if not stat.S_ISREG(info.st_mode):
        raise EditError(msg("attach.not_a_file", path=shown))
    real = os.path.realpath(source)
    real_git = os.path.realpath(root / ".git")
    if real == real_git or real.startswith(real_git + os.sep):
        raise EditError(msg("attach.inside_git", path=shown))
    if info.st_size > MAX_BYTES:
        raise EditError(msg("attach.too_large", path=shown, size=f"{info.st_size / 1024 / 1024:.1f} MiB", limit="50 MiB"))
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(real, flags)
    except OSError as error:
        raise EditError(msg("attach.unreadable", path=shown, detail=error.strerror or str(error))) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise EditError(msg("attach.not_a_file", path=shown))
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise EditError(msg("attach.too_large", path=shown, size=f"{size / 1024 / 1024:.1f} MiB", limit="50 MiB"))
    return b"".join(chunks)


def _in_evidence(source: Path, root: Path) -> str | None:
    """The path under the root of a source already in evidence/ (it is named, not copied)."""
    real, evidence = os.path.realpath(source), os.path.realpath(root / EVIDENCE)
    if real.startswith(evidence + os.sep):
        return Path(os.path.relpath(real, os.path.realpath(root))).as_posix()
    return None


def _free(folder: Path, name: str, data: bytes) -> tuple[Path, bool]:
    """(where the file goes, whether the same bytes are already there)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 1
    while True:
        candidate = folder / (name if number == 1 else f"{stem}-{number}{'.' + suffix if suffix else ''}")
        if not os.path.lexists(candidate):
            return candidate, False
        try:
            if candidate.is_file() and not candidate.is_symlink() and candidate.stat().st_size == len(data) and candidate.read_bytes() == data:
                return candidate, True
        except OSError:
            pass
        number += 1


def attach(root: Path, rel: str, sources: list[Path]) -> Attached:
    """Copy `sources` into evidence/<year>/ and add their paths to the record at `rel`. All or
    nothing: a file that cannot be taken stops it before anything is written; if the record cannot
    be saved (it changed meanwhile), the files copied are removed again."""
    edit = _open(root, rel, len(sources))
    contents = [(source.name, _read_source(source, root), _in_evidence(source, root)) for source in sources]
    return _store(root, rel, edit, contents)


def attach_data(root: Path, rel: str, files: list[tuple[str, bytes]]) -> Attached:
    """`attach` for files given as their name and bytes (evidence uploaded in `djrh serve`): the
    same names, the same limit, the same place in the record."""
    edit = _open(root, rel, len(files))
    for name, data in files:
        if len(data) > MAX_BYTES:
            raise EditError(msg("attach.too_large", path=name, size=f"{len(data) / 1024 / 1024:.1f} MiB", limit="50 MiB"))
    return _store(root, rel, edit, [(name, data, None) for name, data in files])


def _open(root: Path, rel: str, count: int) -> RecordEdit:
    """The record, once it is known to have a place for `count` files."""
    edit = RecordEdit.open(root, rel)
    spec = kind_of(edit)
    if not spec.file_paths:
        raise EditError(msg("attach.no_place", kind=spec.code))
    pattern = spec.file_paths[0]
    if pattern[-1] != "*":
        if count > 1:
            raise EditError(msg("attach.one_file", field=".".join(pattern)))
        current = edit.value(pattern)
        if current not in (None, ""):
            raise EditError(msg("attach.has_file", field=".".join(pattern), file=str(current)))
    return edit


def _store(root: Path, rel: str, edit: RecordEdit, contents: list[tuple[str, bytes, str | None]]) -> Attached:
    """Write the files (name, bytes, their path when they are in evidence/ already) and name them
    in the record, under the tree's lock."""
    spec = kind_of(edit)
    pattern = spec.file_paths[0]
    many = pattern[-1] == "*"
    path = pattern[:-1] if many else pattern
    current = edit.value(path)
    day = record_day(spec, edit.data)
    year = (day or date.today()).year
    folder = root / EVIDENCE / str(year)
    rid = record_id(rel)
    result = Attached()
    with locked(root):
        written: list[Path] = []
        try:
            for name, data, in_place in contents:
                if in_place is not None:
                    result.paths.append(in_place)
                    continue
                target, same = _free(folder, evidence_name(rid, name), data)
                if not same:
                    write_new(target, data)
                    written.append(target)
                    result.copied.append(target.relative_to(root).as_posix())
                result.paths.append(target.relative_to(root).as_posix())
            if many:
                old = [item for item in (current or []) if isinstance(item, str) and item.strip()]
                edit.set(path, old + [p for p in dict.fromkeys(result.paths) if p not in old])
            else:
                edit.set(path, result.paths[0])
            edit.save(lock=False)
        except BaseException:
            for target in written:
                try:
                    target.unlink()
                except OSError:
                    pass
            raise
    return result


__all__ = ["MAX_BYTES", "Attached", "attach", "attach_data", "evidence_name", "safe_name"]
