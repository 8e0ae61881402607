"""Solving one frame of the unit model: effort first, then cost
(lexicographic in two CP-SAT stages), with a hint and a time limit.

Single worker, fixed seed and a deterministic time budget, so the same
frame gives the same answer on every run and every machine.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional

from ..plan.sat import load_cp_model

cp_model = load_cp_model()      # without pandas: see sat.py

from .model import Frame


@dataclass
class FrameResult:
    found: bool
    proven: bool                    # both stages proven optimal
    objective: int                  # weighted shortfall + effort
    bound: float                    # best bound on the objective (stage 1)
    cost: int
    chosen: list[tuple[str, ...]]   # per person of the frame: selected ids, sorted
    seconds: float


def _params(seconds: float, workers: int, seed: int, deterministic: bool,
            linearization: int = 2, wall: Optional[float] = None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = workers
    p.random_seed = seed
    p.linearization_level = linearization
    if deterministic:
        p.max_deterministic_time = max(0.05, seconds)
    cap = seconds if not deterministic else seconds * 20 + 5
    if wall is not None:
        cap = min(cap, wall)
    p.max_time_in_seconds = max(0.05, cap)
    return solver


def hint(frame: Frame, chosen: Optional[list]) -> None:
    if not chosen:
        return
    frame.model.clear_hints()
    for pv, ids in zip(frame.people, chosen):
        ids = set(ids)
        for oid, lit in pv.x.items():
            frame.model.add_hint(lit, oid in ids)


def solve_frame(frame: Frame, seconds: float, *, chosen=None, ceiling: Optional[int] = None,
                workers: int = 1, seed: int = 0, deterministic: bool = True,
                cost_stage: bool = True, callback=None, wall: Optional[float] = None,
                cost_when_better: bool = True) -> FrameResult:
    """Stage 1: least weighted shortfall + effort. Stage 2: at that value,
    least cost. `ceiling` (the incumbent's objective) prunes stage 1.
    `cost_when_better=False`: skip stage 2 when stage 1 already beat the
    ceiling (the plan improves on effort; its cost is lowered later)."""
    start = time.perf_counter()
    model = frame.model
    hint(frame, chosen)
    if ceiling is not None:
        model.add(frame.objective <= ceiling)
    model.minimize(frame.objective)
    solver = _params(seconds, workers, seed, deterministic, wall=wall)
    small = len(frame.people) == 1          # presolve costs more than it saves on one person
    solver.parameters.cp_model_presolve = not small
    status = solver.solve(model, callback) if callback is not None else solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return FrameResult(False, False, 0, solver.best_objective_bound, 0, [], time.perf_counter() - start)
    proven1 = status == cp_model.OPTIMAL
    value = int(round(solver.objective_value))
    bound = solver.best_objective_bound
    picked = [tuple(sorted(oid for oid, lit in pv.x.items() if solver.boolean_value(lit)))
              for pv in frame.people]
    cost = int(solver.value(frame.cost)) if not isinstance(frame.cost, int) else frame.cost
    proven = proven1
    if cost_stage and not cost_when_better and ceiling is not None and value < ceiling:
        proven = False                      # the cost was not minimised
    elif cost_stage:
        model.add(frame.objective <= value)
        model.minimize(frame.cost)
        hint(frame, picked)
        left = max(0.05, seconds / 2)
        spent = time.perf_counter() - start
        solver2 = _params(left, workers, seed, deterministic,
                          wall=None if wall is None else max(0.05, wall - spent))
        solver2.parameters.cp_model_presolve = not small
        status2 = solver2.solve(model)
        if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            picked = [tuple(sorted(oid for oid, lit in pv.x.items() if solver2.boolean_value(lit)))
                      for pv in frame.people]
            cost = int(round(solver2.objective_value))
            proven = proven1 and status2 == cp_model.OPTIMAL
        else:
            proven = False
    return FrameResult(True, proven, value, bound, cost, picked, time.perf_counter() - start)
