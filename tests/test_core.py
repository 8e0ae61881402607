"""The effort stage's core (plan/core.py) and its exact LP bound
(plan/relax.py): the bound holds for every plan, whatever multipliers it is
given; a plan solved on the core is the whole model's plan, also when the
first core is too small and has to grow."""
from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import ledger
from planner.models.activity import Offering
from planner.models.person import Person
from planner.plan import core, relax, solve
from planner.plan.model import build
from planner.plan.plannable import candidates
from planner.plan.sat import load_cp_model
from planner.policy import resolve_policy

POLICY = resolve_policy()
TODAY = dt.date(2026, 12, 1)


def catalogue(seed: int, n: int, years=(2027,)) -> tuple[Person, list[Offering]]:
    """A random person and catalogue: online A and G courses, dated B3/C1 days
    (overlaps), fees under a budget."""
    rng = random.Random(seed)
    offers = []
    for k in range(n):
        year = rng.choice(years)
        route = rng.choice(["A", "A", "G", "G", "B3", "C1"])
        fields = {"id": f"Y{k:03d}", "title": "t", "fee": rng.choice([0, 0, 20, 50, 100])}
        if rng.random() < 0.7:
            fields["effort_hours"] = rng.choice([1, 1.5, 2, 3, 4, 6, 8])
        day = dt.date(year, 3, 1) + dt.timedelta(days=rng.randrange(20))
        if route in ("A", "G"):
            fields.update(route=route, year=year, hours=rng.choice([2, 3, 4, 6, 8, 12]))
            if route == "A":
                fields["platform"] = "zjce"
        elif route == "B3":
            fields.update(route="B3", kind="training", society="surveying", start=day,
                          end=day + dt.timedelta(days=rng.randrange(2)))
        else:
            fields.update(route="C1", date=day, days=rng.choice([0.5, 1]))
        offers.append(Offering.parse(fields))
    records = [{"route": "A", "year": years[0], "title": "a", "hours": rng.randrange(10, 60), "platform": "zjce"}]
    person = Person.parse({"id": "P", "name": "p", "specialty": "surveying",
                                    "budget_per_year": rng.choice([None, 200, 400]), "records": records})
    return person, offers


def key(result):
    return (result.status, result.effort, result.fee, result.bound, [c.id for c in result.selected],
            [(r.id, r.reason.code) for r in result.rejected])


def whole_and_core(person, offers, years, monkeypatch, margin):
    monkeypatch.setattr(solve, "CORE", False)
    whole = solve.plan(person, POLICY, offers, today=TODAY, years=years, time_limit=60)
    monkeypatch.setattr(solve, "CORE", True)
    monkeypatch.setattr(core, "FIRST_MARGIN", margin)
    return whole, solve.plan(person, POLICY, offers, today=TODAY, years=years, time_limit=60)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10 ** 6), margin=st.sampled_from([0, 6, 30]), two=st.booleans())
def test_the_core_gives_the_whole_models_plan(seed, margin, two, monkeypatch):
    years = (2027, 2028) if two else (2027,)
    person, offers = catalogue(seed, 70, years)
    whole, cored = whole_and_core(person, offers, years, monkeypatch, margin)
    assert key(cored) == key(whole)


def test_a_core_too_small_grows_and_the_plan_is_still_the_optimum(monkeypatch):
    """Margin 0: the first core holds only the LP's own offerings; its best
    plan costs more than L, so the core grows once, and the plan is the whole
    model's (without the check it would be the small core's, a worse one)."""
    person, offers = catalogue(3, 80)
    rounds = []
    real = core.core_items
    monkeypatch.setattr(core, "core_items", lambda *a: rounds.append(real(*a)) or rounds[-1])
    whole, cored = whole_and_core(person, offers, (2027,), monkeypatch, 0)
    assert len(rounds) == 2 and len(rounds[0]) < len(rounds[1]) < 80
    assert whole.status == "optimal" and key(cored) == key(whole)


def test_the_core_is_used_and_smaller(monkeypatch):
    person, offers = catalogue(11, 120)
    sizes = []
    real = core.core_items
    monkeypatch.setattr(core, "core_items",
                        lambda pm, *a: sizes.append((len(real(pm, *a)), len(pm.items))) or real(pm, *a))
    whole, cored = whole_and_core(person, offers, (2027,), monkeypatch, 60)
    assert len(sizes) == 1 and sizes[0][0] < sizes[0][1] / 2
    assert key(cored) == key(whole)


def model_of(person, offers, years):
    cp = load_cp_model()
    items = candidates(person, POLICY, offers, years, TODAY).items
    records = ledger.build(POLICY, person.specialty, person.records)
    pm = build(cp, POLICY, person, records, years, items, size=len(items), today=TODAY)
    return items, pm


def plans(person, items, years):
    """Every subset that is a plan of the model (brute force: overlaps,
    budget, every target met by the ledger)."""
    for r in range(len(items) + 1):
        for subset in itertools.combinations(items, r):
            days = [d for i in subset for d in i.days]
            if len(days) != len(set(days)):
                continue
            budget = person.budget_per_year
            if budget is not None and any(sum(i.fee for i in subset if i.year == y) > budget for y in years):
                continue
            book = ledger.build(POLICY, person.specialty, list(person.records) + [i.offering for i in subset])
            if all(book.year(y).met for y in years):
                yield subset


@pytest.mark.parametrize("seed", range(12))
def test_the_bound_holds_for_every_plan_whatever_the_multipliers(seed):
    """L + d_j <= effort of every plan taking j, for GLOP's duals and for
    random (wrong) ones: the bound is exact integer arithmetic, not trust in
    the LP."""
    person, offers = catalogue(100 + seed, 9)
    items, pm = model_of(person, offers, (2027,))
    costs = {v.index: i.effort for i, v in zip(items, pm.x)}
    best = relax.relax(pm.model.proto, costs)
    rng = random.Random(seed)
    table = relax.rows(pm.model.proto)
    bounds = [(list(v.domain)[0], list(v.domain)[-1]) for v in pm.model.proto.variables]
    wrong = relax.lagrangian(table, bounds, costs, [rng.uniform(-3, 3) for _ in table])
    found = list(plans(person, items, (2027,)))
    assert best is not None or not found          # an LP with no optimum: no plan either
    for relaxation in (wrong,) if best is None else (best, wrong):
        for subset in found:
            effort = sum(i.effort for i in subset) * relax.SCALE
            assert effort >= relaxation.scaled_bound
            for item in subset:
                d = relaxation.scaled_reduced[pm.var[item.index].index]
                assert effort >= relaxation.scaled_bound + max(d, 0)
