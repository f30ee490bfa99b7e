"""What a record kind says about itself, once: `SPEC` on its schema class.

Everything that differs between kinds apart from their fields — where `djrh new` puts a record and
which id it proposes, which fields name other records or files, which unit a record belongs to,
what `new` asks for — is read from here (djrh.kinds.KINDS) by new, schema, check, report and the
docs, so a new kind is one module in djrh/kinds/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import Formatter

from djrh.kinds.vocab import Term

# A key path into a record, with "*" for every item of a list: ("units", "*").
Pattern = tuple[str, ...]


@dataclass(frozen=True)
class KindSpec:
    code: str  # the value of `kind:` (SPEC section 2)
    term: Term  # its name: Chinese (also accepted as `kind:`), English, other accepted spellings
    # Where `djrh new` puts it (SPEC section 1: the convention, not a requirement); `{year}`: the
    # year of its date field.
    folder: str
    # The comment at the top of a new record (`djrh new`), Chinese and English.
    header_zh: str = ""
    header_en: str = ""
    # The date that places a record in a year: its folder's year, the year a report lists its
    # findings under. None for a record describing the current state (a branch, a brand).
    date_field: str | None = None
    # A record spanning several years (a pilot's building period {start, end}): the years it
    # concerns, when it is filled in; else the year of `date_field`.
    period_field: str | None = None
    # The id `djrh new` proposes, from the record's values (str.format; a date takes a format
    # spec, a choice is written as its code with hyphens): "{branch}-{date:%Y-%m}". None: the user
    # names it (--id).
    id_template: str | None = None
    # A unit other records belong to (党支部, 党总支): its own id is its unit.
    unit: bool = False
    # The fields naming the unit(s) a record belongs to (report, due, check --branch).
    owners: tuple[str, ...] = ()
    # References to other records by id: pattern -> the kinds it may point to (REF001, `new`).
    references: dict[Pattern, tuple[str, ...]] = field(default_factory=dict)
    # Paths to files in the tree (REF002).
    file_paths: tuple[Pattern, ...] = ()
    # What `djrh new` takes from its options or asks for in a terminal, in order.
    prompts: tuple[str, ...] = ()
    # A `.md` variant exists: the fields as front matter, then the minutes (`djrh new --md`).
    markdown: bool = False
    # The message of the minutes' outline a new `.md` record starts with (`djrh new --md`).
    minutes_key: str = "scaffold.minutes"
    # Fields beyond those of its id and date that tell two records apart when they are filled in
    # (`djrh import` reports a row as already there by this key): a 党小组会's group, as two party
    # groups of one branch may meet on the same day.
    distinct: tuple[str, ...] = ()
    # The rule asking for its held fields once its date has passed (docs/format.md names it).
    held_rule: str = ""

    def id_fields(self) -> tuple[str, ...]:
        """The fields the proposed id is made of, in the order of the template."""
        if self.id_template is None:
            return ()
        return tuple(name.split("[", 1)[0] for _, name, _, _ in Formatter().parse(self.id_template) if name)

    def folder_root(self) -> str:
        """The first folder of `folder` (`themedays` of `themedays/{year}`)."""
        return self.folder.split("/", 1)[0]

    def reference_kinds(self, name: str) -> tuple[str, ...] | None:
        """The kinds the top-level field `name` (a value or a list of them) may point to."""
        return self.references.get((name,)) or self.references.get((name, "*"))
