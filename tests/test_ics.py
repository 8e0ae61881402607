"""`--format ics`: the plan's dated activities round-trip through icalendar's
parser as all-day events with title, dates, route and hours."""
from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import main
from tests.reportfixtures import TODAY, make_workspace


def suggest_ics(tmp_path, *extra) -> str:
    data, catalog = make_workspace(tmp_path)
    result = CliRunner().invoke(main, ["suggest", "--data", str(data), "--catalog", str(catalog),
                                       "--person", "T01", "--today", TODAY, "--year", "2027",
                                       "--through", "2027", "--format", "ics", *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")


def events(text: str, reminders: bool = False):
    """The calendar and its activity events (the last-safe-date reminders apart)."""
    cal = Calendar.from_ical(text)
    return cal, [c for c in cal.walk("VEVENT") if ("X-PLANNER-LATEST-START" in c) == reminders]


def test_plan_has_a_reminder_a_week_before_each_last_safe_date(tmp_path):
    import datetime as dt
    _, found = events(suggest_ics(tmp_path), reminders=True)
    assert found
    for event in found:
        latest = dt.date.fromisoformat(str(event["x-planner-latest-start"]))
        assert event["dtstart"].dt == latest - dt.timedelta(days=7)
        assert str(event["summary"]).startswith("最晚开始日提醒：2027年")


def test_plan_round_trips_through_the_parser(tmp_path):
    cal, found = events(suggest_ics(tmp_path))
    assert str(cal["version"]) == "2.0" and "planner" in str(cal["prodid"])
    # the plan's two dated activities (the undated online courses are not events)
    by_uid = {str(e["uid"]): e for e in found}
    assert sorted(by_uid) == ["B2-2027-01.T01@planner.invalid", "B3-2027-01.T01@planner.invalid"]
    b3 = by_uid["B3-2027-01.T01@planner.invalid"]
    assert str(b3["summary"]) == "实景三维浙江建设技术培训（B3）"
    # all-day: DTSTART is a date, DTEND the day after the last day (exclusive)
    assert b3.decoded("dtstart") == dt.date(2027, 5, 11)
    assert b3.decoded("dtend") == dt.date(2027, 5, 14)
    assert not isinstance(b3.decoded("dtstart"), dt.datetime)
    assert str(b3["x-planner-route"]) == "B3"
    assert str(b3["x-planner-hours"]) == "24.0"                  # 3 days x 8 for a society training
    description = str(b3["description"])
    assert "B3" in description and "24.0" in description and "1600" in description
    b2 = by_uid["B2-2027-01.T01@planner.invalid"]
    assert b2.decoded("dtend") == dt.date(2027, 9, 9)
    assert str(b2["x-planner-hours"]) == "12.0"                  # 2 days x 6, provincial organiser


def test_ics_is_deterministic_and_crlf(tmp_path):
    first = suggest_ics(tmp_path / "a")
    second = suggest_ics(tmp_path / "b")
    assert first == second
    assert first.startswith("BEGIN:VCALENDAR\r\n") and first.endswith("END:VCALENDAR\r\n")
    assert "DTSTAMP:20261127T000000Z" in first                 # from --today, not the clock


def test_english_summary(tmp_path):
    _, found = events(suggest_ics(tmp_path, "--lang", "en"))
    assert {str(e["summary"]) for e in found} == {"实景三维浙江建设技术培训 (B3)", "自然资源调查监测专项培训 (B2)"}


def test_audit_ics_lists_dated_records(tmp_path):
    data, _ = make_workspace(tmp_path)
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--person", "T01", "--today", TODAY,
                                       "--format", "ics"], catch_exceptions=False)
    assert result.exit_code == 0
    _, found = events(result.stdout)
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in found] == [(dt.date(2026, 4, 1), dt.date(2026, 4, 4))]
    assert str(found[0]["uid"]) == "record-3.T01@planner.invalid"


def test_out_writes_the_calendar(tmp_path):
    data, catalog = make_workspace(tmp_path)
    out = tmp_path / "plan.ics"
    result = CliRunner().invoke(main, ["suggest", "--data", str(data), "--catalog", str(catalog), "--person", "T01",
                                       "--today", TODAY, "--year", "2027", "--through", "2027",
                                       "--format", "ics", "--out", str(out), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == ""
    _, found = events(out.read_bytes())
    assert len(found) == 2


def test_unit_plan_calendar_has_every_dated_activity_once():
    from planner import resources
    from planner.render.formats import render
    from planner.unit.search import plan_unit
    from planner.policy import resolve_policy
    from planner.workspace import load_catalog, load_workspace
    policy = resolve_policy()
    ws = load_workspace(resources.demo_dir(), policy)
    catalog = load_catalog(resources.offerings_dir(), policy)
    plan = plan_unit(ws.unit("U-HZ"), ws.staff("U-HZ"), policy, catalog.offerings, 2026,
                     dt.date(2026, 11, 27), time_limit=10, seed=0)
    _, found = events(render(plan, "ics", "zh"))
    expected = {f"{i.offering.id}.{p.person.id}@planner.invalid"
                for p in plan.people for i in p.items if i.offering.dated}
    expected |= {f"{t.training.id}.U-HZ@planner.invalid" for t in plan.held
                 if (t.training.start or t.training.date) is not None}
    assert expected and {str(e["uid"]) for e in found} == expected and len(found) == len(expected)
    for e in found:
        assert dt.date(2026, 11, 27) <= e.decoded("dtstart") < e.decoded("dtend") <= dt.date(2027, 1, 1)
