"""The effort stage's core: exact variable fixing before CP-SAT.

The LP relaxation of the plan's model (relax.py) gives a lower bound L on
every plan's effort and each offering's reduced cost d_j: any plan that
takes offering j has effort >= L + d_j. The core for a margin theta is
every offering with d_j <= theta (and every pinned one: --require,
booked). CP-SAT solves the stages on the core alone. When its proven least
effort E satisfies E <= L + theta, every plan of the whole model with
effort <= E uses core offerings only (any other costs more than L + theta
>= E), so the whole model's least effort is E and its least-effort plans
(ties included) are exactly the core's: the later lexicographic stages
(--since's changes, fee, count, position), which choose among least-effort
plans only, give the same plan. Otherwise the core grows to theta = E - L,
where the check holds by construction (at most one more round).

Positions and the objectives' weights use the number of plannable
offerings (PlanModel.size), not the core's, so the tie-break is the
whole model's. A core that finds no plan, or an LP with no optimum, hands
over to the whole model (the caller's path, as before). When the clock
cuts the core's effort stage, the reported bound is min(core bound, the
least effort outside the core), valid for the whole model.
"""
from __future__ import annotations

from . import relax
from .model import build
from .result import INFEASIBLE, OPTIMAL, UNKNOWN

RETRY = "retry"            # Solver.lexicographic: the core's least effort is not proven for the whole model
FIRST_MARGIN = 20          # minutes above L: the first core (a third of an hour; bench/bench_phases.py)  # noqa: rule-number


def pinned(item) -> bool:
    return item.required or item.booked is not None


def core_items(pm, relaxation, theta: int) -> list:
    return [item for item, var in zip(pm.items, pm.x) if pinned(item) or relaxation.free(var.index, theta)]


def solve(make_solver, cp_model, prob, pm, extra, workers: int):
    """(solver, status, model) from the stages on the core, or None: solve
    the whole model `pm` instead (no optimum of the LP, a core that is
    the whole model, a core with no plan)."""
    relaxation = relax.relax(pm.model.proto, {var.index: item.effort for item, var in zip(pm.items, pm.x)})
    if relaxation is None:
        return None
    theta = FIRST_MARGIN
    while True:
        items = core_items(pm, relaxation, theta)
        if len(items) == len(pm.items):
            return None
        core = build(cp_model, prob.policy, prob.person, prob.records, prob.years, items,
                     size=pm.size, today=prob.today, closes=prob.closes)
        solver = make_solver(core)
        status = solver.lexicographic(workers, extra(core), accept=lambda value: relaxation.covers(value, theta))
        if status == RETRY:
            theta = relaxation.gap(solver.stages[0].value)
            continue
        if status in (INFEASIBLE, UNKNOWN):
            return None
        effort = solver.stages[0]
        if effort.status != OPTIMAL and effort.bound is not None:
            effort.bound = min(effort.bound, relaxation.outside(theta))
        return solver, status, core
