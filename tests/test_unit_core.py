"""Core neighbourhoods (issue 9 point 10): in a large unit a neighbourhood
whose people are all on target chooses only among each person's core
items (per route the CORE_PER_ROUTE of least effort per tenth of an hour)
and the plans and own optima of its people; a neighbourhood with someone
short gets every item.

Each person below needs 4 more hours (unitfixtures). The four 3-hour
courses A-00..A-03 (1.5 h each, 0.5 h per hour) are the core of route A;
A-Y (4 h for 2.4 h, one seat) and A-Z (4 h for 2.5 h) are not.
"""
from __future__ import annotations

from planner.unit.incumbent import Incumbent
from planner.unit.moves import Clock, core_items, reoptimise
from planner.unit.prepare import setup
from planner.unit.search import individual_optima

from .unitfixtures import TODAY, YEAR, online, person, unit

COURSES = [online(f"A-{k:02d}", 3, 1.5) for k in range(4)] + [online("A-Y", 4, 2.4, seats=1),
                                                              online("A-Z", 4, 2.5)]


def case(policy, p0=("A-00", "A-01")):
    problem = setup(unit(), [person("P0"), person("P1")], policy, COURSES, YEAR, TODAY)
    ideal = individual_optima(problem, Clock(600))
    inc = Incumbent(problem)
    inc.add("P0", p0)
    inc.add("P1", ("A-Y",))           # the one seat of everyone's own optimum
    return problem, ideal, inc


def test_the_core_is_per_route_the_least_effort_per_hour(policy):
    problem, ideal, _ = case(policy)
    assert ideal["P0"].ids == ("A-Y",) and ideal["P0"].score.effort == 144
    assert core_items(problem.by_pid["P0"]) == frozenset(f"A-{k:02d}" for k in range(4))


def test_a_core_neighbourhood_keeps_to_the_core(policy):
    problem, ideal, inc = case(policy)
    out = reoptimise(problem, inc, ["P0"], 1.0, Clock(600), core=ideal)
    assert not out.improved and inc.plan["P0"] == ("A-00", "A-01") and inc.score["P0"].effort == 180
    out = reoptimise(problem, inc, ["P0"], 1.0, Clock(600))           # every item: A-Z
    assert out.improved and inc.plan["P0"] == ("A-Z",) and inc.score["P0"].effort == 150


def test_a_neighbourhood_with_someone_short_gets_every_item(policy):
    problem, ideal, inc = case(policy, p0=())
    assert inc.score["P0"].short == 40
    out = reoptimise(problem, inc, ["P0"], 1.0, Clock(600), core=ideal)
    assert out.improved and inc.plan["P0"] == ("A-Z",) and inc.score["P0"].effort == 150


def test_the_core_is_chosen_only_above_large_staff(policy, monkeypatch):
    """search.LARGE (400) staff or fewer: every neighbourhood re-solves over
    every item and lowers the cost too; above it, over the core, no cost
    stage. Here the switch is moved to 1 so two people are "large"."""
    from planner.unit import search
    from planner.unit.moves import Outcome
    problem, ideal, inc = case(policy)
    seen = []

    def fake(problem, inc, pids, work, clock, *, forbid=(), cost_when_better=True, core=None):
        seen.append((core is ideal, cost_when_better))
        return Outcome(False, False)
    monkeypatch.setattr(search, "reoptimise", fake)
    assert search.LARGE == 400
    for large, expected in ((400, (False, True)), (2, (False, True)), (1, (True, False))):
        monkeypatch.setattr(search, "LARGE", large)
        seen.clear()
        settings = search.settings_for(2, 600.0, 0, 5.0, None, 0.5, False)
        search.Search(problem, ideal, inc, settings, Clock(600)).neighbourhoods()
        assert len(seen) == 10 and set(seen) == {expected}, large
