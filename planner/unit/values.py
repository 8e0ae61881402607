"""For HR: what a limit is worth (issue 12 point 6). The effort one more seat
in an offering, one more person of a department away on day D (that one
day's away limit moved by one, every other day as the unit file sets it), or
1,000 more yuan of budget would save, each found by re-solving the unit with
that one limit moved by one (never from dual prices: the model is an integer one and
its LP duals bound nothing exactly); and the demand per offering: how many
staff their own unconstrained plans (each person's optimum with every shared
limit dropped) would send there, against its seats.

A value is exact when both solves are proven optimal (`proven`); otherwise it
is the difference of two searches under the same deterministic budget, and
says so. Only limits the plan uses to the full are tried, the ones most
wanted first, at most MAX_TRIES re-solves. Every re-solve is under the
command's one --time-limit (counted from its start): a limit whose re-solve
the cap cut, or that it left no time for, is listed as not tried (`cut`),
never given a value; so is the demand when no time is left for it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional

from .moves import Clock
from .search import individual_optima, plan_unit
from .usage import away_keys

MAX_TRIES = 8            # re-solves at most
BUDGET_STEP = 100000     # fen: 1,000 yuan


@dataclass(frozen=True)
class LimitValue:
    limit: str               # "seats" | "away" | "budget"
    what: str                # the offering id, "department day", or the budget
    effort_saved: int        # minutes: this plan's effort minus the re-solved one's
    proven: bool             # both plans proven optimal: the value is exact
    shortfall_saved: int = 0  # tenths: this plan's shortfall minus the re-solved one's (it comes first)


@dataclass(frozen=True)
class Values:
    limits: tuple[LimitValue, ...]
    demand: dict             # offering id -> (wanted, seats)
    cut: tuple = ()          # (limit, what) of full limits the time limit left without a value
    demand_cut: bool = False  # the time limit came before the demand was worked out


def demand(plan, clock: Optional[Clock] = None) -> Optional[dict]:
    """Per offering with seats: how many staff their own optimum sends there,
    against its seats; None when the `clock` cut an optimum short."""
    problem = plan.problem
    clock = clock or Clock(plan.time_limit)
    ideal = individual_optima(problem, clock)
    if clock.cut:
        return None
    wanted = Counter(oid for pid in sorted(ideal) for oid in ideal[pid].ids)
    seats = problem.limits.seats
    return {oid: (wanted[oid], seats[oid]) for oid in sorted(wanted) if seats.get(oid) is not None}


def binding(plan) -> list[tuple[str, str, Callable]]:
    """(limit, what, how to move it by one) for each limit the plan uses to the full."""
    problem = plan.problem
    limits = problem.limits
    seats_used = Counter(i.id for p in plan.people for i in p.items)
    away_used = Counter(key for p in plan.people for i in p.items
                        for key in away_keys(p.department, i, problem.trainings))
    out = []
    for oid in sorted(seats_used):
        cap = limits.seats.get(oid)
        if cap is not None and seats_used[oid] >= cap:
            out.append(("seats", oid, lambda lim, o=oid: dataclasses.replace(
                lim, seats={**lim.seats, o: lim.seats[o] + 1})))
    for (dept, day), n in sorted(away_used.items()):
        if n >= limits.away_at((dept, day)):
            # one more person away on that one day of that department, every other day as it was
            what = f"{dept or '-'} {dt.date.fromordinal(day).isoformat()}"
            out.append(("away", what, lambda lim, k=(dept, day): dataclasses.replace(
                lim, away_days={**lim.away_days, k: lim.away_at(k) + 1})))
    if limits.budget is not None:
        out.append(("budget", str(limits.budget // 100), lambda lim: dataclasses.replace(
            lim, budget=lim.budget + BUDGET_STEP)))
    return out


def limit_values(plan, staff, offerings, *, work: Optional[float] = None, seed: int = 0,
                 time_limit: float = 600.0, robust: bool = False, started: Optional[float] = None) -> Values:
    """Each binding limit moved by one and the unit re-solved (module doc;
    `robust`: re-solved insured, as the plan was; `started`: when the
    command's --time-limit began, default now)."""
    problem = plan.problem
    out, cut = [], []
    for limit, what, move in binding(plan)[:MAX_TRIES]:
        clock = Clock(time_limit, started)
        again = None if clock.expired() else plan_unit(
            problem.unit, staff, problem.policy, offerings, problem.year, problem.today, time_limit=time_limit,
            seed=seed, work=work, bound_search=False, limits=move, robust=robust, clock=clock)
        if again is None or not again.deterministic:      # cut by the time limit: no value
            cut.append((limit, what))
            continue
        out.append(LimitValue(limit, what, plan.effort - again.effort, plan.proven and again.proven,
                              plan.shortfall - again.shortfall))
    wanted = demand(plan, Clock(time_limit, started))
    return Values(tuple(out), wanted or {}, tuple(cut), wanted is None)
