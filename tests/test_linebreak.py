"""Text that reads well at any width: a wrap never splits a number, an id or
a date, never starts a line with closing punctuation (，。、；：！？）」』】
...) nor ends one with an opener; a table too wide is stacked, not cut."""
from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from planner.cli import main
from planner.render.linebreak import CLOSING, OPENING, wrap
from planner.render.tables import new_table

TODAY = "2026-11-27"
# the issue's three examples (rule text, an alternative's reason, a capped record's reason)
EXAMPLES = ["其中第一、第二、第三作者分别按100%、80%、60%计算学时，其后作者不计算学时",
            "各项目标已以更少投入达到（本项投入4.5小时，6学时）",
            "B3途径2026年度上限24学时，本项仅部分计入"]
ATOM = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z.\-–_/:%]*[0-9A-Za-z%])?")
CJK_CLOSERS = "）〕」』】》，。、；：！？%"


@pytest.mark.parametrize("text", EXAMPLES)
def test_every_width_keeps_numbers_whole_and_closers_off_line_heads(text):
    for columns in range(6, 61):
        lines = wrap(text, columns)
        assert "".join(lines) == text
        assert all(cell_len(line) <= columns for line in lines), (columns, lines)
        assert all(line[0] not in CLOSING for line in lines), (columns, lines)
        assert all(line[-1] not in OPENING for line in lines), (columns, lines)
        atoms = [a for line in lines for a in ATOM.findall(line)]
        assert atoms == ATOM.findall(text), (columns, lines)


def test_the_issues_cuts_are_gone():
    assert wrap(EXAMPLES[0], 40) == ["其中第一、第二、第三作者分别按100%、", "80%、60%计算学时，其后作者不计算学时"]
    assert wrap(EXAMPLES[1], 40) == ["各项目标已以更少投入达到（本项投入4.5小", "时，6学时）"]
    assert wrap(EXAMPLES[1], 38) == ["各项目标已以更少投入达到（本项投入4.5", "小时，6学时）"]
    assert wrap(EXAMPLES[2], 30) == ["B3途径2026年度上限24学时，本项", "仅部分计入"]
    assert wrap("课程 B1-2027-01 于 2026-12-08–12-10 举办", 20) == ["课程 B1-2027-01 于", "2026-12-08–12-10", "举办"]
    assert wrap("计入专业科目、合计；列明 18 = 18", 22) == ["计入专业科目、合计；列", "明 18 = 18"]


def test_a_space_is_preferred_when_the_line_is_half_full():
    assert wrap("课程费用（元） 0 + 单位培训组织费（元） 1200 = 合计费用（元） 1200", 60) == \
        ["课程费用（元） 0 + 单位培训组织费（元） 1200 =", "合计费用（元） 1200"]


def test_a_table_cell_wraps_by_the_rules():
    out = Console(file=io.StringIO(), width=30, color_system=None)
    table = new_table()
    table.add_column("原因", overflow="fold", ratio=1)
    table.add_column("学时", justify="right", no_wrap=True)
    table.add_row(EXAMPLES[1], "6.0")
    out.print(table)
    lines = [line.rstrip() for line in out.file.getvalue().splitlines()]
    assert lines[2:] == ["各项目标已以更少投入达到   6.0", "（本项投入4.5小时，6学", "时）"]


def test_a_table_too_wide_is_stacked_not_cut():
    out = Console(file=io.StringIO(), width=30, color_system=None)
    table = new_table("2026 年度")
    for head in ("目标", "要求", "已计入", "计划", "差额", "结论"):
        table.add_column(head, no_wrap=True)
    table.add_row("一般公需科目", "18", "9.0", "12.0", "", "已达标")
    out.print(table)
    assert out.file.getvalue().splitlines() == ["2026 年度", "一般公需科目",
                                                "  要求 18 · 已计入 9.0", "  计划 12.0 · 结论 已达标"]


def _text(args, columns: int) -> str:
    res = CliRunner().invoke(main, [*args, "--today", TODAY], catch_exceptions=False,
                             env={"COLUMNS": str(columns), "NO_COLOR": "1", "LANG": "zh_CN.UTF-8"})
    assert res.exit_code == 0, res.output
    return res.stdout


REPORTS = [("audit", "--person", "demo"), ("suggest", "--person", "demo"), ("credit", "C5", "--venue", "core",
           "--rank", "2"), ("catalog", "--year", "2026"), ("people",), ("audit", "--unit", "U-HZ")]


@pytest.mark.parametrize("args", REPORTS, ids=lambda a: "-".join(a[:2]))
def test_real_reports_at_40_60_80_columns(args):
    # the cohort stacks below 80 columns, with figures of its own; compare it to itself at 60
    wide = set(ATOM.findall(_text(args, 60 if args[-1] == "U-HZ" else 140)))
    for columns in (40, 60, 80):
        text = _text(args, columns)
        lines = text.splitlines()
        assert "…" not in text
        assert max(cell_len(line) for line in lines) <= columns
        heads = [line for line in lines if re.search(rf"(^|\s)[{CJK_CLOSERS}]", line)]
        assert heads == [], (columns, heads)
        if not (args[-1] == "U-HZ" and columns == 80):
            assert set(ATOM.findall(text)) <= wide, (columns, set(ATOM.findall(text)) - wide)


def test_a_title_with_an_emoji_code_is_printed_as_written(workspace):
    # rich turns ":fire:" into a picture unless told not to; a title is the user's words (第十条)
    root = workspace({"p": """\
        id: p
        name: 王工
        specialty: surveying
        records:
          - {route: G, title: "周会:fire:纪要 :smile: 汇报", hours: 8, date: 2026-03-02}
        """})
    for columns in ("140", "60"):
        res = CliRunner().invoke(main, ["audit", "--data", str(root), "--person", "p", "--today", TODAY],
                                 env={"COLUMNS": columns, "NO_COLOR": "1", "LANG": "zh_CN.UTF-8"})
        assert res.exit_code == 0, res.output
        assert "🔥" not in res.stdout and "😄" not in res.stdout
        assert ":fire:" in res.stdout.replace("\n", "")
