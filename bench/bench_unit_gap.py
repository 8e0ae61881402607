"""Where the gap of `planner unit` lies (docs/benchmarks.md, "unit", issue 9 point 10).

On the seeded unit of bench_unit.py: the plan (work budget WORK, no bound
search), then seat prices for PRICE_WORK deterministic seconds aimed at the
plan, and at the best prices l the exact split of the gap

    plan - L(l) = sum over people of their reduced cost
                  (f_p(plan_p) + l . plan_p - min_x [f_p(x) + l . x])
                + sum over offerings of l_o x (seats_o - attendees_o),

with, for each person of positive reduced cost, what keeps their priced
optimum (ties broken by least fee) out of the plan: a seat someone holds
(priced or not), a full away day, the budget left, or nothing.

    python bench/bench_unit_gap.py --staff 200 --work 5 --price-work 5
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run from a fresh clone, not installed
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_unit import TODAY, YEAR, instance   # noqa: E402


def best_prices(problem, target: float, work: float) -> tuple[float, dict]:
    """The best L(l) of the seat-price search within `work`, and its prices."""
    from planner.unit.bounds import SeatPrices
    search = SeatPrices(problem.policy, list(problem.needs), problem.trainings, dict(problem.limits.seats),
                        problem.limits, problem.limits.budget)
    best, prices = -math.inf, {}
    while search.work < work:
        before = {o: math.floor(p) for o, p in search.prices.items()}
        value = search.step(target)
        if value > best:
            best, prices = value, before
    return best, prices


def priced_optima(problem, prices: dict) -> dict:
    """Per need signature: (min_x f(x) + l . x, its least-fee choice)."""
    from planner.plan.sat import load_cp_model
    from planner.unit.model import build_frame
    from planner.unit.usage import Usage
    cp_model = load_cp_model()
    out = {}
    for need in problem.needs:
        if need.signature in out:
            continue
        frame = build_frame(problem.policy, [need], problem.trainings, problem.limits, Usage(), relaxed=True)
        terms = [(lit, prices[o]) for o, lit in frame.people[0].x.items() if prices.get(o, 0) > 0]
        obj = frame.objective + cp_model.LinearExpr.weighted_sum([t[0] for t in terms], [t[1] for t in terms])
        frame.model.minimize(obj)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = 5.0
        solver.solve(frame.model)
        value = solver.objective_value
        frame.model.add(obj <= int(round(value)))
        frame.model.minimize(frame.cost)
        solver.solve(frame.model)
        chosen = [o for o, lit in frame.people[0].x.items() if solver.boolean_value(lit)]
        out[need.signature] = (value, chosen)
    return out


def why_not(inc, need, chosen, prices) -> str:
    """What keeps a person's priced optimum out of the plan (the person removed)."""
    from planner.unit.usage import away_keys
    tally, items = inc.tally, [inc.items[need.pid][o] for o in chosen]
    out = set()
    for item in items:
        if tally.seat_full(item.id):
            out.add("seat (priced)" if prices.get(item.id, 0) > 0 else "seat (unpriced)")
        if any(tally.away_full(k) for k in away_keys(need.department, item, inc.problem.trainings)):
            out.add("away day")
    budget = inc.problem.limits.budget
    if budget is not None and tally.spent() + sum(i.fee for i in items) > budget:
        out.add("budget")
    return " + ".join(sorted(out)) or "nothing"


def split(problem, plan: dict, prices: dict, optima: dict) -> dict:
    from planner.unit.incumbent import Incumbent
    from planner.unit.model import shortfall_weight
    from planner.unit.prepare import evaluate
    seats = {o: s for o, s in problem.limits.seats.items() if s is not None}
    inc = Incumbent(problem)
    for need in problem.needs:
        inc.add(need.pid, plan[need.pid])
    reduced, why = {}, Counter()
    hours = Counter()
    for need in problem.needs:
        score = evaluate(need, plan[need.pid], problem.policy)
        own = score.short * shortfall_weight(need) + score.effort + sum(prices.get(o, 0) for o in plan[need.pid])
        reduced[need.pid] = own - optima[need.signature][0]
        if reduced[need.pid] > 0:
            old = inc.remove(need.pid)
            cause = why_not(inc, need, optima[need.signature][1], prices)
            inc.add(need.pid, old)
            why[cause] += 1
            hours[cause] += reduced[need.pid]
    unused = sum(prices.get(o, 0) * (s - inc.tally.seats.get(o, 0)) for o, s in seats.items())
    fees = sum(sum(i.fee for i in need.items if i.id in optima[need.signature][1]) for need in problem.needs)
    return {"reduced_cost_h": round(sum(reduced.values()) / 60, 1), "unused_priced_seats_h": round(unused / 60, 1),
            "people_above_priced_optimum": sum(1 for r in reduced.values() if r > 0),
            "why": {k: {"people": why[k], "h": round(hours[k] / 60, 1)} for k in sorted(why, key=lambda k: -hours[k])},
            "plan_spent_yuan": inc.tally.spent() / 100, "priced_optima_fees_yuan": fees / 100}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--staff", type=int, default=200)
    parser.add_argument("--work", type=float, default=5.0)
    parser.add_argument("--price-work", type=float, default=5.0)
    args = parser.parse_args()
    from planner.unit.prepare import setup
    from planner.unit.moves import Clock
    from planner.unit.search import individual_optima, plan_unit
    policy, unit, people, offerings = instance(args.staff)
    result = plan_unit(unit, people, policy, offerings, YEAR, TODAY, work=args.work, time_limit=36000,
                       bound_search=False)
    plan = {p.person.id: tuple(sorted(i.id for i in p.items)) for p in result.people}
    problem = setup(unit, people, policy, offerings, YEAR, TODAY)
    value, prices = best_prices(problem, result.effort, args.price_work)
    optima = priced_optima(problem, prices)
    ideal = individual_optima(problem, Clock(36000))
    out = {"staff": args.staff, "work": args.work, "price_work": args.price_work, "plan_h": result.effort / 60,
           "short": len(result.short_people), "seat_price_bound_h": round(value / 60, 1),
           "own_optima_h": round(sum(i.lower for i in ideal.values()) / 60, 1),
           "gap_h": round((result.effort - value) / 60, 1), **split(problem, plan, prices, optima)}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
