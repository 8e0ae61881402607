"""The search's current plan: each person's chosen ids, their Score, and what
the plan uses of the shared limits (usage.Tally, the one bookkeeping).

The plan's value is lexicographic: (total shortfall, total effort, cost).
"""
from __future__ import annotations

from dataclasses import dataclass
from .prepare import Problem, Score, evaluate
from .usage import Tally, Usage


@dataclass(frozen=True, order=True)
class Value:
    """A plan's value, compared lexicographically."""
    short: int        # tenths, over every person and target
    effort: int       # minutes
    cost: int         # fen: fees + held trainings


class Incumbent:
    def __init__(self, problem: Problem):
        self.problem = problem
        self.plan: dict[str, tuple[str, ...]] = {}
        self.score: dict[str, Score] = {}
        self.tally = Tally(problem.limits, problem.trainings)
        self.items = {n.pid: n.by_id for n in problem.needs}      # read only: each Need's own, worked out once

    def _items(self, pid: str, ids):
        return [self.items[pid][oid] for oid in ids]

    def add(self, pid: str, ids) -> None:
        ids = tuple(sorted(ids))
        need = self.problem.by_pid[pid]
        self.plan[pid] = ids
        self.score[pid] = evaluate(need, ids, self.problem.policy)
        self.tally.change(pid, need.department, self._items(pid, ids), +1)

    def remove(self, pid: str) -> tuple[str, ...]:
        ids = self.plan.pop(pid)
        del self.score[pid]
        self.tally.change(pid, self.problem.by_pid[pid].department, self._items(pid, ids), -1)
        return ids

    def fits(self, pid: str, ids, keep: int = 0) -> bool:
        """The plan `ids` fits what is left, `keep` fen of the budget aside."""
        return self.tally.fits(self.problem.by_pid[pid].department, self._items(pid, ids), keep)

    def fits_alone(self, pid: str):
        """A test of one of the person's items: it still fits on its own
        (seats, away days, budget) beside the plan as it stands now."""
        department = self.problem.by_pid[pid].department
        fits = self.tally.fits
        return lambda item: fits(department, (item,))

    def blocked(self, pid: str) -> tuple[str, ...]:
        need = self.problem.by_pid[pid]
        return self.tally.blocked(need.department, need.items)

    def usage(self) -> Usage:
        return self.tally.usage()

    def total(self) -> Value:
        return Value(sum(s.short for s in self.score.values()), sum(s.effort for s in self.score.values()),
                     self.tally.spent())

    def holders(self, oid: str) -> set:
        return self.tally.holders.get(oid, set())

    def snapshot(self) -> dict[str, tuple[str, ...]]:
        return {n.pid: self.plan[n.pid] for n in self.problem.needs}
