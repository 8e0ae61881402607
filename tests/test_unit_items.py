"""The unit planner's per-person items (plan/pooled.py): exactly
`plannable.candidates(...).items` for every person (issue 10: the same
plans, worked out once for all staff where nothing reads the person)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from planner.models.activity import Offering
from planner.models.person import Person, UnitTraining
from planner.plan.plannable import Booked, candidates, unit_booked
from planner.plan.pooled import Pool
from planner.registration import deadline
from planner.unit.prepare import training_offering

from .conftest import offering

YEAR = 2027
TODAY = dt.date(2027, 3, 10)
CLOSES = deadline(None, "10-31")                # a unit's own deadline: no activity may end after 31 October


def person(pid: str, specialty: str = "surveying", records=(), blackout=()) -> Person:
    return Person.parse({"id": pid, "name": f"员工{pid}", "specialty": specialty, "records": list(records),
                         "blackout": list(blackout)})


def b2(oid: str, day: str, **extra) -> Offering:
    return offering(id=oid, route="B2", organizer="province", date=day, **extra)


def a(oid: str, platform: str = "zjce", year: int = YEAR, **extra) -> Offering:
    return offering(id=oid, route="A", hours=6, platform=platform, year=year, **extra)


POOL = [
    a("A-done"), a("A-ok"), a("A-blast", platform="blasting"), a("A-2026", year=2026),
    b2("B2-june", "2027-06-15"), b2("B2-busy", "2027-05-04"), b2("B2-late", "2027-11-20"),
    b2("B2-started", "2027-03-09"), b2("B2-zero", "2027-09-01", seats=0), b2("B2-ok", "2027-09-02", seats=3),
    b2("B2-marine", "2027-09-03", specialties=["marine"]),
    offering(id="G-1", route="G", hours=3, year=YEAR),
    offering(id="B3-land", route="B3", kind="training", society="land", date="2027-08-01"),
    offering(id="B3-mining", route="B3", kind="conference", society="mining", date="2027-08-02"),
]
BOOKED = {"route": "B2", "organizer": "province", "date": "2027-05-04", "title": "已报名", "status": "booked",
          "offering": "B2-elsewhere"}
STAFF = [
    person("S1", records=[{"route": "A", "year": YEAR, "title": "已学", "hours": 6, "platform": "zjce",
                           "offering": "A-done"}, BOOKED],
           blackout=[{"start": "2027-06-01", "end": "2027-06-30"}]),
    person("S2"),
    person("M1", specialty="mining"),
    person("H1", specialty="marine", blackout=[{"start": "2027-09-02", "end": "2027-09-02"}]),
]


def both(pool_offerings, staff, policy, closes=CLOSES, today=TODAY):
    """(pooled items, candidates' items) of each person, one Pool for all (as the unit planner does)."""
    pool = Pool(policy, pool_offerings, YEAR, today, closes)
    out = []
    for who in staff:
        booked = unit_booked(who, policy, YEAR, today, closes)
        assert booked.offerings == {}                  # what Pool.items relies on, for the unit planner
        out.append((pool.items(who, booked),
                    candidates(who, policy, pool_offerings, [YEAR], today, booked=booked).items))
    return out


def test_every_check_gives_the_same_items(policy):
    pairs = both(POOL, STAFF, policy)
    for pooled, expected in pairs:
        assert pooled == expected
        assert [i.index for i in pooled] == list(range(len(pooled)))
    ids = [[i.id for i in pooled] for pooled, _ in pairs]
    # S1: A-done completed, B2-june blacked out, B2-busy on their booked day; everyone: A-2026 outside
    # the year, B2-late after the deadline, B2-started before today, B2-zero no seats, B2-marine marine only
    # B3-mining: ineligible for all (the route's own condition, not the specialty)
    assert ids[0] == ["A-ok", "B2-ok", "B3-land", "G-1"]
    assert ids[1] == ["A-done", "A-ok", "B2-busy", "B2-june", "B2-ok", "B3-land", "G-1"]
    assert ids[2] == ["A-blast", "B2-busy", "B2-june", "B2-ok", "B3-land", "G-1"]   # A's credit: mining's platform
    assert ids[3] == ["A-done", "A-ok", "B2-busy", "B2-june", "B2-marine", "B3-land", "G-1"]   # 2 September out
    assert [i.tenths for i in pairs[2][0]] == [60, 60, 60, 60, 80, 30]


def test_no_deadline_and_a_year_over(policy):
    (pooled, expected), = both(POOL, STAFF[1:2], policy, closes=None)
    assert pooled == expected and "B2-late" in [i.id for i in pooled]
    late = dt.date(2028, 1, 2)                       # 2027 is over: undated courses too
    (pooled, expected), = both(POOL, STAFF[1:2], policy, closes=None, today=late)
    assert pooled == expected == ()


DAYS = st.integers(0, 364).map(lambda k: (dt.date(YEAR, 1, 1) + dt.timedelta(days=k)).isoformat())
SPECIALTIES = ("surveying", "mining", "marine")


@st.composite
def offerings(draw):
    out = []
    for k in range(draw(st.integers(1, 12))):
        extra = {}
        seats = draw(st.sampled_from((None, 0, 2)))
        if seats is not None:
            extra["seats"] = seats
        specialties = draw(st.sampled_from((None, ["marine"], ["surveying", "mining"])))
        if specialties is not None:
            extra["specialties"] = specialties
        kind = draw(st.sampled_from(("A", "B2", "B3", "G")))
        if kind == "A":
            out.append(a(f"O{k:02d}", platform=draw(st.sampled_from(("zjce", "blasting"))),
                         year=draw(st.sampled_from((2026, YEAR, 2028))), **extra))
        elif kind == "B2":
            out.append(b2(f"O{k:02d}", draw(DAYS), days=draw(st.integers(1, 3)), **extra))
        elif kind == "B3":                       # a conference of the mining society earns nothing, for anyone
            out.append(offering(id=f"O{k:02d}", route="B3", kind=draw(st.sampled_from(("training", "conference"))),
                                society=draw(st.sampled_from(("land", "mining"))), date=draw(DAYS), **extra))
        else:
            out.append(offering(id=f"O{k:02d}", route="G", hours=3, year=YEAR, **extra))
    return out


@st.composite
def staff(draw, count: int):
    out = []
    for n in range(draw(st.integers(1, 4))):
        records = [{"route": "G", "year": YEAR, "title": "学过", "hours": 1, "offering": f"O{k:02d}"}
                   for k in draw(st.sets(st.integers(0, count - 1), max_size=3))]
        records += [dict(BOOKED, date=day) for day in draw(st.lists(DAYS, max_size=2))]
        blackout = [{"start": day, "end": day} for day in draw(st.lists(DAYS, max_size=2))]
        out.append(person(f"P{n}", draw(st.sampled_from(SPECIALTIES)), records, blackout))
    return out


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_random_people_and_offerings(policy, data):
    pool = data.draw(offerings())
    people = data.draw(staff(len(pool)))
    closes = data.draw(st.sampled_from((CLOSES, None)))
    today = data.draw(st.sampled_from((TODAY, dt.date(2026, 11, 27))))
    for pooled, expected in both(pool, people, policy, closes, today):
        assert pooled == expected


def test_a_booked_offering_falls_back_to_candidates(policy):
    """Pool.items relies on the unit planner's booked records pinning nothing;
    a Booked that pins one is worked out by `candidates` itself."""
    pool = Pool(policy, POOL, YEAR, TODAY, CLOSES)
    who = STAFF[1]
    pinned = Booked({"B2-ok": 0}, {}, CLOSES)
    items = pool.items(who, pinned)
    assert items == candidates(who, policy, POOL, [YEAR], TODAY, booked=pinned).items
    assert [(i.id, i.required, i.booked) for i in items if i.booked is not None] == [("B2-ok", True, 0)]


MAYBE_DAY = st.one_of(st.none(), DAYS)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(year=st.sampled_from((None, 2026, YEAR)), date=MAYBE_DAY, start=MAYBE_DAY, end=MAYBE_DAY,
       days=st.sampled_from((None, -1, 1, 2, 3, 6)), seats=st.sampled_from((None, 0, 5)),
       route=st.sampled_from((None, "B2")))
def test_a_training_is_the_offering_its_values_check_as(policy, year, date, start, end, days, seats, route):
    """A dated unit training becomes its Offering without the Offering's checks
    run again: whatever the training's own checks let through, the checked
    Offering of the same values is built too, and is equal."""
    fields = dict(year=year, date=date, start=start, end=end, days=days)
    try:
        training = UnitTraining(id="T1", title="讲座", seats=seats, effort_hours=90, route=route,
                                **{k: (dt.date.fromisoformat(v) if isinstance(v, str) else v) for k, v in fields.items()})
    except ValueError:
        return                                  # refused by the training's own checks
    values = dict(id="T1", route=route or policy.unit_training_route, title="讲座", fee=0, seats=seats,
                  year=training.year, date=training.date, start=training.start, end=training.end,
                  days=training.days, effort_hours=90)
    try:
        checked = Offering(**values)
    except ValueError as err:
        assert training.first_day is None       # only an undated one can fail, and it still does
        with pytest.raises(type(err)):
            training_offering(training, policy)
        return
    assert training_offering(training, policy) == checked


def test_one_id_twice_is_completed_twice(policy):
    """Two offerings of one id (candidates refuses both once it is completed)."""
    twice = [a("A-x"), a("A-x", platform="zjce", fee=10), a("A-y")]
    who = person("S9", records=[{"route": "A", "year": YEAR, "title": "已学", "hours": 6, "platform": "zjce",
                                 "offering": "A-x"}])
    (pooled, expected), = both(twice, [who], policy)
    assert pooled == expected and [i.id for i in pooled] == ["A-y"]
    (pooled, expected), = both(twice, [person("S8")], policy)
    assert pooled == expected and [(i.id, i.fee) for i in pooled] == [("A-x", 0), ("A-x", 1000), ("A-y", 0)]
