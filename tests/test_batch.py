"""`planner batch`: a generated province through the process pool and a Dask
LocalCluster gives the same database; rows match `planner audit`/`suggest`
run one by one; a killed run resumed gives the same database.

Sizes: the 2,000-person province is audited (both engines); suggest runs on
a 160-person province (both engines; persons plan in ~30 ms each)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.batch.run import Options, run_batch
from planner.batch.store import content, persons_written
from planner.cli import main
from tests.province import write_province

TODAY = dt.date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    root = tmp_path_factory.mktemp("province")
    write_province(root, persons=2000, units=20, cities=4, seed=7, bad_every=400)
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    write_province(root, persons=160, units=4, cities=2, seed=11, bad_every=80)
    return root


def _run(kind, data, out, **kw):
    return run_batch(Options(kind=kind, data=data, out=out, today=TODAY, **kw))


@pytest.fixture(scope="module")
def audited(province, tmp_path_factory):
    out = tmp_path_factory.mktemp("db") / "audit-pool.sqlite"
    summary = _run("audit", province, out, workers=2)
    return out, summary


@pytest.fixture(scope="module")
def suggested(small, tmp_path_factory):
    out = tmp_path_factory.mktemp("db") / "suggest-pool.sqlite"
    summary = _run("suggest", small, out, workers=2, chunk=10)
    return out, summary


def test_audit_of_2000_persons_has_one_row_each_and_bad_files_as_errors(audited):
    out, summary = audited
    assert (summary.persons, summary.computed, summary.errors) == (2000, 2000, 5)
    db = sqlite3.connect(out)
    assert db.execute("SELECT COUNT(*) FROM persons").fetchone()[0] == 2000
    errors = db.execute("SELECT file, person, status, error FROM persons WHERE error IS NOT NULL ORDER BY file").fetchall()
    assert [e[1] for e in errors] == ["P00399", "P00799", "P01199", "P01599", "P01999"]
    assert all(e[2] == "error" and e[3].startswith("人员文件有误: ") and "field 'venue'" in e[3] for e in errors)
    # 4 targets per person: the year's three and the cycle
    assert db.execute("SELECT COUNT(*) FROM targets").fetchone()[0] == 4 * 1995
    assert db.execute("SELECT COUNT(DISTINCT workspace) FROM persons").fetchone()[0] == 4


def test_dask_local_cluster_gives_the_same_database(province, small, audited, suggested, tmp_path):
    pytest.importorskip("dask.distributed")
    _run("audit", province, tmp_path / "audit-dask.sqlite", workers=2, engine="dask", chunk=300)
    assert content(tmp_path / "audit-dask.sqlite") == content(audited[0])
    _run("suggest", small, tmp_path / "suggest-dask.sqlite", workers=2, engine="dask", chunk=7)
    assert content(tmp_path / "suggest-dask.sqlite") == content(suggested[0])


def _alone(src: Path, tmp: Path) -> Path:
    """A workspace holding only this person file."""
    ws = tmp / src.stem
    (ws / "people").mkdir(parents=True)
    shutil.copy(src, ws / "people" / src.name)
    return ws


def _cli(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


SAMPLE = ["city00/people/P00000.yaml", "city00/people/P00013.yaml", "city00/people/P00042.yaml",
          "city01/people/P00101.yaml", "city01/people/P00137.yaml", "city01/people/P00158.yaml"]


def test_suggest_rows_match_planner_suggest_one_by_one(small, suggested, tmp_path):
    db = sqlite3.connect(suggested[0])
    for file in SAMPLE:
        pid = Path(file).stem
        ws = _alone(small / file, tmp_path)
        got = json.loads(_cli("suggest", "--person", pid, "--data", str(ws), "--today", TODAY.isoformat(),
                              "--format", "json").output)
        row = db.execute("SELECT status, met, effort_hours, fee FROM persons WHERE file = ?", (file,)).fetchone()
        assert row == (got["status"], int(got["status"] in ("optimal", "feasible")), got["effort_hours"], got["fee"])
        items = db.execute("SELECT offering, year, route, hours FROM items WHERE file = ? ORDER BY offering",
                           (file,)).fetchall()
        assert items == sorted((s["id"], s["year"], s["route"], s["hours"]) for s in got["selected"])
        for year, standing in got["projection"].items():
            for key in ("professional", "general", "total"):
                value = db.execute("SELECT value FROM targets WHERE file = ? AND period = ? AND target = ?",
                                   (file, year, key)).fetchone()[0]
                assert value == standing[key]
        for cycle in (c for c in got["cycles"] if c["target"]):
            value = db.execute("SELECT value FROM targets WHERE file = ? AND period = ? AND target = 'cycle'",
                               (file, f"{cycle['start']}-{cycle['end']}")).fetchone()[0]
            assert value == cycle["b_hours"]


def test_audit_rows_match_planner_audit_one_by_one(province, audited, tmp_path):
    db = sqlite3.connect(audited[0])
    for file in ["city00/people/P00003.yaml", "city01/people/P00611.yaml", "city03/people/P01900.yaml"]:
        pid = Path(file).stem
        ws = _alone(province / file, tmp_path)
        got = json.loads(_cli("audit", "--person", pid, "--data", str(ws), "--today", TODAY.isoformat(),
                              "--format", "json").output)
        year = got["years"]["2026"]
        rows = dict(((t, (v, s)) for t, v, s in db.execute(
            "SELECT target, value, shortfall FROM targets WHERE file = ? AND period = '2026'", (file,))))
        assert rows == {k: (year[k], year["shortfall"][k]) for k in ("professional", "general", "total")}
        cycle = next(c for c in got["cycles"] if c["start"] <= 2026 <= c["end"])
        assert db.execute("SELECT value FROM targets WHERE file = ? AND target = 'cycle'", (file,)).fetchone()[0] \
            == cycle["b_hours"]
        met = db.execute("SELECT met FROM persons WHERE file = ?", (file,)).fetchone()[0]
        assert met == int(year["met"] and cycle["met"])


def test_a_bad_file_is_the_error_planner_audit_gives(province, audited, tmp_path):
    file = "city00/people/P00399.yaml"
    ws = _alone(province / file, tmp_path)
    result = CliRunner().invoke(main, ["audit", "--person", "P00399", "--data", str(ws), "--today", "2026-11-27",
                                       "--lang", "en"])
    assert result.exit_code == 2
    error = sqlite3.connect(audited[0]).execute("SELECT error FROM persons WHERE file = ?", (file,)).fetchone()[0]
    assert error.split(": ", 2)[-1].split("field 'venue': ")[-1] in result.output



def test_a_killed_run_resumed_gives_the_same_database(small, suggested, tmp_path):
    out = tmp_path / "killed.sqlite"
    args = [sys.executable, "-m", "planner", "batch", "suggest", "--data", str(small), "--out", str(out),
            "--today", TODAY.isoformat(), "--workers", "2", "--chunk", "5", "--quiet"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while persons_written(out) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = persons_written(out)
    assert 40 <= killed_at < 160, "the run was not killed half way"
    resumed = subprocess.run(args[:-1] + ["--resume"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    computed = int(resumed.stderr.split("本次计算 ")[1].split(" 人")[0])
    assert computed == 160 - killed_at
    assert content(out) == content(suggested[0])


def test_report_counts_demand_and_compliance_from_the_rows(suggested, tmp_path):
    from openpyxl import load_workbook
    from planner.batch.report import province
    data = province(suggested[0])
    db = sqlite3.connect(suggested[0])
    wanted = dict(db.execute("SELECT offering, COUNT(*) FROM items GROUP BY offering").fetchall())
    for d in data["demand"]:
        assert d["wanted"] == wanted.get(d["offering"], 0)
        if d["seats"] is not None:
            assert d["over"] - (d["under"] or 0) == d["wanted"] - d["seats"]
    met = db.execute("SELECT COUNT(*) FROM persons WHERE met = 1").fetchone()[0]
    assert sum(r["met"] for r in data["by_city"]) == sum(r["met"] for r in data["by_unit"]) == met
    assert sum(r["persons"] for r in data["by_department"]) == 158      # 160 less the 2 bad files
    for lang in ("zh", "en"):
        html, xlsx = tmp_path / f"p.{lang}.html", tmp_path / f"p.{lang}.xlsx"
        result = _cli("batch", "report", str(suggested[0]), "--out", str(html), "--out", str(xlsx), "--lang", lang)
        assert result.exit_code == 0, result.output
        text = html.read_text(encoding="utf-8")
        assert ("培训需求与名额" if lang == "zh" else "Demand against seats") in text
        assert "@page { size: A4" in text
        first = xlsx.read_bytes()
        _cli("batch", "report", str(suggested[0]), "--out", str(xlsx), "--lang", lang)
        assert xlsx.read_bytes() == first
    assert len(load_workbook(tmp_path / "p.en.xlsx").sheetnames) >= 6


def test_report_of_a_file_that_is_not_a_results_database_is_bad_input(tmp_path):
    bad = tmp_path / "x.sqlite"
    bad.write_text("not a database")
    result = CliRunner().invoke(main, ["batch", "report", str(bad), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "x.sqlite" in result.output


def test_an_existing_dask_scheduler_runs_the_same_tasks(small, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    _run("audit", small, tmp_path / "pool.sqlite", workers=1)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    try:
        _run("audit", small, tmp_path / "remote.sqlite", workers=1, engine="dask",
             scheduler=cluster.scheduler_address)
    finally:
        cluster.close()
    assert content(tmp_path / "remote.sqlite") == content(tmp_path / "pool.sqlite")


def test_progress_is_a_line_a_minute_when_not_on_a_terminal():
    import io
    from planner.batch.progress import Progress
    stream = io.StringIO()
    with Progress("计算中", stream=stream, every=0.0, line="{label}：已完成 {done} 人") as progress:
        progress.advance(250)
        progress.advance(250)
    assert stream.getvalue().splitlines() == ["计算中：已完成 250 人", "计算中：已完成 500 人"]
    quiet = io.StringIO()
    with Progress("x", quiet=True, stream=quiet, every=0.0) as progress:
        progress.advance(1)
    assert quiet.getvalue() == ""


def test_resume_refuses_other_flags_and_bad_out_is_exit_2(small, suggested, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copy(suggested[0], copy)
    result = CliRunner().invoke(main, ["batch", "suggest", "--data", str(small), "--out", str(copy), "--today",
                                       "2026-11-27", "--resume", "--work", "5", "--quiet"])
    assert result.exit_code == 2 and "--resume" in result.output
    result = CliRunner().invoke(main, ["batch", "audit", "--data", str(small), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "sqlite" in result.output
