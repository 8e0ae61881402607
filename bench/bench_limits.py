"""Time limits on inputs that used to run away (issue 10).

    python bench/bench_limits.py            # from the repository root

Runs, each in a fresh process, and prints wall seconds, exit code and the
status line:
- `planner unit` on the demo unit with 2,000 unit trainings, `--time-limit 5`;
- `planner suggest --through 100000 --time-limit 5` (refused: exit 2);
- an audit of a record with `hours: 1e999998` (refused: exit 2).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(*args) -> None:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=REPO, env=ENV,
                          capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines() or [""]
    last = next((line for line in lines if "staff" in line), lines[-1])
    print(f"{seconds:7.1f} s  exit {proc.returncode}  {args[0]}  {last[:150]}")


def unit_with_trainings(root: Path, count: int) -> Path:
    ws = root / "ws"
    shutil.copytree(REPO / "catalog" / "demo", ws)
    rows = [f"  - {{id: T{k:04d}, title: 讲座{k}, date: {dt.date(2027, 1, 1) + dt.timedelta(days=k % 365)}, "
            f"days: 1, cost: {1000 + k}, seats: 40}}\n" for k in range(count)]
    (ws / "units" / "U-HZ.yaml").write_text("id: U-HZ\nname: 某局\nmax_away_share: 0.3\nbudget: 80000\n"
                                            "unit_trainings:\n" + "".join(rows), encoding="utf-8")
    return ws


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = unit_with_trainings(root, 2000)
        run("unit", "--unit", "U-HZ", "--year", 2027, "--today", "2026-11-27", "--data", ws, "--time-limit", 5,
            "--format", "json", "--out", root / "unit.json")
        run("suggest", "--person", "demo", "--today", "2026-11-27", "--through", 100000, "--time-limit", 5)
        (ws / "people" / "big.yaml").write_text("id: big\nname: x\nspecialty: surveying\nrecords:\n"
                                                "  - {route: G, year: 2026, hours: 1e999998, title: a}\n",
                                                encoding="utf-8")
        run("audit", "--person", "big", "--data", ws, "--today", "2026-11-27")


if __name__ == "__main__":
    main()
