"""Benchmark of `planner unit` (docs/benchmarks.md, section "unit").

Seeded synthetic units of 50, 200 and 1,000 staff, 300 catalogue offerings
for the planned year (the dated, in-person ones have 2 to 10 seats; online
courses have none), 3 departments and 5 candidate unit trainings. The year
planned ends a B cycle, and staff carry earlier B hours of every level, so
many need seats at dated B activities. Each run is a separate process so
its peak memory is its own.

    python bench/bench_unit.py                    # every size, both methods
    python bench/bench_unit.py --sizes 200 --methods unit
    python bench/bench_unit.py --one 200 unit 30  # one run (work budget 30), JSON line with the plan's digest
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run from a fresh clone, not installed

YEAR = 2029
TODAY = dt.date(2028, 11, 27)
DEPARTMENTS = ("测绘科", "规划科", "地籍科")
SPECIALTIES = ("surveying", "spatial_planning", "land_engineering", "geological_survey", "marine")


def make_offerings(rng: random.Random, n: int = 300) -> list[dict]:
    out = []
    n_online_a, n_g = 110, 40
    for k in range(n_online_a):
        hours = rng.choice((2, 4, 6, 8, 10, 12, 16))
        o = {"id": f"A-{k:03d}", "route": "A", "title": f"课件{k}", "hours": hours, "platform": "zjce",
             "year": YEAR, "fee": rng.choice((0, 20, 40, 60, 80, 100))}
        if rng.random() < 0.3:
            o["effort_hours"] = max(1, hours * rng.choice((5, 6, 7, 8, 9)) // 10)
        out.append(o)
    for k in range(n_g):
        hours = rng.choice((2, 3, 4, 5, 6, 8, 12))
        o = {"id": f"G-{k:03d}", "route": "G", "title": f"公需{k}", "hours": hours, "year": YEAR,
             "fee": rng.choice((0, 0, 10, 20, 30))}
        if rng.random() < 0.3:
            o["effort_hours"] = max(1, hours * rng.choice((5, 6, 7, 8)) // 10)
        out.append(o)
    k = 0
    while len(out) < n:
        route = rng.choice(("B1", "B2", "B2", "B3", "B3", "B3", "B4", "C2"))
        days = rng.choice((1, 1, 2, 2, 3, 3, 4, 5)) if route != "B1" else rng.choice((3, 4, 5))
        first = dt.date(YEAR, 1, 5) + dt.timedelta(days=rng.randrange(340))
        last = first + dt.timedelta(days=days - 1)
        o = {"id": f"{route}-{k:03d}", "route": route, "title": f"{route}活动{k}",
             "start": first.isoformat(), "end": last.isoformat(),
             "fee": rng.choice((300, 600, 900, 1200, 1800, 2500, 3900)), "seats": rng.randint(2, 10)}
        if route == "B1":
            o["level"] = rng.choice(("national", "provincial", "municipal"))
        elif route == "B2":
            o["organizer"] = rng.choice(("ministry", "province"))
        elif route == "B3":
            o["kind"] = rng.choice(("training", "conference"))
            o["society"] = rng.choice(("geology", "land", "surveying", "spatial_planning", "marine"))
        if rng.random() < 0.4:
            o["effort_hours"] = days * rng.choice((5, 6, 7))
        out.append(o)
        k += 1
    return out


def make_unit(rng: random.Random, staff: int) -> dict:
    trainings = []
    for k in range(5):
        day = dt.date(YEAR, 2, 1) + dt.timedelta(days=rng.randrange(300))
        trainings.append({"id": f"U-T{k + 1}", "title": f"单位培训{k + 1}", "date": day.isoformat(),
                          "days": rng.choice((1, 2)), "cost": rng.choice((2000, 3000, 4500, 6000)),
                          "seats": rng.choice((30, 60, 120, 400)),
                          "effort_hours": rng.choice((3, 4, 5))})
    return {"id": "U-B", "name": "基准单位", "max_away_share": 0.3, "budget": 900 * staff,
            "unit_trainings": trainings}


def make_people(rng: random.Random, staff: int) -> list[dict]:
    people = []
    for k in range(staff):
        records = []
        b_prior = rng.choice((0, 12, 24, 24, 36, 36, 36, 36, 40, 48))
        left = b_prior
        year = 2027
        while left > 0:
            hours = min(left, rng.choice((12, 24)))
            records.append({"route": "B3", "year": year, "days": hours / 8, "kind": "training",
                            "society": "surveying", "title": f"往年B{year}-{left}"})
            left -= hours
            year = 2028 if year == 2027 else 2027
        if rng.random() < 0.25:
            records.append({"route": "A", "year": YEAR, "title": "已学课件", "hours": rng.choice((6, 12, 20)),
                            "platform": "zjce"})
        person = {"id": f"S{k:04d}", "name": f"员工{k}", "unit": "U-B", "department": DEPARTMENTS[k % 3],
                  "specialty": rng.choice(SPECIALTIES), "records": records}
        if rng.random() < 0.1:
            month = rng.randint(1, 12)
            person["blackout"] = [{"start": f"{YEAR}-{month:02d}-01", "end": f"{YEAR}-{month:02d}-28"}]
        people.append(person)
    return people


def instance(staff: int, seed: int = 7):
    from planner.models.activity import Offering
    from planner.models.person import Person, Unit
    from planner.policy import resolve_policy
    policy = resolve_policy()
    rng = random.Random(seed)
    offerings = [Offering.parse(o) for o in make_offerings(rng)]
    unit = Unit.parse(make_unit(rng, staff))
    people = [Person.parse(p) for p in make_people(rng, staff)]
    return policy, unit, people, offerings


def plan_naive(unit, staff, policy, offerings, year: int, today: dt.date, time_limit: float,
               workers: int = 2) -> dict:
    """The baseline: the whole unit as one CP-SAT model, no hint, wall-clock limited."""
    from planner.plan.sat import load_cp_model
    from planner.unit.model import build_frame, shortfall_weight
    from planner.unit.prepare import evaluate, setup
    from planner.unit.solve import solve_frame
    from planner.unit.usage import Usage
    cp_model = load_cp_model()
    start = time.perf_counter()
    problem = setup(unit, staff, policy, offerings, year, today)
    frame = build_frame(policy, list(problem.needs), problem.trainings, problem.limits, Usage())
    built = time.perf_counter() - start
    first = {}

    class First(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            if "t" not in first:
                first["t"] = time.perf_counter() - start

    res = solve_frame(frame, 10 ** 6, wall=max(1.0, time_limit - built), workers=workers,
                      cost_stage=False, callback=First())
    short_part = effort = short_people = 0
    if res.found:
        for need, ids in zip(problem.needs, res.chosen):
            score = evaluate(need, ids, policy)
            short_part += score.short * shortfall_weight(need)
            short_people += score.short > 0
            effort += score.effort
    return {"found": res.found, "objective": res.objective, "bound": res.bound, "effort": effort,
            "shortfall_part": short_part, "short": short_people, "first": first.get("t"),
            "seconds": time.perf_counter() - start, "built": built, "proven": res.proven}


def digest(plan) -> str:
    """A fingerprint of the plan's JSON: equal digests, equal bytes."""
    import hashlib
    from planner.render.formats import render
    text = render(plan, "json")
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()[:16]


def run_one(staff: int, method: str, limit: float) -> dict:
    """`limit`: for `unit`, the work budget (deterministic seconds); for `naive`, wall seconds."""
    policy, unit, people, offerings = instance(staff)
    start = time.perf_counter()
    if method == "unit":
        from planner.unit.search import plan_unit
        plan = plan_unit(unit, people, policy, offerings, YEAR, TODAY, work=limit, time_limit=3600)
        out = {"first": plan.first_feasible, "effort": plan.effort / 60, "bound": plan.bound / 60,
               "gap": plan.gap, "gap_on": plan.gap_on, "status": plan.status, "short": len(plan.short_people),
               "work": plan.work, "deterministic": plan.deterministic, "digest": digest(plan),
               "stats": {k: v for k, v in plan.stats.items() if k != "bound_trace"}}
    else:
        res = plan_naive(unit, people, policy, offerings, YEAR, TODAY, limit)
        out = {"first": res["first"], "effort": res["effort"] / 60 if res["found"] else None,
               "objective": res["objective"], "objective_bound": res["bound"],
               "gap": (res["objective"] - res["bound"]) / max(res["objective"], 1) if res["found"] else None,
               "shortfall_part": res["shortfall_part"], "short": res["short"], "built": res["built"]}
    out.update({"staff": staff, "method": method, "limit": limit, "wall": time.perf_counter() - start,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    return out


def table(rows: list[dict]) -> str:
    def f(value, fmt="{:.1f}"):
        return "–" if value is None else fmt.format(value)
    out = ["| staff | method | limit s | first feasible s | final effort h | staff short | lower bound h | gap | wall s | peak MB |",
           "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['staff']} | {r['method']} | | error | | | | | | |")
            continue
        if r["method"] == "unit":
            bound, gap = f(r["bound"]), f(r["gap"] * 100, "{:.2f}%")
        else:   # the naive model's bound is on effort + weighted shortfall, like its gap
            bound = f(r["objective_bound"] / 60) if r.get("short") == 0 else f"{r['objective_bound'] / 60:.1f}*"
            gap = f(None if r["gap"] is None else r["gap"] * 100, "{:.2f}%")
        out.append(f"| {r['staff']} | {r['method']} | {r['limit']:.0f} | {f(r['first'])} | {f(r['effort'])} | "
                   f"{r.get('short', '–')} | {bound} | {gap} | {r['wall']:.1f} | {r['peak_mb']:.0f} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,200,1000")
    parser.add_argument("--methods", default="unit,naive")
    parser.add_argument("--limits", default="50:60,200:60,1000:300", help="naive: staff:wall seconds")
    parser.add_argument("--works", default="50:7.5,200:30,1000:150",
                        help="unit: staff:work budget (CP-SAT deterministic seconds; the defaults of planner unit)")
    parser.add_argument("--one", nargs=3, metavar=("STAFF", "METHOD", "LIMIT"),
                        help="one run; LIMIT is the work budget (unit) or wall seconds (naive)")
    parser.add_argument("--markdown", metavar="JSONL", help="print the table of a finished run's JSON lines")
    args = parser.parse_args()
    if args.markdown:
        print(table([json.loads(line) for line in open(args.markdown, encoding="utf-8") if line.strip()]))
        return
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1], float(args.one[2])), ensure_ascii=False), flush=True)
        return
    limits = {int(k): float(v) for k, v in (p.split(":") for p in args.limits.split(","))}
    works = {int(k): float(v) for k, v in (p.split(":") for p in args.works.split(","))}
    for staff in (int(s) for s in args.sizes.split(",")):
        for method in args.methods.split(","):
            budget = works[staff] if method == "unit" else limits[staff]
            done = subprocess.run([sys.executable, __file__, "--one", str(staff), method, str(budget)],
                                  capture_output=True, text=True)
            line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else json.dumps(
                {"staff": staff, "method": method, "error": done.stderr[-500:]})
            print(line, flush=True)


if __name__ == "__main__":
    main()
