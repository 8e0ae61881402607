"""render/xlsx.py's `restyle`: a cell starting from the same style gets the
style the first one was given, copied, not looked up again; every cell ends
exactly as if styled one by one (number formats, alignment, a bold cell kept
bold)."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from planner.render import xlsx

ROWS = [[k, k * 1.5, "x", True, None] for k in range(30)]


def _sheet():
    ws = Workbook().active
    for row in ROWS:
        ws.append(row)
    ws["A3"].font = Font(bold=True)
    ws["B7"].alignment = Alignment(vertical="top")
    return ws


def _looks(ws):
    return [(c.coordinate, c.number_format, c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text,
             c.font.b) for row in ws.iter_rows() for c in row]


def test_restyled_cells_end_as_cells_styled_one_by_one():
    fast = _sheet()
    xlsx.number_formats(fast, 1, {1: "0", 2: "0.0", 4: "0"})
    xlsx.wrap_column(fast, "C", 30)
    slow = _sheet()
    for row in slow.iter_rows():
        for c in row:
            fmt = {1: "0", 2: "0.0", 4: "0"}.get(c.column)
            if fmt and isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                c.number_format, c.alignment = fmt, Alignment(horizontal="right")
    for c in slow["C"]:
        c.alignment = Alignment(wrap_text=True, vertical="top")
    assert _looks(fast) == _looks(slow)
    assert fast["A3"].font.b and fast["A3"].number_format == "0" and fast["B2"].number_format == "0.0"
    assert fast["D1"].number_format == "General" and fast["C5"].alignment.wrap_text


def test_a_dense_sheet_sets_every_font_as_cell_by_cell():
    fast = _sheet()
    xlsx.print_setup(fast, 1, dense=True)
    slow = _sheet()
    for row in slow.iter_rows():
        for c in row:
            c.font = Font(name=c.font.name, size=9, bold=c.font.bold)
    assert [(c.coordinate, c.font.name, c.font.sz, c.font.b) for row in fast.iter_rows() for c in row] == \
        [(c.coordinate, c.font.name, c.font.sz, c.font.b) for row in slow.iter_rows() for c in row]
    assert fast["A3"].font.b and fast["A3"].font.sz == 9 and not fast["A4"].font.b
