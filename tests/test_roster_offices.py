"""Rosters as offices keep them (issue 9 points 4-6): title rows, an
instructions sheet first, 序号 / 合计 / 备注 columns, Chinese route headers,
.xls, "12学时" and full-width digits; registered hours, not invented records;
the unit file created; departments checked."""
from __future__ import annotations

import json

import openpyxl
import pytest
import xlwt

from planner.ledger import build
from planner.workspace import load_workspace

from .conftest import cli_json

HEADER = ["序号", "工号", "姓名", "部门", "专业", "A类", "B类1", "B类2", "C类1", "C类5", "公需科目", "合计", "备注"]
ROWS = [
    [1, "HZ001", "王磊", "测绘科", "测绘地理信息", 40, None, 30, 30, 6.4, 18, 124.4, ""],
    [2, "HZ002", "李娜", "规划科", "国土空间规划", "66学时", 24, None, None, 4.8, "１８", 112.8, "C5 第三作者"],
    [3, "HZ003", "赵强", "测绘科", "surveying", 20, 36, 12, None, None, " 6 ", 74, None],
]


def office_xls(path, rows=ROWS):
    """The roster as the office sends it: instructions first, a merged title row."""
    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("填表说明")
    notes.write(0, 0, "填表说明")
    notes.write(1, 0, "1. 工号、姓名、专业必填；2. 各途径填写已登记学时")
    sheet = book.add_sheet("2026年学时")
    sheet.write_merge(0, 0, 0, len(HEADER) - 1, "某市自然资源和规划局2026年度继续教育学时登记表")
    sheet.write(1, 0, "填报单位：测绘院")
    for c, text in enumerate(HEADER):
        sheet.write(2, c, text)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    sheet.write(3 + len(rows), 0, "合计")
    sheet.write(3 + len(rows), 5, 126)
    book.save(str(path))
    return path


def run_import(cli, roster, root, *more):
    return cli("import", roster, "--unit", "U-CH", "--data", root, "--year", "2026", "--today", "2026-11-27", *more)


def test_the_office_roster_imports_in_one_command_and_the_audit_shows_registered_hours(tmp_path, cli, policy):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    roster = office_xls(tmp_path / "学时登记表.xls")
    code, out, err = run_import(cli, roster, root)
    assert code == 0, err
    assert out.splitlines() == ["U-CH：新建 3 人，更新 0 人，未变 0 人，2026年登记学时记录 13 条",
                                f"已新建单位文件 {root / 'units' / 'U-CH.yaml'}（部门：测绘科, 规划科）"]
    assert "跳过工作表“填表说明”（填表说明）" in err
    assert "读取工作表“2026年学时”，表头在第3行" in err
    assert "已忽略的列：序号, 合计, 备注" in err
    assert "跳过不是人员的行（合计或说明）：7" in err
    # the unit exists now: audit --unit and people --unit work right away
    space = load_workspace(root, policy)
    assert space.unit("U-CH").departments == ("测绘科", "规划科")
    assert [p.id for p in space.staff("U-CH")] == ["HZ001", "HZ002", "HZ003"]
    # every record is the registered figure: no level, organizer, venue, rank or days invented
    wang = space.person("HZ001")
    assert [(r.route, r.hours, r.source) for r in wang.records] == \
        [("A", 400, "roster"), ("B2", 300, "roster"), ("C1", 300, "roster"), ("C5", 64, "roster"), ("G", 180, "roster")]
    invented = ("level", "organizer", "venue", "rank", "days", "kind", "society", "platform", "subjects", "courses")
    assert all(getattr(r, f) is None for p in space.staff("U-CH") for r in p.records for f in invented)
    audit = cli_json(cli, "audit", "--person", "HZ001", "--data", root, "--today", "2026-11-27")
    assert audit["years"]["2026"]["routes"] == {
        "A": {"raw": 40.0, "counted": 40.0, "cap": None},
        "B2": {"raw": 30.0, "counted": 30.0, "cap": 36.0},
        "C1": {"raw": 30.0, "counted": 24.0, "cap": 24.0},        # C1 capped at 24 a year
        "C5": {"raw": 6.4, "counted": 6.4, "cap": 24.0},
        "G": {"raw": 18.0, "counted": 18.0, "cap": None}}
    assert (audit["years"]["2026"]["professional"], audit["years"]["2026"]["total"]) == (100.4, 118.4)
    li = cli_json(cli, "audit", "--person", "HZ002", "--data", root, "--today", "2026-11-27")
    assert li["years"]["2026"]["routes"]["C5"] == {"raw": 4.8, "counted": 4.8, "cap": 24.0}
    assert li["years"]["2026"]["routes"]["A"]["raw"] == 66.0 and li["years"]["2026"]["general"] == 18.0
    zhao = cli_json(cli, "audit", "--person", "HZ003", "--data", root, "--today", "2026-11-27")
    assert zhao["cycles"][0]["b_hours"] == 48.0 and zhao["years"]["2026"]["routes"]["B1"]["raw"] == 36.0
    code, text, _ = cli("audit", "--person", "HZ001", "--data", root, "--today", "2026-11-27")
    assert "登记学时（名册导入） = 6.4" in text
    code, text, _ = cli("audit", "--person", "HZ001", "--data", root, "--today", "2026-11-27", "--lang", "en")
    assert "registered hours (roster import) = 6.4" in text
    code, _, err = cli("audit", "--unit", "U-CH", "--data", root, "--year", "2026", "--today", "2026-11-27")
    assert code == 0, err


def test_importing_again_changes_nothing_and_keeps_the_unit_file(tmp_path, cli):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    roster = office_xls(tmp_path / "r.xls")
    assert run_import(cli, roster, root)[0] == 0
    unit = root / "units" / "U-CH.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("# budget: 200000", "budget: 150000  # 今年经费"),
                    encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "people").iterdir()} | {"unit": unit.read_bytes()}
    code, out, _ = run_import(cli, roster, root, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["unchanged"], data["unit_file"]["status"]) == (["HZ001", "HZ002", "HZ003"], "unchanged")
    assert before == {p.name: p.read_bytes() for p in (root / "people").iterdir()} | {"unit": unit.read_bytes()}


def test_an_existing_unit_file_gets_its_departments_and_keeps_its_lines(tmp_path, cli, policy):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "units").mkdir()
    (root / "units" / "U-CH.yaml").write_text(
        "# 手写的单位文件\nid: U-CH\nname: 某测绘院   # 全称\nbudget: 90000\n", encoding="utf-8")
    code, out, err = run_import(cli, office_xls(tmp_path / "r.xls"), root, "--lang", "en")
    assert code == 0, err
    assert "unit file" in out and "updated (departments: 测绘科, 规划科)" in out
    assert (root / "units" / "U-CH.yaml").read_text(encoding="utf-8") == \
        "# 手写的单位文件\nid: U-CH\nname: 某测绘院   # 全称\ndepartments: [测绘科, 规划科]\nbudget: 90000\n"


def test_a_department_not_in_the_units_list_is_bad_input_with_the_closest_name(tmp_path, cli):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "units").mkdir()
    (root / "units" / "U-CH.yaml").write_text("id: U-CH\nname: 某测绘院\ndepartments: [测绘科, 规划科]\n",
                                              encoding="utf-8")
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][3] = "测绘料"
    roster = office_xls(tmp_path / "r.xls", rows)
    code, _, err = run_import(cli, roster, root)
    assert code == 2
    assert "第5行: 测绘料：不在单位 U-CH 的部门名单中，是否为“测绘科”？" in err
    code, _, err = run_import(cli, roster, root, "--lang", "en")
    assert "row 5: 测绘料: not a department of unit U-CH; did you mean 测绘科?" in err
    assert list((root / "people").iterdir()) == []


def test_a_person_file_with_a_department_outside_the_list_is_bad_input(workspace, cli):
    root = workspace({"p": """
        id: p
        name: 甲
        unit: U1
        department: 测绘料
        specialty: surveying
    """}, {"U1": """
        id: U1
        name: 单位
        departments: [测绘科, 规划科]
    """})
    code, _, err = cli("audit", "--person", "p", "--data", root)
    assert code == 2
    assert "p.yaml 第4行，字段 department：测绘料：不在单位 U1 的部门名单中，是否为“测绘科”？" in err
    code, _, err = cli("audit", "--person", "p", "--data", root, "--lang", "en")
    assert "field 'department': 测绘料: not a department of unit U1; did you mean 测绘科?" in err


def test_header_words_of_the_policy_and_the_mapping(tmp_path, cli, policy):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年度学时汇总"])
    sheet.append([])
    sheet.append(["编号", "姓 名", "科室", "专业", "A类（学时）", "B类1：人力资源部门批准的高研班", "专项培训班",
                  "B3", "B类4", "C类2", "C3", "课题研究" if False else "专利", "论文", "职业资格考试",
                  "在职学历", "一般公需科目", "联系电话"])
    sheet.append(["X1", "钱 二", "地籍科", "土地工程", "１２．５学时", 30, 12, 16, 6, 8, 24, 9.6, 8, 6, 3, 20,
                  "13800000000"])
    book.save(tmp_path / "r.xlsx")
    code, _, err = run_import(cli, tmp_path / "r.xlsx", root)
    assert code == 0, err
    x1 = load_workspace(root, policy).person("X1")
    assert {r.route: r.hours for r in x1.records} == {"A": 125, "B1": 300, "B2": 120, "B3": 160, "B4": 60,
                                                     "C2": 80, "C3": 240, "C4": 96, "C5": 80, "C6": 60,
                                                     "C7": 30, "G": 200}
    assert "已忽略的列：联系电话" in err


def test_a_second_header_row_under_a_merged_group(tmp_path, cli, policy):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "专业", "专业科目", None, "一般公需"])
    sheet.append([None, None, None, "A类", "C类5", None])
    sheet.append(["Y1", "孙三", "marine", 30, 6.4, 18])
    sheet.merge_cells("D1:E1")
    book.save(tmp_path / "r.xlsx")
    code, _, err = run_import(cli, tmp_path / "r.xlsx", root)
    assert code == 0, err
    y1 = load_workspace(root, policy).person("Y1")
    assert {r.route: r.hours for r in y1.records} == {"A": 300, "C5": 64, "G": 180}


def test_the_sheet_can_be_named(tmp_path, cli, policy):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名", "专业", "A类"])
    book.active.append(["Z1", "旧", "marine", 1])
    second = book.create_sheet("2026")
    second.append(["工号", "姓名", "专业", "A类"])
    second.append(["Z1", "新", "marine", 2])
    book.save(tmp_path / "r.xlsx")
    assert run_import(cli, tmp_path / "r.xlsx", root, "--sheet", "2026")[0] == 0
    assert load_workspace(root, policy).person("Z1").name == "新"
    code, _, err = run_import(cli, tmp_path / "r.xlsx", root, "--sheet", "2027", "--lang", "en")
    assert code == 2 and "no sheet named '2027' (sheets: 'Sheet', '2026')" in err


@pytest.mark.parametrize("cell, message", [
    ("十二", "“十二”不是学时数"),
    ("-2", "学时不能为负数（“-2”）"),
    ("4.85", "“4.85”不是学时数"),
    ("99999", "“99999”超过一个途径一年可登记的学时（上限 1000）"),
])
def test_a_bad_hours_cell_is_named_in_chinese(tmp_path, cli, cell, message):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (tmp_path / "r.csv").write_text(f"工号,姓名,专业,C类5\nA1,甲,marine,{cell}\n", encoding="utf-8")
    code, _, err = run_import(cli, tmp_path / "r.csv", root)
    assert code == 2
    assert f"第2行 D列（C类5）: {message}" in err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_roster_template_has_instructions_first_and_imports_once_filled(tmp_path, cli, policy, lang):
    from planner.roster import write_template
    path = tmp_path / "模板.xlsx"
    write_template(path, policy, lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == (["填表说明", "名册"] if lang == "zh" else ["instructions", "roster"])
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[2]]
    if lang == "zh":
        assert header == ["序号", "工号", "姓名", "部门", "专业", "A类专业科目", "B类1", "B类2", "B类3", "B类4",
                          "C类1", "C类2", "C类3", "C类4", "C类5", "C类6", "C类7", "一般公需科目", "备注"]
    else:
        assert header[:6] == ["no.", "id", "name", "department", "specialty", "A"] and header[-2:] == ["G", "remarks"]
    sheet.append([1, "T1", "周九", "测绘科", "测绘地理信息" if lang == "zh" else "surveying", 40, None, None, None,
                  None, None, None, None, None, 6.4, None, None, 18, "示例"])
    book.save(path)
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    code, _, err = run_import(cli, path, root, "--lang", lang)
    assert code == 0, err
    person = load_workspace(root, policy).person("T1")
    assert {r.route: r.hours for r in person.records} == {"A": 400, "C5": 64, "G": 180}


def test_init_lays_out_a_workspace_that_import_fills(tmp_path, cli, policy):
    folder = tmp_path / "测绘院"
    code, out, err = cli("init", folder, "--unit", "U-CH")
    assert code == 0, err
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.name != ".planner.lock") == \
        ["people", "planner.toml", "units", "units/U-CH.yaml", "名册模板.xlsx"]
    unit_text = (folder / "units" / "U-CH.yaml").read_text(encoding="utf-8")
    assert "# departments: [测绘科, 规划科]" in unit_text and "# budget: 200000" in unit_text
    assert 'data = "."' in (folder / "planner.toml").read_text(encoding="utf-8")
    assert load_workspace(folder, policy).unit("U-CH").departments is None
    book = openpyxl.load_workbook(folder / "名册模板.xlsx")
    assert book.sheetnames == ["填表说明", "名册"]
    book["名册"].append([1, "N1", "吴十", "测绘科", "测绘地理信息", 12])
    book.save(folder / "名册模板.xlsx")
    code, out, err = cli("import", folder / "名册模板.xlsx", "--unit", "U-CH", "--data", folder, "--year", "2026")
    assert code == 0, err
    assert "已更新单位文件" in out
    assert load_workspace(folder, policy).unit("U-CH").departments == ("测绘科",)
    # an existing workspace is never overwritten
    code, _, err = cli("init", folder, "--lang", "en")
    assert code == 2 and "this folder already holds people, units, planner.toml" in err
