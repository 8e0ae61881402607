"""The unit workbook as a user sees it (render/xlsx.py on render/xlsxbook.py),
read back with openpyxl: 41 staff, one course with 39 seats, a held unit
training with 1 seat and one the budget cannot pay, so one person is short.
Sheets in order; every value, its type and number format (numbers stay
numbers, right-aligned; dates are text); the bold wrapped header; column
widths; the wrapped reason columns; frozen header, filter, print titles;
A4 landscape, one page wide, the summary one page per 40 staff (2 here),
9-point text on 12-point rows."""
from __future__ import annotations

import io

import openpyxl
import pytest

from planner.render import xlsx
from planner.unit.explain import explain_plan
from planner.unit.search import plan_unit

from .unitfixtures import TODAY, YEAR, online, person, unit

TRAININGS = [{"id": "U-T-T1", "title": "单位讲座", "date": "2027-03-16", "days": 1, "cost": 1200, "seats": 1,
              "effort_hours": 3},
             {"id": "U-T-T2", "title": "贵的讲座", "date": "2027-05-16", "days": 1, "cost": 99999, "seats": 5,
              "effort_hours": 3}]
HEAD = (None, "center", True)
RIGHT = ("right", None, False)
NONE = (None, None, False)
TOP = (None, "top", True)


@pytest.fixture(scope="module")
def plan(policy):
    staff = [person(f"P{k:02d}", department="测绘科" if k % 2 else "规划科") for k in range(41)]
    return explain_plan(plan_unit(unit(TRAININGS, budget=10000), staff, policy,
                                  [online("A-X", 4, 3, fee=120.5, seats=39)], YEAR, TODAY))


@pytest.fixture(scope="module")
def book(plan):
    return openpyxl.load_workbook(io.BytesIO(xlsx.unit_workbook(plan, "zh", per_person=True)))


def _looks(row):
    return [(c.value, c.data_type, c.number_format, bool(c.font.b), c.font.sz,
             (c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text))) for c in row]


def _widths(ws):
    return {openpyxl.utils.get_column_letter(k): d.width for d in ws.column_dimensions.values() if d.customWidth
            for k in range(d.min, d.max + 1)}


def _printed(ws):
    p, m = ws.page_setup, ws.page_margins
    return (p.orientation, int(p.paperSize), ws.sheet_properties.pageSetUpPr.fitToPage,
            1 if p.fitToWidth is None else int(p.fitToWidth),       # absent: 1, the schema's default
            1 if p.fitToHeight is None else int(p.fitToHeight),
            (m.left, m.right, m.top, m.bottom, m.header, m.footer), ws.print_options.horizontalCentered,
            ws.oddFooter.center.text, ws.print_title_rows, ws.freeze_panes, ws.auto_filter.ref)


def test_the_sheets_in_order(book):
    assert book.sheetnames[:6] == ["汇总", "单位培训", "未达标的人员", "明细", "A-X", "U-T-T1"]
    assert book.sheetnames[6:] == [f"P{k:02d} 员工P{k:02d}" for k in range(41)]


def test_the_summary_figures_table_and_print_setup(book):
    ws = book["汇总"]
    block = [_looks(r)[:2] for r in ws.iter_rows(max_row=12)]
    assert [(a[0], b[0], b[1], b[2]) for a, b in block] == [
        ("单位年度培训计划", "测试单位 (U-T)", "s", "General"), ("年度", 2027, "n", "0"),
        ("结论", "部分人员无法达标（其余人员均达标；给出总差额最小的方案）", "s", "General"),
        ("总投入（小时）", 120, "n", "0.0"), ("投入下限（小时）", 120, "n", "0.0"), ("与下限差距", 0, "n", "0.00%"),
        ("课程费用（元）", 4699.5, "n", "#,##0.00"), ("单位培训组织费（元）", 1200, "n", "#,##0.00"),
        ("合计费用（元）", 5899.5, "n", "#,##0.00"), ("单位经费（元）", 10000, "n", "#,##0.00"),
        ("达标人数", 40, "n", "0"), ("未达标人数", 1, "n", "0")]
    assert {(x[3], x[4], x[5]) for row in block for x in row} == {(False, 9, NONE)}
    assert _looks(ws[14]) == [(v, "s", "General", True, 9, HEAD) for v in
                              ["人员", "姓名", "部门", "项", "投入（小时）", "费用（元）", "专业科目（学时）",
                               "一般公需科目（学时）", "合计（学时）", "B类周期", "结论"]]
    assert _looks(ws[16]) == [("P01", "s", "General", False, 9, NONE), ("员工P01", "s", "General", False, 9, NONE),
                              ("测绘科", "s", "General", False, 9, NONE), (1, "n", "0", False, 9, RIGHT),
                              (3, "n", "0.0", False, 9, RIGHT), (120.5, "n", "#,##0.00", False, 9, RIGHT),
                              (69, "n", "0.0", False, 9, RIGHT), (21, "n", "0.0", False, 9, RIGHT),
                              (90, "n", "0.0", False, 9, RIGHT), (None, "n", "General", False, 9, NONE),
                              ("已达标", "s", "General", False, 9, NONE)]
    assert ws["A13"].font.sz == 9 and ws["C1"].font.sz == 9 and ws["K55"].value == "未达标"
    assert ws.max_row == 55 and ws.sheet_format.defaultRowHeight == 12 and ws.sheet_format.customHeight
    assert _widths(ws) == {"A": 22, "B": 40, "C": 8, "D": 6, "E": 14, "F": 12, "G": 18, "H": 22, "I": 14,
                           "J": 10, "K": 8}
    assert _printed(ws) == ("landscape", 9, True, 1, 2, (0.4, 0.4, 0.5, 0.5, 0.25, 0.25), True, "&P / &N",
                            "$14:$14", "A15", "A14:K55")


def test_the_trainings_with_their_reasons_wrapped(book, plan):
    ws = book["单位培训"]
    assert [c[:3] for c in _looks(ws[2])[:7]] == [("U-T-T1", "s", "General"), ("单位讲座", "s", "General"),
                                                 ("2027-03-16", "s", "General"), ("举办", "s", "General"),
                                                 (1, "n", "0"), (1, "n", "0"), (1200, "n", "#,##0.00")]
    assert [c[5] for c in _looks(ws[2])] == [NONE] * 4 + [RIGHT] * 3 + [TOP]
    assert ws["G3"].value is None and ws["D3"].value == "不举办"
    assert ws["H3"].value.startswith("举办将超出单位经费") and _looks([ws["H3"]])[0][5] == TOP
    assert _looks([ws["H1"]]) == [("理由", "s", "General", True, 11, TOP)]          # bold, and wrapped to the top
    assert _widths(ws) == {"A": 10, "B": 10, "C": 12, "D": 8, "E": 10, "F": 6, "G": 14, "H": 90}
    assert _printed(ws) == ("landscape", 9, True, 1, 0, (0.4, 0.4, 0.5, 0.5, 0.25, 0.25), True, "&P / &N",
                            "$1:$1", "A2", "A1:H3")
    assert ws.sheet_format.defaultRowHeight == 15 and not ws.sheet_format.customHeight


def test_the_short_people_and_the_detail(book):
    ws = book["未达标的人员"]
    assert [(c.value, bool(c.font.b)) for c in ws[1]] == [("人员", True), ("姓名", True), ("理由", True)]
    assert ws["A2"].value == "P40" and ws["C2"].value.startswith("合计（第五条")
    assert _looks([ws["C2"]])[0][5] == TOP and _looks([ws["A2"]])[0][5] == NONE
    assert _widths(ws) == {"A": 6, "B": 12, "C": 100} and _printed(ws)[-3:] == ("$1:$1", "A2", "A1:C2")
    ws = book["明细"]
    assert [c[:3] for c in _looks(ws[3])] == [("P01", "s", "General"), ("员工P01", "s", "General"),
                                              ("测绘科", "s", "General"), ("A-X", "s", "General"),
                                              ("课程A-X", "s", "General"), ("A", "s", "General"),
                                              ("2027", "s", "General"), (4, "n", "0.0"), (120.5, "n", "#,##0.00"),
                                              (3, "n", "0.0")]
    assert _widths(ws) == {"A": 6, "B": 12, "C": 8, "D": 8, "E": 12, "F": 6, "G": 12, "H": 6, "I": 12, "J": 14}
    assert _printed(ws)[-3:] == ("$1:$1", "A2", "A1:J41")


def test_an_enrolment_list(book):
    ws = book["A-X"]
    assert [(r[0].value, r[1].value, r[1].number_format) for r in ws.iter_rows(max_row=5)] == [
        ("报名名单", "A-X 课程A-X", "General"), ("途径", "A", "General"), ("日期", "2027", "General"),
        ("每人学时", 4, "0.0"), ("名额", 39, "General")]
    assert ws["B4"].alignment.horizontal is None
    assert [c.value for c in ws[7]] == ["序号", "人员", "姓名", "部门", "日期"] and all(c.font.b for c in ws[7])
    assert [r[1] for r in ws.iter_rows(min_row=8, values_only=True)] == [f"P{k:02d}" for k in range(1, 40)]
    assert _printed(ws)[-3:] == ("$7:$7", "A8", "A7:E46")
    assert _widths(ws) == {"A": 10, "B": 20, "C": 12, "D": 8, "E": 6}


def test_a_person_sheet_bolds_each_table_header_across_the_sheet(book):
    ws = book["P01 员工P01"]
    heads = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).font.b]
    assert heads == [4, 7, 10]
    assert [c.value for c in ws[7]] == ["完成后", "取得", "计入", "年度上限", None, None, None]
    assert all(c.font.b and c.alignment.wrap_text for c in ws[7])              # to the sheet's width, as before
    assert [c.value for c in ws[13]] == ["合计", 90, 90, 0, None, None, None] and not ws["A13"].font.b
    assert ws["E5"].value == 4 and ws["E5"].number_format == "General"          # no number formats on person sheets
    assert _printed(ws)[-3:] == ("$4:$4", "A5", "A4:G13")


def test_the_same_plan_gives_the_same_bytes(plan):
    assert xlsx.unit_workbook(plan, "en") == xlsx.unit_workbook(plan, "en")
