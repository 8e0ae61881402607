"""Which catalogue offerings a person can plan, and why the others cannot
(README `planner suggest` and "How the rules are read where the text is open"): the year is planned, it does not start
before today, the person has not completed it, it has seats (not `seats: 0`), its specialties include the
person's, it touches no blackout day, it earns a credit, and it is not
excluded by the user.

Pure domain code: no solver here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from .. import tenths as q
from ..credits import Credit, Reason, credit
from ..effort import effort_minutes
from .. import registration
from ..errors import PlannerError
from ..i18n import Both, t
from ..messages import reason_text
from ..models.activity import Offering
from ..models.person import Person
from ..models.policy import Policy
from ..registration import Deadline
from .result import OfferingRef, Rejection


class _OfferingId:
    """An item's offering id, kept in the item once read (no lock, unlike
    functools.cached_property; the item is frozen, its offering too)."""

    def __get__(self, item, owner=None):
        if item is None:
            return self
        value = item.__dict__["id"] = item.offering.id
        return value


@dataclass(frozen=True)
class Item(OfferingRef):
    """A plannable offering with its numbers for the model."""
    index: int                     # position in the model (offerings sorted by id)
    offering: Offering
    year: int                      # the year it counts in
    credit: Credit
    effort: int                    # minutes
    fee: int                       # fen
    days: tuple[int, ...]          # ordinals of the calendar days it occupies (dated only)
    required: bool = False
    booked: Optional[int] = None   # the index of the record that booked it (kept in the plan)

    @property
    def tenths(self) -> int:
        return self.credit.tenths

    id = _OfferingId()                 # read a million times on 10,000 unit trainings: looked up once


@dataclass(frozen=True)
class Candidates:
    items: tuple[Item, ...]
    rejected: tuple[Rejection, ...]      # offerings of the planned years that are not plannable
    offered: int                         # offerings in the catalogue

    @property
    def booked_records(self) -> frozenset:
        """Indices of the records whose booked offering is a (pinned) plan item."""
        return frozenset(i.booked for i in self.items if i.booked is not None)


@dataclass(frozen=True)
class Booked:
    """What the person's booked records fix: offering id -> record index, and
    the days taken by booked activities that are not plan items (ordinal -> title)."""
    offerings: dict
    busy: dict
    closes: Optional[Deadline] = None


NOTHING_BOOKED = Booked({}, {})


@dataclass(frozen=True)
class Facts:
    """What plannability reads of an offering, worked out once: the year it
    counts in, its first day and its calendar days."""
    year: int
    first: Optional[dt.date]
    dates: tuple[dt.date, ...]
    days: tuple[int, ...] = ()         # the dates as ordinals (an Item's `days`)

    @classmethod
    def of(cls, offering: Offering) -> "Facts":
        dates = tuple(offering.dates())
        return cls(offering.credit_year, offering.first_day, dates, tuple(d.toordinal() for d in dates))


class Memo:
    """Facts, credits and effort of offerings, for one policy: a unit planner
    asks the same of every one of its staff (a credit depends on the
    person only through the specialty)."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self.facts: dict[int, Facts] = {}
        self.credits: dict[tuple, Credit] = {}
        self.efforts: dict[int, int] = {}
        self.last_problem = None        # plan/solve.prepare's one-slot cache
        self.by_specialty = {code for code, route in policy.routes.items()
                             if any(rule.equals_specialty is not None for rule in route.eligibility)}

    def facts_of(self, offering: Offering) -> Facts:
        key = id(offering)
        if key not in self.facts:
            self.facts[key] = Facts.of(offering)
        return self.facts[key]

    def credit(self, offering: Offering, specialty: str) -> Credit:
        # an offering's credit reads the specialty only through a route's
        # `equals_specialty` condition (credits.ineligibility): without one, one credit for all
        key = (id(offering), specialty if offering.route in self.by_specialty else None)
        if key not in self.credits:
            self.credits[key] = credit(offering, self.policy, specialty)
        return self.credits[key]

    def effort(self, offering: Offering) -> int:
        key = id(offering)
        if key not in self.efforts:
            self.efforts[key] = effort_minutes(offering, self.policy)
        return self.efforts[key]


def booked_of(person: Person, today: dt.date, closes: Optional[Deadline]) -> Booked:
    offerings = {}
    for index in registration.booked(person, today):
        record = person.records[index]
        if record.offering:
            offerings[record.offering] = index
    return Booked(offerings, {}, closes)


def after_deadline(offering: Offering, year: int, today: dt.date, closes: Optional[Deadline]) -> Optional[Reason]:
    """The registration deadline: an activity ending after it (or an undated
    course when today is past it) cannot count in its year."""
    if closes is None:
        return None
    last = offering.last_day or today
    if last > closes.of(year):
        return Reason("after_deadline", (("date", last.isoformat()), ("deadline", closes.of(year).isoformat())))
    return None


def not_plannable(offering: Offering, earned: Credit, person: Person, years: Sequence[int],
                  today: dt.date, completed: dict[str, int], excluded: set[str],
                  booked: Booked = NOTHING_BOOKED, facts: Optional[Facts] = None) -> Optional[Reason]:
    """Why `offering` cannot be planned, or None. Checked in a fixed order."""
    facts = facts or Facts.of(offering)
    year = facts.year
    if year not in years:
        return Reason("outside_years", (("year", str(year)), ("first", str(years[0])), ("last", str(years[-1]))))
    late = after_deadline(offering, year, today, booked.closes)
    if late is not None:
        return late
    if offering.id in booked.offerings:
        if earned.reason is not None:
            return earned.reason
        return None if earned.tenths > 0 else Reason("no_credit", (("id", offering.id),))
    if offering.id in excluded:
        return Reason("excluded", (("id", offering.id),))
    if offering.id in completed:
        return Reason("completed", (("id", offering.id), ("record", str(completed[offering.id]))))
    if offering.seats == 0:
        return Reason("no_seats", (("id", offering.id),))
    first = facts.first
    if first is not None and first < today:
        return Reason("started", (("start", first.isoformat()), ("today", today.isoformat())))
    if first is None and year < today.year:
        return Reason("year_over", (("year", str(year)), ("today", today.isoformat())))
    if offering.specialties is not None and person.specialty not in offering.specialties:
        return Reason("specialty", (("specialties", ", ".join(offering.specialties)),
                                    ("specialty", person.specialty)))
    for day in facts.dates if person.blackout or booked.busy else ():
        if person.blacked_out(day):
            return Reason("blackout", (("day", day.isoformat()),))
        if day.toordinal() in booked.busy:
            return Reason("overlaps_booked", (("title", booked.busy[day.toordinal()]), ("day", day.isoformat())))
    if earned.reason is not None:
        return earned.reason
    if earned.tenths <= 0:
        return Reason("no_credit", (("id", offering.id),))
    return None


def candidates(person: Person, policy: Policy, offerings: Iterable[Offering], years: Sequence[int],
               today: dt.date, require: Sequence[str] = (), exclude: Sequence[str] = (),
               known_ids: Optional[set[str]] = None, booked: Booked = NOTHING_BOOKED,
               memo: Optional[Memo] = None) -> Candidates:
    """Split the catalogue into plannable items (sorted by id: the model's
    variable order and the documented tie-break) and rejections. `memo`:
    shared by callers that ask for many people over the same offerings.

    `require`/`exclude` ids must exist in the catalogue, must not clash, and
    a required offering must be plannable; otherwise PlannerError (exit 2).
    """
    offerings = sorted(offerings, key=lambda o: o.id)
    ids = known_ids if known_ids is not None else {o.id for o in offerings}
    for flag, given in (("--require", require), ("--exclude", exclude)):
        for oid in given:
            if oid not in ids:
                raise PlannerError(t("errors.require_unknown", flag=flag, id=oid))
    both = sorted(set(require) & set(exclude))
    if both:
        raise PlannerError(t("errors.require_and_exclude", id=both[0]))
    completed = {r.offering: i for i, r in enumerate(person.records) if r.offering}
    excluded, required = set(exclude), set(require)
    booked = pinned_booked(person, policy, offerings, years, today, booked)
    items: list[Item] = []
    rejected: list[Rejection] = []
    memo = memo if memo is not None and memo.policy is policy else Memo(policy)
    for offering in offerings:
        earned = memo.credit(offering, person.specialty)
        facts = memo.facts_of(offering)
        reason = not_plannable(offering, earned, person, years, today, completed, excluded, booked, facts)
        if reason is not None:
            if offering.id in required:
                raise PlannerError(t("errors.require_not_plannable", id=offering.id,
                                      reason=Both(reason_text(reason, policy, "zh"), reason_text(reason, policy, "en"))))
            if reason.code != "outside_years":
                rejected.append(Rejection(offering, reason, False, earned.tenths,
                                          memo.effort(offering), offering.fee))
            continue
        pin = booked.offerings.get(offering.id)
        items.append(Item(len(items), offering, facts.year, earned,
                          memo.effort(offering), offering.fee, facts.days,
                          offering.id in required or pin is not None, pin))
    check_required(person, [i for i in items if i.required and i.booked is None])
    return Candidates(tuple(items), tuple(rejected), len(offerings))


def pinned_booked(person: Person, policy: Policy, offerings: Sequence[Offering], years: Sequence[int],
                  today: dt.date, booked: Booked) -> Booked:
    """Booked offerings that become plan items (in a planned year, before the
    deadline, earning a credit); the other booked records stay records, and
    their days are taken (`busy`)."""
    by_id = {o.id: o for o in offerings}
    keep, busy = {}, dict(booked.busy)
    for oid, index in sorted(booked.offerings.items(), key=lambda kv: kv[1]):
        o = by_id.get(oid)
        ok = (o is not None and o.credit_year in years
              and after_deadline(o, o.credit_year, today, booked.closes) is None
              and credit(o, policy, person.specialty).tenths > 0)
        if ok:
            keep[oid] = index
    for index in registration.booked(person, today):
        record = person.records[index]
        if record.offering not in keep:
            for day in record.dates():
                busy.setdefault(day.toordinal(), record.title)
    return Booked(keep, busy, booked.closes)


def unit_booked(person: Person, policy: Policy, year: int, today: dt.date, closes: Optional[Deadline]) -> Booked:
    """For the unit planner: booked records stay records counted as done (their
    offerings not re-chosen), their days taken; the deadline applies."""
    return pinned_booked(person, policy, (), [year], today, Booked({}, {}, closes))


def check_required(person: Person, required: Sequence[Item]) -> None:
    """Pinned offerings that clash with each other are bad input (exit 2)."""
    seen: dict[int, str] = {}
    for item in required:
        for day in item.days:
            if day in seen:
                raise PlannerError(t("errors.require_same_day", first=seen[day], second=item.id,
                                     day=dt.date.fromordinal(day).isoformat()))
            seen[day] = item.id
    budget = person.budget_per_year
    if budget is not None:
        fees: dict[int, int] = {}
        for item in required:
            fees[item.year] = fees.get(item.year, 0) + item.fee
        for year, fee in sorted(fees.items()):
            if fee > budget:
                raise PlannerError(t("errors.require_over_budget", year=year, fee=q.show_yuan(fee),
                                     budget=q.show_yuan(budget)))
