"""The unit's shared limits and what a plan uses of them, written once.

Three limits couple the staff (README `planner unit`):
- seats: an offering's (or unit training's) `seats` bound how many attend;
- the away limit: on any day, the staff of one department away at dated,
  in-person catalogue activities number at most
  max(1, floor(max_away_share x department size)); the unit's own trainings
  are not "away" (`away_keys` is the one encoding of that rule);
- the budget: fees of attended offerings plus the costs of held trainings.

`Limits` holds the limits, `Tally` what a set of plans uses of them (the
search keeps one for its incumbent; the explanations build one per
alternative); `Usage` is the frozen part the model needs (what the people
outside a frame already use). Pure domain code: no solver here.
Quantities: tenths, minutes, fen.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping, Optional


def away_limit(unit, size: int) -> int:
    """max(1, floor(max_away_share x department size)), exactly."""
    return max(1, int(Fraction(str(unit.max_away_share)) * size))


def away_keys(department: str, item, trainings) -> tuple[tuple[str, int], ...]:
    """The (department, day) pairs an item takes its attendee away on:
    dated, in-person catalogue activities do; the unit's own trainings and
    online courses do not."""
    if not item.days or item.id in trainings or item.offering.online:
        return ()
    return tuple((department, day) for day in item.days)


@dataclass(frozen=True)
class Limits:
    """The unit's shared limits for the planned year."""
    seats: Mapping[str, Optional[int]]   # offering or training id -> seats (None: unlimited)
    away: Mapping[str, int]              # department -> the away limit
    budget: Optional[int]                # fen, fees + held training costs
    costs: Mapping[str, int]             # unit training id -> organising cost, fen
    away_days: Mapping[tuple[str, int], int] = field(default_factory=dict)   # (department, day) -> a
                                         # limit of that one day (unit/values.py moves one day by one)

    def seat_limit(self, oid: str) -> Optional[int]:
        return self.seats.get(oid)

    def away_at(self, key: tuple[str, int]) -> int:
        """The away limit of a (department, day): the day's own, else the department's."""
        return self.away_days.get(key, self.away[key[0]])


@dataclass(frozen=True)
class Usage:
    """What the staff outside a frame already use of the shared limits."""
    seats: Mapping[str, int] = field(default_factory=dict)             # id -> attendees
    away: Mapping[tuple[str, int], int] = field(default_factory=dict)  # (department, day) -> away
    spent: int = 0                                                     # fees + held training costs


class Tally:
    """Seats, away days and money used by a set of plans, and who holds them."""

    def __init__(self, limits: Limits, trainings):
        self.limits = limits
        self.trainings = trainings
        self.seats: Counter = Counter()
        self.away: Counter = Counter()
        self.fees = 0
        self.held = 0                                      # organising costs of the trainings someone attends
        self.holders: dict[str, set] = {}                  # item id -> who attends it
        self.away_by: dict[tuple[str, int], set] = {}      # (department, day) -> who is away

    def change(self, pid: str, department: str, items: Iterable, sign: int) -> None:
        """Count (sign +1) or uncount (-1) one person's items."""
        costs = self.limits.costs
        for item in items:
            before = self.seats[item.id]
            self.seats[item.id] += sign
            self.fees += sign * item.fee
            if item.id in costs and (before == 0) != (self.seats[item.id] == 0):
                self.held += sign * costs[item.id]
            _mark(self.holders, item.id, pid, sign)
            for key in away_keys(department, item, self.trainings):
                self.away[key] += sign
                _mark(self.away_by, key, pid, sign)

    def training_cost(self) -> int:
        """What the held trainings cost (kept as plans change: a hot path)."""
        return self.held

    def spent(self) -> int:
        return self.fees + self.training_cost()

    def usage(self) -> Usage:
        return Usage(dict(+self.seats), dict(+self.away), self.spent())

    def seat_full(self, oid: str) -> bool:
        limit = self.limits.seat_limit(oid)
        return limit is not None and self.seats.get(oid, 0) >= limit

    def away_full(self, key: tuple[str, int]) -> bool:
        return self.away.get(key, 0) >= self.limits.away_at(key)

    def fits(self, department: str, items, keep: int = 0) -> bool:
        """Whether adding one person's items keeps every shared limit
        (and `keep` fen of the budget unspent)."""
        extra = keep
        for item in items:
            if self.seat_full(item.id):
                return False
            if any(self.away_full(key) for key in away_keys(department, item, self.trainings)):
                return False
            extra += item.fee
            if item.id in self.limits.costs and self.seats.get(item.id, 0) == 0:
                extra += self.limits.costs[item.id]
        return self.limits.budget is None or self.spent() + extra <= self.limits.budget

    def blocked(self, department: str, items) -> tuple[str, ...]:
        """The ids among `items` that no seat or away room is left for (the
        full seats and days found first: a person may have 10,000 items)."""
        limits = self.limits
        if limits.away[department] <= 0:          # every day full: item by item
            return tuple(i.id for i in items if self.seat_full(i.id) or any(
                self.away_full(key) for key in away_keys(department, i, self.trainings)))
        seats = {oid for oid, cap in limits.seats.items() if cap is not None and self.seats.get(oid, 0) >= cap}
        days = {key[1] for key in set(self.away) | set(limits.away_days)
                if key[0] == department and self.away_full(key)}
        if not seats and not days:
            return ()
        out = []
        for i in items:
            keys = away_keys(department, i, self.trainings) if days else ()
            if i.id in seats or keys and any(key[1] in days for key in keys):
                out.append(i.id)
        return tuple(out)

    def full_limits(self, department: str, item) -> list[tuple[str, object, tuple[str, ...]]]:
        """Why `item` cannot be added: ("seats", id, holders) and ("away",
        (department, day), who is away), for each limit already reached."""
        out = []
        if self.seat_full(item.id):
            out.append(("seats", item.id, tuple(sorted(self.holders.get(item.id, ())))))
        for key in away_keys(department, item, self.trainings):
            if self.away_full(key):
                out.append(("away", key, tuple(sorted(self.away_by.get(key, ())))))
        return out


def _mark(index: dict, key, pid: str, sign: int) -> None:
    who = index.setdefault(key, set())
    if sign > 0:
        who.add(pid)
    else:
        who.discard(pid)
