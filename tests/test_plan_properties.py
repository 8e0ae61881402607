"""Property tests of `planner suggest` on random small instances (issue 3):
the plan's projection recomputed by the ledger (the audit engine) equals the
claimed one and meets every target; the optimum (effort, then fee, then
count) equals brute force over all subsets; the least shortfall likewise when
the targets cannot be met; dominance pruning changes nothing."""
from __future__ import annotations

import datetime as dt
import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import ledger
from planner.models.activity import Offering
from planner.models.person import Person
from planner.plan.greedy import greedy
from planner.plan.model import targeted_cycles
from planner.plan.plannable import candidates
from planner.plan.solve import plan
from planner.policy import resolve_policy

POLICY = resolve_policy()
TODAY = dt.date(2026, 12, 1)
SOCIETY = "surveying"


def make_offering(k: int, draw, year: int) -> Offering:
    kind = draw(st.sampled_from(["A", "A", "Ab", "G", "G", "B3", "B2", "C1"]))
    fields = {"id": f"X{k:02d}", "title": f"o{k}", "fee": draw(st.sampled_from([0, 0, 50, 100, 300]))}
    if draw(st.booleans()):
        fields["effort_hours"] = draw(st.sampled_from([0.5, 1, 2, 3, 5, 8, 16]))
    day = dt.date(year, 5, 1) + dt.timedelta(days=draw(st.integers(0, 5)))
    span = draw(st.integers(0, 1))
    if kind in ("A", "Ab"):
        fields.update(route="A", hours=draw(st.sampled_from([2, 3, 4, 6, 8, 12])), year=year,
                      platform="zjce" if kind == "A" else "blasting")
    elif kind == "G":
        fields.update(route="G", hours=draw(st.sampled_from([2, 3, 4, 6, 8])), year=year)
    elif kind == "B3":
        fields.update(route="B3", kind=draw(st.sampled_from(["training", "conference"])), society=SOCIETY,
                      start=day, end=day + dt.timedelta(days=span))
    elif kind == "B2":
        fields.update(route="B2", organizer=draw(st.sampled_from(["ministry", "province"])),
                      start=day, end=day + dt.timedelta(days=span))
    else:
        fields.update(route="C1", date=day, days=draw(st.sampled_from([0.5, 1])))
    return Offering.parse(fields)


@st.composite
def instances(draw, max_offerings: int = 9):
    year = draw(st.sampled_from([2027, 2029]))       # 2029: the 2027-2029 cycle ends in the plan
    records = [
        {"route": "A", "year": year, "title": "a", "hours": draw(st.integers(48, 70)), "platform": "zjce"},
        {"route": "G", "year": year, "title": "g", "hours": draw(st.integers(12, 26))},
    ]
    if draw(st.booleans()):
        records.append({"route": "C1", "year": year, "title": "c", "days": draw(st.sampled_from([1, 5, 6]))})
    if year == 2029 and draw(st.booleans()):
        records.append({"route": "B1", "date": "2027-06-01", "title": "seminar",
                        "level": draw(st.sampled_from(["provincial", "municipal"]))})
    elif year == 2029:
        for y in (2027, 2028):
            records.append({"route": "B2", "date": f"{y}-03-0{draw(st.integers(1, 9))}", "title": f"b{y}",
                            "organizer": "ministry", "days": draw(st.sampled_from([0.5, 1]))})
    person = Person.parse({
        "id": "P", "name": "p", "specialty": "surveying",
        "budget_per_year": draw(st.sampled_from([None, None, 100, 400])),
        "blackout": [{"start": f"{year}-05-03", "end": f"{year}-05-03"}] if draw(st.booleans()) else [],
        "records": records})
    n = draw(st.integers(1, max_offerings))
    offers = [make_offering(k, draw, year) for k in range(n)]
    return person, offers, (year,)


def brute_force(person, offers, years):
    """(best (effort, fee, count) or None, least total shortfall) over all subsets."""
    items = candidates(person, POLICY, offers, years, TODAY).items
    cycles = targeted_cycles(POLICY, years)
    budget = person.budget_per_year
    best, least = None, None
    for r in range(len(items) + 1):
        for subset in itertools.combinations(items, r):
            days = [d for i in subset for d in i.days]
            if len(days) != len(set(days)):
                continue
            fees = {}
            for i in subset:
                fees[i.year] = fees.get(i.year, 0) + i.fee
            if budget is not None and any(v > budget for v in fees.values()):
                continue
            book = ledger.build(POLICY, person.specialty, list(person.records) + [i.offering for i in subset])
            short = sum(t.shortfall for y in years for t in book.year(y).targets)
            short += sum(book.cycle(end).shortfall for _, end in cycles)
            least = short if least is None else min(least, short)
            if short == 0:
                key = (sum(i.effort for i in subset), sum(i.fee for i in subset), len(subset))
                best = key if best is None else min(best, key)
    return best, least


def check_projection(person, result, years):
    chosen = [c.offering for c in result.selected]
    book = ledger.build(POLICY, person.specialty, list(person.records) + chosen)
    assert tuple(book.year(y) for y in years) == result.projection
    assert tuple(book.cycles(years)) == result.cycles
    return book


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_optimum_equals_brute_force_and_projection_is_the_ledgers(instance):
    person, offers, years = instance
    result = plan(person, POLICY, offers, today=TODAY, years=years)
    best, least = brute_force(person, offers, years)
    book = check_projection(person, result, years)
    days = [d for c in result.selected for d in c.offering.dates()]
    assert len(days) == len(set(days)), "no two chosen dated offerings share a day"
    if person.budget_per_year is not None:
        assert all(sum(c.fee for c in result.selected if c.year == y) <= person.budget_per_year for y in years)
    if best is None:
        assert result.status == "infeasible"
        assert result.shortfall == least
        assert result.unmet, "an infeasible plan names its unmet targets"
        assert all(u.why.text and u.why.text_en for u in result.unmet)
    else:
        assert result.status == "optimal"
        assert (result.effort, result.fee, len(result.selected)) == best
        assert result.bound == result.effort
        assert all(book.year(y).met for y in years)
        assert all(book.cycle(end).met for _, end in result.targeted_cycles)


@settings(max_examples=40, deadline=None)
@given(instances())
def test_same_input_same_plan(instance):
    person, offers, years = instance
    a = plan(person, POLICY, offers, today=TODAY, years=years)
    b = plan(person, POLICY, list(reversed(offers)), today=TODAY, years=years)
    assert [c.id for c in a.selected] == [c.id for c in b.selected]
    assert (a.status, a.effort, a.fee) == (b.status, b.effort, b.fee)


def test_dominance_pruning_changes_nothing():
    rng = random.Random(7)
    for seed in range(6):
        rng.seed(seed)
        offers = []
        for k in range(160):
            route = rng.choice(["A", "G"])
            fields = {"id": f"Y{k:03d}", "title": "t", "route": route, "year": 2027,
                      "hours": rng.choice([4, 8, 12]), "fee": rng.choice([0, 20]),
                      "effort_hours": rng.choice([1, 2, 3, 4])}
            if route == "A":
                fields["platform"] = "zjce"
            offers.append(Offering.parse(fields))
        person = Person.parse({"id": "P", "name": "p", "specialty": "surveying", "records": [
            {"route": "A", "year": 2027, "title": "a", "hours": 30, "platform": "zjce"}]})
        pruned = plan(person, POLICY, offers, today=TODAY, years=(2027,))
        full = plan(person, POLICY, offers, today=TODAY, years=(2027,), dominance=False)
        assert sum(r.reason.code == "dominated" for r in pruned.rejected) > 0
        assert pruned.status == full.status == "optimal"
        assert (pruned.effort, pruned.fee) == (full.effort, full.fee)
        assert [c.id for c in pruned.selected] == [c.id for c in full.selected]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_greedy_plans_are_valid_and_never_beat_the_optimum(instance):
    person, offers, years = instance
    items = candidates(person, POLICY, offers, years, TODAY).items
    records = ledger.build(POLICY, person.specialty, person.records)
    picked = greedy(POLICY, person, records, years, items)
    best, _ = brute_force(person, offers, years)
    if picked is None:
        return
    chosen = [i for i in items if i.index in set(picked)]
    days = [d for i in chosen for d in i.days]
    assert len(days) == len(set(days))
    if person.budget_per_year is not None:
        assert all(sum(i.fee for i in chosen if i.year == y) <= person.budget_per_year for y in years)
    book = ledger.build(POLICY, person.specialty, list(person.records) + [i.offering for i in chosen])
    assert all(book.year(y).met for y in years)
    assert all(book.cycle(end).met for _, end in targeted_cycles(POLICY, years))
    assert best is not None and sum(i.effort for i in chosen) >= best[0]
