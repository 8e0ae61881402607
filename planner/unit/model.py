"""The unit planner's CP-SAT model: one add_<rule>() per rule, named after it.

Per person (the suggest rules, for one year): add_route_caps (counted =
min(earned, cap), in the min form that solves fast), add_yearly_targets and
add_b_cycle (soft: a shortfall variable per target, weighted above effort),
add_no_overlap, add_person_budget. Shared by the unit: add_seats,
add_training_held, add_away_limit, add_unit_budget.

A `Frame` is the part of the unit being optimised (a neighbourhood, or all
staff) with what the rest of the unit already uses; the individual models
(the lower bound) are frames of one person with every shared limit dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import solver_safe
from ..i18n import t
from ..models.policy import Policy
from ..plan.model import PlanModel, add_budget, add_cycles, add_no_overlap, add_route_caps, add_yearly_targets
from ..plan.sat import cp_model            # imported at the first solve (sat.py)
from .prepare import Need
from .usage import Limits, Usage, away_keys


def shortfall_weight(need: Need) -> int:
    """Minutes of effort one tenth of shortfall is worth: more than all the
    effort the person could ever spend, so shortfall always comes first."""
    return sum(i.effort for i in need.items) + 1


def frame_weight(needs) -> int:
    """One tenth of shortfall, in minutes, for a frame of people: more than
    every effort the frame could spend, so that minimising
    weight x total shortfall + total effort is exactly lexicographic
    (least total shortfall, then least effort) over the frame."""
    return sum(sum(i.effort for i in need.items) for need in needs) + 1


@dataclass
class PersonVars:
    need: Need
    x: dict[str, cp_model.IntVar]
    shortfall: object          # linear expression, tenths
    effort: object             # minutes
    fee: object                # fen
    weight: int


@dataclass
class Frame:
    model: cp_model.CpModel
    people: list[PersonVars]
    held: dict[str, object]        # training id -> held literal (or 1 when held by others)
    objective: object              # weight x total shortfall + total effort
    cost: object                   # fees + costs of trainings held because of the frame
    shortfall: object = 0          # total shortfall, tenths
    effort: object = 0             # total effort, minutes
    weight: int = 1                # minutes one tenth of shortfall outweighs (frame_weight)


def add_person(model, policy: Policy, need: Need, prefix: str) -> PersonVars:
    """One person's year, with the suggest planner's own rules
    (plan.model: add_route_caps in min form, add_yearly_targets and
    add_cycles soft, add_no_overlap, add_budget) on the shared model."""
    x = [model.new_bool_var(f"{prefix}:{i.id}") for i in need.items]
    pm = PlanModel(model, tuple(need.items), x, (need.year,))
    pm._cp = cp_model
    pm.var = {i.index: v for i, v in zip(need.items, x)}
    pm.by_index = {i.index: i for i in need.items}
    pm.size = max((i.index + 1 for i in need.items), default=0)
    add_route_caps(pm, policy, need.ledger)
    add_yearly_targets(pm, policy, soft=True)
    add_cycles(pm, policy, need.ledger, soft=True)
    add_no_overlap(pm)
    add_budget(pm, need.person)
    shortfall = pm.total_shortfall
    if need.robust_weight:          # --robust: W x the real shortfall + what any one loss would add
        from .robust import add_scenarios
        shortfall = shortfall * need.robust_weight + cp_model.LinearExpr.sum(add_scenarios(pm, policy, need))
    return PersonVars(need, {i.id: v for i, v in zip(need.items, x)}, shortfall, pm.effort, pm.fee,
                      shortfall_weight(need))


def add_seats(model, people, limits: Limits, usage: Usage) -> None:
    """An offering's (or training's) seats bound how many of the staff attend."""
    by_id: dict[str, list] = {}
    for pv in people:
        for oid, lit in pv.x.items():
            if limits.seat_limit(oid) is not None:
                by_id.setdefault(oid, []).append(lit)
    for oid, lits in by_id.items():
        room = limits.seat_limit(oid) - usage.seats.get(oid, 0)
        if len(lits) > room:
            model.add(cp_model.LinearExpr.sum(lits) <= max(0, room)).with_name(f"seats {oid}")


def add_training_held(model, people, limits: Limits, usage: Usage, relaxed: bool) -> tuple[dict, object]:
    """A unit training is held or not; its cost is paid once; only a held one
    can be attended. Returns the held literals and the organising cost."""
    held, costs = {}, []
    for tid, cost in limits.costs.items():
        lits = [pv.x[tid] for pv in people if tid in pv.x]
        if relaxed or usage.seats.get(tid, 0) > 0:
            held[tid] = 1                      # held already (or the bound: free)
            continue
        if not lits:
            continue
        h = model.new_bool_var(f"held:{tid}")
        for lit in lits:
            model.add_implication(lit, h)
        model.add_bool_or(lits).only_enforce_if(h)   # held only when someone attends
        held[tid] = h
        costs.append((h, cost))
    solver_safe([c for _, c in costs], t("errors.sums.unit_costs"))
    cost = cp_model.LinearExpr.weighted_sum([h for h, _ in costs], [c for _, c in costs]) if costs else 0
    return held, cost


def add_away_limit(model, people, trainings, limits: Limits, usage: Usage) -> None:
    """Per department and day, staff away at dated catalogue activities stay
    within the department's away limit (usage.away_keys says who is away)."""
    by_key: dict[tuple[str, int], list] = {}
    for pv in people:
        for item in pv.need.items:
            for key in away_keys(pv.need.department, item, trainings):
                by_key.setdefault(key, []).append(pv.x[item.id])
    for key, lits in by_key.items():
        room = limits.away_at(key) - usage.away.get(key, 0)
        if len(lits) > room:
            model.add(cp_model.LinearExpr.sum(lits) <= max(0, room)).with_name(f"away {key[0]} {key[1]}")


def add_unit_budget(model, people, training_cost, limits: Limits, usage: Usage) -> None:
    """Fees of attended offerings plus costs of held trainings within the budget."""
    if limits.budget is None:
        return
    fees = cp_model.LinearExpr.sum([pv.fee for pv in people])
    model.add(fees + training_cost <= limits.budget - usage.spent).with_name("unit budget")


def build_frame(policy: Policy, needs: list[Need], trainings, limits: Limits, usage: Usage,
                relaxed: bool = False) -> Frame:
    """The model of `needs` with the rest of the unit fixed (`usage`).
    `relaxed`: every shared limit dropped (the individual lower bound)."""
    model = cp_model.CpModel()
    people = [add_person(model, policy, need, f"p{k}") for k, need in enumerate(needs)]
    held, training_cost = add_training_held(model, people, limits, usage, relaxed)
    if not relaxed:
        add_seats(model, people, limits, usage)
        add_away_limit(model, people, trainings, limits, usage)
        add_unit_budget(model, people, training_cost, limits, usage)
    weight = frame_weight(needs)
    shortfall = cp_model.LinearExpr.sum([pv.shortfall for pv in people])
    effort = cp_model.LinearExpr.sum([pv.effort for pv in people])
    cost = cp_model.LinearExpr.sum([pv.fee for pv in people]) + training_cost
    return Frame(model, people, held, shortfall * weight + effort, cost, shortfall, effort, weight)
