"""`planner people`, `catalog`, `credit` and `record add` (issue 4)."""
from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from planner.cli import main
from tests.reportfixtures import TODAY, make_workspace


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=env)
    return result.exit_code, result.stdout, result.stderr


def ok(*args, env=None) -> str:
    code, out, err = run(*args, env=env)
    assert code == 0, err
    return out


# ---------------------------------------------------------------- credit

def credit_json(*args):
    return json.loads(ok("credit", *args, "--format", "json"))


def test_credit_core_paper_second_author_is_6_4():
    out = ok("credit", "C5", "--venue", "core", "--rank", "2")
    assert "可得学时: 6.4" in out
    assert "每项 8 × 80%（第2作者） = 6.4" in out
    assert "第六条（三）5" in out and "年度上限: 24" in out


def test_credit_json_for_each_basis():
    assert credit_json("C5", "--venue", "core", "--rank", "2")["hours"] == 6.4
    assert credit_json("B3", "--kind", "training", "--society", "surveying", "--days", "3")["hours"] == 24.0
    assert credit_json("B2", "--organizer", "province", "--days", "1.5")["hours"] == 9.0
    assert credit_json("C3", "--level", "provincial", "--rank", "3")["hours"] == 14.4    # 24 x 60%
    assert credit_json("C6", "--subjects", "2")["hours"] == 12.0
    assert credit_json("C5", "--venue", "book", "--characters", "25000", "--rank", "1")["hours"] == 6.0
    assert credit_json("B1", "--level", "national")["cap"] == 36.0


def test_credit_explains_nothing():
    data = credit_json("C5", "--venue", "core", "--rank", "4")
    assert data["hours"] == 0.0 and "前3名" in data["reason"]
    data = credit_json("C5", "--venue", "book", "--characters", "9999", "--rank", "1", "--lang", "en")
    assert data["hours"] == 0.0 and "10000" in data["reason"]


def test_credit_for_a_person_applies_the_platform_rule():
    assert credit_json("A", "--hours", "12", "--platform", "zjce", "--person", "demo")["hours"] == 12.0
    data = credit_json("A", "--hours", "12", "--platform", "blasting", "--person", "demo")
    assert data["hours"] == 0.0 and data["reason"]
    # nobody named: the route's arithmetic for whoever may take it
    assert credit_json("A", "--hours", "12", "--platform", "blasting")["hours"] == 12.0


@pytest.mark.parametrize("args,field", [
    (("C5", "--venue", "journal", "--rank", "1"), "venue"),
    (("C5", "--venue", "core"), "rank"),
    (("C5", "--venue", "core", "--rank", "two"), "rank"),
    (("Z9",), "route"),
    (("B2", "--organizer", "province", "--days", "1.3"), "days"),
])
def test_credit_bad_input_exits_2_naming_the_field(args, field):
    code, out, err = run("credit", *args, "--lang", "en")
    assert code == 2 and out == ""
    assert f"field '{field}'" in err and "Traceback" not in err


# ---------------------------------------------------------------- people

def test_people_json(tmp_path):
    data, _ = make_workspace(tmp_path)
    listing = json.loads(ok("people", "--data", data, "--today", TODAY, "--format", "json"))
    assert listing == {"people": [{
        "id": "T01", "name": "测试员", "unit": "U-T", "department": "测绘科", "specialty": "surveying",
        "records": 7, "year": 2026, "professional": 70.4, "general": 12.0, "total": 82.4, "met": False,
        "status": "in_progress", "short": {"general": 6.0, "total": 7.6, "cycle": 12.0},
        "cycle": {"start": 2024, "end": 2026, "b_hours": 24.0, "required": 36.0, "met": False}}]}


def test_people_text_on_a_phone_terminal():
    from rich.cells import cell_len
    out = ok("people", "--today", TODAY, env={"COLUMNS": "60"})
    assert max(cell_len(line) for line in out.splitlines()) <= 60
    assert "demo" in out and "49.4 / 90" in out and "18.0 / 36" in out


def test_people_of_a_unit_and_unknown_unit():
    out = ok("people", "--today", TODAY, "--unit", "U-HZ", "--format", "md")
    assert "| HZ01 |" in out and "| demo |" not in out
    code, _, err = run("people", "--unit", "NOPE", "--lang", "en")
    assert code == 2 and "unknown unit 'NOPE'" in err


# ---------------------------------------------------------------- catalog

def test_catalog_filters_and_prices(tmp_path):
    data, catalog = make_workspace(tmp_path)
    rows = json.loads(ok("catalog", "--data", data, "--catalog", catalog, "--year", 2027, "--format", "json"))
    assert [o["id"] for o in rows["offerings"]] == ["A-2027-001", "A-2027-002", "A-2027-003", "B2-2027-01",
                                                     "B3-2027-01", "G-2027-001"]
    b3 = next(o for o in rows["offerings"] if o["id"] == "B3-2027-01")
    assert b3 == {"id": "B3-2027-01", "route": "B3", "title": "实景三维浙江建设技术培训", "year": 2027,
                  "start": "2027-05-11", "end": "2027-05-13", "hours": 24.0, "fee": 1600.0,
                  "effort_hours": 24.0, "seats": 80}
    only = json.loads(ok("catalog", "--data", data, "--catalog", catalog, "--route", "G", "--format", "json"))
    assert [o["id"] for o in only["offerings"]] == ["G-2027-001"]


def test_catalog_for_a_person_marks_what_earns_nothing(tmp_path):
    data, catalog = make_workspace(tmp_path)
    rows = json.loads(ok("catalog", "--data", data, "--catalog", catalog, "--person", "T01", "--format", "json"))
    blasting = next(o for o in rows["offerings"] if o["id"] == "A-2027-003")
    assert blasting["hours"] == 0.0 and blasting["reason"]
    assert rows["person"] == "T01"


def test_catalog_text_narrow_and_unknown_route():
    from rich.cells import cell_len
    out = ok("catalog", "--year", 2027, "--route", "B3", env={"COLUMNS": "60"})
    assert max(cell_len(line) for line in out.splitlines()) <= 60
    assert "B3-2027-01" in out
    code, _, err = run("catalog", "--route", "X1", "--lang", "en")
    assert code == 2 and "field '--route'" in err


# ---------------------------------------------------------------- record add

PERSON = textwrap.dedent("""\
    # 张三（手写，注释要保留）
    id: P001
    name: 张三
    specialty: surveying    # 测绘

    records:
      - {route: A, year: 2026, title: 测绘新技术, hours: 12, platform: zjce}
      # 公需课写成块格式
      - route: G
        year: 2026
        title: 公需课
        hours: 18
    blackout:
      - {start: 2027-06-01, end: 2027-06-30}
    """)


@pytest.fixture
def person_file(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    path = root / "people" / "P001.yaml"
    path.write_text(PERSON, encoding="utf-8")
    return root, path


def add(root, *args):
    return run("record", "add", "--data", root, "--person", "P001", *args)


def test_record_add_keeps_every_other_line(person_file):
    root, path = person_file
    code, out, err = add(root, "--route", "C5", "--title", "论文: 实景三维", "--year", 2026,
                         "--venue", "core", "--rank", 2, "--evidence", "《测绘通报》2026年第5期")
    assert code == 0, err
    assert "追加第3条记录：" in out and "6.4" in out     # record numbers shown to people start at 1
    lines = PERSON.splitlines(keepends=True)
    new = '  - {route: C5, title: "论文: 实景三维", year: 2026, venue: core, rank: 2, evidence: 《测绘通报》2026年第5期}\n'
    # inserted right after the last record; everything else byte for byte
    assert path.read_text(encoding="utf-8") == "".join(lines[:12] + [new] + lines[12:])
    audit = json.loads(ok("audit", "--data", root, "--person", "P001", "--today", TODAY, "--format", "json"))
    assert audit["records"][2]["hours"] == 6.4 and audit["records"][2]["route"] == "C5"


def test_record_add_rejects_bad_input_and_leaves_the_file(person_file):
    root, path = person_file
    before = path.read_bytes()
    code, out, err = add(root, "--route", "C5", "--title", "x", "--year", 2026, "--venue", "blog", "--rank", 1,
                         "--lang", "en")
    assert code == 2 and "field 'venue'" in err and str(path) in err
    code, _, err = add(root, "--route", "G", "--title", "公需课", "--year", 2026, "--hours", 18, "--lang", "en")
    assert code == 2 and "duplicate" in err
    code, _, err = add(root, "--route", "A", "--title", "y", "--year", 2026, "--hours", "4.85", "--platform", "zjce",
                       "--lang", "en")
    assert code == 2 and "field 'hours'" in err
    assert path.read_bytes() == before


def test_record_add_keeps_gbk_crlf_and_an_empty_list(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    path = root / "people" / "P002.yaml"
    path.write_bytes("id: P002\r\nname: 李四\r\nspecialty: marine\r\nrecords: []   # 还没有\r\n".encode("gb18030"))
    code, _, err = run("record", "add", "--data", root, "--person", "P002", "--route", "G", "--title", "公需课",
                       "--year", 2026, "--hours", 6)
    assert code == 0, err
    text = path.read_bytes().decode("gb18030")
    assert text == ("id: P002\r\nname: 李四\r\nspecialty: marine\r\nrecords: # 还没有\r\n"
                    "  - {route: G, title: 公需课, year: 2026, hours: 6}\r\n")


def test_record_add_to_a_file_without_records_and_with_a_bom(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    path = root / "people" / "P003.yaml"
    path.write_bytes("\ufeffid: P003\nname: 王五\nspecialty: marine".encode("utf-8"))
    code, out, err = run("record", "add", "--data", root, "--person", "P003", "--route", "B3", "--title", "学术年会",
                         "--date", "2026-09-09", "--days", 1, "--kind", "conference", "--society", "marine",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["hours"] == 6.0
    assert path.read_bytes() == ("\ufeffid: P003\nname: 王五\nspecialty: marine\nrecords:\n"
                                 "  - {route: B3, title: 学术年会, date: 2026-09-09, days: 1, kind: conference,"
                                 " society: marine}\n").encode("utf-8")


def test_record_add_unknown_person(person_file):
    root, _ = person_file
    code, _, err = run("record", "add", "--data", root, "--person", "NOPE", "--route", "G", "--title", "t",
                       "--year", 2026, "--hours", 1, "--lang", "en")
    assert code == 2 and "unknown person 'NOPE'" in err


def test_record_add_never_writes_into_the_bundled_demo():
    from planner import resources
    demo = resources.demo_dir() / "people" / "demo.yaml"
    before = demo.read_bytes()
    code, _, err = run("record", "add", "--person", "demo", "--route", "G", "--title", "t",
                       "--year", 2026, "--hours", 1, "--lang", "en")
    assert code == 2
    assert err == "error: give --data DIR: the workspace whose person file the record is added to (the bundled demo is not written to)\n"
    assert demo.read_bytes() == before
