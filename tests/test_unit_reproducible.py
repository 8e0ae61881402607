"""One plan, reproducible (issue 9 point 1, done-when): a 300-staff unit
solved twice, in two processes with different hash seeds, writes the same
bytes in JSON, the workbook and HTML; `planner render` of the saved plan
writes them again. The search is budgeted in deterministic work (--work),
so the machine's load does not change the plan."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .bigunit import TODAY, YEAR, write_workspace

ROOT = Path(__file__).resolve().parents[1]
FILES = ("a.json", "a.xlsx", "a.html")


def planner(*args, cwd: Path, hash_seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def test_a_300_staff_unit_twice_gives_the_same_files_and_render_the_same_bytes(tmp_path):
    ws, catalog = write_workspace(tmp_path, staff=300)
    runs = []
    for k, seed in enumerate(("1", "2")):
        out = tmp_path / f"run{k}"
        out.mkdir()
        runs.append(out)
        res = planner("unit", "--unit", "U-B", "--year", YEAR, "--today", TODAY, "--data", ws,
                      "--catalog", catalog, "--work", "0.5", "--save", "plan.json", "-q",
                      *[x for name in FILES for x in ("--out", name)], cwd=out, hash_seed=seed)
        assert res.returncode == 0, res.stderr
    for name in FILES + ("plan.json",):
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name
    again = tmp_path / "render"
    again.mkdir()
    res = planner("render", runs[0] / "plan.json", *[x for name in FILES for x in ("--out", name)],
                  cwd=again, hash_seed="3")
    assert res.returncode == 0, res.stderr
    for name in FILES:
        assert (again / name).read_bytes() == (runs[0] / name).read_bytes(), name
    data = json.loads((runs[0] / "a.json").read_text(encoding="utf-8"))
    assert data["deterministic"] is True and len(data["people"]) == 300
    assert data["lower_bound_hours"] <= data["effort_hours"]
    assert data["people_met"] + len(data["people_short"]) == 300
