"""Why each offering is chosen and why the others are not, recomputed by the
ledger (the audit engine), never taken on the solver's word."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from fractions import Fraction
from typing import Optional, Sequence

from .. import ledger as ledger_mod
from .. import tenths as q
from ..credits import Reason
from ..ledger import Ledger, capped
from ..models.person import Person
from ..models.policy import Policy
from ..shortfall import Shortfall
from .fragile import fragile_points
from .plannable import Candidates, Item
from .result import Chosen, PlanResult, Rejection


def serves(policy: Policy, route: str, year: int, cycles: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The targets an offering's counted hours go toward."""
    cat = policy.category_of(route)
    keys = [t.key for t in policy.targets if cat in t.categories]
    if route in policy.cycle_routes() and any(s <= year <= e for s, e in cycles):
        keys.append("cycle")
    return tuple(keys)


def project(policy: Policy, person: Person, chosen: Sequence[Item], void: Optional[dict] = None) -> Ledger:
    """The ledger of the person's records plus the chosen offerings as if done;
    `void`: records that count nothing in the plan (registration.py)."""
    return ledger_mod.build(policy, person.specialty, list(person.records) + [i.offering for i in chosen], void)


def why_not(item: Item, policy: Policy, person: Person, projection: Ledger, chosen: Sequence[Item],
            fees: dict[int, int], standings: Optional[dict] = None, chosen_days: Optional[list] = None) -> Reason:
    """Why a plannable offering was left out, first reason that applies
    (`standings`, `chosen_days`: the projection's years and the chosen
    items' days, worked out once by a caller asking for many items)."""
    if item.days:
        days = set(item.days)
        for other, taken in chosen_days if chosen_days is not None else ((o, set(o.days)) for o in chosen):
            shared = days & taken
            if shared:
                day = dt.date.fromordinal(min(shared)).isoformat()
                return Reason("overlaps", (("id", other.id), ("title", other.offering.title), ("day", day)))
    route = policy.routes[item.route]
    if standings is None:
        standings = {}
    if item.year not in standings:
        standings[item.year] = projection.year(item.year)
    standing = standings[item.year]
    if route.cap is not None:
        ry = standing.routes.get(item.route)
        if ry is not None and ry.counted >= route.cap:
            return Reason("cap_full", (("route", item.route), ("year", str(item.year)), ("cap", str(route.cap))))
    budget = person.budget_per_year
    if budget is not None and fees.get(item.year, 0) + item.fee > budget:
        return Reason("over_budget", (("year", str(item.year)), ("fee", q.show_yuan(item.fee)),
                                      ("left", q.show_yuan(budget - fees.get(item.year, 0))),
                                      ("budget", q.show_yuan(budget))))
    return Reason("not_needed", (("effort", q.show_effort(item.effort)),
                                 ("hours", q.show_short(item.tenths))))


def nearness(items: Sequence[Item]):
    """The sort key "effort per credit hour, then fee, then id order". The
    ratio as a float orders exactly like the fraction (7x faster on 9,000
    items) while max(tenths)^2 * max(effort) < 2^52: two different ratios
    then differ by more than twice the rounding (1/b*d against e*2^-53), and
    equal ratios round alike. Beyond that bound, the fraction itself."""
    top = max((max(i.tenths, 1) for i in items), default=1)
    if top * top * max((i.effort for i in items), default=0) < 2 ** 52:
        return lambda i: (i.effort / max(i.tenths, 1), i.fee, i.index)
    return lambda i: (Fraction(i.effort, max(i.tenths, 1)), i.fee, i.index)


def rejections(policy: Policy, person: Person, cands: Candidates, chosen: Sequence[Item],
               projection: Ledger, dominated: Optional[dict] = None) -> tuple[Rejection, ...]:
    """Plannable offerings left out (nearest first: effort per credit hour,
    then id), then the offerings of the planned years that are not plannable."""
    picked = {i.index for i in chosen}
    fees: dict[int, int] = defaultdict(int)
    for i in chosen:
        fees[i.year] += i.fee
    left = [i for i in cands.items if i.index not in picked]
    left.sort(key=nearness(left))
    dominated = dominated or {}
    standings: dict = {}
    chosen_days = [(other, set(other.days)) for other in chosen if other.days]

    def reason(i: Item) -> Reason:
        if i.index in dominated:
            return Reason("dominated", (("count", str(dominated[i.index])),))
        return why_not(i, policy, person, projection, chosen, fees, standings, chosen_days)
    out = [Rejection(i.offering, reason(i), True, i.tenths, i.effort, i.fee) for i in left]
    return tuple(out) + cands.rejected


def assemble(*, status, person: Person, policy: Policy, years, today, cands: Candidates, records: Ledger,
             chosen: Sequence[Item], bound, shortfall, build_seconds, solve_seconds, time_limit,
             stages, require, exclude, targeted, dominated=None, void=None) -> PlanResult:
    projection = project(policy, person, chosen, void)
    base = len(person.records)
    lines = {line.index - base: line for line in projection.lines if line.index >= base}
    selected = []
    for k, item in enumerate(chosen):
        line = lines[k]
        selected.append(Chosen(item.offering, item.year, item.credit, item.tenths, line.counted,
                               item.effort, item.fee,
                               serves(policy, item.route, item.year, targeted) if line.counted else (),
                               item.required and item.booked is None, line.reason, item.booked))
    selected.sort(key=lambda c: (c.year, c.offering.first_day or dt.date(c.year, 12, 31), c.id))
    fragile = fragile_points(policy, person, today, dict(void or {}), selected, years, targeted)
    return PlanResult(
        fragile=fragile, status=status, years=tuple(years), today=today, person=person, policy=policy,
        effort=sum(i.effort for i in chosen), fee=sum(i.fee for i in chosen),
        selected=tuple(selected), projection=tuple(projection.year(y) for y in years),
        cycles=tuple(projection.cycles(years)), ledger=records, unmet=(),
        rejected=rejections(policy, person, cands, chosen, projection, dominated),
        bound=bound, solve_seconds=round(solve_seconds, 3), build_seconds=round(build_seconds, 3),
        plannable=len(cands.items), offered=cands.offered, required_ids=require, excluded_ids=exclude,
        targeted_cycles=tuple(targeted), shortfall=shortfall, time_limit=time_limit, stages=stages,
        void=dict(void or {}))


def with_unmet(result: PlanResult, unmet: Sequence[Shortfall]) -> PlanResult:
    return dataclasses.replace(result, unmet=tuple(unmet))


def capacity(policy: Policy, records: Ledger, items: Sequence[Item], kind: str, period: str,
             key: str) -> tuple[int, int, dict[str, int]]:
    """What the records plus every plannable offering could reach for one
    target, after the yearly caps, ignoring overlaps and budget:
    (capacity, from records alone, plannable credit per route)."""
    offered: dict[tuple[int, str], int] = defaultdict(int)
    for i in items:
        offered[(i.year, i.route)] += i.tenths

    def reach(year: int, routes) -> tuple[int, int, dict[str, int]]:
        raw = records.raw(year)
        total = existing = 0
        per: dict[str, int] = {}
        for code in routes:
            cap = policy.routes[code].cap
            total += capped(raw.get(code, 0) + offered.get((year, code), 0), cap)
            existing += capped(raw.get(code, 0), cap)
            if offered.get((year, code)):
                per[code] = offered[(year, code)]
        return total, existing, per

    if kind == "target":
        return reach(int(period), policy.routes_of(policy.target(key)))
    start, end = (int(p) for p in period.split("-"))
    total = existing = 0
    per: dict[str, int] = defaultdict(int)
    for year in range(start, end + 1):
        t, e, p = reach(year, policy.cycle_routes())
        total, existing = total + t, existing + e
        for code, v in p.items():
            per[code] += v
    return total, existing, dict(per)
