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
        return person.replace(budget_per_year=person.budget_per_year + repair.extra), catalog
    if repair.kind == "blackout":
        start = dt.date.fromisoformat(dict(repair.params)["start"])
        return person.replace(blackout=tuple(b for b in person.blackout if b.start != start)), catalog
    oid = dict(repair.params)["id"]
    return person, [o.replace(seats=1) if o.id == oid else o for o in catalog]


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
    just_short = person.replace(budget_per_year=person.budget_per_year + 29999)
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


# 2026: A 40 + G 18 (professional 25 short, total 32 short); the 2024-2026 cycle met by a 2025 seminar
SHORT_A = """\
id: q
name: 测绘员
specialty: surveying
records:
  - {route: A, date: 2026-01-20, title: 课件, hours: 40, platform: zjce}
  - {route: G, date: 2026-01-21, title: 公需, hours: 18}
  - {route: B1, date: 2025-05-20, title: 高研班, level: national}
"""
OTHER_PLATFORM = [offering(id="A-BLAST", route="A", year=2026, hours=40, platform="blasting", effort_hours=30),
                  offering(id="A-2027", route="A", year=2027, hours=40, platform="zjce", effort_hours=30)]


def test_other_platform_and_one_more_year_are_not_offered_and_the_report_says_why(person_of, policy, cli,
                                                                                   workspace, tmp_path):
    """第六条（一） names each specialty's platform with no exception: the
    blasting platform's course would close 2026 (it does once it is on the
    registration system) but is never offered; and a 2027 course cannot close
    2026 (第五条 每年度), so "plan one more year" is not offered either."""
    import json
    person = person_of(SHORT_A)
    result = plan(person, policy, OTHER_PLATFORM, today=TODAY, years=YEARS)
    assert result.status == "infeasible"
    assert sorted(u.key for u in result.unmet) == ["professional", "total"]
    assert repairs(result, OTHER_PLATFORM) == ()
    assert [x.id for x in result.rejected if x.reason.code == "ineligible"] == ["A-BLAST"]
    accepted = [o.replace(platform="zjce") if o.id == "A-BLAST" else o for o in OTHER_PLATFORM]
    assert plan(person, policy, accepted, today=TODAY, years=YEARS).status == "optimal"
    longer = plan(person, policy, OTHER_PLATFORM, today=TODAY, years=(2026, 2027))
    assert sorted(u.key for u in longer.unmet if u.period == "2026") == ["professional", "total"]
    root = workspace({"q": SHORT_A})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml(OTHER_PLATFORM), encoding="utf-8")
    args = ("suggest", "--person", "q", "--data", root, "--catalog", cat, "--today", "2026-03-01",
            "--through", "2026", "-q")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert "repairs" not in data
    assert data["repairs_not_offered"] == [
        {"kind": "other_platform", "article": "第六条（一）", "rule": policy.routes["A"].text},
        {"kind": "one_more_year", "article": "第五条、第六条（二）",
         "rule": "专业科目不少于65学时；一般公需科目不少于18学时；参加继续教育每年度应达到90学时；"
                 "B类专业科目须在3年周期内累计完成36学时"}]
    code, out, err = cli(*args)
    flat = "".join(out.split())
    assert "不提供“换用另一平台的课件”：第六条（一）「参加“浙江省专业技术人员继续教育学时登记管理系统”" in flat
    assert "不提供“多规划一年”：第五条、第六条（二）「专业科目不少于65学时" in flat
