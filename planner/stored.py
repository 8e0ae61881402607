"""Validated domain objects (planner.models) as plain JSON and back, for the
cache (cache.py): what was validated once is rebuilt as it was, without
validating again (that is what makes the cache pay: no YAML, no parser, no
checks, and no pydantic: the models are plain dataclasses).

Only the types below are written and read: the models of planner.models
(named, never looked up anywhere else), dates, tuples, lists, dicts with
any keys, and plain values. Anything else cannot be kept (`Unkept`), and
`keep` returns None unless `rebuild(keep(x)) == x`, type for type: a cached
object is exactly the validated one.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from .models.base import Frozen, non_defaults, plain_defaults, rebuilt


class Unkept(Exception):
    """A value this module does not write."""


_MODELS = None


def _models() -> dict:
    """The domain models by their class name (planner.models: policy,
    activity, person; the names are unique)."""
    global _MODELS
    if _MODELS is None:
        from .models import activity, person, policy
        _MODELS = {name: value for module in (policy, activity, person) for name, value in vars(module).items()
                   if isinstance(value, type) and issubclass(value, Frozen) and value.__module__ == module.__name__}
    return _MODELS


def _encode(value) -> Any:
    """The JSON form, exact by construction: each type is matched exactly
    (a str or dict subclass, a datetime, a named tuple cannot be kept), so
    what _decode rebuilds is equal to `value`, type for type."""
    kind = type(value)
    if value is None or kind in _PLAIN_TYPES:
        return value
    if kind is dt.date:
        return {"$d": value.isoformat()}
    if kind is tuple:
        return {"$t": [_encode(v) for v in value]}
    if kind is list:
        return [_encode(v) for v in value]
    if kind is dict:
        return {"$k": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if _models().get(kind.__name__) is kind:
        return {"$m": kind.__name__, "v": {name: _encode(v) for name, v in non_defaults(value).items()}}
    raise Unkept(kind.__name__)


_PLAIN_TYPES = (str, bool, int, float)


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
    cls = _models().get(value["$m"])
    if cls is None:
        raise Unkept(value["$m"])
    values = dict(plain_defaults(cls))
    values.update((name, _decode(v)) for name, v in value["v"].items())
    return rebuilt(cls, values)


def keep(value) -> Optional[Any]:
    """The JSON form of `value`, or None when it holds a type that would not
    rebuild exactly (_encode; tests/test_stored.py holds rebuild(keep(x)) to
    x, type for type)."""
    try:
        return _encode(value)
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
        return repr(value)
