"""Record schemas, one module per kind (SPEC section 2)."""

from __future__ import annotations

from djrh.models.brand import Brand
from djrh.models.common import RecordSchema, Task, Waiver
from djrh.models.filing import Filing
from djrh.models.org import Branch, GeneralBranch
from djrh.models.pilot import Pilot
from djrh.models.themeday import ThemeDay

MODELS: dict[str, type[RecordSchema]] = {
    model.KIND: model for model in (GeneralBranch, Branch, ThemeDay, Pilot, Brand, Filing)
}

__all__ = ["MODELS", "Brand", "Branch", "Filing", "GeneralBranch", "Pilot", "RecordSchema", "Task", "ThemeDay", "Waiver"]
