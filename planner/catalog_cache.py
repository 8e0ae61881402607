"""A validated catalogue, kept in the cache (cache.py) so the next run reads
it without parsing YAML or validating again: a 10,000-offering catalogue is
read once.

The entry is made from the catalogue files' names and bytes, the policy
(its full content: aliases and checks come from it) and the planner version;
any change to any of them is a miss. Offerings are stored field by field and
rebuilt without validation (they were validated when stored); an entry is
written only when rebuilding gives back exactly the offerings it came from.
"""
from __future__ import annotations

import datetime as dt
import time
from functools import lru_cache
from typing import Optional, Sequence

from . import cache

KIND = "catalog"


def _encode(value):
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, dict):
        return dt.date.fromisoformat(value["date"])
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    return value


def encode(offering) -> list:
    """[fields given, {field: value}] with the values that differ from the defaults."""
    fields = type(offering).model_fields
    values = {name: _encode(getattr(offering, name)) for name, info in fields.items()
              if name in offering.model_fields_set or getattr(offering, name) != info.get_default()}
    return [sorted(offering.model_fields_set), values]


@lru_cache(maxsize=1)
def _offering_type():
    """Offering and its field defaults (immutable ones: None, 0, ())."""
    from .models.activity import Offering
    defaults = {name: info.get_default(call_default_factory=True) for name, info in Offering.model_fields.items()
                if not info.is_required()}
    return Offering, defaults


def decode(entry: list):
    """The offering as it was validated (what model_construct does, without
    its per-field default lookups: 10,000 offerings in a tenth of the time).
    store() keeps an entry only when this gives back equal offerings."""
    cls, defaults = _offering_type()
    given, values = entry
    offering = cls.__new__(cls)
    fields = dict(defaults)
    fields.update((k, _decode(v)) for k, v in values.items())
    object.__setattr__(offering, "__dict__", fields)
    object.__setattr__(offering, "__pydantic_fields_set__", set(given))
    object.__setattr__(offering, "__pydantic_extra__", None)
    object.__setattr__(offering, "__pydantic_private__", None)
    return offering


def made_from(files: Sequence[tuple[str, str]], policy) -> str:
    from .stored import fingerprint
    parts = [fingerprint(policy)]
    for shown, text in files:
        parts += [shown, text]
    return cache.digest(*parts)


def load(files: Sequence[tuple[str, str]], policy, make):
    """The catalogue of these files, if the cache holds it (built by
    `make(offerings, sources, by_id)`: workspace.Catalog); else None."""
    digest = made_from(files, policy)
    entry = cache.load(KIND, [shown for shown, _ in files], digest)
    if not isinstance(entry, list) or len(entry) != len(files):
        return None
    offerings, sources = [], {}
    try:
        for (shown, _), stored in zip(files, entry):
            for item in stored:
                offering = decode(item)
                offerings.append(offering)
                sources[offering.id] = shown
    except (TypeError, ValueError, KeyError, AttributeError):
        return None                     # another program's file, or a damaged one
    return make(tuple(offerings), sources, {o.id: o for o in offerings})


def store(files: Sequence[tuple[str, str]], policy, catalog) -> None:
    if cache.folder() is None:
        return
    by_file: dict[str, list] = {shown: [] for shown, _ in files}
    for offering in catalog.offerings:
        by_file[catalog.sources[offering.id]].append(encode(offering))
    entry = [by_file[shown] for shown, _ in files]
    rebuilt = [decode(item) for stored in entry for item in stored]
    if rebuilt != list(catalog.offerings) or any(a.model_fields_set != b.model_fields_set
                                                 for a, b in zip(rebuilt, catalog.offerings)):
        return
    cache.store(KIND, [shown for shown, _ in files], made_from(files, policy), entry)


def cached(files: Sequence[tuple[str, str]], policy, parse, make) -> Optional[object]:
    """The catalogue of `files`: from the cache, else `parse(files, policy)` (then kept)."""
    found = load(files, policy, make)
    if found is not None:
        return found
    began = time.perf_counter()
    catalog = parse(files, policy)
    cache.later(lambda: store(files, policy, catalog), cache.KEEP_SHARE * (time.perf_counter() - began))
    return catalog
