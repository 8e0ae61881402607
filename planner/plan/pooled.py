"""The plannable items of many people over one pool of offerings (a unit's
staff over the year's catalogue and the unit's trainings): what `plannable.candidates`
gives each of them as `.items`, with the part that reads nothing of the
person worked out once for all.

An offering is an item iff no check of `plannable.not_plannable` refuses
it, whatever their order. Those checks split in two:
- the person's own: completed, excluded (none here), booked offerings (none
  here: `Pool.items` checks it), blackout days, the days of booked records;
- the rest, once per offering: outside the year, after the registration
  deadline, `seats: 0`, started before today, an undated year over; and once
  per specialty: the offering's specialties, the credit's reason, no credit
  (a credit reads the specialty only on `Memo.by_specialty` routes).

Pure domain code: no solver here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from ..credits import Credit, credit
from ..effort import effort_minutes
from ..models.activity import Offering
from ..models.person import Person
from ..models.policy import Policy
from ..registration import Deadline
from .plannable import Booked, Item, Memo, after_deadline, candidates


@dataclass(frozen=True)
class Open:
    """An offering that passes every check that reads nothing of the person,
    with what its items read."""
    offering: Offering
    year: int
    days: tuple[int, ...]            # ordinals
    effort: int                      # minutes
    credit: Optional[Credit]         # None when it depends on the specialty (Memo.by_specialty)

    @property
    def for_all(self) -> bool:
        """Whoever may take it, and its credit is theirs whatever their specialty."""
        return self.credit is not None and self.offering.specialties is None


def earns(earned: Credit) -> bool:
    """Neither the credit's reason nor no credit refuses it."""
    return earned.reason is None and earned.tenths > 0


class Pool:
    """The offerings of one planned year, for one policy, today and deadline,
    sorted by id as `candidates` sorts them; each person's items from it."""

    def __init__(self, policy: Policy, offerings: Sequence[Offering], year: int, today: dt.date,
                 closes: Optional[Deadline], memo: Optional[Memo] = None):
        self.policy, self.year, self.today, self.closes = policy, year, today, closes
        self.offerings = sorted(offerings, key=lambda o: o.id)
        self.memo = memo if memo is not None and memo.policy is policy else Memo(policy)
        self.open = tuple(o for o in map(self._open, self.offerings) if o is not None)
        self.for_all = [at for at, o in enumerate(self.open) if o.for_all]
        self.varies = [at for at, o in enumerate(self.open) if not o.for_all]
        self._shelves: dict[str, Shelf] = {}
        self._by_picks: dict[tuple, Shelf] = {}

    def _open(self, offering: Offering) -> Optional[Open]:
        """The offering with what its items read, unless a check of
        plannable.not_plannable that reads nothing of the person refuses it."""
        year = offering.credit_year
        if year != self.year or offering.seats == 0:
            return None
        first = offering.first_day
        if (first is not None and first < self.today) or (first is None and year < self.today.year):
            return None                                       # started, or its year is over
        if after_deadline(offering, year, self.today, self.closes) is not None:
            return None
        fixed = None
        if offering.route not in self.memo.by_specialty:      # no `equals_specialty`: it reads no specialty
            fixed = credit(offering, self.policy, "")
            if not earns(fixed):
                return None
        # its calendar days as ordinals (plannable.Facts.days: the ordinals of offering.dates())
        days = () if first is None else tuple(range(first.toordinal(), offering.last_day.toordinal() + 1))
        return Open(offering, year, days, effort_minutes(offering, self.policy), fixed)

    def picks(self, specialty: str) -> tuple[tuple[int, Credit], ...]:
        """The open offerings (positions) that not everyone may take which
        someone of `specialty` may, with the credit they earn."""
        out = []
        for at in self.varies:
            o = self.open[at]
            if o.offering.specialties is not None and specialty not in o.offering.specialties:
                continue
            earned = o.credit or self.memo.credit(o.offering, specialty)
            if earns(earned):
                out.append((at, earned))
        return tuple(out)

    def shelf(self, specialty: str) -> "Shelf":
        """The open offerings someone of `specialty` may take that earn a
        credit, as their items, the person's own checks aside (specialties
        with the same picks share one)."""
        found = self._shelves.get(specialty)
        if found is None:
            picks = self.picks(specialty)
            found = self._by_picks.get(picks)
            if found is None:
                credits = dict(picks)
                items = []
                for n, at in enumerate(sorted(self.for_all + list(credits))):
                    o = self.open[at]
                    items.append(Item(n, o.offering, o.year, credits.get(at) or o.credit, o.effort,
                                      o.offering.fee, o.days))
                found = self._by_picks[picks] = Shelf.of(tuple(items))
            self._shelves[specialty] = found
        return found

    def items(self, person: Person, booked: Booked) -> tuple[Item, ...]:
        """`candidates(person, policy, pool, [year], today, booked=booked).items`."""
        if booked.offerings or booked.closes != self.closes:
            return candidates(person, self.policy, self.offerings, [self.year], self.today,
                              booked=booked, memo=self.memo).items
        shelf = self.shelf(person.specialty)
        drops = {at for r in person.records for at in shelf.indexes(r.offering)}     # completed
        if person.blackout or booked.busy:
            for day, at in shelf.on_day.items():
                if day in booked.busy or person.blacked_out(dt.date.fromordinal(day)):
                    drops.update(at)
        return shelf.without(drops)


@dataclass(frozen=True)
class Shelf:
    """Items before the person's own checks (each one's index its position),
    found by offering id and by day."""
    items: tuple[Item, ...]
    at: dict[str, int]                   # offering id -> the index of its item
    on_day: dict[int, tuple[int, ...]]   # ordinal -> the indexes of the items on that day
    twice: dict[str, tuple[int, ...]]    # an id of more than one item -> their indexes (no catalogue has one)

    @classmethod
    def of(cls, items: tuple[Item, ...]) -> "Shelf":
        at = {i.offering.id: i.index for i in items}
        twice: dict[str, list[int]] = {}
        if len(at) < len(items):
            for item in items:
                twice.setdefault(item.offering.id, []).append(item.index)
        on_day: dict[int, list[int]] = {}
        for item in items:
            for day in item.days:
                on_day.setdefault(day, []).append(item.index)
        return cls(items, at, {d: tuple(v) for d, v in on_day.items()},
                   {i: tuple(v) for i, v in twice.items() if len(v) > 1})

    def indexes(self, oid: str) -> tuple[int, ...]:
        """The indexes of the items of offering `oid`."""
        if oid in self.twice:
            return self.twice[oid]
        return (self.at[oid],) if oid in self.at else ()

    def without(self, drops: set[int]) -> tuple[Item, ...]:
        """The items but those at `drops`, indexed again by position (the
        items before the first one dropped are kept as they are)."""
        if not drops:
            return self.items
        first = min(drops)
        out = list(self.items[:first])
        for item in self.items[first + 1:]:
            if item.index not in drops:
                out.append(Item(len(out), item.offering, item.year, item.credit, item.effort, item.fee, item.days))
        return tuple(out)
