"""Text that says the one true thing: a one-year range is one year, record
numbers start at 1, a catalogue with nothing for the planned year says so
(and what to do), and a credit of 0 says why, not a formula giving 24."""
from __future__ import annotations

import json

from click.testing import CliRunner

from planner.cli import main
from planner.render.cells import years_text

TODAY = "2026-11-27"


def run(*args, lang="zh"):
    res = CliRunner().invoke(main, [*map(str, args), "--today", TODAY, "--lang", lang], catch_exceptions=False,
                             env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert res.exit_code == 0, res.output
    return res.stdout


def test_a_range_of_one_year_is_that_year():
    assert years_text(2026, 2026) == "2026"
    assert years_text(2024, 2026) == "2024–2026"
    assert run("suggest", "--person", "demo", "--through", 2026).splitlines()[3].startswith("规划年度: 2026 · ")
    assert "- 规划年度: 2026\n" in run("suggest", "--person", "demo", "--through", 2026, "--format", "md")


def test_records_are_numbered_from_1():
    lines = run("audit", "--person", "demo").splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("序号"))
    assert lines[head + 2].split()[:2] == ["1", "2024"]
    assert lines[-1].split()[0] == str(len(json.loads(run("audit", "--person", "demo", "--format", "json"))["records"]))


def test_no_offerings_for_the_planned_year_says_so_and_nothing_else():
    lines = run("suggest", "--person", "demo", "--year", 2030, "--through", 2030).splitlines()
    assert lines[3] == "规划年度: 2030 · 可规划 0 / 目录 204 项"
    assert lines[4] == "课程目录中没有2030年的课程与活动：请用 --catalog 指定含2030年课程的目录"
    text = "\n".join(lines)
    for contradiction in ("无法全部达标", "无需安排新的学习", "共 0 项", "怎样才能达标"):
        assert contradiction not in text
    en = run("suggest", "--person", "demo", "--year", 2030, "--through", 2030, lang="en").splitlines()
    assert en[4] == "The catalogue has no offerings for 2030: give --catalog a catalogue that has 2030"
    md = run("suggest", "--person", "demo", "--year", 2030, "--format", "md")
    assert "- 求解结果: 课程目录中没有2030–2032年的课程与活动：请用 --catalog 指定含2030–2032年课程的目录\n" in md
    assert "共 0 项" not in md
    data = json.loads(run("suggest", "--person", "demo", "--year", 2030, "--format", "json"))
    assert data["catalog_missing_years"] == [2030, 2031, 2032] and data["status"] == "infeasible"


def test_a_year_missing_among_others_is_named_beside_the_status():
    lines = run("suggest", "--person", "demo", "--year", 2029, "--through", 2030).splitlines()
    assert lines[4:6] == ["无法全部达标（给出差额最小的方案）",
                          "课程目录中没有2030年的课程与活动：请用 --catalog 指定含2030年课程的目录"]
    data = json.loads(run("suggest", "--person", "demo", "--year", 2026, "--format", "json"))
    assert data["catalog_missing_years"] == []


def test_a_credit_of_0_says_why_not_a_formula_that_gives_more():
    lines = run("credit", "A", "--person", "demo", "--hours", 6, "--platform", "blasting").splitlines()
    assert lines[1:4] == ["可得学时: 0",
                          "不计学时的原因: 课件平台与专业不符：该专业的A类学时须来自浙江省专业技术人员继续教育学时登记管理系统",
                          "计算方式: 若计学时：列明 6 = 6；因上述原因计0学时"]
    lines = run("credit", "B3", "--kind", "培训", "--society", "测绘学会", "--days", 3, "--year", 2019).splitlines()
    assert lines[1:4] == ["可得学时: 0", "不计学时的原因: 细则自2021-01-01起执行，此前的学时不计",
                          "计算方式: 若计学时：8/天 × 3天 = 24；因上述原因计0学时"]
    en = run("credit", "B3", "--kind", "培训", "--society", "测绘学会", "--days", 3, "--year", 2019, lang="en")
    assert en.splitlines()[1] == "Earns: 0"
    assert en.splitlines()[3].endswith("; 0 for the reason above")
    # 0 by the formula itself (a fourth author): the formula already says 0, as it is
    lines = run("credit", "C5", "--venue", "core", "--rank", 4).splitlines()
    assert lines[3] == "计算方式: 每项 8 × 0%（第4作者） = 0"
    # and 24 when it counts
    assert run("credit", "B3", "--kind", "培训", "--society", "测绘学会", "--days", 3).splitlines()[1:3] == \
        ["可得学时: 24", "计算方式: 8/天 × 3天 = 24"]
