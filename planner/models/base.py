"""What every domain model is: a frozen dataclass, closed to unknown fields.

The models are plain Python (beancount's way): reading them, comparing them
and rebuilding them from the cache (planner.stored) needs no pydantic, so a
command that finds its workspace in the cache never imports it. Pydantic is
the parsing layer only (planner.models.parse): it reads a file's words into
these classes, from their annotations, their `__post_init__` checks and the
constraints each field's metadata names (and planner.limits' types) (`ge`, `le`, `pattern`, `alias`, as
pydantic's Field takes them), and it is imported when a file is parsed.

Quantities are exact integers: hours in tenths, days in halves, effort in
minutes, money in fen (the types are in planner.limits). A file's own words
(`hours: 4.8`, `days: 1.5`, `fee: 1200`) are converted on load.
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any


def model(cls):
    """A model class: a dataclass (its fields, in order, with their defaults
    and parser metadata) whose methods are Frozen's, written once for all
    (the generated ones cost about 2 ms a class at every start-up)."""
    return dataclasses.dataclass(init=False, repr=False, eq=False)(cls)


def checked(default: Any = dataclasses.MISSING, *, default_factory: Any = dataclasses.MISSING, **parse):
    """A field with a default and what the parser checks (pydantic's Field
    arguments: `ge=1`, `alias="class"`, `pattern=...`), kept as metadata."""
    return dataclasses.field(default=default, default_factory=default_factory, metadata=parse)


class Frozen:
    """The base of every model: built by keyword, immutable, compared and
    hashed field by field, checked by its `__post_init__` (if any) when
    built or parsed."""
    __pydantic_config__ = {"extra": "forbid"}       # read by the parser only

    def __init__(self, **values):
        for name, default, factory in _spec(type(self)):
            if name in values:
                value = values.pop(name)
            elif factory is not dataclasses.MISSING:
                value = factory()
            elif default is not dataclasses.MISSING:
                value = default
            else:
                raise TypeError(f"{type(self).__name__}.{name}")          # a programmer's slip: no default
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}.{sorted(values)[0]}")      # no such field
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    def __setattr__(self, name, value):
        raise dataclasses.FrozenInstanceError(name)

    def __delattr__(self, name):
        raise dataclasses.FrozenInstanceError(name)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in field_names(type(self)))

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self):
        return hash((type(self).__name__,) + self._values())

    def __repr__(self):
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in field_names(type(self)))
        return f"{type(self).__name__}({shown})"

    @classmethod
    def parse(cls, data):
        """An instance from a file's data (checked, converted): planner.models.parse."""
        from .parse import validate
        return validate(cls, data)

    def replace(self, **changes):
        """A copy with `changes` (values already in the model's own units),
        not checked again: what the planners derive from checked data."""
        names = field_names(type(self))
        unknown = set(changes) - set(names)
        if unknown:
            raise TypeError(f"{type(self).__name__}.{sorted(unknown)[0]}")     # no such field
        values = {name: getattr(self, name) for name in names}
        values.update(changes)
        return rebuilt(type(self), values)


@lru_cache(maxsize=None)
def _spec(cls) -> tuple:
    return tuple((f.name, f.default, f.default_factory) for f in dataclasses.fields(cls))


@lru_cache(maxsize=None)
def field_names(cls) -> tuple[str, ...]:
    """The model's fields, in order."""
    return tuple(f.name for f in dataclasses.fields(cls))


@lru_cache(maxsize=None)
def plain_defaults(cls) -> dict:
    """The fields whose default is a plain immutable value (None, 0, "", (),
    False), by name: what the caches leave out and fill back."""
    return {name: default for name, default, _ in _spec(cls)
            if default is None or isinstance(default, (bool, int, float, str, tuple))}


def non_defaults(obj) -> dict:
    """The fields of `obj` that do not hold their plain default (equal and of
    the same type), by name, in order."""
    plain = plain_defaults(type(obj))
    out = {}
    for name in field_names(type(obj)):
        value = getattr(obj, name)
        if name not in plain or value != plain[name] or type(value) is not type(plain[name]):
            out[name] = value
    return out


def rebuilt(cls, values: dict, fill: bool = False):
    """An instance of `cls` with exactly `values` (every field; `fill`: the
    defaults for those missing), not checked again: for values that were
    checked when first read (the cache, copies, a saved plan)."""
    if fill:
        values = {**{name: default if factory is dataclasses.MISSING else factory()
                     for name, default, factory in _spec(cls) if name not in values
                     and (default is not dataclasses.MISSING or factory is not dataclasses.MISSING)},
                  **values}
    if set(values) != set(field_names(cls)):
        raise TypeError(f"{cls.__name__}: fields {sorted(set(values) ^ set(field_names(cls)))}")
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    return obj
