"""Import CP-SAT lazily and without pandas.

`ortools.sat.python.cp_model` imports pandas (about 0.3 s of a 1.5 s command
budget, bench/bench_suggest.py) only for its `*_series` helpers and their
type hints, which the planner never calls. When pandas is not loaded yet, a
stand-in module with `Index` and `Series` is present for the duration of the
import only; if the import fails with it, the real pandas is imported.
"""
from __future__ import annotations

import sys
import types


def load_cp_model():
    loaded = sys.modules.get("ortools.sat.python.cp_model")
    if loaded is not None:
        return loaded
    if "pandas" in sys.modules:
        from ortools.sat.python import cp_model
        return cp_model
    stub = types.ModuleType("pandas")
    stub.__doc__ = "stand-in while importing ortools.sat.python.cp_model (planner.plan.sat)"
    stub.Index = type("Index", (), {})
    stub.Series = type("Series", (), {})
    sys.modules["pandas"] = stub
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        sys.modules.pop("ortools.sat.python.cp_model", None)
        cp_model = None
    finally:
        if sys.modules.get("pandas") is stub:
            del sys.modules["pandas"]
    if cp_model is None:
        from ortools.sat.python import cp_model
    return cp_model


class LazyCpModel:
    """`cp_model` for modules that name it at their top: the import happens
    at the first attribute read (a solve), not when the module is imported;
    each name read is then kept, so later reads cost what a module's do."""

    def __getattr__(self, name: str):
        value = getattr(load_cp_model(), name)
        setattr(self, name, value)
        return value


cp_model = LazyCpModel()


def day_solver(cp, seconds: float):
    """A CP-SAT solver for the last-safe-date solves (latest.py, furthest.py):
    one worker, a fixed seed, a deterministic-time limit, and no probing or
    symmetry detection in presolve. Their answers are optimal values (a day)
    or feasibility, the same whatever the search; on the 10,000-offering
    benchmark probing was two thirds of their deterministic time (bench/)."""
    solver = cp.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = 0
    p.max_deterministic_time = seconds
    p.cp_model_probing_level = 0
    p.symmetry_level = 0
    return solver
