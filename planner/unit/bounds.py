"""A lower bound on the unit's objective by Lagrangian relaxation of the seats.

The unit problem is: minimise sum_p f_p(x_p) subject to each person's own
rules, the seats (sum_p x_po <= s_o for every offering or training with a
seat limit), the away limits and the unit budget. Drop the away limits and
the budget (a relaxation: fewer constraints, the optimum can only fall) and
move the seats into the objective with prices l_o >= 0:

    L(l) = sum_p min_{x_p} [f_p(x_p) + sum_o l_o x_po] - sum_o l_o s_o.

For any plan x that keeps the seats, sum_o l_o (sum_p x_po - s_o) <= 0, so
f(x) >= f(x) + sum_o l_o (sum_p x_po - s_o) >= L(l): L(l) is a lower bound
for every l >= 0 (weak duality). Prices are whole minutes (the model's
integer objective); each person's inner minimum is taken as CP-SAT's proven
bound on it (the optimum when proven, else a value at or below it), so the
sum stays below the true L(l). People with equal needs share one solve.

Prices move by the subgradient (seat use minus seats) with Polyak's step
towards the incumbent plan's objective. Only the best L(l) seen is kept.
"""
from __future__ import annotations

import math
import time
from typing import Callable, Optional

from ..plan.sat import load_cp_model

cp_model = load_cp_model()      # without pandas: see sat.py

from ..models import Policy
from .model import Usage, build_frame

LinearExpr = cp_model.LinearExpr


class SeatPrices:
    """Subgradient search on seat prices; `step()` runs one round."""

    def __init__(self, policy: Policy, needs, trainings, seats: dict, limits: dict, budget,
                 sub_seconds: float = 1.0):
        self.classes: dict[tuple, list] = {}           # signature -> needs sharing it
        for need in needs:
            self.classes.setdefault(need.signature, []).append(need)
        self.frames = {}
        for sig, group in self.classes.items():
            frame = build_frame(policy, [group[0]], trainings, seats, limits, budget, Usage(), relaxed=True)
            pv = frame.people[0]
            priced = [(oid, lit) for oid, lit in pv.x.items() if seats.get(oid) is not None]
            self.frames[sig] = (frame, priced)
        self.seats = {oid: s for oid, s in seats.items() if s is not None}
        self.prices = {oid: 0.0 for oid in self.seats}
        self.best = -math.inf
        self.theta = 1.0
        self.stall = 0
        self.rounds = 0
        self.sub_seconds = sub_seconds
        self.last: dict[tuple, set] = {}
        self.halt: Callable[[], bool] = lambda: False

    def evaluate(self) -> tuple[float, dict]:
        """L(prices) (whole-minute prices) and the seat use of the inner optima."""
        use = {oid: 0 for oid in self.seats}
        price = {oid: math.floor(p) for oid, p in self.prices.items()}
        total = -sum(price[o] * s for o, s in self.seats.items())
        for sig, (frame, priced) in self.frames.items():
            if self.halt():
                return -math.inf, use          # cut short: no bound from this round
            count = len(self.classes[sig])
            extra = [(lit, price[oid]) for oid, lit in priced if price[oid] > 0]
            obj = frame.objective
            if extra:
                obj = obj + LinearExpr.weighted_sum([l for l, _ in extra], [c for _, c in extra])
            frame.model.minimize(obj)
            last = self.last.get(sig)
            if last is not None:          # the previous prices' optimum: a good start
                frame.model.clear_hints()
                for oid, lit in frame.people[0].x.items():
                    frame.model.add_hint(lit, oid in last)
            solver = cp_model.CpSolver()
            p = solver.parameters
            p.num_workers = 1
            p.cp_model_presolve = bool(extra)      # measured: priced solves are 2-5x faster with it
            p.max_time_in_seconds = self.sub_seconds
            status = solver.solve(frame.model)
            if status == cp_model.OPTIMAL:
                value = solver.objective_value
            else:
                value = solver.best_objective_bound
            total += count * math.ceil(value - 1e-6)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                self.last[sig] = {oid for oid, lit in frame.people[0].x.items() if solver.boolean_value(lit)}
                for oid, lit in priced:
                    if solver.boolean_value(lit):
                        use[oid] += count
        return total, use

    def step(self, incumbent: float) -> float:
        value, use = self.evaluate()
        if value == -math.inf:
            return self.best
        self.rounds += 1
        if value > self.best + 0.5:
            self.best = value
            self.stall = 0
        else:
            self.stall += 1
            if self.stall >= 3:
                self.theta /= 2
                self.stall = 0
        g = {o: use[o] - s for o, s in self.seats.items()}
        # a price already at zero cannot fall: its negative slope is not a direction
        norm = sum(v * v for o, v in g.items() if v > 0 or self.prices[o] > 0)
        if norm == 0:
            return self.best
        # the step aims at the plan's objective, but at most 10% above the best
        # bound: a plan with people short (weighted shortfall) is no target
        target = min(incumbent, 1.1 * max(value, self.best))
        t = self.theta * max(target - value, 1.0) / norm
        for o, v in g.items():
            self.prices[o] = max(0.0, self.prices[o] + t * v)
        return self.best


def seat_bound(policy: Policy, needs, trainings, seats, limits, budget, incumbent: Callable[[], float],
               seconds: float, stop: Optional[Callable[[], bool]] = None,
               rounds: Optional[int] = None) -> tuple[float, list]:
    """The best L(l) found within `seconds` (wall clock) or `rounds`, and its trace."""
    start = time.perf_counter()
    search = SeatPrices(policy, needs, trainings, seats, limits, budget)
    trace = []
    while time.perf_counter() - start < seconds and not (stop and stop()) \
            and (rounds is None or search.rounds < rounds):
        best = search.step(incumbent())
        trace.append((round(time.perf_counter() - start, 1), best))
    return search.best, trace


class PriceSearch:
    """`SeatPrices` rounds on a thread beside the neighbourhood search (the
    second core), until `finish()`; same interface as unit.BoundSearch.
    `incumbent` is read each round (the plan's objective, for the step)."""

    def __init__(self, policy: Policy, needs, trainings, seats, limits, budget,
                 incumbent: Callable[[], float], seconds: float):
        import threading
        self.args = (policy, needs, trainings, seats, limits, budget)
        self.incumbent = incumbent
        self.deadline = time.perf_counter() + seconds
        self.started = time.perf_counter()
        self.trace: list[tuple[float, float]] = []
        self.best = -math.inf
        self.rounds = 0
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="unit-prices", daemon=True)
        self.thread.start()

    @property
    def bound(self) -> float:
        return max(self.best, 0)

    def _run(self):
        search = SeatPrices(*self.args)
        search.halt = lambda: self.stopped or time.perf_counter() >= self.deadline
        while not self.stopped and time.perf_counter() < self.deadline:
            best = search.step(self.incumbent())
            self.rounds = search.rounds
            if best > self.best:
                self.best = best
                self.trace.append((time.perf_counter() - self.started, best))

    def finish(self) -> float:
        self.stopped = True
        self.thread.join()
        return self.bound
