"""Where djrh keeps what it remembers between runs: the user's cache folder, one private folder per
tree, never inside the tree. Shared by the cache of records (cache.py) and the stored result of a
whole check (cli/stored.py); it imports only what Python starts with, so that a check answered
from its stored result imports nothing heavy (not even hashlib or pathlib)."""

from __future__ import annotations

import os
import stat


def home() -> str | None:
    """The folder holding every tree's cache, or None when the user has none."""
    configured = os.environ.get("DJRH_CACHE_DIR")
    if configured:
        return configured
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        return os.path.join(local, "djrh", "cache") if local else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "djrh")
    user = os.path.expanduser("~")
    return None if user == "~" else os.path.join(user, ".cache", "djrh")


def folder(root: str | os.PathLike) -> str | None:
    """This tree's cache folder: one per tree, named by a hash of its real path."""
    base = home()
    if base is None:
        return None
    return os.path.join(base, _sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:32])


def cache_home():
    """`home()` as a Path."""
    from pathlib import Path

    base = home()
    return None if base is None else Path(base)


def folder_for(root):
    """`folder(root)` as a Path."""
    from pathlib import Path

    found = folder(root)
    return None if found is None else Path(found)


def usable(path: str | os.PathLike) -> bool:
    """A real folder (not a link) of this user that nobody else can write into."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if os.name == "posix" and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
        return False
    return True


def make_private(path: str | os.PathLike) -> bool:
    """Create the folder `path` and its missing parents as private folders; whether it can be used."""
    missing = []
    part = os.path.abspath(path)
    while not os.path.lexists(part):
        missing.append(part)
        parent = os.path.dirname(part)
        if parent == part:
            break
        part = parent
    for part in reversed(missing):
        try:
            os.mkdir(part, 0o700)
        except FileExistsError:  # another run made it meanwhile
            pass
        except OSError:
            return False
    return usable(path)


def _sha256(data: bytes):
    try:  # the built-in module: hashlib would load OpenSSL first (a few ms of every start)
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256
        except ImportError:
            from hashlib import sha256
    return sha256(data)
