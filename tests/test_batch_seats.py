"""`planner batch suggest --share-seats`: every seat respected (rechecked
here from the items table against the catalogue), and the reported bound
is at or below the optimum of one full model of all persons with the
seats (solved here), which is at or below the plan's effort."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import types
from collections import Counter
from pathlib import Path

import pytest
import yaml

from planner import resources
from planner.batch.run import Options, run_batch
from planner.policy import resolve_policy
from planner.workspace import load_catalog, load_workspace
from tests.province import write_province

TODAY = dt.date(2026, 11, 27)
TIGHT = {"B2-2026-03": 2, "B3-2026-08": 1, "B3-2026-09": 2}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("seats")
    write_province(root / "ws", persons=10, units=2, cities=1, seed=5)
    catalog = root / "catalog"
    shutil.copytree(resources.offerings_dir(), catalog)
    path = catalog / "2026.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for o in data["offerings"]:
        if o["id"] in TIGHT:
            o["seats"] = TIGHT[o["id"]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def _seats_run(tiny, out, share=True):
    return run_batch(Options(kind="suggest", data=tiny / "ws", out=out, today=TODAY, catalog=str(tiny / "catalog"),
                             workers=2, share_seats=share, rounds=6))


def _full_optimum(tiny) -> int:
    """One CP-SAT model of every person (the planner's own rules) with the seats shared: least total effort."""
    from planner.plan.model import build
    from planner.plan.sat import load_cp_model
    from planner.plan.solve import default_years, prepare
    cp = load_cp_model()
    policy = resolve_policy()
    catalog = load_catalog(tiny / "catalog", policy)
    people = load_workspace(tiny / "ws", policy).people
    model = cp.CpModel()
    shared = types.SimpleNamespace(CpModel=lambda: model, LinearExpr=cp.LinearExpr)
    years = default_years(policy, TODAY, None, None)
    efforts, takers = [], {}
    for pid in sorted(people):
        prob = prepare(people[pid], policy, catalog.offerings, years, TODAY, (), (), None, False, None)
        pm = build(shared, policy, people[pid], prob.records, prob.years, prob.kept, size=len(prob.cands.items))
        efforts.append(pm.effort)
        for item in prob.kept:
            if item.offering.seats is not None:
                takers.setdefault(item.id, []).append(pm.var[item.index])
    for oid, lits in takers.items():
        model.add(cp.LinearExpr.sum(lits) <= catalog.get(oid).seats)
    model.minimize(cp.LinearExpr.sum(efforts))
    solver = cp.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 120
    assert solver.solve(model) == cp.OPTIMAL
    return int(round(solver.objective_value))


def test_shared_seats_are_respected_and_the_bound_is_valid(tiny, tmp_path):
    free = tmp_path / "free.sqlite"
    _seats_run(tiny, free, share=False)
    db = sqlite3.connect(free)
    wanted = Counter(o for (o,) in db.execute("SELECT offering FROM items"))
    assert any(wanted[o] > s for o, s in TIGHT.items()), "the test case must oversubscribe an offering"
    assert db.execute("SELECT COUNT(*) FROM persons WHERE status != 'optimal'").fetchone()[0] == 0

    out = tmp_path / "shared.sqlite"
    summary = _seats_run(tiny, out)
    db = sqlite3.connect(out)
    policy = resolve_policy()
    seats = {o.id: o.seats for o in load_catalog(tiny / "catalog", policy).offerings if o.seats is not None}
    taken = Counter(o for (o,) in db.execute("SELECT offering FROM items"))
    assert all(taken[o] <= s for o, s in seats.items())
    for o, s in TIGHT.items():
        assert taken[o] <= s
    assert db.execute("SELECT COUNT(*) FROM persons WHERE met = 1").fetchone()[0] == 10

    optimum = _full_optimum(tiny)
    assert summary.seats["bound_minutes"] <= optimum <= summary.seats["effort_minutes"]
    unconstrained = db.execute("SELECT 1").fetchone() and sqlite3.connect(free).execute(
        "SELECT SUM(effort_minutes) FROM persons").fetchone()[0]
    assert unconstrained <= summary.seats["bound_minutes"]
    rounds = db.execute("SELECT kind, COUNT(*) FROM rounds GROUP BY kind ORDER BY kind").fetchall()
    assert rounds[0] == ("price", 6) and rounds[1][0] == "repair"
    assert db.execute("SELECT wanted FROM seats WHERE offering = 'B2-2026-03'").fetchone()[0] == wanted["B2-2026-03"]


def test_shared_seats_give_the_same_database_twice(tiny, tmp_path):
    from planner.batch.store import content
    _seats_run(tiny, tmp_path / "a.sqlite")
    _seats_run(tiny, tmp_path / "b.sqlite")
    assert content(tmp_path / "a.sqlite") == content(tmp_path / "b.sqlite")
