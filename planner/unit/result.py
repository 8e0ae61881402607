"""What `planner unit` found: per person their plan and projection, the
trainings held with their rosters, the totals, the bound and the gap.

Plain data (no solver objects). Quantities: tenths, minutes, fen.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ..ledger import CycleStanding, Ledger, YearStanding
from ..models.person import Person, Unit, UnitTraining
from ..models.policy import Policy
from ..plan.plannable import Item
from ..plan.result import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN   # noqa: F401 (a unit plan's statuses too)
from ..shortfall import Shortfall

# a unit plan's status: the person planner's (plan/result.py, defined there) and one more
SHORT = "short"      # some staff, not all, are left short (why: capacity, shared, or undecided: the time limit cut the search); the rest meet every target
# optimal: everyone meets every target, plan proven best; feasible: everyone meets, not proven;
# short: some fall short (people_short says who); infeasible: no one can meet every target.


@dataclass(frozen=True)
class PersonPlan:
    person: Person
    department: str
    items: tuple[Item, ...]      # chosen, by first day then id
    effort: int
    fee: int
    standing: YearStanding       # records + chosen, after caps
    cycle: Optional[CycleStanding]   # when Y ends a cycle
    ledger: Ledger               # their records alone (what the plan adds to)
    shorts: tuple[Shortfall, ...] = ()   # each with why.kind: capacity (even every plannable item
                                         # is not enough) or shared (the unit's seats, away limits, budget)
    ideal_effort: int = 0        # their own optimum with shared limits dropped
    plannable: int = 0

    @property
    def met(self) -> bool:
        return self.standing.met and (self.cycle is None or self.cycle.met)


@dataclass(frozen=True)
class TrainingPlan:
    training: UnitTraining
    attendees: tuple[str, ...]
    hours: int                   # tenths each attendee earns

    @property
    def held(self) -> bool:
        return bool(self.attendees)


@dataclass(frozen=True)
class UnitPlan:
    unit: Unit
    policy: Policy
    year: int
    today: dt.date
    status: str
    effort: int                  # minutes, all staff
    fees: int                    # fen
    training_cost: int           # fen
    bound: int                   # minutes: proven lower bound on effort (at the least shortfall), <= effort
    gap: float                   # (plan - bound) / plan, on `gap_on`
    people: tuple[PersonPlan, ...]
    trainings: tuple[TrainingPlan, ...]   # every candidate training; .held says which
    away_limits: dict[str, int]
    department_sizes: dict[str, int]
    seconds: float = 0.0
    first_feasible: float = 0.0
    time_limit: float = 60.0
    deterministic: bool = True   # False when the time limit cut the search
    stats: dict = field(default_factory=dict)
    explained: Optional[object] = None   # unit.explain.Explained, when asked for
    shortfall: int = 0           # tenths: total shortfall over every person and target
    shortfall_bound: int = 0     # tenths: proven lower bound on it
    gap_on: str = "effort"       # effort | shortfall: the first part of the objective not proven
    proven: bool = False         # shortfall, effort and cost proven least
    work: float = 0.0            # CP-SAT deterministic seconds spent
    work_budget: float = 0.0     # the search's budget, deterministic seconds
    problem: Optional[object] = field(default=None, repr=False, compare=False)   # unit.prepare.Problem
    values: Optional[object] = None   # unit.values.Values: what each limit is worth (--limit-values)
    changes: Optional[object] = None  # unit.since.UnitChanges: what changed since the previous plan (--since)
    robust: Optional[object] = None   # unit.robust.Insurance: what --robust costs against the plain plan

    @property
    def cost(self) -> int:
        return self.fees + self.training_cost

    @property
    def held(self) -> tuple[TrainingPlan, ...]:
        return tuple(t for t in self.trainings if t.held)

    @property
    def short_people(self) -> tuple[PersonPlan, ...]:
        return tuple(p for p in self.people if not p.met)

    @property
    def people_met(self) -> int:
        return sum(1 for p in self.people if p.met)
