"""Which record the user named: an id, or the path of a record file (from where she stands)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from djrh.edit.roundtrip import EditError
from djrh.i18n import msg, series
from djrh.tree.root import record_paths
from djrh.read.load import record_id


def record_rel(root: Path, name: str, cwd: Path | None = None) -> str:
    """The record's path relative to the root ("/" separators); EditError when there is none."""
    cwd = cwd or Path.cwd()
    rels, _ = record_paths(root)
    path = Path(name)
    looks_like_path = os.sep in name or "/" in name or name.endswith((".yaml", ".yml", ".md"))
    if looks_like_path or (cwd / path).is_file():
        full = path if path.is_absolute() else cwd / path
        if not full.is_file():
            raise EditError(msg("render.no_such_file", path=name))
        real, real_root = os.path.realpath(full), os.path.realpath(root)
        if os.path.commonpath([real, real_root]) != real_root:
            raise EditError(msg("render.outside_tree", path=name, root=str(root)))
        rel = Path(os.path.relpath(os.path.join(os.path.realpath(full.parent), full.name), real_root)).as_posix()
        if rel not in rels:
            raise EditError(msg("render.not_a_record", path=name))
        return rel
    found = [rel for rel in rels if record_id(rel) == name.strip()]
    if not found:
        ids = sorted({record_id(rel) for rel in rels})
        match = difflib.get_close_matches(name, ids, n=1, cutoff=0.6)
        if match:
            raise EditError(msg("render.unknown_id_suggest", id=name, suggestion=match[0]))
        raise EditError(msg("render.unknown_id", id=name, root=str(root)))
    if len(found) > 1:
        raise EditError(msg("render.duplicate_id", id=name, paths=series(found)))
    return found[0]
