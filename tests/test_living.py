"""Plans that survive the year (issue 12): fragile points, --robust and
--since, each checked against a brute force over every subset of a small
catalogue (tests/bruteforce.py)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.previous import Previous
from planner.plan.solve import plan

from .bruteforce import catalog_yaml, plans
from .conftest import offering

TODAY = dt.date(2026, 1, 5)
YEARS = [2026]
CYCLES = [(2024, 2026)]


def b3(oid, start, end, fee, kind="training"):
    return offering(id=oid, route="B3", kind=kind, society="surveying", start=start, end=end, fee=fee)


CATALOG = [
    offering(id="A-1", route="A", year=2026, hours=40, platform="zjce", fee=0, effort_hours=30),
    offering(id="A-2", route="A", year=2026, hours=30, platform="zjce", fee=0, effort_hours=25),
    offering(id="A-3", route="A", year=2026, hours=20, platform="zjce", fee=0, effort_hours=14),
    offering(id="G-1", route="G", year=2026, hours=18, fee=0, effort_hours=13),
    offering(id="G-2", route="G", year=2026, hours=10, fee=0, effort_hours=7),
    offering(id="G-3", route="G", year=2026, hours=10, fee=50, effort_hours=7),
    b3("B3-1", "2026-03-01", "2026-03-02", 500),
    b3("B3-2", "2026-04-10", "2026-04-10", 100, kind="conference"),
    b3("B3-3", "2026-05-10", "2026-05-12", 900),
    b3("B3-4", "2026-05-11", "2026-05-12", 300),
    offering(id="B2-1", route="B2", organizer="ministry", date="2026-06-01", fee=0),
    offering(id="B2-2", route="B2", organizer="ministry", date="2026-06-02", fee=0, effort_hours=9),
]

# the 2024-2026 cycle: 6 registered + 16 pending; 2026 needs 65/18/90
PERSON = """\
id: p
name: 测试
specialty: surveying
records:
  - {route: B3, date: 2025-09-09, kind: conference, society: surveying, title: 年会}
  - {route: B2, start: 2026-01-02, end: 2026-01-03, organizer: ministry, title: 专项培训, status: pending}
"""


@pytest.fixture
def person(person_of):
    return person_of(PERSON)


def solve(person, policy, catalog=CATALOG, **kw):
    return plan(person, policy, catalog, today=TODAY, years=YEARS, **kw)


def test_pending_record_is_fragile(person, policy):
    """Without the pending 16 hours the cycle and the year fall short."""
    result = solve(person, policy)
    assert result.status == "optimal"
    pending = [f for f in result.fragile if f.record is not None]
    assert [(f.record, f.breaks) for f in pending] == [(1, ("2026 professional", "2026 total", "2024-2026 cycle"))]


def test_fragile_items_are_exactly_the_single_losses_that_break(person, policy):
    from planner.plan.fragile import met_targets
    from planner.ledger import build
    result = solve(person, policy)
    chosen = [c.offering for c in result.selected]
    items = list(person.records) + chosen
    full = met_targets(policy, build(policy, "surveying", items), YEARS, CYCLES)
    expected = set()
    for k, o in enumerate(chosen):
        if o.dated:
            rest = list(person.records) + chosen[:k] + chosen[k + 1:]
            if full - met_targets(policy, build(policy, "surveying", rest), YEARS, CYCLES):
                expected.add(o.id)
    assert {f.id for f in result.fragile if f.id} == expected and expected


def test_plain_plan_is_the_brute_force_optimum(person, policy):
    best = min(plans(policy, person, TODAY, CATALOG, YEARS, CYCLES))
    result = solve(person, policy)
    assert (result.effort, result.fee) == best[:2]


def test_robust_plan_against_brute_force(person, policy):
    """--robust: the least effort among plans surviving every single loss,
    and what it costs beyond the plain plan."""
    every = plans(policy, person, TODAY, CATALOG, YEARS, CYCLES, robust=True)
    best = min(every)
    result = solve(person, policy, robust=True)
    assert result.status == "optimal" and result.robust.possible
    assert (result.effort, result.fee) == best[:2]
    assert frozenset(c.id for c in result.selected) in {ids for e, f, ids in every if (e, f) == best[:2]}
    plain = solve(person, policy)
    assert (result.robust.plain_effort, result.robust.plain_fee) == (plain.effort, plain.fee)
    assert result.effort > plain.effort
    # no fragile point is left
    assert result.fragile == ()


def test_robust_impossible_falls_back_to_the_plain_plan(person, policy):
    few = [o for o in CATALOG if o.id not in ("B3-1", "B3-3", "B3-4", "B2-2")]
    result = solve(person, policy, catalog=few, robust=True)
    assert result.robust.possible is False
    assert result.effort == solve(person, policy, catalog=few).effort


def changes_of(ids, previous):
    prev = set(previous)
    return len(ids - prev) + len(prev - ids)


def test_since_cancelled_offering_fewest_changes(person, policy):
    """Cancel one chosen dated offering: it is dropped as `cancelled`, and the
    number of changes is the least among the least-effort plans (brute force)."""
    first = solve(person, policy)
    previous = [c.id for c in first.selected]
    cancelled = next(c.id for c in first.selected if c.offering.dated)
    catalog = [o for o in CATALOG if o.id != cancelled]
    result = solve(person, policy, catalog=catalog, since=Previous(tuple(previous), first.effort, first.fee))
    assert (cancelled, "cancelled") in result.changes.dropped
    every = plans(policy, person, TODAY, catalog, YEARS, CYCLES)
    least = min(e for e, f, ids in every)
    fewest = min(changes_of(ids, previous) for e, f, ids in every if e == least)
    assert result.effort == least
    assert result.changes.count == fewest
    assert result.changes.effort_delta == result.effort - first.effort


def test_since_prefers_the_previous_plan_over_a_cheaper_tie(person, policy):
    """G-4 costs the effort of G-1 and 50 yuan more: the plain plan takes G-1;
    a previous plan with G-4 keeps G-4 (fewer changes before fees), even
    though dominance alone would have pruned it."""
    catalog = CATALOG + [offering(id="G-4", route="G", year=2026, hours=18, fee=50, effort_hours=13)]
    first = solve(person, policy, catalog=catalog)
    ids = [c.id for c in first.selected]
    assert "G-1" in ids and "G-4" not in ids
    swapped = tuple("G-4" if i == "G-1" else i for i in ids)
    result = solve(person, policy, catalog=catalog, since=Previous(swapped))
    assert "G-4" in [c.id for c in result.selected] and result.changes.count == 0
    assert result.effort == first.effort and result.fee == first.fee + 5000


def test_since_reasons(person, policy):
    full = offering(id="B3-1", route="B3", kind="training", society="surveying", start="2026-03-01",
                    end="2026-03-02", fee=500, seats=0)
    catalog = [full if o.id == "B3-1" else o for o in CATALOG if o.id != "B3-2"]
    catalog.append(offering(id="G-9", route="G", year=2025, hours=18, fee=0))
    result = solve(person, policy, catalog=catalog, since=Previous(("B3-1", "B3-2", "G-9", "A-1")))
    why = dict(result.changes.dropped)
    assert why["B3-1"] == "full" and why["B3-2"] == "cancelled"
    assert why.get("A-1", "no_longer_needed") == "no_longer_needed"


def test_since_cli_reads_json_and_saved_shapes(cli, workspace, tmp_path, policy):
    root = workspace({"p": PERSON})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml(CATALOG), encoding="utf-8")
    args = ("suggest", "--person", "p", "--data", root, "--catalog", cat, "--today", "2026-01-05", "-q")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    first = json.loads(out)
    assert first["fragile"][0]["record"] == 1
    saved = tmp_path / "plan.json"
    saved.write_text(out, encoding="utf-8")
    wrapped = tmp_path / "saved.json"
    wrapped.write_text(json.dumps({"fingerprint": "x", "plan": first}), encoding="utf-8")
    for since in (saved, wrapped):
        code, out, err = cli(*args, "--format", "json", "--since", since)
        assert code == 0, err
        data = json.loads(out)
        assert data["changes"]["count"] == 0 and data["changes"]["effort_delta_hours"] == 0.0
    code, out, err = cli(*args, "--since", saved, "--lang", "en")
    assert out.index("Since the previous plan") < out.index("Plan\n")
    code, out, err = cli(*args, "--since", saved, "--lang", "en", "--format", "html")
    assert out.index("<h2>Since the previous plan</h2>") < out.index("<h2>Plan</h2>")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, out, err = cli(*args, "--since", bad)
    assert code == 2 and "bad.json" in err and "selected" in err
