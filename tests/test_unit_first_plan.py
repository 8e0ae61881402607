"""The unit search's first plan (issue 9 point 10, docs/benchmarks.md "unit").

- With a unit budget, a repair takes the cheapest of its least-effort
  plans: an arbitrary one spent the budget early (200 staff: 300 h short
  instead of none).
- Each person placed keeps of the budget the least fees of everyone after
  them: first come, first served, the budget ran out and the last staff fell
  short (1,000 staff: 32).
"""
from __future__ import annotations

from planner.unit.prepare import setup
from planner.unit.search import Clock, cheapest, first_plan, individual_optima

from .unitfixtures import TODAY, YEAR, online, person, unit

G17 = [{"route": "A", "year": YEAR, "title": "已学课件", "hours": 65, "platform": "zjce"},
       {"route": "G", "year": YEAR, "title": "已学公需", "hours": 17}]


def first(u, staff, offerings, policy):
    problem = setup(u, staff, policy, offerings, YEAR, TODAY)
    clock = Clock(600)
    ideal = individual_optima(problem, clock)
    inc, _ = first_plan(problem, ideal, clock, 0.5)
    return problem, ideal, clock, inc


def test_a_repair_is_the_cheapest_of_the_least_effort_plans(policy):
    # P0 takes the one seat of A-1; P1's repair: nine courses of 3 h, one free
    # (with a budget, ample here: without one the cost is lowered later)
    offerings = [online("A-1", 4, 2, seats=1)] + [online(f"A-{k}", 4, 3, fee=100) for k in range(2, 10)]
    offerings.append(online("A-FREE", 4, 3))
    _, _, _, inc = first(unit(budget=10000), [person("P0"), person("P1")], offerings, policy)
    assert inc.plan == {"P0": ("A-1",), "P1": ("A-FREE",)}
    assert inc.total().cost == 0 and inc.total().effort == 5 * 60


def test_the_budget_is_kept_for_those_placed_later(policy):
    # P0 (4 h of anything) would take A-FAST (2 h, 100 yuan), all the budget;
    # P1 (8 h, 1 of them general) cannot do without G-PAID (100 yuan)
    offerings = [online("A-FAST", 4, 2, fee=100), online("A-SLOW", 4, 3), online("G-PAID", 8, 8, fee=100, route="G")]
    u = unit(budget=100)
    problem, ideal, clock, inc = first(u, [person("P0"), person("P1", records=G17)], offerings, policy)
    assert ideal["P0"].ids == ("A-FAST",) and ideal["P1"].ids == ("G-PAID",)
    assert cheapest(problem, ideal, clock) == {"P0": 0, "P1": 10000}
    assert inc.plan == {"P0": ("A-SLOW",), "P1": ("G-PAID",)}
    assert inc.total().short == 0 and inc.total().effort == 11 * 60 and inc.total().cost == 10000
