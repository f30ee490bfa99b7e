"""Every entry of a tree with its stamp, taken in one walk (one `stat` of each): the key of a stored
result (cli/stored.py, serve/firstpage.py), and — kept in the cache folder beside the records — what
lets a later check take a cached record as fresh without a `stat` of its own (tree/cache.py, `trust`).

Standard library only: a walk is taken before anything else of djrh is imported.
"""

from __future__ import annotations

import os
import stat
import time
from array import array

FIELDS = 6  # the numbers of an entry: mode, size, mtime_ns, ctime_ns, inode, device
ENTRY_BYTES = FIELDS * 8
_TYPE = 0o170000  # the type bits of a mode (stat.S_IFMT)
RACY_NS = 2_000_000_000  # a time this close to the walk's start may change again without changing


class Walk:
    """What one walk saw: the names (folders, then the entries of each) and the numbers of every
    entry, as bytes; the newest time among them and when the walk began."""

    __slots__ = ("root", "names", "numbers", "newest", "started", "whole")

    def __init__(self, root: str, names: bytes, numbers: bytes, newest: int, started: int, whole: bool) -> None:
        self.root = root
        self.names = names  # "\0"-joined: "/<folder>" then the names of its entries (bytes, or a view)
        self.numbers = numbers  # FIELDS int64 of the root, then of each entry in the order of `names`
        self.newest = newest
        self.started = started
        self.whole = whole  # every entry stat'ed, and no link: each name has its numbers, in order

    @property
    def settled(self) -> bool:
        """Every time it saw is older than two seconds before it began: a file written within the
        same tick of the clock as it was stat'ed could change again without changing its times."""
        return self.newest < self.started - RACY_NS

    def hash_into(self, hasher) -> None:
        hasher.update(self.names)
        hasher.update(self.numbers)

    def files_at(self, ordinals: list[int]) -> set[str]:
        """The paths (relative to the root, "/" separators) of the entries at these ordinals (the
        root is 0). Only for a whole walk."""
        wanted = set(ordinals)
        found: set[str] = set()
        prefix = ""
        ordinal = 0
        start = len(self.root) + 1
        for name in self.names.decode("utf-8", "surrogateescape").split("\0"):
            if name.startswith("/"):  # a folder, whose entries follow
                prefix = name[1:][start:].replace(os.sep, "/")
                prefix = prefix + "/" if prefix else ""
                continue
            ordinal += 1
            if ordinal in wanted:
                found.add(prefix + name)
        return found


def walk(root: str) -> Walk:
    """Every entry of the tree at `root` (a real path), folders included, hidden ones too; `.git`
    is not entered. Kept to what runs in C for each of the tens of thousands of files: one stat,
    six integers. Entries come in the order the folder lists them: a folder listed in another order
    is a different walk (a miss, never a wrong answer)."""
    started = time.time_ns()
    names: list[str] = []
    numbers = array("q")
    links: list[str] = []
    whole = True
    info = os.stat(root)
    numbers.extend((info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
    pending = [root]
    add_name, add_numbers = names.append, numbers.extend  # (the loop below runs for every entry of the tree)
    while pending:
        folder = pending.pop()
        add_name("/" + folder)  # the folder whose entries follow
        try:
            entries = os.scandir(folder)
        except OSError as error:
            add_name(f"unreadable {error.errno}")
            whole = False
            continue
        with entries:
            for entry in entries:
                add_name(entry.name)
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError as error:
                    add_name(f"unreadable {error.errno}")
                    whole = False
                    continue
                mode = info.st_mode
                add_numbers((mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
                kind = mode & _TYPE
                if kind == stat.S_IFDIR:
                    if entry.name != ".git":
                        pending.append(entry.path)
                elif kind == stat.S_IFLNK:
                    links.append(entry.path)
    for link in links:  # what a link leads to, inside the tree or not
        whole = False
        try:
            names.append(os.readlink(link))
            info = os.stat(link)
            numbers.extend((info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
        except OSError as error:
            names.append(f"broken {error.errno}")
    newest = max(max(numbers[2::FIELDS]), max(numbers[3::FIELDS]))
    joined = "\0".join(names).encode("utf-8", "surrogateescape")
    return Walk(root, joined, numbers.tobytes(), newest, started, whole)


def changed_files(before: Walk, now: Walk) -> set[str] | None:
    """The entries of `now` whose stamps differ from those of `before`, a walk of the same tree;
    None when the two cannot be compared entry by entry (another root, an entry added, removed or
    renamed, one that could not be stat'ed, a link)."""
    if not (before.whole and now.whole) or before.root != now.root or before.names != now.names:
        return None
    if len(before.numbers) != len(now.numbers):
        return None
    if before.numbers == now.numbers:
        return set()
    return now.files_at(_differing(before.numbers, now.numbers))


def same_types(before: Walk, now: Walk) -> bool:
    """Whether every entry of two walks with the same names has the same mode — its type (a file, a
    folder) and its permissions (a folder that can no longer be listed hides its files): then the
    record files of the tree (tree/root.record_paths) are the same."""
    return memoryview(before.numbers).cast("q")[0::FIELDS] == memoryview(now.numbers).cast("q")[0::FIELDS]


def _differing(a: bytes, b: bytes) -> list[int]:
    """The ordinals of the entries that differ, found by halving (a comparison of bytes each time):
    a few changed files among a hundred thousand cost a few dozen comparisons."""
    found = []
    pending = [(0, len(a) // ENTRY_BYTES)]
    while pending:
        low, high = pending.pop()
        if a[low * ENTRY_BYTES : high * ENTRY_BYTES] == b[low * ENTRY_BYTES : high * ENTRY_BYTES]:
            continue
        if high - low <= 16:
            found += [
                i for i in range(low, high)
                if a[i * ENTRY_BYTES : (i + 1) * ENTRY_BYTES] != b[i * ENTRY_BYTES : (i + 1) * ENTRY_BYTES]
            ]
        else:
            middle = (low + high) // 2
            pending += [(low, middle), (middle, high)]
    return found
