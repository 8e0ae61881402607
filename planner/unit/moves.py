"""The moves the unit search and the dominance check share: the work clock,
re-solving some people with everyone else fixed (kept only when the unit's
(shortfall, effort, cost) falls), and who holds what a person wants."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Optional, Sequence

from ..plan.cap import FINISH, margin, seconds_left
from .bounds import Ideal, UnitBound
from .incumbent import Incumbent
from .model import build_frame
from .prepare import Problem
from .solve import solve_frame


class Clock:
    """Deterministic work spent, and the wall-clock safety cap (counted from
    `started`, a time.perf_counter() reading: the command's start, so that
    reading and preparing the inputs are under the cap too)."""

    def __init__(self, time_limit: float, started: Optional[float] = None, output: float = 0.0):
        self.started = time.perf_counter() if started is None else started
        self.output = output                        # seconds kept for the output (cap.output_reserve)
        self.limit = self.started + time_limit      # the cap itself
        self.deadline = self.limit                  # no solve starts after it (`keep_back`)
        self.end = self.limit                       # the work's end: then the output and the held writes
        self.spent = 0.0
        self.cut = False

    def keep_back(self, preparing: float, held: float = 0.0) -> None:
        """Stop searching long enough before the cap for what follows to end
        within it: the greedy plans of whoever has none, the explanations and
        the output each go over every person's items as preparing did, and
        take up to FINISH times as long (docs/benchmarks.md, "Inputs that used
        to run away"); `cap.margin` of the limit is kept for the output's writing,
        the process's exit and a loaded machine, `held` seconds for the
        cache entries written after the output (cache.held_seconds), and
        `output` seconds for laying the output out (cap.output_reserve)."""
        self.end = self.limit - margin(self.limit - self.started) - held - self.output
        self.deadline = max(self.started, self.end - FINISH * preparing)

    @property
    def explain_by(self) -> float:
        """When the explanations stop re-solving: half way from the search's
        deadline to the work's end, the rest left for what needs no solve and
        the output (then the margin and the held cache writes)."""
        return (self.deadline + self.end) / 2

    def wall(self) -> float:
        return seconds_left(self.deadline)

    def expired(self) -> bool:
        """Past the cap: what is skipped for it makes the plan one the clock cut."""
        self.cut = self.cut or time.perf_counter() >= self.deadline
        return self.cut

    def charge(self, res) -> None:
        self.spent += res.work
        self.cut = self.cut or res.cut

    def seconds(self) -> float:
        return time.perf_counter() - self.started


@dataclass(frozen=True)
class Outcome:
    improved: bool
    proven: bool                 # the frame was the whole unit and its solve proven optimal
    bound: Optional[UnitBound] = None   # the whole unit's bound, when the frame was the whole unit


def reoptimise(problem: Problem, inc: Incumbent, pids, work: float, clock: Clock, *,
               forbid: Sequence[str] = (), cost_when_better: bool = True,
               core: Optional[dict[str, Ideal]] = None) -> Outcome:
    """Re-solve these people with the rest fixed (`forbid`: ids none of them
    may take); keep the result when the unit's (shortfall, effort, cost) falls.
    `core` (the own optima): when nobody of them is short, each chooses only
    among their `core_items` (a smaller model, solved further in the same work)."""
    pids = sorted(set(pids))
    before = inc.total()
    scores = [inc.score[p] for p in pids]
    shared = None
    if core is not None and not any(x.short for x in scores):
        shared = set().union(*(inc.plan[p] for p in pids), *(core[p].ids for p in pids))
    old = {p: inc.remove(p) for p in pids}
    frame = build_frame(problem.policy, [problem.by_pid[p] for p in pids], problem.trainings,
                        problem.limits, inc.usage())
    for pv in frame.people:
        for oid in forbid:
            if oid in pv.x:
                frame.model.add(pv.x[oid] == 0)
        if shared is not None:
            allowed = shared | core_items(pv.need)
            for oid, lit in pv.x.items():
                if oid not in allowed:
                    frame.model.add(lit == 0)
    ceiling = frame.weight * sum(x.short for x in scores) + sum(x.effort for x in scores)
    res = solve_frame(frame, work, chosen=[old[p] for p in pids], ceiling=ceiling, wall=clock.wall(),
                      cost_when_better=cost_when_better)
    clock.charge(res)
    whole = len(pids) == len(problem.needs)
    bound = UnitBound(res.bound, frame.weight, exact=True) if whole else None
    if res.found:
        for p, ids in zip(pids, res.chosen):
            inc.add(p, ids)
        if inc.total() < before:
            return Outcome(True, whole and res.proven and not forbid, bound)
        for p in pids:
            inc.remove(p)
    for p in pids:
        inc.add(p, old[p])
    return Outcome(False, whole and res.proven and not forbid, bound)


def core_items(need) -> frozenset:
    """The person's items a core neighbourhood keeps beside the plans and own
    optima of its people (prepare.Need.core: worked out once per person, not
    at every neighbourhood)."""
    return need.core


def above(inc: Incumbent, ideal: dict[str, Ideal], pid: str) -> bool:
    s, i = inc.score[pid], ideal[pid].score
    return (s.short, s.effort) > (i.short, i.effort)


def blockers(inc: Incumbent, pid: str, wanted, rng: random.Random, k: int) -> list[str]:
    """Who holds the seats or away days that `pid`'s own optimum would use."""
    need = inc.problem.by_pid[pid]
    out: set[str] = set()
    current = set(inc.plan.get(pid, ()))
    for oid in wanted:
        if oid not in current:
            for _, _, who in inc.tally.full_limits(need.department, inc.items[pid][oid]):
                out.update(who)
    out.discard(pid)
    pool = sorted(out)
    rng.shuffle(pool)
    if len(pool) < k:   # fill with others of the department, for room to move
        rest = sorted(p for p in inc.plan if inc.problem.by_pid[p].department == need.department
                      and p != pid and p not in out)
        rng.shuffle(rest)
        pool += rest[:k - len(pool)]
    return pool[:k]
