"""The unit model as a MIP for HiGHS (shipped in the ortools wheel, via
pywraplp): the same rules as unit_model, written as linear rows. Used for
a stronger lower bound (the MIP's dual bound counts seats, away limits and
budget, which the individual optima drop) and, on mid-size units, as a
solver of the whole unit started from the incumbent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ortools.linear_solver import pywraplp

from ..models import Policy
from .unit_model import is_away, shortfall_weight
from .unit_prep import Need


@dataclass
class MipResult:
    found: bool
    proven: bool
    objective: float
    bound: float
    chosen: list[tuple[str, ...]]


def solve_mip(policy: Policy, needs: list[Need], trainings, seats, limits, budget: Optional[int],
              seconds: float, start: Optional[list] = None, threads: int = 1,
              relax: bool = False) -> MipResult:
    solver = pywraplp.Solver.CreateSolver("HIGHS")
    if solver is None:
        return MipResult(False, False, 0.0, 0.0, [])
    inf = solver.infinity()
    x_all = []
    objective = []
    seat_terms: dict[str, list] = {}
    away_terms: dict[tuple, list] = {}
    fee_terms = []
    attend: dict[str, list] = {}
    for k, need in enumerate(needs):
        make = (lambda name: solver.NumVar(0, 1, name)) if relax else (lambda name: solver.BoolVar(name))
        x = {i.id: make(f"x{k}_{i.id}") for i in need.items}
        x_all.append(x)
        # no overlap
        by_day: dict[int, list] = {}
        for i in need.items:
            for d in i.days:
                by_day.setdefault(d, []).append(x[i.id])
        for lits in by_day.values():
            if len(lits) > 1:
                solver.Add(solver.Sum(lits) <= 1)
        # route caps: counted <= earned, counted <= cap
        raw = need.raw()
        per_route: dict[str, list] = {}
        for i in need.items:
            per_route.setdefault(i.route, []).append(i)
        counted = {}
        for code, route in policy.routes.items():
            base = raw.get(code, 0)
            items = per_route.get(code, [])
            earned = base + solver.Sum([i.tenths * x[i.id] for i in items]) if items else base
            if route.cap is None or not items:
                counted[code] = earned if route.cap is None else min(base, route.cap)
                continue
            c = solver.NumVar(0, route.cap, f"c{k}_{code}")
            solver.Add(c <= earned)
            counted[code] = c
        by_cat: dict[str, list] = {}
        for code, v in counted.items():
            by_cat.setdefault(policy.category_of(code), []).append(v)
        shorts = []
        for t in policy.targets:
            s = solver.NumVar(0, t.hours, f"s{k}_{t.key}")
            solver.Add(solver.Sum([v for c in t.categories for v in by_cat.get(c, [])]) + s >= t.hours)
            shorts.append(s)
        if need.prior_cycle is not None:
            s = solver.NumVar(0, policy.cycle.hours, f"s{k}_cycle")
            solver.Add(solver.Sum([counted[c] for c in policy.cycle_routes()]) + need.prior_cycle + s
                       >= policy.cycle.hours)
            shorts.append(s)
        w = shortfall_weight(need)
        objective.append(w * solver.Sum(shorts) + solver.Sum([i.effort * x[i.id] for i in need.items]))
        fee = solver.Sum([i.fee * x[i.id] for i in need.items])
        fee_terms.append(fee)
        if need.person.budget_per_year is not None:
            solver.Add(fee <= need.person.budget_per_year)
        for i in need.items:
            if seats.get(i.id) is not None:
                seat_terms.setdefault(i.id, []).append(x[i.id])
            if i.id in trainings:
                attend.setdefault(i.id, []).append(x[i.id])
            if is_away(i, trainings):
                for d in i.days:
                    away_terms.setdefault((need.department, d), []).append(x[i.id])
    for oid, lits in seat_terms.items():
        if len(lits) > seats[oid]:
            solver.Add(solver.Sum(lits) <= seats[oid])
    for key, lits in away_terms.items():
        if len(lits) > limits[key[0]]:
            solver.Add(solver.Sum(lits) <= limits[key[0]])
    held_cost = []
    for tid, lits in attend.items():
        h = solver.NumVar(0, 1, f"h_{tid}") if relax else solver.BoolVar(f"h_{tid}")
        for lit in lits:
            solver.Add(lit <= h)
        held_cost.append(trainings.costs[tid] * h)
    if budget is not None:
        solver.Add(solver.Sum(fee_terms) + solver.Sum(held_cost) <= budget)
    solver.Minimize(solver.Sum(objective))
    solver.SetTimeLimit(int(seconds * 1000))
    solver.SetNumThreads(threads)
    if start:
        hint_vars, hint_vals = [], []
        for x, ids in zip(x_all, start):
            ids = set(ids)
            for oid, var in x.items():
                hint_vars.append(var)
                hint_vals.append(1.0 if oid in ids else 0.0)
        solver.SetHint(hint_vars, hint_vals)
    status = solver.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return MipResult(False, False, 0.0, 0.0, [])
    chosen = [tuple(sorted(oid for oid, v in x.items() if v.solution_value() > 0.5)) for x in x_all]
    bound = solver.Objective().BestBound() if not relax else solver.Objective().Value()
    return MipResult(True, status == pywraplp.Solver.OPTIMAL, solver.Objective().Value(), bound, chosen)
