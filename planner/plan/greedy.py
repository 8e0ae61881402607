"""A greedy plan: the offering with the most useful hours per effort minute
first (lazily re-scored: what an offering still adds only shrinks as the
plan fills), respecting caps, overlaps, budget and --require. Useful hours
are what it adds to the counted hours of each unmet target it counts toward,
up to what that target still needs. Then offerings the targets no longer
need are dropped again, most effort first. Used as the first solution hint and as
the benchmark's baseline; it proves nothing and may fail where a plan exists.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from fractions import Fraction
from typing import Callable, Optional, Sequence

from ..ledger import Ledger, capped
from ..models.person import Person
from ..models.policy import Policy
from .model import targeted_cycles
from .plannable import Item


class _Fill:
    """What the plan so far has earned, occupied and spent, and what the
    targets and B cycles still need."""

    def __init__(self, policy: Policy, person: Person, ledger: Ledger, years: Sequence[int]):
        self.policy, self.years = policy, years
        self.raw = {y: defaultdict(int, ledger.raw(y)) for y in years}
        self.routes = set(policy.cycle_routes())
        self.cycles = targeted_cycles(policy, years)
        self.cycle_const = {c: sum(ledger.year(y).counted(self.routes)
                                   for y in range(c[0], c[1] + 1) if y not in self.raw)
                            for c in self.cycles}
        self.busy: set[int] = set()
        self.spent: dict[int, int] = defaultdict(int)
        self.budget = person.budget_per_year
        self.cat_routes = {t.key: policy.routes_of(t) for t in policy.targets}
        self.gains: dict[tuple, int] = {}      # (year, route, tenths) -> gain, until the next take

    def counted(self, y, code) -> int:
        return capped(self.raw[y][code], self.policy.routes[code].cap)

    def need_target(self, y, t) -> int:
        return max(0, t.hours - sum(self.counted(y, c) for c in self.cat_routes[t.key]))

    def need_cycle(self, c) -> int:
        have = self.cycle_const[c] + sum(self.counted(y, r) for y in range(c[0], c[1] + 1)
                                         if y in self.raw for r in self.routes)
        return max(0, self.policy.cycle.hours - have)

    def gain(self, item: Item) -> int:
        """The useful hours `item` would add: to each target and cycle it
        counts toward, up to what that one still needs (the same for every
        item of the same year, route and hours until the next `take`)."""
        key = (item.year, item.route, item.tenths)
        gain = self.gains.get(key)
        if gain is None:
            gain = self.gains[key] = self._gain(*key)
        return gain

    def _gain(self, y: int, code: str, tenths: int) -> int:
        cap = self.policy.routes[code].cap
        add = tenths if cap is None else max(0, min(tenths, cap - self.raw[y][code]))
        if add == 0:
            return 0
        cat = self.policy.category_of(code)
        total = sum(min(add, self.need_target(y, t)) for t in self.policy.targets if cat in t.categories)
        if code in self.routes:
            total += sum(min(add, self.need_cycle(c)) for c in self.cycles if c[0] <= y <= c[1])
        return total

    def short(self) -> bool:
        return (any(self.need_target(y, t) for y in self.years for t in self.policy.targets)
                or any(self.need_cycle(c) for c in self.cycles))

    def fits(self, item: Item) -> bool:
        if self.busy.intersection(item.days):
            return False
        return self.budget is None or self.spent[item.year] + item.fee <= self.budget

    def take(self, item: Item) -> None:
        self.gains.clear()
        self.raw[item.year][item.route] += item.tenths
        self.busy.update(item.days)
        self.spent[item.year] += item.fee


class _Keys:
    """Exact integer keys for "most useful hours per effort minute first":
    g / e is ranked as g * (L // e), L the least common multiple of the
    items' efforts (exact, and no Fraction arithmetic); when L is too long
    to be cheap, Fraction keys (exact too). Either way the order is the
    order of -g/e, then fee, then index."""

    def __init__(self, items: Sequence[Item]):
        efforts = {i.effort for i in items}
        scale = math.lcm(*(max(e, 1) for e in efforts)) if efforts else 1
        # effort -> L // max(effort, 1)
        self.times = {e: scale // max(e, 1) for e in efforts} if scale.bit_length() <= MAX_SCALE_BITS else None

    def of(self, item: Item, g: int):
        if self.times is None:
            return (-Fraction(g, max(item.effort, 1)), item.fee, item.index)
        return (-(g * self.times[item.effort]), item.fee, item.index)

    def ranked(self, items: Sequence[Item]) -> list:
        """(key, index, item) for every item at its full hours, in key order."""
        if self.times is None:
            entries = [(self.of(i, i.tenths), i.index, i) for i in items]
        else:
            times = self.times
            entries = [((-(i.credit.tenths * times[i.effort]), i.fee, i.index), i.index, i) for i in items]
        entries.sort(key=lambda entry: entry[0])       # keys end with the index: no two are equal
        return entries


MAX_SCALE_BITS = 512      # beyond this the integer keys cost more than Fractions


def greedy(policy: Policy, person: Person, ledger: Ledger, years: Sequence[int],
           items: Sequence[Item], usable: Optional[Callable[[Item], bool]] = None) -> Optional[list[int]]:
    """Indices (item.index) of the chosen items, or None when the targets are
    not all met. `usable(item)`: the items it refuses are left out, as if
    `items` did not hold them (asked only of the items the plan reaches)."""
    fill = _Fill(policy, person, ledger, years)
    chosen = []
    for item in items:
        if item.required and (usable is None or usable(item)):
            if not fill.fits(item):
                return None
            fill.take(item)
            chosen.append(item.index)
    _best_first(fill, items, chosen, usable)
    if fill.short():
        return None
    return _reverse_delete(fill, items, chosen)


def _best_first(fill: _Fill, items: Sequence[Item], chosen: list[int],
                usable: Optional[Callable[[Item], bool]] = None) -> None:
    """Take the most useful hours per effort minute until nothing is short
    (lazily re-scored: what an offering still adds only shrinks). The items
    are ranked once by their full hours; an item re-scored lower waits in a
    heap, and the next item is the first of the two by (key, index). The
    required items are already taken."""
    keys, ranked = _ranking(items)
    heap: list = []
    at, short = 0, fill.short()
    while short:
        if heap and (at == len(ranked) or heap[0][:2] < ranked[at][:2]):
            _, _, item = heapq.heappop(heap)
        elif at < len(ranked):
            item = ranked[at][2]
            at += 1
        else:
            break
        if usable is not None and not usable(item) or not fill.fits(item):
            continue
        g = fill.gain(item)
        if g == 0:
            continue
        fresh = keys.of(item, g)
        if (heap and fresh > heap[0][0]) or (at < len(ranked) and fresh > ranked[at][0]):
            heapq.heappush(heap, (fresh, item.index, item))     # worth less now: re-queue
            continue
        fill.take(item)
        chosen.append(item.index)
        short = fill.short()


_RANKINGS: dict = {}      # id(items) -> (items, keys, ranking): the last few item tuples ranked
KEPT_RANKINGS = 16       # a unit of 12 staff had 5 pools and more: 4 missed 11 of 15


def _ranking(items: Sequence[Item]) -> tuple[_Keys, list]:
    """The keys and ranking of the items that are not required; worked out
    once per tuple of items (a unit's staff with the same items share one)."""
    entry = _RANKINGS.get(id(items))
    if entry is not None and entry[0] is items:
        return entry[1], entry[2]
    free = [i for i in items if not i.required]
    keys = _Keys(free)
    ranked = keys.ranked(free)
    if isinstance(items, tuple):                 # immutable: the ranking stays right
        while len(_RANKINGS) >= KEPT_RANKINGS:
            _RANKINGS.pop(next(iter(_RANKINGS)))
        _RANKINGS[id(items)] = (items, keys, ranked)
    return keys, ranked


def _reverse_delete(fill: _Fill, items: Sequence[Item], chosen: list[int]) -> list[int]:
    """Drop what the targets no longer need, most effort first."""
    by_index = {i.index: i for i in items}
    for index in sorted(chosen, key=lambda k: (-by_index[k].effort, -by_index[k].fee, -k)):
        item = by_index[index]
        if item.required:
            continue
        fill.raw[item.year][item.route] -= item.tenths
        if fill.short():
            fill.raw[item.year][item.route] += item.tenths
        else:
            chosen.remove(index)
    return sorted(chosen)
