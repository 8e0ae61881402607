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
towards the first plan's objective. Only the best L(l) seen is kept.

Every bound here is a `UnitBound`: `weight x S* + E* >= value` for the
unit's lexicographic optimum (least total shortfall S*, then least effort
E*); assemble.bounds turns them into the reported bounds. Both searches
run on the second core on their own deterministic budget and read nothing
the neighbourhood search writes, so their bound is the same on every run.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Callable, Optional

from ..models.policy import Policy
from ..plan.sat import cp_model            # imported at the first solve (sat.py)
from .model import build_frame
from .prepare import Score
from .solve import hint
from .usage import Limits, Usage

FULL_MODEL_STAFF = 40        # units this small are solved as one model (no bound search beside it)
LARGE = 400                  # above this many staff, seat prices instead of the whole-unit model


@dataclass(frozen=True)
class Ideal:
    """A person's own optimum with every shared limit dropped."""
    ids: tuple[str, ...]
    score: Score
    weight: int                  # the person's shortfall weight (model.shortfall_weight)
    lower: int                   # proven: weight x shortfall + effort >= lower, for any plan of theirs
    proven: bool                 # both stages (effort, then fees) proven optimal

    @property
    def short_lower(self) -> int:
        """A proven lower bound on the person's shortfall (effort < weight)."""
        return self.lower // self.weight


@dataclass(frozen=True)
class UnitBound:
    """weight x S* + E* >= value at the unit's optimum. `exact`: weight
    exceeds any total effort, so value // weight also bounds S*."""
    value: float
    weight: int
    exact: bool


def _limits(trainings, seats, limits, budget) -> Limits:
    if isinstance(limits, Limits):
        return limits
    return Limits(seats, limits, budget, dict(getattr(trainings, "costs", {})))


class SeatPrices:
    """Subgradient search on seat prices; `step()` runs one round."""

    def __init__(self, policy: Policy, needs, trainings, seats: dict, limits, budget,
                 sub_work: float = 1.0):
        lim = _limits(trainings, seats, limits, budget)
        self.classes: dict[tuple, list] = {}           # signature -> needs sharing it
        for need in needs:
            self.classes.setdefault(need.signature, []).append(need)
        self.frames = {}
        for sig, group in self.classes.items():
            frame = build_frame(policy, [group[0]], trainings, lim, Usage(), relaxed=True)
            pv = frame.people[0]
            priced = [(oid, lit) for oid, lit in pv.x.items() if seats.get(oid) is not None]
            self.frames[sig] = (frame, priced)
        self.seats = {oid: s for oid, s in seats.items() if s is not None}
        self.weight = max((f.people[0].weight for f, _ in self.frames.values()), default=1)
        self.prices = {oid: 0.0 for oid in self.seats}
        self.best = -math.inf
        self.theta = 1.0
        self.stall = 0
        self.rounds = 0
        self.work = 0.0                                 # deterministic seconds spent
        self.sub_work = sub_work
        self.last: dict[tuple, set] = {}

    def evaluate(self) -> tuple[float, dict]:
        """L(prices) (whole-minute prices) and the seat use of the inner optima."""
        use = {oid: 0 for oid in self.seats}
        price = {oid: math.floor(p) for oid, p in self.prices.items()}
        total = -sum(price[o] * s for o, s in self.seats.items())
        for sig, (frame, priced) in self.frames.items():
            count = len(self.classes[sig])
            extra = [(lit, price[oid]) for oid, lit in priced if price[oid] > 0]
            obj = frame.objective
            if extra:
                obj = obj + cp_model.LinearExpr.weighted_sum([l for l, _ in extra], [c for _, c in extra])
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
            p.max_deterministic_time = self.sub_work
            status = solver.solve(frame.model)
            self.work += solver.response_proto.deterministic_time
            value = solver.objective_value if status == cp_model.OPTIMAL else solver.best_objective_bound
            total += count * math.ceil(value - 1e-6)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                self.last[sig] = {oid for oid, lit in frame.people[0].x.items() if solver.boolean_value(lit)}
                for oid, lit in priced:
                    if solver.boolean_value(lit):
                        use[oid] += count
        return total, use

    def step(self, incumbent: float) -> float:
        value, use = self.evaluate()
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
               work: float, stop: Optional[Callable[[], bool]] = None,
               rounds: Optional[int] = None) -> tuple[float, list]:
    """The best L(l) found within `work` deterministic seconds or `rounds`, and its trace."""
    search = SeatPrices(policy, needs, trainings, seats, limits, budget)
    trace = []
    while search.work < work and not (stop and stop()) and (rounds is None or search.rounds < rounds):
        best = search.step(incumbent())
        trace.append((round(search.work, 1), best))
    return search.best, trace


class Beside:
    """A bound search on its own thread (the second core), on its own
    deterministic budget; `finish()` waits for it (or drops it, when the
    plan is proven otherwise: its bound no longer matters)."""

    def __init__(self, run: Callable[[], list]):
        self.found: list = []
        self.stopped = False
        self.solver = None
        self.lock = threading.Lock()
        self._run = run
        self.thread = threading.Thread(target=self._body, name="unit-bound", daemon=True)
        self.thread.start()

    def _body(self):
        self.found = self._run(self)

    def running(self, solver) -> bool:
        with self.lock:
            self.solver = solver
            return not self.stopped

    def finish(self, drop: bool = False) -> list:
        if drop:
            with self.lock:
                self.stopped = True
                if self.solver is not None:
                    self.solver.stop_search()
        self.thread.join()
        return [] if drop else list(self.found)


class PriceSearch(Beside):
    """`SeatPrices` rounds beside the neighbourhood search until `work`
    deterministic seconds (or `rounds`) are spent; the Polyak target is
    fixed (`incumbent()` read once, at the start)."""

    def __init__(self, policy: Policy, needs, trainings, seats, limits, budget,
                 incumbent: Callable[[], float], work: float, rounds: Optional[int] = None):
        self.args = (policy, needs, trainings, seats, limits, budget)
        self.target = incumbent()
        self.work, self.max_rounds = work, rounds
        self.best = -math.inf
        self.rounds = 0
        super().__init__(self._prices)

    @property
    def bound(self) -> float:
        return max(self.best, 0)

    def _prices(self, me) -> list:
        search = SeatPrices(*self.args)
        while not self.stopped and search.work < self.work and (
                self.max_rounds is None or search.rounds < self.max_rounds):
            self.best = max(self.best, search.step(self.target))
            self.rounds = search.rounds
        return [UnitBound(self.bound, search.weight, exact=False)]


def _whole_unit(problem, ideal, first_short: int, work: float, wall: float):
    """The whole unit as one model, solved only for its bound (1 worker,
    linearization level 2: the LP with cuts sees what the individual optima
    drop); no more total shortfall than the first plan (the optimum has no
    more). It needs a hint: the individual plans."""
    def run(me: Beside) -> list:
        frame = build_frame(problem.policy, list(problem.needs), problem.trainings, problem.limits, Usage())
        frame.model.add(frame.shortfall <= first_short)
        hint(frame, [ideal[n.pid].ids for n in problem.needs])
        frame.model.minimize(frame.objective)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.linearization_level = 2
        p.max_deterministic_time = work
        p.max_time_in_seconds = wall
        if not me.running(solver):
            return []
        status = solver.solve(frame.model)
        me.running(None)
        if status == cp_model.INFEASIBLE:
            return []
        return [UnitBound(solver.best_objective_bound, frame.weight, exact=True)]
    return run


def start_bound_search(problem, ideal, inc, settings, wall: float) -> Optional[Beside]:
    """Above FULL_MODEL_STAFF staff: the whole-unit model up to LARGE staff,
    seat prices above (measured stronger at 1,000: docs/benchmarks.md)."""
    n = len(problem.needs)
    if n <= FULL_MODEL_STAFF:
        return None
    if n <= LARGE:
        return Beside(_whole_unit(problem, ideal, inc.total().short, settings.work, wall))
    first = sum(inc.score[p].short * ideal[p].weight + inc.score[p].effort for p in inc.plan)
    return PriceSearch(problem.policy, list(problem.needs), problem.trainings, dict(problem.limits.seats),
                       problem.limits, problem.limits.budget, lambda: first, settings.work)
