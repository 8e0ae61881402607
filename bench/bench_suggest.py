"""Benchmark of `planner suggest` (issue 3): one person over 3 years with
100, 1,000 and 10,000 generated offerings.

For each instance: model build time, solve time (in-process), the whole
`planner suggest` command's wall time and peak memory (a subprocess on a
generated workspace), whether optimality was proven, and a greedy baseline
(best credit per effort hour first, respecting caps, overlaps and budget):
its effort above the optimum and how often it finds no plan.

    python bench/bench_suggest.py               # the table in docs/benchmarks.md
    python bench/bench_suggest.py --sizes 100 --seeds 3

Seeded: same arguments, same instances.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = (2027, 2028, 2029)
TODAY = "2026-12-01"
SOCIETIES = ["geology", "land", "surveying", "spatial_planning", "marine"]


def generate(n: int, seed: int) -> tuple[dict, dict]:
    """(person, catalogue) as YAML-ready dicts."""
    rng = random.Random(seed * 100003 + n)
    offerings = []
    for k in range(n):
        year = YEARS[k % len(YEARS)]
        roll = rng.random()
        o: dict = {"id": f"O{k:05d}", "title": f"offering {k}", "fee": rng.choice([0, 0, 20, 40, 60, 100])}
        start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 360))
        if roll < 0.42:
            o.update(route="A", hours=rng.choice([2, 3, 4, 6, 8, 10, 12, 16]), year=year,
                     platform="zjce" if rng.random() < 0.85 else "blasting")
            if rng.random() < 0.5:
                o["effort_hours"] = round(o["hours"] * rng.uniform(0.4, 0.9), 1)
        elif roll < 0.62:
            o.update(route="G", hours=rng.choice([2, 3, 4, 5, 6, 8, 12]), year=year)
            if rng.random() < 0.5:
                o["effort_hours"] = round(o["hours"] * rng.uniform(0.4, 0.9), 1)
        elif roll < 0.65:
            days = rng.choice([3, 4, 5])
            o.update(route="B1", level=rng.choice(["national", "provincial", "municipal"]), start=str(start),
                     end=str(start + dt.timedelta(days=days - 1)), fee=rng.choice([1500, 2200, 3000, 3900]))
        elif roll < 0.73:
            days = rng.choice([1, 2, 3])
            o.update(route="B2", organizer=rng.choice(["ministry", "province"]), start=str(start),
                     end=str(start + dt.timedelta(days=days - 1)), fee=rng.choice([0, 500, 1200, 2000]))
        elif roll < 0.85:
            days = rng.choice([1, 2, 3])
            o.update(route="B3", kind=rng.choice(["training", "conference"]),
                     society=rng.choice(SOCIETIES + ["other"] if rng.random() < 0.1 else SOCIETIES),
                     start=str(start), end=str(start + dt.timedelta(days=days - 1)),
                     fee=rng.choice([0, 300, 600, 1000]))
            if rng.random() < 0.3:
                o["effort_hours"] = days * rng.choice([4, 6])
        elif roll < 0.88:
            days = rng.choice([3, 5, 7])
            o.update(route="B4", start=str(start), end=str(start + dt.timedelta(days=days - 1)),
                     fee=rng.choice([8000, 12000, 20000]))
        else:
            o.update(route="C1", date=str(start), days=rng.choice([0.5, 1]))
            if rng.random() < 0.5:
                o["effort_hours"] = rng.choice([2, 3, 4])
        if rng.random() < 0.05:
            o["specialties"] = rng.sample(["surveying", "geological_survey", "marine"], 2)
        offerings.append(o)
    person = {
        "id": "P1", "name": "基准", "specialty": "surveying", "budget_per_year": 6000,
        "blackout": [{"start": "2028-07-01", "end": "2028-07-31"}],
        "records": [
            {"route": "A", "year": 2027, "title": "已学课件", "hours": 20, "platform": "zjce"},
            {"route": "G", "year": 2027, "title": "公需课", "hours": 6},
            {"route": "B3", "start": "2027-03-01", "end": "2027-03-01", "title": "年会",
             "kind": "conference", "society": "surveying"},
            {"route": "C1", "year": 2028, "title": "单位讲座", "days": 2},
        ]}
    return person, {"offerings": offerings}


def write_workspace(folder: Path, person: dict, catalog: dict) -> tuple[Path, Path]:
    (folder / "ws" / "people").mkdir(parents=True, exist_ok=True)
    (folder / "ws" / "units").mkdir(parents=True, exist_ok=True)
    with open(folder / "ws" / "people" / "P1.yaml", "w", encoding="utf-8") as fh:
        yaml.safe_dump(person, fh, allow_unicode=True, sort_keys=False)
    cat = folder / "catalog.yaml"
    with open(cat, "w", encoding="utf-8") as fh:
        yaml.safe_dump(catalog, fh, allow_unicode=True, sort_keys=False, default_flow_style=None, width=400)
    return folder / "ws", cat


def in_process(ws: Path, cat: Path, time_limit: float) -> dict:
    from planner.ledger import build as ledger_build
    from planner.plan.greedy import greedy
    from planner.plan.plannable import candidates
    from planner.plan.solve import plan
    from planner.policy import resolve_policy
    from planner.workspace import load_catalog, load_workspace
    policy = resolve_policy()
    t = time.perf_counter()
    person = load_workspace(ws, policy).person("P1")
    catalog = load_catalog(cat, policy)
    load_s = time.perf_counter() - t
    today = dt.date.fromisoformat(TODAY)
    result = plan(person, policy, catalog.offerings, today=today, years=YEARS, time_limit=time_limit)
    records = ledger_build(policy, person.specialty, person.records)
    items = candidates(person, policy, catalog.offerings, YEARS, today).items
    g = greedy(policy, person, records, YEARS, items)
    g_effort = None if g is None else sum(items[i].effort for i in g)
    return {"load_s": load_s, "build_s": result.build_seconds, "solve_s": result.solve_seconds,
            "status": result.status, "effort": result.effort, "bound": result.bound,
            "plannable": result.plannable, "greedy_effort": g_effort}


def whole_command_rusage(ws: Path, cat: Path, time_limit: float) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and status of one `planner suggest` process."""
    exe = Path(sys.executable).parent / "planner"
    cmd = [str(exe), "suggest", "--data", str(ws), "--catalog", str(cat), "--person", "P1",
           "--today", TODAY, "--year", str(YEARS[0]), "--through", str(YEARS[-1]), "--format", "json",
           "--time-limit", str(time_limit), "--quiet"]
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - t
        out.seek(0)
        data = out.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("planner failed")
    return wall, usage.ru_maxrss / 1024, json.loads(data)["status"]


def ortools_version() -> str:
    from importlib.metadata import version
    return version("ortools")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--time-limit", type=float, default=10.0)
    args = ap.parse_args()
    rows = []
    load_before = os.getloadavg()[0]
    for n in args.sizes:
        runs = []
        for seed in range(args.seeds):
            with tempfile.TemporaryDirectory() as tmp:
                ws, cat = write_workspace(Path(tmp), *generate(n, seed))
                r = in_process(ws, cat, args.time_limit)
                r["wall_s"], r["rss_mb"], r["cmd_status"] = whole_command_rusage(ws, cat, args.time_limit)
            runs.append(r)
            print(f"n={n} seed={seed}: {json.dumps(r)}", file=sys.stderr)
        gaps = [100 * (r["greedy_effort"] - r["effort"]) / r["effort"]
                for r in runs if r["greedy_effort"] is not None and r["status"] == "optimal" and r["effort"]]
        rows.append({
            "n": n, "plannable": statistics.median(r["plannable"] for r in runs),
            "load": statistics.median(r["load_s"] for r in runs),
            "build": statistics.median(r["build_s"] for r in runs),
            "solve": statistics.median(r["solve_s"] for r in runs),
            "solve_max": max(r["solve_s"] for r in runs),
            "wall": statistics.median(r["wall_s"] for r in runs),
            "wall_max": max(r["wall_s"] for r in runs),
            "rss": max(r["rss_mb"] for r in runs),
            "optimal": sum(r["status"] == "optimal" and r["cmd_status"] == "optimal" for r in runs),
            "infeasible": sum(r["status"] == "infeasible" and r["cmd_status"] == "infeasible" for r in runs),
            "runs": len(runs),
            "greedy_gap": statistics.median(gaps) if gaps else float("nan"),
            "greedy_gap_max": max(gaps) if gaps else float("nan"),
            "greedy_fail": sum(r["greedy_effort"] is None and r["status"] in ("optimal", "feasible") for r in runs),
            "solvable": sum(r["status"] in ("optimal", "feasible") for r in runs),
        })
    print(f"load average (1 min) before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; "
          f"{os.cpu_count()} CPUs; ortools {ortools_version()}")
    print()
    print("| offerings | plannable | load s | build s | solve s (median / max) | whole command s (median / max) "
          "| peak MB | proven optimal (+ proven infeasible) | greedy above optimum (median / max) "
          "| greedy found no plan where one exists |")
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        print(f"| {r['n']:,} | {r['plannable']:.0f} | {r['load']:.2f} | {r['build']:.2f} | {r['solve']:.2f} / {r['solve_max']:.2f} "
              f"| {r['wall']:.2f} / {r['wall_max']:.2f} | {r['rss']:.0f} | {r['optimal']}/{r['runs']}"
              + (f" (+{r['infeasible']})" if r["infeasible"] else "")
              + f" | {r['greedy_gap']:.1f}% / {r['greedy_gap_max']:.1f}% | {r['greedy_fail']}/{r['solvable']} |")


if __name__ == "__main__":
    main()
