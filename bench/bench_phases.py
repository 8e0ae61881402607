"""Where `planner suggest` spends its CPU at 10,000 offerings: one process
(bench_suggest.py's generator, seed 0, the same flags as bench_startup.py's
large suggest), CPU seconds (time.process_time) per phase, each CP-SAT
solve with its deterministic time. Phases nest (`plan` holds `prepare`,
`relax`, ...). The catalogue cache is warmed by a first run.

    python bench/bench_phases.py            # 10,000 offerings
    python bench/bench_phases.py --n 1000
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# (module, function, label): wrapped when present in this checkout
PHASES = [("planner.workspace", "load_catalog", "catalogue (cache)"),
          ("planner.plan.solve", "prepare", "prepare (candidates, dominance)"),
          ("planner.plan.solve", "plan", "plan (all of it)"),
          ("planner.plan.relax", "relax", "plan: LP relaxation"),
          ("planner.plan.core", "solve", "plan: stages on the core"),
          ("planner.plan.explain", "assemble", "plan: why-not reasons"),
          ("planner.plan.latest", "with_latest", "last safe dates"),
          ("planner.plan.latest", "target_model", "last safe dates: models"),
          ("planner.render.formats", "render", "JSON output")]

CHILD = r'''
import importlib, sys, time
acc, solves = {}, []
T = time.process_time
def wrap(mod, name, label):
    try:
        module = importlib.import_module(mod)
    except ImportError:
        return
    f = getattr(module, name, None)
    if f is None:
        return
    def timed(*a, **k):
        s = T()
        try:
            return f(*a, **k)
        finally:
            acc[label] = acc.get(label, 0.0) + T() - s
    setattr(module, name, timed)
import planner.cli
from planner.plan.sat import load_cp_model
start = T()
cp = load_cp_model()
acc["import CP-SAT"] = T() - start
solve = cp.CpSolver.solve
def timed_solve(self, model, *a, **k):
    s = T(); code = solve(self, model, *a, **k)
    solves.append((T() - s, self.deterministic_time, len(model.proto.variables)))
    return code
cp.CpSolver.solve = timed_solve
for phase in PHASES:
    wrap(*phase)
sys.argv = ["planner", *ARGS]
try:
    planner.cli.run()
except SystemExit:
    pass
sys.stdout.flush()
print(f"process CPU {T():.2f} s", file=sys.stderr)
for label, seconds in acc.items():
    print(f"  {label:34s} {seconds:6.3f}", file=sys.stderr)
print(f"  CP-SAT: {len(solves)} solves, {sum(s for s, _, _ in solves):.3f} CPU s, "
      f"{sum(d for _, d, _ in solves):.3f} deterministic s", file=sys.stderr)
for s, d, n in solves:
    print(f"    {s:6.3f} s  {d:6.3f} det  {n:5d} variables", file=sys.stderr)
'''


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="offerings")
    args = ap.parse_args()
    from bench_startup import big_workspace
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        flags = big_workspace(tmp / "big", args.n)
        env = {k: v for k, v in os.environ.items() if k not in ("PLANNER_DATA", "PYTHONDONTWRITEBYTECODE")}
        env.update({"LANG": "C.UTF-8", "PLANNER_CACHE": str(tmp / "cache"), "PYTHONPATH": str(ROOT),
                    "PYTHONPYCACHEPREFIX": str(tmp / "pycache")})
        code = f"PHASES = {PHASES!r}\nARGS = {flags!r}\n" + CHILD
        for _ in range(2):          # the first run fills the catalogue cache and writes the bytecode
            done = subprocess.run([sys.executable, "-c", code], cwd=tmp, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True, check=True)
        print(f"load average (1 min) {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs")
        print(done.stderr, end="")


if __name__ == "__main__":
    main()
