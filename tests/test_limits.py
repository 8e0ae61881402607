"""Unbreakable on the files people really have (issue 10): every case of the
fuzzing report, kept as a regression test. Each ends with exit 2 and one line
naming the file (and, where there is one, the line, record and field);
never a traceback, never exit 1, never a hang."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.resources import policies_dir

HEAD = "id: p1\nname: 张三\nspecialty: surveying\nrecords:\n"
REPO = Path(__file__).resolve().parents[1]
POLICY = next(policies_dir().glob("*.yaml")).read_text(encoding="utf-8")


def run_audit(cli, root):
    return cli("audit", "--person", "p1", "--data", root, "--today", "2026-11-27", "--lang", "en")


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# ---------------------------------------------------------------- person files

PERSON_CASES = [
    # a repeated key: the last would silently win
    (HEAD + "  - {route: G, year: 2026, hours: 18, title: a}\nrecords:\n  - {route: G, year: 2026, hours: 1, title: b}\n",
     "people/p1.yaml, line 6: the key `records` is given twice (lines 4 and 6); keep one"),
    ("id: p1\nname: 张三\nspecialty: surveying\nspecialty: mining\n",
     "people/p1.yaml, line 4: the key `specialty` is given twice (lines 3 and 4); keep one"),
    (HEAD + "  - {route: G, year: 2026, hours: 1, hours: 2, title: a}\n",
     "people/p1.yaml, line 5: the key `hours` is given twice (lines 5 and 5); keep one"),
    # nesting 2,000 deep, flow and block
    (HEAD + "  - " + nested(2000) + "\n", "people/p1.yaml, line 5: nested more than 24 levels deep"),
    (HEAD + "".join("  " * (i + 1) + "-\n" for i in range(2000)),
     "people/p1.yaml, line 28: nested more than 24 levels deep"),
    # an integer of 5,000 digits
    (HEAD + "  - {route: G, year: 2026, hours: " + "9" * 5000 + ", title: a}\n",
     "people/p1.yaml, line 5: the number 99999999999999999999... has 5000 digits, more than any figure here (40 at most)"),
    # huge and non-finite numbers
    (HEAD + "  - {route: G, year: 2026, hours: 1e308, title: a}\n",
     "record 1 (a): field 'hours': 1e308 is more than 1,000, the most that makes sense here"),
    (HEAD + "  - {route: G, year: 2026, hours: 1.0e+308, title: a}\n",
     "record 1 (a): field 'hours': 1e+308 is more than 1,000, the most that makes sense here"),
    (HEAD + "  - {route: G, year: 2026, hours: 1e999998, title: a}\n",
     "record 1 (a): field 'hours': 1e999998 is more than 1,000, the most that makes sense here"),
    (HEAD + "  - {route: G, year: 2026, hours: .inf, title: a}\n",
     "record 1 (a): field 'hours': expected a number, got 'inf'"),
    (HEAD + "  - {route: G, year: 2026, hours: .nan, title: a}\n",
     "record 1 (a): field 'hours': expected a number, got 'nan'"),
    (HEAD + "  - {route: G, year: 2026, hours: 1001, title: a}\n",
     "record 1 (a): field 'hours': 1001 is more than 1,000, the most that makes sense here"),
    (HEAD + "  - {route: C1, year: 2026, days: 400, title: a}\n",
     "record 1 (a): field 'days': 400 is more than 366, the most that makes sense here"),
    (HEAD + "  - {route: C4, year: 2026, kind: invention, rank: 100000, title: a}\n",
     "record 1 (a): field 'rank': must be at most 10000, got 100000"),
    # out-of-range dates and timestamps
    (HEAD + "  - {route: G, date: 99999-01-01, hours: 1, title: a}\n",
     "record 1 (a): field 'date': not a valid date (write YYYY-MM-DD), got '99999-01-01'"),
    (HEAD + "  - {route: G, date: 2026-01-01T99:00:00, hours: 1, title: a}\n",
     "record 1 (a): field 'date': not a valid date (write YYYY-MM-DD), got '2026-01-01T99:00:00'"),
    (HEAD + "  - {route: C1, date: 0001-01-01, days: 3, title: a}\n",
     "record 1 (a): field 'date': 0001-01-01 is outside the years 2000-2100"),
    (HEAD + "  - {route: G, year: 99999999999, hours: 1, title: a}\n",
     "record 1 (a): field 'year': must be at most 2100, got 99999999999"),
    (HEAD + "  - {route: G, year: 1999, hours: 1, title: a}\n",
     "record 1 (a): field 'year': must be at least 2000, got 1999"),
    ("id: p1\nname: 张三\nspecialty: surveying\nblackout: [{start: 2026-01-01, end: 9999-12-31}]\n",
     "people/p1.yaml, line 4: field 'blackout[0].end': 9999-12-31 is outside the years 2000-2100"),
    ("id: p1\nname: 张三\nspecialty: surveying\nbudget_per_year: -1\n",
     "people/p1.yaml, line 4: field 'budget_per_year': must not be negative, got -1"),
]


@pytest.mark.parametrize("text,expected", PERSON_CASES)
def test_bad_person_file(cli, tmp_path, text, expected):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "people" / "p1.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_audit(cli, root)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert expected in err
    assert f"{root}/people/p1.yaml" in err


# ---------------------------------------------------------------- policy files

POLICY_CASES = [
    (("      - field: platform\n", "      - field: platfrom\n"),
     "field 'routes.A.eligibility[0].field': route A names the field `platfrom`, which no record has"),
    (("    fields: {platform: [zjce, blasting]}", "    fields: {platfom: [zjce, blasting]}"),
     "field 'routes.A.fields.platfom': route A names the field `platfom`, which no record has"),
    (("  length: 3\n", "  length: 1000000000\n"), "field 'cycle.length': must be at most 10, got 1000000000"),
    (("rank_shares: [100, 80, 60]", "rank_shares: [1000]"), "field 'rank_shares[0]': must be at most 100, got 1000"),
    (("rank_shares: [100, 80, 60]", "rank_shares: [100, -80]"), "field 'rank_shares[1]': must be at least 0, got -80"),
    (("    cap: 36\n", "    cap: -36\n"), "field 'routes.B1.cap': must not be negative, got -36"),
    (("  per_listed_hour: 0.75 ", "  per_listed_hour: .nan "),
     "field 'effort.per_listed_hour': expected a finite number, got nan"),
    (("  per_listed_hour: 0.75 ", "  per_listed_hour: -1 "),
     "field 'effort.per_listed_hour': must be at least 0.0, got -1"),
    (("  hours: 36\n  classes: [B]", "  hours: -36\n  classes: [B]"), "field 'cycle.hours': must not be negative, got -36"),
]


@pytest.mark.parametrize("change,expected", POLICY_CASES)
def test_bad_policy_file(cli, tmp_path, change, expected):
    old, new = change
    assert old in POLICY
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace(old, new, 1), encoding="utf-8")
    text = POLICY.replace(old, new, 1)
    line = text[:text.index(new)].count("\n") + 1 + new[:len(new) - len(new.lstrip("\n"))].count("\n")
    code, out, err = cli("audit", "--person", "demo", "--policy", path, "--today", "2026-11-27", "--lang", "en")
    assert code == 2, err
    assert err == f"error: {path}, line {line}: {expected}\n"


# ---------------------------------------------------------------- what is not a regular file

def _run(*args, timeout=60):
    """The CLI in a subprocess, so that a hang is a failed test, not a stuck suite."""
    proc = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("flag", ["--policy", "--catalog"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom", "folder"])
def test_a_fifo_or_device_is_refused_not_waited_on(tmp_path, flag, kind):
    if kind == "fifo":
        path = tmp_path / "input.yaml"
        os.mkfifo(path)
    elif kind == "folder":
        if flag == "--catalog":
            pytest.skip("a catalogue may be a folder")
        path = tmp_path
    else:
        path = Path(kind)
    code, out, err = _run("suggest", "--person", "demo", flag, path, "--today", "2026-11-27", "--lang", "en", timeout=30)
    assert code == 2, err
    assert err.startswith(f"error: {path}: ") and "Traceback" not in err


def test_a_fifo_person_file_is_refused(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    os.mkfifo(root / "people" / "p1.yaml")
    code, out, err = _run("audit", "--person", "p1", "--data", root, "--lang", "en", timeout=30)
    # a FIFO is not a person file: it is skipped, and the person is unknown
    assert code == 2 and "unknown person 'p1'" in err


def _chain(top: Path, depth: int, make: bool) -> None:
    """Make (or remove) top/d/d/... `depth` deep, relative to each folder's
    descriptor: no path too long, no recursion (shutil.rmtree would recurse)."""
    fds = [os.open(top, os.O_RDONLY)]
    try:
        for _ in range(depth):
            if make:
                os.mkdir("d", dir_fd=fds[-1])
            try:
                fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
            except FileNotFoundError:
                break
        if not make:
            while len(fds) > 1:
                os.close(fds.pop())
                os.rmdir("d", dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)


def test_a_people_folder_1200_deep(cli, tmp_path):
    root = tmp_path / "ws"
    here = root / "people"
    here.mkdir(parents=True)
    _chain(here, 1200, make=True)
    try:
        code, out, err = cli("people", "--data", root, "--lang", "en")
    finally:
        _chain(here, 1200, make=False)
    assert code == 2
    assert f"error: {root}/people/d/d/d/d/d/d/d/d/d: folders nested more than 8 deep under {root}/people" in err


def test_a_file_too_big_is_refused_before_it_is_read(cli, tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    path = root / "people" / "p1.yaml"
    with open(path, "wb") as fh:
        fh.truncate(17 * 1024 * 1024)           # sparse: no disk used
    code, out, err = run_audit(cli, root)
    assert code == 2
    assert f"error: {path}: the file has 17,825,792 bytes, more than the limit of 16,777,216" in err


# ---------------------------------------------------------------- unit files

UNIT_HEAD = "id: U1\nname: 单位\nbudget: 1000\nunit_trainings:\n"


@pytest.mark.parametrize("training,expected", [
    ("{id: T1, title: a, start: 2027-03-15, end: 2027-03-10, cost: 100}",
     "field 'end': end 2027-03-10 is before start 2027-03-15"),
    ("{id: T1, title: a, cost: 100}", "field 'date': a unit training needs a `date` (or `start`/`end`)"),
    ("{id: T1, title: a, date: 2027-03-15, route: Z9}",
     "field 'route': unknown route 'Z9' (expected A | B1 | B2 | B3 | B4 | C1 | C2 | C3 | C4 | C5 | C6 | C7 | G)"),
    ("{id: T1, title: a, date: 2027-03-15, route: A}", "field 'hours': route A needs `hours`"),
    ("{id: T1, title: a, date: 2027-03-15, cost: -5}", "field 'cost': must not be negative, got -5"),
    ("{id: T1, title: a, date: 2027-03-15, cost: 1e12}", "field 'cost': 1e12 is more than 10,000,000, the most that makes sense here"),
    ("{id: T1, title: a, start: 2027-03-15, end: 2027-03-15, days: 3}",
     "field 'days': days 3 is more than the 1 calendar days from 2027-03-15 to 2027-03-15"),
    ("{id: T1, title: a, date: 2027-03-15, seats: -1}", "field 'seats': must be at least 0, got -1"),
    ("{id: T1, title: a, date: 2227-03-15}", "field 'date': 2227-03-15 is outside the years 2000-2100"),
])
def test_bad_unit_training(cli, tmp_path, training, expected):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "units").mkdir()
    (root / "people" / "p1.yaml").write_text("id: p1\nname: 张三\nspecialty: surveying\nunit: U1\n", encoding="utf-8")
    (root / "units" / "U1.yaml").write_text(UNIT_HEAD + f"  - {training}\n", encoding="utf-8")
    code, out, err = cli("unit", "--unit", "U1", "--year", "2027", "--data", root, "--today", "2026-11-27", "--lang", "en")
    assert code == 2, err
    assert err == f"error: {root}/units/U1.yaml, line 5: unit training 1 (a): {expected}\n"


@pytest.mark.parametrize("unit,expected", [
    ("id: U1\nname: 单位\nmax_away_share: .nan\n", "field 'max_away_share': expected a finite number, got nan"),
    ("id: U1\nname: 单位\nmax_away_share: 1.5\n", "field 'max_away_share': must be at most 1.0, got 1.5"),
    ("id: U1\nname: 单位\nbudget: -200\n", "field 'budget': must not be negative, got -200"),
])
def test_bad_unit_values(cli, tmp_path, unit, expected):
    root = tmp_path / "ws"
    (root / "units").mkdir(parents=True)
    (root / "units" / "U1.yaml").write_text(unit, encoding="utf-8")
    code, out, err = cli("people", "--data", root, "--lang", "en")
    assert code == 2, err
    assert err == f"error: {root}/units/U1.yaml, line 3: {expected}\n"


# ---------------------------------------------------------------- the command line

@pytest.mark.parametrize("args,expected", [
    (("suggest", "--person", "demo", "--time-limit", "nan"), "'--time-limit': nan is not a number above 0"),
    (("suggest", "--person", "demo", "--time-limit", "inf"), "'--time-limit': inf is not a number above 0"),
    (("suggest", "--person", "demo", "--time-limit", "-1"), "'--time-limit': -1 is not a number above 0"),
    (("suggest", "--person", "demo", "--through", "100000"), "'--through': 100000 is not in the range 2000<=x<=2100"),
    (("suggest", "--person", "demo", "--through", "2060"), "--through 2060: a plan covers at most 30 years from 2026"),
    (("suggest", "--person", "demo", "--year", "99999"), "'--year': 99999 is not in the range 2000<=x<=2100"),
    (("audit", "--person", "demo", "--today", "9999-01-01"), "'--today': 9999-01-01 is outside the years 2000-2100"),
    (("unit", "--unit", "U-HZ", "--time-limit", "nan"), "'--time-limit': nan is not a number above 0"),
    (("unit", "--unit", "U-HZ", "--work", "nan"), "'--work': nan is not a number above 0"),
    (("unit", "--unit", "U-HZ", "--seed", "99999999999"), "'--seed': 99999999999 is not in the range"),
    (("batch", "suggest", "--data", ".", "--out", "r.sqlite", "--time-limit", "nan"),
     "'--time-limit': nan is not a number above 0"),
    (("batch", "suggest", "--data", ".", "--out", "r.sqlite", "--workers", "99999"),
     "'--workers': 99999 is not in the range 1<=x<=256"),
    (("serve", "--port", "99999999"), "'--port': 99999999 is not in the range 0<=x<=65535"),
])
def test_bad_command_line_values(cli, args, expected):
    today = () if "--today" in args or args[0] == "serve" else ("--today", "2026-11-27")
    code, out, err = cli(*args, *today, "--lang", "en")
    assert code == 2, err
    assert expected in err and "Traceback" not in err


def test_a_search_cut_by_the_time_limit_is_never_called_infeasible():
    from planner.unit.assemble import status_of
    assert status_of(False, 0, 3, cut=True) == "unknown"
    assert status_of(False, 0, 3, cut=False) == "infeasible"
    assert status_of(False, 1, 3, cut=True) == "short"
    assert status_of(False, 3, 3, cut=True) == "feasible"


def test_sums_that_could_overflow_the_solver_are_bad_input():
    from planner.errors import PlannerError
    from planner.limits import SOLVER_SAFE, solver_safe
    assert solver_safe([10 ** 8] * 1000, "fees") == 10 ** 11       # a thousand offerings at the fee ceiling
    with pytest.raises(PlannerError) as info:
        solver_safe([SOLVER_SAFE // 2, SOLVER_SAFE // 2], "budget 2027 fees")
    assert str(info.value) == "budget 2027 fees: the figures together are too large to plan with exactly"


def test_every_figure_at_its_limit_plans_and_renders(cli, tmp_path):
    """The largest figures the limits allow reach the solver, the charts (svg)
    and the calendar (ics) without an overflow."""
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "people" / "p1.yaml").write_text(
        "id: p1\nname: 张三\nspecialty: surveying\nbudget_per_year: 100000000\nrecords:\n"
        "  - {route: A, year: 2027, title: a, hours: 1000, platform: zjce}\n"
        "  - {route: G, date: 2100-12-31, days: 366, title: g, hours: 1000}\n"
        "  - {route: C5, year: 2027, venue: book, characters: 100000000, rank: 10000, title: b}\n"
        "  - {route: C1, date: 2027-01-02, days: 366, title: c}\n", encoding="utf-8")
    catalog = tmp_path / "cat.yaml"
    catalog.write_text(
        "offerings:\n"
        "  - {id: A-1, route: A, title: a, hours: 1000, platform: zjce, year: 2027, fee: 1000000, effort_hours: 10000}\n"
        "  - {id: B2-1, route: B2, title: b, organizer: ministry, date: 2027-12-31, days: 366, fee: 1000000,"
        " effort_hours: 10000, seats: 1000000}\n"
        "  - {id: G-1, route: G, title: g, hours: 1000, year: 2027, fee: 1000000, effort_hours: 10000}\n",
        encoding="utf-8")
    for fmt in ("json", "html", "ics"):
        code, out, err = cli("suggest", "--person", "p1", "--data", root, "--catalog", catalog, "--today", "2026-01-01",
                             "--year", "2027", "--format", fmt)
        assert code == 0, err
    code, out, err = cli("audit", "--person", "p1", "--data", root, "--today", "2026-01-01", "--format", "html")
    assert code == 0, err


@pytest.mark.parametrize("args", [
    ("audit", "--person", "demo", "--data", "{long}"),
    ("suggest", "--person", "demo", "--catalog", "{long}/x.yaml"),
    ("audit", "--person", "demo", "--policy", "{long}"),
    ("record", "add", "--person", "p1", "--route", "G", "--title", "x", "--year", "2026", "--hours", "1",
     "--data", "{long}"),
])
def test_a_path_too_long_is_named(cli, tmp_path, args):
    long = str(tmp_path / ("y" * 300))
    code, out, err = cli(*[a.format(long=long) for a in args], "--today", "2026-11-27", "--lang", "en")
    assert code == 2, err
    assert err.startswith(f"error: {long}") and err.endswith(": the file name is too long\n")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_render_of_a_fifo_or_device_is_refused_not_waited_on(tmp_path, kind):
    """`planner render PLAN.json` reads its plan as every input is read
    (yamlio.read_text): a FIFO used to hang it, /dev/zero to fill memory."""
    if kind == "fifo":
        path = tmp_path / "plan.json"
        os.mkfifo(path)
    else:
        path = Path(kind)
    code, out, err = _run("render", path, "--out", tmp_path / "p.html", "--lang", "en", timeout=30)
    assert code == 2, err
    assert err.startswith(f"error: {path}: ") and "Traceback" not in err and not (tmp_path / "p.html").exists()
