"""`planner audit` through the CLI: the contract's JSON, exactly, computed by
hand from rules.md for the contract's own example person."""
from __future__ import annotations

import json


# the interface's example person (README "Files you write", people/P001.yaml), verbatim.
P001 = """
id: P001
name: 张三
unit: U01                    # optional: the unit (employer) id
specialty: surveying
budget_per_year: 3000
blackout:
  - {start: 2027-06-01, end: 2027-06-30}
records:
  - {route: A, year: 2026, title: 测绘新技术, hours: 12, platform: zjce, offering: A-2026-017}
  - {route: G, year: 2026, title: 公需课, hours: 18}
  - {route: B1, date: 2025-05-20, title: 高研班, level: national}
  - {route: B2, start: 2026-04-01, end: 2026-04-03, title: 专项培训, organizer: ministry}
  - {route: B3, date: 2026-09-09, days: 1, title: 学术年会, kind: conference, society: surveying}
  - {route: B4, year: 2026, days: 5, title: 境外研修}
  - {route: C1, year: 2026, days: 2, title: 单位讲座}
  - {route: C2, year: 2026, days: 3, title: 专家服务基层}
  - {route: C3, year: 2026, level: municipal, rank: 2, title: 课题}
  - {route: C4, year: 2026, kind: invention, rank: 1, title: 专利}
  - {route: C5, year: 2026, venue: core, rank: 2, title: 论文}
  - {route: C5, year: 2026, venue: book, characters: 120000, rank: 1, title: 著作}
  - {route: C6, year: 2026, subjects: 2, title: 注册测绘师考试}
  - {route: C7, year: 2026, courses: 3, title: 在职研究生课程}
"""


def rec(index, route, year, title, hours, counted, formula, **extra):
    return {"index": index, "route": route, "year": year, "title": title, "hours": hours,
            "counted": counted > 0, "counted_hours": counted, "formula": formula,
            "status": extra.pop("status", "registered"), **extra}


EXPECTED = {
    "person": "P001",
    "policy": "zhejiang-natural-resources-2021",
    "today": "2026-11-27",
    "years": {
        "2025": {
            "routes": {"B1": {"raw": 36.0, "counted": 36.0, "cap": 36.0}},
            "professional": 36.0, "general": 0.0, "total": 36.0, "met": False,
            "shortfall": {"professional": 29.0, "general": 18.0, "total": 54.0},
        },
        "2026": {
            "routes": {
                "A": {"raw": 12.0, "counted": 12.0, "cap": None},
                "B2": {"raw": 24.0, "counted": 24.0, "cap": 36.0},     # 8/day x 3 days
                "B3": {"raw": 6.0, "counted": 6.0, "cap": 36.0},       # conference 6/day
                "B4": {"raw": 30.0, "counted": 30.0, "cap": 36.0},     # 6/day x 5
                "C1": {"raw": 8.0, "counted": 8.0, "cap": 24.0},       # 4/day x 2
                "C2": {"raw": 12.0, "counted": 12.0, "cap": 24.0},     # 4/day x 3
                "C3": {"raw": 9.6, "counted": 9.6, "cap": 24.0},       # 12 x 80%
                "C4": {"raw": 12.0, "counted": 12.0, "cap": 24.0},     # 12 x 100%
                "C5": {"raw": 42.4, "counted": 24.0, "cap": 24.0},     # 6.4 + 3 x 12 units
                "C6": {"raw": 12.0, "counted": 12.0, "cap": 24.0},     # 6 x 2
                "C7": {"raw": 9.0, "counted": 9.0, "cap": 24.0},       # 3 x 3
                "G": {"raw": 18.0, "counted": 18.0, "cap": None},
            },
            # 12 + 24 + 6 + 30 + 8 + 12 + 9.6 + 12 + 24 + 12 + 9 = 158.6
            "professional": 158.6, "general": 18.0, "total": 176.6, "met": True,
            "shortfall": {"professional": 0.0, "general": 0.0, "total": 0.0},
        },
    },
    # 2024-2026: 36 (2025) + 24 + 6 + 30 (2026)
    "cycles": [{"start": 2024, "end": 2026, "b_hours": 96.0, "required": 36.0, "met": True,
                "shortfall": 0.0}],
    "records": [
        rec(0, "A", 2026, "测绘新技术", 12.0, 12.0, "列明 12 = 12"),
        rec(1, "G", 2026, "公需课", 18.0, 18.0, "列明 18 = 18"),
        rec(2, "B1", 2025, "高研班", 36.0, 36.0, "每项 36 = 36"),
        rec(3, "B2", 2026, "专项培训", 24.0, 24.0, "8/天 × 3天 = 24"),
        rec(4, "B3", 2026, "学术年会", 6.0, 6.0, "6/天 × 1天 = 6"),
        rec(5, "B4", 2026, "境外研修", 30.0, 30.0, "6/天 × 5天 = 30"),
        rec(6, "C1", 2026, "单位讲座", 8.0, 8.0, "4/天 × 2天 = 8"),
        rec(7, "C2", 2026, "专家服务基层", 12.0, 12.0, "4/天 × 3天 = 12"),
        rec(8, "C3", 2026, "课题", 9.6, 9.6, "每项 12 × 80%（第2作者） = 9.6"),
        rec(9, "C4", 2026, "专利", 12.0, 12.0, "每项 12 × 100%（第1作者） = 12"),
        rec(10, "C5", 2026, "论文", 6.4, 6.4, "每项 8 × 80%（第2作者） = 6.4"),
        rec(11, "C5", 2026, "著作", 36.0, 17.6, "3 × 12（120000字，每满10000字） × 100%（第1作者） = 36",
            reason="C5途径2026年度上限24学时，本项仅部分计入", reason_code="capped"),
        rec(12, "C6", 2026, "注册测绘师考试", 12.0, 12.0, "6 × 2 = 12"),
        rec(13, "C7", 2026, "在职研究生课程", 9.0, 9.0, "3 × 3 = 9"),
    ],
}


def test_audit_json_exact(cli, workspace):
    root = workspace({"P001": P001})
    code, out, err = cli("audit", "--person", "P001", "--data", root, "--today", "2026-11-27",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out) == EXPECTED


def test_audit_json_is_deterministic_bytes(cli, workspace):
    root = workspace({"P001": P001})
    args = ("audit", "--person", "P001", "--data", root, "--today", "2026-11-27", "--format", "json")
    assert cli(*args)[1] == cli(*args)[1]


def test_record_that_counts_nothing_has_a_reason(cli, workspace):
    root = workspace({"p": """
        id: p
        name: 李四
        specialty: mining
        records:
          - {route: A, year: 2026, hours: 8, platform: zjce, title: 错平台课件}
          - {route: C5, year: 2026, venue: core, rank: 4, title: 第四作者}
          - {route: G, year: 2020, hours: 18, title: 旧公需}
        """})
    code, out, err = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27",
                         "--format", "json")
    assert code == 0, err
    records = json.loads(out)["records"]
    assert [(r["counted"], r["hours"], r["reason_code"]) for r in records] == [
        (False, 0.0, "ineligible"), (False, 0.0, "rank_beyond"), (False, 0.0, "before_policy")]
    assert records[0]["reason"] == "课件平台与专业不符：该专业的A类学时须来自浙江省爆破行业网络学习平台"
    assert records[2]["reason"] == "细则自2021-01-01起执行，此前的学时不计"
    assert "2020" not in json.loads(out)["years"]


def test_asked_year_added_and_default_is_today(cli, workspace):
    root = workspace({"P001": P001})
    data = json.loads(cli("audit", "--person", "P001", "--data", root, "--today", "2026-11-27",
                          "--year", "2028", "--format", "json")[1])
    assert list(data["years"]) == ["2025", "2026", "2028"]
    assert data["years"]["2028"]["shortfall"] == {"professional": 65.0, "general": 18.0, "total": 90.0}
    assert [c["start"] for c in data["cycles"]] == [2024, 2027]
    data = json.loads(cli("audit", "--person", "P001", "--data", root, "--today", "2027-01-05",
                          "--format", "json")[1])
    assert list(data["years"]) == ["2025", "2026", "2027"]


def test_english_reasons(cli, workspace):
    root = workspace({"p": """
        id: p
        name: 李四
        specialty: surveying
        records:
          - {route: B3, year: 2026, days: 1, kind: conference, society: china_surveying, title: 年会}
        """})
    code, out, _ = cli("audit", "--person", "p", "--data", root, "--today", "2026-11-27",
                       "--format", "json", "--lang", "en")
    assert json.loads(out)["records"][0]["reason"].startswith('"china_surveying" is not one of the five provincial societies')


def test_demo_audit_works_with_no_other_flag(cli):
    code, out, err = cli("audit", "--person", "demo", "--today", "2026-11-27", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    # catalog/demo/README.md: 2026 so far A 34 + C5 6.4 = 40.4 professional, 9 general
    assert (data["years"]["2026"]["professional"], data["years"]["2026"]["general"]) == (40.4, 9.0)
    assert data["cycles"][-1] == {"start": 2024, "end": 2026, "b_hours": 18.0, "required": 36.0,
                                  "met": False, "shortfall": 18.0}


def test_out_writes_the_file(cli, workspace, tmp_path):
    root = workspace({"P001": P001})
    target = tmp_path / "audit.json"
    code, out, err = cli("audit", "--person", "P001", "--data", root, "--today", "2026-11-27",
                         "--format", "json", "--out", target)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8")) == EXPECTED


def test_text_md_html_render(cli, workspace):
    root = workspace({"P001": P001})
    base = ("audit", "--person", "P001", "--data", root, "--today", "2026-11-27")
    text = cli(*base)[1]
    assert "158.6" in text and "17.6" in text and "已达标" in text
    md = cli(*base, "--format", "md")[1]
    assert "| C5 |" in md and "| 42.4 | 24.0 |" in md
    html = cli(*base, "--format", "html")[1]
    assert html.startswith("<!DOCTYPE html>") and "176.6" in html
