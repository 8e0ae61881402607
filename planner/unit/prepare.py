"""What each staff member of a unit needs in year Y, before any solver:
their plannable items (catalogue offerings and the unit's own trainings),
the hours their records already bring to Y, and the B cycle when Y ends one.

Reuses the suggest planner's "plannable" rule (`plan.plannable.candidates`'s
items, through `plan.pooled.Pool`, which works out once for all staff what
reads nothing of the person) so the unit and the person planners agree on
what can be planned.
Pure domain code: no solver here.
"""
from __future__ import annotations

import dataclasses
import functools
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from .. import ledger as ledger_mod
from .. import registration
from ..models.activity import Offering
from ..models.base import plain_defaults, rebuilt
from ..models.person import Person, Unit, UnitTraining
from ..models.policy import Policy
from ..plan.dominance import dominated
from ..plan.plannable import Item, unit_booked
from ..plan.pooled import Pool
from .usage import Limits, away_limit


CORE_PER_ROUTE = 4        # items per route a person keeps in a core neighbourhood (docs/benchmarks.md)


@dataclass(frozen=True)
class Need:
    """One person's year-Y planning problem, shared limits aside."""
    person: Person
    department: str
    items: tuple[Item, ...]               # plannable, sorted by id (trainings included)
    base_raw: tuple[tuple[str, int], ...]  # route -> tenths the records already bring to Y
    prior_cycle: Optional[int]            # cycle-route hours counted in the cycle's earlier years, when Y ends a cycle
    cycle_span: Optional[tuple[int, int]]
    ledger: object = None                 # the ledger of the person's records
    year: int = 0
    losses: tuple = ()                    # --robust: unit.robust.Loss per pending/booked record that counts
    robust_weight: int = 0                # --robust: W, the score's weight on the real shortfall (0: plain)

    @property
    def pid(self) -> str:
        return self.person.id

    @functools.cached_property
    def signature(self) -> tuple:
        """Two people with equal signatures have the same individual optimum
        (worked out once: a unit training file may give a person 10,000 items)."""
        return (self.person.specialty, tuple(i.offering.id for i in self.items), self.base_raw,
                self.prior_cycle, self.person.budget_per_year, self.losses)

    @functools.cached_property
    def core(self) -> frozenset:
        """The items a core neighbourhood keeps for this person (unit/moves.py)
        beside the plans and own optima of its people: per route, the
        CORE_PER_ROUTE of least effort per tenth of an hour (then fee, id),
        and every booked or required item."""
        by_route: dict[str, list] = {}
        keep = {i.id for i in self.items if i.required or i.booked is not None}
        for item in self.items:
            by_route.setdefault(item.offering.route, []).append(item)
        for items in by_route.values():
            items.sort(key=lambda i: (i.effort / max(1, i.tenths), i.fee, i.id))
            keep.update(i.id for i in items[:CORE_PER_ROUTE])
        return frozenset(keep)

    @functools.cached_property
    def by_id(self) -> dict:
        """The person's items by id (read only: the search, the plan and the explanations share it)."""
        return {i.offering.id: i for i in self.items}

    @functools.cached_property
    def by_index(self) -> dict:
        """The person's items by their index in the model."""
        return {i.index: i for i in self.items}

    def raw(self) -> dict[str, int]:
        return dict(self.base_raw)


def training_offering(training: UnitTraining, policy: Policy) -> Offering:
    """A unit training seen as an offering on the policy's unit-training route
    (its cost is paid once by the unit, so its fee per attendee is 0)."""
    # every value is the checked training's, in internal units (days in halves, effort in minutes)
    values = dict(id=training.id, route=training.route or policy.unit_training_route, title=training.title,
                  fee=0, seats=training.seats, year=training.year, date=training.date, start=training.start,
                  end=training.end, days=training.days, effort_hours=training.effort_hours)
    if training.first_day is None:
        return Offering(**values)        # undated: the offering's own checks refuse it
    # dated: the Offering's checks are the Dated ones the training passed on these same values, a fee
    # not below 0 and a date or a year (tests/test_unit_items.py): none can refuse it, none is run again
    return rebuilt(Offering, {**plain_defaults(Offering), **values})


class Trainings(dict):
    """Unit trainings as offerings by id, with each one's organising cost (fen)."""

    def __init__(self, unit: Unit, policy: Policy):
        super().__init__((t.id, training_offering(t, policy)) for t in unit.unit_trainings)
        self.costs = {t.id: t.cost for t in unit.unit_trainings}


def department_of(person: Person) -> str:
    return person.department or ""


def prepare(unit: Unit, staff: Sequence[Person], policy: Policy, offerings: Sequence[Offering],
            year: int, today: dt.date, keep=None) -> tuple[list[Need], "Trainings"]:
    """Each person's Need, and the unit trainings as offerings by id.
    `keep`: person id -> ids never pruned as dominated (--since: the previous plan's)."""
    trainings = Trainings(unit, policy)
    pool = [o for o in offerings if o.credit_year == year] + list(trainings.values())
    rule = policy.cycle
    ends_cycle = rule.start_of(year) + rule.length - 1 == year
    cache: dict[tuple, tuple[Item, ...]] = {}
    needs = []
    closes = registration.deadline(policy, unit.registration_deadline)
    shared = Pool(policy, pool, year, today, closes)    # what reads nothing of the person, once for all staff
    in_pool = {o.id for o in pool}
    for person in staff:
        # what makes two people's items differ: a completed offering matters only if it is in the pool
        completed = frozenset(r.offering for r in person.records if r.offering in in_pool)
        booked = unit_booked(person, policy, year, today, closes)
        kept = frozenset((keep or {}).get(person.id, ()))
        key = (person.specialty, person.blackout, completed, tuple(sorted(booked.busy)), kept)
        items = cache.get(key)
        if items is None:
            items = shared.items(person, booked)
            # the suggest planner's exact dominance pruning, on items no seat limit couples
            free = [i for i in items if i.offering.seats is None and i.id not in trainings]
            drop = dominated(policy, free)
            items = tuple(i for i in items if i.index not in drop or i.id in kept)
            cache[key] = items
        led = registration.person_ledger(policy, person, today, registration.PLAN, closes)
        base = tuple(sorted(led.raw(year).items()))
        prior = span = None
        if ends_cycle:
            routes = policy.cycle_routes()
            prior = sum(led.year(y).counted(routes) for y in rule.years_of(year) if y != year)
            span = (rule.start_of(year), year)
        needs.append(Need(person, department_of(person), items, base, prior, span, led, year))
    return needs, trainings


@dataclass(frozen=True)
class Score:
    """One person's plan by the model's arithmetic: total shortfall (tenths,
    over the targets and the cycle), effort (minutes), fees (fen)."""
    short: int
    effort: int
    fee: int
    plain: Optional[int] = None     # --robust: the real shortfall (`short` is then W x it + the losses' violation)

    @property
    def real(self) -> int:
        return self.short if self.plain is None else self.plain


def evaluate(need: Need, ids, policy: Policy) -> Score:
    """The Score of a plan, by the same arithmetic as the model (records +
    chosen, capped per route; with --robust, unit/robust.py's score)."""
    by_id = need.by_id
    chosen_items = sorted((by_id[oid] for oid in set(ids) if oid in by_id), key=lambda i: i.index)
    raw = need.raw()
    effort = fee = 0
    for item in chosen_items:
        raw[item.route] = raw.get(item.route, 0) + item.tenths
        effort += item.effort
        fee += item.fee
    standing = ledger_mod.year_standing(policy, 0, raw)
    short = sum(t.shortfall for t in standing.targets)
    if need.prior_cycle is not None:
        b = standing.counted(policy.cycle_routes()) + need.prior_cycle
        short += max(0, policy.cycle.hours - b)
    if need.robust_weight:
        from .robust import violation
        extra = violation(need, raw, chosen_items, policy)
        return Score(short * need.robust_weight + extra, effort, fee, short)
    return Score(short, effort, fee)


@dataclass(frozen=True)
class Problem:
    """A unit's year, prepared once: every person's Need, the trainings as
    offerings, and the shared limits. The search, the explanations and a
    saved plan's rendering all read this; none prepares again."""
    unit: Unit
    policy: Policy
    year: int
    today: dt.date
    needs: tuple[Need, ...]
    trainings: Trainings
    limits: Limits
    sizes: dict                      # department -> staff
    titles: dict                     # offering or training id -> title
    pool: tuple = ()                 # the year's offerings and the trainings (for plannable checks)
    known: frozenset = frozenset()   # every offering and training id
    by_pid: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_pid", {n.pid: n for n in self.needs})


def booked_usage(needs, offerings: dict, trainings, today: dt.date) -> tuple[Counter, Counter]:
    """The seats and (department, day) away places the staff's booked records
    already take: a booked activity keeps its seat and its days away."""
    seats, away = Counter(), Counter()
    for need in needs:
        person = need.person
        for index in registration.booked(person, today):
            oid = person.records[index].offering
            if oid in offerings or oid in trainings:
                seats[oid] += 1
            offering = offerings.get(oid)
            if offering is not None and offering.dated and not offering.online:
                away.update((need.department, d.toordinal()) for d in offering.dates())
    return seats, away


def insured(needs, policy: Policy, today: dt.date, closes) -> list[Need]:
    """--robust: each Need with its record losses and the one weight W above
    every violation the unit could have (unit/robust.py)."""
    from .robust import ceiling, record_losses, scenario_count
    rule = policy.cycle
    out = []
    for need in needs:
        earlier = [y for y in rule.years_of(need.year) if y != need.year] if need.prior_cycle is not None else []
        out.append(dataclasses.replace(need, losses=record_losses(policy, need.person, today, closes,
                                                                 need.year, earlier)))
    weight = sum(scenario_count(n) for n in out) * ceiling(policy) + 1
    return [dataclasses.replace(n, robust_weight=weight) for n in out]


def setup(unit: Unit, staff: Sequence[Person], policy: Policy, offerings: Sequence[Offering],
          year: int, today: dt.date, keep=None, robust: bool = False) -> Problem:
    """prepare() and the unit's shared limits for the year."""
    needs, trainings = prepare(unit, staff, policy, offerings, year, today, keep)
    if robust:
        needs = insured(needs, policy, today, registration.deadline(policy, unit.registration_deadline))
    seats = {o.id: o.seats for o in offerings if o.credit_year == year}
    seats.update({tid: t.seats for tid, t in trainings.items()})
    sizes = dict(sorted(Counter(n.department for n in needs).items()))
    away = {d: away_limit(unit, s) for d, s in sizes.items()}
    taken, out = booked_usage(needs, {o.id: o for o in offerings if o.credit_year == year}, trainings, today)
    for oid, n in taken.items():
        if seats.get(oid) is not None:
            seats[oid] = max(0, seats[oid] - n)
    days = {key: max(0, away[key[0]] - n) for key, n in sorted(out.items())}
    limits = Limits(seats, away, unit.budget, dict(trainings.costs), days)
    titles = {o.id: o.title for o in offerings}
    titles.update({t.id: t.title for t in unit.unit_trainings})
    pool = tuple(o for o in offerings if o.credit_year == year) + tuple(trainings.values())
    known = frozenset(o.id for o in offerings) | frozenset(trainings)
    return Problem(unit, policy, year, today, tuple(needs), trainings, limits, sizes, titles, pool, known)


def insurance(plan, plain):
    """The robust plan against the plain one, and who is still not insured."""
    from .robust import Insurance
    problem = plan.problem
    weak = []
    for p in plan.people:
        need = problem.by_pid[p.person.id]
        score = evaluate(need, [i.id for i in p.items], problem.policy)
        if score.short > score.real * need.robust_weight:
            weak.append(p.person.id)
    return Insurance(plain.effort, plain.cost, tuple(weak))
