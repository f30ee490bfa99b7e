"""The records a render needs, read on demand.

A form needs its record and the few it names (the branch, its general branch, a pilot's units);
reading those files alone keeps `djrh render RECORD` quick on a tree of thousands of records. The
bundle reads the whole tree, as `djrh check` does. The files and every record come from the one
loader of `djrh check` (djrh.check.run.RecordFiles), and only a valid record (one without schema
errors) is rendered.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from djrh.check.run import RecordFiles
from djrh.findings import Finding
from djrh.i18n import msg, series
from djrh.records import Record
from djrh.render import RenderError


class Source(RecordFiles):
    def __init__(self, root: Path, institution: str | None = None) -> None:
        super().__init__(root)
        self.institution = institution or ""

    def name_of(self, record_id: str | None) -> str:
        """The `name` of the branch or general branch `record_id`, or the id itself."""
        if not record_id:
            return ""
        record = self.find(record_id)
        name = getattr(record.model, "name", None) if record is not None else None
        return name or record_id

    def parent_of(self, branch_id: str) -> str | None:
        record = self.find(branch_id)
        return getattr(record.model, "parent", None) if record is not None else None

    # -- what the user named

    def resolve(self, name: str, cwd: Path) -> Record:
        """RECORD as the user gave it: an id, or the path of a record file."""
        path = Path(name)
        looks_like_path = os.sep in name or "/" in name or name.endswith((".yaml", ".yml", ".md"))
        if looks_like_path or (cwd / path).is_file():
            return self._by_path(cwd / path if not path.is_absolute() else path, name)
        rels = self.paths.get(name)
        if not rels:
            match = difflib.get_close_matches(name, list(self.paths), n=1, cutoff=0.6)
            if match:
                raise RenderError(msg("render.unknown_id_suggest", id=name, suggestion=match[0]))
            raise RenderError(msg("render.unknown_id", id=name, root=str(self.root)))
        if len(rels) > 1:
            raise RenderError(msg("render.duplicate_id", id=name, paths=series(rels)))
        return self.valid(rels[0])

    def _by_path(self, path: Path, shown: str) -> Record:
        if not path.is_file():
            raise RenderError(msg("render.no_such_file", path=shown))
        real, real_root = os.path.realpath(path), os.path.realpath(self.root)
        if os.path.commonpath([real, real_root]) != real_root:
            raise RenderError(msg("render.outside_tree", path=shown, root=str(self.root)))
        rel = Path(os.path.relpath(real, real_root)).as_posix()
        if rel not in {r for rels in self.paths.values() for r in rels}:
            raise RenderError(msg("render.not_a_record", path=shown))
        return self.valid(rel)

    def valid(self, rel: str) -> Record:
        """The record at `rel`; a record with errors is refused with its findings, briefly."""
        record, findings = self.load(rel)
        if not record.valid:
            raise RenderError(msg("render.invalid", path=rel, findings=brief(findings)))
        return record


def brief(findings: list[Finding], limit: int = 3) -> str:
    """`3:7 SCH001 …` lines of the first few findings of one record."""
    lines = [f"  {f.line}:{f.column} {f.code} {f.text()}" for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"  … (+{len(findings) - limit})")
    return "\n".join(lines)
