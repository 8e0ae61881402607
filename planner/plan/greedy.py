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
from collections import defaultdict
from fractions import Fraction
from typing import Optional, Sequence

from ..ledger import Ledger, capped
from ..models.person import Person
from ..models.policy import Policy
from .model import targeted_cycles
from .plannable import Item


def greedy(policy: Policy, person: Person, ledger: Ledger, years: Sequence[int],
           items: Sequence[Item]) -> Optional[list[int]]:
    """Indices (item.index) of the chosen items, or None when the targets are not all met."""
    raw = {y: defaultdict(int, ledger.raw(y)) for y in years}
    routes = set(policy.cycle_routes())
    cycles = targeted_cycles(policy, years)
    cycle_const = {c: sum(ledger.year(y).counted(routes) for y in range(c[0], c[1] + 1) if y not in raw)
                   for c in cycles}
    busy: set[int] = set()
    spent: dict[int, int] = defaultdict(int)
    budget = person.budget_per_year
    cat_routes = {t.key: [c for c in policy.routes if policy.category_of(c) in t.categories] for t in policy.targets}

    def counted(y, code):
        return capped(raw[y][code], policy.routes[code].cap)

    def need_target(y, t) -> int:
        return max(0, t.hours - sum(counted(y, c) for c in cat_routes[t.key]))

    def need_cycle(c) -> int:
        have = cycle_const[c] + sum(counted(y, r) for y in range(c[0], c[1] + 1) if y in raw for r in routes)
        return max(0, policy.cycle.hours - have)

    def gain(item: Item) -> int:
        y, code = item.year, item.route
        cap = policy.routes[code].cap
        add = item.tenths if cap is None else max(0, min(item.tenths, cap - raw[y][code]))
        if add == 0:
            return 0
        cat = policy.category_of(code)
        total = sum(min(add, need_target(y, t)) for t in policy.targets if cat in t.categories)
        if code in routes:
            total += sum(min(add, need_cycle(c)) for c in cycles if c[0] <= y <= c[1])
        return total

    def short() -> bool:
        return any(need_target(y, t) for y in years for t in policy.targets) or any(need_cycle(c) for c in cycles)

    def fits(item: Item) -> bool:
        if busy.intersection(item.days):
            return False
        return budget is None or spent[item.year] + item.fee <= budget

    def take(item: Item):
        raw[item.year][item.route] += item.tenths
        busy.update(item.days)
        spent[item.year] += item.fee

    def score(item: Item, g: int):
        return (-Fraction(g, max(item.effort, 1)), item.fee, item.index)

    chosen = []
    for item in items:
        if item.required:
            if not fits(item):
                return None
            take(item)
            chosen.append(item.index)
    heap = [(score(i, i.tenths), i.index, i) for i in items if not i.required]
    heapq.heapify(heap)
    while heap and short():
        key, _, item = heapq.heappop(heap)
        if not fits(item):
            continue
        g = gain(item)
        if g == 0:
            continue
        fresh = score(item, g)
        if heap and fresh > heap[0][0]:
            heapq.heappush(heap, (fresh, item.index, item))     # worth less now: re-queue
            continue
        take(item)
        chosen.append(item.index)
    if short():
        return None
    # reverse delete: drop what the targets no longer need, most effort first
    by_index = {i.index: i for i in items}
    for index in sorted(chosen, key=lambda k: (-by_index[k].effort, -by_index[k].fee, -k)):
        item = by_index[index]
        if item.required:
            continue
        raw[item.year][item.route] -= item.tenths
        if short():
            raw[item.year][item.route] += item.tenths
        else:
            chosen.remove(index)
    return sorted(chosen)
