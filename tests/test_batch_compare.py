"""`planner batch ... --compare-policy DRAFT.yaml`: both policies on the same
persons; who newly falls short and by how much, the added effort and fees,
in the report. The draft here raises the general target from 18 to 24."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from click.testing import CliRunner

from planner.batch.report import province
from planner.cli import main
from planner.policy import policy_path
from tests.province import write_province

TODAY = "2026-11-27"


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    text = policy_path(None).read_text(encoding="utf-8")
    head, rest = text.split("  - key: general\n", 1)
    rest = rest.replace("    hours: 18\n", "    hours: 24\n", 1)
    path = root / "draft.yaml"
    path.write_text(head + "  - key: general\n" + rest, encoding="utf-8")
    write_province(root / "ws", persons=120, units=3, cities=1, seed=3)
    return root


def _batch(*args):
    result = CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_audit_under_a_draft_names_who_newly_falls_short(draft, tmp_path):
    out = tmp_path / "a.sqlite"
    _batch("audit", "--data", str(draft / "ws"), "--out", str(out), "--today", TODAY, "--year", "2026",
           "--compare-policy", str(draft / "draft.yaml"), "--workers", "2", "--quiet")
    db = sqlite3.connect(out)
    general = dict(db.execute("SELECT file, value FROM targets WHERE variant = 'current' AND target = 'general'"))
    newly = {f for (f,) in db.execute(
        "SELECT c.file FROM persons c JOIN persons d ON d.file = c.file AND d.variant = 'draft' "
        "WHERE c.variant = 'current' AND c.met = 1 AND d.met = 0")}
    met = {f for (f,) in db.execute("SELECT file FROM persons WHERE variant = 'current' AND met = 1")}
    # exactly the persons who meet everything now and have 18 to 23.9 general hours
    assert newly == {f for f in met if general[f] < 24}
    assert newly, "the generated province must have someone between 18 and 24 general hours"
    data = province(out)
    assert {p["file"] for p in data["impact"]["newly_short"]} == newly
    for p in data["impact"]["newly_short"]:
        assert p["short"] == pytest.approx(24 - general[p["file"]])
    html = tmp_path / "a.html"
    _batch("report", str(out), "--out", str(html))
    assert "细则草案影响" in html.read_text(encoding="utf-8")


def test_suggest_under_a_draft_reports_the_added_effort_and_fees(draft, tmp_path):
    out = tmp_path / "s.sqlite"
    _batch("suggest", "--data", str(draft / "ws"), "--out", str(out), "--today", TODAY,
           "--compare-policy", str(draft / "draft.yaml"), "--workers", "2", "--quiet", "--chunk", "15")
    db = sqlite3.connect(out)
    effort = dict(db.execute("SELECT variant, SUM(effort_hours) FROM persons WHERE error IS NULL GROUP BY 1"))
    fee = dict(db.execute("SELECT variant, SUM(fee) FROM persons WHERE error IS NULL GROUP BY 1"))
    data = province(out)
    assert data["impact"]["effort"] == pytest.approx(round(effort["draft"] - effort["current"], 1))
    assert data["impact"]["fee"] == pytest.approx(round(fee["draft"] - fee["current"], 2))
    assert effort["draft"] > effort["current"]       # 6 more general hours a year cost effort
    # every draft plan meets the draft's general target where the current plan met the current one
    short = db.execute("SELECT COUNT(*) FROM targets t JOIN persons p ON p.file = t.file AND p.variant = t.variant "
                       "WHERE t.variant = 'draft' AND t.target = 'general' AND p.met = 1 AND t.value < 24").fetchone()[0]
    assert short == 0
