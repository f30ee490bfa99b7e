"""Record schemas, one module per kind (SPEC section 2), and the registry of kinds.

A kind is its schema class with a `SPEC` (djrh.kinds.spec.KindSpec); `register` makes it known to
every command: `kind:` values, new, schema, check, report, docs/format.md.
"""

from __future__ import annotations

from djrh.kinds.brand import Brand
from djrh.kinds.common import RecordSchema, Task, Waiver
from djrh.kinds.facts import make_classes
from djrh.kinds.filing import Filing
from djrh.kinds.meeting import Meeting
from djrh.kinds.org import Branch, GeneralBranch
from djrh.kinds.pilot import Pilot
from djrh.kinds.spec import KindSpec
from djrh.kinds.themeday import ThemeDay
from djrh.kinds.vocab import Term, lookup_table

KINDS: dict[str, KindSpec] = {}  # kind code -> its spec, in the order of the docs and of `djrh new`'s list
MODELS: dict[str, type[RecordSchema]] = {}  # kind code -> its schema
KIND_NAMES: dict[str, str] = {}  # every accepted spelling of `kind:` (code, Chinese name, aliases) -> code


def register(model: type[RecordSchema]) -> None:
    spec = model.SPEC
    KINDS[spec.code] = spec
    MODELS[spec.code] = model
    KIND_NAMES.update(lookup_table({spec.code: spec.term}))
    make_classes(model)  # what its records keep (djrh.kinds.facts)


for _model in (GeneralBranch, Branch, ThemeDay, Meeting, Pilot, Brand, Filing):
    register(_model)


def kind_terms() -> dict[str, Term]:
    """Kind code -> its name (for the list of kinds in a message)."""
    return {code: spec.term for code, spec in KINDS.items()}


def kind_label(code: str, lang: str) -> str:
    """A kind's name in `lang` (主题党日 / theme day); the code itself for an unknown kind."""
    spec = KINDS.get(code)
    if spec is None:
        return code
    return spec.term.zh if lang == "zh" else spec.term.en


def unit_kinds() -> tuple[str, ...]:
    """The kinds other records belong to (党总支, 党支部)."""
    return tuple(code for code, spec in KINDS.items() if spec.unit)


__all__ = [
    "KINDS", "KIND_NAMES", "MODELS", "Brand", "Branch", "Filing", "GeneralBranch", "KindSpec", "Meeting", "Pilot", "RecordSchema",
    "Task", "ThemeDay", "Waiver", "kind_label", "kind_terms", "register", "unit_kinds",
]
