"""`planner unit`: the whole unit's year, together.

Design (chosen on bench/bench_unit.py, see docs/benchmarks.md "unit"):
1. Lower bound: each person's own optimum with every shared limit dropped
   (seats, away limits, budget; trainings free), solved once per distinct
   need (people with equal signatures share one solve); raised beside the
   search by the whole-unit CP-SAT bound, or above 400 staff by seat prices
   (Lagrangian relaxation, unit/bounds.py).
2. First plan: those individual plans, taken in id order while the shared
   limits allow; a person whose plan no longer fits is re-solved alone
   against what is left (seats, away room, budget).
3. Large-neighbourhood search: re-optimise a few people at a time (a person
   above their own optimum with whoever holds the seats or away days they
   would want; the attendees and candidates of a training; a random slice of
   a department), the rest fixed, until the plan is proven or the time
   limit is hit or a full round brings nothing. Small units are also solved
   as one model, which can prove optimality outright.
Every sub-solve is single-worker with a deterministic time budget, so the
result is the same on every run unless the wall-clock limit cuts it
(UnitPlan.deterministic says which).
"""
from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections import Counter
from typing import Callable, Optional, Sequence

from .. import ledger as ledger_mod
from ..errors import PlannerError
from ..i18n import t
from ..models import Offering, Person, Policy, Unit
from .bounds import PriceSearch
from .model import Usage, build_frame, is_away, shortfall_weight
from .prepare import Need, away_limit, prepare
from .result import FEASIBLE, INFEASIBLE, OPTIMAL, PersonPlan, Short, TrainingPlan, UnitPlan
from .solve import hint, solve_frame

FULL_MODEL_STAFF = 40        # units this small are also solved as one model


def evaluate(need: Need, ids, policy: Policy) -> tuple[int, int, int]:
    """(shortfall tenths, effort minutes, fee fen) of a plan, by the same
    arithmetic as the model (records + chosen, capped per route)."""
    chosen = set(ids)
    raw = need.raw()
    effort = fee = 0
    for item in need.items:
        if item.id in chosen:
            raw[item.route] = raw.get(item.route, 0) + item.tenths
            effort += item.effort
            fee += item.fee
    standing = ledger_mod.year_standing(policy, 0, raw)
    short = sum(t.shortfall for t in standing.targets)
    if need.prior_cycle is not None:
        b = standing.counted(policy.cycle_routes()) + need.prior_cycle
        short += max(0, policy.cycle.hours - b)
    return short, effort, fee


class State:
    """The incumbent plan and what it uses of every shared limit."""

    def __init__(self, needs: list[Need], trainings, unit: Unit, policy: Policy):
        self.needs = {n.pid: n for n in needs}
        self.trainings = trainings
        self.unit = unit
        self.policy = policy
        self.plan: dict[str, tuple[str, ...]] = {}
        self.value: dict[str, tuple[int, int, int]] = {}
        self.seats: Counter = Counter()
        self.away: Counter = Counter()
        self.fees = 0
        self.items = {n.pid: {i.id: i for i in n.items} for n in needs}
        self.weights = {n.pid: shortfall_weight(n) for n in needs}
        self.holders: dict[str, set] = {}              # item id -> who attends it
        self.away_by: dict[tuple, set] = {}             # (department, day) -> who is away

    def _apply(self, pid: str, ids, sign: int) -> None:
        need = self.needs[pid]
        for oid in ids:
            item = self.items[pid][oid]
            self.seats[oid] += sign
            holders = self.holders.setdefault(oid, set())
            holders.add(pid) if sign > 0 else holders.discard(pid)
            if is_away(item, self.trainings):
                for day in item.days:
                    key = (need.department, day)
                    self.away[key] += sign
                    who = self.away_by.setdefault(key, set())
                    who.add(pid) if sign > 0 else who.discard(pid)
        self.fees += sign * self.value[pid][2]

    def add(self, pid: str, ids) -> None:
        ids = tuple(sorted(ids))
        self.plan[pid] = ids
        self.value[pid] = evaluate(self.needs[pid], ids, self.policy)
        self._apply(pid, ids, +1)

    def remove(self, pid: str) -> tuple[str, ...]:
        ids = self.plan.pop(pid)
        self._apply(pid, ids, -1)
        del self.value[pid]
        return ids

    def training_cost(self) -> int:
        return sum(t.cost for tid, t in self.unit_trainings() if self.seats.get(tid, 0) > 0)

    def unit_trainings(self):
        return ((t.id, t) for t in self.unit.unit_trainings)

    def spent(self) -> int:
        return self.fees + self.training_cost()

    def usage(self) -> Usage:
        return Usage(dict(+self.seats), dict(+self.away), self.spent())

    def objective(self, pid: str) -> int:
        short, effort, _ = self.value[pid]
        return short * self.weights[pid] + effort

    def fits(self, pid: str, ids, seats, limits, budget) -> bool:
        """Whether adding this plan keeps every shared limit."""
        need = self.needs[pid]
        extra = 0
        for oid in ids:
            item = self.items[pid][oid]
            if seats.get(oid) is not None and self.seats.get(oid, 0) + 1 > seats[oid]:
                return False
            if is_away(item, self.trainings):
                for day in item.days:
                    if self.away.get((need.department, day), 0) + 1 > limits[need.department]:
                        return False
            if oid in self.trainings and self.seats.get(oid, 0) == 0:
                extra += self._training(oid).cost
        fee = evaluate(need, ids, self.policy)[2]
        return budget is None or self.spent() + fee + extra <= budget

    def blocked(self, pid: str, seats, limits) -> tuple[str, ...]:
        """The person's items that no seat or away room is left for."""
        need = self.needs[pid]
        out = []
        for item in need.items:
            if seats.get(item.id) is not None and self.seats.get(item.id, 0) >= seats[item.id]:
                out.append(item.id)
            elif is_away(item, self.trainings) and any(
                    self.away.get((need.department, d), 0) >= limits[need.department] for d in item.days):
                out.append(item.id)
        return tuple(out)

    def _training(self, tid):
        return next(t for t in self.unit.unit_trainings if t.id == tid)


class BoundSearch:
    """CP-SAT models of the unit solved on the second core only for their
    bound: the LP (linearization level 2, with cuts) sees the seats, away
    limits and budget that the individual optima drop, and proves far more
    than they do. Their own plans are poor (the neighbourhood search keeps
    the plan). Wall-clock driven: the bound reached can differ between runs.

    `parts` are solved one after the other, each for its share of the time;
    each is (build() -> frame, hint, floor): the bound is the sum over parts
    of max(floor, the part's proven bound). Used with one part, the whole
    unit, up to BOUND_SEARCH_MAX staff; above it the seat prices of
    bounds.PriceSearch bound the unit instead (measured stronger than
    one part per department)."""

    def __init__(self, parts, seconds: float):
        import threading
        self.parts = parts
        self.bounds = [0.0] * len(parts)
        self.deadline = time.perf_counter() + seconds
        self.trace: list[tuple[float, float]] = []
        self.started = time.perf_counter()
        self.stopped = False
        self.solver = None
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="unit-bound", daemon=True)
        self.thread.start()

    @property
    def bound(self) -> float:
        return sum(max(floor, b) for (_, _, floor), b in zip(self.parts, self.bounds))

    def _run(self):
        from ..plan.sat import load_cp_model
        cp_model = load_cp_model()
        for k, (build, hint_ids, _) in enumerate(self.parts):
            left = self.deadline - time.perf_counter()
            if self.stopped or left <= 0.5:
                return
            frame = build()
            hint(frame, hint_ids)             # the LP climbs only once it has a hint
            frame.model.minimize(frame.objective)
            solver = cp_model.CpSolver()
            p = solver.parameters
            p.num_workers = 1
            p.linearization_level = 2
            p.max_time_in_seconds = max(0.1, left / (len(self.parts) - k))

            def on_bound(value, k=k):
                self.bounds[k] = max(self.bounds[k], value)
                self.trace.append((time.perf_counter() - self.started, self.bound))
            solver.best_bound_callback = on_bound
            with self.lock:
                if self.stopped:
                    return
                self.solver = solver
            solver.solve(frame.model)
            self.bounds[k] = max(self.bounds[k], solver.best_objective_bound)
            with self.lock:
                self.solver = None
            del frame

    def finish(self) -> float:
        with self.lock:
            self.stopped = True
            if self.solver is not None:
                self.solver.stop_search()
        self.thread.join()
        return self.bound


BOUND_SEARCH_STAFF = FULL_MODEL_STAFF   # above this, the bound search runs beside the LNS
BOUND_SEARCH_MAX = 400                  # ... as one model up to this; beyond, seat prices (bounds.py)


def plan_unit(unit: Unit, staff: Sequence[Person], policy: Policy, offerings: Sequence[Offering],
              year: int, today: dt.date, time_limit: float = 60.0, seed: int = 0,
              neighbourhood: Optional[int] = None, sub_seconds: float = 0.5, bound_search: bool = True,
              progress: Optional[Callable[[str], None]] = None) -> UnitPlan:
    start = time.perf_counter()
    deadline = start + time_limit
    if neighbourhood is None:   # measured: 12 beat 8 at 1,000 staff (8.04% against 8.52%)
        neighbourhood = 8 if len(staff) <= BOUND_SEARCH_MAX else 12
    if not staff:
        raise PlannerError(t("errors.unit_no_staff", uid=unit.id))
    needs, trainings = prepare(unit, staff, policy, offerings, year, today)
    seats = {o.id: o.seats for o in offerings if o.credit_year == year}
    seats.update({tid: t.seats for tid, t in trainings.items()})
    sizes = Counter(n.department for n in needs)
    limits = {d: away_limit(unit, s) for d, s in sizes.items()}
    budget = unit.budget
    say = progress or (lambda text: None)
    stats = Counter()
    cut = False

    def left() -> float:
        return deadline - time.perf_counter()

    # 1. each person's own optimum: the lower bound
    say("individual optima")
    by_sig: dict[tuple, tuple] = {}
    ideal: dict[str, tuple] = {}
    for need in needs:
        sig = need.signature
        if sig not in by_sig:
            frame = build_frame(policy, [need], trainings, seats, limits, budget, Usage(), relaxed=True)
            res = solve_frame(frame, min(5.0, max(0.2, left() / 4)))
            stats["individual_solves"] += 1
            lower = res.objective if res.proven else math.ceil(res.bound - 1e-6)
            by_sig[sig] = (res.objective, lower, res.chosen[0] if res.found else (), res.cost, res.proven)
        ideal[need.pid] = by_sig[sig]
    weights = {n.pid: shortfall_weight(n) for n in needs}
    ideal_short = {n.pid: evaluate(n, ideal[n.pid][2], policy)[0] for n in needs}
    # the bound on shortfall is the individual one only where the individual solve was proven
    lower = sum(v[1] for v in ideal.values())

    searcher = None
    incumbent = [lower * 1.1]       # the plan's objective, read by the price search for its step
    if BOUND_SEARCH_STAFF < len(needs) and bound_search and left() > 5:
        if len(needs) <= BOUND_SEARCH_MAX:
            part = (lambda: build_frame(policy, needs, trainings, seats, limits, budget, Usage()),
                    [ideal[n.pid][2] for n in needs], lower)
            searcher = BoundSearch([part], left() - 1.0)
        else:   # measured at 1,000 staff: 45,885 h after 100 s against 44,615-45,033 h
            # for one CP-SAT model per department after 270 s (docs/benchmarks.md)
            searcher = PriceSearch(policy, needs, trainings, seats, limits, budget,
                                   lambda: incumbent[0], left() - 1.0)

    # large units: a neighbourhood that lowers the effort skips its cost stage
    # (the cost is lowered by later neighbourhoods that keep the effort)
    quick_effort = len(needs) > BOUND_SEARCH_MAX
    # without a bound search beside it, the search takes both cores
    lns_workers = 2 if searcher is None and len(needs) > BOUND_SEARCH_MAX else 1

    # 2. the first plan: individual plans while they fit, else re-solved against the rest
    say("first plan")
    state = State(needs, trainings, unit, policy)
    repaired: dict[tuple, tuple] = {}

    # in id order: putting first whoever would fall short without the limited
    # seats, or whoever loses most without them, was measured worse (docs/benchmarks.md)
    for need in needs:
        ids = ideal[need.pid][2]
        if state.fits(need.pid, ids, seats, limits, budget):
            state.add(need.pid, ids)
            continue
        # people with the same needs, facing the same full items, get the same repair
        key = (need.signature, need.department, state.blocked(need.pid, seats, limits))
        ids = repaired.get(key)
        if ids is None or not state.fits(need.pid, ids, seats, limits, budget):
            frame = build_frame(policy, [need], trainings, seats, limits, budget, state.usage())
            res = solve_frame(frame, sub_seconds, cost_stage=False)   # the search lowers the cost later
            stats["repairs"] += 1
            ids = res.chosen[0] if res.found else ()
            repaired[key] = ids
        else:
            stats["repairs_cached"] += 1
        state.add(need.pid, ids)
    first_feasible = time.perf_counter() - start

    def total() -> tuple[int, int]:
        return sum(state.objective(p) for p in state.plan), state.spent()

    incumbent[0] = total()[0]

    ideal_cost = sum(v[3] for v in ideal.values())

    def proven_by_bound() -> bool:
        obj, cost = total()
        return obj == lower and cost == ideal_cost and all(v[4] for v in ideal.values())

    proven = proven_by_bound()

    def reoptimise(pids: list[str], seconds: float, deterministic: bool = True) -> bool:
        """Re-solve these people with the rest fixed; keep it if better."""
        nonlocal lower
        pids = sorted(set(pids))
        before = total()
        cur = sum(state.objective(p) for p in pids)
        old = {p: state.remove(p) for p in pids}
        usage = state.usage()
        frame = build_frame(policy, [state.needs[p] for p in pids], trainings, seats, limits, budget, usage)
        res = solve_frame(frame, seconds, chosen=[old[p] for p in pids], ceiling=cur,
                          deterministic=deterministic and lns_workers == 1, wall=max(0.1, left()),
                          workers=lns_workers if len(pids) < len(needs) else 1,
                          cost_when_better=len(pids) == len(needs) or not quick_effort)
        stats["neighbourhoods"] += 1
        if res.found and (before[0] - cur + res.objective, usage.spent + res.cost) < before:
            for p, ids in zip(pids, res.chosen):
                state.add(p, ids)
            stats["improvements"] += 1
            incumbent[0] = total()[0]
            if len(pids) == len(needs) and res.proven:
                return True
            return False
        for p in pids:
            state.add(p, old[p])
        if len(pids) == len(needs) and res.found and res.bound > lower:
            lower = max(lower, math.ceil(res.bound - 1e-6))
        return len(pids) == len(needs) and res.proven

    # 3. small units: one model, which can prove the optimum
    if not proven and len(needs) <= FULL_MODEL_STAFF and left() > 0.5:
        say("whole unit model")
        budget_s = min(left() - 0.2, max(5.0, sub_seconds * 10))
        if reoptimise([n.pid for n in needs], budget_s):
            proven = True
        proven = proven or proven_by_bound()

    # 4. large-neighbourhood search
    rng = random.Random(seed)
    depts = sorted(sizes)
    by_dept = {d: [n.pid for n in needs if n.department == d] for d in depts}
    idle = 0
    round_size = max(10, len(needs) // neighbourhood)
    say("neighbourhood search")
    while not proven and left() > sub_seconds * 1.5:
        displaced = sorted((p for p in state.plan if state.objective(p) > ideal[p][0]),
                           key=lambda p: (ideal[p][0] - state.objective(p), p))
        kind = stats["neighbourhoods"] % 3
        if displaced and kind != 2:
            target = displaced[stats["neighbourhoods"] // 3 % len(displaced)] if kind == 1 else displaced[0]
            pids = [target] + blockers(state, target, ideal[target][2], seats, limits, rng, neighbourhood - 1)
        else:
            dept = depts[rng.randrange(len(depts))]
            members = by_dept[dept]
            pids = rng.sample(members, min(neighbourhood, len(members)))
            if trainings and rng.random() < 0.5:
                tid = sorted(trainings)[rng.randrange(len(trainings))]
                keen = [p for p in state.plan if tid in ideal[p][2] or tid in state.plan[p]]
                pids = rng.sample(keen, min(neighbourhood, len(keen))) or pids
        improved_before = stats["improvements"]
        reoptimise(pids, sub_seconds)
        proven = proven_by_bound()
        idle = 0 if stats["improvements"] > improved_before else idle + 1
        if idle >= round_size and searcher is None:
            break
    else:
        if not proven:
            cut = True
    if not proven and left() <= sub_seconds * 1.5:
        cut = True
    if searcher is not None:
        found = searcher.finish()
        stats["bound_search"] = math.ceil(found - 1e-6)
        stats["bound_trace"] = [(round(t, 1), int(b)) for t, b in searcher.trace[-5:]]
        if isinstance(searcher, PriceSearch):
            stats["price_rounds"] = searcher.rounds
        lower = max(lower, math.ceil(found - 1e-6))   # effort proven when it meets the plan; cost is not
        cut = True

    return _result(unit, policy, year, today, needs, trainings, state, ideal, ideal_short, weights,
                   lower, proven, limits, dict(sizes), time.perf_counter() - start, first_feasible,
                   time_limit, not cut, dict(stats))


def blockers(state: State, pid: str, wanted, seats, limits, rng, k: int) -> list[str]:
    """Who holds the seats or away days that `pid`'s own optimum would use."""
    need = state.needs[pid]
    out: set[str] = set()
    current = set(state.plan.get(pid, ()))
    for oid in wanted:
        if oid in current:
            continue
        item = state.items[pid][oid]
        if seats.get(oid) is not None and state.seats.get(oid, 0) >= seats[oid]:
            out.update(state.holders.get(oid, ()))
        if is_away(item, state.trainings):
            for day in item.days:
                out.update(state.away_by.get((need.department, day), ()))
    out.discard(pid)
    pool = sorted(out)
    rng.shuffle(pool)
    if len(pool) < k:   # fill with others of the department, for room to move
        rest = sorted(p for p in state.plan if state.needs[p].department == need.department
                      and p != pid and p not in out)
        rng.shuffle(rest)
        pool += rest[:k - len(pool)]
    return pool[:k]


def _result(unit, policy, year, today, needs, trainings, state, ideal, ideal_short, weights, lower,
            proven, limits, sizes, seconds, first_feasible, time_limit, deterministic, stats) -> UnitPlan:
    people = []
    attendees: dict[str, list[str]] = {tid: [] for tid in trainings}
    total_effort = 0
    short_part = sum(weights[p] * ideal_short[p] for p in ideal_short)
    for need in needs:
        ids = state.plan[need.pid]
        items = tuple(sorted((state.items[need.pid][o] for o in ids),
                             key=lambda i: (i.days[0] if i.days else 0, i.id)))
        for item in items:
            if item.id in attendees:
                attendees[item.id].append(need.pid)
        led = ledger_mod.build(policy, need.person.specialty,
                               list(need.person.records) + [i.offering for i in items])
        standing = led.year(year)
        cycle = led.cycle(year) if need.prior_cycle is not None else None
        shorts = []
        why = "capacity" if ideal_short[need.pid] > 0 else "shared"
        for target, result in zip(policy.targets, standing.targets):
            if not result.met:
                shorts.append(Short(target.key, result.required, result.value, why, target.text, target.text_en))
        if cycle is not None and not cycle.met:
            shorts.append(Short("cycle", cycle.required, cycle.hours, why, policy.cycle.text, policy.cycle.text_en))
        _, effort, fee = state.value[need.pid]
        total_effort += effort
        ideal_effort = evaluate(need, ideal[need.pid][2], policy)[1]
        people.append(PersonPlan(need.person, need.department, items, effort, fee, standing, cycle,
                                 tuple(shorts), ideal_effort, len(need.items)))
    objective = sum(state.objective(p) for p in state.plan)
    if proven:
        lower = objective
    bound = max(0, lower - short_part)
    denominator = max(objective - short_part, 1)
    gap = max(0.0, (objective - lower) / denominator)
    any_short = any(not p.met for p in people)
    status = INFEASIBLE if any_short else (OPTIMAL if proven else FEASIBLE)
    hours = {i.id: i.tenths for p in people for i in p.items}
    plans = [TrainingPlan(t, tuple(sorted(attendees[t.id])), hours.get(t.id, 0)) for t in unit.unit_trainings]
    stats["objective"] = objective
    stats["lower"] = lower
    return UnitPlan(unit, policy, year, today, status, total_effort, state.fees, state.training_cost(),
                    bound, gap if not proven else 0.0, tuple(people), tuple(plans), limits, sizes,
                    seconds, first_feasible, time_limit, deterministic, stats)
