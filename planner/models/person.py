"""A person (their specialty, budget, blackout days and records) and a unit
(its staff's shared limits and its own trainings).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..errors import FieldError
from ..i18n import t
from ..limits import BudgetFen, CostFen, Day, Minutes, Seats, Share
from .activity import Dated, Ident, Record
from .base import Frozen, checked, model


@model
class DateRange(Frozen):
    start: Day
    end: Day

    def __post_init__(self):
        if self.end < self.start:
            raise FieldError("end", t("errors.end_before_start", end=self.end, start=self.start))

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@model
class Person(Frozen):
    id: Ident
    name: str
    unit: Optional[Ident] = None
    department: Optional[str] = None
    specialty: str
    specialty_since: dict[Day, str] = checked(default_factory=dict)   # date -> the specialty from that day
    budget_per_year: Optional[BudgetFen] = None
    blackout: tuple[DateRange, ...] = ()
    records: tuple[Record, ...] = ()
    title: Optional[str] = None
    registrar: Optional[str] = None
    note: Optional[str] = None

    def specialty_on(self, day: dt.date) -> str:
        """The specialty `specialty_since` gives for `day` (the latest entry on
        or before it); the person's `specialty` where it gives none."""
        began = [d for d in self.specialty_since if d <= day]
        return self.specialty_since[max(began)] if began else self.specialty

    def blacked_out(self, day: dt.date) -> bool:
        return any(r.covers(day) for r in self.blackout)


@model
class UnitTraining(Dated):
    """A training the unit organises for its own staff: dated like any
    activity, its `cost` paid once by the unit (planner.unit.prepare sees it
    as an offering on the policy's unit-training route, or its own `route`)."""
    id: str
    title: str
    cost: CostFen = 0
    seats: Optional[Seats] = None
    effort_hours: Optional[Minutes] = None
    route: Optional[str] = None


@model
class Unit(Frozen):
    id: str
    name: str
    departments: Optional[tuple[str, ...]] = None   # when given, every staff member's department is one of them
    max_away_share: Share = 1.0     # the away limit of each department: planner/unit/usage.py away_limit
    budget: Optional[BudgetFen] = None
    unit_trainings: tuple[UnitTraining, ...] = ()
    registration_deadline: Optional[str] = checked(
        None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")   # month-day, overrides the policy's
