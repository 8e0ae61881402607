"""One person's priced optimum for the seat coordination (seats.py):
min effort(x) + sum_o price_o * x_o over the person's own rules (targets,
caps, cycle, overlaps, budget), prices in whole minutes on offerings with
seats. The value returned is CP-SAT's proven bound on that minimum (the
minimum itself when proven), so a sum of them stays a valid lower bound.

The model is the person planner's (plan/model.py, every rule named as
there), without dominance pruning (dominance ignores prices). One worker,
seed 0: deterministic.
"""
from __future__ import annotations

import math
from typing import Optional


def priced_plan(person, policy, offerings, today, years, prices: dict,
                work: float = 60.0) -> tuple[Optional[int], list[str]]:
    """(bound on the priced minimum in minutes, seated offering ids taken); (None, []) when
    the person's targets cannot all be met (that person is left out of the bound)."""
    from ..plan.model import build
    from ..plan.sat import load_cp_model
    from ..plan.solve import SEED, prepare
    cp = load_cp_model()
    prob = prepare(person, policy, offerings, tuple(years), today, (), (), None, False, None)
    pm = build(cp, policy, person, prob.records, prob.years, prob.kept, size=len(prob.cands.items))
    priced = [(i, pm.var[i.index], int(prices.get(i.id, 0))) for i in prob.kept if i.offering.seats is not None]
    paid = [(lit, p) for _, lit, p in priced if p > 0]
    objective = pm.effort
    if paid:
        objective = objective + cp.LinearExpr.weighted_sum([l for l, _ in paid], [p for _, p in paid])
    pm.model.minimize(objective)
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = work       # deterministic, never the clock
    code = solver.solve(pm.model)
    if code == cp.INFEASIBLE:
        return None, []
    if code not in (cp.OPTIMAL, cp.FEASIBLE):
        return 0, []          # nothing proven: 0 is a valid (weak) bound for this person
    bound = int(round(solver.objective_value)) if code == cp.OPTIMAL else math.ceil(solver.best_objective_bound - 1e-6)
    taken = sorted(i.id for i, lit, _ in priced if solver.boolean_value(lit))
    return bound, taken
