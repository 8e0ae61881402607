"""Registration states (issue 12 point 1, issue 10 "records after --today"):
what the audit counts and what the planners keep. The seed credits completed
study (第七条 "学完后", 第八条 "如实登记")."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.audit import audit
from planner.errors import PlannerError
from planner.models.policy import RegistrationRule
from planner.plan.solve import plan

from .conftest import offering

MARCH = dt.date(2026, 3, 1)
NOV = dt.date(2026, 11, 27)

# 2026 met by registered records alone, except the 18 general hours
BASE = """\
id: p
name: 测试
specialty: surveying
records:
  - {route: A, year: 2026, title: 课件, hours: 72, platform: zjce}
"""


def lines(result):
    return {line.index: line for line in result.ledger.lines}


def test_record_dated_after_today_is_upcoming_not_counted(person_of, policy):
    """On 2026-03-01 a seminar dated 2026-10-20 is not done: 2026 is not met by it."""
    person = person_of(BASE + "  - {route: G, date: 2026-10-20, title: 公需, hours: 18}\n")
    early = audit(person, policy, 2026, MARCH)
    line = lines(early)[1]
    assert (line.counted, line.reason.code) == (0, "upcoming")
    assert early.years[0].categories["general"] == 0 and not early.years[0].met
    assert early.states == ("registered", "upcoming")
    late = audit(person, policy, 2026, NOV)
    assert late.years[0].categories["general"] == 180 and late.years[0].met


def test_undated_record_of_a_later_year_is_upcoming(person_of, policy):
    person = person_of(BASE + "  - {route: G, year: 2027, title: 公需, hours: 18}\n")
    assert lines(audit(person, policy, 2027, NOV))[1].reason.code == "upcoming"


def test_rejected_counts_nothing_and_says_why(person_of, policy):
    person = person_of(BASE + "  - {route: G, year: 2026, title: 公需, hours: 18, status: rejected,"
                              " reason: 材料模糊}\n")
    line = lines(audit(person, policy, 2026, NOV))[1]
    assert (line.counted, line.reason.code, line.reason.get("why")) == (0, "rejected_why", "材料模糊")
    assert "G" not in audit(person, policy, 2026, NOV).years[0].routes


def test_rejected_record_frees_the_cap_for_the_next(person_of, policy):
    """Caps are shared in file order over what counts: a rejected item takes no room."""
    person = person_of(BASE + "  - {route: C6, year: 2026, subjects: 4, title: a, status: rejected}\n"
                              "  - {route: C6, year: 2026, subjects: 4, title: b}\n")
    result = audit(person, policy, 2026, NOV)
    assert [lines(result)[i].counted for i in (1, 2)] == [0, 240]


def test_pending_counts_and_is_shown_apart(person_of, policy):
    person = person_of(BASE + "  - {route: G, year: 2026, title: 公需, hours: 18, status: pending}\n")
    result = audit(person, policy, 2026, NOV)
    assert result.years[0].met and lines(result)[1].counted == 180
    assert result.pending_hours(2026) == 180
    assert result.met_without_pending(2026) is False


def test_booked_needs_its_offering(person_of):
    with pytest.raises(PlannerError, match="offering"):
        person_of(BASE + "  - {route: G, year: 2026, title: 公需, hours: 18, status: booked}\n")


def test_reason_only_with_rejected(person_of):
    with pytest.raises(PlannerError, match="reason"):
        person_of(BASE + "  - {route: G, year: 2026, title: 公需, hours: 18, status: pending, reason: x}\n")


def test_unknown_status_is_bad_input(person_of):
    with pytest.raises(PlannerError, match="status"):
        person_of(BASE + "  - {route: G, year: 2026, title: 公需, hours: 18, status: accepted}\n")


@pytest.fixture
def closing(policy):
    """The bundled policy with a registration deadline of 12-15 (other provinces' rule)."""
    return policy.replace(registration=RegistrationRule(
        deadline="12-15", text="年度学时登记截止于12月15日", text_en="a year's hours close on 12-15"))


def test_deadline_voids_unregistered_late_activity(person_of, closing):
    person = person_of(BASE + "  - {route: G, date: 2026-12-20, title: 公需, hours: 18}\n"
                              "  - {route: G, date: 2026-12-21, title: 公需二, hours: 6, status: registered}\n")
    result = audit(person, closing, 2026, dt.date(2026, 12, 31))
    assert lines(result)[1].reason.code == "after_deadline"
    assert lines(result)[2].counted == 60          # the registrar's word is the fact


CATALOG = [
    offering(id="G-1", route="G", year=2027, hours=18, fee=0, effort_hours=10),
    offering(id="A-1", route="A", year=2027, hours=72, platform="zjce", fee=0, effort_hours=50),
    offering(id="B3-1", route="B3", kind="training", society="surveying", start="2027-04-12",
             end="2027-04-14", fee=900),
    offering(id="B3-2", route="B3", kind="training", society="surveying", start="2027-12-16",
             end="2027-12-18", fee=800),
    offering(id="B3-3", route="B3", kind="training", society="surveying", start="2027-05-10",
             end="2027-05-12", fee=600, effort_hours=30),
    offering(id="B3-4", route="B3", kind="training", society="surveying", start="2027-06-10",
             end="2027-06-12", fee=100, effort_hours=10),
]
PERSON = "id: p\nname: 测试\nspecialty: surveying\nrecords:\n" \
         "  - {route: B1, year: 2025, title: 高研班, level: provincial}\n"


def test_offering_ending_after_deadline_not_plannable(person_of, closing):
    result = plan(person_of(PERSON), closing, CATALOG, today=NOV, years=[2027])
    codes = {r.id: r.reason.code for r in result.rejected}
    assert codes["B3-2"] == "after_deadline"


def test_booked_offering_is_kept_in_the_plan(person_of, policy):
    """A booked course stays (booked), counts in the projection, and is not chosen twice."""
    person = person_of(PERSON + "  - {route: B3, start: 2027-04-12, end: 2027-04-14, kind: training,"
                                " society: surveying, title: 学会培训, offering: B3-1, status: booked}\n")
    result = plan(person, policy, CATALOG, today=NOV, years=[2027])
    booked = [c for c in result.selected if c.booked is not None]
    assert [c.id for c in booked] == ["B3-1"] and booked[0].booked == 1
    assert [c.id for c in result.selected].count("B3-1") == 1
    assert result.met and result.fee >= 90000
    assert result.void[1].code == "booked_in_plan"


def test_upcoming_record_without_offering_counts_as_done_and_takes_its_days(person_of, policy):
    """Dated after today, no catalogue offering: the plan counts it as booked
    (so B3 needs no more) and no dated offering may overlap it."""
    person = person_of(PERSON + "  - {route: B3, start: 2027-06-10, end: 2027-06-12, kind: training,"
                                " society: surveying, title: 已报名学会培训}\n")
    result = plan(person, policy, CATALOG, today=NOV, years=[2027])
    codes = {r.id: r.reason.code for r in result.rejected}
    assert codes["B3-4"] == "overlaps_booked"
    assert not [c for c in result.selected if c.route == "B3"]
    assert result.year(2027).routes["B3"].counted == 240
    # the audit of the same day does not count it
    assert "B3" not in audit(person, policy, 2027, NOV).years[-1].routes


def test_rejected_record_is_replanned(person_of, policy):
    ok = person_of(PERSON + "  - {route: G, date: 2027-01-04, hours: 18, title: 公需}\n")
    rejected = person_of(PERSON + "  - {route: G, date: 2027-01-04, hours: 18, title: 公需, status: rejected}\n")
    today = dt.date(2027, 1, 5)
    assert "G-1" not in [c.id for c in plan(ok, policy, CATALOG, today=today, years=[2027]).selected]
    again = plan(rejected, policy, CATALOG, today=today, years=[2027])
    assert again.met and "G-1" in [c.id for c in again.selected]


def test_audit_cli_shows_states(cli, workspace):
    root = workspace({"p": BASE + "  - {route: G, year: 2026, title: 公需, hours: 18, status: pending}\n"
                                  "  - {route: C6, year: 2026, subjects: 1, title: 考试, status: rejected, reason: 材料模糊}\n"
                                  "  - {route: G, date: 2026-12-20, title: 公需二, hours: 6}\n"})
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [r["status"] for r in data["records"]] == ["registered", "pending", "rejected", "upcoming"]
    assert [r.get("reason_code") for r in data["records"]] == [None, None, "rejected_why", "upcoming"]
    assert data["years"]["2026"]["pending_hours"] == 18.0
    assert data["years"]["2026"]["met_without_pending"] is False
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27", "--lang", "en")
    flat = " ".join(out.split())
    assert "2026: 18.0 hours rest on pending records; if they are rejected: not met" in flat and "材料模糊" in flat


def test_unit_file_deadline_and_booked_records(policy):
    """A unit's registration_deadline (12-15) makes a 12-20 session unplannable;
    a booked record counts for the unit planner and its offering is not re-chosen."""
    from planner.unit.search import plan_unit

    from .unitfixtures import TODAY as UNIT_TODAY, YEAR, online, person, session, unit
    late = session("LATE", "2027-12-20", 0.5)
    dear = online("DEAR", 4, 3)
    staff = [person("P0"), person("P1", records=[
        {"route": "A", "year": YEAR, "title": "已学课件", "hours": 65, "platform": "zjce"},
        {"route": "G", "year": YEAR, "title": "已学公需", "hours": 21},
        {"route": "A", "year": YEAR, "title": "已报名课件", "hours": 4, "platform": "zjce",
         "offering": "DEAR", "status": "booked"}])]
    open_unit = unit()
    plan = plan_unit(open_unit, staff, policy, [late, dear], YEAR, UNIT_TODAY, work=5.0)
    chosen = {p.person.id: [i.id for i in p.items] for p in plan.people}
    assert chosen == {"P0": ["LATE"], "P1": []}
    closing = open_unit.replace(registration_deadline="12-15")
    plan = plan_unit(closing, staff, policy, [late, dear], YEAR, UNIT_TODAY, work=5.0)
    chosen = {p.person.id: [i.id for i in p.items] for p in plan.people}
    assert chosen == {"P0": ["DEAR"], "P1": []} and plan.people_met == 2
