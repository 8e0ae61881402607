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

Only the items that count towards the target are free in that solve: every
other rule (caps, overlaps, budget, study days, the other targets, which may
stay short) only limits what is chosen, so a selection that meets the
target still does without the others, and the largest D is the same.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .model import close_of, studied


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


def furthest(check, target: str, today: dt.date, hi: dt.date, policy, closes, seconds: float, cap=None):
    """("optimal", the last safe day, its selection) | ("infeasible", None, None)
    | ("unknown", None, a selection meeting the target today or None)."""
    cp, pm = check.cp, check.pm
    model = pm.model.clone()
    model.clear_assumptions()
    model.clear_hints()
    x = [model.get_bool_var_from_proto_index(var.index) for var in pm.x]
    day = model.new_int_var(today.toordinal(), hi.toordinal(), f"latest start: {target}")
    counts = serving(policy, target)
    for item, var in zip(pm.items, x):
        if not counts(item) and item.booked is None and not item.required:
            model.add(var == 0)
            continue
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
    model.add_assumptions([model.get_bool_var_from_proto_index(check.met[target].index)])
    model.maximize(day)
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = seconds
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
