"""From what the search found (`Solution`, plain data that a saved plan
keeps) to the `UnitPlan` every renderer reads: each person's ledger of
records + chosen items, the trainings held, the bounds, the status.

The bounds (valid for the lexicographic optimum S*, E*, S* <= the plan's
shortfall S; unit/bounds.py):
- S* >= the sum of the people's own least shortfall, and >= value // weight
  of every exact UnitBound;
- when S equals the sum of the people's own least shortfall, every person
  is at their own least shortfall in the optimum, so E* >= the sum of their
  own least effort at it;
- every UnitBound: E* >= value - weight x S* >= value - weight x S.
When S is not proven least, the gap is on the shortfall; the effort bound
is then only reported up to the plan's effort.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .. import registration
from .prepare import Problem, evaluate
from ..ledger import cycle_shortfall
from ..plan.result import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN
from ..shortfall import Why
from .result import SHORT, PersonPlan, TrainingPlan, UnitPlan


@dataclass(frozen=True)
class Solution:
    plans: dict                  # person id -> chosen ids (sorted)
    ideal_effort: dict           # person id -> their own optimum's effort (minutes)
    ideal_short: dict            # person id -> their own optimum's shortfall (tenths)
    proven: bool                 # shortfall, effort and cost proven least
    shortfall_bound: int         # tenths
    effort_bound: int            # minutes (valid for E*; may exceed the plan's effort when the shortfall is not proven)
    seconds: float
    first_feasible: float
    time_limit: float
    deterministic: bool
    work: float
    work_budget: float
    stats: dict = field(default_factory=dict)
    ideal_proven: dict = field(default_factory=dict)   # person id -> their own optimum proven (not cut)

    @classmethod
    def of(cls, search, found, polished, seconds: float, first: float) -> "Solution":
        inc, ideal = search.inc, search.ideal
        total = inc.total()
        proven = search.proven or search.at_ideal()
        s_lb, e_lb = bounds(ideal, tuple(search.bounds) + tuple(found), total.short)
        if proven:
            s_lb, e_lb = total.short, total.effort
        stats = {k: v for k, v in search.stats.items() if k != "polish_start"}
        stats.update(polished)
        stats["bound_searches"] = [round(b.value) for b in found]
        return cls(plans=inc.snapshot(), ideal_effort={p: i.score.effort for p, i in ideal.items()},
                   ideal_short={p: i.score.real for p, i in ideal.items()}, proven=proven,
                   shortfall_bound=s_lb, effort_bound=e_lb, seconds=seconds, first_feasible=first,
                   time_limit=search.settings.time_limit, deterministic=not search.clock.cut,
                   work=round(search.clock.spent, 3), work_budget=search.settings.work, stats=stats,
                   ideal_proven={p: i.proven for p, i in ideal.items()})


def bounds(ideal: dict, found, short: int) -> tuple[int, int]:
    """(shortfall bound, effort bound) from the people's own optima and the
    unit bounds found (module docstring)."""
    ideals = list(ideal.values())
    s_own = sum(i.short_lower for i in ideals)
    s_lb = max([s_own] + [int(b.value // b.weight) for b in found if b.exact])
    s_lb = min(s_lb, short)
    e_lb = 0
    if short == s_own:
        e_lb = sum(i.lower - i.weight * i.short_lower for i in ideals)
    for b in found:
        e_lb = max(e_lb, math.ceil(b.value - 1e-6) - b.weight * short)
    return s_lb, max(0, e_lb)


def _person(problem: Problem, pid: str, ids, solution: Solution, attendees: dict) -> PersonPlan:
    need = problem.by_pid[pid]
    policy = problem.policy
    by_id = need.by_id
    items = tuple(sorted((by_id[o] for o in ids), key=lambda i: (i.days[0] if i.days else 0, i.id)))
    for item in items:
        if item.id in attendees:
            attendees[item.id].append(pid)
    led = registration.person_ledger(policy, need.person, problem.today, registration.PLAN,
                                     registration.deadline(policy, problem.unit.registration_deadline),
                                     extra=[i.offering for i in items])
    standing = led.year(problem.year)
    cycle = led.cycle(problem.year) if need.prior_cycle is not None else None
    why = Why(why_kind(solution, pid))
    shorts = [replace(t, why=why) for t in standing.targets if not t.met]
    if cycle is not None and not cycle.met:
        shorts.append(replace(cycle_shortfall(policy, cycle), why=why))
    score = evaluate(need, ids, policy)
    return PersonPlan(need.person, need.department, items, score.effort, score.fee, standing, cycle, need.ledger,
                      tuple(shorts), solution.ideal_effort.get(pid, 0), len(need.items))


def why_kind(solution: Solution, pid: str) -> str:
    """Why a person is left short, as far as the search knows: `capacity`
    (their own optimum, shared limits dropped, falls short), `shared` (it
    meets every target, so the unit's shared limits held them back: the
    search ran to its end), or `undecided` when the time limit cut the
    search and neither is proven: their own optimum met the targets, or was
    not proven (past the limit it is the greedy plan)."""
    own_short = solution.ideal_short.get(pid, 0) > 0
    if solution.deterministic:
        return "capacity" if own_short else "shared"
    return "capacity" if own_short and solution.ideal_proven.get(pid, False) else "undecided"


def status_of(proven: bool, met: int, staff: int, cut: bool = False) -> str:
    """`infeasible` only when the search ran to its end: a search the time
    limit cut with no one meeting every target is `unknown` (raise the limit)."""
    if met == staff:
        return OPTIMAL if proven else FEASIBLE
    if met == 0:
        return UNKNOWN if cut else INFEASIBLE
    return SHORT


def assemble(problem: Problem, solution: Solution) -> UnitPlan:
    attendees: dict[str, list[str]] = {tid: [] for tid in problem.trainings}
    people = tuple(_person(problem, n.pid, solution.plans[n.pid], solution, attendees) for n in problem.needs)
    effort = sum(p.effort for p in people)
    fees = sum(p.fee for p in people)
    shortfall = sum(evaluate(n, solution.plans[n.pid], problem.policy).real for n in problem.needs)
    held_cost = sum(c for tid, c in problem.limits.costs.items() if attendees.get(tid))
    hours = {i.id: i.tenths for p in people for i in p.items}
    trainings = tuple(TrainingPlan(t, tuple(sorted(attendees[t.id])), hours.get(t.id, 0))
                      for t in problem.unit.unit_trainings)
    weight = problem.needs[0].robust_weight if problem.needs else 0     # --robust: the bound is on W x it + ...
    s_lb = min(solution.shortfall_bound // weight if weight else solution.shortfall_bound, shortfall)
    if s_lb < shortfall:
        gap_on, gap = "shortfall", (shortfall - s_lb) / shortfall
    else:
        gap_on, gap = "effort", (effort - min(solution.effort_bound, effort)) / max(effort, 1)
    bound = min(solution.effort_bound, effort)
    met = sum(1 for p in people if p.met)
    stats = {**solution.stats, "objective": (shortfall, effort), "lower": bound, "shortfall_lower": s_lb}
    return UnitPlan(unit=problem.unit, policy=problem.policy, year=problem.year, today=problem.today,
                    status=status_of(solution.proven, met, len(people), cut=not solution.deterministic), effort=effort, fees=fees,
                    training_cost=held_cost, bound=bound, gap=0.0 if solution.proven else gap, people=people,
                    trainings=trainings, away_limits=dict(problem.limits.away),
                    department_sizes=dict(problem.sizes), seconds=solution.seconds,
                    first_feasible=solution.first_feasible, time_limit=solution.time_limit,
                    deterministic=solution.deterministic, stats=stats, shortfall=shortfall,
                    shortfall_bound=s_lb, gap_on=gap_on, proven=solution.proven, work=solution.work,
                    work_budget=solution.work_budget, problem=problem)
