"""The cache of read and validated records, kept outside the records tree.

Only what depends on a file's content alone is cached: its kind, the facts of its validated model
(djrh.kinds.facts), the findings of reading and validating it (SYN, SCH); and djrh.yaml's checked
configuration (`kept_config`, check/config.py), with the digest of the bytes it was checked from.
The rules always run on the whole tree.

Where: in the user's cache folder, one folder per tree named by a hash of the tree's real path —
`$DJRH_CACHE_DIR/<hash>` when that variable is set, else `%LOCALAPPDATA%\\djrh\\cache\\<hash>` on
Windows, `$XDG_CACHE_HOME/djrh/<hash>` or `~/.cache/djrh/<hash>` elsewhere. Nothing committed to a
tree can change a result: a `.djrh-cache/` inside the tree (where earlier versions kept it) is never
read or written. The folders are created private (0700); a tree's folder that is a symbolic link,
belongs to another user or can be written by others is not used (the run is simply not cached).

An entry is used when the file's size, modification and change times and inode are those recorded
(a program can set a file's modification time back, but not its change time), or, when they differ
or are too recent to trust (a change within the same clock tick), when its content hash is the one
recorded. A different djrh (its version or any of its source files), Python or pydantic
makes every entry stale. Entries are kept in 64 shards, so that one changed file rewrites one small
shard, not the whole cache. A shard is a CRC-32 and a pickle: a shard that is not a regular file,
is too large, fails its checksum or cannot be read is ignored and rebuilt, and an entry of the
wrong shape is a miss — never an error; a cache that cannot be written is simply not written.

`djrh check` from the command line walks the whole tree with a stat of every entry for the key of
its stored result (tree/stamps.py); the cache takes that walk instead of a stat of its own for each
file (`trust`). The walk a check took is kept beside the shards when all its times were two seconds
old and it held no link and nothing unreadable: `walk.pickle`, with the record files it found,
written as soon as those are known (before the records load: a large tree's walk is a few MB), and
`walk-times.pickle`, when each shard was written, once the shards are saved; both read like a shard,
the second naming the first by a random token. A later walk with the same entries names the ones
whose stamps differ: those are looked at as above; every other file's entry is used as it is, unless
its shard was written since (by djrh serve, a check at a terminal). When no entry changed its type
either, the record files are those found then.

Shards are read with a restricted unpickler that only builds djrh's own record and finding
types, dates and builtins: a cache file planted where djrh looks cannot run code.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import struct
import sys
import time
import zlib
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from djrh import __version__
from djrh.tree import treefile
from djrh.tree.cachedir import cache_home, folder_for  # noqa: F401  (where the cache is)
from djrh.tree.cachedir import make_private as _make_private, usable as _usable
from djrh.tree.fsutil import write_replacing
from djrh.tree.stamps import ENTRY_BYTES, RACY_NS, Walk, changed_files, same_types
from djrh.findings import Finding
from djrh.read.load import MAX_FILE_BYTES
from djrh.kinds import MODELS
from djrh.kinds.facts import facts_class, share
from djrh.records import Record

SHARDS = 64
FORMAT = 5  # 3: records hold their facts (djrh.kinds.facts); 4: a stamp is packed bytes, findings a tuple; 5: the digest is the git blob id
MAGIC = b"djrh-cache\n"
SHARD_LIMIT = 256 * 1024 * 1024  # a shard of a 120,000-record tree is about 2 MB

# An entry: (stamp, digest, record, findings): the stamp packs (size, mtime_ns, ctime_ns, inode)
# into 32 bytes, the findings are a tuple (most are the one empty tuple). Packed, an entry costs a
# third of what four int objects in a tuple and a list per record did (140 bytes a record, 17 MB at
# 122,000 records), and is a third as many objects to unpickle.
Entry = tuple
_STAMP = struct.Struct("<QqqQ")
_LET_GO: dict = {}  # a shard read, found clean and let go (RecordCache.lookup_all)


def stamp_of(info: os.stat_result) -> bytes:
    """What says a file is unchanged: its size, modification and change times and inode."""
    return _STAMP.pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def digest(raw: bytes) -> bytes:
    """A file's content digest: its git blob id (treefile.blob_id), which a form's trace line
    shows, so that a report of the whole tree takes it from the read instead of reading every
    file again (`load_tree(digests=...)`)."""
    return treefile.blob_id(raw)


_FINGERPRINT: str | None = None


def fingerprint() -> str:
    """What the cached results depend on besides the files: this djrh, Python and pydantic."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        import pydantic

        parts = [__version__, sys.version, pydantic.VERSION]
        for path in sources():
            info = path.stat()
            parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
        _FINGERPRINT = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _FINGERPRINT


def sources() -> list[Path]:
    """Every source file of djrh: a change to any of them (a message, a rule) may change a result."""
    import djrh

    package = Path(djrh.__file__).resolve().parent
    return sorted(package.rglob("*.py"))


def _allowed_classes() -> dict[tuple[str, str], Any]:
    from djrh import findings, i18n
    from djrh.check import config, validate
    from djrh.kinds import facts, vocab
    from djrh.read import load
    from djrh.records import Record

    allowed: dict[tuple[str, str], Any] = {
        ("datetime", "date"): datetime.date,
        ("djrh.records", "Record"): Record,
        ("djrh.findings", "Finding"): findings.Finding,
        ("djrh.findings", "TreeFile"): findings.TreeFile,
        ("djrh.read.load", "Conversion"): load.Conversion,
        ("djrh.i18n", "Msg"): i18n.Msg,
        ("djrh.check.validate", "FieldLabel"): validate.FieldLabel,
        ("djrh.check.validate", "ChoiceList"): validate.ChoiceList,
        ("djrh.check.validate", "PartLabels"): validate.PartLabels,
        ("djrh.check.validate", "FieldExample"): validate.FieldExample,
        ("djrh.kinds.vocab", "Term"): vocab.Term,
        ("djrh.check.config", "Config"): config.Config,
        ("djrh.check.config", "RuleSetting"): config.RuleSetting,
        ("djrh.check.config", "Deadline"): config.Deadline,
    }
    for cls in facts.made():  # the facts of every kind and part, made as the kinds are registered
        allowed[(cls.__module__, cls.__qualname__)] = cls
        # and its schema class, which a schema error's message names its field by (validate.FieldLabel,
        # PartLabels): without it, a shard holding one such finding could not be read back at all
        allowed[(cls.SCHEMA.__module__, cls.SCHEMA.__qualname__)] = cls.SCHEMA
    return allowed


class _Unpickler(pickle.Unpickler):
    allowed: dict[tuple[str, str], Any] = {}

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not a djrh cache type")
        return found


def _facts_classes() -> dict[str, type]:
    """Kind code -> the class of its records' facts (what `_entry_ok` expects of a cached model)."""
    return {kind: facts_class(model) for kind, model in MODELS.items()}


def _entry_ok(entry: Any, rel: str, classes: dict[str, type]) -> bool:
    """The shape of an entry as `store` keeps it; anything else (a damaged or foreign shard) is a miss.
    `classes`: `_facts_classes()`. (Run for every record of a warm check: kept to plain type tests.)"""
    if type(entry) is not tuple or len(entry) != 4:
        return False
    stamp, expected, record, findings = entry
    if type(stamp) is not bytes or len(stamp) != _STAMP.size:
        return False
    if type(expected) is not bytes or type(record) is not Record or type(findings) is not tuple:
        return False
    kind, model = record.kind, record.model
    if record.path != rel or type(record.id) is not str or (kind is not None and kind not in classes):
        return False
    if model is not None and (kind is None or type(model) is not classes[kind]):
        return False
    if not (type(record.line_offset) is int and type(record.body_line) is int and type(record.long_numbers) is bool):
        return False
    for finding in findings:
        if type(finding) is not Finding or finding.path != rel or type(finding.line) is not int or type(finding.column) is not int:
            return False
    return True


class RecordCache:
    def __init__(self, root: Path) -> None:
        self.folder = folder_for(root)
        self._readable = self.folder is not None and _usable(self.folder)
        self.key = fingerprint()
        self._shards: dict[int, dict[str, Entry]] = {}
        self._written: dict[int, int] = {}
        self._dirty: set[int] = set()
        self._seen: set[str] = set()
        # trust(): the files whose stamps a walk of the tree found as they were when the walk kept
        # with the cache was taken, and the shards' times then (a shard written since is not trusted)
        self._trusting = False
        self._changed: set[str] = set()
        self._kept_written: tuple[int, ...] = ()
        self._kept_token: bytes | None = None  # the kept walk's, when this run trusts it
        self._token: bytes | None = None  # the walk this run trusts or keeps, whose times `remember` writes
        self._walk: Walk | None = None  # a walk to keep (`keep`)
        self._saved = True
        self.walked: tuple[list[str], list[Finding]] | None = None  # the record files, from the kept walk
        if not _Unpickler.allowed:
            _Unpickler.allowed = _allowed_classes()

    # -- reading
    def _shard_of(self, rel: str) -> int:
        return zlib.crc32(rel.encode("utf-8", "surrogatepass")) % SHARDS

    def _shard(self, number: int) -> dict[str, Entry]:
        shard = self._shards.get(number)
        if shard is None or shard is _LET_GO:  # not read yet, or let go: (again) from the disk
            shard, written = self._read(number)
            self._shards[number] = shard
            self._written[number] = written
        return shard

    def _read(self, number: int) -> tuple[dict[str, Entry], int]:
        if not self._readable:
            return {}, 0
        try:
            found = self._open_framed(_shard_name(number))
            if found is None:
                return {}, 0
            _, stream = found
            header = _Unpickler(stream).load()
            if not (type(header) is tuple and len(header) == 3 and header[:2] == (FORMAT, self.key) and type(header[2]) is int):
                return {}, 0
            entries = _Unpickler(stream).load()
            if type(entries) is not dict:
                return {}, 0
            return entries, header[2]
        except Exception:  # missing, corrupt, from another version, not a file: start this shard afresh
            return {}, 0

    def lookup_all(self, root: str, rels: list[str]) -> Iterator[tuple[int, Entry | None]]:
        """(index in `rels`, its entry or None) of every file, one shard after another: a shard
        whose every entry was found fresh, with none of its files now gone, has nothing to write and is
        let go at once (its stamps, digests and tuples are a fifth of a large tree's memory; its
        records live on in the tree)."""
        by_shard: dict[int, list[int]] = {}
        for index, rel in enumerate(rels):
            by_shard.setdefault(self._shard_of(rel), []).append(index)
        classes = _facts_classes()
        for number, indexes in by_shard.items():
            clean = True
            for index in indexes:
                entry = self._lookup(root, rels[index], number, classes)
                clean = clean and entry is not None
                yield index, entry
            if clean and number not in self._dirty and len(self._shards[number]) == len(indexes):
                self._shards[number] = _LET_GO

    def lookup(self, root: str, rel: str) -> Entry | None:
        """The cached entry of `rel` if the file is unchanged; None if it must be read."""
        return self._lookup(root, rel, self._shard_of(rel), _facts_classes())

    def _lookup(self, root: str, rel: str, number: int, classes: dict[str, type]) -> Entry | None:
        self._seen.add(rel)
        shard = self._shard(number)
        try:
            entry = shard.get(rel)
            if entry is None:
                return None
            if not _entry_ok(entry, rel, classes):
                del shard[rel]
                return None
            if self._trusting and rel not in self._changed and self._written[number] == self._kept_written[number]:
                return entry  # its stamp is the one the kept walk saw, and so is the file's now (trust)
            return self._fresh(root, rel, number, entry)
        except Exception:  # whatever a damaged entry holds, it is a miss, never an error
            shard.pop(rel, None)
            return None

    def _fresh(self, root: str, rel: str, number: int, entry: Entry) -> Entry | None:
        try:
            info = os.stat(os.path.join(root, rel))
        except (OSError, ValueError):
            return None
        stamp, expected = entry[0], entry[1]
        # a time within two seconds of the shard's own may change again without changing: checked by content
        if stamp == stamp_of(info) and max(info.st_mtime_ns, info.st_ctime_ns) < self._written[number] - RACY_NS:
            return entry
        try:  # touched, or too recent to trust its time: compare the content
            raw, info = treefile.read(root, rel, MAX_FILE_BYTES)
        except treefile.Unreadable:
            return None
        if digest(raw) != expected:
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
            if shard is None or shard is _LET_GO:
                continue
            gone = [rel for rel in shard if rel not in self._seen]
            for rel in gone:
                del shard[rel]
            if gone:
                self._dirty.add(number)
        if not self._dirty or self.folder is None:
            return
        if not (_usable(self.folder) or _make_private(self.folder)):
            return  # no cache folder to be had (read-only home, a link planted there): no cache, no complaint
        now = time.time_ns()
        for number in sorted(self._dirty):
            buffer = _framed()
            pickle.dump((FORMAT, self.key, now), buffer, protocol=5)
            pickle.dump(self._shards[number], buffer, protocol=5)
            for entry in self._shards[number].values():  # the UTF-8 copies pickling left in their texts
                if entry[2].model is not None:
                    share(entry[2].model)
            if not self._write_framed(_shard_name(number), buffer):
                self._saved = False
                return
            self._written[number] = now
        self._dirty.clear()

    # -- a walk of the tree instead of a stat of each file
    def trust(self, walk: Walk) -> None:
        """Take `walk` (tree/stamps.py: every entry of the tree with its stamp, which `djrh check`
        takes anyway for its stored result) as what the files are now. A file whose stamp in it is
        the one of the walk kept with the cache, in a shard not written since that walk was kept,
        is fresh without a stat of its own: every entry of such a shard was fresh (or read) when
        the kept walk was taken, that walk was settled (its times two seconds old), and a file
        changed since has a newer change time — another stamp. When no entry changed its name or
        its type either, the record files are those found then (`walked`)."""
        kept = self._read_kept(WALK_NAME, 7)
        times = self._read_kept(WALK_TIMES_NAME, 2)
        same = False
        if kept is not None and times is not None:
            (token, root, newest, started, size, paths, findings), rest = kept
            (times_token, written), _ = times
            if token == times_token and _kept_ok(token, root, newest, started, size, paths, findings, rest, written):
                before = Walk(root, rest[:size], rest[size:], newest, started, whole=True)  # views of the file read
                changed = changed_files(before, walk)
                if changed is not None:
                    self._trusting, self._changed, self._kept_written = True, changed, written
                    self._token = self._kept_token = token
                    if same_types(before, walk):
                        self.walked = (paths, findings)
                        same = not changed
        # a walk to keep in its place: taken settled and whole, and not the one kept
        self._walk = walk if walk.whole and walk.settled and not same else None

    def keep(self, walked: tuple[list[str], list[Finding]]) -> None:
        """Keep the walk given to `trust` with the cache, with the record files found in the tree
        (`walked`, tree/root.record_paths) — now, before the records are loaded (a walk of a large
        tree is a few MB) — and let it go. It holds once `remember` has written the shards' times."""
        walk, self._walk = self._walk, None
        if walk is None or self.folder is None:
            return
        token = os.urandom(16)
        paths, findings = walked
        kept = (token, walk.root, walk.newest, walk.started, len(walk.names), list(paths), list(findings))
        if self._write_kept(WALK_NAME, kept, tail=(walk.names, walk.numbers)):  # as they are, after the pickle
            self._token = token

    def remember(self) -> None:
        """Once the shards are saved: the time of each, beside the walk this run trusted or kept
        (a shard written by this run holds what it found against that walk, or read)."""
        if self._token is None or not self._saved:
            return
        written = self._written_now()
        if self._token != self._kept_token or written != self._kept_written:
            self._write_kept(WALK_TIMES_NAME, (self._token, written))

    def _written_now(self) -> tuple[int, ...]:
        """When each shard was written, as this run read or wrote it (-1: not read: never trusted)."""
        return tuple(self._written.get(number, -1) for number in range(SHARDS))

    def _read_kept(self, name: str, fields: int) -> tuple[tuple, memoryview] | None:
        """What `_write_kept` wrote under `name` for this djrh: a tuple of `fields` values and a view
        of the bytes after them; None when missing, damaged or foreign."""
        if not self._readable:
            return None
        try:
            found = self._open_framed(name)
            if found is None:
                return None
            raw, stream = found
            kept = _Unpickler(stream).load()  # only djrh's cache types, as a shard
            if type(kept) is not tuple or len(kept) != fields + 2 or kept[:2] != (FORMAT, self.key):
                return None
            return kept[2:], memoryview(raw)[stream.tell() :]
        except Exception:  # missing, damaged, foreign: nothing kept, every file is stat'ed
            return None

    def _write_kept(self, name: str, values: tuple, tail: tuple[bytes, ...] = ()) -> bool:
        """The pickle of `values`, then the bytes of `tail` as they are (a large tree's walk is a
        few MB: not pickled, read back as a view of the file)."""
        if not (_usable(self.folder) or _make_private(self.folder)):
            return False
        buffer = _framed()
        pickle.dump((FORMAT, self.key, *values), buffer, protocol=5)
        for part in tail:
            buffer.write(part)
        return self._write_framed(name, buffer)

    # -- the configuration (check/config.py)
    def kept_config(self, raw: bytes) -> Any:
        """The configuration an earlier run checked from these bytes of djrh.yaml, if kept."""
        kept = self._read_kept(CONFIG_KEPT_NAME, 2)
        if kept is None:
            return None
        (source_digest, config), _ = kept
        return config if source_digest == digest(raw) else None

    def keep_config(self, raw: bytes, config: Any) -> None:
        if self.folder is not None:
            self._write_kept(CONFIG_KEPT_NAME, (digest(raw), config))

    # -- the files of the cache folder: MAGIC, a checksum of the rest, the rest
    def _open_framed(self, name: str) -> tuple[bytes, io.BytesIO] | None:
        """The bytes of the cache file `name`, its checksum right, and a stream over them (no copy)
        at the rest; None when it is not one. Raises what treefile.read raises (its callers take any
        exception as a miss)."""
        raw, _ = treefile.read(self.folder, name, SHARD_LIMIT, links=False)
        head = len(MAGIC) + 4
        if not raw.startswith(MAGIC) or _checksum(memoryview(raw)[head:]) != raw[len(MAGIC) : head]:
            return None
        stream = io.BytesIO(raw)
        stream.seek(head)
        return raw, stream

    def _write_framed(self, name: str, buffer: io.BytesIO) -> bool:
        """Write `buffer` (begun by `_framed`) as the cache file `name`, its checksum filled in."""
        with buffer.getbuffer() as view:
            view[len(MAGIC) : len(MAGIC) + 4] = _checksum(view[len(MAGIC) + 4 :])
            try:
                write_replacing(self.folder / name, view, mode=0o600)
            except OSError:
                return False
        return True


def _kept_ok(token, root, newest, started, size, paths, findings, rest, written) -> bool:
    """The shape of a kept walk and its times as `keep` and `remember` write them."""
    if type(token) is not bytes or type(written) is not tuple or len(written) != SHARDS:
        return False
    if not all(type(value) is int for value in (*written, newest, started, size)):
        return False
    if type(root) is not str or not 0 <= size <= len(rest) or (len(rest) - size) % ENTRY_BYTES:
        return False
    if not (type(paths) is list and all(type(rel) is str for rel in paths) and type(findings) is list):
        return False
    return all(type(finding) is Finding and type(finding.path) is str and type(finding.line) is int for finding in findings)


def _framed() -> io.BytesIO:
    """A cache file being written: MAGIC and room for the checksum (RecordCache._write_framed)."""
    buffer = io.BytesIO()
    buffer.write(MAGIC + bytes(4))
    return buffer


def _checksum(payload: bytes) -> bytes:
    """A damaged shard (a torn write, a bad disk) is found before it is unpickled: a CRC-32, 4 ms
    for a 14 MB cache (the folder is the user's own: this is against damage, not an adversary)."""
    return zlib.crc32(payload).to_bytes(4, "big")


WALK_NAME = "walk.pickle"  # the walk kept: its entries, stamps and record files (RecordCache.keep)
WALK_TIMES_NAME = "walk-times.pickle"  # when each shard was written, while that walk held (remember)
CONFIG_KEPT_NAME = "config.pickle"  # djrh.yaml's checked configuration, with the digest of its bytes


def _shard_name(number: int) -> str:
    return f"records-{number:02d}.pickle"
