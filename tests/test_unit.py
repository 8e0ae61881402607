"""`planner unit` on small units with a hand-known optimum (issue 5).

Staff (tests/unitfixtures.py) each need exactly 4 more hours in 2027.
Effort is in minutes, money in fen, as inside the engine.
"""
from __future__ import annotations

import pytest

from planner.unit.search import plan_unit

from .unitfixtures import TODAY, YEAR, online, person, recheck, session, unit


def run(u, staff, offerings, policy, limit=20.0):
    plan = plan_unit(u, staff, policy, offerings, YEAR, TODAY, time_limit=limit)
    recheck(plan, staff, offerings, policy)
    return plan


def chosen(plan):
    return {p.person.id: [i.id for i in p.items] for p in plan.people}


TRAINING = {"id": "T1", "title": "单位讲座", "date": "2027-03-16", "days": 1, "cost": 1200, "effort_hours": 3}


@pytest.mark.parametrize("staff, held, cost_fen", [
    (2, False, 2 * 50000),       # 2 x 500 yuan < 1,200: the course, no training
    (3, True, 120000),           # 3 x 500 yuan > 1,200: hold it, everyone attends
])
def test_training_held_only_when_enough_attend(policy, staff, held, cost_fen):
    # same effort either way (3 h = 180 min); the cost decides
    offerings = [online("A-X", 4, 3, fee=500)]
    people = [person(f"P{k}") for k in range(staff)]
    plan = run(unit([TRAINING]), people, offerings, policy)
    assert plan.status == "optimal"
    assert plan.effort == 180 * staff
    assert plan.cost == cost_fen
    assert plan.trainings[0].held is held
    expected = ["T1"] if held else ["A-X"]
    assert chosen(plan) == {f"P{k}": expected for k in range(staff)}
    if held:
        assert plan.trainings[0].attendees == tuple(f"P{k}" for k in range(staff))
        assert plan.trainings[0].hours == 40   # C1: 4 hours a day x 1 day


def test_seats_force_someone_to_the_dearer_option(policy):
    offerings = [online("A-CHEAP", 4, 2, fee=100, seats=1), online("A-DEAR", 4, 3)]
    people = [person("P1"), person("P2")]
    plan = run(unit(), people, offerings, policy)
    assert plan.status == "optimal"
    assert plan.effort == 120 + 180
    assert plan.bound == 300 and plan.gap == 0.0   # proven by the whole-unit model
    assert plan.stats["lower"] == 300
    assert sorted(chosen(plan).values()) == [["A-CHEAP"], ["A-DEAR"]]
    assert plan.fees == 10000


def test_away_limit_splits_a_department_over_two_sessions(policy):
    # 4 staff, share 0.5 -> at most 2 away a day; S1 is free, S2 costs 100 yuan
    offerings = [session("S1", "2027-05-10", 2, fee=0, seats=10),
                 session("S2", "2027-05-20", 2, fee=100, seats=10),
                 online("A-SLOW", 4, 6)]
    people = [person(f"P{k}") for k in range(4)]
    plan = run(unit(share=0.5), people, offerings, policy)
    assert plan.status == "optimal"
    assert plan.away_limits == {"测绘科": 2}
    assert plan.effort == 4 * 120
    assert plan.fees == 2 * 10000
    picks = sorted(ids[0] for ids in chosen(plan).values())
    assert picks == ["S1", "S1", "S2", "S2"]


def test_away_limit_is_per_department(policy):
    offerings = [session("S1", "2027-05-10", 2, seats=10), online("A-SLOW", 4, 6)]
    people = [person("P1", "甲科"), person("P2", "乙科")]
    plan = run(unit(share=0.3), people, offerings, policy)   # max(1, floor(0.3)) = 1 each
    assert plan.away_limits == {"甲科": 1, "乙科": 1}
    assert chosen(plan) == {"P1": ["S1"], "P2": ["S1"]}
    assert plan.effort == 240


def test_budget_forbids_the_best_plan(policy):
    offerings = [online("A-CHEAP", 4, 2, fee=600), online("A-DEAR", 4, 3)]
    people = [person("P1"), person("P2")]
    free = run(unit(), people, offerings, policy)
    assert free.effort == 240 and free.fees == 120000
    tight = run(unit(budget=1000), people, offerings, policy)
    assert tight.status == "optimal"
    assert tight.effort == 120 + 180
    assert tight.cost == 60000
    assert sorted(chosen(tight).values()) == [["A-CHEAP"], ["A-DEAR"]]


def test_budget_counts_training_cost(policy):
    # holding T1 (1,200 yuan) would be cheapest in effort (1 h) but the budget is 1,000
    training = {**TRAINING, "effort_hours": 1}
    offerings = [online("A-X", 4, 3, fee=0)]
    plan = run(unit([training], budget=1000), [person("P1"), person("P2")], offerings, policy)
    assert not plan.trainings[0].held
    assert plan.effort == 360 and plan.cost == 0
    roomy = run(unit([training], budget=1200), [person("P1"), person("P2")], offerings, policy)
    assert roomy.trainings[0].held and roomy.effort == 120 and roomy.cost == 120000


def test_one_person_who_cannot_make_it(policy):
    offerings = [online("A-X", 4, 3), online("G-X", 6, 4, route="G")]
    newcomer = person("P9", records=[])       # needs 65/18/90 from 10 plannable hours
    people = [person("P1"), person("P2"), newcomer]
    plan = run(unit(), people, offerings, policy)
    assert plan.status == "short"            # 2 of 3 meet every target: not "infeasible" (issue 9)
    assert plan.people_met == 2
    got = chosen(plan)
    assert got["P1"] == ["A-X"] and got["P2"] == ["A-X"]      # the rest planned as usual
    assert sorted(got["P9"]) == ["A-X", "G-X"]                # least shortfall: everything
    p9 = next(p for p in plan.people if p.person.id == "P9")
    assert not p9.met
    shorts = {s.key: s.shortfall for s in p9.shorts}
    assert shorts == {"professional": 610, "general": 120, "total": 800}
    assert {s.why.kind for s in p9.shorts} == {"capacity"}
    assert [p.person.id for p in plan.short_people] == ["P9"]


def test_no_overlap_per_person(policy):
    # two sessions on the same day: one person cannot take both
    offerings = [session("S1", "2027-05-10", 1), session("S2", "2027-05-10", 1)]
    p = person("P1", records=[{"route": "A", "year": YEAR, "title": "已学", "hours": 65, "platform": "zjce"},
                              {"route": "G", "year": YEAR, "title": "公需", "hours": 13}])
    plan = run(unit(), [p], offerings, policy)            # needs 12 more; only 6 reachable
    assert plan.status == "infeasible"
    assert len(chosen(plan)["P1"]) == 1


def test_same_input_same_plan(policy):
    offerings = [online("A-CHEAP", 4, 2, fee=100, seats=1), online("A-DEAR", 4, 3),
                 session("S1", "2027-05-10", 2, seats=2)]
    people = [person(f"P{k}", "甲科" if k % 2 else "乙科") for k in range(6)]
    a = run(unit([TRAINING], share=0.5), people, offerings, policy)
    b = run(unit([TRAINING], share=0.5), people, offerings, policy)
    assert chosen(a) == chosen(b) and a.status == b.status == "optimal"


def test_b_cycle_counted_when_the_year_ends_it(policy):
    # 2029 ends the 2027-2029 cycle: 30 B hours so far, 6 more needed from a B2 day
    records = [{"route": "A", "year": 2029, "title": "课件", "hours": 65, "platform": "zjce"},
               {"route": "G", "year": 2029, "title": "公需", "hours": 25},
               {"route": "B1", "year": 2028, "title": "高研班", "level": "provincial"}]
    p = person("P1", records=records)
    from planner.models.activity import Offering
    offerings = [Offering.parse({"id": "B2-X", "route": "B2", "title": "专项", "organizer": "province",
                                          "date": "2029-05-10", "fee": 0, "effort_hours": 8})]
    import datetime as dt
    plan = plan_unit(unit(), [p], policy, offerings, 2029, dt.date(2028, 11, 27), time_limit=10)
    assert chosen(plan) == {"P1": ["B2-X"]}
    assert plan.people[0].cycle.hours == 360
    assert plan.status == "optimal"


def test_the_time_limit_counts_from_the_given_start(policy):
    """--time-limit covers reading and preparing the inputs: plan_unit's
    clock starts at `started` (the command's start). A start already past
    the limit skips every optional step and says the clock cut the plan;
    each person still gets their own plan (none is left empty)."""
    import time
    offerings = [online("A-X", 4, 3, fee=500), session("B-Y", "2027-05-10", 2, seats=1)]
    people = [person(f"P{k}") for k in range(3)]
    on_time = plan_unit(unit([TRAINING]), people, policy, offerings, YEAR, TODAY, time_limit=20)
    late = plan_unit(unit([TRAINING]), people, policy, offerings, YEAR, TODAY, time_limit=20,
                     started=time.perf_counter() - 21)
    assert on_time.deterministic is True
    assert late.deterministic is False
    assert all(p.items for p in late.people)
    recheck(late, people, offerings, policy)


def test_a_plan_the_clock_cut_with_nobody_met_is_unknown_not_infeasible(policy):
    """Nobody can meet the year from this catalogue (4 h of the 90 needed),
    and the clock ran out before the search: that is `unknown` (raise the
    limit), never `infeasible`, which is kept for a search that ran to its end."""
    import time
    from planner.models.person import Person
    offerings = [online("A-X", 4, 3, fee=500)]
    people = [Person.parse({"id": f"Q{k}", "name": "新人", "specialty": "surveying", "unit": "U1",
                                     "department": "测绘科", "records": []}) for k in range(2)]
    ended = plan_unit(unit(), people, policy, offerings, YEAR, TODAY, time_limit=20)
    cut = plan_unit(unit(), people, policy, offerings, YEAR, TODAY, time_limit=20, started=time.perf_counter() - 21)
    assert (ended.status, ended.people_met) == ("infeasible", 0)
    assert (cut.status, cut.people_met) == ("unknown", 0)


def test_the_held_training_cost_kept_by_the_tally_is_the_sum_over_attended_trainings():
    """usage.Tally keeps what held trainings cost as plans come and go (a hot
    path): after any sequence of changes it equals the sum over the trainings
    someone attends."""
    import random
    from planner.unit.usage import Limits, Tally
    from types import SimpleNamespace as NS
    costs = {"T1": 120000, "T2": 5000, "T3": 70}
    tally = Tally(Limits({}, {"": 99}, None, costs), {})
    items = [NS(id=i, fee=f, days=()) for i, f in (("T1", 0), ("T2", 0), ("T3", 0), ("A-X", 500))]
    rng = random.Random(3)
    plans: dict = {}
    for step in range(300):
        pid = f"P{rng.randrange(5)}"
        if pid in plans:
            tally.change(pid, "", plans.pop(pid), -1)
        else:
            plans[pid] = rng.sample(items, rng.randrange(1, 4))
            tally.change(pid, "", plans[pid], +1)
        attended = {i.id for chosen in plans.values() for i in chosen}
        assert tally.training_cost() == sum(c for t, c in costs.items() if t in attended)
