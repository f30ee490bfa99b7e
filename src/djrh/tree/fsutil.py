"""Every file djrh writes goes through here: a temporary file in the same folder, flushed to disk,
then moved into place in one step, so a crash never leaves a half-written file.

`write_new` never replaces an existing file (records); `write_replacing` replaces one only when the
caller was asked to (an output file with --force).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None = None, sync: bool = True) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _default_mode() if mode is None else mode)  # mkstemp makes it private (0600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`. Raises FileExistsError if it exists; never replaces it."""
    tmp = _write_temp(path.parent, path.name, data)
    try:
        try:
            os.link(tmp, path)  # atomic, and fails if `path` exists
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if os.path.lexists(path):
                raise FileExistsError(str(path)) from None
            os.rename(tmp, path)
        _sync_folder(path.parent)
    finally:
        _remove(tmp)


def write_new_many(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Create many new files at once (djrh import): every temporary file is written, then all are
    flushed to disk in one step (os.sync; a file at a time where there is none), then each is
    linked into place, never replacing a file. Returns the paths created; a path taken meanwhile is
    skipped (FileExistsError is not raised) and left out of the list."""
    bulk = hasattr(os, "sync")
    temps = []
    try:
        for path, data in files:
            temps.append((path, _write_temp(path.parent, path.name, data, sync=not bulk)))
        if bulk:
            os.sync()
        made = []
        for path, tmp in temps:
            try:
                os.link(tmp, path)
            except FileExistsError:
                continue
            except OSError:
                if os.path.lexists(path):
                    continue
                os.rename(tmp, path)
            made.append(path)
        for folder in {path.parent for path in made}:
            _sync_folder(folder)
        return made
    finally:
        for _, tmp in temps:
            _remove(tmp)


def write_replacing(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `path` atomically, replacing it if it exists (only when the user asked for it).
    It keeps the mode of the file it replaces, unless `mode` is given (the private cache)."""
    if mode is None:
        try:
            mode = os.stat(path).st_mode & 0o777
        except OSError:
            mode = None
    tmp = _write_temp(path.parent, path.name, data, mode)
    try:
        os.replace(tmp, path)
        _sync_folder(path.parent)
    finally:
        _remove(tmp)


class FileChanged(Exception):
    """The file is no longer what was read: someone wrote it meanwhile (an editor, git, another
    djrh). The edit is refused rather than lose their change."""


def replace_if_unchanged(path: Path, expected: bytes, data: bytes) -> None:
    """Replace `path` with `data` atomically, only if it still holds exactly `expected` (the bytes
    the edit was made from): compared right before the rename, so a change made meanwhile is never
    lost (no lost update). The caller holds the tree's lock (`locked`), so no other djrh writes in
    between; a file now missing or replaced by a link counts as changed. Raises FileChanged."""
    try:
        mode = os.lstat(path).st_mode & 0o777
    except OSError:
        raise FileChanged(str(path)) from None
    tmp = _write_temp(path.parent, path.name, data, mode)
    try:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            raise FileChanged(str(path)) from None
        try:
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
                if sum(map(len, chunks)) > len(expected):
                    break
        finally:
            os.close(fd)
        if b"".join(chunks) != expected:
            raise FileChanged(str(path))
        os.replace(tmp, path)
        _sync_folder(path.parent)
    finally:
        _remove(tmp)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# Windows locks byte ranges, and a locked range cannot be read by others: lock one byte of
# djrh.yaml far beyond its end, so that readers of the file itself are never held up.
_LOCK_OFFSET = 1 << 30


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the records tree's exclusive lock for the block; another djrh process asking for it
    waits. The lock is on the tree's folder itself (POSIX flock; on Windows a byte range of its
    djrh.yaml): nothing is created, nothing outside the tree is opened, and the system releases
    the lock if the process dies."""
    if os.name != "nt":
        import fcntl

        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)
        return
    import msvcrt

    fd = os.open(root / "djrh.yaml", os.O_RDONLY | os.O_BINARY)
    try:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # tries for 10 seconds, then raises
                break
            except OSError:
                continue
        try:
            yield
        finally:
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(fd)
