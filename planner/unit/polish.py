"""No dominated decision (issue 9): before the plan is returned, every
held unit training, every seat and every person's assignment is checked for
a move that lowers the unit's (shortfall, effort, cost); each one found is
made, and the checks run again until a whole pass finds none:

- a held training cancelled, its attendees re-planned together without it
  (this catches "3 of 120 seats at 3,000 yuan");
- each person re-planned alone against what everyone else uses;
- each person above their own optimum re-planned together with whoever
  holds the seats or away days that their own optimum wants (a seat moved).

Every check is a CP-SAT solve on the deterministic budget; when the budget
runs out before a clean pass, `stats["undominated"]` is False.
"""
from __future__ import annotations

import random

from .search import Search, _above, blockers, reoptimise

CHECK_WORK = 0.5          # deterministic seconds per check


def _spent(search: Search) -> bool:
    """The check budget is used up (or the safety cap reached)."""
    return search.clock.expired() or search.clock.spent - search.stats["polish_start"] >= search.settings.polish_work


def _trainings(search: Search) -> int:
    moves = 0
    for tid in sorted(search.problem.trainings):
        if _spent(search):
            break
        attendees = sorted(search.inc.holders(tid))
        if attendees:
            out = reoptimise(search.problem, search.inc, attendees, CHECK_WORK, search.clock, forbid=(tid,))
            moves += out.improved
    return moves


def _people(search: Search) -> int:
    moves = 0
    for need in search.problem.needs:
        if _spent(search):
            break
        pid = need.pid
        if search.inc.plan[pid] == search.ideal[pid].ids and search.ideal[pid].proven:
            continue            # at their own proven optimum: no move of theirs can help
        moves += reoptimise(search.problem, search.inc, [pid], CHECK_WORK, search.clock).improved
    return moves


def _seats(search: Search) -> int:
    moves = 0
    rng = random.Random(search.settings.seed)
    for need in search.problem.needs:
        if _spent(search):
            break
        pid = need.pid
        if not _above(search.inc, search.ideal, pid):
            continue
        others = blockers(search.inc, pid, search.ideal[pid].ids, rng, search.settings.neighbourhood - 1)
        if others:
            moves += reoptimise(search.problem, search.inc, [pid] + others, CHECK_WORK, search.clock).improved
    return moves


def undominate(search: Search) -> dict:
    """Run the checks until a pass finds no move (or the budget is spent)."""
    if search.proven or search.at_ideal():
        return {"undominated": True, "dominance_moves": 0}
    search.stats["polish_start"] = search.clock.spent
    moves = 0
    clean = False
    while not _spent(search):
        found = _trainings(search) + _people(search) + _seats(search)
        moves += found
        if found == 0 and not _spent(search):
            clean = True
            break
    return {"undominated": clean, "dominance_moves": moves}
