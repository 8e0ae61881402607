"""Reports people read (issue 4): golden Markdown and text, HTML parsed for
its sections and numbers, the SVG charts' arithmetic.

Regenerate the golden files after a deliberate change with
    UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py
and read the diff before committing it.
"""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.render import svg
from planner.cli import main
from tests.reportfixtures import TODAY, make_workspace

GOLDEN = Path(__file__).parent / "golden"


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path} (run with UPDATE_GOLDEN=1)"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path)


def audit(ws, *extra, env=None):
    data, _ = ws
    return run("audit", "--data", data, "--person", "T01", "--today", TODAY, *extra, env=env)


def suggest(ws, *extra, env=None):
    data, catalog = ws
    return run("suggest", "--data", data, "--catalog", catalog, "--person", "T01", "--today", TODAY,
               "--year", 2027, "--through", 2027, *extra, env=env)


# ---------------------------------------------------------------- golden files

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_audit_markdown_golden(ws, lang):
    golden(f"audit-T01.{lang}.md", audit(ws, "--format", "md", "--lang", lang))


@pytest.mark.parametrize("columns", [100, 60])
def test_audit_text_golden(ws, columns):
    text = audit(ws, env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    golden(f"audit-T01.{columns}col.txt", text)


def test_audit_text_fits_a_phone_terminal(ws):
    from rich.cells import cell_len
    text = audit(ws, env={"COLUMNS": "60"})
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest <= 60, f"a line is {widest} cells wide"
    assert "82.4" in text and "7.6" in text        # 2026 total and its shortfall survive the narrowing


def test_audit_text_has_no_colour_codes_off_a_terminal(ws):
    assert "\x1b[" not in audit(ws)


def test_suggest_markdown_golden(ws):
    golden("suggest-T01.zh.md", suggest(ws, "--format", "md"))


def test_suggest_text_golden(ws):
    golden("suggest-T01.100col.txt", suggest(ws, env={"COLUMNS": "100", "NO_COLOR": "1"}))


def test_markdown_cells_escape_pipes(ws):
    text = audit(ws, "--format", "md")
    assert "| 公需课 \\| 2026 | 12.0 | 12.0 |" in text


# ---------------------------------------------------------------- HTML

class Page(HTMLParser):
    """Sections by id, the text of every cell, every SVG text, every tag name."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.sections: list[str] = []
        self.headings: list[str] = []
        self.cells: list[str] = []
        self.svg_text: list[str] = []
        self.links: list[str] = []
        self._stack: list[str] = []
        self._buffer: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "section" and "id" in attrs:
            self.sections.append(attrs["id"])
        for key in ("href", "src"):
            if key in attrs:
                self.links.append(attrs[key])
        if tag in ("td", "th", "h2", "text"):
            self._buffer = []
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th", "h2", "text") and self._buffer is not None:
            words = "".join(self._buffer).strip()
            {"h2": self.headings, "text": self.svg_text}.get(tag, self.cells).append(words)
            self._buffer = None
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._buffer is not None:
            self._buffer.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_audit_html_sections_and_numbers(ws):
    text = audit(ws, "--format", "html")
    page = parse(text)
    assert page.sections == ["year-2025", "year-2026", "cycles", "unmet", "register"]
    assert page.headings[:2] == ["2025 年度 · 未达标", "2026 年度 · 未达标"]
    # bars: value / target for each target and year, as the rules count them
    for label in ("70 / 65", "18 / 18", "88 / 90", "70.4 / 65", "12 / 18", "82.4 / 90"):
        assert label in page.svg_text, label
    assert "24 / 36" in page.svg_text                    # the B cycle 2024-2026
    assert page.tags.count("svg") == 2 + 1 + 1           # two years' bars, 2026's timeline, one cycle
    # unmet targets with their shortfalls and rule words
    assert "7.6" in page.cells and "6.0" in page.cells and "2.0" in page.cells and "12.0" in page.cells
    assert any("第五条" in c for c in page.cells)
    # the register: one row per record, with the registrar and the evidence
    assert page.cells.count("测试员") == 7
    assert "结业证书 No.1" in page.cells and "某市自然资源和规划局" in page.cells


def test_html_is_self_contained(ws):
    text = audit(ws, "--format", "html")
    page = parse(text)
    assert "script" not in page.tags
    assert page.links == []
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text
    assert "@media print" in text and "size: A4" in text and "break-before: page" in text


def test_audit_html_english(ws):
    page = parse(audit(ws, "--format", "html", "--lang", "en"))
    assert page.headings[1] == "Year 2026 · not met"
    assert "Hours register" in page.headings
    assert not any(re.search("[\u4e00-\u9fff]", h) for h in page.headings)


def test_suggest_html_sections_and_plan_table(ws):
    page = parse(suggest(ws, "--format", "html"))
    assert page.sections[:3] == ["plan", "unmet", "year-2027"]
    assert {"cycles", "register"} <= set(page.sections)
    # planned hours drawn beside the (empty) 2027 records: 76 professional, 18 general, 94 total
    assert {"76 / 65", "18 / 18", "94 / 90"} <= set(page.svg_text)
    # the plan table: offering, route, dates, earned, counted, fee, effort, why
    assert "2027-05-11–05-13" in page.cells
    assert "1600" in page.cells and "24.0" in page.cells
    assert any(c.startswith("计入专业科目、合计；8/天 × 3天 = 24") for c in page.cells)
    assert "2580" in page.cells and "83.5" in page.cells          # totals row: fee and effort


def test_reports_are_deterministic(ws):
    assert audit(ws, "--format", "html") == audit(ws, "--format", "html")
    assert suggest(ws, "--format", "html") == suggest(ws, "--format", "html")


# ---------------------------------------------------------------- SVG arithmetic

LEGEND = svg.Legend("counted", "planned", "missing", "required")


def widths(chart: str, cls: str) -> list[float]:
    return [float(w) for w in re.findall(rf'width="([\d.]+)" height="[\d.]+" class="{cls}"', chart)]


def test_year_bars_split_counted_planned_missing():
    chart = svg.year_bars("t", [svg.Bar("total", "total", 300, 200, 900)], LEGEND)
    counted, planned, missing = widths(chart, "counted")[0], widths(chart, "planned")[0], widths(chart, "missing")[0]
    # 30 + 20 + 40 = 90 hours: the three parts are in the ratio 3 : 2 : 4
    assert counted / planned == pytest.approx(1.5, rel=1e-2)
    assert missing / planned == pytest.approx(2.0, rel=1e-2)
    assert ">50 / 90<" in chart


def test_year_bars_over_target_has_no_missing_part():
    chart = svg.year_bars("t", [svg.Bar("general", "general", 250, 0, 180)], LEGEND, planned=False)
    assert widths(chart, "missing") == []
    assert 'class="value met">25 / 18<' in chart


def test_cycle_progress_segments_per_year():
    chart = svg.cycle_progress("c", [svg.CycleYear(2024, 120), svg.CycleYear(2025, 60, 0),
                                     svg.CycleYear(2026, 0, 180)], 360, LEGEND)
    assert len(widths(chart, "counted")) == 2 and len(widths(chart, "planned")) == 1
    assert widths(chart, "missing") == []
    assert ">36 / 36<" in chart


def test_timeline_places_events_by_day():
    import datetime as dt
    events = [svg.Event("x", dt.date(2027, 7, 2), dt.date(2027, 7, 4), "B3")]
    chart = svg.timeline("t", events, 2027, [str(i) for i in range(1, 13)])
    x, w = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', chart).groups()
    # 2 July is day 182 of 365 (0-based), three days wide, on a 640-wide year
    assert float(x) == pytest.approx(182 * 640 / 365, abs=0.1)
    assert float(w) == pytest.approx(3 * 640 / 365, abs=0.1)
    assert "7/2 B3 x" in chart


def test_svg_text_is_escaped():
    chart = svg.year_bars("<b>&", [svg.Bar("k", "a<b", 0, 0, 10)], LEGEND)
    assert "<b>" not in chart and "&lt;b&gt;&amp;" in chart


# ---------------------------------------------------------------- unit reports

def unit_report(fmt, *extra):
    return run("unit", "--unit", "U-HZ", "--year", 2027, "--today", TODAY, "--format", fmt, "--quiet", *extra)


def test_unit_html_sections_and_people():
    page = parse(unit_report("html"))
    assert page.sections[:4] == ["people", "trainings", "unmet"] + [page.sections[3]]
    people = [s for s in page.sections if s.startswith("person-")]
    assert len(people) == 12 and "person-HZ01" in people
    # each person's bars: the plan brings every one of them to 90
    assert page.svg_text.count("90 / 90") == 12
    assert "script" not in page.tags and page.links == []


def test_unit_markdown_has_every_person():
    text = unit_report("md")
    assert text.count("\n## ") == 3 + 12
    assert "| HZ01 | 王磊 | 测绘科 |" in text


# ---------------------------------------------------------------- terminal wrapping

def test_wrap_cells_counts_cjk_as_two_and_keeps_brackets_with_their_words():
    from rich.cells import cell_len
    from planner.render.linebreak import wrap as wrap_cells
    lines = wrap_cells("需要36学时（第六条（二））", 22)
    assert lines == ["需要36学时（第六条", "（二））"]
    assert all(cell_len(line) <= 22 for line in lines)
    assert wrap_cells("abc def ghi jkl", 8) == ["abc def", "ghi jkl"]


def test_plan_text_on_a_phone_terminal(ws, monkeypatch):
    """planner.render.plan.plan_text (the width-aware terminal plan) at 60 columns."""
    import datetime as dt
    from rich.cells import cell_len
    from planner.render import plan as textout
    from planner.plan.solve import plan
    from planner.policy import resolve_policy
    from planner.workspace import load_catalog, load_workspace
    data, catalog = ws
    policy = resolve_policy()
    result = plan(load_workspace(data, policy).person("T01"), policy, load_catalog(catalog, policy).offerings,
                  today=dt.date(2026, 11, 27), years=(2027,), require=(), exclude=(), time_limit=10)
    monkeypatch.setenv("COLUMNS", "60")
    text = textout.plan_text(result, "zh")
    assert max(cell_len(line) for line in text.splitlines()) <= 60
    golden("suggest-T01.60col.txt", text)
