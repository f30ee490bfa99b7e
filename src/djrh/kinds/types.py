"""Value types shared by the record schemas.

Each type validates strictly (YAML gives real numbers and booleans, so `"12"` is not a count) and
raises a `PydanticCustomError` whose type starts with `djrh_`, so that `djrh.check.validate` can turn it
into a Chinese or English message with a hint. The JSON Schema each type shows an editor is set
beside it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, NamedTuple

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from djrh.visible import UNPRINTABLE
from djrh.kinds.vocab import Term, lookup_table

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_OTHER_DATE = re.compile(r"(\d{4})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?\Z")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")


def suggest_iso_date(text: str) -> str | None:
    """`2026/3/18`, `2026.3.18`, `2026年3月18日`, `20260318` -> `2026-03-18` when that is a real day."""
    text = text.strip()
    match = _OTHER_DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


_DATES: dict[str, date] = {}  # a date's text -> its day (the one object `shared` keeps for it)

# The years a record's date may fall in. Outside them a date is a typo (9999-12-31 as "no end"),
# and the rules' date arithmetic (a term's end, a grace period) would run past the calendar.
FIRST_YEAR, LAST_YEAR = 1949, 2200


def _parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        text = value.strip()
        known = _DATES.get(text)
        if known is not None:
            return known
        if _ISO_DATE.match(text):
            try:
                day = date.fromisoformat(text)
            except ValueError:
                raise PydanticCustomError("djrh_date_impossible", "no such day: {value}", {"value": text}) from None
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise PydanticCustomError(
                    "djrh_date_range", "year out of range: {value}", {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR}
                )
            day = _DATES[text] = shared(day)
            return day
        raise PydanticCustomError(
            "djrh_date_format", "not a YYYY-MM-DD date: {value}",
            {"value": text, "suggestion": suggest_iso_date(text) or ""},
        )
    suggestion = suggest_iso_date(str(value)) if isinstance(value, int) and not isinstance(value, bool) else None
    raise PydanticCustomError(
        "djrh_date_format", "not a YYYY-MM-DD date: {value}", {"value": str(value), "suggestion": suggestion or ""}
    )


@dataclass(frozen=True)
class ValueType:
    """Names the kind of value a type holds ("date", "time", "bool"), where its Python type alone
    does not say it (djrh.kinds.fields reads it: docs/format.md, `djrh new`)."""

    name: str


IsoDate = Annotated[
    date, BeforeValidator(_parse_date), WithJsonSchema({"type": "string", "format": "date"}), ValueType("date")
]

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?:\s*[-–—~～至]\s*(\d{1,2}):(\d{2}))?\Z")


def parse_time(value: Any) -> str:
    """`14:30-17:00` or `14:30` (also with `–`, `—`, `~`, `～`, `至`), as written; raises a
    `PydanticCustomError` (djrh_time, djrh_time_order) for anything else."""
    if not isinstance(value, str):
        raise PydanticCustomError("djrh_time", "not a time range: {value}", {"value": str(value)})
    text = value.strip()
    match = _TIME.match(text)
    if match is None:
        hint = "fullwidth" if "：" in text else ""
        raise PydanticCustomError("djrh_time", "not a time range: {value}", {"value": text, "hint": hint})
    numbers = [int(x) if x is not None else None for x in match.groups()]
    start = (numbers[0], numbers[1])
    end = (numbers[2], numbers[3]) if numbers[2] is not None else None
    for hour, minute in filter(None, (start, end)):
        if hour > 23 or minute > 59:
            raise PydanticCustomError("djrh_time", "not a time range: {value}", {"value": text, "hint": ""})
    if end is not None and end <= start:
        raise PydanticCustomError("djrh_time_order", "ends before it starts: {value}", {"value": text})
    return text


TimeRange = Annotated[
    str,
    BeforeValidator(parse_time),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}(\s*[-–—~～至]\s*\d{1,2}:\d{2})?$"}),
    ValueType("time"),
]

_BOOL_WORDS = {"是": True, "否": False}


def _parse_bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    if isinstance(value, str) and value.strip() in _BOOL_WORDS:
        return _BOOL_WORDS[value.strip()]
    raise PydanticCustomError("djrh_bool", "not true/false: {value}", {"value": str(value)})


Flag = Annotated[bool, BeforeValidator(_parse_bool), WithJsonSchema({"type": "boolean"}), ValueType("bool")]

def _printable(value: str) -> str:
    """No control character: a quoted YAML value can write one as an escape (`"\\x01"`), and it
    would break the xlsx and docx outputs and hide in a printed form."""
    bad = UNPRINTABLE.search(value)
    if bad is not None:
        raise PydanticCustomError("djrh_control_char", "control character {char}", {"char": f"U+{ord(bad.group()):04X}"})
    return value


# Text with at least one visible character: blank text counts as absent (see djrh.check.validate).
Text = Annotated[str, Field(strict=True, pattern=r"\S"), AfterValidator(_printable)]
Count = Annotated[int, Field(strict=True, ge=0, le=10_000)]
Money = Annotated[float, Field(strict=True, ge=0, le=100_000_000_000)]


@dataclass(frozen=True)
class ValueSet:
    """Marks a Choice field with its value set (docs/format.md lists the codes and labels)."""

    terms: dict[str, Term]
    name: str

    def __hash__(self) -> int:
        return hash(self.name)


def Choice(terms: dict[str, Term], name: str) -> Any:
    """A field taking one of `terms`, by code or Chinese label; `name` names the set in messages."""
    table = lookup_table(terms)
    codes = tuple(terms)

    def check(value: Any) -> str:
        if isinstance(value, str):
            code = table.get(value.strip())
            if code is not None:
                return code
        raise PydanticCustomError(
            "djrh_choice", "not one of {choices}: {value}", {"value": str(value), "choices": name}
        )

    enum = list(codes) + [term.zh for term in terms.values()]
    described = "；".join(f"{code}（{term.zh}）" for code, term in terms.items())
    return Annotated[
        str, BeforeValidator(check), WithJsonSchema({"type": "string", "enum": enum, "markdownDescription": described}),
        ValueSet(terms, name),
    ]


# The stages of a record, in the order it is written (like the paper form): before the meeting,
# after it, once its work is done. `djrh new` writes every field; a field of a later stage stays
# empty until then.
STAGES = ("planned", "held", "outcome")


class When(NamedTuple):
    """A condition on another field: `When("integration", True, "cond.integration")` — the field is
    required when `integration` is true; the message key says so in the user's words."""

    field: str
    value: Any
    condition: str


@dataclass(frozen=True)
class FieldText:
    """What `field()` keeps beside pydantic's own title and description (the Chinese label and
    hint): the English ones, the stage and the requirement. Read through djrh.kinds.fields."""

    label_en: str
    hint_en: str
    stage: str
    required: bool | When


def field(
    zh: str, en: str, hint_zh: str = "", hint_en: str = "", default: Any = ..., *,
    stage: str = "planned", required: bool | When = False, **kwargs: Any,
) -> Any:
    """A schema field with its form label and instruction in both languages.

    The Chinese label and instruction are the JSON Schema title/description and the comment
    `djrh new` writes above the field; the English ones are used with `--lang en`. The hint of a
    choice field says only what is special about it: the accepted values are added from its
    vocabulary (djrh.kinds.fields).

    `stage`: when the field is written ("planned", "held", "outcome"). A field without a default
    is required from the start; `required` is for the others: `True` (a later stage's field, once
    the record reaches that stage) or a `When` condition (checked by the schema for a planned
    field, by the stage's rule for a later one: TD006 for a held theme day)."""
    if stage not in STAGES:
        raise ValueError(f"stage {stage!r}: one of {STAGES}")
    if required is True and stage == "planned":
        raise ValueError("a planned field that is always required has no default")
    if required is not False and default is ...:
        raise ValueError("a field required only at a stage or on a condition needs a default")
    extra = {"x-djrh": FieldText(en, hint_en, stage, required)}
    if default == []:  # a fresh list per record, without pydantic deep-copying a shared default
        return Field(default_factory=list, title=zh, description=hint_zh or None, json_schema_extra=extra, **kwargs)
    if default is ...:
        return Field(title=zh, description=hint_zh or None, json_schema_extra=extra, **kwargs)
    return Field(default=default, title=zh, description=hint_zh or None, json_schema_extra=extra, **kwargs)


def shared(value: Any) -> Any:
    """One object for a value many records hold (a short text: an id, a name; a date): read in
    other processes or from the cache, each record would otherwise bring its own copy
    (djrh.kinds.facts.facts_of).

    A longer text that is not all ASCII is kept as a fresh copy: pydantic's validation reads a
    text as UTF-8, and CPython then keeps that UTF-8 copy inside the text object for as long as it
    lives — for Chinese, 3 bytes a character beside the 2 of the text itself (60 MB of a
    122,000-record tree read afresh; a text unpickled from the cache has none). A short text is
    one object for all the records that hold it: its copy, if any, is paid once."""
    kind = type(value)
    if kind is str:
        if len(value) <= 24:
            return sys.intern(value)
        return value if value.isascii() else value.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")
    if kind is date:
        return _DAYS.setdefault(value, value)
    return value


_DAYS: dict[date, date] = {}  # one object per day: a large tree names the same days many times


class Part(BaseModel):
    """A nested mapping inside a record (a task, a committee member, …)."""

    # defer_build: the validator is built by the first record validated, not at import; a warm check
    # validates none (every model comes from the cache) and starts 40 ms sooner.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # What one such mapping is called (Chinese, English), e.g. ("任务", "task"): the title of its
    # JSON Schema definition. Without it, the label of the field holding it.
    LABEL: ClassVar[tuple[str, str] | None] = None
