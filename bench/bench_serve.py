"""Benchmark of `planner serve` (issue 13): a person page with a fresh plan
(audit, CP-SAT plan over 2027-2029, the page rendered) against 100 and 1,000
generated offerings, the policy and catalogue loaded once at start.

    python bench/bench_serve.py              # the table in docs/benchmarks.md
    python bench/bench_serve.py --sizes 1000 --runs 5

Each run clears the server's plan cache first, so every page solves afresh.
In-process through Starlette's TestClient (no network): the time is the
server's. Seeded instances from bench_suggest.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_suggest import generate, write_workspace  # noqa: E402

TODAY = dt.date(2027, 1, 1)


def measure(n: int, runs: int, seed: int) -> dict:
    from planner.web.app import create_app
    from planner.web.config import ServeConfig
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    with tempfile.TemporaryDirectory() as tmp:
        person, catalog = generate(n, seed)
        ws, cat = write_workspace(Path(tmp), person, catalog)
        t0 = time.perf_counter()
        app = create_app(ServeConfig(data=ws, catalog=cat, today=TODAY))
        start = time.perf_counter() - t0
        times, solves = [], []
        store = app.state.store
        with TestClient(app) as client:
            assert client.get("/healthz").text == "ok"
            for _ in range(runs + 1):                       # the first run warms imports
                store.plans.clear()
                t = time.perf_counter()
                r = client.get("/people/P1")
                times.append(time.perf_counter() - t)
                assert r.status_code == 200 and 'id="plan"' in r.text, r.text[:500]
                solves.append(solve_alone(store))           # paired: the plan alone, same moment
            t = time.perf_counter()
            client.get("/people/P1")
            cached = time.perf_counter() - t
        warm = times[1:]
        extra = [page - solve for page, solve in zip(times[1:], solves[1:])]
        return {"n": n, "start": start, "median": statistics.median(warm), "max": max(warm),
                "first": times[0], "cached": cached, "solve": statistics.median(solves[1:]),
                "extra": statistics.median(extra)}


def solve_alone(store) -> float:
    """The same plan as the page's, by planner.plan.solve.plan alone."""
    from planner.plan.solve import default_years, plan
    person = store.workspace().person("P1")
    years = default_years(store.policy, TODAY, None, None)
    t = time.perf_counter()
    plan(person, store.policy, store.catalog.offerings, today=TODAY, years=years, time_limit=10.0)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"load average (1 min) {load:.2f}; {os.cpu_count()} CPUs; today {TODAY}")
    print("| offerings | server start s | person page, fresh plan s (median / max) | plan alone s (median) "
          "| page minus plan s (median) | first page s | cached page s |")
    print("|--:|--:|--:|--:|--:|--:|--:|")
    for n in args.sizes:
        r = measure(n, args.runs, args.seed)
        print(f"| {n:,} | {r['start']:.2f} | {r['median']:.2f} / {r['max']:.2f} | {r['solve']:.2f} "
              f"| {r['extra']:.2f} | {r['first']:.2f} | {r['cached']:.3f} |")


if __name__ == "__main__":
    main()
