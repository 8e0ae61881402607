"""`planner unit --robust`: each person's plan still meets every target if any
ONE of their pending (or dated booked) records is rejected or any ONE dated
planned activity falls through, at the least extra effort, within the shared
limits; and what the insurance costs against the plain unit plan.

A loss (a scenario) changes one route's hours: a record's credit, or a chosen
dated item's. For each scenario and each target it touches, a soft target is
written again over what remains (its own shortfall var); the scenario's
"violation" is what it adds to the plain shortfall. The person's score
becomes W x plain shortfall + total violation, with W above every violation
the unit could have (Problem.robust_weight): exactly lexicographic, least
real shortfall first, then robustness, then effort (model.frame_weight). An
item's scenario adds nothing when the item is not chosen. `evaluate` computes
the same by the ledger's arithmetic (prepare.evaluate), so the search, the
bounds and the checks work unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from types import SimpleNamespace

from .. import ledger as ledger_mod
from .. import registration
from ..plan import robust as plan_robust
from ..plan.robust import capped


@dataclass(frozen=True)
class Loss:
    """One record's loss: the year's raw hours per route without it (None:
    not in the planned year) and the cycle's earlier years without it."""
    record: int
    route: str
    raw: Optional[tuple[tuple[str, int], ...]]
    prior: Optional[int]


@dataclass(frozen=True)
class Insurance:
    """What the robust unit plan costs against the plain one."""
    plain_effort: int            # minutes
    plain_cost: int              # fen
    not_robust: tuple[str, ...]  # staff whose plan some single loss still breaks


def record_losses(policy, person, today, closes, year: int, cycle_years) -> tuple[Loss, ...]:
    """A Loss for each pending record, and each dated booked one, that counts
    in the planned year or the earlier years of its cycle (the suggest
    planner's losses, plan/robust.record_losses)."""
    voided = registration.void(person.records, today, closes, registration.PLAN)
    prob = SimpleNamespace(person=person, today=today, void=voided, policy=policy)
    out = []
    for index, without in plan_robust.record_losses(prob):
        record = person.records[index]
        y = record.credit_year
        if y != year and y not in cycle_years:
            continue
        raw = tuple(sorted(without.raw(year).items())) if y == year else None
        prior = sum(without.year(c).counted(policy.cycle_routes()) for c in cycle_years) if cycle_years else None
        out.append(Loss(index, record.route, raw, prior))
    return tuple(out)


def shortfalls(policy, raw: dict, prior: Optional[int]) -> dict:
    """Per target key (and "cycle"), tenths short, by the ledger's arithmetic."""
    standing = ledger_mod.year_standing(policy, 0, raw)
    out = {t.key: t.shortfall for t in standing.targets}
    if prior is not None:
        out["cycle"] = max(0, policy.cycle.hours - standing.counted(policy.cycle_routes()) - prior)
    return out


def violation(need, chosen_raw: dict, chosen_items, policy) -> int:
    """What the single losses add to the person's plain shortfall, summed."""
    plain = shortfalls(policy, chosen_raw, need.prior_cycle)
    total = 0
    scenarios = []
    for loss in need.losses:
        raw = dict(chosen_raw)
        if loss.raw is not None:
            raw = dict(loss.raw)
            for item in chosen_items:
                raw[item.route] = raw.get(item.route, 0) + item.tenths
        scenarios.append((raw, loss.prior if need.prior_cycle is not None else None))
    for item in chosen_items:
        if item.days:
            raw = dict(chosen_raw)
            raw[item.route] -= item.tenths
            scenarios.append((raw, need.prior_cycle))
    for raw, prior in scenarios:
        short = shortfalls(policy, raw, prior)
        total += sum(short[k] - plain[k] for k in short)
    return total


def scenario_count(need) -> int:
    return len(need.losses) + sum(1 for i in need.items if i.days)


def ceiling(policy) -> int:
    """The most one scenario can add: every target's hours (tenths)."""
    return sum(t.hours for t in policy.targets) + policy.cycle.hours


def _touched(policy, code: str, in_year: bool, ends_cycle: bool) -> tuple[list, bool]:
    """The yearly targets a loss on route `code` touches, and whether the cycle is touched."""
    targets = [t for t in policy.targets if policy.category_of(code) in t.categories] if in_year else []
    return targets, ends_cycle and code in policy.cycle_routes()


def _scenario(pm, policy, need, goals: dict, code: str, counted, prior, name: str, in_year: bool):
    """The violation of one scenario: its touched targets written again, soft."""
    cp = pm._cp
    year = need.year
    term = lambda c: counted if c == code and counted is not None else pm.counted[(year, c)]
    targets, cycle = _touched(policy, code, in_year, need.prior_cycle is not None)
    parts = []
    for t in targets:
        expr = [term(c) for c in policy.routes if policy.category_of(c) in t.categories]
        parts.append(_soft(pm, cp, expr, t.hours, goals[t.key], f"{name}: {t.article} {year} {t.key}"))
    if cycle or (not in_year and need.prior_cycle is not None):
        expr = [term(c) for c in policy.cycle_routes()] + [prior]
        parts.append(_soft(pm, cp, expr, policy.cycle.hours, goals["cycle"], f"{name}: {policy.cycle.article}"))
    return parts


def _soft(pm, cp, parts, required: int, plain, name: str):
    const = sum(p for p in parts if isinstance(p, int))
    terms = [p for p in parts if not isinstance(p, int)]
    slack = pm.model.new_int_var(0, required, f"{name} shortfall")
    pm.model.add(cp.LinearExpr.sum(terms) + const + slack >= required).with_name(name)
    return slack - plain


def add_scenarios(pm, policy, need) -> list:
    """Every single loss of the person's year, soft (module doc); the violation terms."""
    goals = {g.key: g.shortfall for g in pm.goals}
    year, out = need.year, []
    for loss in need.losses:
        name = f"robust: records[{loss.record}] rejected"
        if loss.raw is not None:
            counted = capped(pm, policy, year, loss.route, dict(loss.raw).get(loss.route, 0), None, name)
            out += _scenario(pm, policy, need, goals, loss.route, counted, loss.prior, name, True)
        else:
            out += _scenario(pm, policy, need, goals, loss.route, None, loss.prior, name, False)
    existing = need.raw()
    for item in need.items:
        if item.days:
            name = f"robust: {item.id} falls through"
            counted = capped(pm, policy, year, item.route, existing.get(item.route, 0), item.index, name)
            out += _scenario(pm, policy, need, goals, item.route, counted, need.prior_cycle, name, True)
    return out
