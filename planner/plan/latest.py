"""The last safe date: for each target the records do not yet meet, the latest
`--today` on which the catalogue can still close it (enrolling in a dated
activity that starts on or after that day, or beginning the online hours,
which must fit in the days left: model.add_study_days).

A plan started on day D can use the offerings plannable on D; that set only
shrinks as D moves later, so "can the target still be met" is monotone in D
and a binary search over the days from --today to the target's close (its
last year's registration deadline, else 31 December) finds the last day. Each
check is a feasibility solve of the soft model with that one target's
shortfall fixed at 0 (the other targets may stay short): one worker, a fixed
seed and a deterministic-time limit, so the dates never depend on the clock.
A check that runs out of its deterministic time counts as "cannot": the date
given is then never later than the true one. Under the command's
--time-limit (cap.py) a target whose checks the cap stopped gets no date:
it is listed as not worked out.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Optional, Sequence

from .cap import NO_CAP, Cap, OutOfTime
from .fragile import label, met_targets, target_order
from .furthest import furthest, target_model
from .model import build, close_of, studied, study_room, targeted_cycles
from .sat import day_solver, load_cp_model

CHECK_DETERMINISTIC_TIME = 5.0     # per feasibility check (CP-SAT deterministic seconds)
LATE_WINDOW = 31                    # days before a target's close tried first (_late)
FURTHEST_DETERMINISTIC_TIME = 10.0  # per target for the one-solve answer (furthest.py), else the search


def open_targets(prob) -> list[str]:
    """The plan's targets that the records alone do not meet, in report order."""
    cycles = targeted_cycles(prob.policy, prob.years)
    met = met_targets(prob.policy, prob.records, prob.years, cycles)
    return [t for t in target_order(prob.policy, prob.years, cycles) if t not in met]


def target_close(target: str, closes) -> dt.date:
    period = target.rsplit(" ", 1)[0]
    return close_of(int(period.split("-")[-1]), closes)


class DayCheck:
    """The soft model of one day, built once; each target checked under an
    assumption literal that fixes its shortfall at 0."""

    def __init__(self, cp_model, prob, cap: Cap = NO_CAP):
        self.cp, self.cap = cp_model, cap
        cap.check()
        self.pm = build(cp_model, prob.policy, prob.person, prob.records, prob.years, prob.kept,
                        soft=True, size=len(prob.cands.items), today=prob.today, closes=prob.closes)
        self.met: dict[str, object] = {}
        for goal in self.pm.goals:
            target = label(goal.period, goal.key)
            if goal.shortfall is None:           # a constant expression already at its target
                self.met[target] = True
                continue
            lit = self.pm.model.new_bool_var(f"latest start: {target} met")
            self.pm.model.add(goal.shortfall == 0).only_enforce_if(lit)
            self.met[target] = lit

    def witness(self, target: str) -> Optional[tuple]:
        """The items of a selection meeting `target` with the offerings
        plannable on that day, or None when none is found."""
        lit = self.met[target]
        if lit is True:
            return ()
        model = self.pm.model
        model.clear_assumptions()
        model.add_assumptions([lit])
        solver = day_solver(self.cp, CHECK_DETERMINISTIC_TIME)
        self.cap.limit(solver)
        code = solver.solve(model)
        self.cap.check()                   # stopped by the cap: not an answer
        if code not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return None
        return tuple(item for item, var in zip(self.pm.items, self.pm.x) if solver.value(var))

    def can_close(self, target: str) -> bool:
        """Whether the offerings plannable on that day can still meet `target`."""
        return self.witness(target) is not None


def still_works(chosen: Sequence, day: dt.date, policy, closes) -> bool:
    """Whether a selection found on an earlier day is still a solution of the
    model on `day`: that model differs only in the items still plannable
    and in the room study_days leaves, so this is exact and needs no solve."""
    if not all(still_plannable(item, day, closes) for item in chosen):
        return False
    for year in {item.year for item in chosen}:
        effort = sum(item.effort for item in chosen if studied(item, year))
        if effort and effort > study_room(policy, year, day, closes):
            return False
    return True


def target_years(target: str, years: Sequence[int]) -> tuple[int, ...]:
    """The planned years a target depends on: its year, or its cycle's planned years."""
    period = target.rsplit(" ", 1)[0]
    first, last = (int(p) for p in (period.split("-") * 2)[:2]) if "-" in period else (int(period),) * 2
    return tuple(y for y in years if first <= y <= last)


def latest_start(prepare_at, today: dt.date, targets: Sequence[str], closes,
                 years: Sequence[int], policy, cap: Cap = NO_CAP,
                 cut: Optional[list] = None) -> tuple[tuple[str, dt.date], ...]:
    """(target, last safe day) for each target that can still be met from
    today; `prepare_at(day, years)` gives the planning problem as of that day
    over those years (a year's targets need only that year's offerings).
    Past the `cap`, the targets left are added to `cut` (not worked out)."""
    cp_model = load_cp_model()
    cache: dict[tuple, object] = {}
    problems: dict[tuple, object] = {}

    def problem(day: dt.date, target: str):
        key = (day, target_years(target, years))
        if key not in problems:
            problems[key] = prepare_at(*key)
        return problems[key]

    def check(day: dt.date, target: str) -> DayCheck:
        key = (day, target_years(target, years))
        if key not in cache:
            cache[key] = DayCheck(cp_model, problem(day, target), cap)
        return cache[key]

    def found(day: dt.date, target: str):
        return check(day, target).witness(target)

    out = []
    for k, target in enumerate(targets):
        try:
            last = _target_latest(cp_model, target, today, closes, policy, problem, found, cap)
        except OutOfTime:
            if cut is not None:
                cut.extend(t for t in targets[k:] if target_close(t, closes) >= today)
            break
        if last is not None:
            out.append((target, last))
    return tuple(out)


def _target_latest(cp_model, target: str, today: dt.date, closes, policy, problem, found,
                   cap: Cap) -> Optional[dt.date]:
    """One target's last safe day, or None (closed, or it cannot be met)."""
    hi = target_close(target, closes)
    if hi < today:
        return None
    status, last, first = _late(cp_model, problem(today, target), target, today, hi, policy, closes, cap)
    if status != "optimal":
        pm, goal = target_model(cp_model, problem(today, target), target, policy, cap=cap)
        if goal.shortfall is None:          # met whatever is chosen
            return hi
        status, last, first = furthest(cp_model, pm, goal, target, today, hi, policy, closes,
                                       FURTHEST_DETERMINISTIC_TIME, cap)
    if status == "infeasible":
        return None
    if status == "unknown":                 # not proven in its time: the binary search
        first = first if first is not None else found(today, target)
        if first is None:
            return None
        last = _last_day(lambda day: found(day, target), first, today, hi, policy, closes)
    return last


def _late(cp_model, prob, target: str, today: dt.date, hi: dt.date, policy, closes, cap: Cap = NO_CAP):
    """furthest() over the last LATE_WINDOW days before `hi` only, on the
    items still plannable on the window's first day W: when it proves a
    last day D >= W, D is the target's last safe day (a selection working on
    the true last day D* >= D >= W uses only items plannable on D*, all in
    this smaller model, so D* <= D). Otherwise ("infeasible": D* < W, or
    "unknown") the caller solves the whole model."""
    window = max(today, hi - dt.timedelta(days=LATE_WINDOW))
    if window == today:
        return "unknown", None, None
    pm, goal = target_model(cp_model, prob, target, policy, since=window, cap=cap)
    status, last, _ = furthest(cp_model, pm, goal, target, window, hi, policy, closes, FURTHEST_DETERMINISTIC_TIME,
                               cap)
    return (status, last, None) if status == "optimal" else ("unknown", None, None)


def _last_day(found, first: tuple, lo: dt.date, hi: dt.date, policy, closes) -> dt.date:
    """The last day in lo..hi on which the target can be met, given a
    selection `first` that meets it on `lo`: a binary search in which a
    selection already found that still works on a day answers without a
    solve (and moves `lo` as far as it still works)."""
    known = [first]

    def ok(day: dt.date) -> bool:
        if any(still_works(chosen, day, policy, closes) for chosen in known):
            return True
        chosen = found(day)
        if chosen is not None:
            known.append(chosen)
        return chosen is not None

    if ok(hi):
        return hi
    while (hi - lo).days > 1:       # invariant: ok(lo), not ok(hi)
        lo = _furthest(known, lo, hi, policy, closes)
        if (hi - lo).days <= 1:
            break
        mid = lo + dt.timedelta(days=(hi - lo).days // 2)
        if ok(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _furthest(known, lo: dt.date, hi: dt.date, policy, closes) -> dt.date:
    """The last day before `hi` on which some selection in `known` still
    works (it works on `lo`; working only gets harder as the day moves on)."""
    best = lo
    for chosen in known:
        a, b = best, hi                 # works on a (or a is beaten already), not known on b
        if not still_works(chosen, a, policy, closes):
            continue
        while (b - a).days > 1:
            mid = a + dt.timedelta(days=(b - a).days // 2)
            if still_works(chosen, mid, policy, closes):
                a = mid
            else:
                b = mid
        best = max(best, a)
    return best


def still_plannable(item, day: dt.date, closes) -> bool:
    """Whether an item plannable today is still plannable on a later `day`
    (plannable.not_plannable: it has not started; an online course's year and
    its registration deadline are not past); booked items stay."""
    if item.booked is not None:
        return True
    first = item.offering.first_day
    if first is not None:
        return first >= day
    return item.year >= day.year and (closes is None or day <= closes.of(item.year))


def at_day(prob, day: dt.date, span: Sequence[int]):
    """The planning problem as of `day` over `span`, from today's: the
    plannable set only shrinks as the day moves later."""
    kept = [i for i in prob.kept if i.year in span and still_plannable(i, day, prob.closes)]
    return dataclasses.replace(prob, today=day, years=tuple(span), kept=kept)


def for_plan(person, policy, offerings, years, today, exclude=(), registration_deadline=None,
             known_ids=None, memo=None, cap: Cap = NO_CAP,
             cut: Optional[list] = None) -> tuple[tuple[str, dt.date], ...]:
    """The last safe dates of the plan's open targets (suggest's inputs;
    --require is not applied: a pinned offering may be the one that is late)."""
    from .solve import prepare
    first = prepare(person, policy, offerings, tuple(years), today, (), exclude, known_ids, True,
                    registration_deadline, memo=memo)
    return latest_start(lambda day, span: at_day(first, day, span), today, open_targets(first),
                        first.closes, tuple(years), policy, cap, cut)


def with_latest(result, offerings, exclude=(), memo=None, cap: Cap = NO_CAP):
    """The plan with the last safe dates of its open targets (those the
    `cap` left out in `latest_cut`)."""
    cut: list = []
    dates = for_plan(result.person, result.policy, offerings, result.years, result.today, exclude, memo=memo,
                     cap=cap, cut=cut)
    return dataclasses.replace(result, latest_start=dates, latest_cut=tuple(cut))
