"""render/xlsx.py's column widths and workbook bytes: a table sheet measures
its columns from the rows it writes and gets the widths `widths` reads back
from its cells; a wrapped column is not measured (it gets its own width);
the bytes carry no time of saving."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from planner.render import xlsx

HEADER = ["编号", "name", "时数", "empty", "why"]
ROWS = [["T0001", "张伟", 4.0, None, "短"],
        ["T0002", "Zhang Wei Xiaoming", 12, "", "x" * 120],
        ["T0003", "⺀", 0.5, None, "达到时间上限（安全上限）"]]


def _dims(ws):
    return {k: round(d.width, 2) for k, d in sorted(ws.column_dimensions.items()) if d.width}


def test_a_character_is_wide_past_u2e80():
    assert [xlsx.text_width(v) for v in ("abc", "张伟", "×2", "⺀", "⺁", 12.5, 7, "")] == [3, 4, 2, 1, 2, 4, 1, 0]


def test_a_table_sheet_measures_its_rows_as_widths_reads_its_cells():
    fast = Workbook().active
    assert xlsx.table_sheet(fast, HEADER, ROWS) == 1
    slow = Workbook().active
    xlsx.table_header(slow, HEADER)
    for row in ROWS:
        slow.append(row)
    xlsx.widths(slow)
    # 编号/T0001 5+2; Zhang Wei Xiaoming 18+2; 时数 4+2 (the values are narrower); "empty" 5+2 ("" is 0); why capped at 40
    assert _dims(fast) == _dims(slow) == {"A": 7, "B": 20, "C": 6, "D": 7, "E": 40}


def test_a_wrapped_column_is_not_measured_and_keeps_its_own_width():
    ws = Workbook().active
    xlsx.table_sheet(ws, HEADER, ROWS, skip=("E",))
    assert "E" not in _dims(ws)
    xlsx.wrap_column(ws, "E", 90)
    assert _dims(ws) == {"A": 7, "B": 20, "C": 6, "D": 7, "E": 90}
    assert ws["E3"].alignment.wrap_text and ws["E1"].font.b


def test_a_column_with_no_value_is_8_wide():
    ws = Workbook().active
    xlsx.column_widths(ws, [["a", None], ["b", None]])
    assert _dims(ws) == {"A": 6, "B": 10}


def test_the_workbook_carries_no_time_of_saving():
    wb = Workbook()
    wb.active.append(["x", 1])
    data = xlsx.finish_workbook(wb)
    z = zipfile.ZipFile(io.BytesIO(data))
    assert {i.date_time for i in z.infolist()} == {(2021, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    core = z.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:modified>' in core
