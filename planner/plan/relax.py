"""An exact lower bound and reduced costs for a linear objective over a
CP-SAT model, from the LP relaxation of the model itself (GLOP), for the
effort stage's core (core.py).

The relaxation reads the model's proto, so it relaxes exactly what CP-SAT
solves: every variable in its domain's hull; a linear constraint in its
domain's hull; at_most_one / exactly_one / bool_or as sums of literals; a
lin_max `t = max(e_k)` as `t >= e_k` (one direction of the equality; the
capped sums of model.add_route_caps are min-equalities, stored as lin_max
of the negations). Constraints with enforcement literals and every other
kind are left out. Leaving a constraint out only enlarges the feasible set,
so every plan of the model is a point of the relaxation.

The bound does not trust the LP's floating point. GLOP's duals are only a
guess: each row's multiplier is rounded to a multiple of 1/SCALE, and the
Lagrangian of those rounded multipliers is worked out in integers. For ANY
multipliers y (y_r >= 0 paired with a row's lower bound, y_r <= 0 with its
upper bound) and any point x of the relaxation,

    c.x = (c - yA).x + y.(Ax) >= sum_j d_j x_j + y.b >= sum_j min(d_j lo_j, d_j hi_j) + y.b = L

with d = c - yA the reduced costs and lo/hi the variables' bounds. So L is a
valid lower bound on every plan's objective (exact, whatever GLOP got
wrong: wrong duals only give a weaker L), and a Boolean x_j with d_j > 0
set to 1 costs at least L + d_j: every plan with objective <= L + theta
has x_j = 0 when d_j > theta.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

SCALE = 2 ** 20          # multipliers are rounded to multiples of 1/SCALE; all sums are exact integers
INFINITE = 2 ** 62       # CP-SAT's domains use int64 extremes for "unbounded"


@dataclass(frozen=True)
class Relaxation:
    """L * SCALE and each variable's reduced cost * SCALE (exact integers)."""
    scaled_bound: int
    scaled_reduced: tuple[int, ...]

    def free(self, index: int, theta: int) -> bool:
        """Whether variable `index` may be 1 in a plan of objective <= L + theta."""
        return self.scaled_reduced[index] <= theta * SCALE

    def covers(self, value: int, theta: int) -> bool:
        """Whether every plan of objective <= value has all non-free variables at 0."""
        return value * SCALE <= self.scaled_bound + theta * SCALE

    def outside(self, theta: int) -> int:
        """The least integer objective of a plan that sets a non-free variable."""
        return (self.scaled_bound + theta * SCALE) // SCALE + 1

    def gap(self, value: int) -> int:
        """The theta (whole units) at which `value` is covered: value - L, rounded up."""
        return max(0, -((self.scaled_bound - value * SCALE) // SCALE))


def _literal(lit: int, terms: dict, sign: int = 1) -> int:
    """Add literal `lit` to `terms`; returns the constant it contributes (a
    negated literal NOT x is 1 - x)."""
    if lit >= 0:
        terms[lit] = terms.get(lit, 0) + sign
        return 0
    terms[-lit - 1] = terms.get(-lit - 1, 0) - sign
    return sign


def _bounded(value: int) -> Optional[int]:
    return value if -INFINITE < value < INFINITE else None


def rows(proto) -> list[tuple[dict, Optional[int], Optional[int]]]:
    """The relaxation's rows (terms, lo, hi); None: no bound on that side."""
    out = []
    for c in proto.constraints:
        if len(c.enforcement_literal):
            continue
        if c.has_linear():
            lin, terms = c.linear, {}
            for v, k in zip(lin.vars, lin.coeffs):
                terms[v] = terms.get(v, 0) + k
            domain = list(lin.domain)
            out.append((terms, _bounded(domain[0]), _bounded(domain[-1])))
        elif c.has_at_most_one() or c.has_exactly_one() or c.has_bool_or():
            lits = (c.at_most_one if c.has_at_most_one() else c.exactly_one if c.has_exactly_one()
                    else c.bool_or).literals
            terms, const = {}, 0
            for lit in lits:
                const += _literal(lit, terms)
            lo = None if c.has_at_most_one() else 1 - const
            hi = None if c.has_bool_or() else 1 - const
            out.append((terms, lo, hi))
        elif c.has_lin_max():
            target = c.lin_max.target
            for expr in c.lin_max.exprs:        # target >= expr
                terms = {}
                for v, k in zip(target.vars, target.coeffs):
                    terms[v] = terms.get(v, 0) + k
                for v, k in zip(expr.vars, expr.coeffs):
                    terms[v] = terms.get(v, 0) - k
                out.append((terms, expr.offset - target.offset, None))
    return out


def relax(proto, costs: dict[int, int]) -> Optional[Relaxation]:
    """The exact Lagrangian bound of `costs` (variable index -> coefficient)
    over the model, from GLOP's duals; None when GLOP finds no optimum (the
    caller then solves the whole model)."""
    from ortools.linear_solver import pywraplp
    bounds = [(dom[0], dom[-1]) for dom in (list(v.domain) for v in proto.variables)]
    table = rows(proto)
    lp = pywraplp.Solver.CreateSolver("GLOP")
    infinity = lp.infinity()
    x = [lp.NumVar(lo, hi, "") for lo, hi in bounds]
    constraints = []
    for terms, lo, hi in table:
        row = lp.Constraint(-infinity if lo is None else lo, infinity if hi is None else hi)
        for v, k in terms.items():
            row.SetCoefficient(x[v], k)
        constraints.append(row)
    objective = lp.Objective()
    for v, k in costs.items():
        objective.SetCoefficient(x[v], k)
    objective.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return lagrangian(table, bounds, costs, [row.dual_value() for row in constraints])


def lagrangian(table, bounds, costs: dict[int, int], duals) -> Relaxation:
    """The bound L and reduced costs of multipliers `duals` rounded to 1/SCALE
    (module doc), in exact integer arithmetic."""
    reduced = [0] * len(bounds)
    for v, k in costs.items():
        reduced[v] = k * SCALE
    scaled = 0
    for (terms, lo, hi), dual in zip(table, duals):
        y = round(dual * SCALE)
        side = lo if y > 0 else hi if y < 0 else None
        if side is None:                 # zero, or no bound on the side its sign needs
            continue
        scaled += y * side
        for v, k in terms.items():
            reduced[v] -= y * k
    for d, (lo, hi) in zip(reduced, bounds):
        scaled += min(d * lo, d * hi)
    return Relaxation(scaled, tuple(reduced))
