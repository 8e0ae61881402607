"""The greedy plan (plan/greedy.py) ranks by exact integer keys, from one
sorted pass and a heap of re-scored items, with each gain worked out once
between takes, and can leave items out through `usable`: on random cases
it picks exactly what the Fraction heap it replaced picked (the reference
below is that code), and the Fraction fallback for long scales agrees too."""
from __future__ import annotations

import datetime as dt
import heapq
import random
from fractions import Fraction

import pytest

from planner import ledger
from planner.errors import PlannerError
from planner.models.activity import Offering
from planner.models.person import Person
from planner.plan import greedy as greedy_mod
from planner.plan.greedy import greedy
from planner.plan.plannable import candidates
from planner.policy import resolve_policy

POLICY = resolve_policy()
TODAY = dt.date(2026, 12, 1)


def reference(policy, person, records, years, items, keep=lambda item: True):
    """The greedy of before: a heap of Fraction keys over the items `keep` allows."""
    items = [i for i in items if keep(i)]
    fill = greedy_mod._Fill(policy, person, records, years)
    gain = lambda item: fill._gain(item.year, item.route, item.tenths)      # never cached
    score = lambda item, g: (-Fraction(g, max(item.effort, 1)), item.fee, item.index)
    chosen = []
    for item in items:
        if item.required:
            if not fill.fits(item):
                return None
            fill.take(item)
            chosen.append(item.index)
    heap = [(score(i, i.tenths), i.index, i) for i in items if not i.required]
    heapq.heapify(heap)
    while heap and fill.short():
        _, _, item = heapq.heappop(heap)
        if not fill.fits(item):
            continue
        g = gain(item)
        if g == 0:
            continue
        fresh = score(item, g)
        if heap and fresh > heap[0][0]:
            heapq.heappush(heap, (fresh, item.index, item))
            continue
        fill.take(item)
        chosen.append(item.index)
    if fill.short():
        return None
    return greedy_mod._reverse_delete(fill, items, chosen)


def offering(rng: random.Random, k: int, year: int) -> Offering:
    fields = {"id": f"R{k:03d}", "title": f"o{k}", "fee": rng.choice([0, 0, 30, 50, 100])}
    if rng.random() < 0.7:     # many different efforts: long scales, and equal ratios (ties) too
        fields["effort_hours"] = rng.choice([0.5, 1, 1.5, 2, 3, 4, 6, 7, 8, 9, 11, 13, 16])
    day = dt.date(year, 3, 1) + dt.timedelta(days=rng.randrange(40))
    kind = rng.choice(["G", "G", "A", "C1", "C1", "B2"])
    if kind == "G":
        fields.update(route="G", year=year, hours=rng.choice([2, 3, 4, 6, 8]))
    elif kind == "A":
        fields.update(route="A", year=year, hours=rng.choice([4, 6, 8, 12]), platform="zjce")
    elif kind == "C1":
        fields.update(route="C1", date=day, days=rng.choice([0.5, 1, 1]))
    else:
        fields.update(route="B2", organizer=rng.choice(["ministry", "province"]), start=day, end=day)
    return Offering.parse(fields)


def case(seed: int):
    rng = random.Random(seed)
    year = 2027
    offers = [offering(rng, k, year) for k in range(rng.randrange(8, 60))]
    records = [{"route": "A", "year": year, "title": "a", "hours": rng.randrange(1, 80), "platform": "zjce"},
               {"route": "G", "year": year, "title": "g", "hours": rng.randrange(1, 30)}]
    person = {"id": "P", "name": "p", "specialty": "surveying", "records": records}
    if rng.random() < 0.4:
        person["budget_per_year"] = rng.choice([60, 150, 400])
    person = Person.parse(person)
    plannable = candidates(person, POLICY, offers, [year], TODAY).items
    required = [i.id for i in plannable if rng.random() < 0.05][:2]     # --require (pinned items)
    try:
        items = candidates(person, POLICY, offers, [year], TODAY, require=required).items
    except PlannerError:                                               # two pinned on one day
        items = plannable
    return person, ledger.build(POLICY, person.specialty, person.records), [year], items, rng


@pytest.mark.parametrize("seed", range(300))
def test_greedy_picks_what_the_fraction_heap_picked(seed):
    person, records, years, items, rng = case(seed)
    assert greedy(POLICY, person, records, years, items) == reference(POLICY, person, records, years, items)
    left_out = {i.index for i in items if rng.random() < 0.3}
    usable = lambda item: item.index not in left_out
    assert (greedy(POLICY, person, records, years, items, usable)
            == reference(POLICY, person, records, years, items, usable))


def test_the_cases_exercise_ties_requeues_and_both_outcomes(monkeypatch):
    """The random cases above are not trivial: plans found and not, equal
    ratios, and items re-scored lower (the heap) all occur."""
    pushes = []
    monkeypatch.setattr(greedy_mod, "heapq", type("H", (), {
        "heappush": staticmethod(lambda heap, entry: (pushes.append(1), heapq.heappush(heap, entry))),
        "heappop": staticmethod(heapq.heappop)}))
    found = missing = ties = requeued = pinned = 0
    for seed in range(300):
        person, records, years, items, _ = case(seed)
        before = len(pushes)
        picked = greedy(POLICY, person, records, years, items)
        found += picked is not None
        missing += picked is None
        requeued += len(pushes) > before
        pinned += any(i.required for i in items)
        ratios = [Fraction(i.tenths, max(i.effort, 1)) for i in items]
        ties += len(ratios) != len(set(ratios))
    assert found > 200 and missing > 20 and ties > 250 and requeued > 150 and pinned > 30, (found, missing, ties, requeued, pinned)


def test_long_scales_fall_back_to_fractions_with_the_same_plans(monkeypatch):
    monkeypatch.setattr(greedy_mod, "MAX_SCALE_BITS", 1)
    for seed in range(60):
        person, records, years, items, _ = case(seed)
        assert greedy_mod._Keys(items).times is None or len({i.effort for i in items}) <= 1
        assert greedy(POLICY, person, records, years, items) == reference(POLICY, person, records, years, items)


def test_integer_keys_rank_as_the_ratios_do():
    """g * (L // e) orders as g / e: 1/3 < 2/5 < 1/2 = 2/4 (then fee, then index)."""
    efforts = [180, 300, 120, 240]
    items = [type("I", (), {"effort": e, "fee": 0, "index": k})() for k, e in enumerate(efforts)]
    keys = greedy_mod._Keys(items)
    assert keys.times == {180: 20, 300: 12, 120: 30, 240: 15}       # L = 3600
    ranked = sorted(items, key=lambda i: keys.of(i, {0: 60, 1: 120, 2: 60, 3: 120}[i.index]))
    assert [i.index for i in ranked] == [2, 3, 1, 0]
