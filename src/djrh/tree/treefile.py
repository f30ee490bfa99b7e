"""The one way djrh opens a file of the records tree (a record, djrh.yaml, a template, a cache
lookup, the source lines the text output shows, the hash printed on a form).

A tree comes from a git commit, a zip or a shared folder: anything in it may be a symbolic link
out of the tree (`/proc/self/environ`, `/etc/passwd`), a named pipe that never answers, a device
that never ends, or a huge file. So a file is read only when

- its real location is inside the tree's real root: the folder is resolved (once per folder and
  run), the file itself is opened with O_NOFOLLOW, and a symbolic link is followed only to a place
  inside the tree;
- it is a regular file: checked before it is opened (lstat) and again on the open descriptor
  (fstat; O_NONBLOCK, so that a pipe put in its place meanwhile does not wait for a writer);
- it is not larger than the caller's limit (only that much is ever read).

Otherwise `Unreadable` says why, in the user's words, and nothing of the file was read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat

from djrh.i18n import Msg, msg

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows: there the lstat before opening is the check
_LINK_ERRORS = (errno.ELOOP, errno.EMLINK)  # what opening a link with O_NOFOLLOW gives (Linux; BSD)


class Unreadable(Exception):
    """The file was not read; `message` says why."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


def blob_id(raw: bytes) -> bytes:
    """The git blob id of a file's content (SHA-1 of "blob <size>\\0" + the bytes: what `git
    hash-object FILE` prints, as bytes). The cache keeps it as a record's content digest, and the
    trace line of a printed form (paper/trace.py) is made of it."""
    made = hashlib.sha1(b"blob %d\0" % len(raw))
    made.update(raw)
    return made.digest()


# folder -> (its lstat identity, its real path): resolved once per folder, checked on each use
# (one lstat), so a folder later replaced by a link is resolved again.
_folders: dict[str, tuple[tuple[int, int], str]] = {}


def real_folder(folder: str) -> str:
    info = os.lstat(folder)
    identity = (info.st_dev, info.st_ino)
    known = _folders.get(folder)
    if known is not None and known[0] == identity and not stat.S_ISLNK(info.st_mode):
        return known[1]
    real = os.path.realpath(folder)
    _folders[folder] = (identity, real)
    return real


def inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def read(root: str | os.PathLike, rel: str, limit: int, links: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of the tree file `rel` ("/" separators, relative to `root`) and its stat.
    `links=False`: a symbolic link is refused even when it leads inside (the cache's shards)."""
    if "\0" in rel or os.path.isabs(rel) or ".." in rel.replace("\\", "/").split("/"):
        raise Unreadable(msg("syn.symlink_outside"))
    root = os.fspath(root)
    folder, name = os.path.split(os.path.join(root, rel))
    try:
        real_root = real_folder(root)
        real_dir = real_folder(folder)
    except OSError as error:
        raise Unreadable(_unreadable(error)) from None
    if not inside(real_dir, real_root):
        raise Unreadable(msg("syn.symlink_outside"))
    path = os.path.join(real_dir, name)
    try:
        fd = _open(path, real_root, links)
    except OSError as error:
        raise Unreadable(_unreadable(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(msg("syn.not_a_file"))
        if info.st_size > limit:
            raise Unreadable(too_large(info.st_size, limit))
        data = _read_upto(fd, limit + 1)  # not the size alone: the file may grow while it is read
    except OSError as error:
        raise Unreadable(_unreadable(error)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unreadable(too_large(len(data), limit))
    return data, info


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """A regular file outside any tree (djrh's own checkout marker), with the same care: no pipe,
    no device, at most `limit` bytes."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        raise Unreadable(_unreadable(error)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable(msg("syn.not_a_file"))
        return _read_upto(fd, limit)
    except OSError as error:
        raise Unreadable(_unreadable(error)) from None
    finally:
        os.close(fd)


def _open(path: str, real_root: str, links: bool) -> int:
    """Open `path` (in a real folder inside the tree); a link only if it leads inside the tree, and
    only a regular file: a pipe or a device is not even opened (what is opened is checked again
    with fstat, and O_NONBLOCK keeps a pipe put there meanwhile from blocking)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        if not links:
            raise Unreadable(msg("syn.symlink_outside"))
        path = os.path.realpath(path)
        if not inside(path, real_root):
            raise Unreadable(msg("syn.symlink_outside"))
        info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(msg("syn.symlink_broken" if stat.S_ISLNK(info.st_mode) else "syn.not_a_file"))
    return os.open(path, _FLAGS | _NOFOLLOW)


def _read_upto(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, min(limit - size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def too_large(size: int, limit: int) -> Msg:
    return msg("syn.too_large", size=f"{size / 1024 / 1024:.1f} MiB", limit=f"{limit / 1024 / 1024:g} MiB")


def _unreadable(error: OSError) -> Msg:
    if error.errno in _LINK_ERRORS:
        return msg("syn.symlink_broken")
    return msg("syn.unreadable", detail=error.strerror or str(error))
