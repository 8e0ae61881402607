"""What `planner suggest` found: the plan, its projection and its reasons.

A plain data result (no solver objects), stable for the reports (JSON, text,
md, html) and for the unit planner. Quantities are exact integers: hours in
tenths, effort in minutes, money in fen. Fields may be added; none renamed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ..credits import Credit, Reason
from ..ledger import CycleStanding, Ledger, YearStanding
from ..models.activity import Offering
from ..models.person import Person
from ..models.policy import Policy
from ..shortfall import Shortfall

# status values (README `planner suggest`)
OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"
UNKNOWN = "unknown"          # time limit hit before any plan was found


class OfferingRef:
    """Mixin for results about one offering: its id and route."""

    @property
    def id(self) -> str:
        return self.offering.id

    @property
    def route(self) -> str:
        return self.offering.route


@dataclass(frozen=True)
class Chosen(OfferingRef):
    """One selected offering and what it brings."""
    offering: Offering
    year: int                      # the year it counts in (credit year)
    credit: Credit                 # its credit before caps (.tenths, .basis, .rate ...)
    earned: int                    # tenths it earns before the yearly cap (= credit.tenths)
    counted: int                   # tenths that count after the route's yearly cap
    effort: int                    # minutes
    fee: int                       # fen
    serves: tuple[str, ...]        # target keys it counts toward ("professional", "total", "cycle" ...)
    required: bool = False         # pinned by --require
    reason: Optional[Reason] = None  # when counted < earned: the cap reason
    booked: Optional[int] = None   # the record that booked it (kept whatever the plan)


@dataclass(frozen=True)
class Rejection(OfferingRef):
    """Why an offering is not in the plan (not plannable, or not chosen)."""
    offering: Offering
    reason: Reason                 # code + params; words via planner.messages / plan.explain
    plannable: bool                # False: excluded before solving; True: the solver left it out
    earned: int = 0                # tenths it would earn (0 when it earns nothing)
    effort: int = 0                # minutes
    fee: int = 0                   # fen


@dataclass(frozen=True)
class PlanResult:
    status: str                    # optimal | feasible | infeasible | unknown
    years: tuple[int, ...]         # planned years Y..Y2
    today: dt.date
    person: Person
    policy: Policy
    effort: int                    # total minutes of the selected offerings
    fee: int                       # total fen
    selected: tuple[Chosen, ...]   # by year, then first day, then id
    projection: tuple[YearStanding, ...]   # per planned year: records + selected, after caps
    cycles: tuple[CycleStanding, ...]      # every cycle touching the planned years (projected)
    ledger: Ledger                 # the person's records alone (what the plan adds to)
    unmet: tuple[Shortfall, ...] = ()      # each with `why`: the model's reason and the capacity fact
    rejected: tuple[Rejection, ...] = ()   # not plannable, and plannable alternatives left out
    bound: Optional[int] = None    # proven lower bound on effort minutes (== effort when optimal)
    solve_seconds: float = 0.0
    build_seconds: float = 0.0
    plannable: int = 0             # how many offerings were plannable
    offered: int = 0               # how many offerings the catalogue held
    required_ids: tuple[str, ...] = ()
    excluded_ids: tuple[str, ...] = ()
    targeted_cycles: tuple[tuple[int, int], ...] = ()   # (start, end) of cycles that are targets of this plan
    shortfall: int = 0             # total tenths short over all targets (0 unless infeasible)
    time_limit: float = 10.0
    stages: tuple[str, ...] = field(default_factory=tuple)  # which lexicographic stages were proven
    void: dict = field(default_factory=dict)   # record index -> why it counts nothing in the plan
    fragile: tuple = ()            # plan.fragile.Fragile: single losses that break a target
    changes: Optional[object] = None   # plan.since.Changes, with --since
    robust: Optional[object] = None    # plan.robust.Insurance, with --robust
    latest_start: tuple = ()       # (target label, date) per open target (plan.latest)
    repairs: tuple = ()            # plan.repairs.Repair, when targets cannot be met
    latest_cut: tuple = ()         # open target labels whose last safe date the time limit left not worked out
    repairs_cut: bool = False      # the time limit stopped the search for repairs (those found are listed)

    @property
    def met(self) -> bool:
        return self.status in (OPTIMAL, FEASIBLE)

    def year(self, year: int) -> YearStanding:
        return next(s for s in self.projection if s.year == year)
