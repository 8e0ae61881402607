"""render/xlsxbook.py's column widths, sheet names and workbook bytes: a
table sheet measures its columns from the rows it writes, as wide as their
widest value (6 to 40, a wide character counting two); a wrapped column is
not measured (it gets its own width); a width is written as exactly that
many characters; sheet names are what Excel accepts; text is text, even
when it starts with "="; the bytes carry no time of saving. And
bench/xlsx_contents.py, which compares two workbooks' contents, finds a
changed number format."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import openpyxl

from planner.render import xlsxbook
from planner.render.xlsxbook import Book, Sheet

HEADER = ["编号", "name", "时数", "empty", "why"]
ROWS = [["T0001", "张伟", 4.0, None, "短"],
        ["T0002", "Zhang Wei Xiaoming", 12, "", "x" * 120],
        ["T0003", "⺀", 0.5, None, "达到时间上限（安全上限）"]]


def _written(book: Book):
    return openpyxl.load_workbook(io.BytesIO(book.finish()))


def _dims(ws):
    return {openpyxl.utils.get_column_letter(k): d.width for d in ws.column_dimensions.values() if d.customWidth
            for k in range(d.min, d.max + 1)}


def test_a_character_is_wide_past_u2e80():
    assert [xlsxbook.text_width(v) for v in ("abc", "张伟", "×2", "⺀", "⺁", 12.5, 7, "")] == [3, 4, 2, 1, 2, 4, 1, 0]


def test_a_table_sheet_measures_its_rows_as_widths_reads_its_cells():
    fast = Sheet("t")
    assert fast.table(HEADER, ROWS) == 1
    slow = Sheet("t")
    slow.header(HEADER)
    for row in ROWS:
        slow.append(row)
    slow.column_widths()
    # 编号/T0001 5+2; Zhang Wei Xiaoming 18+2; 时数 4+2 (the values are narrower); "empty" 5+2 ("" is 0); why capped at 40
    assert fast.widths == slow.widths == {1: 7, 2: 20, 3: 6, 4: 7, 5: 40}


def test_widths_are_written_as_so_many_characters_exactly():
    book = Book()
    book.sheet("t").table(HEADER, ROWS)
    assert _dims(_written(book).active) == {"A": 7, "B": 20, "C": 6, "D": 7, "E": 40}


def test_a_wrapped_column_is_not_measured_and_keeps_its_own_width():
    book = Book()
    ws = book.sheet("t")
    ws.table(HEADER, ROWS, skip=(5,))
    assert 5 not in ws.widths
    ws.wrap_column(5, 90)
    sheet = _written(book).active
    assert _dims(sheet) == {"A": 7, "B": 20, "C": 6, "D": 7, "E": 90}
    assert sheet["E3"].alignment.wrap_text and sheet["E3"].alignment.vertical == "top"
    assert sheet["E1"].font.b and sheet["E1"].alignment.wrap_text and not sheet["D3"].alignment.wrap_text


def test_a_column_with_no_value_is_10_wide():
    ws = Sheet("t")
    ws.column_widths([["a", None], ["b", None]])
    assert ws.widths == {1: 6, 2: 10}


def test_sheet_names_are_what_excel_accepts():
    used: set[str] = set()
    names = [xlsxbook.sheet_title(t, used) for t in ("a/b:c", "A/B:C", "", "'quoted'", "x" * 40, "x" * 40,
                                                      "𠀀" * 20)]
    assert names == ["a_b_c", "A_B_C~2", "sheet", "_quoted_", "x" * 31, "x" * 29 + "~2", "𠀀" * 15]
    book = Book()
    for name in names:                                   # XlsxWriter refuses what Excel would
        book.sheet(name)
    assert _written(book).sheetnames == ["a_b_c", "A_B_C~2", "sheet", "_quoted_", "x" * 31, "x" * 29 + "~2",
                                         "𠀀" * 15]


def test_the_workbook_carries_no_time_of_saving():
    book = Book()
    book.sheet("t").append(["x", 1])
    data = book.finish()
    assert data == book.finish()
    z = zipfile.ZipFile(io.BytesIO(data))
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    core = z.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:modified>' in core


def test_text_that_looks_like_a_formula_stays_text():
    book = Book()
    book.sheet("t").table(["title"], [["=HYPERLINK(\"http://x\")"], ["=1+1"]])
    assert [(c.value, c.data_type) for c in _written(book).active["A"]] == [
        ("title", "s"), ('=HYPERLINK("http://x")', "s"), ("=1+1", "s")]


def test_the_contents_comparison_finds_a_changed_number_format(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import xlsx_contents
    for name, fmt in (("a", xlsxbook.HOURS), ("b", xlsxbook.HOURS), ("c", xlsxbook.YUAN)):
        book = Book()
        ws = book.sheet("t")
        ws.table(HEADER, ROWS)
        ws.number_formats(2, {3: fmt})
        ws.print_setup(1)
        (tmp_path / f"{name}.xlsx").write_bytes(book.finish())
    a, b, c = (xlsx_contents.dump(str(tmp_path / f"{n}.xlsx")) for n in "abc")
    assert a["sheets"][0]["page"]["fitToWidth"] == 1 and a["sheets"][0]["freeze_panes"] == "A2"
    assert xlsx_contents.differences(a, b) == []
    assert xlsx_contents.differences(a, c) == [("cell number_format", f"t!C{r}: 0.0 -> #,##0.00") for r in (2, 3, 4)]
