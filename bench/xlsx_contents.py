"""What a user sees in a workbook, as canonical JSON (read with openpyxl).

    python bench/xlsx_contents.py BOOK.xlsx > book.json      # dump one workbook
    python bench/xlsx_contents.py --compare OLD.xlsx NEW.xlsx  # the differences by kind, how many,
                                                      # the first three of each (either may be a dump: OLD.json)

Per sheet, in order: its title; every cell of its used range with its
value and data type (numbers compared as numbers: 4 and 4.0 are the same
cell), number format, font (bold, size, name), alignment (horizontal,
vertical, wrap); column widths; default and explicit row heights; frozen
panes; the filter's range; print titles and print area; page setup
(orientation, paper size, fit to page, pages wide and high, margins,
centring, the footer); merged cells. Then the workbook's defined names
and document properties. Written to check that a change of writer keeps
a workbook's contents (`--compare` exits 1 when they differ).

An absent `fitToWidth`/`fitToHeight` is read as 1, the default the
Office Open XML schema gives them (one writer states it, another omits it).
"""
from __future__ import annotations

import json
import sys


def _value(cell):
    v = cell.value
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    return repr(v)


def _cell(cell) -> list:
    f, a = cell.font, cell.alignment
    return [cell.coordinate, _value(cell), cell.data_type, cell.number_format,
            [bool(f.b), f.sz and float(f.sz), f.name], [a.horizontal, a.vertical, bool(a.wrap_text)]]


def _page(ws) -> dict:
    p, m = ws.page_setup, ws.page_margins
    fit = ws.sheet_properties.pageSetUpPr
    return {"orientation": p.orientation, "paperSize": p.paperSize and int(p.paperSize),
            "fitToPage": bool(fit and fit.fitToPage),
            "fitToWidth": 1 if p.fitToWidth is None else int(p.fitToWidth),
            "fitToHeight": 1 if p.fitToHeight is None else int(p.fitToHeight),
            "margins": [m.left, m.right, m.top, m.bottom, m.header, m.footer],
            "horizontalCentered": bool(ws.print_options.horizontalCentered),
            "footer": [ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text],
            "header": [ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddHeader.right.text]}


def _widths(ws) -> dict:
    """Column letter -> width, a <col> element over several columns counted for each."""
    from openpyxl.utils import get_column_letter
    out = {}
    for d in ws.column_dimensions.values():
        if d.customWidth and d.min:
            for k in range(d.min, (d.max or d.min) + 1):
                out[get_column_letter(k)] = d.width
    return dict(sorted(out.items(), key=lambda kv: (len(kv[0]), kv[0])))


def sheet(ws) -> dict:
    fmt = ws.sheet_format
    return {"title": ws.title,
            "cells": [_cell(c) for row in ws.iter_rows() for c in row],
            "widths": _widths(ws),
            "default_row": [fmt.defaultRowHeight, bool(fmt.customHeight)],
            "row_heights": sorted({d.ht for d in ws.row_dimensions.values() if d.ht is not None}),
            "freeze_panes": ws.freeze_panes, "auto_filter": ws.auto_filter.ref,
            "print_title_rows": ws.print_title_rows, "print_title_cols": ws.print_title_cols,
            "print_area": ws.print_area, "page": _page(ws),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges)}


def dump(path: str) -> dict:
    import openpyxl
    wb = openpyxl.load_workbook(path)
    props = wb.properties
    return {"sheets": [sheet(ws) for ws in wb.worksheets], "active": wb.active.title,
            "defined_names": sorted(f"{n}={d.attr_text}" for n, d in wb.defined_names.items()),
            "properties": {"creator": props.creator, "created": str(props.created),
                           "modified": str(props.modified), "title": props.title}}


CELL_FIELDS = ("value", "type", "number_format", "font", "alignment")


def differences(old: dict, new: dict) -> list[tuple[str, str]]:
    """Every difference as (kind, where: before -> after); a cell's by field."""
    out = []
    for key in ("active", "defined_names", "properties"):
        if old[key] != new[key]:
            out.append((key, f"{old[key]} -> {new[key]}"))
    titles = [[s["title"] for s in d["sheets"]] for d in (old, new)]
    if titles[0] != titles[1]:
        out.append(("sheets", f"{titles[0]} -> {titles[1]}"))
    for a, b in zip(old["sheets"], new["sheets"]):
        for key in a:
            if key == "cells":
                ca, cb = ({c[0]: c[1:] for c in s["cells"]} for s in (a, b))
                for coord in sorted(set(ca) | set(cb)):
                    x, y = ca.get(coord) or [None] * 5, cb.get(coord) or [None] * 5
                    for field, u, v in zip(CELL_FIELDS, x, y):
                        if u != v:
                            out.append((f"cell {field}", f"{a['title']}!{coord}: {u} -> {v}"))
            elif a[key] != b[key]:
                out.append((f"sheet {key}", f"{a['title']}: {a[key]} -> {b[key]}"))
    return out


def grouped(found: list[tuple[str, str]], shown: int = 3) -> str:
    """The differences by kind: how many, and the first few."""
    kinds: dict[str, list[str]] = {}
    for kind, where in found:
        kinds.setdefault(kind, []).append(where)
    return "\n".join(f"{kind}: {len(w)}\n" + "".join(f"    {x[:300]}\n" for x in w[:shown])
                     for kind, w in kinds.items()).rstrip()


def _load(path: str) -> dict:
    """A workbook, or a dump of one written before."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return dump(path)


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--compare":
        found = differences(*(_load(path) for path in args[1:3]))
        print(grouped(found) if found else "the same contents")
        sys.exit(1 if found else 0)
    json.dump(dump(args[0]), sys.stdout, ensure_ascii=False, indent=0, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
