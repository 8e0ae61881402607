"""The roster files people really have (issue 10's roster items): formula
cells without a saved value, a hidden first sheet, Big5 / Shift-JIS / GBK
csv, ids that cannot be file names, a damaged workbook, NUL bytes, huge
fields, a FIFO. Each is read right or refused with exit 2 naming the file."""
from __future__ import annotations

import os
import shutil
import zipfile

import openpyxl
import pytest

from planner.workspace import load_workspace


def ws(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    return root


def run(cli, roster, root, *more):
    return cli("import", roster, "--unit", "U1", "--data", root, "--year", "2026", *more)


def test_a_formula_without_a_saved_value_is_bad_input_where_it_matters(tmp_path, cli):
    root = ws(tmp_path)
    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名", "专业", "A类", "G", "合计"])
    book.active.append(["F1", "甲", "marine", "=10+2", 18, "=D2+E2"])
    book.save(tmp_path / "r.xlsx")              # openpyxl saves formulas without values, like many tools
    code, _, err = run(cli, tmp_path / "r.xlsx", root)
    assert code == 2
    assert "第2行 D列（A类）: 公式 =10+2 没有保存计算结果" in err
    assert "合计" not in err                     # the ignored totals column may hold formulas
    assert list((root / "people").iterdir()) == []


def test_the_hidden_first_sheet_is_not_read(tmp_path, cli, policy):
    root = ws(tmp_path)
    book = openpyxl.Workbook()
    stale = book.active
    stale.title = "旧表"
    stale.append(["工号", "姓名", "专业", "A类"])
    stale.append(["H1", "甲", "marine", 99])
    stale.sheet_state = "hidden"
    live = book.create_sheet("2026")
    live.append(["工号", "姓名", "专业", "A类"])
    live.append(["H1", "甲", "marine", 12])
    book.active = 1
    book.save(tmp_path / "r.xlsx")
    code, _, err = run(cli, tmp_path / "r.xlsx", root)
    assert code == 0, err
    assert "跳过工作表“旧表”（隐藏）" in err
    assert [r.hours for r in load_workspace(root, policy).person("H1").records] == [120]


@pytest.mark.parametrize("encoding, text, names", [
    ("big5", "工號,姓名,部門,專業,A\nB1,陳大文,測繪科,marine,12\nB2,張偉,規劃科,surveying,6\n",
     {"B1": ("陳大文", "測繪科"), "B2": ("張偉", "規劃科")}),
    ("shift_jis", "社員番号,氏名,部署,専攻,A\nS1,山田太郎,測量課,marine,12\nS2,佐藤花子,企画課,marine,6\n",
     {"S1": ("山田太郎", "測量課"), "S2": ("佐藤花子", "企画課")}),
    ("gbk", "工号,姓名,部门,专业,A\nG1,王磊,测绘科,测绘地理信息,12\n", {"G1": ("王磊", "测绘科")}),
    ("gbk", "id,name,department,specialty,A\nG1,王磊,测绘科,marine,12\nG2,李娜,规划科,marine,6\n",
     {"G1": ("王磊", "测绘科"), "G2": ("李娜", "规划科")}),
    ("utf-8-sig", "工号,姓名,专业,A\nU1,周八,marine,12\n", {"U1": ("周八", None)}),
])
def test_csv_encodings_are_read_without_garbling(tmp_path, cli, policy, encoding, text, names):
    root = ws(tmp_path)
    (tmp_path / "r.csv").write_bytes(text.encode(encoding))
    code, _, err = run(cli, tmp_path / "r.csv", root)
    assert code == 0, err
    people = load_workspace(root, policy).people
    assert {pid: (p.name, p.department) for pid, p in people.items()} == names


def test_an_undecidable_encoding_is_refused_not_garbled(tmp_path, cli):
    root = ws(tmp_path)
    # GBK bytes that read as common characters in Big5 too, under an ASCII header
    data = "id,name,specialty,A\nX1,啊,marine,12\n".encode("gbk")
    assert data.decode("big5") != data.decode("gbk")
    (tmp_path / "r.csv").write_bytes(data)
    code, _, err = run(cli, tmp_path / "r.csv", root, "--lang", "en")
    assert code == 2
    assert "r.csv: cannot tell the file's encoding (GBK/GB18030 / Big5 all read it, differently)" in err
    assert list((root / "people").iterdir()) == []


@pytest.mark.parametrize("pid, message", [
    ("A\nB", "第2行 A列（工号）: 含有换行或控制字符（id）"),
    ("x" * 300, "第2行 A列（工号）: id过长（300 个字符，上限 64）"),
    ("../x", "第2行 A列（工号）: “../x”不能作为文件名"),
    (".hidden", "第2行 A列（工号）: “.hidden”不能作为文件名"),
])
def test_an_id_that_cannot_be_a_file_name_is_bad_input(tmp_path, cli, pid, message):
    root = ws(tmp_path)
    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名", "专业", "A类"])
    book.active.append([pid, "甲", "marine", 12])
    book.save(tmp_path / "r.xlsx")
    code, _, err = run(cli, tmp_path / "r.xlsx", root)
    assert code == 2 and message in err
    assert list((root / "people").iterdir()) == []


SST = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")


def test_a_damaged_shared_strings_table_is_bad_input(tmp_path, cli):
    root = ws(tmp_path)
    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名", "专业", "A类"])
    book.active.append(["D1", "甲", "marine", 12])
    book.save(tmp_path / "good.xlsx")
    with zipfile.ZipFile(tmp_path / "good.xlsx") as src, zipfile.ZipFile(tmp_path / "r.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":   # B2 points at shared string 7 of a table of 1
                data = data.replace('<c r="B2" t="inlineStr"><is><t>甲</t></is></c>'.encode(),
                                    b'<c r="B2" t="s"><v>7</v></c>')
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                                 f'ContentType="{SST}"/></Types>'.encode())
            dst.writestr(item, data)
        dst.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                                             'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x</t></si></sst>')
    code, _, err = run(cli, tmp_path / "r.xlsx", root, "--lang", "en")
    assert code == 2
    assert "r.xlsx: cannot read this xlsx file, it may be damaged (IndexError" in err


def test_a_nul_byte_in_a_csv_is_bad_input_naming_the_line(tmp_path, cli):
    root = ws(tmp_path)
    (tmp_path / "r.csv").write_bytes("工号,姓名,专业,A\nN1,甲\x00,marine,12\n".encode("utf-8"))
    code, _, err = run(cli, tmp_path / "r.csv", root, "--lang", "en")
    assert code == 2 and "r.csv: line 2 holds a NUL character" in err


def test_a_csv_field_over_the_limit_is_bad_input(tmp_path, cli):
    root = ws(tmp_path)
    (tmp_path / "r.csv").write_text("工号,姓名,专业,A\nL1,\"" + "长" * 131_073 + "\",marine,12\n", encoding="utf-8")
    code, _, err = run(cli, tmp_path / "r.csv", root, "--lang", "en")
    assert code == 2 and "r.csv: line 2 has a cell of more than 131072 characters" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting(tmp_path, cli):
    root = ws(tmp_path)
    os.mkfifo(tmp_path / "r.csv")
    code, _, err = run(cli, tmp_path / "r.csv", root, "--lang", "en")
    assert code == 2 and "a roster must be a regular file" in err


def test_an_xls_error_cell_is_named(tmp_path, cli):
    import xlwt
    root = ws(tmp_path)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    for c, text in enumerate(["工号", "姓名", "专业", "A类"]):
        sheet.write(0, c, text)
    for c, value in enumerate(["E1", "甲", "marine"]):
        sheet.write(1, c, value)
    sheet.row(1).set_cell_error(3, "#DIV/0!")
    book.save(str(tmp_path / "r.xls"))
    code, _, err = run(cli, tmp_path / "r.xls", root, "--lang", "en")
    assert code == 2
    assert "row 2, column D (A类): the cell shows the error #DIV/0!, not hours" in err


def test_a_missing_roster(tmp_path, cli):
    root = ws(tmp_path)
    code, _, err = run(cli, tmp_path / "nope.xls", root, "--lang", "en")
    assert code == 2 and "nope.xls: roster file not found" in err
    shutil.rmtree(root)


def test_the_content_decides_the_reader_when_the_name_does_not(tmp_path, cli, policy):
    root = ws(tmp_path)
    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名", "专业", "A类"])
    book.active.append(["K1", "甲", "marine", 12])
    book.save(tmp_path / "really-xlsx.xls")               # an .xlsx saved under an .xls name
    assert run(cli, tmp_path / "really-xlsx.xls", root)[0] == 0
    # "export to Excel" of a web system: tab-separated GBK text named .xls
    (tmp_path / "export.xls").write_bytes("工号\t姓名\t专业\tA类\nK2\t王磊\t测绘地理信息\t6.4\n".encode("gbk"))
    code, _, err = run(cli, tmp_path / "export.xls", root)
    assert code == 0, err
    people = load_workspace(root, policy).people
    assert (people["K2"].name, [r.hours for r in people["K2"].records]) == ("王磊", [64])
    (tmp_path / "page.xls").write_text("<html><body><table><tr><td>工号</td></tr></table></body></html>",
                                       encoding="utf-8")
    code, _, err = run(cli, tmp_path / "page.xls", root, "--lang", "en")
    assert code == 2 and "page.xls: this file is a web page (HTML), not a spreadsheet" in err


def test_bad_cells_are_also_given_by_place_for_a_preview(tmp_path, policy):
    from planner.errors import PlannerError
    from planner.roster import read_roster
    (tmp_path / "r.csv").write_text("工号,姓名,专业,A类,C类5\nA1,甲,marine,x,6.4\nA2,,marine,1,-1\n", encoding="utf-8")
    with pytest.raises(PlannerError) as info:
        read_roster(tmp_path / "r.csv", policy, lang="en")
    assert [(row, column) for row, column, _ in info.value.cells] == [(2, 3), (3, 1), (3, 4)]
    assert info.value.cells[0][2] == "row 2, column D (A类): expected a number of hours, got 'x'"
