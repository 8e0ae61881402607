"""No dominated decision in a unit plan (issue 9 point 3).

The case from the issue: a training held for 3 attendees of its 120 seats
at 3,000 yuan while cancelling it costs +0.0 h. Here 43 staff (above the
size solved as one model) each need 4 more hours; only P00-P02 can attend
the unit training T (the others are away that day); it takes 3 h, like the
10-yuan course A-X. Each person's own optimum (trainings free) is T, so
the first plan holds it for 3 people at 3,000 yuan; cancelling it and
sending them to A-X costs +0.0 h and saves 2,970 yuan.
"""
from __future__ import annotations

from planner.unit.explain import explain_plan
from planner.unit.search import Clock, Search, first_plan, individual_optima, plan_unit, settings_for
from planner.unit.polish import undominate
from planner.unit.prepare import setup

from .unitfixtures import TODAY, YEAR, online, person, recheck, unit

T = {"id": "T", "title": "单位讲座", "date": "2027-03-16", "days": 1, "cost": 3000, "seats": 120,
     "effort_hours": 3}
AWAY = [{"start": "2027-03-16", "end": "2027-03-16"}]


def case():
    staff = [person(f"P{k:02d}", blackout=() if k < 3 else AWAY) for k in range(43)]
    return unit([T]), staff, [online("A-X", 4, 3, fee=10)]


def test_the_first_plan_holds_the_dominated_training(policy):
    u, staff, offerings = case()
    problem = setup(u, staff, policy, offerings, YEAR, TODAY)
    clock = Clock(600)
    ideal = individual_optima(problem, clock)
    inc, _ = first_plan(problem, ideal, clock, 0.5)
    assert sorted(inc.holders("T")) == ["P00", "P01", "P02"]       # 3 of 120 seats
    assert inc.total().cost == 300000 + 40 * 1000                    # 3,000 yuan + 40 x 10 yuan
    search = Search(problem, ideal, inc, settings_for(43, 600, 0, 5.0, None, 0.5, False), clock)
    moves = undominate(search)
    assert moves["undominated"] and moves["dominance_moves"] >= 1
    assert not inc.holders("T")
    assert inc.total().effort == 43 * 180 and inc.total().cost == 43 * 1000   # +0.0 h, 2,970 yuan saved


def test_no_held_training_is_worth_cancelling(policy):
    u, staff, offerings = case()
    plan = plan_unit(u, staff, policy, offerings, YEAR, TODAY, work=1.0, bound_search=False)
    recheck(plan, staff, offerings, policy)
    assert not plan.trainings[0].held
    assert plan.effort == 43 * 180 and plan.cost == 43 * 1000
    assert plan.stats["undominated"] is True


def test_a_held_training_that_saves_stays_and_its_cancel_costs_more(policy):
    # 12 who can attend, A-X at 300 yuan: T (3,000 yuan) beats 12 x 300 and is held;
    # its explanation says cancelling costs +0.0 h and +600 yuan
    staff = [person(f"P{k:02d}") for k in range(12)]
    u, offerings = unit([T]), [online("A-X", 4, 3, fee=300)]
    plan = explain_plan(plan_unit(u, staff, policy, offerings, YEAR, TODAY, work=1.0))
    recheck(plan, staff, offerings, policy)
    assert plan.trainings[0].held and len(plan.trainings[0].attendees) == 12
    assert plan.cost == 300000
    why = plan.explained.training("T")
    assert why.kind == "held" and (why.effort, why.cost) == (0, 12 * 30000 - 300000)
