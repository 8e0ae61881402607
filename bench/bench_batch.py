"""Benchmark of `planner batch` (issue 14): a seeded synthetic province of
30,000 persons in 300 units (10 cities) with a 300-offering-a-year
catalogue (2027-2029).

Figures, each with the wall time, the CPU seconds of every process of the
run (parent and workers: what a busy machine does not inflate much) and
the load average:
- audit of all persons at 1 and 2 workers, on the process pool and on a
  Dask LocalCluster;
- suggest at 1 and 2 workers on a seeded sample (every k-th person), per
  person, against one `planner suggest` process per person;
- peak memory of the parent and of the largest worker;
- resume: the audit killed half way and resumed, total against the
  uninterrupted run, and the same database;
- a projection to 16, 64 and 256 cores from the measured per-person worker
  CPU and the parent's (serial) CPU per person.

    python bench/bench_batch.py                                   # the table in docs/benchmarks.md
    python bench/bench_batch.py --persons 3000 --units 30 --sample 20 --single 2 --skip-dask
    python bench/bench_batch.py --keep /tmp/province              # reuse the generated province

Seeded: same arguments, same province. Timings are wall clock on a shared
machine: compare the paired figures of one run, and the CPU seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.province import write_catalog, write_province  # noqa: E402
from planner.batch.store import persons_written  # noqa: E402

TODAY = "2026-12-01"
YEAR = "2027"
TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """pid and every descendant (from /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return out


def _sample(pid: int) -> tuple[float, int] | None:
    """(CPU seconds, peak RSS in MB) of one process, or None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0)
    return (int(stat[11]) + int(stat[12])) / TICK, hwm // 1024


class Watched:
    """One command, its process tree sampled every 0.2 s: wall, CPU of the
    parent and of the rest, peak RSS of the parent and of the largest other."""

    def __init__(self, args: list[str], kill_when=None, env=None):
        self.args, self.kill_when, self.env = args, kill_when, env

    def run(self) -> dict:
        start = time.perf_counter()
        proc = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        seen: dict[int, tuple[float, int]] = {}
        killed = False
        while proc.poll() is None:
            for pid in _tree(proc.pid):
                got = _sample(pid)
                if got:           # a zombie shows no peak: keep the largest seen
                    last = seen.get(pid, (0.0, 0))
                    seen[pid] = (max(last[0], got[0]), max(last[1], got[1]))
            if self.kill_when is not None and not killed and self.kill_when():
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
            time.sleep(0.2)
        wall = time.perf_counter() - start
        err = proc.stderr.read()
        if proc.returncode != 0 and not killed:
            raise SystemExit(f"failed: {' '.join(self.args)}\n{err[-2000:]}")
        parent = seen.get(proc.pid, (0.0, 0))
        others = [v for p, v in seen.items() if p != proc.pid]
        return {"wall_s": round(wall, 1), "cpu_parent_s": round(parent[0], 1),
                "cpu_workers_s": round(sum(v[0] for v in others), 1), "peak_parent_mb": parent[1],
                "peak_worker_mb": max((v[1] for v in others), default=0),
                "load": round(os.getloadavg()[0], 1), "killed": killed}


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


def single_process(province: Path, catalog: Path, n: int, work: Path) -> dict:
    """Mean wall and CPU of one `planner suggest` process per person (the
    first `n` persons of the suggest sample, each in a one-person workspace)
    with the batch's budget (60 deterministic seconds
    a stage, the clock only a safety cap): the same plan as the batch row."""
    env = dict(os.environ, PLANNER_SAT_PARAMS="max_deterministic_time=60")
    runs = []
    for path in sorted(province.rglob("people/*.yaml"))[:n]:
        ws = work / path.stem
        (ws / "people").mkdir(parents=True)
        shutil.copy(path, ws / "people" / path.name)
        runs.append(Watched([sys.executable, "-m", "planner", "suggest", "--person", path.stem, "--data", str(ws),
                             "--catalog", str(catalog), "--today", TODAY, "--year", YEAR, "--format", "json",
                             "--time-limit", "600"], env=env).run())
    return {"wall_s": round(sum(r["wall_s"] for r in runs) / n, 2),
            "cpu_s": round(sum(r["cpu_parent_s"] + r["cpu_workers_s"] for r in runs) / n, 2),
            "load": runs[-1]["load"]}



def resume(province: Path, catalog: Path, work: Path, persons: int, whole: dict) -> dict:
    """The 2-worker audit killed once half the persons are written, then resumed."""
    out = work / "killed.sqlite"
    first = Watched(batch("audit", province, out, catalog, 2), kill_when=lambda: persons_written(out, wait=1) >= persons // 2).run()
    at = persons_written(out, wait=1)
    second = Watched(batch("audit", province, out, catalog, 2, "--resume")).run()
    from planner.batch.store import content
    total = first["wall_s"] + second["wall_s"]
    return {"killed_at_rows": at, "first_wall_s": first["wall_s"], "resume_wall_s": second["wall_s"],
            "total_wall_s": round(total, 1), "uninterrupted_wall_s": whole["wall_s"],
            "overhead": round(total / whole["wall_s"] - 1, 3), "load": second["load"],
            "same_content": content(out) == content(work / "audit2.sqlite")}


def writer(persons: int) -> dict:
    """CPU of the parent writing the last 250-person task into a results
    table that already holds `persons - 250` persons (4 targets, 1 item
    each), against the deletes the writer ran before 47d2f6b
    (`WHERE file = ?`, a scan of the table per file)."""
    from planner.batch.store import Store
    from tests.test_batch_store import _result
    store = Store(Path(tempfile.mkdtemp(prefix="bench-writer-")) / "r.sqlite")
    files = [f"c/people/P{k:05d}.yaml" for k in range(persons)]
    periods, one = ("2026", "2024-2026", "a", "b"), ("current",)
    for k in range(0, persons - 250, 250):
        store.write(_result(files[k:k + 250], periods=periods, variants=one))
    start = time.process_time()
    store.write(_result(files[persons - 250:], periods=periods, variants=one))
    new = time.process_time() - start
    start = time.process_time()
    with store.transaction():
        for table in ("targets", "items"):
            store.db.executemany(f"DELETE FROM {table} WHERE file = ?", [(f,) for f in files[persons - 250:]])
    old = time.process_time() - start
    shutil.rmtree(store.path.parent, ignore_errors=True)
    return {"persons": persons, "write_task_ms": round(1000 * new, 1), "old_deletes_task_ms": round(1000 * old),
            "load": round(os.getloadavg()[0], 1)}


def province_of(args, work: Path) -> tuple[Path, Path, float]:
    """The seeded province and catalogue (reused from --keep when made with the same arguments)."""
    base = Path(args.keep) if args.keep else work
    stamp = json.dumps([args.persons, args.units, args.cities, args.per_year, args.seed])
    province, catalog, mark = base / "province", base / "catalog", base / "stamp.json"
    if mark.exists() and mark.read_text() == stamp:
        return province, catalog, 0.0
    shutil.rmtree(province, ignore_errors=True)
    shutil.rmtree(catalog, ignore_errors=True)
    start = time.perf_counter()
    write_province(province, persons=args.persons, units=args.units, cities=args.cities, seed=args.seed,
                   years=(2024, 2025, 2026), bad_every=1000)
    write_catalog(catalog, per_year=args.per_year, years=(2027, 2028, 2029), seed=args.seed)
    mark.write_text(stamp)
    return province, catalog, round(time.perf_counter() - start, 1)


def run(args) -> dict:
    from planner.batch.store import content
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    out: dict = {"persons": args.persons, "units": args.units, "per_year": args.per_year}
    province, catalog, out["generate_s"] = province_of(args, work)
    for workers in () if args.skip_audit else (1, 2):
        out[f"audit_{workers}w"] = Watched(batch("audit", province, work / f"audit{workers}.sqlite", catalog,
                                                 workers)).run()
    if not args.skip_audit:
        out["audit_same_1w_2w"] = content(work / "audit1.sqlite") == content(work / "audit2.sqlite")
    if not args.skip_resume and not args.skip_audit:
        out["resume"] = resume(province, catalog, work, args.persons, out["audit_2w"])
    if not args.skip_dask and not args.skip_audit:
        out["audit_dask_2w"] = Watched(batch("audit", province, work / "audit-dask.sqlite", catalog, 2,
                                             "--engine", "dask")).run()
        out["audit_dask_same"] = content(work / "audit-dask.sqlite") == content(work / "audit1.sqlite")
    if args.sample:
        sub = work / "sample"
        out["sample"] = sample(province, args.persons // args.sample, sub)
        for workers in (1, 2):
            out[f"suggest_{workers}w"] = Watched(batch("suggest", sub, work / f"suggest{workers}.sqlite", catalog,
                                                       workers)).run()
        out["suggest_same_1w_2w"] = content(work / "suggest1.sqlite") == content(work / "suggest2.sqlite")
        if not args.skip_dask and not args.skip_dask_suggest:
            out["suggest_dask_2w"] = Watched(batch("suggest", sub, work / "suggest-dask.sqlite", catalog, 2,
                                                   "--engine", "dask")).run()
            out["suggest_dask_same"] = content(work / "suggest-dask.sqlite") == content(work / "suggest1.sqlite")
        out["single"] = single_process(sub, catalog, args.single, work / "single")
    shutil.rmtree(work, ignore_errors=True)
    return out


def project(r: dict) -> dict:
    """Seconds for the whole province at 16/64/256 cores. The parent's CPU
    per person is serial; the workers' CPU per person divides by the cores;
    whichever is larger paces the stream (they overlap), plus the start-up
    (the 1-worker wall less its CPU share, at least 1 s)."""
    n = r["persons"]
    out = {}
    for kind, runs in (("audit", r.get("audit_1w")), ("suggest", r.get("suggest_1w"))):
        if runs is None:
            continue
        people = n if kind == "audit" else r["sample"]
        parent, worker = runs["cpu_parent_s"] / people, runs["cpu_workers_s"] / people
        start = 1.0 if kind == "audit" else 3.0
        for cores in (16, 64, 256):
            out[f"{kind}_{cores}"] = round(start + max(parent * n, worker * n / cores), 1)
        out[f"{kind}_parent_ms_per_person"] = round(1000 * parent, 3)
        out[f"{kind}_worker_ms_per_person"] = round(1000 * worker, 3)
    return out


def ratios(r: dict) -> dict:
    out = {}
    if "audit_2w" in r:
        out.update(speedup_audit=round(r["audit_1w"]["wall_s"] / r["audit_2w"]["wall_s"], 2),
                   audit_2w_ms_per_person=round(1000 * r["audit_2w"]["wall_s"] / r["persons"], 2))
    if "suggest_2w" in r:
        per = r["suggest_2w"]["wall_s"] / r["sample"]
        cpu = (r["suggest_1w"]["cpu_parent_s"] + r["suggest_1w"]["cpu_workers_s"]) / r["sample"]
        out.update(speedup_suggest=round(r["suggest_1w"]["wall_s"] / r["suggest_2w"]["wall_s"], 2),
                   suggest_2w_s_per_person=round(per, 3), batch_vs_single=round(per / r["single"]["wall_s"], 3),
                   cpu_batch_vs_single=round(cpu / r["single"]["cpu_s"], 3))
    if "audit_dask_2w" in r:
        out["dask_vs_pool_audit"] = round(r["audit_dask_2w"]["wall_s"] / r["audit_2w"]["wall_s"], 2)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=30000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--per-year", type=int, default=300)
    parser.add_argument("--cities", type=int, default=10)
    parser.add_argument("--sample", type=int, default=30, help="persons in the suggest sample (0: no suggest)")
    parser.add_argument("--single", type=int, default=3, help="single `planner suggest` processes timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="folder to keep (and reuse) the generated province in")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-resume", action="store_true")
    parser.add_argument("--skip-audit", action="store_true", help="the suggest figures only")
    parser.add_argument("--skip-dask-suggest", action="store_true", help="Dask on the audit only")
    parser.add_argument("--writer", action="store_true", help="only the results writer's cost per task")
    args = parser.parse_args()
    if args.writer:
        print(json.dumps(writer(args.persons), indent=2))
        return
    r = run(args)
    r["projection"] = project(r)
    r["ratios"] = ratios(r)
    print(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
