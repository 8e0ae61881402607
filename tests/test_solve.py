"""Hand-sized plans with a known optimum, one per trap (issue 3)."""
from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import PlannerError
from planner.plan.solve import default_years, plan
from planner.policy import resolve_policy

from .conftest import offering

POLICY = resolve_policy()
Y = 2027


def person(person_of, records: str, extra: str = "", specialty: str = "surveying"):
    return person_of(f"""
        id: P1
        name: 测试
        specialty: {specialty}
        {extra}
        records:
        """ + records)


# 2027: professional 59 (short 6), general 25, total 84 (short 6): exactly 6 professional hours are missing.
SHORT6 = """
          - {route: A, year: 2027, title: a, hours: 59, platform: zjce}
          - {route: G, year: 2027, title: g, hours: 25}
"""


def solve(who, offers, today="2027-01-01", years=(Y,), **kw):
    return plan(who, POLICY, offers, today=dt.date.fromisoformat(today), years=years, **kw)


def ids(result):
    return [c.id for c in result.selected]


def reason_of(result, oid):
    return next(r.reason.code for r in result.rejected if r.id == oid)


def A(oid, hours, effort=None, fee=0, platform="zjce", year=Y):
    fields = dict(id=oid, route="A", hours=hours, platform=platform, year=year, fee=fee)
    if effort is not None:
        fields["effort_hours"] = effort
    return offering(**fields)


def test_cap_makes_cheap_items_worthless(person_of):
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 35, platform: zjce}
          - {route: G, year: 2027, title: g, hours: 25}
          - {route: C1, year: 2027, title: unit lectures, days: 6}
    """)
    offers = [offering(id="C1-1", route="C1", date="2027-03-01", days=1, effort_hours=0.5),
              offering(id="C1-2", route="C1", date="2027-03-02", days=1, effort_hours=0.5),
              A("A-1", 6), A("A-2", 8, effort=7)]
    r = solve(who, offers)
    assert r.status == "optimal"
    assert ids(r) == ["A-1"]
    assert r.effort == 270 and r.bound == 270          # 6 listed hours x 45 min
    assert reason_of(r, "C1-1") == "cap_full"
    assert r.year(Y).target("professional").value == 650


def test_overlapping_sessions(person_of):
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 53, platform: zjce}
          - {route: G, year: 2027, title: g, hours: 25}
    """)
    offers = [offering(id="B3-a", route="B3", kind="conference", society="surveying", date="2027-05-10", effort_hours=1),
              offering(id="B3-b", route="B3", kind="conference", society="surveying", date="2027-05-10", effort_hours=1),
              A("A-1", 6)]
    r = solve(who, offers)
    # both conferences (2 h) would do, but they share a day: one conference + A-1;
    # B3-a and B3-b tie on every criterion, the earlier id wins (documented tie-break)
    assert ids(r) == ["B3-a", "A-1"]
    assert r.effort == 60 + 270
    assert reason_of(r, "B3-b") == "overlaps"


def test_blackout(person_of):
    who = person(person_of, SHORT6, extra="blackout: [{start: 2027-06-01, end: 2027-06-30}]")
    offers = [offering(id="B3-a", route="B3", kind="conference", society="surveying", date="2027-06-10", effort_hours=1),
              A("A-1", 6)]
    r = solve(who, offers)
    assert ids(r) == ["A-1"] and r.effort == 270
    assert reason_of(r, "B3-a") == "blackout"
    assert r.plannable == 1


def test_budget(person_of):
    who = person(person_of, SHORT6, extra="budget_per_year: 100")
    offers = [A("A-dear", 6, effort=2, fee=200), A("A-cheap", 6)]
    r = solve(who, offers)
    assert ids(r) == ["A-cheap"] and r.effort == 270 and r.fee == 0
    assert reason_of(r, "A-dear") == "over_budget"
    # without the budget the dear one is less effort
    free = person(person_of, SHORT6)
    assert ids(solve(free, offers)) == ["A-dear"]


def test_cycle_ending_this_december_with_only_december_offerings(person_of):
    who = person(person_of, """
          - {route: B3, start: 2024-10-16, end: 2024-10-17, title: c, kind: conference, society: surveying}
          - {route: A, year: 2026, title: a, hours: 65, platform: zjce}
          - {route: G, year: 2026, title: g, hours: 25}
    """)
    offers = [offering(id="B2-nov", route="B2", organizer="province", start="2026-11-20", end="2026-11-23"),
              offering(id="B3-dec-a", route="B3", kind="training", society="surveying", start="2026-12-02",
                       end="2026-12-04", fee=1200),
              offering(id="B3-dec-b", route="B3", kind="conference", society="surveying", start="2026-12-10",
                       end="2026-12-11"),
              offering(id="B3-dec-c", route="B3", kind="conference", society="surveying", start="2026-12-14",
                       end="2026-12-15"),
              offering(id="B3-jan", route="B3", kind="training", society="surveying", start="2027-01-10",
                       end="2027-01-12")]
    today = dt.date(2026, 11, 27)
    years = default_years(POLICY, today, None, None)
    assert years == (2026,)                          # the cycle 2024-2026 ends this year
    r = plan(who, POLICY, offers, today=today, years=years)
    assert r.targeted_cycles == ((2024, 2026),)
    assert ids(r) == ["B3-dec-a"] and r.effort == 3 * 8 * 60     # 24 h beats two conferences (32 h)
    assert reason_of(r, "B2-nov") == "started"
    assert [c.hours for c in r.cycles] == [120 + 240]
    assert "B3-jan" not in {x.id for x in r.rejected}  # outside the planned years: not listed


def test_blasting_platform(person_of):
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 59, platform: blasting}
          - {route: G, year: 2027, title: g, hours: 25}
    """, specialty="blasting_engineering")
    offers = [A("A-zjce", 6, effort=1), A("A-blast", 6, platform="blasting")]
    r = solve(who, offers)
    assert ids(r) == ["A-blast"] and r.effort == 270
    assert reason_of(r, "A-zjce") == "ineligible"


def test_offering_already_completed(person_of):
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 55, platform: zjce}
          - {route: A, year: 2027, title: done, hours: 4, platform: zjce, offering: A-1}
          - {route: G, year: 2027, title: g, hours: 25}
    """)
    r = solve(who, [A("A-1", 6, effort=1), A("A-2", 6)])
    assert ids(r) == ["A-2"] and r.effort == 270
    assert reason_of(r, "A-1") == "completed"


def test_require_forces_a_worse_plan(person_of):
    who = person(person_of, SHORT6)
    seminar = offering(id="B1-x", route="B1", level="provincial", start="2027-03-01", end="2027-03-04", fee=3000)
    offers = [A("A-1", 6), seminar]
    assert ids(solve(who, offers)) == ["A-1"]
    r = solve(who, offers, require=["B1-x"])
    assert r.status == "optimal"
    assert ids(r) == ["B1-x"] and r.effort == 4 * 8 * 60 and r.fee == 300000
    assert r.selected[0].required and r.selected[0].counted == 300


def test_exclude_and_unknown_ids(person_of):
    who = person(person_of, SHORT6)
    offers = [A("A-1", 6), A("A-2", 6, effort=5)]
    r = solve(who, offers, exclude=["A-1"])
    assert ids(r) == ["A-2"] and reason_of(r, "A-1") == "excluded"
    with pytest.raises(PlannerError, match="--require A-9"):
        solve(who, offers, require=["A-9"])
    with pytest.raises(PlannerError, match="--exclude A-9"):
        solve(who, offers, exclude=["A-9"])
    with pytest.raises(PlannerError, match="both name A-1"):
        solve(who, offers, require=["A-1"], exclude=["A-1"])


def test_infeasible_names_the_capacity(person_of):
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 65, platform: zjce}
    """)
    offers = [offering(id="G-1", route="G", hours=6, year=Y), offering(id="G-2", route="G", hours=6, year=Y),
              A("A-1", 6), A("A-2", 8)]
    r = solve(who, offers)
    assert r.status == "infeasible"
    assert r.shortfall == 60                     # general 12 of 18; total 65 + 12 + 14 = 91 is met
    assert ids(r) == ["A-1", "A-2", "G-1", "G-2"]
    assert [(u.key, u.period, u.required, u.value, u.why.capacity) for u in r.unmet] == [("general", "2027", 180, 120, 120)]
    assert r.unmet[0].why.text_en == ("2027 general 18 h: the records count 0 h and the catalogue offers 12 h of G "
                                    "that can be planned, at most 12 h after the yearly caps; 18 are needed")
    assert "一般公需科目" in r.unmet[0].why.text and "12" in r.unmet[0].why.text


def test_infeasible_by_budget_names_the_budget(person_of):
    who = person(person_of, SHORT6, extra="budget_per_year: 100")
    r = solve(who, [A("A-x", 6, fee=200)])
    assert r.status == "infeasible" and ids(r) == []
    reasons = {u.key: u.why.text_en for u in r.unmet}
    assert reasons == {
        "professional": "2027 professional 65 h: cannot be met within the 2027 budget of 100 yuan (the records "
                        "count 59 h; with every plannable offering of A, at most 65 h; 65 are needed)",
        "total": "2027 total 90 h: cannot be met within the 2027 budget of 100 yuan (the records count 84 h; "
                 "with every plannable offering of A, at most 90 h; 90 are needed)"}


def test_nothing_to_do(person_of):
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 65, platform: zjce}
          - {route: G, year: 2027, title: g, hours: 25}
    """)
    r = solve(who, [A("A-1", 6)])
    assert r.status == "optimal" and ids(r) == [] and r.effort == 0
    assert reason_of(r, "A-1") == "not_needed"


def test_lexicographic_fee_then_count(person_of):
    who = person(person_of, SHORT6)
    # same effort (270 min) three ways: fee decides, then the number of activities
    offers = [A("A-fee", 6, fee=50), A("A-3a", 3, effort=2.25), A("A-3b", 3, effort=2.25), A("A-free", 6)]
    r = solve(who, offers)
    assert ids(r) == ["A-free"] and r.effort == 270 and r.fee == 0


def test_default_years():
    assert default_years(POLICY, dt.date(2026, 11, 27), None, None) == (2026,)
    assert default_years(POLICY, dt.date(2026, 11, 27), 2027, None) == (2027, 2028, 2029)
    assert default_years(POLICY, dt.date(2026, 11, 27), 2027, 2027) == (2027,)


def test_separate_stages_give_the_same_plan(person_of, monkeypatch):
    who = person(person_of, SHORT6)
    offers = [A("A-fee", 6, fee=50), A("A-3a", 3, effort=2.25), A("A-3b", 3, effort=2.25, fee=10),
              A("A-free", 6, fee=5), A("A-2", 2, effort=1), A("A-4", 4, effort=3.5)]
    combined = solve(who, offers)
    assert combined.stages == ("effort:optimal", "fee+order:optimal")
    monkeypatch.setenv("PLANNER_SEPARATE_STAGES", "1")
    separate = solve(who, offers)
    assert separate.stages == ("effort:optimal", "fee:optimal", "order:optimal")
    assert ids(combined) == ids(separate) == ["A-2", "A-4"]
    assert (combined.effort, combined.fee) == (separate.effort, separate.fee) == (60 + 210, 0)


def test_time_limit_hit_gives_a_feasible_plan_that_meets_the_targets(person_of):
    import random
    from planner import ledger
    rng = random.Random(3)
    who = person(person_of, """
          - {route: A, year: 2027, title: a, hours: 10, platform: zjce}
    """)
    offers = []
    for k in range(1500):
        if k % 3:
            offers.append(A(f"A-{k:04d}", rng.choice([2, 4, 6, 8]), effort=rng.choice([1, 2, 3, 4, 5, 6]),
                            fee=rng.choice([0, 20])))
        else:
            offers.append(offering(id=f"G-{k:04d}", route="G", year=Y, hours=rng.choice([2, 4, 6]),
                                   effort_hours=rng.choice([1, 2, 3, 4])))
    r = solve(who, offers, time_limit=0.001)
    assert r.status == "feasible"                         # not proven: the greedy plan or the best found
    assert r.bound is None or r.bound <= r.effort
    book = ledger.build(POLICY, who.specialty, list(who.records) + [c.offering for c in r.selected])
    assert book.year(Y).met


def test_large_fees_and_a_zero_budget_stay_a_valid_exact_model(person_of):
    # the combined fee/order objective is only used when its coefficients cannot overflow;
    # fees at the sense ceiling (1,000,000 yuan, limits.py) without a common divisor and a
    # zero budget stay an exact model
    who = person(person_of, SHORT6, extra="budget_per_year: 0")
    offers = [A(f"A-{k:03d}", 6, effort=1, fee=999000.01 + k) for k in range(300)] + [A("Z-free", 6)]
    r = solve(who, offers)
    assert r.status == "optimal" and ids(r) == ["Z-free"]
    assert r.stages == ("effort:optimal", "fee+order:optimal")
