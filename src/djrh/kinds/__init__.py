"""Record schemas, one module per kind (SPEC section 2)."""

from __future__ import annotations

from djrh.kinds.brand import Brand
from djrh.kinds.common import RecordSchema, Task, Waiver
from djrh.kinds.filing import Filing
from djrh.kinds.org import Branch, GeneralBranch
from djrh.kinds.pilot import Pilot
from djrh.kinds.themeday import ThemeDay

MODELS: dict[str, type[RecordSchema]] = {
    model.KIND: model for model in (GeneralBranch, Branch, ThemeDay, Pilot, Brand, Filing)
}

__all__ = ["MODELS", "Brand", "Branch", "Filing", "GeneralBranch", "Pilot", "RecordSchema", "Task", "ThemeDay", "Waiver"]
