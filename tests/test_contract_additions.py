"""docs/contract-additions.md is true: every flag it lists is in its command's
--help, every JSON key is in a real output of its command, every value is one
the code produces, every batch column is in the database."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from planner import registration, verdicts
from planner.batch.store import SCHEMA
from planner.unit import result as unit_result

from .bruteforce import catalog_yaml
from .conftest import offering
from .unitfixtures import online, session

DOC = Path(__file__).resolve().parent.parent / "docs" / "contract-additions.md"
TODAY = "2026-03-01"


def rows(section: str) -> list[list[str]]:
    """The table rows (cells, stripped) under `## section`."""
    text = DOC.read_text(encoding="utf-8")
    part = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    out = []
    for line in part.splitlines()[1:]:
        if line.startswith("| ") and not line.startswith("| key ") and not line.startswith("| flag ") \
                and not line.startswith("| column ") and not line.startswith("| where "):
            out.append([c.strip() for c in line.strip("|").split(" | ")])
    assert out, section
    return out


def code(cell: str) -> str:
    return re.match(r"`([^`]+)`", cell).group(1)


def resolve(node, tokens: list[str]) -> bool:
    if not tokens:
        return True
    tok, rest = tokens[0], tokens[1:]
    many = tok.endswith("[]")
    key = tok[:-2] if many else tok
    if key == "*":
        children = list(node.values()) if isinstance(node, dict) else []
    elif isinstance(node, dict) and key in node:
        children = [node[key]]
    else:
        return False
    if many:
        children = [e for c in children if isinstance(c, list) for e in c]
    return any(resolve(c, rest) for c in children)


def check_keys(section: str, outputs: list[dict]) -> None:
    missing = [code(r[0]) for r in rows(section)
               if not any(resolve(out, code(r[0]).split(".")) for out in outputs)]
    assert missing == []


# suggest: q cannot meet 2026 (a blasting-platform course, a full one); r can, with a pending seminar
PEOPLE = {
    "q": """\
id: q
name: 测绘员
unit: U-T
department: 测绘科
specialty: surveying
blackout:
  - {start: 2026-05-01, end: 2026-09-30}
records:
  - {route: A, date: 2026-01-20, title: 课件, hours: 40, platform: zjce}
  - {route: G, date: 2026-01-21, title: 公需, hours: 18}
  - {route: B1, date: 2025-05-20, title: 高研班, level: national}
""",
    "r": """\
id: r
name: 规划员
unit: U-T
department: 规划科
specialty: surveying
records:
  - {route: A, date: 2026-01-20, title: 课件, hours: 60, platform: zjce}
  - {route: G, date: 2026-01-21, title: 公需, hours: 18}
  - {route: B1, date: 2024-05-20, title: 高研班, level: national, status: pending}
""",
}
CATALOG = [offering(id="A-BLAST", route="A", year=2026, hours=40, platform="blasting", effort_hours=30),
           offering(id="A-FULL", route="A", year=2026, hours=40, platform="zjce", effort_hours=30, seats=0),
           offering(id="A-ON", route="A", year=2026, hours=12, platform="zjce", effort_hours=9, fee=50),
           offering(id="B2-1", route="B2", organizer="province", start="2026-05-11", end="2026-05-15"),
           offering(id="B2-2", route="B2", organizer="province", start="2026-09-14", end="2026-09-18")]
UNIT = """\
id: U-T
name: 测试单位
budget: 1000
unit_trainings:
  - {id: T1, title: 单位讲座, date: 2027-06-01, days: 1, cost: 100}
  - {id: T2, title: 贵讲座, date: 2027-06-02, days: 1, cost: 900}
"""
UNIT_PEOPLE = {f"P{k}": f"""\
id: P{k}
name: 员工{k}
unit: U-T
department: 测绘科
specialty: surveying
records:
  - {{route: A, year: 2027, title: 已学课件, hours: {65 if k else 20}, platform: zjce}}
  - {{route: G, year: 2027, title: 已学公需, hours: 21}}
""" for k in range(3)}
UNIT_CATALOG = [session("S1", "2027-03-01", 1, seats=1), online("X", 4, 2, fee=500, seats=1), online("Y", 4, 3)]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from click.testing import CliRunner

    from planner.cli import main
    runner = CliRunner()
    tmp = tmp_path_factory.mktemp("additions")

    def run(*args) -> dict:
        res = runner.invoke(main, [str(a) for a in args] + ["-q", "--format", "json"], catch_exceptions=False)
        assert res.exit_code == 0, res.stderr
        return json.loads(res.stdout)

    def workspace(name, people, units=None):
        root = tmp / name
        (root / "people").mkdir(parents=True)
        (root / "units").mkdir()
        for pid, text in people.items():
            (root / "people" / f"{pid}.yaml").write_text(text, encoding="utf-8")
        for uid, text in (units or {}).items():
            (root / "units" / f"{uid}.yaml").write_text(text, encoding="utf-8")
        return root

    ws = workspace("person", PEOPLE)
    cat = tmp / "cat.yaml"
    cat.write_text(catalog_yaml(CATALOG), encoding="utf-8")
    base = ("--data", ws, "--catalog", cat, "--today", TODAY, "--through", "2026")
    short = run("suggest", "--person", "q", *base)
    plain = run("suggest", "--person", "r", *base)
    prev = tmp / "prev.json"
    prev.write_text(json.dumps(plain), encoding="utf-8")
    living = run("suggest", "--person", "r", *base, "--since", prev, "--robust")
    uws = workspace("unit", UNIT_PEOPLE, {"U-T": UNIT})
    ucat = tmp / "ucat.yaml"
    ucat.write_text(catalog_yaml(UNIT_CATALOG), encoding="utf-8")
    ubase = ("--unit", "U-T", "--year", "2027", "--today", "2026-11-27", "--data", uws, "--catalog", ucat,
             "--work", "5")
    first = run("unit", *ubase)
    uprev = tmp / "uprev.json"
    earlier = json.loads(json.dumps(first))
    earlier["people"]["P1"]["selected"] = [{"id": "S1"}, {"id": "GONE"}]     # a plan made before
    uprev.write_text(json.dumps(earlier), encoding="utf-8")
    again = run("unit", *ubase, "--limit-values", "--since", uprev)
    insured = run("unit", *ubase, "--robust")
    cohort = run("audit", "--unit", "U-T", "--year", "2027", "--today", "2027-03-01", "--data", uws,
                 "--catalog", ucat)
    return {"suggest": [short, plain, living], "unit": [first, again, insured], "cohort": [cohort]}


def test_every_suggest_key_is_in_a_suggest_output(outputs):
    check_keys("suggest JSON", outputs["suggest"])


def test_every_unit_key_is_in_a_unit_output(outputs):
    check_keys("unit JSON", outputs["unit"])


def test_every_cohort_key_is_in_the_cohort_output(outputs):
    check_keys("audit --unit JSON (the cohort)", outputs["cohort"])


def test_every_flag_is_in_its_commands_help(cli):
    helps = {}
    missing = []
    for cells in rows("Flags"):
        words = code(cells[0]).split()
        command = [w for w in words[1:] if not w.startswith("--")]
        targets = [["audit"], ["suggest"], ["unit"], ["catalog"], ["people"]] if command == ["*"] else [command]
        for target in targets:
            key = " ".join(target)
            if key not in helps:
                status, out, err = cli(*target, "--help", "--lang", "en")
                assert status == 0, err
                helps[key] = out
            flags = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", " ".join(cells[:1] + cells[2:])))
            missing += [f"{key} {f}" for f in sorted(flags) if not re.search(rf"{f}(?![a-z-])", helps[key])]
    assert missing == []


def test_every_value_is_one_the_code_gives():
    known = {"unit `status`": {unit_result.OPTIMAL, unit_result.FEASIBLE, unit_result.INFEASIBLE,
                               unit_result.UNKNOWN, unit_result.SHORT},
             "cohort `people[].status`": set(verdicts.VERDICTS),
             "record `status`": {registration.REGISTERED, registration.PENDING, registration.REJECTED,
                                 registration.BOOKED},
             "audit reason": {registration.UPCOMING}}
    assert [(c[0], code(c[1])) for c in rows("Values") if code(c[1]) not in known[c[0]]] == []


def test_every_batch_column_is_in_the_database():
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    columns = {(t, r[1]) for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
               for r in db.execute(f"PRAGMA table_info({t})")}
    assert [code(c[0]) for c in rows("batch database") if tuple(code(c[0]).split(".")) not in columns] == []
