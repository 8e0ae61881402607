"""`--robust`: a plan that still meets every target if any ONE pending record
is rejected or any ONE dated planned activity falls through (cancelled, or the
person cannot go), at the least extra effort.

One CP-SAT model: for each such loss (a scenario) the targets it touches are
written again over what remains. A loss changes one route's hours in one year
(a pending or booked record's credit, or a dated item's term), so a scenario
adds that (year, route)'s capped sum without it, and the year's targets and
its cycle over it. Nothing is re-planned after the loss: the plan is the plan.
An item's scenario constraint holds by itself when the item is not chosen.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .. import ledger as ledger_mod
from .. import registration
from ..credits import Reason
from .model import PlanModel, targeted_cycles


@dataclass(frozen=True)
class Insurance:
    """What the robust plan costs against the plain one."""
    possible: bool              # False: no plan survives every single loss (the plain plan is shown)
    plain_effort: int           # minutes
    plain_fee: int              # fen


def record_losses(prob) -> list[tuple[int, dict]]:
    """(record index, {(year, route): raw tenths without it}) for each pending
    record, and each booked record the plan counts as done, that is dated."""
    person, today = prob.person, prob.today
    booked = set(registration.booked(person, today))
    out = []
    for index in sorted(set(registration.pending(person, today)) | booked):
        record = person.records[index]
        if index in prob.void or (index in booked and not record.dated):
            continue
        without = ledger_mod.build(prob.policy, person.specialty, person.records,
                                   {**prob.void, index: Reason("lost")})
        out.append((index, without))
    return out


def capped(pm: PlanModel, policy, year: int, code: str, existing: int, skip: Optional[int], name: str):
    """(year, code)'s counted hours with `existing` from the records and every
    chosen item but `skip` (an item index)."""
    cp, route = pm._cp, policy.routes[code]
    chosen = [i for i in pm.items if i.year == year and i.route == code and i.index != skip]
    if not chosen:
        return ledger_mod.capped(existing, route.cap)
    expr = cp.LinearExpr.weighted_sum([pm.var[i.index] for i in chosen], [i.tenths for i in chosen]) + existing
    if route.cap is None:
        return expr
    var = pm.model.new_int_var(0, route.cap, f"{name}: {code} {year} counted")
    pm.model.add_min_equality(var, [expr, route.cap]).with_name(f"{name}: {route.article} {code} {year} cap")
    return var


def _at_least(pm: PlanModel, parts: list, required: int, name: str) -> None:
    cp = pm._cp
    const = sum(p for p in parts if isinstance(p, int))
    terms = [p for p in parts if not isinstance(p, int)]
    expr = cp.LinearExpr.sum(terms) + const if terms else cp.LinearExpr.constant(const)
    pm.model.add(expr >= required).with_name(name)


def _targets(pm: PlanModel, policy, ledger, changed: dict, name: str) -> None:
    """Every target of the plan that a changed (year, route) term touches,
    written over the changed terms; `ledger` gives the unplanned years."""
    term = lambda y, c: changed.get((y, c), pm.counted[(y, c)])
    years = {y for y, _ in changed}
    for year in sorted(years & set(pm.years)):
        for target in policy.targets:
            parts = [term(year, c) for c in policy.routes_of(target)]
            _at_least(pm, parts, target.hours, f"{name}: {target.article} {year} {target.key} >= {target.hours}")
    routes = policy.cycle_routes()
    for start, end in targeted_cycles(policy, pm.years):
        if not any(start <= y <= end for y in years):
            continue
        parts = []
        for year in range(start, end + 1):
            if year in pm.years:
                parts += [term(year, c) for c in routes]
            else:
                parts.append(ledger.year(year).counted(routes))
        _at_least(pm, parts, policy.cycle.hours, f"{name}: {policy.cycle.article} {start}-{end} >= {policy.cycle.hours}")


def hook(prob):
    """The model hook adding every scenario (solve.py calls it on the hard model)."""
    def add(pm: PlanModel) -> None:
        policy = prob.policy
        for index, without in record_losses(prob):
            record = prob.person.records[index]
            year, code = record.credit_year, record.route
            name = f"robust: records[{index}] rejected"
            if year in pm.years:
                changed = {(year, code): capped(pm, policy, year, code, without.raw(year).get(code, 0), None, name)}
                _targets(pm, policy, without, changed, name)
            else:
                _targets(pm, policy, without, {(year, code): None}, name)
        for item in pm.items:
            if item.days:
                name = f"robust: {item.id} falls through"
                existing = prob.records.raw(item.year).get(item.route, 0)
                changed = {(item.year, item.route): capped(pm, policy, item.year, item.route, existing,
                                                            item.index, name)}
                _targets(pm, policy, prob.records, changed, name)
    return add
