"""Start-up benchmark (issue 11, "instant"): whole-process wall times of
`planner --version`, `--help`, `audit --person demo`, `suggest --person demo`,
a TAB completion and `suggest` on a generated 10,000-offering catalogue,
side by side with `python -c "import click"` and with the same commands run
from an earlier commit of this repository (`--before REF`).

    python bench/bench_startup.py                       # this checkout only
    python bench/bench_startup.py --before 2411791      # and the commit before the start-up work

Each command runs once to warm the caches (disk, the planner's cache), then
`--runs` times, the trees taking turns run by run; medians are reported,
with the 1-minute load average before and after. Every process starts in an
empty temporary folder (no planner.toml), with its own cache folder, and
with the bytecode of every module written once (PYTHONPYCACHEPREFIX, in the
temporary folder), as an installed package has it: with
PYTHONDONTWRITEBYTECODE set, every run would compile the planner's modules
again.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def checkout(ref: str, into: Path) -> Path:
    """The tree of commit `ref` (git archive), for the "before" column."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def big_workspace(folder: Path, n: int) -> list[str]:
    from bench_suggest import TODAY, YEARS, generate, write_workspace
    ws, cat = write_workspace(folder, *generate(n, 0))
    return ["suggest", "--data", str(ws), "--catalog", str(cat), "--person", "P1", "--today", TODAY,
            "--year", str(YEARS[0]), "--through", str(YEARS[-1]), "--format", "json", "--quiet",
            "--time-limit", "120"]      # a solve the clock never cuts: the same plan in both trees


TAB = ["<completion>"]      # the console script's call, the same in any tree: main(prog_name="planner")


def cases(big: list[str] | None, small: bool = True) -> list[tuple[str, list[str], dict]]:
    tab = {"_PLANNER_COMPLETE": "bash_complete", "COMP_WORDS": "planner suggest --person demo --require B",
           "COMP_CWORD": "5"}
    out = [("planner --version", ["--version"], {}),
           ("planner --help", ["--help"], {}),
           ("planner audit --help", ["audit", "--help"], {}),
           ("planner audit --person demo", ["audit", "--person", "demo", "--today", "2026-11-27"], {}),
           ("planner audit --person demo --format json",
            ["audit", "--person", "demo", "--today", "2026-11-27", "--format", "json"], {}),
           ("planner suggest --person demo", ["suggest", "--person", "demo", "--today", "2026-11-27"], {}),
           ("TAB: planner suggest --person demo --require B<TAB>", TAB, tab)]
    if not small:
        out = []
    if big:
        out.append((f"planner suggest, {big_n:,} offerings (--format json)", big, {}))
    return out


def wall(tree: Path | None, args: list[str], env: dict, cwd: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process (`python -c
    "import click"` when tree is None). CPU time is what a busy machine
    disturbs least: the wall time there includes waiting for a core."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PLANNER_DATA", "_PLANNER_COMPLETE", "PYTHONDONTWRITEBYTECODE")}
    # bytecode as an installed package has it (written by the warm-up run, outside the trees)
    environ.update({"LANG": "C.UTF-8", "PLANNER_CACHE": str(cache), "PYTHONPYCACHEPREFIX": str(cwd / "pycache"),
                    **env})
    if tree is None:
        command = [sys.executable, "-c", "import click"]
    else:
        environ["PYTHONPATH"] = str(tree)
        command = [sys.executable, "-m", "planner", *args]
        if args is TAB:
            command = [sys.executable, "-c", "from planner.cli import main; main(prog_name='planner', "
                       "complete_var='_PLANNER_COMPLETE')"]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, cwd=cwd, env=environ, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed: {err.read().decode()[-500:]}")
    return seconds, usage.ru_utime + usage.ru_stime


def measure(trees: dict[str, Path], runs: int, big_runs: int, big: list[str] | None, tmp: Path,
            small: bool = True) -> list[dict]:
    rows = []
    for label, args, env in cases(big, small):
        n = big_runs if args is big else runs
        columns = {"click": None, **trees}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in columns}
        first = {name: round(wall(tree, args, env, tmp, tmp / f"cache-{name}")[0], 3)  # warm (cache cold)
                 for name, tree in columns.items()}
        print(label, "first run (cold cache), wall s:", first, file=sys.stderr)
        for _ in range(n):
            for name, tree in columns.items():
                times[name].append(wall(tree, args, env, tmp, tmp / f"cache-{name}"))
        row = {"label": label, "runs": n}
        for name, got in times.items():
            row[name] = statistics.median(w for w, _ in got)
            row[f"{name} cpu"] = statistics.median(c for _, c in got)
        rows.append(row)
        print(label, {k: round(v, 3) for k, v in row.items() if k not in ("label", "runs")}, file=sys.stderr)
    return rows


def main() -> None:
    global big_n
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", metavar="REF", help="also time the commands at this git commit")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--big", type=int, default=10000, help="offerings of the large suggest (0: skip it)")
    ap.add_argument("--big-runs", type=int, default=3)
    ap.add_argument("--big-only", action="store_true", help="only the large suggest")
    args = ap.parse_args()
    big_n = args.big
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        trees = {"now": ROOT}
        if args.before:
            trees = {"before": checkout(args.before, tmp / "before"), "now": ROOT}
        big = big_workspace(tmp / "big", args.big) if args.big else None
        load_before = os.getloadavg()[0]
        rows = measure(trees, args.runs, args.big_runs, big, tmp / "big" if big else tmp, not args.big_only)
        load_after = os.getloadavg()[0]
    names = list(trees)
    print(f"load average (1 min) before {load_before:.2f}, after {load_after:.2f}; {os.cpu_count()} CPUs; "
          f"medians of --runs {args.runs} (large suggest: {args.big_runs})")
    print()
    head = " | ".join(f"{name} s" for name in names)
    print(f"| command | `python -c \"import click\"` s | {head} | now ÷ click | CPU s: click / "
          + " / ".join(names) + " | CPU now ÷ click |")
    print("|---|--:|" + "--:|" * len(names) + "--:|--:|--:|")
    for r in rows:
        cells = " | ".join(f"{r[name]:.3f}" for name in names)
        cpu = " / ".join(f"{r[f'{name} cpu']:.3f}" for name in ["click", *names])
        print(f"| {r['label']} | {r['click']:.3f} | {cells} | {r['now'] / r['click']:.1f}x | {cpu} "
              f"| {r['now cpu'] / r['click cpu']:.1f}x |")


big_n = 10000

if __name__ == "__main__":
    main()
