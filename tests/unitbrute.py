"""An independent brute force over every joint plan of a tiny unit (no
solver): every person's every subset of plannable items without two on one
day, every shared limit checked by hand (seats, away per department and day,
the budget with held trainings paid once), each person's shortfall from the
ledger (the audit engine). For years that end no B cycle."""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from planner import ledger
from planner.effort import effort_minutes
from planner.unit.prepare import prepare

from .unitfixtures import TODAY, YEAR


@dataclass(frozen=True)
class Joint:
    short: int                   # tenths, all staff
    effort: int                  # minutes
    cost: int                    # fen: fees + held trainings
    plans: tuple                 # per person (in id order): frozenset of chosen ids

    @property
    def value(self) -> tuple:
        return (self.short, self.effort)


def person_options(need, policy, extra_records=()):
    """(ids, items, shortfall, effort) of every subset of the person's items
    with no two on one day."""
    out = []
    items = list(need.items)
    for r in range(len(items) + 1):
        for combo in itertools.combinations(items, r):
            days = [d for i in combo for d in i.days]
            if len(days) != len(set(days)):
                continue
            offerings = [i.offering for i in combo]
            led = ledger.build(policy, need.person.specialty, list(need.person.records) + offerings)
            short = sum(t.shortfall for t in led.year(YEAR).targets)
            out.append((frozenset(i.id for i in combo), combo, short,
                        sum(effort_minutes(o, policy) for o in offerings)))
    return out


def joint_plans(u, staff, offerings, policy, away=None, today=TODAY, keep=None):
    """Every joint plan within the unit's limits. `away(department, day, limit)`
    gives a day's away limit (default: the unit file's, every day);
    `keep(k, ids)`: only subsets it accepts for the k-th person."""
    needs, trainings = prepare(u, staff, policy, offerings, YEAR, today)
    sizes = Counter(p.department or "" for p in staff)
    limit = {d: max(1, int(Fraction(str(u.max_away_share)) * n)) for d, n in sizes.items()}
    away = away or (lambda dept, day, lim: lim)
    costs = {t.id: t.cost for t in u.unit_trainings}
    seats = {o.id: o.seats for o in offerings} | {t.id: t.seats for t in u.unit_trainings}
    options = [[o for o in person_options(need, policy) if keep is None or keep(k, o[0])]
               for k, need in enumerate(needs)]
    by_id = {o.id: o for o in offerings}
    used0, days0 = Counter(), Counter()          # what booked records already take
    for p in staff:
        for r in p.records:
            if r.offering and (r.status == "booked" or (r.first_day and r.first_day > today)):
                used0[r.offering] += 1
                o = by_id.get(r.offering)
                if o is not None and o.dated and not o.online:
                    days0.update((p.department or "", d.toordinal()) for d in o.dates())
    out = []
    for choice in itertools.product(*options):
        used = used0 + Counter(i.id for _, combo, _, _ in choice for i in combo)
        if any(seats.get(oid) is not None and n > seats[oid] for oid, n in used.items()):
            continue
        days = days0 + Counter((need.department, d) for need, (_, combo, _, _) in zip(needs, choice)
                       for i in combo if i.id not in trainings and not i.offering.online for d in i.days)
        if any(n > away(dept, day, limit[dept]) for (dept, day), n in days.items()):
            continue
        fee = sum(i.fee for _, combo, _, _ in choice for i in combo)
        cost = fee + sum(costs[t] for t in costs if used.get(t))
        if u.budget is not None and cost > u.budget:
            continue
        out.append(Joint(sum(c[2] for c in choice), sum(c[3] for c in choice), cost,
                         tuple(c[0] for c in choice)))
    return out


def best(joints) -> Joint:
    return min(joints, key=lambda j: (j.value, j.cost))
