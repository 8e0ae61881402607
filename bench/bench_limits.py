"""Time limits on inputs that used to run away (issue 10).

    python bench/bench_limits.py            # from the repository root

Runs, each in a fresh process, and prints wall seconds, CPU seconds (the
process and its children: what a loaded machine inflates least), exit code,
the status line and the load average:
- `planner unit` on the demo unit with 2,000 and 10,000 unit trainings,
  `--time-limit 5`, with an empty cache (cold) and again (warm);
- `planner suggest --time-limit 5` on 10,000 generated offerings
  (bench_suggest.py's, seed 1) without the A and G ones: the targets
  cannot be met, so the reasons, the last safe dates and the repairs all
  run after the plan, under the same limit; cold and warm too;
- `planner suggest --through 100000 --time-limit 5` (refused: exit 2);
- an audit of a record with `hours: 1e999998` (refused: exit 2).

    python bench/bench_limits.py --formats               # every output format, and --save
    python bench/bench_limits.py --formats --count 2000  # the same on 2,000 trainings

runs the 10,000-training unit (or `--count N`), `--time-limit 5`, in each
format (text, md, html, ics, json, xlsx) and as json and xlsx with `--save
PLAN.json`, cold and warm, as above.

    python bench/bench_limits.py --web [--count N] [--limit S]   # the web's unit plan, in-process

runs `planner serve`'s unit plan (web/worker.py `run_unit`: the search, the
explanations and the four downloads) on the unit with 2,000 trainings (or
N), limit 5 s (or S), and prints how long the whole job took.

    python bench/bench_limits.py --prepare   # unit/prepare.py's prepare() alone, in-process

times the unit planner's preparing (each person's items) on the 10,000-training
unit, 5 runs after one not counted (its imports), and prints a digest of every
person's items (the same before and after a change that must keep them).

    python bench/bench_limits.py --fixed                     # what no limit can cut
    python bench/bench_limits.py --fixed --against ../before # alternating with another checkout

runs `planner unit` on the 10,000-training unit with `--time-limit 1` and no
cache: everything the limit can cut is cut, so the whole process is the work
it cannot (reading, checking, preparing, the greedy plans, the output). 5 runs
after one not counted; with `--against DIR` (a checkout of another commit,
e.g. `git worktree add ../before d347058`) the two alternate run by run and
the per-pair ratios are printed, with whether the JSON bytes agree.

    python bench/bench_limits.py --workbook                     # the 10,000-training workbook alone
    python bench/bench_limits.py --workbook --against ../before # alternating with another checkout

solves the 10,000-training unit once (`--time-limit 5 --save`), then builds
and writes its workbook (`render/xlsx.py` `unit_workbook`, zh) from the saved
plan in a fresh process per checkout: 3 builds each after one not counted,
CPU seconds in-process, and the workbook's digest (the same bytes before
and after a change that must keep them); with `--against DIR` the two
checkouts alternate, 3 processes each.
"""
from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(*args, label: str = "", cache: Path | None = None) -> None:
    env = {**ENV, "PLANNER_CACHE": str(cache) if cache else "off"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    lines = proc.stderr.strip().splitlines() or [""]
    last = next((line for line in lines if "staff" in line or "人" in line), lines[-1])
    if args[0] == "suggest" and "--out" in args:     # the plan's own status
        out = Path(args[list(args).index("--out") + 1])
        if out.exists():
            import json
            plan = json.loads(out.read_text(encoding="utf-8"))
            last = (f"{plan.get('status')}: {len(plan.get('selected') or ())} selected, "
                    f"{len(plan.get('unmet') or ())} unmet, cut: {len(plan.get('latest_start_cut') or ())} "
                    f"dates, repairs {bool(plan.get('repairs_cut'))}")
    print(f"{seconds:6.1f} s wall {cpu:6.1f} s CPU  exit {proc.returncode}  load {os.getloadavg()[0]:4.1f}  "
          f"{args[0]} {label}  {last[:110]}")


def unit_with_trainings(root: Path, count: int) -> Path:
    ws = root / "ws"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "catalog" / "demo", ws)
    rows = [f"  - {{id: T{k:04d}, title: 讲座{k}, date: {dt.date(2027, 1, 1) + dt.timedelta(days=k % 365)}, "
            f"days: 1, cost: {1000 + k}, seats: 40}}\n" for k in range(count)]
    (ws / "units" / "U-HZ.yaml").write_text("id: U-HZ\nname: 某局\nmax_away_share: 0.3\nbudget: 80000\n"
                                            "unit_trainings:\n" + "".join(rows), encoding="utf-8")
    return ws


def infeasible_suggest(root: Path) -> tuple[Path, Path]:
    """bench_suggest.py's 10,000 offerings (seed 1) without the A and G ones."""
    import bench_suggest
    person, catalog = bench_suggest.generate(10000, 1)
    catalog["offerings"] = [o for o in catalog["offerings"] if o["route"] not in ("A", "G")]
    return bench_suggest.write_workspace(root / "suggest", person, catalog)


def time_prepare(runs: int = 5) -> None:
    """prepare() on the demo unit with 10,000 unit trainings, in this process."""
    import gc
    import hashlib
    import statistics
    os.environ["PLANNER_CACHE"] = "off"
    sys.path.insert(0, str(REPO))
    from planner import resources
    from planner.policy import resolve_policy
    from planner.unit.prepare import prepare
    from planner.workspace import load_catalog, load_workspace
    with tempfile.TemporaryDirectory() as tmp:
        policy = resolve_policy(None)
        workspace = load_workspace(unit_with_trainings(Path(tmp), 10000), policy)
    offerings = load_catalog(resources.offerings_dir(), policy).offerings
    unit, staff = workspace.unit("U-HZ"), workspace.staff("U-HZ")
    walls, cpus = [], []
    for _ in range(runs + 1):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        needs, _ = prepare(unit, staff, policy, offerings, 2027, dt.date(2026, 11, 27))
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    shown = repr([(n.pid, [(i.index, i.id, i.year, i.credit, i.effort, i.fee, i.days, i.required, i.booked)
                           for i in n.items]) for n in needs])
    print(f"prepare(), 12 staff, {sum(len(n.items) for n in needs):,} items: "
          f"wall {' '.join(f'{w:.3f}' for w in walls[1:])} s (median {statistics.median(walls[1:]):.3f}), "
          f"CPU median {statistics.median(cpus[1:]):.3f} s, load {os.getloadavg()[0]:.1f}, "
          f"items digest {hashlib.sha256(shown.encode()).hexdigest()[:16]}")


def _fixed_run(tree: Path, ws: Path, out: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "PLANNER_CACHE": "off"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "planner", "unit", "--unit", "U-HZ", "--year", "2027", "--today",
                    "2026-11-27", "--data", str(ws), "--time-limit", "1", "--format", "json", "--out", str(out)],
                   cwd=tree, env=env, capture_output=True, check=True, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def time_fixed(against: Path | None, runs: int = 5) -> None:
    """The 10,000-training unit with --time-limit 1 and no cache (module doc)."""
    import statistics
    trees = [REPO] + ([against.resolve()] if against else [])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = unit_with_trainings(root / "u", 10000)
        times: dict = {tree: [] for tree in trees}
        for k in range(runs + 1):
            for tree in trees:
                measured = _fixed_run(tree, ws, root / f"{trees.index(tree)}.json")
                if k:
                    times[tree].append(measured)
        for tree in trees:
            walls = [w for w, _ in times[tree]]
            print(f"{tree}: wall {' '.join(f'{w:.2f}' for w in walls)} s, median {statistics.median(walls):.2f} s; "
                  f"CPU median {statistics.median(c for _, c in times[tree]):.2f} s")
        if against:
            ratios = [a[0] / b[0] for a, b in zip(times[trees[0]], times[trees[1]])]
            same = (root / "0.json").read_bytes() == (root / "1.json").read_bytes()
            print(f"ratio this / against, pair by pair: {' '.join(f'{r:.2f}' for r in ratios)} "
                  f"(median {statistics.median(ratios):.2f}); the same JSON bytes: {same}")
    print(f"load {os.getloadavg()[0]:.1f}")


_BUILD = """
import gc, hashlib, sys, time
gc.set_threshold(700, 10, 1000)   # as the CLI sets it (commands/session.py)
from planner.render.saved import load
from planner.render import xlsx
_, plan, _ = load(open(sys.argv[1], encoding="utf-8").read(), "plan")
cpus = []
for _ in range(4):
    start = time.process_time()
    data = xlsx.unit_workbook(plan, "zh")
    cpus.append(time.process_time() - start)
print(" ".join(f"{c:.2f}" for c in cpus[1:]), hashlib.sha256(data).hexdigest()[:16])
"""


def time_workbook(against: Path | None, rounds: int = 3) -> None:
    """The 10,000-training unit's workbook, built from its saved plan (module doc)."""
    trees = [REPO] + ([against.resolve()] if against else [])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws, plan = unit_with_trainings(root / "u", 10000), root / "plan.json"
        run("unit", "--unit", "U-HZ", "--year", 2027, "--today", "2026-11-27", "--data", ws, "--time-limit", 5,
            "--format", "json", "--out", root / "unit.json", "--save", plan, label="10,000 trainings, saved")
        for _ in range(rounds):
            for tree in trees:
                out = subprocess.run([sys.executable, "-c", _BUILD, str(plan)], cwd=tree, capture_output=True,
                                     text=True, check=True, timeout=600,
                                     env={**os.environ, "PYTHONPATH": str(tree), "PLANNER_CACHE": "off"})
                print(f"{tree}: workbook CPU s {out.stdout.strip()}  load {os.getloadavg()[0]:.1f}")


FORMATS = (("text", ()), ("md", ()), ("html", ()), ("ics", ()), ("json", ()), ("xlsx", ()),
           ("json", ("--save",)), ("xlsx", ("--save",)))


def time_formats(count: int) -> None:
    """The unit with `count` trainings in every output format, and saved (module doc)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = unit_with_trainings(root / "u", count)
        for fmt, extra in FORMATS:
            saved = ("--save", root / "plan.json") if extra else ()
            cache = root / f"cache-{fmt}-{len(extra)}"
            for label in ("cold", "warm"):
                run("unit", "--unit", "U-HZ", "--year", 2027, "--today", "2026-11-27", "--data", ws,
                    "--time-limit", 5, "--format", fmt, "--out", root / f"unit.{fmt}", *saved,
                    label=f"{count:,} trainings {fmt}{' --save' if extra else ''} {label}", cache=cache)


def time_web(count: int, limit: float) -> None:
    """The web's unit plan (web/worker.py run_unit) on the unit with `count`
    trainings, in this process: the whole job's seconds against its limit."""
    os.environ["PLANNER_CACHE"] = "off"
    sys.path.insert(0, str(REPO))
    from planner import resources
    from planner.web import worker
    with tempfile.TemporaryDirectory() as tmp:
        ws = unit_with_trainings(Path(tmp), count)
        start = time.perf_counter()
        out = worker.run_unit({"policy": None, "data": str(ws), "catalog": str(resources.offerings_dir()),
                               "unit": "U-HZ", "year": 2027, "today": "2026-11-27", "time_limit": limit,
                               "lang": "zh"})
        print(f"web unit plan, {count:,} trainings, limit {limit:g} s: {time.perf_counter() - start:.1f} s, "
              f"{out['summary']['status']}, load {os.getloadavg()[0]:.1f}")


def main() -> None:
    if "--web" in sys.argv[1:]:
        args = sys.argv[1:]
        return time_web(int(args[args.index("--count") + 1]) if "--count" in args else 2000,
                        float(args[args.index("--limit") + 1]) if "--limit" in args else 5.0)
    if "--formats" in sys.argv[1:]:
        args = sys.argv[1:]
        return time_formats(int(args[args.index("--count") + 1]) if "--count" in args else 10000)
    if "--prepare" in sys.argv[1:]:
        return time_prepare()
    if "--workbook" in sys.argv[1:]:
        args = sys.argv[1:]
        return time_workbook(Path(args[args.index("--against") + 1]) if "--against" in args else None)
    if "--fixed" in sys.argv[1:]:
        args = sys.argv[1:]
        return time_fixed(Path(args[args.index("--against") + 1]) if "--against" in args else None)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for count in (2000, 10000):
            ws = unit_with_trainings(root / str(count), count)
            for label in ("cold", "warm"):        # an empty cache, then the one the first run wrote
                run("unit", "--unit", "U-HZ", "--year", 2027, "--today", "2026-11-27", "--data", ws,
                    "--time-limit", 5, "--format", "json", "--out", root / "unit.json",
                    label=f"{count:,} trainings {label}", cache=root / f"cache{count}")
        ws, catalog = infeasible_suggest(root)
        for label in ("cold", "warm"):
            run("suggest", "--data", ws, "--catalog", catalog, "--person", "P1", "--today", "2026-12-01",
                "--year", 2027, "--through", 2029, "--time-limit", 5, "--format", "json",
                "--out", root / "plan.json", label=f"10,000 offerings, infeasible, {label}", cache=root / "cache-s")
        run("suggest", "--person", "demo", "--today", "2026-11-27", "--through", 100000, "--time-limit", 5)
        (ws / "people" / "big.yaml").write_text("id: big\nname: x\nspecialty: surveying\nrecords:\n"
                                                "  - {route: G, year: 2026, hours: 1e999998, title: a}\n",
                                                encoding="utf-8")
        run("audit", "--person", "big", "--data", ws, "--today", "2026-11-27")


if __name__ == "__main__":
    main()
