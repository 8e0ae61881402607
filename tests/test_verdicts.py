"""One vocabulary of verdicts (issue 9, point 8): met, short, cycle at risk,
in progress, defined once (planner/verdicts.py) and used by `people`,
`audit --unit` and its every format. Inputs written inline."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner

from planner import ledger
from planner.cli import main
from planner.models.person import Person
from planner.policy import resolve_policy
from planner.verdicts import CYCLE_AT_RISK, IN_PROGRESS, MET, SHORT, verdict

POLICY = resolve_policy(None)


def standing(records, year):
    person = Person.parse({"id": "X", "name": "某", "specialty": "surveying", "records": records})
    led = ledger.build(POLICY, person.specialty, person.records)
    return led.year(year), led.cycle(year)


YEAR_MET = [{"route": "A", "year": 2026, "title": "课件", "hours": 72, "platform": "zjce"},
            {"route": "G", "year": 2026, "title": "公需", "hours": 18}]


def b_days(year, days):
    """A provincial special training (B2, 6 hours a day: 第六条（二）2)."""
    return {"route": "B2", "year": year, "days": days, "organizer": "province", "title": f"培训{year}"}


def test_met_needs_the_cycle_in_the_year_that_ends_it():
    # 2026 ends the 2024-2026 cycle: 22 of 36 B hours is not met, whatever the year's 65/18/90
    s, c = standing(YEAR_MET + [b_days(2025, 3), b_days(2026, 0.5) | {"title": "半天"}], 2026)
    assert s.met and c.hours == 210 and c.end == 2026
    v = verdict(s, c, dt.date(2026, 11, 27))
    assert v.word == IN_PROGRESS and v.shortfalls == (("cycle", 150),)


def test_the_cycle_counts_only_in_the_year_that_ends_it():
    # 2025 is met by its own targets: the cycle 2024-2026 is not yet due
    records = [dict(r, year=2025) for r in YEAR_MET]
    s, c = standing(records, 2025)
    assert c.hours == 0 and c.end == 2026
    assert verdict(s, c, dt.date(2025, 12, 1)).word == MET


def test_short_when_the_year_is_over():
    s, c = standing([{"route": "G", "year": 2025, "title": "公需", "hours": 18}], 2025)
    v = verdict(s, c, dt.date(2026, 1, 5))
    assert v.word == SHORT
    assert dict(v.shortfalls) == {"professional": 650, "total": 720}


def test_cycle_at_risk_when_the_catalogue_cannot_close_it():
    s, c = standing(YEAR_MET + [b_days(2026, 3)], 2026)      # 18 of 36
    today = dt.date(2026, 12, 1)
    assert verdict(s, c, today, reach=179).word == CYCLE_AT_RISK     # 17.9 more at most: cannot close 18
    assert verdict(s, c, today, reach=180).word == IN_PROGRESS       # exactly enough: still possible
    assert verdict(s, c, today).word == IN_PROGRESS                  # reach unknown: never "at risk"


def test_met_when_every_target_and_the_cycle_are_reached():
    s, c = standing(YEAR_MET + [b_days(2026, 6)], 2026)
    assert c.hours == 360 and verdict(s, c, dt.date(2026, 12, 1)).word == MET


def test_the_cohort_asks_for_the_cycle_only_in_the_year_that_ends_it():
    # 2025 and 2026 each meet 65/18/90, with no B hours: in 2025 the 2024-2026 cycle is not due, so
    # the cohort neither counts it nor asks the catalogue's reach; in 2026 it is due: asked, at risk
    from planner.audit import cohort
    from planner.models.person import Unit
    person = Person.parse({"id": "X", "name": "某", "specialty": "surveying",
                                    "records": [dict(r, year=2025) for r in YEAR_MET] + YEAR_MET})
    asked = []

    def reach(who, led, cycle):
        asked.append((who.id, cycle.start, cycle.end))
        return 0
    unit = Unit(id="U", name="单位")
    early = cohort(unit, [person], POLICY, 2025, dt.date(2025, 12, 1), reach)
    assert [(line.verdict.word, line.verdict.shortfalls) for line in early.lines] == [(MET, ())]
    assert asked == []
    due = cohort(unit, [person], POLICY, 2026, dt.date(2026, 12, 1), reach)
    assert [(line.verdict.word, line.verdict.shortfalls) for line in due.lines] == [(CYCLE_AT_RISK, (("cycle", 360),))]
    assert asked == [("X", 2024, 2026)]


# ---------------------------------------------------------------- through the commands

PERSON = """\
id: {pid}
name: {name}
unit: U-V
department: {dept}
specialty: surveying
records:
  - {{route: A, year: 2026, title: 课件, hours: 72, platform: zjce}}
  - {{route: G, year: 2026, title: 公需, hours: 18}}
  - {{route: B2, year: 2026, days: {days}, organizer: province, title: 专项培训}}
"""
UNIT = "id: U-V\nname: 核查单位\n"
CATALOG = """\
offerings:
  - {id: B2-LATE, route: B2, title: 年末培训, organizer: province, date: 2026-12-20, fee: 100, effort_hours: 8}
"""


@pytest.fixture
def ws(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "units").mkdir()
    for pid, name, dept, days in (("V1", "甲", "测绘科", 6), ("V2", "乙", "测绘科", 5), ("V3", "丙", "规划科", 2)):
        (root / "people" / f"{pid}.yaml").write_text(PERSON.format(pid=pid, name=name, dept=dept, days=days),
                                                     encoding="utf-8")
    (root / "units" / "U-V.yaml").write_text(UNIT, encoding="utf-8")
    cat = tmp_path / "catalog.yaml"
    cat.write_text(CATALOG, encoding="utf-8")
    return root, cat


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def cohort(ws, *extra):
    root, cat = ws
    return run("audit", "--unit", "U-V", "--year", 2026, "--today", "2026-12-01", "--data", root,
               "--catalog", cat, *extra)


def test_cohort_verdicts_with_the_catalogues_reach(ws):
    res = cohort(ws, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    status = {p["person"]: p["status"] for p in data["people"]}
    # V1 36/36 met; V2 30/36: one 8-hour B2 day on 12-20 can close 6 (in progress);
    # V3 12/36: at most 8 more from the catalogue, 24 short: at risk
    assert status == {"V1": "met", "V2": "in_progress", "V3": "cycle_at_risk"}
    assert data["verdicts"] == {"met": 1, "short": 0, "cycle_at_risk": 1, "in_progress": 1}
    v3 = next(p for p in data["people"] if p["person"] == "V3")
    assert v3["short"] == {"cycle": 24.0}


def test_people_uses_the_same_verdicts(ws):
    root, cat = ws
    res = run("people", "--data", root, "--today", "2026-12-01", "--year", 2026, "--format", "json")
    data = {p["id"]: p for p in json.loads(res.stdout)["people"]}
    assert data["V1"]["status"] == "met" and data["V1"]["met"] is True
    assert data["V2"]["status"] == "in_progress" and data["V2"]["met"] is False   # 30/36: not 已达标
    text = run("people", "--data", root, "--today", "2026-12-01", "--year", 2026).stdout
    assert text.count("已达标") == 1 and "进行中" in text


def test_cohort_filters_department_and_short_only(ws):
    data = json.loads(cohort(ws, "--format", "json", "--department", "测绘科", "--short-only").stdout)
    assert [p["person"] for p in data["people"]] == ["V2"]
    assert data["unit_staff"] == 3 and data["filter"] == {"department": "测绘科", "short_only": True}


def test_a_mistyped_department_is_bad_input_with_the_closest_name(ws):
    res = cohort(ws, "--department", "测绘料")
    assert res.exit_code == 2
    assert "测绘料" in res.output and res.output.index("测绘科") < res.output.index("规划科")


def test_cohort_html_is_the_shared_report_layout(ws):
    html = cohort(ws, "--format", "html").stdout
    assert "@page { size: A4" in html and "<h1>单位学时核查" in html
    assert "依据" in html and "2026-12-01" in html and "B类周期难以完成" in html


def test_cohort_csv_opens_in_excel_and_xlsx_prints(ws, tmp_path):
    csv_text = cohort(ws, "--format", "csv").stdout
    assert csv_text.startswith("\ufeff人员,姓名,部门,")
    assert "V3,丙,规划科,84.0,18.0,102.0,12/36 (2024–2026),B类周期难以完成,B类周期差24.0学时" in csv_text
    out = tmp_path / "cohort.xlsx"
    assert cohort(ws, "--format", "xlsx", "--out", out, "-q").exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows
    assert [c.value for c in sheet[5]][:3] == ["人员", "姓名", "部门"]


def test_xlsx_and_csv_are_for_a_unit(ws):
    root, _ = ws
    res = run("audit", "--person", "V1", "--data", root, "--format", "csv")
    assert res.exit_code == 2 and "--unit" in res.output
