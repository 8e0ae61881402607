"""Small units for the `planner unit` tests, and the independent recheck.

Every staff member below already has A 65 + G 21 in 2027 (professional 65,
general 21, total 86): each needs exactly 4 more hours of anything in 2027
(the total of 90). A one-day unit training (C1, 4 hours a day) gives them.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction

from planner import ledger
from planner.effort import effort_minutes
from planner.models.activity import Offering
from planner.models.person import Person, Unit
from planner.unit.prepare import training_offering

YEAR = 2027
TODAY = dt.date(2026, 11, 27)


def person(pid: str, department: str = "测绘科", records=None, **extra) -> Person:
    base = [{"route": "A", "year": YEAR, "title": "已学课件", "hours": 65, "platform": "zjce"},
            {"route": "G", "year": YEAR, "title": "已学公需", "hours": 21}]
    return Person.parse({"id": pid, "name": f"员工{pid}", "unit": "U-T", "department": department,
                                  "specialty": "surveying", "records": base if records is None else records,
                                  **extra})


def online(oid: str, hours: float, effort: float, fee: float = 0, seats=None, route: str = "A") -> Offering:
    data = {"id": oid, "route": route, "title": f"课程{oid}", "hours": hours, "year": YEAR,
            "fee": fee, "effort_hours": effort}
    if route == "A":
        data["platform"] = "zjce"
    if seats is not None:
        data["seats"] = seats
    return Offering.parse(data)


def session(oid: str, day: str, effort: float, fee: float = 0, seats=None) -> Offering:
    """A one-day provincial special training (B2, 6 hours), in person: away."""
    data = {"id": oid, "route": "B2", "title": f"培训{oid}", "organizer": "province", "date": day,
            "fee": fee, "effort_hours": effort}
    if seats is not None:
        data["seats"] = seats
    return Offering.parse(data)


def unit(trainings=(), budget=None, share: float = 1.0) -> Unit:
    return Unit.parse({"id": "U-T", "name": "测试单位", "max_away_share": share, "budget": budget,
                                "unit_trainings": list(trainings)})


def recheck(plan, staff, offerings, policy, today=TODAY) -> None:
    """Every claim of a unit plan recomputed from the rules, not from the
    model: each person's ledger (records + chosen), no overlaps, plannable
    only, seats, held trainings, away limits, budget, totals."""
    by_id = {o.id: o for o in offerings}
    trainings = {t.id: (t, training_offering(t, policy)) for t in plan.unit.unit_trainings}
    sizes = Counter(p.department or "" for p in staff)
    limit = {d: max(1, int(Fraction(str(plan.unit.max_away_share)) * n)) for d, n in sizes.items()}
    seats_used: Counter = Counter()
    away: Counter = Counter()
    fees = effort = 0
    attendees = {tid: set() for tid in trainings}
    people = {p.person.id: p for p in plan.people}
    assert set(people) == {p.id for p in staff}
    for who in staff:
        pp = people[who.id]
        chosen = []
        days_taken: set = set()
        completed = {r.offering for r in who.records if r.offering}
        for item in pp.items:
            oid = item.id
            if oid in trainings:
                off = trainings[oid][1]
                attendees[oid].add(who.id)
            else:
                off = by_id[oid]
                fees += off.fee
                assert off.credit_year == plan.year
                assert off.first_day is None or off.first_day >= today
                assert oid not in completed
                assert off.specialties is None or who.specialty in off.specialties
                if off.dated and not off.online:
                    for d in off.dates():
                        away[(who.department or "", d)] += 1
            for d in off.dates():
                assert not who.blacked_out(d)
                assert d not in days_taken, f"{who.id} has two activities on {d}"
                days_taken.add(d)
            seats_used[oid] += 1
            effort += effort_minutes(off, policy)
            chosen.append(off)
        led = ledger.build(policy, who.specialty, list(who.records) + chosen)
        standing = led.year(plan.year)
        assert [t.value for t in standing.targets] == [t.value for t in pp.standing.targets]
        cycle = led.cycle(plan.year)
        ends = cycle.end == plan.year
        assert pp.met == (standing.met and (cycle.met or not ends))
    for oid, n in seats_used.items():
        seats = trainings[oid][0].seats if oid in trainings else by_id[oid].seats
        assert seats is None or n <= seats, f"{oid}: {n} attend, {seats} seats"
    for (dept, day), n in away.items():
        assert n <= limit[dept], f"{dept} {day}: {n} away, limit {limit[dept]}"
    held = {t.training.id for t in plan.held}
    assert held == {tid for tid, who in attendees.items() if who}
    for t in plan.trainings:
        assert set(t.attendees) == attendees[t.training.id]
    cost = sum(trainings[tid][0].cost for tid in held)
    assert plan.fees == fees and plan.training_cost == cost and plan.effort == effort
    if plan.unit.budget is not None:
        assert fees + cost <= plan.unit.budget
    assert plan.bound <= plan.effort                  # never a bound above the plan (issue 9)
    assert plan.shortfall_bound <= plan.shortfall
    assert plan.gap > 0 or plan.proven or plan.bound == plan.effort and plan.gap_on == "effort"
