"""`planner suggest` end to end through click's CliRunner (issue 3)."""
from __future__ import annotations

import json

import pytest

PERSON = """
    id: P1
    name: 张三
    specialty: surveying
    budget_per_year: 1000
    records:
      - {route: A, year: 2027, title: 已学, hours: 50, platform: zjce}
      - {route: G, year: 2027, title: 公需, hours: 20}
"""
CATALOG = """\
offerings:
  - {id: A-1, route: A, title: 课件一, hours: 8, platform: zjce, year: 2027, fee: 40}
  - {id: A-2, route: A, title: 课件二, hours: 6, platform: zjce, year: 2027, fee: 0, effort_hours: 3}
  - {id: A-3, route: A, title: 爆破课件, hours: 12, platform: blasting, year: 2027, fee: 0}
  - {id: B3-1, route: B3, title: 测绘学会培训, kind: training, society: surveying, start: 2027-04-12, end: 2027-04-13, fee: 600, effort_hours: 10}
  - {id: B3-2, route: B3, title: 土地学会年会, kind: conference, society: land, date: 2027-04-13, fee: 0, effort_hours: 3}
  - {id: B1-1, route: B1, title: 高研班, level: provincial, start: 2027-05-10, end: 2027-05-13, fee: 3000}
"""

# Need 15 professional hours and 5 more in all (G stays at 20): B3-2 (6 h for 3 h of effort),
# A-2 (6 for 3) and A-1 (8 for 6) = 20 hours for 12 h of effort; B3-1 overlaps B3-2 and
# B3-1 + A-2 costs 13 h; B1-1 is over the budget; A-3 is on the blasting platform.
EXPECTED = {'person': 'P1',
 'policy': 'zhejiang-natural-resources-2021',
 'today': '2027-01-04',
 'years': [2027],
 'status': 'optimal',
 'effort_hours': 12.0,
 'fee': 40.0,
 'bound_effort_hours': 12.0,
 'selected': [{'id': 'B3-2',
               'year': 2027,
               'route': 'B3',
               'title': '土地学会年会',
               'hours': 6.0,
               'counted': 6.0,
               'effort_hours': 3.0,
               'fee': 0.0,
               'serves': ['professional', 'total'],
               'when': '2027-04-13',
               'required': False,
               'booked': False},
              {'id': 'A-1',
               'year': 2027,
               'route': 'A',
               'title': '课件一',
               'hours': 8.0,
               'counted': 8.0,
               'effort_hours': 6.0,
               'fee': 40.0,
               'serves': ['professional', 'total'],
               'when': '2027',
               'required': False,
               'booked': False},
              {'id': 'A-2',
               'year': 2027,
               'route': 'A',
               'title': '课件二',
               'hours': 6.0,
               'counted': 6.0,
               'effort_hours': 3.0,
               'fee': 0.0,
               'serves': ['professional', 'total'],
               'when': '2027',
               'required': False,
               'booked': False}],
 'projection': {'2027': {'routes': {'A': {'raw': 64.0, 'counted': 64.0, 'cap': None},
                                    'B3': {'raw': 6.0, 'counted': 6.0, 'cap': 36.0},
                                    'G': {'raw': 20.0, 'counted': 20.0, 'cap': None}},
                         'professional': 70.0,
                         'general': 20.0,
                         'total': 90.0,
                         'met': True,
                         'shortfall': {}}},
 'cycles': [{'start': 2027,
             'end': 2029,
             'b_hours': 6.0,
             'required': 36.0,
             'met': False,
             'shortfall': 30.0,
             'target': False}],
 'shortfall': 0.0,
 'unmet': [],
 'plannable': 5,
 'offered': 6,
 'catalog_missing_years': [],
 'required': [],
 'excluded': [],
 'rejected': [{'id': 'B3-1',
               'year': 2027,
               'route': 'B3',
               'hours': 16.0,
               'effort_hours': 10.0,
               'fee': 600.0,
               'plannable': True,
               'reason_code': 'overlaps',
               'reason': 'overlaps the chosen B3-2 (土地学会年会) on 2027-04-13'},
              {'id': 'B1-1',
               'year': 2027,
               'route': 'B1',
               'hours': 30.0,
               'effort_hours': 32.0,
               'fee': 3000.0,
               'plannable': True,
               'reason_code': 'over_budget',
               'reason': 'its fee of 3000 yuan exceeds the 960 yuan left of the 2027 budget of 1000'},
              {'id': 'A-3',
               'year': 2027,
               'route': 'A',
               'hours': 0.0,
               'effort_hours': 9.0,
               'fee': 0.0,
               'plannable': False,
               'reason_code': 'ineligible',
               'reason': 'wrong platform for the specialty: class A hours must come from Zhejiang CE '
                         'registration system'}],
 'fragile': [{'id': 'B3-2', 'title': '土地学会年会', 'breaks': ['2027 professional', '2027 total']}],
 'latest_start': {'2027 professional': '2027-04-13', '2027 total': '2027-04-13'}}


@pytest.fixture
def ws(workspace, tmp_path):
    root = workspace({"P1": PERSON})
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    return ["--data", root, "--catalog", catalog, "--today", "2027-01-04"]


def test_json_exactly(cli, ws):
    code, out, err = cli("suggest", *ws, "--person", "P1", "--through", "2027", "--format", "json", "--lang", "en")
    assert code == 0, err
    assert json.loads(out) == EXPECTED


def test_same_input_same_bytes(cli, ws):
    runs = [cli("suggest", *ws, "--person", "P1", "--through", "2027", "--format", fmt)
            for fmt in ("json", "json", "text", "text", "md", "md", "html", "html")]
    assert all(code == 0 for code, _, _ in runs)
    assert runs[0][1] == runs[1][1] and runs[2][1] == runs[3][1]
    assert runs[4][1] == runs[5][1] and runs[6][1] == runs[7][1]


def test_text_md_html_show_the_plan(cli, ws):
    code, text, _ = cli("suggest", *ws, "--person", "P1", "--through", "2027")
    assert code == 0
    assert "最优（已证明）" in text and "共 3 项，投入 12.0 小时，费用 40 元" in text
    assert "B3-2" in text and "与已选的 B3-2（土地学会年会）在2027-04-13冲突" in text
    code, md, _ = cli("suggest", *ws, "--person", "P1", "--through", "2027", "--format", "md", "--lang", "en")
    assert code == 0 and "B3-2" in md and "A-1" in md and "A-2" in md and "B1-1" not in md.split("##")[1]
    code, html, _ = cli("suggest", *ws, "--person", "P1", "--through", "2027", "--format", "html")
    assert code == 0 and html.startswith("<!DOCTYPE html>") and "B3-2" in html and "</html>" in html


def test_require_exclude_and_out(cli, ws, tmp_path):
    out = tmp_path / "plan.json"
    code, _, err = cli("suggest", *ws, "--person", "P1", "--through", "2027", "--format", "json",
                       "--exclude", "B3-2", "--require", "A-1", "--out", out)
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["id"] for s in data["selected"]] == ["B3-1", "A-1"]      # 16 + 8 for 16 h of effort
    assert data["effort_hours"] == 16.0 and data["fee"] == 640.0
    assert data["required"] == ["A-1"] and data["excluded"] == ["B3-2"]


def test_unknown_ids_exit_2(cli, ws):
    code, _, err = cli("suggest", *ws, "--person", "P1", "--require", "NOPE", "--lang", "en")
    assert code == 2 and "--require NOPE: no offering with this id in the catalogue" in err
    code, _, err = cli("suggest", *ws, "--person", "P1", "--exclude", "NOPE", "--lang", "en")
    assert code == 2 and "--exclude NOPE" in err
    code, _, err = cli("suggest", *ws, "--person", "P1", "--require", "A-3", "--lang", "en")
    assert code == 2 and "A-3: not plannable" in err
    code, _, err = cli("suggest", *ws, "--person", "P1", "--year", "2028", "--through", "2027", "--lang", "en")
    assert code == 2 and "--through 2027 is before the first planned year 2028" in err


def test_infeasible_exits_0_with_reasons(cli, ws):
    code, out, err = cli("suggest", *ws, "--person", "P1", "--through", "2027", "--format", "json",
                         "--lang", "en", "--exclude", "A-1", "--exclude", "A-2", "--exclude", "B3-2")
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "infeasible"
    # left: B3-1 (16 h, 600 yuan) and B1-1 (30 h, 3000 yuan); the budget of 1000 allows only
    # B3-1: professional 66 is met, total 86 is 4 short; B1-1 alone would reach the targets
    assert [s["id"] for s in data["selected"]] == ["B3-1"]
    assert data["shortfall"] == 4.0
    assert [(u["target"], u["period"], u["value"], u["capacity"]) for u in data["unmet"]] == [
        ("total", "2027", 86.0, 116.0)]
    assert data["unmet"][0]["reason"] == ("2027 total 90 h: cannot be met within the 2027 budget of 1000 yuan "
                                          "(the records count 70 h; with every plannable offering of B1, B3, "
                                          "at most 116 h; 90 are needed)")
    assert data["unmet"][0]["conflicts_with"] == ["budget:2027:budget"]


def test_default_years_and_time_limit(cli, ws):
    code, out, _ = cli("suggest", *ws, "--person", "P1", "--year", "2027", "--format", "json", "--time-limit", "5")
    data = json.loads(out)
    assert data["years"] == [2027, 2028, 2029]                    # through the end of 2027's B cycle
    assert data["status"] == "infeasible"                         # no 2028/2029 offerings at all
    code, _, err = cli("suggest", *ws, "--person", "P1", "--time-limit", "0")
    assert code == 2


def test_help_has_an_example(cli):
    code, out, _ = cli("suggest", "--help")
    assert code == 0 and "示例：" in out and "planner suggest --person demo" in out
    code, out, _ = cli("suggest", "--help", "--lang", "en")
    assert code == 0 and "Example:" in out and "planner suggest --person demo" in out


def test_bundled_demo_prints_a_readable_plan(cli):
    code, out, err = cli("suggest", "--person", "demo", "--today", "2026-11-27")
    assert code == 0, err
    assert "继续教育学时规划建议" in out and "计划安排" in out
    # catalog/demo/README.md's hand-found optimum: 35.0 h of effort, 2230 yuan
    assert "共 3 项，投入 35.0 小时，费用 2230 元" in out
    assert all(oid in out for oid in ("B2-2026-03", "A-2026-014", "G-2026-008"))
    code, out, err = cli("suggest", "--person", "demo", "--today", "2026-11-27", "--format", "json")
    data = json.loads(out)
    assert data["status"] == "optimal" and data["selected"]
    assert all(y["met"] for y in data["projection"].values())
