"""The unit workbook prints (issue 9, point 7): every sheet on A4 landscape,
one page wide, its header repeated and frozen, filtered; the 300-staff
summary on at most one page per 40 staff with no row split into column
bands; one 报名名单 per attended offering and held training. Printed for
real by LibreOffice headless (CI installs it, as it does Chromium).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from planner.cli import main

STAFF = 300
DEPARTMENTS = ("测绘科", "规划科", "地质科", "办公室")
PERSON = """\
id: P{k:03d}
name: 员工{k:03d}
unit: U-T
department: {dept}
specialty: surveying
records:
  - {{route: A, year: 2027, title: 已学课件, hours: {a}, platform: zjce}}
  - {{route: G, year: 2027, title: 已学公需, hours: 21}}
"""
UNIT = """\
id: U-T
name: 测试单位
max_away_share: 0.5
unit_trainings:
  - {id: U-T-T1, title: 单位讲座, date: 2027-03-16, days: 1, cost: 1200, seats: 400, effort_hours: 3}
"""
CATALOG = """\
offerings:
  - {id: A-X, route: A, title: 课件X, hours: 4, platform: zjce, year: 2027, fee: 500, effort_hours: 3}
  - {id: A-Y, route: A, title: 课件Y, hours: 6, platform: zjce, year: 2027, fee: 100, effort_hours: 5}
  - {id: B2-X, route: B2, title: 专项培训, organizer: province, date: 2027-05-10, fee: 800, effort_hours: 8, seats: 30}
"""


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """A 300-staff unit: most need 4 more hours, every seventh 9."""
    tmp = tmp_path_factory.mktemp("u300")
    (tmp / "ws" / "people").mkdir(parents=True)
    (tmp / "ws" / "units").mkdir()
    for k in range(STAFF):
        text = PERSON.format(k=k, dept=DEPARTMENTS[k % 4], a=60 if k % 7 == 0 else 65)
        (tmp / "ws" / "people" / f"P{k:03d}.yaml").write_text(text, encoding="utf-8")
    (tmp / "ws" / "units" / "U-T.yaml").write_text(UNIT, encoding="utf-8")
    (tmp / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    out = tmp / "plan.xlsx"
    res = CliRunner().invoke(main, ["unit", "--unit", "U-T", "--year", "2027", "--today", "2026-11-27",
                                    "--data", str(tmp / "ws"), "--catalog", str(tmp / "catalog.yaml"),
                                    "--format", "xlsx", "--out", str(out), "--work", "1", "-q"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


def test_every_sheet_is_set_up_for_a4_landscape_one_page_wide(workbook):
    wb = openpyxl.load_workbook(workbook)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title          # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, "1", 1), ws.title     # absent: 1, the schema's default
        assert ws.print_title_rows and ws.freeze_panes and ws.auto_filter.ref, ws.title
        header = int(ws.print_title_rows.split(":")[0].lstrip("$"))
        assert ws.freeze_panes == f"A{header + 1}", ws.title


def test_summary_figures_are_numbers_with_formats(workbook):
    ws = openpyxl.load_workbook(workbook)["汇总"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(max_row=12)}
    assert cells["与下限差距"].number_format == "0.00%"
    assert isinstance(cells["与下限差距"].value, (int, float)) and 0 <= cells["与下限差距"].value < 1
    assert cells["总投入（小时）"].number_format == "0.0"
    assert cells["达标人数"].value + cells["未达标人数"].value == STAFF
    rows = [r for r in ws.iter_rows(min_row=15, values_only=True) if r[0]]
    assert len(rows) == STAFF and rows[0][0] == "P000"


def test_one_enrolment_list_per_attended_offering_and_held_training(workbook):
    wb = openpyxl.load_workbook(workbook)
    detail = [r for r in wb["明细"].iter_rows(min_row=2, values_only=True)]
    attended: dict[str, set] = {}
    for person, _, _, oid, *_ in detail:
        attended.setdefault(oid, set()).add(person)
    assert "U-T-T1" in attended and len(attended) >= 2
    assert sorted(attended) == [n for n in wb.sheetnames if n not in ("汇总", "单位培训", "明细", "未达标的人员")]
    for oid, people in attended.items():
        ws = wb[oid]
        assert ws["A1"].value == "报名名单" and ws["B1"].value.startswith(oid)
        header = int(ws.print_title_rows.split(":")[0].lstrip("$"))
        assert [c.value for c in ws[header]] == ["序号", "人员", "姓名", "部门", "日期"]
        listed = [r[1] for r in ws.iter_rows(min_row=header + 1, values_only=True)]
        assert listed == sorted(people)
    assert not any(n.startswith("P000") for n in wb.sheetnames)      # person sheets only with --per-person


def _soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but LibreOffice is missing (.ci/run installs libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but poppler-utils is missing")
        pytest.skip("poppler-utils is not installed")
    return found


def test_libreoffice_prints_the_summary_on_one_page_per_40_staff_no_row_split(workbook, tmp_path):
    soffice = _soffice()
    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(workbook)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "plan.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                            text=True, check=True).stdout).group(1))
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout for i in range(1, pages + 1)]
    summary = [t for t in texts if "专业科目（学时）" in t]        # the summary's table header, on every page
    assert 1 <= len(summary) <= STAFF // 40
    seen = set()
    for text in summary:
        for line in text.splitlines():
            found = re.match(r"\s*(P\d{3})\s+员工(\d{3})\s", line)
            if found:
                assert found.group(1)[1:] == found.group(2)
                assert line.rstrip().endswith(("已达标", "未达标")), line     # the whole row on one page
                seen.add(found.group(1))
    assert seen == {f"P{k:03d}" for k in range(STAFF)}
