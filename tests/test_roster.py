"""`planner import roster.xlsx|.csv --unit ID` (issue 5; registered hours since issue 9)."""
from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner

from planner.cli import main
from planner.ledger import build
from planner.policy import resolve_policy
from planner.workspace import load_workspace

EXISTING = """\
# 王磊的学时档案（手写注释要保留）
id: HZ01
name: 王磊
unit: U-OLD   # 旧单位
specialty: surveying
records:
  # 2026 年
  - {route: A, year: 2026, title: 手工记录, hours: 12, platform: zjce}
"""

CSV = """\
工号,姓名,部门,专业,A,G,B1,B3,C1
HZ01,王磊,测绘科,surveying,20,18,,16,4
N001,李新,规划科,国土空间规划,30,6,36,,
"""


def ws(tmp_path, existing=True):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    if existing:
        (root / "people" / "HZ01.yaml").write_text(EXISTING, encoding="utf-8")
    return root


def run(*args):
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def test_csv_creates_and_updates_keeping_user_lines(tmp_path, policy):
    root = ws(tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text(CSV, encoding="utf-8")
    res = run(str(roster), "--unit", "U-HZ", "--data", str(root), "--year", "2026", "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert {k: out[k] for k in ("unit", "year", "created", "updated", "unchanged", "records")} == \
        {"unit": "U-HZ", "year": 2026, "created": ["N001"], "updated": ["HZ01"], "unchanged": [], "records": 7}
    assert out["unit_file"]["status"] == "created" and out["unit_file"]["departments"] == ["测绘科", "规划科"]
    text = (root / "people" / "HZ01.yaml").read_text(encoding="utf-8")
    for line in ("# 王磊的学时档案（手写注释要保留）", "  # 2026 年",
                 "  - {route: A, year: 2026, title: 手工记录, hours: 12, platform: zjce}"):
        assert line in text.splitlines()
    assert "unit: U-HZ   # 旧单位" in text
    assert "department: 测绘科" in text
    space = load_workspace(root, policy)
    hz = space.person("HZ01")
    year = build(policy, hz.specialty, hz.records).year(2026)
    assert {c: r.raw for c, r in year.routes.items()} == {"A": 320, "G": 180, "B3": 160, "C1": 40}
    new = space.person("N001")
    assert (new.name, new.unit, new.department, new.specialty) == ("李新", "U-HZ", "规划科", "spatial_planning")
    year = build(policy, new.specialty, new.records).year(2026)
    assert {c: r.raw for c, r in year.routes.items()} == {"A": 300, "G": 60, "B1": 360}
    # importing again changes nothing; a new figure replaces only the imported line
    again = run(str(roster), "--unit", "U-HZ", "--data", str(root), "--year", "2026", "--format", "json")
    assert json.loads(again.stdout)["unchanged"] == ["HZ01", "N001"]
    roster.write_text(CSV.replace("HZ01,王磊,测绘科,surveying,20", "HZ01,王磊,测绘科,surveying,24"), encoding="utf-8")
    run(str(roster), "--unit", "U-HZ", "--data", str(root), "--year", "2026")
    hz = load_workspace(root, policy).person("HZ01")
    assert build(policy, hz.specialty, hz.records).year(2026).routes["A"].raw == 360
    assert "  - {route: A, year: 2026, title: 手工记录, hours: 12, platform: zjce}" in \
        (root / "people" / "HZ01.yaml").read_text(encoding="utf-8").splitlines()


def test_xlsx_roster(tmp_path, policy):
    root = ws(tmp_path, existing=False)
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["id", "name", "department", "specialty", "A", "G", "C6"])
    sheet.append(["X1", "赵一", "地籍科", "land_engineering", 40.5, 18, 12])
    sheet.append([1002, "钱二", None, "marine", None, 6, None])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    res = run(str(path), "--unit", "U-1", "--data", str(root), "--year", "2027")
    assert res.exit_code == 0, res.output
    assert "新建 2 人" in res.stdout
    space = load_workspace(root, policy)
    x1 = space.person("X1")
    raw = build(policy, x1.specialty, x1.records).year(2027).routes
    assert (raw["A"].raw, raw["G"].raw, raw["C6"].raw) == (405, 180, 120)   # C6: 12 registered, as given
    assert [(r.route, r.hours, r.source, r.subjects) for r in x1.records] == \
        [("A", 405, "roster", None), ("G", 180, "roster", None), ("C6", 120, "roster", None)]
    assert space.person("1002").department is None
    assert [p.id for p in space.staff("U-1")] == ["1002", "X1"]


def test_every_bad_cell_is_named_and_nothing_is_written(tmp_path):
    root = ws(tmp_path)
    before = (root / "people" / "HZ01.yaml").read_bytes()
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,department,specialty,A,B1\n"
                      "HZ01,王磊,测绘科,surveying,12,\n"
                      "N002,,规划科,astrology,abc,\n"
                      "HZ01,重复,规划科,surveying,-3,20\n", encoding="utf-8")
    res = run(str(roster), "--unit", "U-HZ", "--data", str(root), "--year", "2026", "--lang", "en")
    assert res.exit_code == 2
    out = res.output
    assert "5 bad cells, nothing imported" in out
    assert "row 3, column B (name): empty" in out
    assert "row 3, column D (specialty): unknown specialty 'astrology'" in out
    assert "row 3, column E (A): expected a number of hours, got 'abc'" in out
    assert "row 4, column A (id): id 'HZ01' is already on row 2" in out
    assert "row 4, column E (A): hours must not be negative ('-3')" in out
    assert "column F (B1)" not in out          # 20 registered B1 hours are a fact, not a formula to fit
    assert (root / "people" / "HZ01.yaml").read_bytes() == before
    assert sorted(p.name for p in (root / "people").iterdir()) == ["HZ01.yaml"]


def test_unknown_column_and_missing_columns(tmp_path):
    root = ws(tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("id,姓名,wage,Z9\nA1,甲,1,2\n", encoding="utf-8")
    res = run(str(roster), "--unit", "U-HZ", "--data", str(root), "--lang", "en")
    assert res.exit_code == 2
    assert "row 1, column C (wage): unknown column" in res.output
    assert "row 1, column D (Z9): unknown column" in res.output
    # no specialty column: fine for people whose file has one, or with --specialty; else named
    roster.write_text("id,姓名,A\nA1,甲,2\nHZ01,王磊,3\n", encoding="utf-8")
    res = run(str(roster), "--unit", "U-HZ", "--data", str(root), "--lang", "en")
    assert res.exit_code == 2
    assert "roster.csv: row 2: 'A1' has no specialty: a new person needs the specialty column" in res.output
    res = run(str(roster), "--unit", "U-HZ", "--data", str(root), "--specialty", "测绘地理信息")
    assert res.exit_code == 0, res.output
    space = load_workspace(root, resolve_policy())
    assert (space.person("A1").specialty, space.person("HZ01").specialty) == ("surveying", "surveying")


def test_not_a_roster_file(tmp_path):
    root = ws(tmp_path)
    bad = tmp_path / "roster.pdf"
    bad.write_text("x", encoding="utf-8")
    res = run(str(bad), "--unit", "U-HZ", "--data", str(root), "--lang", "en")
    assert res.exit_code == 2 and "a roster is a .xlsx, .xls or .csv (.tsv, .txt) file, not '.pdf'" in res.output


def test_import_needs_a_workspace_of_ones_own(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(CSV, encoding="utf-8")
    res = run(str(roster), "--unit", "U-HZ", "--lang", "en")
    assert res.exit_code == 2 and "give --data DIR" in res.output
