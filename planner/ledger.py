"""Totals per person, year, route and cycle, with every cap applied, and the
verdict on each record: counted, capped, or why it counts nothing.

Pure arithmetic on integer tenths; the audit and the planner's recheck both
stand on it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional, Sequence

from .credits import Credit, Reason, credit
from .models.activity import Activity
from .models.policy import Policy
from .shortfall import Shortfall, short_by


@dataclass(frozen=True)
class Line:
    """One activity's verdict."""
    index: int
    item: Activity
    year: int
    credit: Credit
    counted: int                    # tenths that count after the route's cap
    reason: Optional[Reason] = None # why it counts nothing, or less than it earns
    void: bool = False              # counts nothing for a registration reason (not in `raw`)

    @property
    def is_counted(self) -> bool:
        return self.counted > 0


@dataclass(frozen=True)
class RouteYear:
    route: str
    raw: int
    counted: int
    cap: Optional[int]

    @property
    def capped(self) -> bool:
        return self.counted < self.raw


@dataclass(frozen=True)
class YearStanding:
    year: int
    routes: dict[str, RouteYear]
    categories: dict[str, int]
    targets: tuple[Shortfall, ...]         # one per policy target, in its order

    @property
    def met(self) -> bool:
        return all(t.met for t in self.targets)

    def target(self, key: str) -> Shortfall:
        return next(t for t in self.targets if t.key == key)

    def counted(self, routes: Iterable[str]) -> int:
        return sum(self.routes[r].counted for r in routes if r in self.routes)


@dataclass(frozen=True)
class CycleStanding:
    start: int
    end: int
    hours: int
    required: int
    by_year: dict[int, int] = field(default_factory=dict)

    @property
    def shortfall(self) -> int:
        return short_by(self.required, self.hours)

    @property
    def met(self) -> bool:
        return self.hours >= self.required


def capped(raw: int, cap: Optional[int]) -> int:
    """A route's yearly counted hours: min(sum, cap)."""
    return raw if cap is None else min(raw, cap)


def evaluate_targets(policy: Policy, categories: dict[str, int], year: int) -> tuple[Shortfall, ...]:
    """Each yearly target against the counted hours of its categories."""
    return tuple(Shortfall(t.key, sum(categories.get(c, 0) for c in t.categories), t.hours, str(year),
                           t.article, t.text, t.text_en)
                 for t in policy.targets)


def cycle_shortfall(policy: Policy, cycle: CycleStanding) -> Shortfall:
    """A B cycle as a target: its hours against the cycle rule."""
    rule = policy.cycle
    return Shortfall("cycle", cycle.hours, cycle.required, f"{cycle.start}-{cycle.end}",
                     rule.article, rule.text, rule.text_en)


def year_standing(policy: Policy, year: int, raw: dict[str, int]) -> YearStanding:
    """A year's routes after caps, its categories and its targets."""
    routes = {code: RouteYear(code, raw[code], capped(raw[code], policy.routes[code].cap),
                              policy.routes[code].cap)
              for code in policy.routes if code in raw}
    categories = {cat: 0 for cat in policy.categories}
    for code, total in routes.items():
        categories[policy.category_of(code)] += total.counted
    return YearStanding(year, routes, categories, evaluate_targets(policy, categories, year))


class Ledger:
    """Every line of a person's activities and the standing of every year."""

    def __init__(self, policy: Policy, lines: Sequence[Line]):
        self.policy = policy
        self.lines = tuple(lines)
        self._raw: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for line in self.lines:
            if line.year >= policy.first_year and not line.void:
                self._raw[line.year][line.item.route] += line.credit.tenths

    @property
    def years(self) -> list[int]:
        """Years inside the policy that have activities."""
        return sorted(y for y in {line.year for line in self.lines} if y >= self.policy.first_year)

    def raw(self, year: int) -> dict[str, int]:
        return dict(self._raw.get(year, {}))

    def year(self, year: int) -> YearStanding:
        return year_standing(self.policy, year, self.raw(year))

    def cycle(self, year: int) -> CycleStanding:
        """The fixed cycle containing `year`, over the counted hours of its classes."""
        rule = self.policy.cycle
        routes = self.policy.cycle_routes()
        by_year = {y: self.year(y).counted(routes) for y in rule.years_of(year)}
        return CycleStanding(rule.start_of(year), rule.start_of(year) + rule.length - 1,
                             sum(by_year.values()), rule.hours, by_year)

    def cycles(self, years: Iterable[int]) -> list[CycleStanding]:
        starts = sorted({self.policy.cycle.start_of(y) for y in years})
        return [self.cycle(s) for s in starts]



def under_policy(item, earned: Credit, policy: Policy) -> Credit:
    """What an activity earns under the policy: before the policy took effect,
    nothing (0, with the reason), like every record that counts nothing."""
    if item.credit_year >= policy.first_year:
        return earned
    before = Reason("before_policy", (("date", policy.effective_from.isoformat()),))
    return replace(earned, tenths=0, reason=before)

def build(policy: Policy, specialty: str, items: Sequence[Activity],
          void: Optional[dict[int, Reason]] = None) -> Ledger:
    """Price every item, then share each route's yearly cap out in file order.
    `void`: items (by index) that count nothing, with why (registration.py)."""
    priced = [(i, item, credit(item, policy, specialty)) for i, item in enumerate(items)]
    room: dict[tuple[int, str], Optional[int]] = {}
    lines = []
    void = void or {}
    for index, item, earned in priced:
        year = item.credit_year
        if index in void:
            lines.append(Line(index, item, year, earned, 0, void[index], void=True))
            continue
        if year < policy.first_year:
            outside = under_policy(item, earned, policy)
            lines.append(Line(index, item, year, outside, 0, outside.reason))
            continue
        if earned.reason is not None:
            lines.append(Line(index, item, year, earned, 0, earned.reason))
            continue
        cap = policy.routes[item.route].cap
        key = (year, item.route)
        left = room.get(key, cap)
        counted = earned.tenths if left is None else min(earned.tenths, left)
        if left is not None:
            room[key] = left - counted
        reason = None
        if counted < earned.tenths:
            reason = Reason("cap_reached" if counted == 0 else "capped",
                            (("route", item.route), ("cap", str(cap)), ("year", str(year))))
        lines.append(Line(index, item, year, earned, counted, reason))
    return Ledger(policy, lines)
