"""Ways of printing a check result: text (a person at a terminal), json (SPEC 5), github (CI)."""

from __future__ import annotations

import os
from pathlib import Path

from djrh.personal import mask


def shown_path(root: Path, rel: str = "") -> str:
    """A path as the user should see it: relative to the working folder when one holds the
    other (`records/org/x.yaml`, `../org/x.yaml`), else absolute; a mobile or ID number in a file
    name masked (PRV001 reports it)."""
    return mask(_shown_path(root, rel))


def _shown_path(root: Path, rel: str = "") -> str:
    full = root / rel if rel else root
    cwd = Path.cwd()
    if not (full.is_relative_to(cwd) or cwd.is_relative_to(root)):
        return full.as_posix()
    try:
        return Path(os.path.relpath(full, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return full.as_posix()
