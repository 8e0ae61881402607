"""Validated domain objects (planner.models) as plain JSON and back, for the
cache (cache.py): what was validated once is rebuilt as it was, without
validating again (that is what makes the cache pay: no YAML, no schema
building, no checks).

Only the types below are written and read: the models of planner.models
(named, never looked up anywhere else), dates, tuples, lists, dicts with
any keys, and plain values. Anything else cannot be kept (`Unkept`), and
`keep` returns None unless `rebuild(keep(x)) == x` with the same fields
set everywhere: a cached object is exactly the validated one.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional


class Unkept(Exception):
    """A value this module does not write."""


_MODELS = None


def _models():
    """The domain models by their class name (planner.models: policy,
    activity, person; the names are unique), and pydantic's BaseModel."""
    global _MODELS
    if _MODELS is None:
        import types
        from pydantic import BaseModel
        from .models import activity, person, policy
        named = {name: value for module in (policy, activity, person) for name, value in vars(module).items()
                 if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__}
        _MODELS = types.SimpleNamespace(BaseModel=BaseModel, **named)
    return _MODELS


def _encode(value) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$d": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$k": [[_encode(k), _encode(v)] for k, v in value.items()]}
    cls = type(value)
    if getattr(_models(), cls.__name__, None) is cls and not cls.__private_attributes__:
        return {"$m": cls.__name__, "s": sorted(value.model_fields_set),
                "v": {name: _encode(getattr(value, name)) for name in cls.model_fields}}
    raise Unkept(cls.__name__)


def _decode(value) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$d" in value:
        return dt.date.fromisoformat(value["$d"])
    if "$t" in value:
        return tuple(_decode(v) for v in value["$t"])
    if "$k" in value:
        return {_decode(k): _decode(v) for k, v in value["$k"]}
    cls = getattr(_models(), value["$m"])
    if not (isinstance(cls, type) and issubclass(cls, _models().BaseModel)) or cls.__private_attributes__:
        raise Unkept(value["$m"])
    obj = cls.__new__(cls)
    fields = {name: _decode(v) for name, v in value["v"].items()}
    if set(fields) != set(cls.model_fields):
        raise Unkept(value["$m"])
    object.__setattr__(obj, "__dict__", fields)
    object.__setattr__(obj, "__pydantic_fields_set__", set(value["s"]))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _same(a, b) -> bool:
    """Equal, and the same fields given in every model inside."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    fields = getattr(type(a), "model_fields", None)
    if fields is not None:
        return a.model_fields_set == b.model_fields_set and all(_same(getattr(a, n), getattr(b, n)) for n in fields)
    return a == b


def keep(value) -> Optional[Any]:
    """The JSON form of `value`, or None when it would not rebuild exactly."""
    try:
        encoded = _encode(value)
        return encoded if _same(_decode(encoded), value) else None
    except (Unkept, TypeError, ValueError, KeyError, AttributeError):
        return None


def rebuild(encoded) -> Optional[Any]:
    """The value `keep` wrote; None for anything it did not write."""
    try:
        return _decode(encoded)
    except (Unkept, TypeError, ValueError, KeyError, AttributeError):
        return None


def fingerprint(value) -> str:
    """A text that changes whenever `value` does (for cache keys)."""
    import json
    try:
        return json.dumps(_encode(value), sort_keys=True, ensure_ascii=False)
    except Unkept:
        return value.model_dump_json()
