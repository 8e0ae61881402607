"""Solving one frame of the unit model: least weight x shortfall + effort
(exactly lexicographic, model.frame_weight), then at that value the least
cost, in two CP-SAT stages, with a hint.

Budgeted in CP-SAT's deterministic time, single worker, fixed seed: the
same frame gives the same answer on every run. The wall-clock `wall` is
only a safety cap; a stage it stops says so (`cut`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..plan.sat import cp_model            # imported at the first solve (sat.py)
from .model import Frame


@dataclass(frozen=True)
class FrameResult:
    found: bool
    proven: bool                    # both stages proven optimal
    objective: int                  # weight x shortfall + effort
    bound: float                    # best bound on the objective (stage 1)
    cost: int
    chosen: tuple[tuple[str, ...], ...]   # per person of the frame: selected ids, sorted
    work: float                     # deterministic seconds spent
    cut: bool = False               # the wall-clock cap stopped a stage


def _solver(work: float, wall: Optional[float], workers: int = 1, seed: int = 0):
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = workers
    p.random_seed = seed
    p.linearization_level = 2
    p.max_deterministic_time = max(0.01, work)
    p.max_time_in_seconds = max(0.05, wall if wall is not None else work * 40 + 5)
    return solver


def _run(solver, model, callback=None):
    status = solver.solve(model, callback) if callback is not None else solver.solve(model)
    r = solver.response_proto
    cut = status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE) and r.wall_time >= 0.95 * solver.parameters.max_time_in_seconds
    return status, r.deterministic_time, cut


def hint(frame: Frame, chosen: Optional[list]) -> None:
    if not chosen:
        return
    frame.model.clear_hints()
    for pv, ids in zip(frame.people, chosen):
        ids = set(ids)
        for oid, lit in pv.x.items():
            frame.model.add_hint(lit, oid in ids)


def _picked(solver, frame: Frame) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sorted(oid for oid, lit in pv.x.items() if solver.boolean_value(lit)))
                 for pv in frame.people)


def solve_frame(frame: Frame, work: float, *, chosen=None, ceiling: Optional[int] = None,
                workers: int = 1, seed: int = 0, cost_stage: bool = True, callback=None,
                wall: Optional[float] = None, cost_when_better: bool = True) -> FrameResult:
    """Stage 1: least weight x shortfall + effort, in `work` deterministic
    seconds. Stage 2: at that value, least cost, in half as much.
    `ceiling` (the incumbent's objective) prunes stage 1.
    `cost_when_better=False`: skip stage 2 when stage 1 already beat the
    ceiling (the plan improves on effort; its cost is lowered later)."""
    model = frame.model
    hint(frame, chosen)
    if ceiling is not None:
        model.add(frame.objective <= ceiling)
    model.minimize(frame.objective)
    solver = _solver(work, wall, workers, seed)
    small = len(frame.people) == 1          # presolve costs more than it saves on one person
    solver.parameters.cp_model_presolve = not small
    status, spent, cut = _run(solver, model, callback)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return FrameResult(False, False, 0, solver.best_objective_bound, 0, (), spent, cut)
    proven = status == cp_model.OPTIMAL
    value = int(round(solver.objective_value))
    bound = solver.best_objective_bound
    picked = _picked(solver, frame)
    cost = int(solver.value(frame.cost)) if not isinstance(frame.cost, int) else frame.cost
    if cost_stage and not cost_when_better and ceiling is not None and value < ceiling:
        proven = False                      # the cost was not minimised
    elif cost_stage:
        model.add(frame.objective <= value)
        model.minimize(frame.cost)
        hint(frame, picked)
        solver2 = _solver(work / 2, None if wall is None else max(0.05, wall - solver.response_proto.wall_time),
                          workers, seed)
        solver2.parameters.cp_model_presolve = not small
        status2, spent2, cut2 = _run(solver2, model)
        spent += spent2
        cut = cut or cut2
        if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            picked = _picked(solver2, frame)
            cost = int(round(solver2.objective_value))
            proven = proven and status2 == cp_model.OPTIMAL
        else:
            proven = False
    return FrameResult(True, proven, value, bound, cost, picked, spent, cut)
