"""Where a printed form comes from: the record's id, a short hash of its file, the git commit.

The hash is the file's git blob id (what `git hash-object FILE` prints), cut to 12 digits: it is
computed here without git, and in a git tree `git log --all --find-object=<hash>` finds the commits
that added or changed exactly that version, `git show <hash>` prints it.

git is asked only when the root is inside a git work tree, with a timeout, and its absence is
never an error. A record file with uncommitted changes is said to be so ("未提交"), so that a form
printed from an unsaved version is not mistaken for the committed one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

HASH_DIGITS = 12
GIT_TIMEOUT = 5  # seconds; a hung git (network file system, lock) must not hang a render


@dataclass(frozen=True, slots=True)
class Trace:
    id: str  # record id (for a bundle: branch-year)
    hash: str  # short content hash
    commit: str | None  # short commit of the tree's HEAD; None outside git
    dirty: bool  # the file (or one of the files) differs from HEAD or is not tracked

    def text(self, lang: str) -> str:
        from djrh.i18n import t

        parts = [t("render.trace.record", lang=lang, id=self.id), t("render.trace.hash", lang=lang, hash=self.hash)]
        if self.dirty:
            key = "render.trace.uncommitted_on" if self.commit else "render.trace.uncommitted"
            parts.append(t(key, lang=lang, commit=self.commit or ""))
        elif self.commit:
            parts.append(t("render.trace.commit", lang=lang, commit=self.commit))
        return t("render.trace.separator", lang=lang).join(parts)

    def as_dict(self, lang: str) -> dict:
        return {"id": self.id, "hash": self.hash, "commit": self.commit or "", "uncommitted": self.dirty, "text": self.text(lang)}


def blob_id(data: bytes) -> str:
    """The git blob id of `data` (SHA-1 of "blob <size>\\0" + data), in hexadecimal."""
    from djrh.tree.treefile import blob_id as blob

    return blob(data).hex()


def file_hash(root: Path, rel: str) -> str:
    """The short hash of a record file, read the one safe way (djrh.tree.treefile); question marks
    when it cannot be read any more (it changed since it was checked)."""
    from djrh.tree import treefile
    from djrh.read.load import MAX_FILE_BYTES

    try:
        raw, _ = treefile.read(root, rel, MAX_FILE_BYTES)
    except treefile.Unreadable:
        return "?" * HASH_DIGITS
    return blob_id(raw)[:HASH_DIGITS]


def combined_hash(hashes: list[str]) -> str:
    """One hash for a set of records (a bundle): changes when any of them changes."""
    return hashlib.sha1("\n".join(sorted(hashes)).encode()).hexdigest()[:HASH_DIGITS]


def trace_of(
    root: Path, rel_paths: list[str], record_id: str, git: GitState | None = None, read: Mapping[str, bytes] | None = None,
) -> Trace:
    """The trace of the records at `rel_paths` (relative to `root`) printed as `record_id`. `git`:
    the tree's git state taken once for several traces (a book's forms); None: taken now. `read`:
    the blob ids of the files as the records printed were read (`load_tree(digests=...)`), so that
    a report of the whole tree does not read every file again; a file not in it is read now."""
    known = read or {}
    hashes = [digest.hex()[:HASH_DIGITS] if (digest := known.get(rel)) is not None else file_hash(root, rel) for rel in rel_paths]
    short = hashes[0] if len(hashes) == 1 else combined_hash(hashes)
    commit, dirty = (git if git is not None else git_state_of(root, rel_paths)).of(rel_paths)
    return Trace(record_id, short, commit, dirty)


@dataclass(frozen=True, slots=True)
class GitState:
    """A tree's git state at one moment: HEAD's short commit, and which files differ from it (changed,
    staged, untracked; paths relative to the tree's root). `inside` False: not a git work tree."""

    inside: bool
    commit: str | None = None  # None in a repository with no commit yet
    changed: frozenset[str] | None = None  # None: git status failed

    def of(self, rel_paths: list[str]) -> tuple[str | None, bool]:
        """(short HEAD commit or None, whether any of the files is uncommitted); (None, False) outside git."""
        if not self.inside:
            return None, False
        dirty = self.commit is None or self.changed is None or any(rel in self.changed for rel in rel_paths)
        return self.commit, dirty


# Up to this many files, git status is asked about them alone; beyond, about the whole tree (given as
# arguments, a report's 120,000 paths are over what a command line holds, and on Windows a few
# hundred are: git then failed, and every record was said to be uncommitted).
NAMED_PATHS = 64


def git_state_of(root: Path, rel_paths: list[str] | None = None) -> GitState:
    """The git state of the tree, or of the files `rel_paths` in it (relative to `root`): three
    calls of git whatever the number of files."""
    if shutil.which("git") is None:
        return GitState(False)
    where = _git(root, "rev-parse", "--is-inside-work-tree", "--show-prefix", keep_lines=True)
    if where is None or not where.startswith("true\n"):
        return GitState(False)
    prefix = where[len("true\n"):].strip("\n")  # the tree's folder inside the repository ("records/")
    commit = _git(root, "rev-parse", "--short", "HEAD") or None
    named = rel_paths if rel_paths is not None and len(rel_paths) <= NAMED_PATHS else ["."]
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *named, keep_lines=True)
    if status is None:
        return GitState(True, commit, None)
    changed = set()
    fields = iter(status.split("\0"))
    for field in fields:
        if len(field) < 4:
            continue
        if field[0] in "RC":  # a rename or copy: the original path follows as a field of its own
            changed.add(next(fields, ""))
        changed.add(field[3:])
    inside = {path[len(prefix):] for path in changed if path.startswith(prefix)}
    return GitState(True, commit, frozenset(inside))


def _git(root: Path, *args: str, keep_lines: bool = False) -> str | None:
    """git's stdout, stripped (`keep_lines`: as written); None when it fails, is missing or hangs."""
    # Variables that would point git at another repository (set inside a git hook, for example).
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    env["GIT_OPTIONAL_LOCKS"] = "0"  # `git status` must not take the index lock of a repository in use
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, env=env, timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    if keep_lines:  # file names as the tree's own (os.fsdecode), whatever their bytes
        return done.stdout.decode("utf-8", "surrogateescape")
    return done.stdout.decode("utf-8", "replace").strip()
