"""The cache's form of the domain objects (planner/stored.py) is exact by
construction: what `rebuild(keep(x))` gives is equal to x, type for type, in
every model, tuple, list and dict inside, for the bundled policy and every
person and unit of the demo workspace; a type it could not give back exactly
is not kept at all."""
from __future__ import annotations

import collections
import datetime as dt
import json

import pytest

from planner import resources, stored
from planner.models.activity import Record
from planner.workspace import load_workspace


def same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if hasattr(type(a), "__dataclass_fields__"):
        return all(same(getattr(a, n), getattr(b, n)) for n in type(a).__dataclass_fields__)
    return a == b


def round_trip(value):
    kept = stored.keep(value)
    assert kept is not None
    return stored.rebuild(json.loads(json.dumps(kept, ensure_ascii=False)))


def test_the_policy_and_the_demo_workspace_come_back_exactly(policy, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANNER_CACHE", "off")
    ws = load_workspace(resources.demo_dir(), policy)
    assert same(round_trip(policy), policy)
    assert len(ws.people) > 10 and same(round_trip(ws.people), ws.people)
    assert ws.units and same(round_trip(ws.units), ws.units)


class Code(str):
    pass


@pytest.mark.parametrize("value", [Code("A"), dt.datetime(2026, 1, 1), collections.OrderedDict(a=1),
                                   collections.defaultdict(int), collections.namedtuple("P", "x")(1), {1, 2},
                                   [Record.parse({"route": "G", "title": "t", "year": 2026}).replace(title=Code("t"))]])
def test_a_type_that_would_not_come_back_exactly_is_not_kept(value):
    assert stored.keep(value) is None


def test_plain_values_keep_their_types():
    value = {1: (True, 1, 1.0, -0.0, "1", None), (2, "b"): [dt.date(2026, 1, 2)]}
    assert same(round_trip(value), value)
