"""Every verdict of a unit plan explained (planner.unit.explain):
trainings held or not, and people left short, on tiny hand-made units.

Staff (tests/unitfixtures.py) each need exactly 4 more hours in 2027.
Effort is in minutes, money in fen, as inside the engine.
"""
from __future__ import annotations

import json

from planner.unit.search import plan_unit
from planner.unit.explain import Limit, explain_plan
from planner.render.formats import render as render_unit
from planner.render.unit import short_lines

from .unitfixtures import TODAY, YEAR, online, person, recheck, session, unit

TRAINING = {"id": "T1", "title": "单位讲座", "date": "2027-03-16", "days": 1, "cost": 1200, "effort_hours": 3}


def run(u, staff, offerings, policy):
    plan = plan_unit(u, staff, policy, offerings, YEAR, TODAY, time_limit=20)
    recheck(plan, staff, offerings, policy)
    return explain_plan(plan, staff, offerings)


def test_training_not_worth_holding_states_the_extra_effort(policy):
    # the training takes 5 h for 4 hours, the free course 3 h: holding it
    # with its best attendee (P0, first by id of two equal) costs 2 h and 1,200 yuan more
    training = {**TRAINING, "effort_hours": 5}
    staff = [person("P0"), person("P1")]
    plan = run(unit([training]), staff, [online("A-X", 4, 3)], policy)
    assert not plan.trainings[0].held
    why = plan.explained.training("T1")
    assert why.kind == "costlier"
    assert why.attendees == ("P0",)
    assert (why.effort, why.cost) == (120, 120000)
    assert why.proven
    assert "+2.0" in why.text and "+1200" in why.text and "员工P0(P0)" in why.text
    assert "+2.0 effort hours" in why.text_en and "+1200 yuan" in why.text_en
    data = json.loads(render_unit(plan, "json", "en"))
    assert data["not_held"] == ["T1"]
    assert data["not_held_why"] == [{"id": "T1", "kind": "costlier", "reason": why.text_en,
                                     "attendees": ["P0"], "effort_hours": 2.0, "cost": 1200.0, "proven": True}]


def test_held_training_names_its_attendees_and_what_it_saves(policy):
    # 3 x 500 yuan of course fees against 1,200 yuan of organising: held;
    # dropped, everyone takes the course at the same 3 h: cost +300 yuan
    staff = [person(f"P{k}") for k in range(3)]
    plan = run(unit([TRAINING]), staff, [online("A-X", 4, 3, fee=500)], policy)
    assert plan.trainings[0].held
    why = plan.explained.training("T1")
    assert why.kind == "held" and why.attendees == ("P0", "P1", "P2")
    assert (why.effort, why.cost) == (0, 30000)
    assert "员工P0(P0)、员工P1(P1)、员工P2(P2)" in why.text
    assert "4" in why.text and "C1" in why.text
    assert "cost +300 yuan" in why.text_en
    data = json.loads(render_unit(plan, "json", "zh"))
    assert data["held_why"] == [{"id": "T1", "kind": "held", "reason": why.text, "attendees": ["P0", "P1", "P2"],
                                 "effort_hours": 0.0, "cost": 300.0, "proven": True}]


def test_held_training_that_saves_effort_says_dropping_it_costs_more_effort(policy):
    # the training takes 2 h for 4 hours, the free course 3 h: held (effort comes before cost);
    # dropped, both take the course: effort +2.0 h (1 h each), cost -1200 yuan (no organising)
    training = {**TRAINING, "effort_hours": 2}
    staff = [person("P0"), person("P1")]
    plan = run(unit([training]), staff, [online("A-X", 4, 3)], policy)
    assert plan.trainings[0].held
    why = plan.explained.training("T1")
    assert why.kind == "held" and why.attendees == ("P0", "P1")
    assert (why.effort, why.cost) == (120, -120000)
    assert "投入变化+2.0小时，费用变化-1200元" in why.text
    assert "effort +2.0 hours, cost -1200 yuan" in why.text_en


def test_training_that_earns_nothing_cites_the_route_cap(policy):
    # C1 already at its yearly cap (24 = 6 days x 4): the training adds nothing counted
    records = [{"route": "A", "year": YEAR, "title": "课件", "hours": 65, "platform": "zjce"},
               {"route": "G", "year": YEAR, "title": "公需", "hours": 18},
               {"route": "C1", "year": YEAR, "title": "讲座", "days": 6}]
    staff = [person("P0", records=records)]
    plan = run(unit([TRAINING]), staff, [online("A-X", 4, 3)], policy)
    why = plan.explained.training("T1")
    assert why.kind == "earns_nothing"
    c1 = policy.routes["C1"]
    assert "24" in why.text and c1.text in why.text and c1.article in why.text
    assert c1.text_en in why.text_en


def test_short_because_of_seats_names_the_seat_holder(policy):
    # one seat at the only course: one person takes it, the other is 4 hours short
    staff = [person("P1"), person("P2")]
    plan = run(unit(), staff, [online("A-ONLY", 4, 2, seats=1)], policy)
    assert plan.status == "short" and plan.people_met == 1      # one of two short (issue 9)
    holder = next(p.person.id for p in plan.people if p.items)
    short = next(p.person.id for p in plan.people if not p.items)
    (w,) = plan.explained.people[short]
    total = next(t for t in policy.targets if t.key == "total")
    assert (w.key, w.why.kind, w.required, w.value, w.shortfall) == ("total", "shared", 900, 860, 40)
    assert (w.why.capacity, w.why.existing) == (900, 860)
    assert w.why.limits == (Limit("seats", "A-ONLY", (holder,), 1),)
    assert f"员工{holder}({holder})" in w.why.text and total.text in w.why.text and total.article in w.why.text
    assert "all 1 seats of A-ONLY" in w.why.text_en and total.text_en in w.why.text_en
    data = json.loads(render_unit(plan, "json", "en"))
    entry = data["people"][short]["short"][0]
    assert entry["limits"] == [{"kind": "seats", "key": "A-ONLY", "who": [holder], "seats": 1}]
    assert entry["shortfall"] == 4.0 and entry["why"] == "shared"
    assert data["people"][short]["unmet"][0]["why"] == "shared"      # the contract's key kept
    for fmt in ("md", "html", "text"):
        assert f"员工{holder}({holder})" in render_unit(plan, fmt, "zh")


def test_short_by_own_capacity_states_the_catalogue_capacity(policy):
    # no records: 65/18/90 needed, the catalogue gives 4 A and 6 G hours at most
    offerings = [online("A-X", 4, 3), online("G-X", 6, 4, route="G")]
    staff = [person("P1"), person("P9", records=[])]
    plan = run(unit(), staff, offerings, policy)
    whys = plan.explained.people["P9"]
    assert {w.key: (w.why.kind, w.why.capacity, w.why.existing, w.shortfall) for w in whys} == {
        "professional": ("capacity", 40, 0, 610),
        "general": ("capacity", 60, 0, 120),
        "total": ("capacity", 100, 0, 800)}
    prof = next(w for w in whys if w.key == "professional")
    assert "最多4学时" in prof.why.text and "at most 4 hours" in prof.why.text_en
    assert "P1" not in plan.explained.people
    assert any("最多10学时" in why for _, _, why in short_lines(plan, "zh"))


def test_short_because_of_the_away_limit_names_who_is_away(policy):
    # 2 in one department, share 0.3: at most 1 away a day; the only course is a B2 day in person
    staff = [person("P1"), person("P2")]
    plan = run(unit(share=0.3), staff, [session("S1", "2027-05-10", 8, seats=10)], policy)
    away = next(p.person.id for p in plan.people if p.items)
    short = next(p.person.id for p in plan.people if not p.items)
    (w,) = plan.explained.people[short]
    assert w.why.kind == "shared" and w.shortfall == 40
    assert w.why.limits == (Limit("away", "测绘科 2027-05-10", (away,), 1),)
    assert f"测绘科在2027-05-10的外出限额1人已由员工{away}({away})用满" in w.why.text


def test_short_because_of_the_budget_names_it(policy):
    # 600 yuan a course, 1,000 yuan of budget: one person gets it, the other is short
    staff = [person("P1"), person("P2")]
    plan = run(unit(budget=1000), staff, [online("A-F", 4, 2, fee=600)], policy)
    short = next(p.person.id for p in plan.people if not p.items)
    (w,) = plan.explained.people[short]
    assert w.why.kind == "shared" and w.why.limits == (Limit("budget", "budget", (), 100000),)
    assert "单位经费1000元已用600元" in w.why.text


def test_training_over_budget(policy):
    # organising 1,200 yuan against a budget of 1,000: it cannot be held at all
    training = {**TRAINING, "effort_hours": 1}
    staff = [person("P1"), person("P2")]
    plan = run(unit([training], budget=1000), staff, [online("A-X", 4, 3)], policy)
    why = plan.explained.training("T1")
    assert why.kind == "over_budget"
    assert "组织费用1200元" in why.text and "仅余1000元" in why.text
