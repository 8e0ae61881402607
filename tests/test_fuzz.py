"""Fuzzing every file a user writes and the command line (issue 10).

Hypothesis mutates valid person, catalogue, unit and policy files (a value
replaced by one of the values that broke earlier versions, a line dropped or
doubled, a character inserted, the text cut short) and the command's flags.
Every run must end with exit 0 or 2, never a traceback, never a hang (a
per-run alarm), and a refusal must name the file or the flag it is about.
Derandomized (the same examples every run) and bounded (about 200 runs).
"""
from __future__ import annotations

import itertools
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.resources import policies_dir

PER_RUN = 30                     # seconds: a run longer than this is a hang

PERSON = """\
id: p1
name: 张三
unit: U1
department: 测绘科
specialty: surveying
budget_per_year: 3000
blackout:
  - {start: 2027-06-01, end: 2027-06-30}
records:
  - {route: A, year: 2026, title: 测绘新技术, hours: 12, platform: zjce}
  - {route: G, year: 2026, title: 公需课, hours: 18}
  - {route: B1, date: 2025-05-20, title: 高研班, level: national}
  - {route: B2, date: 2026-04-03, days: 3, title: 专项培训, organizer: ministry}
  - {route: B3, date: 2026-09-09, days: 1, title: 学术年会, kind: conference, society: surveying}
  - {route: C3, year: 2026, level: municipal, rank: 2, title: 课题}
  - {route: C5, year: 2026, venue: book, characters: 120000, rank: 1, title: 著作}
  - {route: C6, year: 2026, subjects: 2, title: 注册测绘师考试, evidence: "2026001"}
"""

CATALOG = """\
offerings:
  - {id: A-2027-001, route: A, title: 实景三维, hours: 12, platform: zjce, year: 2027, fee: 60, effort_hours: 9}
  - {id: G-2027-001, route: G, title: 数字化改革, hours: 20, year: 2027, fee: 0}
  - {id: A-2027-002, route: A, title: 测绘法规, hours: 40, platform: zjce, year: 2027, fee: 0}
  - {id: B3-2027-01, route: B3, title: 测绘新技术培训, kind: training, society: surveying,
     start: 2027-04-12, end: 2027-04-14, fee: 1200, seats: 80}
  - {id: C1-2027-01, route: C1, title: 讲座, date: 2027-05-10, days: 2, fee: 0, seats: 0}
"""

UNIT = """\
id: U1
name: 某局
max_away_share: 0.3
budget: 20000
departments: [测绘科]
unit_trainings:
  - {id: U1-T1, title: 讲座, date: 2027-03-15, days: 1, cost: 3000, seats: 60}
  - {id: U1-T2, title: 培训, start: 2027-09-01, end: 2027-09-02, cost: 500}
"""

POLICY = next(policies_dir().glob("*.yaml")).read_text(encoding="utf-8")

# values that broke earlier versions, or could
NASTY = [
    "1e308", "1e999998", "-1e308", ".inf", "-.inf", ".nan", "9" * 5000, "-1", "0", "-0.0", "0.05", "1.25",
    "99999999999", "2147483648", "true", "null", "~", "''", '""', "[]", "{}", "[[[[[[[[]]]]]]]]",
    "[" * 300 + "]" * 300, "2026-02-30", "0001-01-01", "9999-12-31", "2026-01-01T25:00:00", "1e3",
    "x" * 70000, "测绘", "Z9", "&a", "*a", "!!binary aGVsbG8=", "!!python/object:os.system", "'\\x00'",
    "\"\\u0000\"", "2026-04-03 ", "1_000", "0x1F", "0o17", "+12", "12.", ".5", "1:30", "<<: {a: 1}",
]
# good values in unusual places: they reach the credits, the plans and the renderers
GOOD = [
    "0.5", "1", "36", "999", "1000", "366", "1000000", "2021-01-01", "2027-12-31", "2100-12-31", "2000-01-01",
    "2027", "core", "ministry", "blasting", "mining", "U1", "p1", "A-2027-001", "U1-T1",
]
CHARS = ["\x00", "\t", "{", "}", "[", "]", ":", ",", "#", "'", '"', "&", "*", "!", "|", ">", "\ufeff", "\u2028",
         "\n  ", "\n- ", "%", "@", "`", "\\", "\r"]
VALUE = re.compile(r"(?<=: )[^,\]\}\n\[{]+")


def mutate(text: str, kind: str, where: int, value: str, char: str) -> str:
    lines = text.splitlines(keepends=True)
    if kind == "value":
        spots = list(VALUE.finditer(text))
        spot = spots[where % len(spots)]
        return text[:spot.start()] + value + text[spot.end():]
    if kind == "drop":
        del lines[where % len(lines)]
        return "".join(lines)
    if kind == "double":
        k = where % len(lines)
        return "".join(lines[:k + 1] + lines[k:])
    if kind == "char":
        k = where % (len(text) + 1)
        return text[:k] + char + text[k:]
    return text[:where % (len(text) + 1)]                     # cut short


mutations = st.tuples(st.sampled_from(["value", "value", "value", "drop", "double", "char", "cut"]),
                      st.integers(0, 10 ** 6), st.one_of(st.sampled_from(NASTY), st.sampled_from(GOOD)),
                      st.sampled_from(CHARS))

FUZZ = settings(derandomize=True, deadline=None, database=None, print_blob=False,
                phases=[Phase.explicit, Phase.generate],        # no shrinking: bounded even when failing
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


class Hang(Exception):
    pass


@contextmanager
def alarm(seconds: int):
    def ring(signum, frame):
        raise Hang(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args) -> tuple[int, str]:
    """The CLI in-process; an unexpected exception, a traceback or a hang fails the example."""
    with alarm(PER_RUN):
        result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {type(result.exception).__name__}: {result.exception}") from result.exception
    assert result.exit_code in (0, 2), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.stderr


FRESH = itertools.count()


def workspace(base: Path, person=PERSON, unit=UNIT, catalog=CATALOG) -> tuple[Path, Path]:
    """A new folder per example: no cache keyed by path and time can serve an earlier one."""
    root = base / f"w{next(FRESH)}"
    (root / "people").mkdir(parents=True)
    (root / "units").mkdir(exist_ok=True)
    (root / "people" / "p1.yaml").write_text(person, encoding="utf-8", newline="")
    (root / "units" / "U1.yaml").write_text(unit, encoding="utf-8", newline="")
    cat = root / "catalog.yaml"
    cat.write_text(catalog, encoding="utf-8", newline="")
    return root, cat


def names_a_place(err: str, *places) -> bool:
    return any(str(p) in err for p in places)


@pytest.fixture
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def test_the_seed_files_are_good(root):
    ws, cat = workspace(root)
    assert run("audit", "--person", "p1", "--data", ws, "--catalog", cat, "--today", "2026-11-27")[0] == 0
    assert run("suggest", "--person", "p1", "--data", ws, "--catalog", cat, "--today", "2026-11-27",
               "--year", "2027", "--time-limit", "5")[0] == 0
    assert run("unit", "--unit", "U1", "--year", "2027", "--data", ws, "--catalog", cat,
               "--today", "2026-11-27", "--time-limit", "5")[0] == 0


@settings(FUZZ, max_examples=70)
@given(change=mutations)
def test_fuzzed_person_file(root, change):
    ws, cat = workspace(root, person=mutate(PERSON, *change))
    code, err = run("audit", "--person", "p1", "--data", ws, "--catalog", cat, "--today", "2026-11-27")
    if code == 2:
        assert names_a_place(err, ws / "people" / "p1.yaml", ws), err


@settings(FUZZ, max_examples=25)
@given(change=mutations)
def test_fuzzed_catalogue_file(root, change):
    ws, cat = workspace(root, catalog=mutate(CATALOG, *change))
    code, err = run("suggest", "--person", "p1", "--data", ws, "--catalog", cat, "--today", "2026-11-27",
                    "--year", "2027", "--time-limit", "3")
    if code == 2:
        assert names_a_place(err, cat), err


@settings(FUZZ, max_examples=12)
@given(change=mutations)
def test_fuzzed_unit_file(root, change):
    ws, cat = workspace(root, unit=mutate(UNIT, *change))
    code, err = run("unit", "--unit", "U1", "--year", "2027", "--data", ws, "--catalog", cat,
                    "--today", "2026-11-27", "--time-limit", "3")
    if code == 2:
        assert names_a_place(err, ws / "units" / "U1.yaml", ws, "--unit"), err


@settings(FUZZ, max_examples=50)
@given(change=mutations)
def test_fuzzed_policy_file(root, change):
    ws, cat = workspace(root)
    policy = ws / "policy.yaml"
    policy.write_text(mutate(POLICY, *change), encoding="utf-8", newline="")
    code, err = run("audit", "--person", "p1", "--data", ws, "--catalog", cat, "--policy", policy,
                    "--today", "2026-11-27")
    if code == 2:
        assert names_a_place(err, policy, ws), err


FLAG_VALUES = NASTY[:30] + GOOD + ["2021", "1999", "2101", "5", "demo", "--", "-x"]


@settings(FUZZ, max_examples=40)
@given(command=st.sampled_from(["audit", "suggest", "catalog", "people", "credit"]),
       flag=st.sampled_from(["--year", "--through", "--today", "--time-limit", "--person", "--format",
                             "--lang", "--route", "--days", "--rank", "--venue", "--hours", "--require"]),
       value=st.sampled_from(FLAG_VALUES))
def test_fuzzed_command_line(root, command, flag, value):
    ws, cat = workspace(root)
    head = {"audit": ["--person", "p1"], "suggest": ["--person", "p1", "--time-limit", "3"],
            "catalog": [], "people": [], "credit": ["C5"]}[command]
    code, err = run(command, *head, "--data", ws, "--catalog", cat, "--today", "2026-11-27", flag, value)
    if code == 2:
        assert err.strip(), "a refusal says why"
