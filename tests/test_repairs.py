"""What it would take (issue 12 point 5): every repair listed, applied to the
input, makes the targets it names met; they are ranked by cost."""
from __future__ import annotations

import datetime as dt

import pytest

from planner.plan.repairs import repairs
from planner.plan.solve import plan

from .bruteforce import catalog_yaml
from .conftest import offering

TODAY = dt.date(2026, 3, 1)
YEARS = (2026,)

# 2026's yearly targets met by the records; the 2024-2026 cycle has 6 of 36
PERSON = """\
id: p
name: 测试
specialty: surveying
budget_per_year: 1000
blackout:
  - {start: 2026-06-01, end: 2026-06-30}
records:
  - {route: A, date: 2026-01-20, title: 课件, hours: 72, platform: zjce}
  - {route: G, date: 2026-01-21, title: 公需, hours: 18}
  - {route: B3, date: 2025-09-09, kind: conference, society: surveying, title: 年会}
"""


def b3(oid, start, end, fee, kind="training", **kw):
    return offering(id=oid, route="B3", kind=kind, society="surveying", start=start, end=end, fee=fee, **kw)


CATALOG = [
    b3("B3-1", "2026-09-01", "2026-09-03", 1200),                # over the budget
    b3("B3-2", "2026-10-12", "2026-10-14", 100, seats=0),        # full
    b3("B3-5", "2026-06-10", "2026-06-12", 100),                 # in the blackout
    b3("B3-4", "2026-12-01", "2026-12-01", 100, kind="conference"),
]


@pytest.fixture
def person(person_of):
    return person_of(PERSON)


def apply(repair, person, catalog):
    """The repair's change to the input, done independently of the planner."""
    if repair.kind == "budget":
        return person.model_copy(update={"budget_per_year": person.budget_per_year + repair.extra}), catalog
    if repair.kind == "blackout":
        start = dt.date.fromisoformat(dict(repair.params)["start"])
        return person.model_copy(update={"blackout": tuple(b for b in person.blackout if b.start != start)}), catalog
    oid = dict(repair.params)["id"]
    return person, [o.model_copy(update={"seats": 1}) if o.id == oid else o for o in catalog]


def test_cycle_cannot_be_met_as_is(person, policy):
    result = plan(person, policy, CATALOG, today=TODAY, years=YEARS)
    assert result.status == "infeasible"
    assert [(u.period, u.key) for u in result.unmet] == [("2024-2026", "cycle")]


def test_repairs_ranked_by_cost_and_each_makes_the_target_met(person, policy):
    result = plan(person, policy, CATALOG, today=TODAY, years=YEARS)
    found = repairs(result, CATALOG)
    assert [(r.kind, r.effort // 60, r.fee // 100, r.extra // 100) for r in found] == [
        ("blackout", 32, 200, 0), ("seat", 32, 200, 0), ("budget", 32, 1300, 300)]
    for repair in found:
        assert repair.makes_met == ("2024-2026 cycle",)
        who, catalog = apply(repair, person, CATALOG)
        again = plan(who, policy, catalog, today=TODAY, years=YEARS)
        assert again.status == "optimal" and next(c for c in again.cycles if c.end == 2026).met


def test_budget_raise_is_the_least_that_works(person, policy):
    """300 yuan more is enough (B3-1 1200 + B3-4 100); 299.99 is not."""
    just_short = person.model_copy(update={"budget_per_year": person.budget_per_year + 29999})
    catalog = [o for o in CATALOG if o.id in ("B3-1", "B3-4")]
    assert plan(just_short, policy, catalog, today=TODAY, years=YEARS).status == "infeasible"


def test_no_repairs_when_met(person, policy):
    catalog = CATALOG + [b3("B3-9", "2026-11-10", "2026-11-12", 100)]
    result = plan(person, policy, catalog, today=TODAY, years=YEARS)
    assert result.status == "optimal" and repairs(result, catalog) == ()


def test_repairs_in_json_and_text(cli, workspace, tmp_path):
    import json
    root = workspace({"p": PERSON})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml(CATALOG), encoding="utf-8")
    args = ("suggest", "--person", "p", "--data", root, "--catalog", cat, "--today", "2026-03-01", "-q")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [(r["kind"], r["cost"], r["fee"], r["extra_yuan"], r["makes_met"]) for r in data["repairs"]] == [
        ("blackout", 32.0, 200.0, 0.0, ["2024-2026 cycle"]), ("seat", 32.0, 200.0, 0.0, ["2024-2026 cycle"]),
        ("budget", 32.0, 1300.0, 300.0, ["2024-2026 cycle"])]
    code, out, err = cli(*args, "--lang", "en")
    flat = " ".join(out.split())
    assert "raise the yearly budget by 300 yuan: met" in flat and "one more seat in B3-2" in flat
