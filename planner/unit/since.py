"""`planner unit --since PLAN.json`: among the plans optimal for the unit's
objective (least total shortfall, then least effort), the one with the fewest
changes from the previous plan, then the least cost; and what changed, why.

A change is, person by person, an item added to or dropped from their
previous `selected` (plan/since.py counts and explains them, as for
`suggest --since`). After the search (steps 1-5 of unit/search.py), one more
stage: with weight x shortfall + effort held at most at the plan's value
(exactly lexicographic: model.frame_weight), the fewest changes, then the
least cost. Up to FULL_MODEL_STAFF staff, one model of the whole unit (proven
when it finishes); beyond, a fixed schedule of frames (each department in
slices, then each person alone), the rest fixed, on a deterministic budget
of half the search's. Booked records stay records (prepare.unit_booked):
a previous item now booked is `done`, whatever is chosen. The previous
plan's items are never pruned as dominated (prepare `keep`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Optional

from .. import registration
from ..plan import since as since_mod
from ..previous import Previous, PreviousUnit
from .bounds import FULL_MODEL_STAFF
from ..plan.sat import cp_model            # imported at the first solve (sat.py)
from .model import build_frame
from .solve import solve_frame

NOTHING = Previous(())


@dataclass(frozen=True)
class UnitChanges:
    """What the plan changes from the previous one, person by person."""
    people: tuple[tuple[str, since_mod.Changes], ...]   # (person id, their changes), staff order
    effort_delta: Optional[int] = None                  # minutes: this plan minus the previous one
    fee_delta: Optional[int] = None                     # fen: cost (fees + held trainings), this minus previous

    @property
    def count(self) -> int:
        return sum(c.count for _, c in self.people)


def _previous(since: PreviousUnit, pid: str) -> Previous:
    return since.people.get(pid, NOTHING)


def changes_of(need, ids, since: PreviousUnit) -> int:
    """The number of changes of one person's plan `ids` (the model's count)."""
    coefficients, constant = since_mod.change_terms(_previous(since, need.pid), need.items)
    chosen = set(ids)
    return constant + sum(c for c, item in zip(coefficients, need.items) if item.id in chosen)


def _changes_expr(frame, since: PreviousUnit):
    terms, weights = [], []
    for pv in frame.people:
        coefficients, _ = since_mod.change_terms(_previous(since, pv.need.pid), pv.need.items)
        terms += [pv.x[item.id] for item in pv.need.items]
        weights += coefficients
    return cp_model.LinearExpr.weighted_sum(terms, weights) if terms else cp_model.LinearExpr.constant(0)


def _key(search, since: PreviousUnit) -> tuple:
    inc = search.inc
    total = inc.total()
    moved = sum(changes_of(n, inc.plan[n.pid], since) for n in search.problem.needs)
    return (total.short, total.effort, moved, total.cost)


def _reoptimise(search, pids, since: PreviousUnit, work: float) -> tuple[bool, bool]:
    """Re-solve `pids` with the rest fixed: their weight x shortfall + effort
    at most as now, fewest changes, then least cost; kept when the unit's
    (shortfall, effort, changes, cost) falls. Returns (improved, proven)."""
    problem, inc, clock = search.problem, search.inc, search.clock
    before = _key(search, since)
    scores = [inc.score[p] for p in pids]
    old = {p: inc.remove(p) for p in pids}
    frame = build_frame(problem.policy, [problem.by_pid[p] for p in pids], problem.trainings,
                        problem.limits, inc.usage())
    frame.model.add(frame.objective <= frame.weight * sum(x.short for x in scores) + sum(x.effort for x in scores))
    res = solve_frame(dataclasses.replace(frame, objective=_changes_expr(frame, since)), work,
                      chosen=[old[p] for p in pids], wall=clock.wall())
    clock.charge(res)
    if res.found:
        for p, ids in zip(pids, res.chosen):
            inc.add(p, ids)
        if _key(search, since) < before:
            return True, res.proven
        for p in pids:
            inc.remove(p)
    for p in pids:
        inc.add(p, old[p])
    return False, res.proven and res.found


def schedule(problem, size: int) -> list[list[str]]:
    """The frames, in a fixed order: the whole unit when small, else each
    department in slices of `size`, then each person alone."""
    pids = [n.pid for n in problem.needs]
    if len(pids) <= FULL_MODEL_STAFF:
        return [pids]
    out = []
    for dept in sorted(problem.sizes):
        members = [n.pid for n in problem.needs if n.department == dept]
        out += [members[k:k + size] for k in range(0, len(members), size)]
    return out + [[p] for p in pids]


def fewest_changes(search, since: PreviousUnit) -> dict:
    """The changes stage (module doc) on the search's plan; its statistics."""
    budget = search.settings.work / 2
    start = search.clock.spent
    frames = schedule(search.problem, search.settings.neighbourhood)
    moves, proven = 0, False
    for pids in frames:
        if search.clock.spent - start >= budget or search.clock.expired():
            break
        work = budget if len(frames) == 1 else search.settings.sub_work
        improved, done = _reoptimise(search, pids, since, work)
        moves += improved
        proven = done and len(frames) == 1
    return {"changes_moves": moves, "fewest_changes_proven": proven}


def unit_changes(plan, since: PreviousUnit, offerings) -> UnitChanges:
    """Kept, added and dropped (with why) per person, and the whole change's delta."""
    problem = plan.problem
    catalog = list(offerings) + list(problem.trainings.values())
    out = []
    for p in plan.people:
        need, prev = problem.by_pid[p.person.id], _previous(since, p.person.id)
        c = since_mod.changes(prev, p.person, p.items, catalog, {i.id for i in need.items}, p.effort, p.fee)
        booked = {p.person.records[i].offering for i in registration.booked(p.person, problem.today)}
        chosen = {i.id for i in p.items}          # a booked item stays: kept, not done
        c = dataclasses.replace(c, kept=tuple(i for i in prev.ids if i in chosen or i in booked),
                                done=tuple(i for i in c.done if i not in booked))
        out.append((p.person.id, c))
    by_id = {o.id: o for o in catalog}
    for pid in sorted(set(since.people) - set(problem.by_pid)):      # left the unit
        dropped = tuple((i, since_mod.why_dropped(i, by_id, set())) for i in since.people[pid].ids)
        out.append((pid, since_mod.Changes((), (), dropped, ())))
    return UnitChanges(tuple(out), None if since.effort is None else plan.effort - since.effort,
                       None if since.cost is None else plan.cost - since.cost)
