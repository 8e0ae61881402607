"""Which offerings are plannable for a person, and why not (issue 3)."""
from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import PlannerError
from planner.messages import reason_text
from planner.plan.plannable import candidates

from .conftest import offering

TODAY = dt.date(2027, 3, 10)
YEARS = (2027, 2028)


@pytest.fixture
def who(person_of):
    return person_of("""
        id: P1
        name: 测试
        specialty: surveying
        blackout: [{start: 2027-06-01, end: 2027-06-30}]
        records:
          - {route: A, year: 2027, title: done, hours: 6, platform: zjce, offering: A-done}
    """)


def split(who, policy, offers, **kw):
    c = candidates(who, policy, offers, YEARS, TODAY, **kw)
    return [i.id for i in c.items], {r.id: r.reason for r in c.rejected}


def test_each_reason(who, policy):
    offers = [
        offering(id="A-ok", route="A", hours=6, platform="zjce", year=2027),
        offering(id="A-done", route="A", hours=6, platform="zjce", year=2027),
        offering(id="A-2026", route="A", hours=6, platform="zjce", year=2026),
        offering(id="A-2029", route="A", hours=6, platform="zjce", year=2029),
        offering(id="A-blast", route="A", hours=6, platform="blasting", year=2027),
        offering(id="B3-started", route="B3", kind="training", society="land", start="2027-03-09", end="2027-03-11"),
        offering(id="B3-today", route="B3", kind="training", society="land", date="2027-03-10"),
        offering(id="B3-june", route="B3", kind="training", society="land", start="2027-05-31", end="2027-06-01"),
        offering(id="B3-other", route="B3", kind="conference", society="mining", date="2027-09-01"),
        offering(id="B2-marine", route="B2", organizer="province", date="2027-09-02", specialties=["marine"]),
        offering(id="B2-surv", route="B2", organizer="province", date="2027-09-03",
                 specialties=["marine", "surveying"]),
        offering(id="G-x", route="G", hours=3, year=2028),
    ]
    ok, why = split(who, policy, offers, exclude=["G-x"])
    past = candidates(who, policy, offers[:1], (2026, 2027), TODAY)
    assert [i.id for i in past.items] == ["A-ok"]
    assert candidates(who, policy, [offering(id="A-26", route="A", hours=6, platform="zjce", year=2026)],
                      (2026, 2027), TODAY).rejected[0].reason.code == "year_over"
    assert ok == ["A-ok", "B2-surv", "B3-today"]           # id order: the model's variable order
    assert {k: v.code for k, v in why.items()} == {
        "A-done": "completed", "A-blast": "ineligible", "B3-started": "started", "B3-june": "blackout",
        "B3-other": "ineligible", "B2-marine": "specialty", "G-x": "excluded"}
    assert "A-2026" not in why and "A-2029" not in why        # outside the planned years: not listed
    assert reason_text(why["B3-june"], policy, "en") == "2027-06-01 is a blackout day"
    assert reason_text(why["B3-started"], policy, "en") == "starts 2027-03-09, before today 2027-03-10"
    assert reason_text(why["A-done"], policy, "en") == "already completed (record 0)"
    assert "浙江省爆破行业网络学习平台" not in reason_text(why["A-blast"], policy, "zh")
    assert "登记管理系统" in reason_text(why["A-blast"], policy, "zh")


def test_items_carry_model_numbers(who, policy):
    offers = [offering(id="B3-a", route="B3", kind="training", society="land", start="2027-09-01",
                       end="2027-09-02", fee=1200),
              offering(id="A-a", route="A", hours=6, platform="zjce", year=2028, effort_hours=2.5)]
    c = candidates(who, policy, offers, YEARS, TODAY)
    a, b3 = c.items
    assert (a.index, a.year, a.tenths, a.effort, a.fee, a.days) == (0, 2028, 60, 150, 0, ())
    assert (b3.index, b3.tenths, b3.effort, b3.fee) == (1, 160, 2 * 8 * 60, 120000)
    assert b3.days == (dt.date(2027, 9, 1).toordinal(), dt.date(2027, 9, 2).toordinal())
    assert c.offered == 2


def test_require_and_exclude_errors(who, policy):
    offers = [offering(id="A-ok", route="A", hours=6, platform="zjce", year=2027),
              offering(id="A-done", route="A", hours=6, platform="zjce", year=2027)]
    with pytest.raises(PlannerError, match="--require NOPE: no offering"):
        candidates(who, policy, offers, YEARS, TODAY, require=["NOPE"])
    with pytest.raises(PlannerError, match="--exclude NOPE: no offering"):
        candidates(who, policy, offers, YEARS, TODAY, exclude=["NOPE"])
    with pytest.raises(PlannerError, match=r"--require A-done: not plannable: already completed"):
        candidates(who, policy, offers, YEARS, TODAY, require=["A-done"])
    c = candidates(who, policy, offers, YEARS, TODAY, require=["A-ok"])
    assert [i.required for i in c.items] == [True]


def test_required_offerings_that_clash_are_bad_input(person_of, policy):
    who = person_of("""
        id: P1
        name: 测试
        specialty: surveying
        budget_per_year: 1000
        records: []
    """)
    offers = [offering(id="B3-a", route="B3", kind="training", society="land", start="2027-09-01", end="2027-09-02"),
              offering(id="B3-b", route="B3", kind="training", society="land", date="2027-09-02"),
              offering(id="B1-a", route="B1", level="national", date="2027-10-01", fee=900),
              offering(id="B1-b", route="B1", level="national", date="2027-11-01", fee=200)]
    with pytest.raises(PlannerError, match="--require B3-a and --require B3-b are both on 2027-09-02"):
        candidates(who, policy, offers, YEARS, TODAY, require=["B3-a", "B3-b"])
    with pytest.raises(PlannerError, match="the --require offerings of 2027 cost 1100 yuan, over the budget_per_year of 1000"):
        candidates(who, policy, offers, YEARS, TODAY, require=["B1-a", "B1-b"])
