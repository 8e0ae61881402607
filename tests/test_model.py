"""The CP-SAT model's rules, one by one (issue 3)."""
from __future__ import annotations

import datetime as dt


from planner import ledger
from planner.plan.dominance import dominated, need
from planner.plan.greedy import greedy
from planner.plan.model import build, overlap_groups, targeted_cycles
from planner.plan.plannable import Item, candidates
from planner.plan.sat import load_cp_model

from .conftest import offering

cp = load_cp_model()


def item(index, days=(), route="A", tenths=60, effort=60, fee=0, year=2027, required=False):
    o = offering(id=f"I{index}", route="A", hours=6, platform="zjce", year=year)
    from planner.credits import Credit
    return Item(index, o, year, Credit(route=route, tenths=tenths, base=tenths, basis="listed"),
                effort, fee, tuple(days), required)


def test_targeted_cycles(policy):
    assert targeted_cycles(policy, (2026,)) == [(2024, 2026)]
    assert targeted_cycles(policy, (2027, 2028)) == []
    assert targeted_cycles(policy, (2027, 2028, 2029)) == [(2027, 2029)]
    assert targeted_cycles(policy, (2028, 2029, 2030)) == [(2027, 2029)]
    assert targeted_cycles(policy, tuple(range(2026, 2033))) == [(2024, 2026), (2027, 2029), (2030, 2032)]


def test_overlap_groups_one_per_busy_stretch():
    items = [item(0, (1, 2)), item(1, (2, 3)), item(2, (3,)), item(3, (7,)), item(4, (7,)), item(5, ())]
    # day 2: {0,1}; day 3: {1,2}; day 7: {3,4}; lone days and undated items add nothing
    assert overlap_groups(items) == [(0, 1), (1, 2), (3, 4)]


def solve_with(pm, fixed):
    model = pm.model
    for i, v in fixed.items():
        model.add(pm.var[i] == v)
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    return status, solver


def test_route_cap_is_min_of_records_plus_chosen_and_cap(person_of, policy):
    who = person_of("""
        id: P
        name: p
        specialty: surveying
        records:
          - {route: C1, year: 2027, title: u, days: 5}
    """)
    offers = [offering(id="C1-a", route="C1", date="2027-05-01", days=1),
              offering(id="C1-b", route="C1", date="2027-05-02", days=1)]
    items = candidates(who, policy, offers, (2027,), dt.date(2027, 1, 1)).items
    book = ledger.build(policy, who.specialty, who.records)
    pm = build(cp, policy, who, book, (2027,), items, soft=True)
    counted = pm.counted[(2027, "C1")]
    status, solver = solve_with(pm, {0: 1, 1: 1})
    assert solver.value(counted) == 240          # 200 + 40 + 40 capped at 24 h
    pm = build(cp, policy, who, book, (2027,), items, soft=True)
    status, solver = solve_with(pm, {0: 1, 1: 0})
    assert solver.value(pm.counted[(2027, "C1")]) == 240
    pm = build(cp, policy, who, book, (2027,), items, soft=True)
    status, solver = solve_with(pm, {0: 0, 1: 0})
    assert solver.value(pm.counted[(2027, "C1")]) == 200
    assert pm.counted[(2027, "A")] == 0           # no records, no offerings: a constant


def test_goals_are_named_after_their_rules(person_of, policy):
    who = person_of("""
        id: P
        name: p
        specialty: surveying
        budget_per_year: 30
        records: []
    """)
    offers = [offering(id="A-a", route="A", hours=6, platform="zjce", year=2029, fee=20),
              offering(id="A-b", route="A", hours=6, platform="zjce", year=2029, fee=20),
              offering(id="B3-a", route="B3", kind="training", society="land", date="2029-05-01"),
              offering(id="B3-b", route="B3", kind="training", society="land", date="2029-05-01")]
    items = candidates(who, policy, offers, (2029,), dt.date(2027, 1, 1), require=["A-a"]).items
    book = ledger.build(policy, who.specialty, who.records)
    pm = build(cp, policy, who, book, (2029,), items, guarded=True)
    assert [(g.kind, g.period, g.key) for g in pm.guards] == [
        ("target", "2029", "professional"), ("target", "2029", "general"), ("target", "2029", "total"),
        ("cycle", "2027-2029", "cycle"), ("no_overlap", "", "no_overlap"), ("budget", "2029", "budget"),
        ("required", "", "A-a")]
    names = sorted(c.name for c in pm.model.proto.constraints if c.name)
    assert "第五条 2029 general >= 180" in names
    assert "第六条（二） 2027-2029 >= 360" in names
    assert "budget 2029 <= 3000" in names
    assert "no overlap B3-a B3-b" in names
    assert "require A-a" in names


def test_dominance_need_and_pruning(policy):
    assert need(policy, "A") == 900 and need(policy, "G") == 900 and need(policy, "B3") == 360
    # 16 identical 6-hour courses: the 16th has 15 dominators, 15 x 60 >= 900: dropped; the others stay
    items = [item(i, tenths=60, effort=270) for i in range(16)]
    assert dominated(policy, items) == {15: 15}
    # a dated or required one is never dropped
    items = [item(i, tenths=60, effort=270, required=(i == 15)) for i in range(16)]
    assert dominated(policy, items) == {}


def test_greedy_respects_overlaps(person_of, policy):
    who = person_of("""
        id: P
        name: p
        specialty: surveying
        records:
          - {route: A, year: 2027, title: a, hours: 53, platform: zjce}
          - {route: G, year: 2027, title: g, hours: 25}
    """)
    offers = [offering(id="B3-a", route="B3", kind="conference", society="land", date="2027-05-10", effort_hours=1),
              offering(id="B3-b", route="B3", kind="conference", society="land", date="2027-05-10", effort_hours=1),
              offering(id="A-1", route="A", hours=6, platform="zjce", year=2027)]
    items = candidates(who, policy, offers, (2027,), dt.date(2027, 1, 1)).items
    book = ledger.build(policy, who.specialty, who.records)
    assert greedy(policy, who, book, (2027,), items) == [0, 1]        # A-1 and B3-a, not both conferences
    # only the two overlapping conferences: greedy and the model agree there is no plan
    items = candidates(who, policy, offers[:2], (2027,), dt.date(2027, 1, 1)).items
    assert greedy(policy, who, book, (2027,), items) is None


def test_greedy_drops_again_what_the_targets_no_longer_need(person_of, policy):
    # professional is 10 h short (55 of 65; the total is met): the best ratio A-6 (6 h for 1 h of
    # effort) comes first, then A-10 (10 h for 2 h) closes the rest; the reverse-delete pass then
    # finds A-6 no longer needed (A-10 alone reaches 65) and drops it
    who = person_of("""
        id: P
        name: p
        specialty: surveying
        records:
          - {route: A, year: 2027, title: a, hours: 55, platform: zjce}
          - {route: G, year: 2027, title: g, hours: 35}
    """)
    offers = [offering(id="A-10", route="A", hours=10, platform="zjce", year=2027, effort_hours=2),
              offering(id="A-6", route="A", hours=6, platform="zjce", year=2027, effort_hours=1)]
    items = candidates(who, policy, offers, (2027,), dt.date(2027, 1, 1)).items
    assert [(i.index, i.id, i.tenths, i.effort) for i in items] == [(0, "A-10", 100, 120), (1, "A-6", 60, 60)]
    book = ledger.build(policy, who.specialty, who.records)
    assert greedy(policy, who, book, (2027,), items) == [0]


def test_cp_model_import_leaves_no_pandas_stand_in():
    import sys
    stub = sys.modules.get("pandas")
    assert stub is None or "stand-in" not in (stub.__doc__ or "")
