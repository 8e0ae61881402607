"""`planner unit`: the whole unit's year, together, in named steps.

Design (chosen on bench/bench_unit.py, see docs/benchmarks.md "unit"):
1. `individual_optima`: each person's own optimum with every shared limit
   dropped (seats, away limits, budget; trainings free), once per distinct
   need; together they bound the plan from below (unit/bounds.py).
2. `first_plan`: those plans in id order while the shared limits allow; a
   person whose plan no longer fits is re-solved alone against what is left
   (the cheapest of the least-effort plans); each keeps of the budget the
   least fees of those after them (`cheapest`).
3. `Search.whole_unit` (up to FULL_MODEL_STAFF staff): the unit as one
   model, which can prove the optimum outright.
4. `Search.neighbourhoods`: re-optimise a few people at a time (someone
   above their own optimum with whoever holds the seats or away days they
   want; a slice of a department; the candidates of a training), the rest
   fixed, until the plan is proven, the work budget is spent, or a round
   brings nothing. Above LARGE staff a neighbourhood with nobody short
   chooses among its core items only (moves.core_items): a smaller model,
   taken further in the same work.
5. `polish.undominate`: no held training, seat or assignment left that a
   move improves.
Beside 3-5 a bound search (unit/bounds.py) runs on the second core on its
own deterministic budget, reading nothing the search writes.

The plan is lexicographic: least total shortfall, then least effort, then
least cost. Every solve is budgeted in CP-SAT deterministic time, single
worker, fixed seed, with a seeded neighbourhood schedule: the same inputs
and flags give the same plan on every run. `time_limit` is a wall-clock
safety cap only; a plan it cut says so (`UnitPlan.deterministic`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from .. import cache
from ..errors import PlannerError
from ..i18n import t
from ..models.activity import Offering
from ..models.person import Person, Unit
from ..models.policy import Policy
from ..plan.greedy import greedy
from .assemble import Solution, assemble
from .bounds import FULL_MODEL_STAFF, LARGE, Ideal, start_bound_search
from .incumbent import Incumbent, Value
from .model import build_frame, shortfall_weight
from .prepare import Problem, evaluate, setup
from .result import UnitPlan
from .solve import solve_frame
from .usage import Usage
from .moves import Clock, above, blockers, reoptimise

IDEAL_WORK = 2.0             # deterministic seconds per individual optimum


def default_work(staff: int) -> float:
    """The default search budget in CP-SAT deterministic seconds (docs/benchmarks.md)."""
    return round(max(5.0, 0.15 * staff), 1)


@dataclass(frozen=True)
class Settings:
    work: float                  # deterministic seconds for steps 3-4
    time_limit: float            # wall-clock safety cap, seconds
    seed: int
    neighbourhood: int           # people per neighbourhood
    sub_work: float              # deterministic seconds per neighbourhood stage
    bound_search: bool
    polish_work: float           # deterministic seconds for step 5


def individual_optima(problem: Problem, clock: Clock) -> dict[str, Ideal]:
    """Each person's own optimum, shared limits dropped (one solve per signature)."""
    by_sig: dict[tuple, Ideal] = {}
    out = {}
    for need in problem.needs:
        ideal = by_sig.get(need.signature)
        if ideal is None:
            ideal = by_sig[need.signature] = own_optimum(problem, need, clock)
        out[need.pid] = ideal
    return out


def own_optimum(problem: Problem, need, clock: Clock) -> Ideal:
    """One person's optimum; past the time limit (or when the solve found
    nothing in the time left) the greedy plan, with nothing proven."""
    if clock.expired():
        ids = greedy_plan(problem, need)
        return Ideal(ids, evaluate(need, ids, problem.policy), shortfall_weight(need), 0, False)
    frame = build_frame(problem.policy, [need], problem.trainings, problem.limits, Usage(), relaxed=True)
    res = solve_frame(frame, IDEAL_WORK, wall=clock.wall())
    clock.charge(res)
    ids = res.chosen[0] if res.found else greedy_plan(problem, need)
    lower = res.objective if res.proven else max(0, int(res.bound - 1e-6))
    return Ideal(ids, evaluate(need, ids, problem.policy), frame.weight, lower, res.proven)


def greedy_plan(problem: Problem, need, inc: Optional[Incumbent] = None) -> tuple[str, ...]:
    """When a solve found nothing in the time the limit left: the greedy plan
    (plan/greedy.py) over the person's items (beside `inc`: those that still
    fit one by one, `Incumbent.fits_alone`), or nothing when it cannot meet
    every target (or, beside `inc`, does not fit the shared limits together)."""
    usable = None if inc is None else inc.fits_alone(need.pid)
    chosen = greedy(problem.policy, need.person, need.ledger, [need.year], need.items, usable)
    if chosen is None:
        return ()
    ids = tuple(sorted(need.by_index[k].id for k in chosen))
    return ids if inc is None or inc.fits(need.pid, ids) else ()


def cheapest(problem: Problem, ideal: dict[str, Ideal], clock: Clock) -> dict[str, int]:
    """Each person's least fee among their plans of least shortfall (shared
    limits dropped; one solve per signature): what the first plan keeps of
    the budget for those not yet placed."""
    by_sig: dict[tuple, int] = {}
    out = {}
    for need in problem.needs:
        fee = by_sig.get(need.signature)
        if fee is None and clock.expired():
            fee = 0                              # past the time limit: nothing kept
        elif fee is None:
            frame = build_frame(problem.policy, [need], problem.trainings, problem.limits, Usage(), relaxed=True)
            frame.model.add(frame.shortfall <= ideal[need.pid].score.short)
            res = solve_frame(frame, IDEAL_WORK, objective=frame.cost, cost_stage=False, wall=clock.wall())
            clock.charge(res)
            # CP-SAT's bound on it (a floor even when unproven); nothing found: the own optimum's fee
            fee = by_sig[need.signature] = int(res.bound) if res.found else ideal[need.pid].score.fee
        out[need.pid] = fee
    return out


def first_plan(problem: Problem, ideal: dict[str, Ideal], clock: Clock, sub_work: float) -> tuple[Incumbent, Counter]:
    """Individual plans in id order while they fit, else re-solved against the
    rest; each keeps of the budget the least fee of everyone after them
    (`cheapest`): placed first come first served, the budget ran out and the
    last staff fell short (1,000 staff: 32). (Putting first whoever would
    fall short without the limited seats, or whoever loses most without
    them, measured worse: docs/benchmarks.md.)"""
    inc = Incumbent(problem)
    stats: Counter = Counter()
    repaired: dict[tuple, tuple] = {}
    keep = _reserves(problem, ideal, clock)
    for need in problem.needs:
        ids = ideal[need.pid].ids
        if inc.fits(need.pid, ids, keep[need.pid]):
            inc.add(need.pid, ids)
            continue
        # people with the same needs, facing the same full items, get the same repair
        key = (need.signature, need.department, inc.blocked(need.pid))
        ids = repaired.get(key)
        if ids is None or not inc.fits(need.pid, ids, keep[need.pid]):
            ids = repaired[key] = repair(problem, need, inc, clock, sub_work, keep[need.pid])
            stats["repairs"] += 1
        else:
            stats["repairs_cached"] += 1
        inc.add(need.pid, ids)
    return inc, stats


def _reserves(problem: Problem, ideal: dict[str, Ideal], clock: Clock) -> dict[str, int]:
    """Per person: the least fees of everyone placed after them."""
    if problem.limits.budget is None:
        return {n.pid: 0 for n in problem.needs}
    fee = cheapest(problem, ideal, clock)
    out, after = {}, 0
    for need in reversed(problem.needs):
        out[need.pid] = after
        after += fee[need.pid]
    return out


def repair(problem: Problem, need, inc: Incumbent, clock: Clock, sub_work: float, keep: int = 0) -> tuple[str, ...]:
    """The person's best plan beside everyone already placed; with a unit
    budget the cheapest of the least-effort ones (an arbitrary one spent the
    budget early: 200 staff left 300 h short, docs/benchmarks.md; without a
    budget the cost is lowered later), `keep` fen of the budget kept for
    later, or without keeping it when nothing fits then; past the time limit
    (or when the solve found nothing) the greedy plan over what still fits."""
    dear = problem.limits.budget is not None
    for kept in ((keep, 0) if keep else (0,)):
        if clock.expired():
            break
        usage = inc.usage()
        usage = dataclasses.replace(usage, spent=usage.spent + kept)
        frame = build_frame(problem.policy, [need], problem.trainings, problem.limits, usage)
        res = solve_frame(frame, sub_work, cost_stage=dear, wall=clock.wall())
        clock.charge(res)
        if res.found:
            return res.chosen[0]
    return greedy_plan(problem, need, inc)


@dataclass
class Search:
    """Steps 3-4 on one incumbent, with their statistics."""
    problem: Problem
    ideal: dict[str, Ideal]
    inc: Incumbent
    settings: Settings
    clock: Clock
    stats: Counter = field(default_factory=Counter)
    proven: bool = False
    bounds: list = field(default_factory=list)      # UnitBound from whole-unit solves
    start: float = 0.0                              # work spent before steps 3-4 (outside the budget)
    watch: Optional[Callable[[str, dict], bool]] = None   # live progress; answers True to stop
    stopped: bool = False

    def tell(self, stage: str) -> bool:
        """The incumbent so far to `watch` (the web's progress page): its
        shortfall and effort, and the sum of the people's own optima (a lower
        bound on the effort when nobody is short). True: stop the search here."""
        if self.watch is not None and not self.stopped:
            total = self.inc.total()
            ideal = sum(i.score.effort for i in self.ideal.values())
            self.stopped = bool(self.watch(stage, {"short": total.short, "effort": total.effort, "ideal": ideal}))
        return self.stopped

    def spent(self) -> float:
        return self.clock.spent - self.start

    def at_ideal(self) -> bool:
        """The plan's (shortfall, effort, cost) is the sum of the people's own
        proven optima: each person is at their own optimum and pays no more
        than it, so no plan can be better."""
        ideals = [self.ideal[n.pid] for n in self.problem.needs]
        return all(i.proven for i in ideals) and self.inc.total() == Value(
            sum(i.score.short for i in ideals), sum(i.score.effort for i in ideals), sum(i.score.fee for i in ideals))

    def whole_unit(self) -> None:
        work = min(self.settings.work, max(5.0, self.settings.sub_work * 10))
        out = reoptimise(self.problem, self.inc, [n.pid for n in self.problem.needs], work, self.clock)
        self.stats["whole_unit"] += 1
        self.proven = out.proven
        if out.bound is not None:
            self.bounds.append(out.bound)

    def neighbourhoods(self) -> None:
        s = self.settings
        rng = random.Random(s.seed)
        depts = sorted(self.problem.sizes)
        by_dept = {d: [n.pid for n in self.problem.needs if n.department == d] for d in depts}
        idle = 0
        round_size = max(10, len(self.problem.needs) // s.neighbourhood)
        quick = len(self.problem.needs) > LARGE
        while not self.proven and self.spent() < s.work and not self.clock.expired():
            pids = self.pick(rng, depts, by_dept)
            out = reoptimise(self.problem, self.inc, pids, s.sub_work, self.clock, cost_when_better=not quick,
                             core=self.ideal if quick else None)
            self.stats["neighbourhoods"] += 1
            self.stats["improvements"] += out.improved
            idle = 0 if out.improved else idle + 1
            if idle >= round_size or self.at_ideal() or self.tell("neighbourhood search"):
                break

    def pick(self, rng: random.Random, depts, by_dept) -> list[str]:
        """The next neighbourhood (a fixed, seeded schedule)."""
        inc, ideal, k = self.inc, self.ideal, self.settings.neighbourhood
        displaced = sorted((p for p in inc.plan if above(inc, ideal, p)),
                           key=lambda p: (-_loss(inc, ideal, p), p))
        n = self.stats["neighbourhoods"]
        kind = n % 3
        if displaced and kind != 2:
            target = displaced[n // 3 % len(displaced)] if kind == 1 else displaced[0]
            return [target] + blockers(inc, target, ideal[target].ids, rng, k - 1)
        dept = depts[rng.randrange(len(depts))]
        members = by_dept[dept]
        pids = rng.sample(members, min(k, len(members)))
        trainings = self.problem.trainings
        if trainings and rng.random() < 0.5:
            tid = sorted(trainings)[rng.randrange(len(trainings))]
            keen = [p for p in inc.plan if tid in ideal[p].ids or tid in inc.plan[p]]
            pids = rng.sample(keen, min(k, len(keen))) or pids
        return pids


def _loss(inc: Incumbent, ideal: dict[str, Ideal], pid: str) -> int:
    s, i = inc.score[pid], ideal[pid]
    return (s.short - i.score.short) * i.weight + s.effort - i.score.effort


def settings_for(staff: int, time_limit: float, seed: int, work: Optional[float], neighbourhood: Optional[int],
                 sub_work: float, bound_search: bool) -> Settings:
    work = default_work(staff) if work is None else work
    if neighbourhood is None:   # measured: 12 beat 8 at 1,000 staff (8.04% against 8.52%)
        neighbourhood = 8 if staff <= LARGE else 12
    return Settings(work, time_limit, seed, neighbourhood, sub_work, bound_search, polish_work=work / 2)


def plan_unit(unit: Unit, staff: Sequence[Person], policy: Policy, offerings: Sequence[Offering],
              year: int, today: dt.date, time_limit: float = 600.0, seed: int = 0,
              work: Optional[float] = None, neighbourhood: Optional[int] = None, sub_seconds: float = 0.5,
              bound_search: bool = True, progress: Optional[Callable[[str], None]] = None,
              limits: Optional[Callable] = None,
              watch: Optional[Callable[[str, dict], bool]] = None,
              started: Optional[float] = None, since=None, robust: bool = False,
              clock: Optional[Clock] = None) -> UnitPlan:
    """The unit's plan for `year` (steps 1-5 of the module docstring);
    `started`: when the `time_limit` began (default: now); `clock`: the
    caller's (moves.Clock, made of both), to read its `explain_by` after;
    `since` (previous.PreviousUnit): then the fewest changes from it (unit/since.py);
    `robust`: each plan insured against any one loss (unit/robust.py);
    `limits`: moves the shared limits before the search (unit/values.py);
    `watch(stage, numbers)` hears the incumbent after each step, and True
    stops the search there (the best plan so far is the result)."""
    if not staff:
        raise PlannerError(t("errors.unit_no_staff", uid=unit.id))
    say = progress or (lambda text: None)
    s = settings_for(len(staff), time_limit, seed, work, neighbourhood, sub_seconds, bound_search)
    clock = clock or Clock(s.time_limit, started)
    preparing = time.perf_counter()
    problem = setup(unit, staff, policy, offerings, year, today,
                    None if since is None else {pid: prev.ids for pid, prev in since.people.items()}, robust)
    clock.keep_back(time.perf_counter() - preparing, cache.held_seconds())
    if limits is not None:
        problem = dataclasses.replace(problem, limits=limits(problem.limits))
    say("individual optima")
    ideal = individual_optima(problem, clock)
    say("first plan")
    inc, stats = first_plan(problem, ideal, clock, s.sub_work)
    first = clock.seconds()
    search = Search(problem, ideal, inc, s, clock, stats, start=clock.spent, watch=watch)
    search.tell("first plan")
    bounder = (start_bound_search(problem, ideal, inc, s, clock.wall())
               if s.bound_search and not search.at_ideal() and not clock.expired() else None)
    if not search.at_ideal() and len(problem.needs) <= FULL_MODEL_STAFF and not search.stopped and not clock.expired():
        say("whole unit model")
        search.whole_unit()
        search.tell("whole unit model")
    if not search.proven and not search.at_ideal() and not search.stopped:
        say("neighbourhood search")
        search.neighbourhoods()
    from .polish import undominate
    say("dominance check")
    polished = undominate(search)
    found = bounder.finish(drop=search.proven or search.at_ideal()) if bounder is not None else ()
    if since is None:
        return assemble(problem, Solution.of(search, tuple(found), polished, clock.seconds(), first))
    from .since import fewest_changes, unit_changes
    say("fewest changes")
    least = search.proven or search.at_ideal()          # shortfall and effort proven least
    polished.update(fewest_changes(search, since))
    search.proven = least and polished["fewest_changes_proven"]   # then changes, then cost, proven least
    solution = Solution.of(search, tuple(found), polished, clock.seconds(), first)
    plan = assemble(problem, dataclasses.replace(solution, proven=search.proven))
    return dataclasses.replace(plan, changes=unit_changes(plan, since, offerings))
