"""Each rule of the person model on its own (issue 8 point 8): a model with
one Boolean per item (plan.model.new_model), the one add_<rule>() under test
(and the route caps, which every rule reads its hours from), and a check of
which choices the rule admits, every Boolean fixed: propagation only, no
search, no objective. In the spirit of Timefold's ConstraintVerifier; the
unit model's rules are tests/test_unit_rules.py.

The items are written inline (route, hours in tenths, days, fee), so each
test holds the figures it asserts; the policy is the bundled one: targets
65/18/90 h, the B cycle 36 h in 2027-2029, C routes capped at 24 h a year,
an effort day of 480 minutes.
"""
from __future__ import annotations

import datetime as dt

from planner import ledger
from planner.credits import Credit
from planner.models.person import Person
from planner.plan.model import (add_budget, add_cycles, add_no_overlap, add_required, add_route_caps,
                                add_study_days, add_yearly_targets, new_model)
from planner.plan.plannable import Item
from planner.plan.sat import load_cp_model

from .conftest import offering, record

cp_model = load_cp_model()


def item(index, route="A", tenths=60, year=2027, days=(), fee=0, effort=60, required=False, booked=None):
    o = offering(id=f"I{index}", route=route, year=year)
    return Item(index, o, year, Credit(route=route, tenths=tenths, base=tenths, basis="listed"),
                effort, fee, tuple(days), required, booked)


def person(records=(), budget=None) -> Person:
    return Person.parse({"id": "P", "name": "p", "specialty": "surveying", "records": list(records),
                         "budget_per_year": budget})         # the file's yuan, in fen


def model_of(policy, items, years=(2027,), records=()):
    """The model with its Booleans and the route caps; the person's ledger."""
    who = person(records)
    books = ledger.build(policy, who.specialty, who.records)
    pm = new_model(cp_model, years, items)
    add_route_caps(pm, policy, books)
    return pm, books


def admits(pm, chosen: set[int], *extra) -> bool:
    """Whether the model holds with exactly the items `chosen` (by index)
    taken, and the (expression, value) pairs in `extra` equal."""
    trial = pm.model.clone()
    for it in pm.items:
        trial.add(trial.get_bool_var_from_proto_index(pm.var[it.index].index) == int(it.index in chosen))
    for expr, value in extra:
        trial.add(trial.get_int_var_from_proto_index(expr.index) == value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 1.0
    return solver.solve(trial) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_add_route_caps_counts_records_plus_chosen_up_to_the_cap(policy):
    # C2 is capped at 24 h a year: a 10 h record and two 10 h items count 24 h, not 30
    records = [record(route="C2", year=2027, hours=10, source="registry")]
    pm, _ = model_of(policy, [item(0, "C2", 100), item(1, "C2", 100)], records=records)
    counted = pm.counted[(2027, "C2")]
    assert admits(pm, {0, 1}, (counted, 240))
    assert not admits(pm, {0, 1}, (counted, 300))
    assert admits(pm, {0}, (counted, 200))
    assert not admits(pm, {0}, (counted, 240))
    assert pm.counted[(2027, "C3")] == 0                  # a route with nothing to choose is a constant


def test_add_yearly_targets_needs_every_target_of_every_planned_year(policy):
    # records: A 50 h, C2 10 h (a route with nothing to choose: a constant), G 25 h; professional
    # needs 5 h more (65) and so does the total (90)
    records = [record(route="A", year=2027, hours=50, platform="zjce"),
               record(route="C2", year=2027, hours=10, source="registry"),
               record(route="G", year=2027, hours=25)]
    pm, _ = model_of(policy, [item(0, "A", 50), item(1, "G", 50)], records=records)
    goals = add_yearly_targets(pm, policy)
    assert [(g.key, g.required) for g in goals] == [("professional", 650), ("general", 180), ("total", 900)]
    assert admits(pm, {0})                                # A 5 h: 65 professional, 90 in all
    assert not admits(pm, {1})                            # G 5 h: 90 in all, but professional stays 60
    assert not admits(pm, set())


def test_add_yearly_targets_soft_admits_a_shortfall_it_measures(policy):
    records = [record(route="A", year=2027, hours=60, platform="zjce"),
               record(route="G", year=2027, hours=25)]
    pm, _ = model_of(policy, [item(0, "A", 50)], records=records)
    goals = add_yearly_targets(pm, policy, soft=True)
    professional = next(g for g in goals if g.key == "professional")
    assert admits(pm, set(), (professional.shortfall, 50))
    assert not admits(pm, set(), (professional.shortfall, 40))
    assert admits(pm, {0}, (professional.shortfall, 0))


def test_add_cycles_takes_the_unplanned_years_from_the_records(policy):
    # cycle 2027-2029, 36 h of class B; 2027 is not planned: its B2 record (24 h registered) counts as a fact
    records = [record(route="B2", year=2027, hours=24, source="registry")]
    pm, books = model_of(policy, [item(0, "B1", 120, 2029), item(1, "B1", 60, 2029)], (2028, 2029), records)
    assert books.year(2027).counted(policy.cycle_routes()) == 240
    goals = add_cycles(pm, policy, books)
    assert [(g.period, g.required) for g in goals] == [("2027-2029", 360)]
    assert pm.cycles == [(2027, 2029)]
    assert admits(pm, {0})                                # 24 + 12 = 36 h
    assert not admits(pm, {1})                            # 24 + 6 = 30 h
    assert admits(pm, {1, 0})


def test_add_cycles_ignores_a_cycle_that_ends_after_the_plan(policy):
    pm, books = model_of(policy, [item(0, "B1", 60, 2027)], (2027, 2028))
    assert add_cycles(pm, policy, books) == []
    assert admits(pm, set())


def test_add_no_overlap_admits_one_item_a_day(policy):
    pm, _ = model_of(policy, [item(0, days=(10, 11)), item(1, days=(11, 12)), item(2, days=(13,)), item(3)])
    terms = add_no_overlap(pm)
    assert len(terms) == 1                                # only day 11 is shared
    assert not admits(pm, {0, 1})
    assert admits(pm, {0, 2, 3})
    assert admits(pm, {1, 2, 3})


def test_add_budget_caps_each_years_fees(policy):
    items = [item(0, fee=60000), item(1, fee=60000), item(2, fee=60000, year=2028)]
    pm = new_model(cp_model, (2027, 2028), items)
    terms = add_budget(pm, person(budget=1000))           # 1,000 yuan a year: 100,000 fen
    assert [t.name for t in terms] == ["budget 2027 <= 100000"]    # 2028 cannot pass it: no constraint
    assert not admits(pm, {0, 1})
    assert admits(pm, {0, 2})
    assert add_budget(new_model(cp_model, (2027,), items[:2]), person()) == []   # no budget, no rule


def test_add_budget_lets_booked_fees_stand(policy):
    # booked fees are facts: past the budget alone, they raise the limit to themselves and nothing new fits
    items = [item(0, fee=150000, booked=0), item(1, fee=100)]
    pm = new_model(cp_model, (2027,), items)
    (term,) = add_budget(pm, person(budget=1000))
    assert term.name == "budget 2027 <= 150000"
    assert admits(pm, {0})
    assert not admits(pm, {0, 1})


def test_add_required_takes_what_is_pinned(policy):
    pm = new_model(cp_model, (2027,), [item(0, required=True), item(1)])
    assert [t.name for t in add_required(pm)] == ["require I0"]
    assert not admits(pm, {1})
    assert admits(pm, {0})


def test_add_study_days_fits_online_effort_in_the_days_left(policy):
    # 2027-12-30: two days to 31 December, 2 x 480 minutes of study; dated items do not count
    items = [item(0, effort=600), item(1, effort=600), item(2, effort=600, days=(5,))]
    pm = new_model(cp_model, (2027,), items)
    (term,) = add_study_days(pm, policy, dt.date(2027, 12, 30))
    assert term.name == "study days 2027: online effort <= 960 minutes"
    assert admits(pm, {0, 2})
    assert not admits(pm, {0, 1})
    assert add_study_days(new_model(cp_model, (2027,), items), policy, dt.date(2027, 6, 1)) == []
