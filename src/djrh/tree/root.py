"""The records tree: where its root is and which files are records (SPEC section 1)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from djrh.tree import treefile
from djrh.findings import Finding
from djrh.i18n import Msg, msg
from djrh.visible import undecodable, visible

CONFIG_NAME = "djrh.yaml"
RECORD_SUFFIXES = (".yaml", ".yml", ".md")
NOT_RECORDS = ("evidence", "templates")  # top-level folders never parsed as records


class TreeError(Exception):
    """The tree cannot be found or read: the run stops with exit code 2."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


def find_root(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """The folder holding `djrh.yaml`: `explicit` if given, else the nearest at or above `cwd`.

    In djrh's own checkout (no `djrh.yaml` above), the demo tree `records/` is the default."""
    if explicit is not None:
        root = Path(explicit)
        if not root.is_dir():
            key = "tree.not_a_dir" if root.exists() else "tree.no_such_dir"
            raise TreeError(msg(key, path=str(root)))
        if not (root / CONFIG_NAME).is_file():
            raise TreeError(msg("tree.no_config_at", path=str(root)))
        return root.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
        demo = folder / "records"
        if (demo / CONFIG_NAME).is_file() and _is_djrh_checkout(folder):
            return demo
    raise TreeError(msg("tree.not_found", cwd=str(start)))


def enclosing_tree(folder: Path) -> Path | None:
    """The records tree `folder` lies inside (a folder above it holding djrh.yaml), or None."""
    real = Path(os.path.realpath(folder))
    for parent in real.parents:
        if (parent / CONFIG_NAME).is_file():
            return parent
    return None


def tree_below(folder: Path, limit: int = 20_000) -> Path | None:
    """A records tree inside `folder` (a djrh.yaml in a folder below it), or None; at most `limit`
    entries are looked at, hidden folders skipped (a home folder is not walked whole)."""
    seen = 0
    for current, folders, files in os.walk(folder):
        if current != str(folder) and CONFIG_NAME in files:
            return Path(current)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        seen += len(folders) + len(files)
        if seen > limit:
            return None
    return None


def in_git_work_tree(folder: Path) -> bool:
    """Whether `folder` is inside a git work tree (it or a folder above holds .git)."""
    real = Path(os.path.realpath(folder))
    return any((place / ".git").exists() for place in (real, *real.parents))


def inside_root(root: Path, paths: list[Path]) -> list[str]:
    """Files or folders the user named, relative to the root with "/" ("" for the root itself);
    `TreeError` for one that does not exist or lies outside the tree."""
    real_root = Path(os.path.realpath(root))
    found = []
    for path in paths:
        if not path.exists():
            raise TreeError(msg("tree.path_missing", path=str(path)))
        try:
            rel = Path(os.path.realpath(path)).relative_to(real_root).as_posix()
        except ValueError:
            raise TreeError(msg("tree.path_outside", path=str(path), root=str(root))) from None
        found.append("" if rel == "." else rel)
    return found


def _is_djrh_checkout(folder: Path) -> bool:
    try:  # any folder above the working one: a pipe or a huge file there must not stop djrh
        text = treefile.read_regular(folder / "pyproject.toml", 64 * 1024).decode("utf-8", errors="replace")
    except treefile.Unreadable:
        return False
    return 'name = "djrh"' in text


def record_paths(root: Path) -> tuple[list[str], list[Finding]]:
    """Every record file under `root`, relative with "/" separators, sorted; and the files
    that look like records but cannot be used (a symlink leaving the tree, …)."""
    paths: list[str] = []
    findings: list[Finding] = []
    real_root = os.path.realpath(root)

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            findings.append(_walk_problem(prefix.rstrip("/") or ".", msg("syn.unreadable_dir", detail=error.strerror or str(error))))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            if not prefix and (name in NOT_RECORDS or name == CONFIG_NAME):
                continue
            if visible(name) != name:  # not UTF-8 (a zip made on Windows), or a control character
                if name.endswith(RECORD_SUFFIXES) or _is_folder(entry):
                    findings.append(_walk_problem(prefix + visible(name), _name_problem(name, entry)))
                continue
            try:
                is_link = entry.is_symlink()
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, rel + "/")
                    continue
            except OSError:
                continue
            if is_link and _leads_out_to_a_folder(entry.path, real_root):  # its records would vanish unsaid
                findings.append(_walk_problem(rel, msg("syn.symlink_folder_outside")))
                continue
            if not name.endswith(RECORD_SUFFIXES):
                meant = meant_as_record(name)
                if meant is not None:  # `x.yaml.txt` (Notepad's default), `X.YAML`: reported, not skipped
                    from djrh.read.load import record_id
                    findings.append(_walk_problem(rel, msg("syn.wrong_extension", name=name, meant=meant), record_id(meant)))
                continue
            if is_link:
                target = os.path.realpath(entry.path)
                if os.path.commonpath([real_root, target]) != real_root:
                    findings.append(_walk_problem(rel, msg("syn.symlink_outside")))
                    continue
                if not os.path.isfile(target):  # a pipe or a device behind the link, or nothing
                    findings.append(_walk_problem(rel, msg("syn.not_a_file" if os.path.exists(target) else "syn.symlink_broken")))
                    continue
            elif not entry.is_file(follow_symlinks=False):  # a pipe, a socket, a device: never opened
                findings.append(_walk_problem(rel, msg("syn.not_a_file")))
                continue
            paths.append(rel)

    walk(str(root), "")
    return paths, findings


def _leads_out_to_a_folder(path: str, real_root: str) -> bool:
    """A symbolic link to a folder outside the tree (never entered: nothing outside the tree is
    read). A link to a folder inside the tree is not entered either, and says nothing: the folder
    it leads to is checked where it is."""
    target = os.path.realpath(path)
    if os.path.commonpath([real_root, target]) == real_root:
        return False
    try:
        return stat.S_ISDIR(os.stat(target).st_mode)
    except (OSError, ValueError):
        return False


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _name_problem(name: str, entry: os.DirEntry) -> Msg:
    """A file or folder name djrh cannot show or use as an id: it is reported, not read."""
    folder = _is_folder(entry)
    if undecodable(name):
        key = "syn.name_not_utf8_folder" if folder else "syn.name_not_utf8"
        return msg(key, name=visible(name))
    char = next(c for c in name if visible(c) != c)
    return msg("syn.name_control_char_folder" if folder else "syn.name_control_char", name=visible(name), detail=f"U+{ord(char):04X}")


def meant_as_record(name: str) -> str | None:
    """The record name a file was probably meant to have: `x.yaml` for `x.yaml.txt` (Notepad adds
    .txt when saving) or `X.YAML`; None for a file that is no record."""
    lowered = name.lower()
    for suffix in RECORD_SUFFIXES:
        if lowered.endswith(suffix + ".txt"):
            return name[: -len(suffix + ".txt")] + suffix
        if lowered.endswith(suffix):
            return name[: -len(suffix)] + suffix
    return None


def _walk_problem(rel: str, message: Msg, record: str | None = None) -> Finding:
    from djrh.read.load import record_id  # here: finding the root imports nothing heavy (tree/stored.py)

    return Finding("SYN001", "error", rel, 1, 1, record if record is not None else record_id(rel), message)
