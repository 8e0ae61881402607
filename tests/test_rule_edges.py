"""The rules on the records people really write (issue 10, "rule fidelity"):
each test quotes the article it reads."""
from __future__ import annotations

import datetime as dt
import json

from planner.audit import audit
from planner.plan.plannable import candidates

from .conftest import offering

TODAY = dt.date(2026, 11, 27)


def person(person_of, body: str, specialty: str = "surveying"):
    return person_of(f"id: p\nname: 测试\nspecialty: {specialty}\nrecords:\n" + body)


def year_of(result, year):
    return next(y for y in result.years if y.year == year)


# ---------------------------------------------------------------- one date, several days

def test_one_completion_date_with_days_counts_every_day(cli, workspace):
    """第六条（二）2: 参加自然资源部……举办的专项培训班，每天可分别认定登记 8 个、6 个学时.
    A registration carries the completion date and the number of days: 3 days ending
    on 2026-04-03 at a ministry training is 3 x 8 = 24.0."""
    root = workspace({"p": """
        id: p
        name: 张三
        specialty: surveying
        records:
          - {route: B2, date: 2026-04-03, days: 3, organizer: ministry, title: 专项培训}
        """})
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27",
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["years"]["2026"]["routes"]["B2"] == {"raw": 24.0, "counted": 24.0, "cap": 36.0}
    assert data["records"][0]["hours"] == 24.0


def test_the_days_end_on_the_date(person_of, policy):
    """第六条（二）2 每天……认定: the activity spans `days` ending on its completion date,
    so it counts in the year of that date (rules.md: an activity counts in the year it ends)."""
    p = person(person_of, "  - {route: B2, date: 2026-01-02, days: 3, organizer: province, title: a}\n"
                          "  - {route: C1, date: 2026-05-10, days: 1.5, title: b}\n")
    first, second = p.records
    assert (first.first_day, first.last_day) == (dt.date(2025, 12, 31), dt.date(2026, 1, 2))
    assert first.dates() == [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 1, 2)]
    assert (second.first_day, second.halves) == (dt.date(2026, 5, 9), 3)     # 1.5 days: two calendar days
    result = audit(p, policy, 2026, TODAY)
    assert [y.year for y in result.years] == [2026]
    assert year_of(result, 2026).routes["B2"].raw == 180                     # 3 x 6
    assert year_of(result, 2026).routes["C1"].raw == 60                      # 1.5 x 4


def test_an_offering_with_one_date_and_days_occupies_the_days_before_it(person_of, policy):
    """The same reading for a catalogue offering: its days end on its date, so a blackout
    on the first of them makes it unplannable (contract: it touches no blackout day)."""
    who = person_of("""
        id: p
        name: 测试
        specialty: surveying
        blackout: [{start: 2027-06-01, end: 2027-06-01}]
        """)
    offer = offering(id="B2-x", route="B2", organizer="ministry", date="2027-06-03", days=3)
    c = candidates(who, policy, [offer], [2027], dt.date(2027, 1, 1))
    assert [r.reason.code for r in c.rejected] == ["blackout"]
    assert c.rejected[0].reason.get("day") == "2027-06-01"


# ---------------------------------------------------------------- the specialty when they studied

def test_a_record_carries_the_specialty_of_its_time(person_of, policy):
    """第六条（一）: 其中爆破工程、爆破器材、矿建工程、采矿工程等 4 个专业的专业技术人员参加
    "浙江省爆破行业网络学习平台"提供的课件的学习，认定相应的学时. The platform goes with the
    specialty the person had when they studied: a surveyor who was a mining engineer in 2024
    earns her 2024 blasting-platform courseware."""
    p = person(person_of,
               "  - {route: A, year: 2024, hours: 10, platform: blasting, specialty: mining, title: 爆破课件}\n"
               "  - {route: A, year: 2024, hours: 6, platform: blasting, title: 无专业记录}\n"
               "  - {route: A, year: 2026, hours: 8, platform: zjce, title: 测绘课件}\n")
    lines = audit(p, policy, 2026, TODAY).ledger.lines
    assert [(line.credit.tenths, line.reason.code if line.reason else None) for line in lines] == [
        (100, None), (0, "ineligible"), (80, None)]


def test_a_record_specialty_must_be_known(cli, workspace):
    root = workspace({"p": """
        id: p
        name: 张三
        specialty: surveying
        records:
          - {route: A, year: 2024, hours: 10, platform: blasting, specialty: quarrying, title: 课件}
        """})
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27", "--lang", "en")
    assert code == 2
    assert "people/p.yaml, line 5: record 1 (课件): field 'specialty': unknown specialty 'quarrying'" in err


def test_record_add_takes_the_specialty(cli, workspace):
    root = workspace({"p": "id: p\nname: 张三\nspecialty: surveying\nrecords:\n"})
    code, out, err = cli("record", "add", "--data", root, "--person", "p", "--route", "A", "--title", "爆破课件",
                         "--year", "2024", "--hours", "10", "--platform", "blasting", "--specialty", "mining",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["hours"] == 10.0
    assert "specialty: mining" in (root / "people" / "p.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- seats: 0

def test_an_offering_without_seats_is_not_plannable(person_of, policy):
    """README, "How the rules are read": an offering with `seats: 0` is not plannable (nobody can enrol)."""
    who = person(person_of, "")
    offers = [offering(id="B3-full", route="B3", kind="training", society="surveying",
                       date="2027-04-12", fee=0, seats=0),
              offering(id="B3-open", route="B3", kind="training", society="surveying",
                       date="2027-05-12", fee=0, seats=1)]
    c = candidates(who, policy, offers, [2027], dt.date(2027, 1, 1))
    assert [i.id for i in c.items] == ["B3-open"]
    assert [(r.id, r.reason.code) for r in c.rejected] == [("B3-full", "no_seats")]


# ---------------------------------------------------------------- before the policy

def test_a_record_before_2021_earns_zero_under_the_policy_and_says_why(cli, workspace):
    """第十一条: 本细则从2021年1月1日起执行. A record of 2020 earns nothing under this
    policy: its hours are 0, as for every record that counts nothing, with the reason."""
    root = workspace({"p": """
        id: p
        name: 张三
        specialty: surveying
        records:
          - {route: B1, date: 2020-12-31, level: national, title: 高研班}
          - {route: A, year: 2026, hours: 8, platform: blasting, title: 错平台}
        """})
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27", "--format", "json")
    assert code == 0, err
    records = json.loads(out)["records"]
    assert [(r["hours"], r["counted"], r["reason_code"]) for r in records] == [
        (0.0, False, "before_policy"), (0.0, False, "ineligible")]
    assert records[0]["reason"] == "细则自2021-01-01起执行，此前的学时不计"


def test_a_specialty_history_judges_each_record_by_its_date(person_of, policy):
    """第六条（一） again, with the history on the person: `specialty_since` gives the
    specialty from each date; a record is judged by the one of its completion date
    (undated: the last day of its year), unless it names its own."""
    p = person_of("""
        id: p
        name: 测试
        specialty: surveying
        specialty_since: {2019-01-01: mining, 2025-07-01: surveying}
        records:
          - {route: A, date: 2024-05-01, hours: 10, platform: blasting, title: 爆破课件}
          - {route: A, date: 2025-08-01, hours: 6, platform: blasting, title: 转专业后}
          - {route: A, year: 2025, hours: 4, platform: zjce, title: 年底为准}
          - {route: A, year: 2025, hours: 2, platform: blasting, specialty: mining, title: 自带专业}
        """)
    lines = audit(p, policy, 2025, TODAY).ledger.lines
    assert [(line.credit.tenths, line.reason.code if line.reason else None) for line in lines] == [
        (100, None), (0, "ineligible"), (40, None), (20, None)]


def test_a_specialty_history_names_known_specialties(cli, workspace):
    root = workspace({"p": """
        id: p
        name: 张三
        specialty: surveying
        specialty_since: {2019-01-01: quarrying}
        """})
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27", "--lang", "en")
    assert code == 2
    assert err.endswith("people/p.yaml, line 4: field 'specialty_since.2019-01-01': unknown specialty 'quarrying' "
                        "(expected geological_survey | land_engineering | surveying | spatial_planning | marine | "
                        "blasting_engineering | blasting_equipment | mine_construction | mining (地质勘查 | 土地工程 | "
                        "测绘地理信息 | 国土空间规划 | 海洋工程与技术 | 爆破工程 | 爆破器材 | 矿建工程 | 采矿工程))\n")
