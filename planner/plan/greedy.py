"""A greedy plan: best credit per effort minute first, taking an offering
only while it still adds counted hours toward an unmet target, respecting
caps, overlaps, budget and --require. Used as the first solution hint and as
the benchmark's baseline; it proves nothing and may fail where a plan exists.
"""
from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Optional, Sequence

from ..ledger import Ledger, capped
from ..models import Person, Policy
from .model import targeted_cycles
from .plannable import Item


def greedy(policy: Policy, person: Person, ledger: Ledger, years: Sequence[int],
           items: Sequence[Item]) -> Optional[list[int]]:
    """Indices of the chosen items, or None when the targets are not all met."""
    raw = {y: defaultdict(int, ledger.raw(y)) for y in years}
    routes = policy.cycle_routes()
    cycles = targeted_cycles(policy, years)
    cycle_const = {c: sum(ledger.year(y).counted(routes) for y in range(c[0], c[1] + 1) if y not in raw)
                   for c in cycles}
    busy: set[int] = set()
    spent: dict[int, int] = defaultdict(int)
    budget = person.budget_per_year

    def counted(y, code):
        return capped(raw[y][code], policy.routes[code].cap)

    def category(y, cats):
        return sum(counted(y, c) for c in policy.routes if policy.category_of(c) in cats)

    def cycle_hours(c):
        return cycle_const[c] + sum(counted(y, r) for y in range(c[0], c[1] + 1) if y in raw for r in routes)

    def short():
        need = []
        for y in years:
            for t in policy.targets:
                if category(y, t.categories) < t.hours:
                    need.append(("t", y, t))
        for c in cycles:
            if cycle_hours(c) < policy.cycle.hours:
                need.append(("c", c, None))
        return need

    def helps(item: Item, need) -> bool:
        y, code = item.year, item.route
        if counted(y, code) >= (policy.routes[code].cap or 10 ** 12):
            return False
        cat = policy.category_of(code)
        for kind, where, target in need:
            if kind == "t" and where == y and cat in target.categories:
                return True
            if kind == "c" and code in routes and where[0] <= y <= where[1]:
                return True
        return False

    def fits(item: Item) -> bool:
        if busy.intersection(item.days):
            return False
        return budget is None or spent[item.year] + item.fee <= budget

    def take(item: Item):
        raw[item.year][item.route] += item.tenths
        busy.update(item.days)
        spent[item.year] += item.fee

    chosen = []
    for item in items:
        if item.required:
            if not fits(item):
                return None
            take(item)
            chosen.append(item.index)
    order = sorted((i for i in items if not i.required),
                   key=lambda i: (-Fraction(i.tenths, max(i.effort, 1)), i.fee, i.index))
    for item in order:
        need = short()
        if not need:
            break
        if helps(item, need) and fits(item):
            take(item)
            chosen.append(item.index)
    if short():
        return None
    return sorted(chosen)
