"""A record's values once validated: its facts, what the rules, reports, forms and pages read.

pydantic is the schema of record: it validates every file read afresh (check/validate.py) and gives
the JSON Schema. What a record keeps after that — in memory, in the cache, on its way back from a
worker process — is its values in a plain object with slots, one class per schema class (a kind or a
part), made here from the schema: `facts_of(model)`. It is read as the model was
(`day.model.date`, `branch.model.committee[0].name`), but

- a read is a plain slot read: pydantic's models define `__getattr__`, which keeps every attribute
  read off CPython's fast path (26 ns against 4 ns; the rules read fields a few hundred thousand
  times in a 12,000-record tree);
- it holds no dictionary of its own nor pydantic's bookkeeping: a third less memory;
- pickle stores and rebuilds it with its own C code (the class, then its slots), without a call
  into Python for each of the 60,000 objects of a 12,000-record cache.

A field that did not validate (a partial record, SPEC section 3) is left unset: reading it is an
AttributeError, as it was on the partial model. Facts are not changed once made: a list field holds
a tuple (an empty one is the one empty tuple, no object of its own: half the lists of a tree are
empty; a 122,000-record tree's warm peak fell by 31 MB).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any, ClassVar

from pydantic import BaseModel

from djrh.kinds.types import shared

_UNSET: Any = object()


class Facts:
    """The values of one model of `SCHEMA`, in slots named as its fields."""

    __slots__ = ()
    SCHEMA: ClassVar[type[BaseModel]]

    def _values(self) -> tuple:
        return tuple(getattr(self, name, _UNSET) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:  # as a frozen model's: a list inside makes it unhashable
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__ if hasattr(self, name))
        return f"{self.SCHEMA.__name__}({shown})"


_CLASSES: dict[type[BaseModel], type[Facts]] = {}


def facts_class(schema: type[BaseModel]) -> type[Facts]:
    """The facts class of a schema class (made as its kind is registered: `make_classes`). It lives
    in this module under a name of its own (`themeday_ThemeDay`), where pickle finds it."""
    cls = _CLASSES.get(schema)
    if cls is None:
        base = f"{schema.__module__.rsplit('.', 1)[-1]}_{schema.__qualname__}"
        base = "".join(c if c.isalnum() else "_" for c in base)
        name, number = base, 1
        module = sys.modules[__name__]
        while hasattr(module, name):  # two schema classes of one name (a test's throwaway kind)
            number += 1
            name = f"{base}_{number}"
        namespace = {"__slots__": tuple(schema.model_fields), "SCHEMA": schema, "__module__": __name__, "__qualname__": name}
        cls = _CLASSES[schema] = type(name, (Facts,), namespace)
        setattr(module, name, cls)
    return cls


def make_classes(schema: type[BaseModel]) -> None:
    """Make the facts classes of a kind and of every part inside it, as the kind is registered:
    every process that imports djrh has them before it unpickles one (a worker's records, a cache
    shard), not only a process that happened to validate a record of that kind."""
    from djrh.kinds.fields import nested_models

    pending = [schema]
    while pending:
        current = pending.pop()
        if current not in _CLASSES:
            facts_class(current)
            pending.extend(part for part in nested_models(current).values() if part is not None)


def made() -> list[type[Facts]]:
    """Every facts class made so far: those of every registered kind and its parts."""
    return list(_CLASSES.values())


def facts_of(model: BaseModel) -> Facts:
    """The facts of a validated model, its parts included; a field absent from a partial model is
    left unset. A short text or a date is the one object all records share for that value
    (`types.shared`): pickle keeps one copy of an object, so a cache shard or a worker's chunk
    brings back one copy of a name, a place or a day for all the records that hold it, not one
    each (a quarter of the memory of a large tree, and less to unpickle: benchmarks/README.md)."""
    cls, parts = _plan(type(model))
    facts = cls.__new__(cls)
    for name, value in model.__dict__.items():
        if name in parts and value is not None:
            value = tuple([facts_of(item) for item in value]) if type(value) is list else facts_of(value)
        elif type(value) is list:
            value = tuple([shared(item) for item in value])
        else:
            value = shared(value)
        setattr(facts, name, value)
    return facts


@lru_cache(maxsize=None)
def _plan(schema: type[BaseModel]) -> tuple[type[Facts], frozenset[str]]:
    """The facts class of a schema and the names of its fields that hold parts."""
    from djrh.kinds.fields import nested_models

    return facts_class(schema), frozenset(name for name, part in nested_models(schema).items() if part is not None)


def share(facts: Facts) -> None:
    """Make facts hold their values as `facts_of` made them (`types.shared`) again, after a pickle:
    unpickled from a worker's chunk they share theirs only within the chunk (a cache shard pickled
    from them would keep a copy of each value per chunk); pickled into a cache shard, their long
    texts carry the UTF-8 copy pickle made of them (3 bytes a Chinese character, for as long as
    the record lives)."""
    parts = _plan(facts.SCHEMA)[1]
    for name in facts.__slots__:
        value = getattr(facts, name, None)
        if value is None:
            continue
        if name in parts:
            for item in value if type(value) is tuple else (value,):
                share(item)
        elif type(value) is tuple:
            setattr(facts, name, tuple([shared(item) for item in value]))
        else:
            setattr(facts, name, shared(value))


def schema_of(model: Facts | BaseModel) -> type[BaseModel]:
    """The schema class of a record's facts (or of a model)."""
    return getattr(type(model), "SCHEMA", type(model))


def values_of(model: Facts) -> dict[str, Any]:
    """Field name -> value of every field the facts hold (a partial record's broken ones not)."""
    return {name: value for name in model.__slots__ if (value := getattr(model, name, _UNSET)) is not _UNSET}
