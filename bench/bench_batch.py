"""Benchmark of `planner batch` (issue 14): a seeded synthetic province of
30,000 persons in 300 units (10 cities) with a 300-offering-a-year
catalogue (2027-2029).

Figures: audit wall time at 1 and 2 workers (all persons); suggest at 1
and 2 workers on a seeded sample (every k-th person), per person, against
one `planner suggest` process per person; Dask LocalCluster against the
process pool; peak memory (the largest process); --resume on a finished
run; the serial part of the main process (walk, read, write); a projection
to 16, 64 and 256 cores (Amdahl: serial part + parallel part / cores +
per-task overhead).

    python bench/bench_batch.py                       # the table in docs/benchmarks.md
    python bench/bench_batch.py --persons 3000 --sample 100 --skip-dask

Seeded: same arguments, same province. Timings are wall clock on a shared
machine: compare the paired figures of one run.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.province import write_catalog, write_province  # noqa: E402

TODAY = "2026-12-01"
YEAR = "2027"


def timed(args: list[str], env=None) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB of the largest process, stderr) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr[-2000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak // 1024, proc.stderr


def batch(kind: str, data: Path, out: Path, catalog: Path, workers: int, *extra) -> list[str]:
    args = [sys.executable, "-m", "planner", "batch", kind, "--data", str(data), "--out", str(out),
            "--catalog", str(catalog), "--today", TODAY, "--workers", str(workers), "--quiet"]
    if kind == "suggest":
        args += ["--year", YEAR]
    return args + list(extra)


def sample(province: Path, every: int, dest: Path) -> int:
    """A sub-province of every `every`-th person file (same cities)."""
    n = 0
    for k, path in enumerate(sorted(province.rglob("people/*.yaml"))):
        if k % every == 0:
            target = dest / path.relative_to(province)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
            n += 1
    return n


def single_process(province: Path, catalog: Path, n: int, work: Path) -> float:
    """Mean wall time of one `planner suggest` process per person (a one-person workspace)."""
    times = []
    for path in sorted(province.rglob("people/*.yaml"))[:n]:
        ws = work / path.stem
        (ws / "people").mkdir(parents=True)
        shutil.copy(path, ws / "people" / path.name)
        wall, _, _ = timed([sys.executable, "-m", "planner", "suggest", "--person", path.stem, "--data", str(ws),
                            "--catalog", str(catalog), "--today", TODAY, "--year", YEAR, "--format", "json"])
        times.append(wall)
    return sum(times) / len(times)


def serial_part(province: Path, results: Path) -> float:
    """Main-process work that does not parallelise: walk + read + hash every file, write every row."""
    from planner.batch.sources import entries
    from planner.batch.store import Store
    start = time.perf_counter()
    n = sum(1 for _ in entries(province))
    walk = time.perf_counter() - start
    import sqlite3
    src = sqlite3.connect(results)
    rows = src.execute("SELECT * FROM persons").fetchall()
    targets = src.execute("SELECT * FROM targets").fetchall()
    tmp = Path(tempfile.mkdtemp()) / "w.sqlite"
    store = Store(tmp)
    start = time.perf_counter()
    for k in range(0, len(rows), 250):
        with store.transaction():
            store.db.executemany(f"INSERT OR REPLACE INTO persons VALUES ({','.join('?' * len(rows[0]))})",
                                 rows[k:k + 250])
            store.db.executemany(f"INSERT OR REPLACE INTO targets VALUES ({','.join('?' * len(targets[0]))})",
                                 targets[4 * k:4 * (k + 250)])
    write = time.perf_counter() - start
    store.close()
    return walk + write, n


def run(args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    out: dict = {"persons": args.persons, "units": args.units, "per_year": args.per_year}
    province, catalog = work / "province", work / "catalog"
    start = time.perf_counter()
    write_province(province, persons=args.persons, units=args.units, cities=args.cities, seed=args.seed,
                   years=(2024, 2025, 2026), bad_every=1000)
    write_catalog(catalog, per_year=args.per_year, years=(2027, 2028, 2029), seed=args.seed)
    out["generate_s"] = round(time.perf_counter() - start, 1)
    for workers in (1, 2):
        wall, peak, _ = timed(batch("audit", province, work / f"audit{workers}.sqlite", catalog, workers))
        out[f"audit_{workers}w_s"], out[f"audit_{workers}w_peak_mb"] = round(wall, 1), peak
    wall, _, _ = timed(batch("audit", province, work / "audit2.sqlite", catalog, 2, "--resume"))
    out["audit_resume_finished_s"] = round(wall, 1)
    serial, _ = serial_part(province, work / "audit1.sqlite")
    out["serial_s"] = round(serial, 2)
    sub = work / "sample"
    out["sample"] = sample(province, args.persons // args.sample, sub)
    for workers in (1, 2):
        wall, peak, _ = timed(batch("suggest", sub, work / f"suggest{workers}.sqlite", catalog, workers))
        out[f"suggest_{workers}w_s"], out[f"suggest_{workers}w_peak_mb"] = round(wall, 1), peak
    out["single_process_s"] = round(single_process(province, catalog, args.single, work / "single"), 2)
    if not args.skip_dask:
        wall, peak, _ = timed(batch("audit", province, work / "audit-dask.sqlite", catalog, 2, "--engine", "dask"))
        out["audit_dask_2w_s"], out["audit_dask_peak_mb"] = round(wall, 1), peak
        wall, _, _ = timed(batch("suggest", sub, work / "suggest-dask.sqlite", catalog, 2, "--engine", "dask"))
        out["suggest_dask_2w_s"] = round(wall, 1)
        from planner.batch.store import content
        out["dask_same_content"] = {
            "audit": content(work / "audit-dask.sqlite") == content(work / "audit1.sqlite"),
            "suggest": content(work / "suggest-dask.sqlite") == content(work / "suggest1.sqlite")}
    out["same_content_1w_2w"] = _same(work)
    shutil.rmtree(work, ignore_errors=True)
    return out


def _same(work: Path) -> dict:
    from planner.batch.store import content
    return {"audit": content(work / "audit1.sqlite") == content(work / "audit2.sqlite"),
            "suggest": content(work / "suggest1.sqlite") == content(work / "suggest2.sqlite")}


def project(r: dict) -> dict:
    """Seconds for the whole province at 16/64/256 cores: serial + parallel / cores (+ start-up)."""
    start = 1.0                                          # pool start-up, measured ~0.8 s
    audit_parallel = max(r["audit_1w_s"] - r["serial_s"] - start, 0.0)
    per_suggest = (r["suggest_1w_s"] - start) / r["sample"]
    serial_per_person = r["serial_s"] / r["persons"]
    out = {}
    for cores in (16, 64, 256):
        out[f"audit_{cores}"] = round(start + r["serial_s"] + audit_parallel / cores, 1)
        out[f"suggest_{cores}"] = round(start + serial_per_person * r["persons"] + per_suggest * r["persons"] / cores, 1)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=30000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--per-year", type=int, default=300)
    parser.add_argument("--cities", type=int, default=10)
    parser.add_argument("--sample", type=int, default=300, help="persons in the suggest sample")
    parser.add_argument("--single", type=int, default=5, help="single `planner suggest` processes timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    r = run(args)
    r["projection"] = project(r)
    r["per_person_batch_2w_s"] = round(r["suggest_2w_s"] / r["sample"], 4)
    r["batch_vs_single"] = round(r["per_person_batch_2w_s"] / r["single_process_s"], 3)
    r["speedup_audit"] = round(r["audit_1w_s"] / r["audit_2w_s"], 2)
    r["speedup_suggest"] = round(r["suggest_1w_s"] / r["suggest_2w_s"], 2)
    r["uptime_load"] = os.getloadavg()
    print(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
