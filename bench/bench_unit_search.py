"""The neighbourhood search of `planner unit` alone, from the first plan
(docs/benchmarks.md, "unit", issue 9 point 10): what a setting of the
neighbourhoods gains in the same deterministic work. No bound search, no
dominance check; the first plan is the planner's own.

    python bench/bench_unit_search.py --staff 1000 --work 15
    python bench/bench_unit_search.py --staff 1000 --work 15 --core-per-route 8 --neighbourhood 20
    python bench/bench_unit_search.py --staff 1000 --work 15 --core-per-route 0   # no core neighbourhoods
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run from a fresh clone, not installed
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_unit import TODAY, YEAR, instance   # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--work", type=float, default=15.0, help="deterministic seconds of neighbourhoods")
    parser.add_argument("--sub-work", type=float, default=0.5, help="deterministic seconds per neighbourhood")
    parser.add_argument("--neighbourhood", type=int, default=None, help="people per neighbourhood")
    parser.add_argument("--core-per-route", type=int, default=None, help="0: every item in every neighbourhood")
    args = parser.parse_args()
    from planner.unit import moves, prepare, search
    from planner.unit.prepare import setup
    if args.core_per_route is not None:
        prepare.CORE_PER_ROUTE = args.core_per_route or 10 ** 9
    policy, unit, people, offerings = instance(args.staff)
    start = time.perf_counter()
    problem = setup(unit, people, policy, offerings, YEAR, TODAY)
    clock = moves.Clock(36000)
    ideal = search.individual_optima(problem, clock)
    settings = search.settings_for(args.staff, 36000, 0, args.work, args.neighbourhood, args.sub_work, False)
    inc, stats = search.first_plan(problem, ideal, clock, settings.sub_work)
    first, first_s = inc.total(), time.perf_counter() - start
    run = search.Search(problem, ideal, inc, settings, clock, stats, start=clock.spent)
    run.neighbourhoods()
    final = inc.total()
    print(json.dumps({"staff": args.staff, "work": args.work, "sub_work": args.sub_work,
                      "neighbourhood": settings.neighbourhood, "core_per_route": prepare.CORE_PER_ROUTE,
                      "first_h": first.effort / 60, "first_short_h": first.short / 10, "effort_h": final.effort / 60,
                      "short_h": final.short / 10, "cost_yuan": final.cost / 100,
                      "neighbourhoods": run.stats["neighbourhoods"], "improvements": run.stats["improvements"],
                      "work_spent": round(run.spent(), 2), "first_s": round(first_s, 1),
                      "search_s": round(time.perf_counter() - start - first_s, 1)}), flush=True)


if __name__ == "__main__":
    main()
