"""The CP-SAT model of one person's plan: one Boolean per plannable offering
and one `add_<rule>()` per rule, each named after the rule it enforces and
returning its terms, so every verdict can be traced to the rule's words.

Rules (numbers from the Policy, never from here):
- route_caps:     a route's yearly counted hours = min(records + chosen, cap)
- yearly_targets: every planned year meets each target over counted hours
- cycles:         every cycle ending inside the plan reaches its hours,
                  earlier years' counted hours taken from the records
- no_overlap:     on any day, at most one chosen dated offering
- budget:         each planned year's fees stay within budget_per_year
- required:       offerings pinned by --require
- study_days:     the undated (online) courses of a year fit in the days left
                  between --today and the year's close (its registration
                  deadline, else 31 December), one effort day (the policy's
                  per_day_hours) a calendar day at most

`soft=True` gives every target a shortfall variable (the plan that misses
least); `guarded=True` puts an assumption literal on every rule instance so
the solver can name a conflicting set. Importing this module does not import
ortools; the caller passes the `cp_model` module in.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from ..i18n import t
from ..ledger import Ledger, capped
from ..limits import solver_safe
from ..models.person import Person
from ..models.policy import Policy
from .plannable import Item


@dataclass
class Guard:
    """One rule instance that can be switched on by an assumption literal."""
    kind: str            # "target" | "cycle" | "budget" | "no_overlap" | "required"
    period: str          # "2027", "2027-2029", or "" (no_overlap)
    key: str             # target key, "cycle", "budget", "no_overlap", or the offering id
    literal: Any = None


@dataclass
class Goal:
    """A target instance: its expression, what it needs, its shortfall var."""
    kind: str            # "target" | "cycle"
    period: str
    key: str
    expr: Any            # linear expression of counted hours (tenths)
    required: int
    shortfall: Any = None
    guard: Optional[Guard] = None


@dataclass
class PlanModel:
    model: Any
    items: tuple[Item, ...]
    x: list                                    # one Boolean per item, same order
    years: tuple[int, ...]
    counted: dict = field(default_factory=dict)   # (year, route) -> expr or int
    goals: list[Goal] = field(default_factory=list)
    guards: list[Guard] = field(default_factory=list)
    cycles: list[tuple[int, int]] = field(default_factory=list)   # targeted cycles (start, end)
    size: int = 0                              # plannable offerings in all (positions run 1..size)
    var: dict = field(default_factory=dict)    # item.index -> its Boolean
    by_index: dict = field(default_factory=dict)

    def weighted(self, weights: Sequence[int]):
        """sum(w_i * x_i) built by the C++ helper, not Python sum()."""
        cp = self._cp
        return cp.LinearExpr.weighted_sum(self.x, list(weights))

    # set by build()
    _cp: Any = None

    @property
    def effort(self):
        return self.weighted([i.effort for i in self.items])

    @property
    def fee(self):
        return self.weighted([i.fee for i in self.items])

    @property
    def fee_unit(self) -> int:
        """The greatest common divisor of the fees (fen): fees / unit is exact."""
        return math.gcd(*(i.fee for i in self.items)) or 1

    @property
    def fee_scaled(self):
        """Total fee in units of `fee_unit`: the same order, smaller coefficients."""
        unit = self.fee_unit
        return self.weighted([i.fee // unit for i in self.items])

    @property
    def count(self):
        return self.weighted([1] * len(self.items))

    @property
    def position(self):
        """The documented tie-break: the sum of chosen offerings' positions in id order (1-based)."""
        return self.weighted([i.index + 1 for i in self.items])

    @property
    def total_shortfall(self):
        cp = self._cp
        vars_ = [g.shortfall for g in self.goals if g.shortfall is not None]
        return cp.LinearExpr.sum(vars_) if vars_ else 0


def _guard(pm: PlanModel, kind: str, period: str, key: str, guarded: bool) -> Optional[Guard]:
    if not guarded:
        return None
    g = Guard(kind, period, key, pm.model.new_bool_var(f"assume {kind} {period} {key}".strip()))
    pm.guards.append(g)
    return g


def _enforce(constraint, guard: Optional[Guard]):
    if guard is not None:
        constraint.only_enforce_if(guard.literal)
    return constraint


def add_route_caps(pm: PlanModel, policy: Policy, ledger: Ledger) -> dict:
    """Each route's counted hours per planned year: min(records + chosen, cap)
    (add_min_equality: the `<=` pair stalls the bound, solver-notes.md)."""
    cp, model = pm._cp, pm.model
    by_key: dict[tuple[int, str], list[Item]] = defaultdict(list)
    for item in pm.items:
        by_key[(item.year, item.route)].append(item)
    terms = {}
    for year in pm.years:
        raw = ledger.raw(year)
        for code, route in policy.routes.items():
            existing = raw.get(code, 0)
            chosen = by_key.get((year, code), [])
            if not chosen:
                terms[(year, code)] = capped(existing, route.cap)
                continue
            reach = existing + solver_safe([i.tenths for i in chosen], t("errors.sums.hours", article=route.article,
                                                                             route=code, year=year))
            expr = cp.LinearExpr.weighted_sum([pm.var[i.index] for i in chosen], [i.tenths for i in chosen])
            if route.cap is None:
                terms[(year, code)] = expr + existing
            elif existing >= route.cap:
                terms[(year, code)] = route.cap
            else:
                var = model.new_int_var(min(existing, route.cap), min(reach, route.cap),
                                        f"{route.article} {code} {year} counted")
                model.add_min_equality(var, [expr + existing, route.cap]).with_name(
                    f"{route.article} {code} {year} cap {route.cap}")
                terms[(year, code)] = var
    pm.counted.update(terms)
    return terms


def _target_expr(pm: PlanModel, policy: Policy, year: int, target):
    cp = pm._cp
    parts, const = [], 0
    for code in policy.routes_of(target):
        term = pm.counted[(year, code)]
        if isinstance(term, int):
            const += term
        else:
            parts.append(term)
    return (cp.LinearExpr.sum(parts) if parts else 0) + const


def _add_goal(pm: PlanModel, goal: Goal, name: str, soft: bool) -> None:
    model = pm.model
    expr = goal.expr
    if soft:
        goal.shortfall = model.new_int_var(0, goal.required, f"{name} shortfall")
        expr = expr + goal.shortfall
    if isinstance(expr, int):
        if expr >= goal.required:
            return
        expr = pm._cp.LinearExpr.constant(expr)   # short whatever is chosen
    _enforce(model.add(expr >= goal.required), goal.guard).with_name(name)


def add_yearly_targets(pm: PlanModel, policy: Policy, soft: bool = False, guarded: bool = False) -> list[Goal]:
    """Every planned year: each target over its categories' counted hours."""
    goals = []
    for year in pm.years:
        for target in policy.targets:
            expr = _target_expr(pm, policy, year, target)
            goal = Goal("target", str(year), target.key, expr, target.hours,
                        guard=_guard(pm, "target", str(year), target.key, guarded))
            _add_goal(pm, goal, f"{target.article} {year} {target.key} >= {target.hours}", soft)
            goals.append(goal)
    pm.goals.extend(goals)
    return goals


def targeted_cycles(policy: Policy, years: Sequence[int]) -> list[tuple[int, int]]:
    """Cycles that end inside the planned years (README `planner suggest`)."""
    rule = policy.cycle
    out = []
    for start in sorted({rule.start_of(y) for y in years}):
        end = start + rule.length - 1
        if years[0] <= end <= years[-1]:
            out.append((start, end))
    return out


def add_cycles(pm: PlanModel, policy: Policy, ledger: Ledger, soft: bool = False,
                    guarded: bool = False) -> list[Goal]:
    """The B cycle rule (the policy's `cycle`): each cycle ending in the plan,
    its classes' counted hours over its years (planned years from the model,
    earlier years from the records)."""
    cp, rule = pm._cp, policy.cycle
    routes = policy.cycle_routes()
    goals = []
    for start, end in targeted_cycles(policy, pm.years):
        parts, const = [], 0
        for year in range(start, end + 1):
            if year in pm.years:
                for code in routes:
                    term = pm.counted[(year, code)]
                    if isinstance(term, int):
                        const += term
                    else:
                        parts.append(term)
            else:
                const += ledger.year(year).counted(routes)
        expr = (cp.LinearExpr.sum(parts) if parts else 0) + const
        period = f"{start}-{end}"
        goal = Goal("cycle", period, "cycle", expr, rule.hours, guard=_guard(pm, "cycle", period, "cycle", guarded))
        _add_goal(pm, goal, f"{rule.article} {period} >= {rule.hours}", soft)
        goals.append(goal)
        pm.cycles.append((start, end))
    pm.goals.extend(goals)
    return goals


def overlap_groups(items: Sequence[Item]) -> list[tuple[int, ...]]:
    """Per day, the dated items that occupy it; only groups of 2+ that are not
    contained in the previous day's group (a smaller set is implied)."""
    by_day: dict[int, list[int]] = defaultdict(list)
    for item in items:
        for day in item.days:
            by_day[day].append(item.index)
    groups, previous = [], frozenset()
    seen = set()
    for day in sorted(by_day):
        members = tuple(sorted(by_day[day]))
        current = frozenset(members)
        if len(members) >= 2 and current not in seen and not current <= previous:
            groups.append(members)
            seen.add(current)
        previous = current
    # drop groups contained in a later group
    out = []
    for i, g in enumerate(groups):
        s = frozenset(g)
        if i + 1 < len(groups) and s <= frozenset(groups[i + 1]):
            continue
        out.append(g)
    return out


def add_no_overlap(pm: PlanModel, guarded: bool = False) -> list:
    """On any day, at most one chosen dated offering."""
    model = pm.model
    guard = _guard(pm, "no_overlap", "", "no_overlap", guarded)
    terms = []
    for group in overlap_groups(pm.items):
        lits = [pm.var[i] for i in group]
        if guard is None:
            c = model.add_at_most_one(lits)
        else:
            c = model.add(pm._cp.LinearExpr.sum(lits) <= 1).only_enforce_if(guard.literal)
        terms.append(c.with_name("no overlap " + " ".join(pm.by_index[i].id for i in group)))
    if guard is not None and not terms:
        pm.guards.remove(guard)
    return terms


def add_budget(pm: PlanModel, person: Person, guarded: bool = False) -> list:
    """Each planned year's fees within the person's budget_per_year."""
    if person.budget_per_year is None:
        return []
    cp, model = pm._cp, pm.model
    terms = []
    for year in pm.years:
        chosen = [i for i in pm.items if i.year == year and i.fee > 0]
        # booked fees are facts: when they alone pass the budget, nothing new may cost more
        limit = max(person.budget_per_year, sum(i.fee for i in chosen if i.booked is not None))
        if solver_safe([i.fee for i in chosen], t("errors.sums.fees", year=year)) <= limit:
            continue
        guard = _guard(pm, "budget", str(year), "budget", guarded)
        expr = cp.LinearExpr.weighted_sum([pm.var[i.index] for i in chosen], [i.fee for i in chosen])
        terms.append(_enforce(model.add(expr <= limit), guard).with_name(f"budget {year} <= {limit}"))
    return terms


def add_required(pm: PlanModel, guarded: bool = False) -> list:
    """Offerings pinned by --require."""
    terms = []
    for item in pm.items:
        if item.required:
            guard = _guard(pm, "required", "", item.id, guarded)
            terms.append(_enforce(pm.model.add(pm.var[item.index] == 1), guard).with_name(f"require {item.id}"))
    return terms


def close_of(year: int, closes) -> dt.date:
    """The last day activities of `year` can count: its deadline, else 31 December."""
    return closes.of(year) if closes is not None else dt.date(year, 12, 31)


def studied(item: Item, year: int) -> bool:
    """An undated (online) course of `year` that study_days limits (booked ones are fixed)."""
    return item.year == year and not item.days and item.booked is None


def study_room(policy: Policy, year: int, today: dt.date, closes=None) -> int:
    """The effort minutes the days from `today` to the close of `year` hold."""
    days = (close_of(year, closes) - max(today, dt.date(year, 1, 1))).days + 1
    return max(0, days) * policy.effort.per_day_hours


def add_study_days(pm: PlanModel, policy: Policy, today: Optional[dt.date], closes=None) -> list:
    """Each planned year's undated courses: their effort fits in the days left
    from today to the year's close, one effort day per calendar day."""
    if today is None:
        return []
    terms = []
    for year in pm.years:
        online = [i for i in pm.items if studied(i, year)]
        room = study_room(policy, year, today, closes)
        if sum(i.effort for i in online) <= room:
            continue
        expr = pm._cp.LinearExpr.weighted_sum([pm.var[i.index] for i in online], [i.effort for i in online])
        terms.append(pm.model.add(expr <= room).with_name(f"study days {year}: online effort <= {room} minutes"))
    return terms


def new_model(cp_model, years: Sequence[int], items: Sequence[Item], size: Optional[int] = None) -> PlanModel:
    """One Boolean per item and no rule yet (build adds them; a test adds one)."""
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"take {item.id}") for item in items]
    pm = PlanModel(model, tuple(items), x, tuple(years))
    pm._cp = cp_model
    pm.var = {item.index: v for item, v in zip(items, x)}
    pm.by_index = {item.index: item for item in items}
    pm.size = max(size or 0, max((i.index + 1 for i in items), default=0))
    return pm


def build(cp_model, policy: Policy, person: Person, ledger: Ledger, years: Sequence[int],
          items: Sequence[Item], *, soft: bool = False, guarded: bool = False,
          size: Optional[int] = None, today: Optional[dt.date] = None, closes=None) -> PlanModel:
    """The whole model; `ledger` holds the person's existing records."""
    pm = new_model(cp_model, years, items, size)
    add_route_caps(pm, policy, ledger)
    add_yearly_targets(pm, policy, soft, guarded)
    add_cycles(pm, policy, ledger, soft, guarded)
    add_no_overlap(pm, guarded)
    add_budget(pm, person, guarded)
    add_required(pm, guarded)
    add_study_days(pm, policy, today, closes)
    return pm
