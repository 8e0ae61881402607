"""The last safe date of one target in one solve: the day D moves into the
model as a variable and is maximised.

The model of day D (latest.py) is the model of today with two changes: the
items no longer plannable on D are out, and the undated courses of each
year must fit in the days left from D (study_days). So "a selection meets
the target on day D" is "it meets it today, every chosen item is still
plannable on D, and its undated effort of each year fits the room left on
D": with D an integer variable (x_i -> D <= the item's last plannable day;
the room as max(0, per_day * (close + 1 - max(D, 1 January)))), the largest
D is the last safe date, exactly the day the binary search finds. When this
solve is not proven within its deterministic time, latest.py falls back on
the search.

Only the items that count towards the target (and the pinned ones) are in
that model: every other rule (caps, overlaps, budget, study days, the other
targets, which may stay short) only limits what is chosen, so a selection
that meets the target still does without the others, and the largest D is
the same. The items are the dominance-pruned ones (dominance.py): among
undated offerings of one year and route, which are plannable on the same
days, a selection meeting the target on day D can always do without a
dominated one (the least (effort, fee, position) such selection is minimal
and holds every dominator of an offering it holds: the same argument as the
plan's), so the largest D is unchanged.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .model import build, close_of, studied
from .sat import day_solver


def last_plannable(item, closes) -> Optional[dt.date]:
    """The last day `item` is still plannable (latest.still_plannable); None: always (booked)."""
    if item.booked is not None:
        return None
    first = item.offering.first_day
    if first is not None:
        return first
    end = dt.date(item.year, 12, 31)
    return min(end, closes.of(item.year)) if closes is not None else end


def serving(policy, target: str):
    """Whether an item counts towards `target` ("2027 general", "2027-2029 cycle"):
    its route is one of the target's (the cycle's classes, the target's categories)
    in one of its years."""
    period, key = target.rsplit(" ", 1)
    first, last = (int(p) for p in (period.split("-") * 2)[:2])
    if key == "cycle":
        routes = set(policy.cycle_routes())
    else:
        categories = next(t.categories for t in policy.targets if t.key == key)
        routes = {code for code in policy.routes if policy.category_of(code) in categories}
    return lambda item: item.offering.route in routes and first <= item.year <= last


def target_model(cp, prob, target: str, policy, since: Optional[dt.date] = None, cap=None):
    """The soft model of `prob` over the items that count towards `target`
    and the pinned ones (every other item is 0 in this solve: module doc),
    and the target's goal (its shortfall None: met whatever is chosen).
    `since`: only the items still plannable on that day (latest.py's late
    window), the pinned ones always."""
    from .fragile import label
    if cap is not None:                    # the command's --time-limit (cap.py)
        cap.check()
    counts = serving(policy, target)

    def late(item) -> bool:
        last = last_plannable(item, prob.closes)
        return since is None or last is None or last >= since
    items = [i for i in prob.kept if i.booked is not None or i.required or (counts(i) and late(i))]
    pm = build(cp, prob.policy, prob.person, prob.records, prob.years, items, soft=True,
               size=len(prob.cands.items), today=prob.today, closes=prob.closes)
    return pm, next(g for g in pm.goals if label(g.period, g.key) == target)


def furthest(cp, pm, goal, target: str, today: dt.date, hi: dt.date, policy, closes, seconds: float, cap=None):
    """("optimal", the last safe day, its selection) | ("infeasible", None, None)
    | ("unknown", None, a selection meeting the target today or None), on
    target_model's model `pm` (changed: this is its one solve)."""
    model, x = pm.model, pm.x
    model.add(goal.shortfall == 0)
    day = model.new_int_var(today.toordinal(), hi.toordinal(), f"latest start: {target}")
    for item, var in zip(pm.items, x):
        last = last_plannable(item, closes)
        if last is not None and last < hi:
            model.add(day <= last.toordinal()).only_enforce_if(var)
    per_day = policy.effort.per_day_hours
    for year in pm.years:
        online = [(item.effort, var) for item, var in zip(pm.items, x) if studied(item, year)]
        if not online:
            continue
        start = model.new_int_var(today.toordinal(), max(hi, dt.date(year, 1, 1)).toordinal(), f"from {year}")
        model.add_max_equality(start, [day, dt.date(year, 1, 1).toordinal()])
        room = model.new_int_var(0, per_day * 400, f"room {year}")
        model.add_max_equality(room, [0, per_day * (close_of(year, closes).toordinal() + 1) - per_day * start])
        model.add(cp.LinearExpr.weighted_sum([v for _, v in online], [e for e, _ in online]) <= room)
    model.maximize(day)
    # the latest day first, then the items: a plan that works on a day proves it; no presolve (the
    # answer is the optimal day, the same whatever the search; 10,000-offering benchmark: 0.15
    # deterministic seconds for its ten targets instead of 1.7, bench/)
    model.add_decision_strategy([day], cp.CHOOSE_FIRST, cp.SELECT_MAX_VALUE)
    solver = day_solver(cp, seconds)
    solver.parameters.search_branching = cp.FIXED_SEARCH
    solver.parameters.cp_model_presolve = False
    if cap is not None:                    # the command's --time-limit (cap.py)
        cap.limit(solver)
    code = solver.solve(model)
    if cap is not None:
        cap.check()                        # stopped by the cap: not an answer
    if code == cp.INFEASIBLE:
        return "infeasible", None, None
    if code not in (cp.OPTIMAL, cp.FEASIBLE):
        return "unknown", None, None
    chosen = tuple(item for item, var in zip(pm.items, x) if solver.value(var))
    if code == cp.OPTIMAL:
        return "optimal", dt.date.fromordinal(solver.value(day)), chosen
    return "unknown", None, chosen
