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


def plain_search(person, policy, offerings, years, today) -> tuple:
    """The reference: a binary search that solves at every day it tries."""
    from planner.plan import latest
    from planner.plan.sat import load_cp_model
    from planner.plan.solve import prepare
    first = prepare(person, policy, offerings, years, today, (), (), None, False, None)
    cp_model, checks = load_cp_model(), {}

    def ok(day, target):
        span = latest.target_years(target, years)
        if (day, span) not in checks:
            checks[day, span] = latest.DayCheck(cp_model, latest.at_day(first, day, span))
        return checks[day, span].can_close(target)
    out = []
    for target in latest.open_targets(first):
        hi = latest.target_close(target, first.closes)
        if hi < today or not ok(today, target):
            continue
        lo = today
        if ok(hi, target):
            out.append((target, hi))
            continue
        while (hi - lo).days > 1:
            mid = lo + dt.timedelta(days=(hi - lo).days // 2)
            lo, hi = (mid, hi) if ok(mid, target) else (lo, mid)
        out.append((target, lo))
    return tuple(out)


@pytest.mark.parametrize("seed,one_solve", [(0, True), (1, True), (2, True), (0, False), (1, False)])
def test_the_dates_are_those_of_the_plain_search(seed, one_solve, policy, monkeypatch):
    """latest_start finds each date in one solve (furthest.py; or two, the
    late window's and the whole model's) or, when that
    is not proven, by a binary search that answers a day from a selection
    found earlier when it still works there: the dates are those of solving
    every day the plain search tries, with fewer solves."""
    import sys
    from pathlib import Path
    from planner.models.activity import Offering
    from planner.plan import latest
    from planner.workspace import parse_person
    import yaml
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from bench_suggest import YEARS, generate
    raw_person, raw_catalog = generate(150, seed)
    person = parse_person(yaml.safe_dump(raw_person, allow_unicode=True), "p.yaml", policy)
    offerings = [Offering.parse(o) for o in raw_catalog["offerings"]]
    today = dt.date(2026, 12, 1)
    solves, bottleneck = [], []
    if not one_solve:
        monkeypatch.setattr(latest, "furthest", lambda *args: bottleneck.append(1) or ("unknown", None, None))
    else:
        furthest = latest.furthest
        monkeypatch.setattr(latest, "furthest", lambda *args: bottleneck.append(1) or furthest(*args))
    witness = latest.DayCheck.witness
    monkeypatch.setattr(latest.DayCheck, "witness", lambda self, target: solves.append(target) or witness(self, target))
    fast = for_plan(person, policy, offerings, YEARS, today)
    reused = len(solves)
    expected = plain_search(person, policy, offerings, YEARS, today)
    assert fast == expected and len(fast) >= 2
    # one solve per target, two when its late window (latest._late) holds no answer
    assert len(fast) <= len(bottleneck) <= 2 * len(fast) and reused < len(solves) - reused
    assert (reused == 0) is one_solve


def test_the_float_nearness_key_orders_like_the_fraction():
    """explain.nearness: the float ratio where it is exact, the fraction beyond."""
    import random
    from fractions import Fraction
    from types import SimpleNamespace
    from planner.plan.explain import nearness
    rng = random.Random(7)
    items = [SimpleNamespace(effort=rng.randrange(0, 600_001), tenths=rng.randrange(0, 10_001),
                             fee=rng.choice([0, 100]), index=k) for k in range(3000)]
    items += [SimpleNamespace(effort=7 * k, tenths=3 * k, fee=0, index=3000 + k) for k in range(1, 6)]  # equal
    items += [SimpleNamespace(effort=600_000, tenths=9_999, fee=0, index=3006),         # nearly equal
              SimpleNamespace(effort=599_999, tenths=9_998, fee=0, index=3007)]
    exact = sorted(items, key=lambda i: (Fraction(i.effort, max(i.tenths, 1)), i.fee, i.index))
    assert sorted(items, key=nearness(items)) == exact
    huge = items + [SimpleNamespace(effort=2 ** 40, tenths=2 ** 10, fee=0, index=9999)]
    assert nearness(huge)(huge[0])[0] == Fraction(huge[0].effort, max(huge[0].tenths, 1))
    assert isinstance(nearness(items)(items[0])[0], float)


@pytest.mark.parametrize("seed,window", [(0, 0), (1, 3), (2, 31), (0, 200)])
def test_the_late_window_gives_the_whole_models_dates(seed, window, policy, monkeypatch):
    """latest._late tries the last `window` days on the items still plannable
    then; a day it proves is the whole model's, and a target it cannot meet
    there is solved whole: the dates are the plain search's either way, and
    both ways are taken."""
    import sys
    from pathlib import Path
    from planner.models.activity import Offering
    from planner.plan import latest
    from planner.workspace import parse_person
    import yaml
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from bench_suggest import YEARS, generate
    raw_person, raw_catalog = generate(150, seed)
    person = parse_person(yaml.safe_dump(raw_person, allow_unicode=True), "p.yaml", policy)
    offerings = [Offering.parse(o) for o in raw_catalog["offerings"]]
    today = dt.date(2026, 12, 1)
    monkeypatch.setattr(latest, "LATE_WINDOW", window)
    late, ways = latest._late, []
    monkeypatch.setattr(latest, "_late", lambda *a: ways.append(late(*a)[0]) or late(*a))
    fast = for_plan(person, policy, offerings, YEARS, today)
    assert fast == plain_search(person, policy, offerings, YEARS, today) and len(fast) >= 2
    assert ("optimal" in ways) is (window > 0)
    assert ("unknown" in ways) is (window < 200)


def test_the_plan_and_its_dates_share_one_prepared_problem(policy, monkeypatch):
    """suggest prepares the catalogue once (plan/solve.prepare's one slot in
    the memo): its last safe dates reuse the plan's problem; other
    arguments prepare again."""
    from planner.models.activity import Offering
    from planner.models.person import Person
    from planner.plan import latest, solve
    from planner.plan.plannable import Memo
    offers = [Offering.parse({"id": f"G-{k}", "title": "g", "route": "G", "year": 2026, "hours": 6,
                                       "effort_hours": 2 + k, "fee": 0}) for k in range(4)]
    person = Person.parse({"id": "p", "name": "p", "specialty": "surveying", "records": [
        {"route": "G", "year": 2026, "title": "g", "hours": 12}]})
    passes = []
    real = solve._prepare
    monkeypatch.setattr(solve, "_prepare", lambda *a: passes.append(a[4]) or real(*a))
    memo = Memo(policy)
    result = solve.plan(person, policy, offers, today=TODAY, years=(2026,), memo=memo)
    dated = latest.with_latest(result, offers, (), memo)
    assert len(passes) == 1 and dict(dated.latest_start)["2026 general"] == dt.date(2026, 12, 31)
    latest.with_latest(result, offers, ("G-0",), memo)
    assert len(passes) == 2
