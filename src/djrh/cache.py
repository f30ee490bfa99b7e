"""The cache of read and validated records, in the tree's `.djrh-cache/` (git-ignored).

Only what depends on a file's content alone is cached: its kind, its validated model, the findings
of reading and validating it (SYN, SCH). The rules always run on the whole tree.

An entry is used when the file's size, modification and change times and inode are those recorded
(a program can set a file's modification time back, but not its change time), or, when they differ
or are too recent to trust (a change within the same clock tick), when its content hash is the one
recorded. A different djrh (its version or any of its source files), Python or pydantic
makes every entry stale. Entries are kept in 64 shards, so that one changed file rewrites one small
shard, not the whole cache. A shard that cannot be read is ignored and rebuilt, never an error; a
cache that cannot be written is simply not written.

Shards are pickles read with a restricted unpickler that only builds djrh's own record and finding
types, dates and builtins: a cache file planted in a repository cannot run code.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import sys
import time
import zlib
from pathlib import Path
from typing import Any

from djrh import __version__
from djrh.fsutil import write_new, write_replacing
from djrh.models import types

FOLDER = ".djrh-cache"
SHARDS = 64
FORMAT = 1
RACY_NS = 2_000_000_000  # modification times this close to the cache's own are checked by content

# An entry: (stamp, digest, record, findings); stamp = (size, mtime_ns, ctime_ns, inode)
Entry = tuple


def stamp_of(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


_FINGERPRINT: str | None = None


def fingerprint() -> str:
    """What the cached results depend on besides the files: this djrh, Python and pydantic."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        import pydantic

        package = Path(__file__).resolve().parent
        parts = [__version__, sys.version, pydantic.VERSION]
        for path in sorted(package.rglob("*.py")):
            info = path.stat()
            parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
        _FINGERPRINT = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _FINGERPRINT


def _allowed_classes() -> dict[tuple[str, str], Any]:
    from djrh import findings, i18n, models, validate, vocab
    from djrh.records import Record

    allowed: dict[tuple[str, str], Any] = {
        ("datetime", "date"): datetime.date,
        ("djrh.records", "Record"): Record,
        ("djrh.findings", "Finding"): findings.Finding,
        ("djrh.i18n", "Msg"): i18n.Msg,
        ("djrh.validate", "FieldLabel"): validate.FieldLabel,
        ("djrh.validate", "ChoiceList"): validate.ChoiceList,
        ("djrh.vocab", "Term"): vocab.Term,
        ("djrh.models.types", "restore"): types.restore,
        ("djrh.models.types", "restore_compact"): types.restore_compact,
    }
    pending = list(models.MODELS.values())
    while pending:  # every schema class, nested parts included
        cls = pending.pop()
        allowed[(cls.__module__, cls.__qualname__)] = cls
        for model in validate.nested_models(cls).values():
            if model is not None and (model.__module__, model.__qualname__) not in allowed:
                pending.append(model)
    return allowed


class _Unpickler(pickle.Unpickler):
    allowed: dict[tuple[str, str], Any] = {}

    def __init__(self, stream, compact: bool = False) -> None:
        super().__init__(stream)
        self.compact = compact

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not a djrh cache type")
        if self.compact and found is types.restore:
            return types.restore_compact
        return found


class RecordCache:
    def __init__(self, root: Path, compact: bool = False) -> None:
        self.folder = Path(root) / FOLDER
        self.compact = compact  # rebuild models in their smaller form (a large tree)
        self.key = fingerprint()
        self._shards: dict[int, dict[str, Entry]] = {}
        self._written: dict[int, int] = {}
        self._dirty: set[int] = set()
        self._seen: set[str] = set()
        if not _Unpickler.allowed:
            _Unpickler.allowed = _allowed_classes()

    # -- reading
    def _shard_of(self, rel: str) -> int:
        return zlib.crc32(rel.encode("utf-8")) % SHARDS

    def _shard(self, number: int) -> dict[str, Entry]:
        shard = self._shards.get(number)
        if shard is None:
            shard, written = self._read(number)
            self._shards[number] = shard
            self._written[number] = written
        return shard

    def _read(self, number: int) -> tuple[dict[str, Entry], int]:
        try:
            with open(self.folder / f"records-{number:02d}.pickle", "rb") as stream:
                header = _Unpickler(stream).load()
                if not (isinstance(header, tuple) and header[:2] == (FORMAT, self.key)):
                    return {}, 0
                entries = _Unpickler(stream, self.compact).load()
            if not isinstance(entries, dict):
                return {}, 0
            return entries, int(header[2])
        except Exception:  # missing, corrupt, from another version: start this shard afresh
            return {}, 0

    def lookup(self, root: str, rel: str) -> Entry | None:
        """The cached entry of `rel` if the file is unchanged; None if it must be read."""
        self._seen.add(rel)
        number = self._shard_of(rel)
        entry = self._shard(number).get(rel)
        if entry is None:
            return None
        try:
            info = os.stat(os.path.join(root, rel))
        except OSError:
            return None
        stamp, expected = entry[0], entry[1]
        if stamp == stamp_of(info) and max(info.st_mtime_ns, info.st_ctime_ns) < self._written[number] - RACY_NS:
            return entry
        try:  # touched, or too recent to trust its time: compare the content
            with open(os.path.join(root, rel), "rb") as stream:
                raw = stream.read()
        except OSError:
            return None
        if len(raw) != info.st_size or digest(raw) != expected:
            return None
        entry = (stamp_of(info), expected, *entry[2:])
        self._shard(number)[rel] = entry
        self._dirty.add(number)  # rewrite it so the new time can be trusted next time
        return entry

    # -- writing
    def store(self, rel: str, entry: Entry) -> None:
        self._seen.add(rel)
        number = self._shard_of(rel)
        self._shard(number)[rel] = entry
        self._dirty.add(number)

    def save(self) -> None:
        """Write the shards that changed; drop the entries of files that are gone."""
        for number in range(SHARDS):
            shard = self._shards.get(number)
            if shard is None:
                continue
            gone = [rel for rel in shard if rel not in self._seen]
            for rel in gone:
                del shard[rel]
            if gone:
                self._dirty.add(number)
        if not self._dirty:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            if not (self.folder / ".gitignore").exists():
                write_new(self.folder / ".gitignore", b"*\n")
        except OSError:  # a read-only tree (or a race with another run): no cache, no complaint
            return
        now = time.time_ns()
        for number in sorted(self._dirty):
            buffer = io.BytesIO()
            pickle.dump((FORMAT, self.key, now), buffer, protocol=5)
            pickle.dump(self._shards[number], buffer, protocol=5)
            try:
                write_replacing(self.folder / f"records-{number:02d}.pickle", buffer.getvalue())
            except OSError:
                return
        self._dirty.clear()
