"""Every credit rule of 第六条 as a table: route, fields -> hours (rules.md)."""
from __future__ import annotations

import pytest

from planner.credits import credit
from planner.effort import effort_minutes
from planner.tenths import show_short

from .conftest import offering, record

# (route, fields, hours) -- every rate of rules.md's table, by level, organizer,
# kind, venue and rank.
TABLE = [
    # A: hours as listed; the platform must match the specialty (surveying: zjce)
    ("A", dict(year=2026, hours=12, platform="zjce"), "12"),
    ("A", dict(year=2026, hours=4.5, platform="zjce"), "4.5"),
    # B1 advanced seminar: national 36, provincial 30, municipal 24 per seminar
    ("B1", dict(year=2026, level="national"), "36"),
    ("B1", dict(year=2026, level="provincial"), "30"),
    ("B1", dict(year=2026, level="municipal"), "24"),
    # B2 special training: ministry 8/day, province 6/day
    ("B2", dict(year=2026, days=1, organizer="ministry"), "8"),
    ("B2", dict(year=2026, days=1, organizer="province"), "6"),
    ("B2", dict(start="2026-04-01", end="2026-04-03", organizer="ministry"), "24"),
    ("B2", dict(year=2026, days=2.5, organizer="province"), "15"),
    # B3 five societies: training 8/day, conference or lecture 6/day
    ("B3", dict(year=2026, days=1, kind="training", society="geology"), "8"),
    ("B3", dict(year=2026, days=1, kind="conference", society="land"), "6"),
    ("B3", dict(year=2026, days=2, kind="training", society="surveying"), "16"),
    ("B3", dict(year=2026, days=0.5, kind="conference", society="spatial_planning"), "3"),
    ("B3", dict(date="2026-09-09", kind="conference", society="marine"), "6"),
    # B4 abroad: 6/day
    ("B4", dict(year=2026, days=5), "30"),
    ("B4", dict(year=2026, days=1), "6"),
    # C1 own unit, C2 aid and expert service: 4/day
    ("C1", dict(year=2026, days=2), "8"),
    ("C1", dict(year=2026, days=0.5), "2"),
    ("C2", dict(year=2026, days=3), "12"),
    # C3 projects: provincial 24, municipal 12, county 6; by rank 100/80/60/0
    ("C3", dict(year=2026, level="provincial", rank=1), "24"),
    ("C3", dict(year=2026, level="provincial", rank=2), "19.2"),
    ("C3", dict(year=2026, level="provincial", rank=3), "14.4"),
    ("C3", dict(year=2026, level="provincial", rank=4), "0"),
    ("C3", dict(year=2026, level="municipal", rank=1), "12"),
    ("C3", dict(year=2026, level="municipal", rank=2), "9.6"),
    ("C3", dict(year=2026, level="county", rank=1), "6"),
    ("C3", dict(year=2026, level="county", rank=3), "3.6"),
    # C4 invention 12, utility model 6, software copyright 6; by rank
    ("C4", dict(year=2026, kind="invention", rank=1), "12"),
    ("C4", dict(year=2026, kind="invention", rank=2), "9.6"),
    ("C4", dict(year=2026, kind="utility_model", rank=1), "6"),
    ("C4", dict(year=2026, kind="utility_model", rank=2), "4.8"),
    ("C4", dict(year=2026, kind="software", rank=3), "3.6"),
    ("C4", dict(year=2026, kind="software", rank=5), "0"),
    # C5 core 8, national 6, other 4, proceedings 4; book 3 per full 10,000 characters
    ("C5", dict(year=2026, venue="core", rank=1), "8"),
    ("C5", dict(year=2026, venue="core", rank=2), "6.4"),
    ("C5", dict(year=2026, venue="core", rank=3), "4.8"),
    ("C5", dict(year=2026, venue="national", rank=1), "6"),
    ("C5", dict(year=2026, venue="national", rank=2), "4.8"),
    ("C5", dict(year=2026, venue="other", rank=1), "4"),
    ("C5", dict(year=2026, venue="proceedings", rank=1), "4"),
    ("C5", dict(year=2026, venue="proceedings", rank=3), "2.4"),
    ("C5", dict(year=2026, venue="book", characters=25000, rank=1), "6"),
    ("C5", dict(year=2026, venue="book", characters=120000, rank=1), "36"),
    ("C5", dict(year=2026, venue="book", characters=10000, rank=2), "2.4"),
    ("C5", dict(year=2026, venue="book", characters=9999, rank=1), "0"),
    # C6 qualification exam: 6 per subject passed; C7 degree course: 3 per course
    ("C6", dict(year=2026, subjects=1), "6"),
    ("C6", dict(year=2026, subjects=2), "12"),
    ("C7", dict(year=2026, courses=1), "3"),
    ("C7", dict(year=2026, courses=3), "9"),
    # G general subjects: hours as listed
    ("G", dict(year=2026, hours=18), "18"),
    ("G", dict(year=2026, hours=0.5), "0.5"),
]


@pytest.mark.parametrize("route,fields,expected", TABLE,
                         ids=[f"{r}-{'-'.join(str(v) for v in f.values())}" for r, f, _ in TABLE])
def test_credit_table(policy, route, fields, expected):
    assert show_short(credit(record(route=route, **fields), policy, "surveying").tenths) == expected


def test_book_counts_only_complete_units_of_ten_thousand(policy):
    # rules.md: 25,000 characters -> 2 units -> 6 hours before the rank share
    c = credit(record(route="C5", year=2026, venue="book", characters=25000, rank=1), policy, "surveying")
    assert (c.quantity, c.tenths) == (2, 60)


def test_rank_share_applies_before_the_cap(policy):
    # 24 x 60% = 14.4 and 6 x 80% = 4.8, both exact tenths
    assert credit(record(route="C3", year=2026, level="provincial", rank=3), policy, "surveying").tenths == 144
    assert credit(record(route="C4", year=2026, kind="utility_model", rank=2), policy, "surveying").tenths == 48


def test_fourth_author_earns_nothing_and_says_why(policy):
    c = credit(record(route="C5", year=2026, venue="core", rank=4), policy, "surveying")
    assert c.tenths == 0 and c.reason.code == "rank_beyond"


@pytest.mark.parametrize("specialty,platform,hours", [
    ("surveying", "zjce", "12"), ("surveying", "blasting", "0"),
    ("geological_survey", "zjce", "12"), ("land_engineering", "zjce", "12"),
    ("spatial_planning", "zjce", "12"), ("marine", "zjce", "12"),
    ("blasting_engineering", "blasting", "12"), ("blasting_engineering", "zjce", "0"),
    ("blasting_equipment", "blasting", "12"), ("blasting_equipment", "zjce", "0"),
    ("mine_construction", "blasting", "12"), ("mine_construction", "zjce", "0"),
    ("mining", "blasting", "12"), ("mining", "zjce", "0"),
])
def test_a_platform_by_specialty(policy, specialty, platform, hours):
    c = credit(record(route="A", year=2026, hours=12, platform=platform), policy, specialty)
    assert show_short(c.tenths) == hours
    assert (c.reason is None) == (hours != "0")


def test_society_outside_the_five_is_not_b3(policy):
    c = credit(record(route="B3", year=2026, days=1, kind="conference", society="china_surveying"),
               policy, "surveying")
    assert c.tenths == 0 and c.reason.code == "ineligible"
    # Chinese text names the society in Chinese (from the policy's words), never by its code
    assert c.reason.get("zh").startswith("“中国测绘学会”不是省地质学会")
    assert "china_surveying" not in c.reason.get("zh")


@pytest.mark.parametrize("fields,minutes", [
    (dict(route="A", year=2027, hours=12, platform="zjce"), 540),           # 12 x 0.75 h = 9 h
    (dict(route="G", year=2027, hours=1), 45),                              # one 学时 = 45 minutes
    (dict(route="B3", kind="training", society="land", start="2027-03-01", end="2027-03-02"), 960),  # 8 h/day
    (dict(route="B3", kind="training", society="land", date="2027-03-01", days=0.5), 240),
    (dict(route="A", year=2027, hours=12, platform="zjce", effort_hours=7.5), 450),
    # a dated online course is priced by its listed hours, not by the day
    (dict(route="A", date="2027-03-01", hours=8, platform="zjce", online=True), 360),
    # a dated online activity without listed hours falls back to the day
    (dict(route="C1", date="2027-03-01", online=True), 480),
])
def test_effort_defaults(policy, fields, minutes):
    assert effort_minutes(offering(id="o", **fields), policy) == minutes
