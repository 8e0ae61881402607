"""For HR: what a limit is worth (issue 12 point 6), each value checked by
re-solving the tiny unit with that limit moved by one in its input files."""
from __future__ import annotations

import datetime as dt
import json

from planner.unit.search import plan_unit
from planner.unit.values import limit_values

from .unitbrute import best, joint_plans
from .unitfixtures import TODAY, YEAR, online, person, session, unit

STAFF = [person(f"P{k}") for k in range(3)]        # one department of 3, each 4 hours short


def solve(policy, u, offerings):
    return plan_unit(u, STAFF, policy, offerings, YEAR, TODAY, work=5.0)


def test_seat_and_away_values(policy):
    # away limit max(1, floor(0.3 x 3)) = 1 a day; S1 is the cheapest for everyone
    offerings = [online("CHEAP", 4, 2, seats=1), online("DEAR", 4, 3), session("S1", "2027-03-01", 1)]
    u = unit(share=0.3)
    plan = solve(policy, u, offerings)
    assert plan.proven and plan.effort == 6 * 60            # S1 1 h, CHEAP 2 h, DEAR 3 h
    values = limit_values(plan, STAFF, offerings, work=5.0)
    got = {(v.limit, v.what): (v.effort_saved, v.proven) for v in values.limits}
    assert got == {("seats", "CHEAP"): (60, True), ("away", "测绘科 2027-03-01"): (120, True)}
    # the same by re-solving with the input files changed
    more_seats = [online("CHEAP", 4, 2, seats=2), offerings[1], offerings[2]]
    assert plan.effort - solve(policy, u, more_seats).effort == 60
    assert plan.effort - solve(policy, unit(share=0.67), offerings).effort == 120   # floor(0.67 x 3) = 2
    # demand: everyone's own optimum is S1 (no seat limit); CHEAP is wanted by none
    assert values.demand == {}


def test_away_value_per_day(policy):
    """4 staff, away limit max(1, floor(0.25 x 4)) = 1 a day, two one-day
    sessions (1 h each) on two days, else a 3 h course: 1 + 1 + 3 + 3 = 8 h.
    One more person away on 03-01 alone saves 2 h, on 03-02 alone 2 h; moving
    every day at once would save 4 h (two on each day)."""
    staff = [person(f"P{k}") for k in range(4)]
    offerings = [online("DEAR", 4, 3), session("S1", "2027-03-01", 1), session("S2", "2027-03-02", 1)]
    u = unit(share=0.25)
    plan = plan_unit(u, staff, policy, offerings, YEAR, TODAY, work=5.0)
    assert plan.proven and plan.effort == 8 * 60
    values = limit_values(plan, staff, offerings, work=5.0)
    got = {(v.limit, v.what): (v.effort_saved, v.proven) for v in values.limits}
    assert got == {("away", "测绘科 2027-03-01"): (120, True), ("away", "测绘科 2027-03-02"): (120, True)}
    # each checked against the brute force with only that day's limit moved by one
    assert best(joint_plans(u, staff, offerings, policy)).effort == plan.effort
    for day in ("2027-03-01", "2027-03-02"):
        ordinal = dt.date.fromisoformat(day).toordinal()
        moved = best(joint_plans(u, staff, offerings, policy,
                                 away=lambda dept, d, lim, o=ordinal: lim + (d == o)))
        assert plan.effort - moved.effort == got[("away", f"测绘科 {day}")][0]
    every_day = best(joint_plans(u, staff, offerings, policy, away=lambda dept, d, lim: lim + 1))
    assert plan.effort - every_day.effort == 240


def test_a_limit_that_closes_shortfall_says_so(policy):
    """One person 4 hours short, the only course costs 500 yuan, the budget is
    0: 1,000 yuan more closes the 4 hours of shortfall and costs 1 hour of
    effort (the objective's first part is the shortfall)."""
    staff = [person("P0")]
    offerings = [online("PAID", 4, 1, fee=500)]
    plan = plan_unit(unit(budget=0), staff, policy, offerings, YEAR, TODAY, work=5.0)
    assert plan.shortfall == 40 and plan.effort == 0
    (value,) = limit_values(plan, staff, offerings, work=5.0).limits
    again = plan_unit(unit(budget=1000), staff, policy, offerings, YEAR, TODAY, work=5.0)
    assert (value.limit, value.shortfall_saved, value.effort_saved) == ("budget", 40, -60)
    assert (plan.shortfall - again.shortfall, plan.effort - again.effort) == (40, -60)


def test_budget_value_and_demand(policy):
    offerings = [online("PAID", 4, 1, fee=500, seats=3), online("FREE", 4, 3)]
    u = unit(budget=1000)
    plan = solve(policy, u, offerings)
    assert plan.effort == 5 * 60                            # two PAID, one FREE
    values = limit_values(plan, STAFF, offerings, work=5.0)
    assert [(v.limit, v.what, v.effort_saved) for v in values.limits] == [("budget", "1000", 120)]
    assert plan.effort - solve(policy, unit(budget=2000), offerings).effort == 120
    assert values.demand == {"PAID": (3, 3)}


def test_limit_values_through_the_cli(cli, workspace, tmp_path):
    """Budget 1,200 yuan holds the training for 3 (effort 3 h each) or buys 2
    courses (1 h each): 1,000 yuan more buys the third course."""
    people = {f"P{k}": f"""\
id: P{k}
name: 员工{k}
unit: U-T
department: 测绘科
specialty: surveying
records:
  - {{route: A, year: 2027, title: 已学课件, hours: 65, platform: zjce}}
  - {{route: G, year: 2027, title: 已学公需, hours: 21}}
""" for k in range(3)}
    root = workspace(people, {"U-T": """\
id: U-T
name: 测试单位
budget: 1000
"""})
    cat = tmp_path / "cat.yaml"
    cat.write_text("offerings:\n  - {id: A-X, route: A, title: 课件X, hours: 4, platform: zjce, year: 2027,"
                   " fee: 500, effort_hours: 1, seats: 3}\n"
                   "  - {id: A-Y, route: A, title: 课件Y, hours: 4, platform: zjce, year: 2027,"
                   " fee: 0, effort_hours: 3}\n", encoding="utf-8")
    args = ("unit", "--unit", "U-T", "--year", "2027", "--today", "2026-11-27", "--data", root,
            "--catalog", cat, "--work", "5", "-q")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    assert "limit_values" not in json.loads(out)
    code, out, err = cli(*args, "--format", "json", "--limit-values")
    assert code == 0, err
    data = json.loads(out)
    assert data["effort_hours"] == 5.0
    assert data["limit_values"] == [{"limit": "budget", "what": "1000", "effort_saved_hours": 2.0,
                                     "shortfall_saved_hours": 0.0, "method": "re-solved", "proven": True}]
    assert data["demand"] == {"A-X": {"wanted": 3, "seats": 3}}
    code, out, err = cli(*args, "--limit-values", "--lang", "en")
    assert "1,000 yuan more unit budget (now 1000 yuan): saves 2.0 h (both solves proven optimal)" in " ".join(out.split())
