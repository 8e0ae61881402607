"""Registration states: which records count, for the audit and for the planners.

A record's state on a given day (README "Registration states" and "How the rules are read where the text is open"):
- registered: the registrar accepted it (the default for a record dated on or before today);
- pending:    submitted, not yet accepted. The audit counts it, and shows apart what the
              year would be without it; the planners count it too and call it fragile;
- rejected:   counts nothing, with the registrar's reason when given;
- booked:     enrolled or paid for an activity still to come (names its offering);
- upcoming:   dated after today, whatever its status says: not done, so the audit does not
              count it, and the planners treat it as booked.
The registration deadline of a year (policy `registration`, or a unit's
`registration_deadline`): an activity ending after it cannot count in that year, unless
the record says `status: registered` (the registrar's word is the fact).

Pure rules: no solver, no CLI.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from . import ledger as ledger_mod
from .credits import Reason
from .ledger import Ledger
from .models.activity import BOOKED, PENDING, REGISTERED, REJECTED, Record
from .models.person import Person
from .models.policy import Policy

UPCOMING = "upcoming"          # dated after today (the record's own status is one of REGISTRATION_STATES)
AUDIT, PLAN = "audit", "plan"


@dataclass(frozen=True)
class Deadline:
    """A year's registration deadline, as month and day."""
    month: int
    day: int

    @classmethod
    def parse(cls, text: Optional[str]) -> Optional["Deadline"]:
        if not text:
            return None
        month, day = (int(p) for p in text.split("-"))
        return cls(month, day)

    def of(self, year: int) -> dt.date:
        """The deadline in `year` (02-29 falls back to 02-28 in a common year)."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return dt.date(year, self.month, self.day - 1)

    def show(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


def deadline(policy: Policy, override: Optional[str] = None) -> Optional[Deadline]:
    """The deadline in effect: the unit file's, else the policy's, else none."""
    if override:
        return Deadline.parse(override)
    return Deadline.parse(policy.registration.deadline) if policy.registration else None


def state(record: Record, today: dt.date) -> str:
    """The record's registration state on `today` (module doc)."""
    if record.status in (REJECTED, BOOKED):
        return record.status
    if record.last_day is not None and record.last_day > today:
        return UPCOMING
    if record.last_day is None and record.year is not None and record.year > today.year:
        return UPCOMING
    return record.status or REGISTERED


def too_late(record, closes: Optional[Deadline]) -> bool:
    """An activity that ends after its year's registration deadline."""
    if closes is None or record.last_day is None:
        return False
    return record.last_day > closes.of(record.last_day.year)


def void_reason(record: Record, today: dt.date, closes: Optional[Deadline], view: str) -> Optional[Reason]:
    """Why the record counts nothing in `view` (audit | plan), or None when it counts."""
    st = state(record, today)
    if st == REJECTED:
        return Reason("rejected_why", (("why", record.reason),)) if record.reason else Reason("rejected")
    if st in (BOOKED, UPCOMING) and view == AUDIT:
        return Reason(st, (("date", str(record.last_day or record.year)), ("today", today.isoformat())))
    if record.status != REGISTERED and too_late(record, closes):
        return Reason("after_deadline", (("date", record.last_day.isoformat()),
                                         ("deadline", closes.of(record.last_day.year).isoformat())))
    return None


def void(records: Sequence[Record], today: dt.date, closes: Optional[Deadline], view: str,
         skip: frozenset = frozenset()) -> dict[int, Reason]:
    """Per record index, why it counts nothing in `view`; `skip`: indices the
    planner replaced by a booked plan item (counted there, not here)."""
    out = {}
    for index, record in enumerate(records):
        if index in skip:
            out[index] = Reason("booked_in_plan", (("id", record.offering or ""),))
            continue
        reason = void_reason(record, today, closes, view)
        if reason is not None:
            out[index] = reason
    return out


def person_ledger(policy: Policy, person: Person, today: dt.date, view: str = AUDIT,
                  closes: Optional[Deadline] = None, extra: Sequence = (),
                  skip: frozenset = frozenset(), without_pending: bool = False) -> Ledger:
    """The ledger of the person's records (plus `extra` activities after them)
    with every registration verdict applied."""
    voided = void(person.records, today, closes, view, skip)
    if without_pending:
        for index, record in enumerate(person.records):
            if index not in voided and state(record, today) == PENDING:
                voided[index] = Reason("pending_left_out", ())
    return ledger_mod.build(policy, person.specialty, list(person.records) + list(extra), voided)


def pending(person: Person, today: dt.date) -> list[int]:
    """Indices of the person's pending records."""
    return [i for i, r in enumerate(person.records) if state(r, today) == PENDING]


def booked(person: Person, today: dt.date) -> list[int]:
    """Indices of the records the planners treat as booked (booked or upcoming)."""
    return [i for i, r in enumerate(person.records) if state(r, today) in (BOOKED, UPCOMING)]
