"""The ledger and audit, one rule at a time, on inline people (rules.md)."""
from __future__ import annotations

import datetime as dt

import pytest

from planner.audit import audit
from planner.tenths import show_short

TODAY = dt.date(2026, 11, 27)


def standing(person_of, body: str, year: int, policy):
    person = person_of("id: p\nname: 测试\nspecialty: surveying\nrecords:\n" + body)
    return audit(person, policy, year, TODAY)


def year_of(result, year):
    return next(y for y in result.years if y.year == year)


# ---------------------------------------------------------------- caps

@pytest.mark.parametrize("body,route,raw,counted", [
    # every B route counts at most 36 a year
    ("  - {route: B1, year: 2026, level: national, title: a}\n"
     "  - {route: B1, year: 2026, level: municipal, title: b}\n", "B1", "60", "36"),
    ("  - {route: B2, year: 2026, days: 5, organizer: ministry, title: a}\n", "B2", "40", "36"),
    ("  - {route: B3, year: 2026, days: 4.5, kind: training, society: land, title: a}\n", "B3", "36", "36"),
    ("  - {route: B4, year: 2026, days: 7, title: a}\n", "B4", "42", "36"),
    # every C route counts at most 24 a year
    ("  - {route: C1, year: 2026, days: 7, title: a}\n", "C1", "28", "24"),
    ("  - {route: C2, year: 2026, days: 6, title: a}\n", "C2", "24", "24"),
    ("  - {route: C3, year: 2026, level: provincial, rank: 1, title: a}\n"
     "  - {route: C3, year: 2026, level: county, rank: 1, title: b}\n", "C3", "30", "24"),
    ("  - {route: C4, year: 2026, kind: invention, rank: 1, title: a}\n"
     "  - {route: C4, year: 2026, kind: invention, rank: 2, title: b}\n"
     "  - {route: C4, year: 2026, kind: software, rank: 2, title: c}\n", "C4", "26.4", "24"),
    ("  - {route: C5, year: 2026, venue: core, rank: 2, title: a}\n"
     "  - {route: C5, year: 2026, venue: book, characters: 120000, rank: 1, title: b}\n", "C5", "42.4", "24"),
    ("  - {route: C6, year: 2026, subjects: 5, title: a}\n", "C6", "30", "24"),
    ("  - {route: C7, year: 2026, courses: 9, title: a}\n", "C7", "27", "24"),
    # A and G have no cap
    ("  - {route: A, year: 2026, hours: 120, platform: zjce, title: a}\n", "A", "120", "120"),
    ("  - {route: G, year: 2026, hours: 40, title: a}\n", "G", "40", "40"),
])
def test_yearly_cap_per_route(person_of, policy, body, route, raw, counted):
    r = year_of(standing(person_of, body, 2026, policy), 2026).routes[route]
    assert (show_short(r.raw), show_short(r.counted)) == (raw, counted)


def test_cap_is_per_calendar_year(person_of, policy):
    body = ("  - {route: C5, year: 2025, venue: book, characters: 100000, rank: 1, title: a}\n"
            "  - {route: C5, year: 2026, venue: book, characters: 100000, rank: 1, title: b}\n")
    result = standing(person_of, body, 2026, policy)
    assert [year_of(result, y).routes["C5"].counted for y in (2025, 2026)] == [240, 240]


def test_cap_shared_in_file_order(person_of, policy):
    body = ("  - {route: C1, year: 2026, days: 4, title: a}\n"      # 16
            "  - {route: C1, year: 2026, days: 3, title: b}\n"      # 12 -> 8 counted
            "  - {route: C1, year: 2026, days: 1, title: c}\n")     # 4 -> 0 counted
    lines = standing(person_of, body, 2026, policy).ledger.lines
    assert [(l.credit.tenths, l.counted) for l in lines] == [(160, 160), (120, 80), (40, 0)]
    assert [l.reason.code if l.reason else None for l in lines] == [None, "capped", "cap_reached"]


# ---------------------------------------------------------------- targets 65 / 18 / 90

def targets(result, year):
    y = year_of(result, year)
    return {t.key: (show_short(t.value), show_short(t.shortfall), t.met) for t in y.targets}, y.met


@pytest.mark.parametrize("a,g,expected_met", [
    (65, 18, False),   # 83 < 90: both minima met, total short by 7
    (72, 18, True),    # the 7 flexible hours from the professional side
    (65, 25, True),    # the 7 flexible hours from the general side
    (64.9, 25.1, False),  # professional short by 0.1
    (71.9, 18, False),    # total short by 0.1
    (72, 17.9, False),    # general short by 0.1
])
def test_annual_targets_boundaries(person_of, policy, a, g, expected_met):
    body = (f"  - {{route: A, year: 2026, hours: {a}, platform: zjce, title: a}}\n"
            f"  - {{route: G, year: 2026, hours: {g}, title: g}}\n")
    found, met = targets(standing(person_of, body, 2026, policy), 2026)
    assert met is expected_met
    assert found["professional"][2] is (a >= 65)
    assert found["general"][2] is (g >= 18)
    assert found["total"][2] is (a + g >= 90)


def test_shortfall_numbers(person_of, policy):
    body = ("  - {route: A, year: 2026, hours: 65, platform: zjce, title: a}\n"
            "  - {route: G, year: 2026, hours: 18, title: g}\n")
    found, met = targets(standing(person_of, body, 2026, policy), 2026)
    assert found == {"professional": ("65", "0", True), "general": ("18", "0", True), "total": ("83", "7", False)}


def test_capped_hours_do_not_reach_targets(person_of, policy):
    # 30 C5 hours count only 24 toward the professional 65
    body = ("  - {route: A, year: 2026, hours: 41, platform: zjce, title: a}\n"
            "  - {route: C5, year: 2026, venue: book, characters: 100000, rank: 1, title: b}\n")
    found, _ = targets(standing(person_of, body, 2026, policy), 2026)
    assert found["professional"] == ("65", "0", True)


def test_hours_never_carry_into_another_year(person_of, policy):
    body = ("  - {route: A, year: 2025, hours: 200, platform: zjce, title: a}\n"
            "  - {route: G, year: 2025, hours: 100, title: g}\n")
    result = standing(person_of, body, 2026, policy)
    assert year_of(result, 2025).met and not year_of(result, 2026).met
    assert year_of(result, 2026).target("total").value == 0


# ---------------------------------------------------------------- B cycles

def test_cycles_are_fixed_from_2021_in_threes(policy):
    assert [policy.cycle.start_of(y) for y in (2021, 2023, 2024, 2026, 2027, 2029, 2030)] == \
        [2021, 2021, 2024, 2024, 2027, 2027, 2030]


def test_b_cycle_sums_capped_b_over_three_years(person_of, policy):
    body = ("  - {route: B1, year: 2024, level: municipal, title: a}\n"               # 24
            "  - {route: B3, year: 2025, days: 1, kind: conference, society: land, title: b}\n"  # 6
            "  - {route: B4, year: 2026, days: 1, title: c}\n")                       # 6
    result = standing(person_of, body, 2026, policy)
    [cycle] = result.cycles
    assert (cycle.start, cycle.end, show_short(cycle.hours), show_short(cycle.required), cycle.met) == \
        (2024, 2026, "36", "36", True)


def test_b_cycle_short_and_counts_only_after_yearly_caps(person_of, policy):
    body = ("  - {route: B2, year: 2024, days: 5, organizer: ministry, title: a}\n")   # 40 -> 36? no: capped 36
    result = standing(person_of, body, 2024, policy)
    assert result.cycles[0].hours == 360
    body = ("  - {route: B3, year: 2023, days: 5, kind: conference, society: land, title: a}\n")  # 30
    result = standing(person_of, body, 2023, policy)
    cycle = result.cycles[0]
    assert (cycle.start, cycle.end, show_short(cycle.hours), show_short(cycle.shortfall), cycle.met) == \
        (2021, 2023, "30", "6", False)


def test_b_hours_also_count_toward_the_professional_65(person_of, policy):
    body = ("  - {route: B1, year: 2026, level: national, title: a}\n"
            "  - {route: A, year: 2026, hours: 29, platform: zjce, title: b}\n")
    found, _ = targets(standing(person_of, body, 2026, policy), 2026)
    assert found["professional"] == ("65", "0", True)


def test_cycles_touching_the_shown_years(person_of, policy):
    body = ("  - {route: G, year: 2022, hours: 1, title: a}\n"
            "  - {route: G, year: 2025, hours: 1, title: b}\n")
    result = standing(person_of, body, 2027, policy)
    assert [(c.start, c.end) for c in result.cycles] == [(2021, 2023), (2024, 2026), (2027, 2029)]


# ---------------------------------------------------------------- years and dates

def test_spanning_event_counts_in_the_year_it_ends(person_of, policy):
    body = "  - {route: B2, start: 2025-12-30, end: 2026-01-02, organizer: province, title: a}\n"
    result = standing(person_of, body, 2026, policy)
    assert [y.year for y in result.years] == [2026]
    assert year_of(result, 2026).routes["B2"].raw == 240      # 4 calendar days x 6


def test_days_override_the_calendar_span(person_of, policy):
    body = "  - {route: B2, start: 2026-03-02, end: 2026-03-04, days: 1.5, organizer: ministry, title: a}\n"
    assert year_of(standing(person_of, body, 2026, policy), 2026).routes["B2"].raw == 120


def test_records_before_2021_are_reported_not_counted(person_of, policy):
    body = ("  - {route: G, year: 2020, hours: 18, title: old}\n"
            "  - {route: B1, date: 2020-12-31, level: national, title: older}\n"
            "  - {route: G, date: 2021-01-01, hours: 1, title: first day}\n")
    result = standing(person_of, body, 2021, policy)
    lines = result.ledger.lines
    assert [(l.is_counted, l.reason.code if l.reason else None) for l in lines] == \
        [(False, "before_policy"), (False, "before_policy"), (True, None)]
    assert [y.year for y in result.years] == [2021]
    # it earns nothing under the policy (0), like every record that counts nothing, and says why
    assert [l.credit.tenths for l in lines[:2]] == [0, 0]
    assert lines[0].credit.reason.code == "before_policy"


def test_asked_year_is_shown_even_without_records(person_of, policy):
    result = standing(person_of, "  - {route: G, year: 2025, hours: 1, title: a}\n", 2027, policy)
    assert [y.year for y in result.years] == [2025, 2027]
    assert year_of(result, 2027).target("total").shortfall == 900
