"""Solve a person's plan: an exact lexicographic objective by sequential
CP-SAT solves, a time limit, the status, and when the targets cannot all be
met, the plan that misses least and the model's reasons.

Lexicographic stages (each optimum is fixed as a constraint before the next,
the previous solution given as a hint; no hint for the first: a greedy hint
made the effort stage slower and less predictable, bench/):
  1. least total effort (minutes)
  2. least total fees (fen)
  3. fewest activities, then the documented tie-break: the least sum of the
     chosen offerings' positions in id order (1-based, over every plannable
     offering), as one exact integer objective count * W1 + positions with
     W1 = N(N+1)/2 + 1.
Fees enter in units of their greatest common divisor (exact). Stages 2 and
3 are one exact objective fee * W2 + (count * W1 + positions), W2 = (N+1) *
W1, whenever its range (from the coefficients) stays below 2**62 (CP-SAT
computes objectives in int64 and rejects a possible overflow); else two
solves.
When the targets cannot be met, a stage 0 first minimises the total
shortfall (tenths, over every target and cycle), then the same stages.

Offerings that provably cannot be in the optimal plan are left out first
(dominance.py). Determinism: variables in id order, one worker, a fixed
seed. With the time limit hit nothing is guaranteed: the status is then
`feasible` and the effort stage's proven bound is reported.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from dataclasses import dataclass
from typing import Optional, Sequence

from .. import ledger as ledger_mod
from .. import registration
from ..models.activity import Offering
from ..models.person import Person
from ..models.policy import Policy
from . import explain
from . import robust as robust_mod
from . import since as since_mod
from . import core
from .cap import OUTPUT, ends
from .core import RETRY
from .dominance import dominated
from .greedy import greedy
from .model import PlanModel, build
from ..previous import Previous
from .plannable import booked_of, candidates
from .sat import load_cp_model
from .result import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, PlanResult

SEED = 0
WORKERS = 1          # one worker: deterministic, and faster than two on this 2-core machine (bench/)
CORE = not os.environ.get("PLANNER_NO_CORE")   # the effort stage's core (core.py); off only to compare (tests/test_core.py)
LINEARIZATION = 2    # the LP relaxation of the capped sums closes the bound quickly (bench/)
# Extra CP-SAT parameters for experiments (bench/): PLANNER_SAT_PARAMS="linearization_level=2,..."
EXTRA_PARAMS = [tuple(kv.split("=", 1)) for kv in os.environ.get("PLANNER_SAT_PARAMS", "").split(",") if "=" in kv]


def default_years(policy: Policy, today: dt.date, year: Optional[int], through: Optional[int]) -> tuple[int, ...]:
    """Y: the year of --today; Y2: the end of Y's cycle (README `planner suggest`)."""
    first = year if year is not None else today.year
    rule = policy.cycle
    last = through if through is not None else rule.start_of(first) + rule.length - 1
    return tuple(range(first, last + 1))


EXACT = 2 ** 62      # CP-SAT's objective arithmetic is int64: stay clear of its overflow check


def fee_bound(pm: PlanModel) -> int:
    """All fees together, in units of their common divisor: CP-SAT checks an
    objective's range from its coefficients, not from the budget constraint."""
    return sum(item.fee for item in pm.items) // pm.fee_unit


@dataclass
class Stage:
    name: str
    status: str
    value: Optional[int]
    bound: Optional[int]
    seconds: float


class Solver:
    """Runs the stages on one model within one deadline."""

    def __init__(self, cp_model, pm: PlanModel, deadline: float, workers: int):
        self.cp, self.pm, self.deadline, self.workers = cp_model, pm, deadline, workers
        self.solution: Optional[list[int]] = None
        self.stages: list[Stage] = []

    def hint(self, values: Optional[Sequence[int]]):
        model = self.pm.model
        model.clear_hints()
        if values is not None:
            for var, v in zip(self.pm.x, values):
                model.add_hint(var, v)

    def run(self, name: str, objective, workers: int) -> Stage:
        cp, model = self.cp, self.pm.model
        start = time.perf_counter()
        left = self.deadline - start
        if left <= 0:
            stage = Stage(name, "timeout", None, None, 0.0)
            self.stages.append(stage)
            return stage
        if isinstance(objective, int):
            objective = cp.LinearExpr.constant(objective)
        model.minimize(objective)
        self.hint(self.solution)
        solver = cp.CpSolver()
        p = solver.parameters
        p.max_time_in_seconds = left
        p.num_workers = workers
        p.random_seed = SEED
        p.linearization_level = LINEARIZATION
        for key, value in EXTRA_PARAMS:
            setattr(p, key, type(getattr(p, key))(value))
        code = solver.solve(model)
        seconds = time.perf_counter() - start
        if code in (cp.OPTIMAL, cp.FEASIBLE):
            self.solution = [int(solver.value(v)) for v in self.pm.x]
            value = int(round(solver.objective_value))
            bound = int(-(-solver.best_objective_bound // 1))
            status = OPTIMAL if code == cp.OPTIMAL else FEASIBLE
            if code == cp.OPTIMAL:
                model.add(objective == value).with_name(f"lexicographic: {name} = {value}")
            stage = Stage(name, status, value, min(bound, value), seconds)
        elif code == cp.INFEASIBLE:
            stage = Stage(name, INFEASIBLE, None, None, seconds)
        elif code == cp.MODEL_INVALID:
            raise RuntimeError(f"CP-SAT: invalid model at stage {name}: {model.validate().splitlines()[0][:200]}")
        else:
            stage = Stage(name, "timeout", None, None, seconds)
        self.stages.append(stage)
        return stage

    def lexicographic(self, first_workers: int, extra: Sequence = (), accept=None) -> str:
        """Effort, the `extra` stages (--since: changes), fee, then count +
        position; returns the overall status, or RETRY when `accept` (the
        core's check, core.py) refuses the proven least effort."""
        pm = self.pm
        n = pm.size
        w1 = n * (n + 1) // 2 + 1          # count * w1 + position: count first, position breaks ties
        w2 = (n + 1) * w1                   # > any count * w1 + position
        order = pm.count * w1 + pm.position
        if (fee_bound(pm) + 1) * w2 < EXACT and not os.environ.get("PLANNER_SEPARATE_STAGES"):
            # one exact integer objective for fee, then count, then position
            plan = [("effort", pm.effort), *extra, ("fee+order", pm.fee_scaled * w2 + order)]
        else:
            plan = [("effort", pm.effort), *extra, ("fee", pm.fee_scaled), ("order", order)]
        status = OPTIMAL
        for k, (name, objective) in enumerate(plan):
            stage = self.run(name, objective, first_workers if k == 0 and not self.stages else 1)
            if stage.status == INFEASIBLE:
                return INFEASIBLE
            if k == 0 and accept is not None and stage.status == OPTIMAL and not accept(stage.value):
                return RETRY
            if stage.status != OPTIMAL:
                return FEASIBLE if self.solution is not None else UNKNOWN
        return status


@dataclass
class Problem:
    """One person's planning problem, ready for the model."""
    person: Person
    policy: Policy
    years: tuple
    today: dt.date
    cands: object
    void: dict
    records: object
    kept: list
    drop: dict
    closes: object = None           # the registration deadline in effect (registration.Deadline)


def prepare(person, policy, offerings, years, today, require, exclude, known_ids, dominance,
            registration_deadline, keep_ids=(), memo=None) -> Problem:
    """Plannable items (booked ones pinned), the records' ledger, dominance
    pruning (never of `keep_ids`: the previous plan's items). `memo`
    (plannable.Memo): the offerings' credits and facts, shared by callers
    that prepare the same catalogue again (suggest, then its last safe dates);
    it also keeps the last problem prepared, which a second call with the
    same arguments (the same objects) gets back instead of a second pass."""
    key = (tuple(years), today, tuple(require), tuple(exclude), dominance, registration_deadline,
           tuple(keep_ids), None if known_ids is None else frozenset(known_ids))
    last = getattr(memo, "last_problem", None)
    if last is not None and last[0] == key and last[1] is person and last[2] is offerings and last[3] is policy:
        return last[4]
    prob = _prepare(person, policy, offerings, years, today, require, exclude, known_ids, dominance,
                    registration_deadline, keep_ids, memo)
    if memo is not None:
        memo.last_problem = (key, person, offerings, policy, prob)      # one slot: a batch's memo stays small
    return prob


def _prepare(person, policy, offerings, years, today, require, exclude, known_ids, dominance,
             registration_deadline, keep_ids, memo) -> Problem:
    closes = registration.deadline(policy, registration_deadline)
    cands = candidates(person, policy, offerings, years, today, require, exclude, known_ids,
                       booked=booked_of(person, today, closes), memo=memo)
    void = registration.void(person.records, today, closes, registration.PLAN, cands.booked_records)
    records = ledger_mod.build(policy, person.specialty, person.records, void)
    drop = dominated(policy, cands.items) if dominance else {}
    keep = set(keep_ids)
    drop = {k: v for k, v in drop.items() if cands.items[k].id not in keep}
    kept = [i for i in cands.items if i.index not in drop]
    return Problem(person, policy, tuple(years), today, cands, void, records, kept, drop, closes)


def _solve(cp_model, prob: Problem, deadline, workers, hooks, extra) -> tuple:
    """The hard model's stages; when the targets cannot all be met, the soft
    model's (shortfall first). Returns (status, solver, model, bound, shortfall)."""
    args = (cp_model, prob.policy, prob.person, prob.records, prob.years, prob.kept)
    size = len(prob.cands.items)
    pm = build(*args, size=size, today=prob.today, closes=prob.closes)
    for hook in hooks:
        hook(pm)
    found = None if hooks or not CORE else core.solve(
        lambda m: Solver(cp_model, m, deadline, workers), cp_model, prob, pm, extra, workers)
    if found is not None:
        solver, status, pm = found
    else:
        solver = Solver(cp_model, pm, deadline, workers)
        status = solver.lexicographic(workers, extra(pm))
    if status == UNKNOWN:
        # out of time before any plan was found: the greedy plan, if it finds one
        greedy_plan = None if hooks else greedy(prob.policy, prob.person, prob.records, prob.years, prob.kept)
        if greedy_plan is not None:
            chosen = set(greedy_plan)
            solver.solution = [1 if i.index in chosen else 0 for i in pm.items]
            status = FEASIBLE
    effort_stage = solver.stages[0] if solver.stages else None
    bound = effort_stage.bound if effort_stage and effort_stage.bound is not None else None
    if status != INFEASIBLE or hooks:
        return status, solver, pm, bound, 0
    soft = build(*args, soft=True, size=size, today=prob.today, closes=prob.closes)
    ssolver = Solver(cp_model, soft, deadline, workers)
    stage0 = ssolver.run("shortfall", soft.total_shortfall, workers)
    if stage0.status == OPTIMAL:
        ssolver.lexicographic(1, extra(soft))
    effort_stage = next((s for s in ssolver.stages if s.name == "effort"), None)
    bound = effort_stage.bound if effort_stage else None
    return (UNKNOWN if ssolver.solution is None else INFEASIBLE), ssolver, soft, bound, stage0.value or 0


def plan(person: Person, policy: Policy, offerings: Sequence[Offering], *, today: dt.date,
         years: Sequence[int], require: Sequence[str] = (), exclude: Sequence[str] = (),
         time_limit: float = 10.0, workers: int = WORKERS, known_ids=None,
         dominance: bool = True, registration_deadline: Optional[str] = None,
         since: Optional[Previous] = None, robust: bool = False, memo=None,
         started: Optional[float] = None, held: float = 0.0) -> PlanResult:
    """The least-effort plan for `person` over `years` (see module doc).
    Booked records (registration.py) whose offering is plannable are pinned
    plan items; rejected ones count nothing. `since`: the fewest changes from
    that plan among the least-effort ones (since.py); `robust`: the plan
    survives any one loss (robust.py). `time_limit` counts from `started`
    (a time.perf_counter() reading: the command's start; default now), and
    the reasons of unmet targets stay within it too, `held` seconds before
    it for the caller's cache writes (cap.ends)."""
    t0 = time.perf_counter()
    deadline = ends(t0 if started is None else started, time_limit, held)
    years = tuple(years)
    prob = prepare(person, policy, offerings, years, today, require, exclude, known_ids, dominance,
                   registration_deadline, since.ids if since else (), memo)
    cp_model = load_cp_model()                 # lazily, and without pandas: see sat.py
    build_seconds = time.perf_counter() - t0
    hooks = [robust_mod.hook(prob)] if robust else []
    plain_plan = lambda: plan(person, policy, offerings, today=today, years=years, require=require, exclude=exclude,
                              time_limit=time_limit, workers=workers, known_ids=known_ids, dominance=dominance,
                              registration_deadline=registration_deadline, since=since, memo=memo,
                              started=started, held=held)          # --robust's plain plan to compare with
    # the solve stops as long before the cap as preparing took (the reasons, dates and output come
    # after: measured, twice as long left the 10,000-offering plan unsolved with a second to spare);
    # --robust's solve, half way to it (the plain plan to compare with has the rest)
    solve_by = max(t0, deadline - build_seconds)
    solve_by = (t0 + solve_by) / 2 if robust else solve_by
    status, solver, pm, bound, shortfall = _solve(cp_model, prob, solve_by, workers, hooks,
                                                  lambda m: since_stage(m, since))
    if robust and status == INFEASIBLE:
        plain = plain_plan()
        return dataclasses.replace(plain, robust=robust_mod.Insurance(False, plain.effort, plain.fee))
    solution = solver.solution or [0] * len(pm.items)
    chosen_items = [item for item, v in zip(pm.items, solution) if v]
    if status == OPTIMAL:
        bound = sum(i.effort for i in chosen_items)
    result = explain.assemble(
        status=status, person=person, policy=policy, years=years, today=today, cands=prob.cands,
        records=prob.records, chosen=chosen_items, bound=bound, shortfall=shortfall,
        build_seconds=build_seconds, solve_seconds=time.perf_counter() - t0 - build_seconds,
        time_limit=time_limit, stages=tuple(f"{s.name}:{s.status}" for s in solver.stages),
        require=tuple(require), exclude=tuple(exclude), targeted=tuple(pm.cycles), dominated=prob.drop,
        void=prob.void)
    if status == INFEASIBLE and solver.solution is not None:
        from . import conflicts
        unmet = conflicts.unmet(cp_model, policy, person, prob.records, years, prob.kept, prob.cands.items,
                                result, deadline=deadline - OUTPUT * build_seconds)   # the output after
        result = explain.with_unmet(result, unmet)
    if since is not None:
        result = dataclasses.replace(result, changes=since_mod.changes(
            since, person, result.selected, offerings, {i.id for i in prob.cands.items}, result.effort, result.fee))
    if robust:
        plain = plain_plan()
        result = dataclasses.replace(result, robust=robust_mod.Insurance(True, plain.effort, plain.fee))
    return result


def since_stage(pm: PlanModel, since: Optional[Previous]) -> list:
    """The `--since` stage: the number of changes from the previous plan."""
    if since is None:
        return []
    coefficients, _ = since_mod.change_terms(since, pm.items)
    return [("changes", pm.weighted(coefficients))]
