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
from .models.base import non_defaults, plain_defaults, rebuilt

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


def encode(offering) -> dict:
    """{field: value} of the values that differ from the defaults."""
    return {name: _encode(value) for name, value in non_defaults(offering).items()}


@lru_cache(maxsize=1)
def _offering_type():
    """Offering and its field defaults (immutable ones: None, 0, ())."""
    from .models.activity import Offering
    return Offering, plain_defaults(Offering)


def decode(entry: dict):
    """The offering as it was validated, not checked again (10,000 offerings
    in a tenth of the time). store() keeps an entry only when this gives
    back equal offerings."""
    cls, defaults = _offering_type()
    fields = dict(defaults)
    fields.update((k, _decode(v)) for k, v in entry.items())
    return rebuilt(cls, fields)


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
    again = [decode(item) for stored in entry for item in stored]
    if again != list(catalog.offerings) or any(vars(a) != vars(b) for a, b in zip(again, catalog.offerings)):
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
