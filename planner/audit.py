"""Where a person stands: each yearly target and each B cycle, rule by rule.

Findings come from checks registered in AUDIT_CHECKS, one per rule of the
policy; the ledger does the arithmetic.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Optional

from . import registration
from .ledger import CycleStanding, Ledger, YearStanding, cycle_shortfall
from .models.person import Person, Unit
from .models.policy import Policy
from .shortfall import Shortfall
from .verdicts import Verdict, cycle_counts, verdict


@dataclass(frozen=True)
class AuditResult:
    person: Person
    policy: Policy
    ledger: Ledger
    years: tuple[YearStanding, ...]
    cycles: tuple[CycleStanding, ...]
    findings: tuple[Shortfall, ...]           # one per rule and year or cycle (met or not)
    asked_year: int
    today: dt.date
    states: tuple[str, ...] = ()              # each record's registration state (registration.py)
    without_pending: Optional[Ledger] = None  # the same records with the pending ones left out

    def pending_hours(self, year: int) -> int:
        """Tenths of `year`'s total that rest on pending records."""
        if self.without_pending is None:
            return 0
        return _total(self.ledger.year(year)) - _total(self.without_pending.year(year))

    def met_without_pending(self, year: int) -> bool:
        return (self.without_pending or self.ledger).year(year).met


def _total(standing: YearStanding) -> int:
    return sum(standing.categories.values())


def yearly_targets(policy: Policy, years, cycles) -> list[Shortfall]:
    """第五条-style targets: each year's counted hours against each target."""
    return [target for standing in years for target in standing.targets]


def cycles(policy: Policy, years, cycle_standings) -> list[Shortfall]:
    """The B cycle rule (the policy's `cycle`): its classes' counted hours over each cycle."""
    return [cycle_shortfall(policy, c) for c in cycle_standings]


AUDIT_CHECKS: list[Callable] = [yearly_targets, cycles]


def audit_years(ledger: Ledger, asked_year: Optional[int]) -> list[int]:
    """Every year inside the policy that has records, and the asked year."""
    years = set(ledger.years)
    if asked_year is not None and asked_year >= ledger.policy.first_year:
        years.add(asked_year)
    return sorted(years)


def audit(person: Person, policy: Policy, asked_year: Optional[int], today: dt.date,
          deadline: Optional[str] = None) -> AuditResult:
    """Counts registered and pending records; rejected, booked and upcoming
    ones count nothing (registration.py). `deadline`: a unit's override."""
    closes = registration.deadline(policy, deadline)
    ledger = registration.person_ledger(policy, person, today, registration.AUDIT, closes)
    states = tuple(registration.state(r, today) for r in person.records)
    without = None
    if registration.PENDING in states:
        without = registration.person_ledger(policy, person, today, registration.AUDIT, closes,
                                             without_pending=True)
    asked = asked_year if asked_year is not None else today.year
    years = tuple(ledger.year(y) for y in audit_years(ledger, asked))
    cycles = tuple(ledger.cycles(s.year for s in years))
    findings = tuple(f for check in AUDIT_CHECKS for f in check(policy, years, cycles))
    return AuditResult(person, policy, ledger, years, cycles, findings, asked, today, states, without)


@dataclass(frozen=True)
class CohortLine:
    person: Person
    standing: YearStanding
    cycle: CycleStanding
    verdict: Verdict

    @property
    def met(self) -> bool:
        """The year's targets, and the B cycle when the year ends it."""
        return self.verdict.met


@dataclass(frozen=True)
class Cohort:
    unit: Unit
    policy: Policy
    year: int
    today: dt.date
    lines: tuple[CohortLine, ...]
    staff: int = 0                       # the unit's staff before any filter
    department: Optional[str] = None     # the filter, when given
    short_only: bool = False

    def count(self, word: str) -> int:
        return sum(1 for line in self.lines if line.verdict.word == word)


Reach = Callable[[Person, Ledger, CycleStanding], Optional[int]]


def cohort(unit: Unit, staff: list[Person], policy: Policy, year: Optional[int], today: dt.date,
           reach: Optional[Reach] = None, department: Optional[str] = None,
           short_only: bool = False) -> Cohort:
    """Every staff member's verdict in `year` (default: the year of `today`).
    `reach(person, ledger, cycle)`: the B hours the catalogue can still add
    to the cycle (the planner knows; None: never "at risk"). `department`
    and `short_only` filter the lines; `staff` keeps the unit's size."""
    lines = []
    asked = year if year is not None else today.year
    for person in staff:
        if department is not None and (person.department or "") != department:
            continue
        result: AuditResult = audit(person, policy, asked, today, unit.registration_deadline)
        standing = next(s for s in result.years if s.year == asked)
        cyc = result.ledger.cycle(asked)
        room = None
        if reach is not None and cycle_counts(standing, cyc) and cyc.shortfall:
            room = reach(person, result.ledger, cyc)
        line = CohortLine(person, standing, cyc, verdict(standing, cyc, today, room))
        if not (short_only and line.met):
            lines.append(line)
    return Cohort(unit, policy, asked, today, tuple(lines), len(staff), department, short_only)


@dataclass(frozen=True)
class PersonStatus:
    """Where one person stands in a year and in that year's B cycle."""
    person: Person
    year: int
    standing: YearStanding
    cycle: CycleStanding
    verdict: Verdict


def person_status(person: Person, policy: Policy, year: int, today: dt.date) -> PersonStatus:
    """On `today`: upcoming, booked and rejected records count nothing."""
    led = registration.person_ledger(policy, person, today, closes=registration.deadline(policy))
    standing, cycle = led.year(year), led.cycle(year)
    return PersonStatus(person, year, standing, cycle, verdict(standing, cycle, today))
