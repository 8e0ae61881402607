"""The last safe date (issue 12 point 4): re-planning with --today set to it
still meets the target; the day after it does not."""
from __future__ import annotations

import datetime as dt

import pytest

from planner.plan.latest import for_plan
from planner.plan.solve import plan

from .bruteforce import catalog_yaml
from .conftest import offering

TODAY = dt.date(2026, 3, 1)

# 2026's yearly targets are met by the records; the 2024-2026 cycle has 6 of 36
PERSON = """\
id: p
name: 测试
specialty: surveying
records:
  - {route: A, date: 2026-01-20, title: 课件, hours: 72, platform: zjce}
  - {route: G, date: 2026-01-21, title: 公需, hours: 18}
  - {route: B3, date: 2025-09-09, kind: conference, society: surveying, title: 年会}
"""


def b3(oid, start, end, kind="training"):
    return offering(id=oid, route="B3", kind=kind, society="surveying", start=start, end=end, fee=100)


# 30 B hours still needed: two trainings of 24, a conference of 6
CATALOG = [b3("B3-1", "2026-09-01", "2026-09-03"), b3("B3-2", "2026-10-12", "2026-10-14"),
           b3("B3-3", "2026-11-02", "2026-11-02", kind="conference")]


@pytest.fixture
def person(person_of):
    return person_of(PERSON)


def cycle_met(result) -> bool:
    return next(c for c in result.cycles if c.end == 2026).met


def test_latest_start_is_the_last_day_that_still_works(person, policy):
    dates = dict(for_plan(person, policy, CATALOG, (2026,), TODAY))
    assert dates == {"2024-2026 cycle": dt.date(2026, 10, 12)}
    day = dates["2024-2026 cycle"]
    assert cycle_met(plan(person, policy, CATALOG, today=day, years=(2026,)))
    assert not cycle_met(plan(person, policy, CATALOG, today=day + dt.timedelta(days=1), years=(2026,)))


def test_online_hours_need_their_days(person_of, policy):
    """General hours from an online course of 40 effort hours: 5 days of 8 h
    before 31 December, so the last start is 27 December."""
    person = person_of("id: p\nname: 测试\nspecialty: surveying\nrecords:\n"
                       "  - {route: A, date: 2026-01-20, title: 课件, hours: 72, platform: zjce}\n")
    catalog = [offering(id="G-1", route="G", year=2026, hours=18, effort_hours=40, fee=0)]
    dates = dict(for_plan(person, policy, catalog, (2026,), TODAY))
    assert dates["2026 general"] == dt.date(2026, 12, 27)
    for day, met in ((dt.date(2026, 12, 27), True), (dt.date(2026, 12, 28), False)):
        result = plan(person, policy, catalog, today=day, years=(2026,))
        assert result.year(2026).target("general").met is met


def test_latest_start_in_json_and_ics(cli, workspace, tmp_path):
    import json
    root = workspace({"p": PERSON})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml(CATALOG), encoding="utf-8")
    args = ("suggest", "--person", "p", "--data", root, "--catalog", cat, "--today", "2026-03-01", "-q")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["latest_start"] == {"2024-2026 cycle": "2026-10-12"}
    code, out, err = cli(*args, "--format", "ics", "--lang", "en")
    assert "SUMMARY:Last safe start: 2024–2026 B cycle" in out
    assert "DTSTART;VALUE=DATE:20261005" in out
