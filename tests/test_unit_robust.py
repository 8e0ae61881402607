"""`planner unit --robust` (issue 12 point 3, the unit side): each person's
plan still meets every target after any one pending record is rejected or
any one dated planned activity falls through, within the shared limits, at
the least effort: checked against a brute force over every joint plan."""
from __future__ import annotations

import datetime as dt
import json

from planner import registration
from planner.unit.search import plan_unit

from .bruteforce import catalog_yaml, robust_ok
from .unitbrute import best, joint_plans
from .unitfixtures import YEAR, online, person, session, unit

TODAY = dt.date(2027, 1, 10)        # the records are done (a record of a later year would be upcoming)

# P0: A 61 + a pending A 4 + G 21 (4 short of 90; 8 short without the pending record); P1: 4 short
P0 = [{"route": "A", "year": YEAR, "title": "已学课件", "hours": 61, "platform": "zjce"},
      {"route": "A", "year": YEAR, "title": "待审课件", "hours": 4, "platform": "zjce", "status": "pending"},
      {"route": "G", "year": YEAR, "title": "已学公需", "hours": 21}]
P1 = [{"route": "A", "year": YEAR, "title": "已学课件", "hours": 65, "platform": "zjce"},
      {"route": "G", "year": YEAR, "title": "已学公需", "hours": 21}]
STAFF = [person("P0", records=P0), person("P1", records=P1)]
OFFERINGS = [session("S1", "2027-03-01", 1, seats=1), session("S2", "2027-04-01", 1, seats=2),
             online("X", 4, 2), online("Y", 8, 5)]


def insured(k: int, ids) -> bool:
    who = STAFF[k]
    by_id = {o.id: o for o in OFFERINGS}
    void = registration.void(who.records, TODAY, None, registration.PLAN)
    return robust_ok(policy_of(), who, TODAY, [by_id[i] for i in sorted(ids)], [YEAR], [], void)


def policy_of():
    from planner.policy import resolve_policy
    return resolve_policy()


def test_robust_unit_plan_is_the_least_effort_insured_plan(policy):
    plain = plan_unit(unit(), STAFF, policy, OFFERINGS, YEAR, TODAY, work=5.0)
    robust = plan_unit(unit(), STAFF, policy, OFFERINGS, YEAR, TODAY, work=5.0, robust=True)
    assert plain.proven and robust.proven and robust.people_met == 2 and robust.shortfall == 0
    assert (plain.effort, robust.effort) == (2 * 60, 4 * 60)
    plans = {p.person.id: tuple(sorted(i.id for i in p.items)) for p in robust.people}
    assert plans == {"P0": ("S1", "S2"), "P1": ("X",)}
    # every person's plan survives every single loss (the independent ledger check)
    assert all(insured(k, plans[who.id]) for k, who in enumerate(STAFF))
    # and no insured joint plan within the seats costs less effort
    joints = [j for j in joint_plans(unit(), STAFF, OFFERINGS, policy, keep=insured) if j.short == 0]
    assert best(joints).effort == robust.effort
    assert best(joint_plans(unit(), STAFF, OFFERINGS, policy)).effort == plain.effort


def test_robust_through_the_cli_says_what_the_insurance_costs(cli, workspace, tmp_path):
    def yaml_of(pid, records):
        lines = [f"id: {pid}", f"name: 员工{pid}", "unit: U-T", "department: 测绘科", "specialty: surveying",
                 "records:"]
        return "\n".join(lines + [f"  - {json.dumps(r, ensure_ascii=False)}" for r in records]) + "\n"
    root = workspace({"P0": yaml_of("P0", P0), "P1": yaml_of("P1", P1)}, {"U-T": "id: U-T\nname: 测试单位\n"})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml(OFFERINGS), encoding="utf-8")
    args = ("unit", "--unit", "U-T", "--year", str(YEAR), "--today", TODAY.isoformat(), "--data", root,
            "--catalog", cat, "--work", "5", "-q", "--robust")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["robust"] == {"plain_effort_hours": 2.0, "plain_cost": 0.0, "insurance_effort_hours": 2.0,
                              "insurance_cost": 0.0, "not_insured": []}
    code, out, err = cli(*args, "--lang", "en")
    assert "the insurance costs 2.0 h and 0 yuan more (plain plan 2.0 h)" in " ".join(out.split())


def test_a_person_who_cannot_be_insured_still_meets_the_year_and_is_named(policy):
    """Only one dated session is on offer: P1 meets 2027 with it, but its
    falling through would break the year; the real shortfall comes first, so
    the plan keeps it and names P1 as not insured."""
    staff = [person("P1", records=P1)]
    offerings = [session("S1", "2027-03-01", 1)]
    plan = plan_unit(unit(), staff, policy, offerings, YEAR, TODAY, work=5.0, robust=True)
    plain = plan_unit(unit(), staff, policy, offerings, YEAR, TODAY, work=5.0)
    from planner.unit.prepare import insurance
    assert plan.shortfall == 0 and plan.people_met == 1
    assert [i.id for i in plan.people[0].items] == ["S1"]
    assert insurance(plan, plain).not_robust == ("P1",)
