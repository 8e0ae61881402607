"""The unit and cohort text at 60 and 80 columns (issue 9, point 9): tables
that do not fit are stacked, never cut: no "…" inside a number or an id,
no line wider than the terminal. Golden files (regenerate after a
deliberate change with UPDATE_GOLDEN=1 and read the diff)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from planner.cli import main
from tests.test_reports import golden
from tests.test_unit_cli import workspace

TODAY = "2026-11-27"


def run(*args, columns: int) -> str:
    res = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                             env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert res.exit_code == 0, res.output
    return res.stdout


def fits(text: str, columns: int) -> None:
    assert "…" not in text
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest <= columns, f"a line is {widest} cells wide"


@pytest.mark.parametrize("columns", [60, 80])
def test_cohort_text_golden(columns):
    text = run("audit", "--unit", "U-HZ", "--year", 2026, "--today", TODAY, columns=columns)
    fits(text, columns)
    assert "HZ10" in text and "马超" in text
    golden(f"cohort-U-HZ.{columns}col.txt", text)


@pytest.mark.parametrize("columns", [60, 80])
def test_unit_text_golden(tmp_path, columns):
    root, cat = workspace(tmp_path)
    text = run("unit", "--unit", "U-T", "--year", 2027, "--today", TODAY, "--data", root, "--catalog", cat, "-q",
               columns=columns)
    fits(text, columns)
    golden(f"unit-U-T.{columns}col.txt", text)


def test_demo_unit_text_is_never_cut_at_60_columns():
    text = run("unit", "--unit", "U-HZ", "--year", 2027, "--today", TODAY, "-q", columns=60)
    fits(text, 60)
    for pid in ("HZ01", "HZ10", "P002", "P003"):
        assert pid in text
