"""Property test: every unit plan passes each person's recomputed ledger and
every shared limit, checked independently of the model; on tiny units the
plan is compared with a brute-force optimum (issue 5)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.models.activity import Offering
from planner.unit.search import plan_unit

from .unitbrute import best, joint_plans
from .unitfixtures import TODAY, YEAR, person, recheck, unit

DAYS = ["2027-03-01", "2027-03-02", "2027-05-10"]


@st.composite
def units(draw):
    n_off = draw(st.integers(1, 4))
    offerings = []
    for k in range(n_off):
        dated = draw(st.booleans())
        fee = draw(st.sampled_from([0, 100, 300]))
        seats = draw(st.sampled_from([None, 1, 2]))
        effort = draw(st.sampled_from([1, 2, 3, 5]))
        if dated:
            data = {"id": f"S{k}", "route": "B2", "title": f"s{k}", "organizer": "province",
                    "date": draw(st.sampled_from(DAYS)), "fee": fee, "effort_hours": effort}
        else:
            data = {"id": f"A{k}", "route": "A", "title": f"a{k}", "platform": "zjce", "year": YEAR,
                    "hours": draw(st.sampled_from([2, 4, 6])), "fee": fee, "effort_hours": effort}
        if seats is not None:
            data["seats"] = seats
        offerings.append(Offering.parse(data))
    trainings = []
    if draw(st.booleans()):
        trainings.append({"id": "T1", "title": "讲座", "date": draw(st.sampled_from(DAYS)), "days": 1,
                          "cost": draw(st.sampled_from([100, 500])), "seats": draw(st.sampled_from([None, 1, 2])),
                          "effort_hours": draw(st.sampled_from([1, 3]))})
    n_staff = draw(st.integers(1, 3))
    staff = []
    for k in range(n_staff):
        a = draw(st.sampled_from([59, 63, 65]))
        g = draw(st.sampled_from([17, 21, 25]))
        records = [{"route": "A", "year": YEAR, "title": "已学", "hours": a, "platform": "zjce"},
                   {"route": "G", "year": YEAR, "title": "公需", "hours": g}]
        staff.append(person(f"P{k}", draw(st.sampled_from(["甲", "乙"])), records=records))
    budget = draw(st.sampled_from([None, 300, 800]))
    share = draw(st.sampled_from([0.3, 1.0]))
    return unit(trainings, budget=budget, share=share), staff, offerings


def brute_force(u, staff, offerings, policy):
    """The least ((total shortfall, effort), cost) over every joint plan (tests/unitbrute.py)."""
    found = best(joint_plans(u, staff, offerings, policy))
    return (found.value, found.cost)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units())
def test_every_unit_plan_passes_the_independent_recheck(policy, case):
    u, staff, offerings = case
    plan = plan_unit(u, staff, policy, offerings, YEAR, TODAY, time_limit=20)
    recheck(plan, staff, offerings, policy)
    assert plan.proven and plan.status in ("optimal", "short", "infeasible")   # tiny units are always proven
    best = brute_force(u, staff, offerings, policy)
    objective = plan.stats["objective"]
    assert (objective, plan.cost) == best
