"""Writing a workbook (XlsxWriter): the one way the unit workbook, the
cohort's and the province report's are written.

A `Sheet` is filled row by row as a table is written (`append`, `header`),
then given its number formats, widths, wrapped columns and print setup;
`Book.finish` writes every sheet and returns the bytes. The sheet keeps its
rows until then, so the styles are decided once per cell, when it is
written (XlsxWriter writes its XML with plain strings: about a third of the
time openpyxl's writer took for the same cells).

What every sheet's table gets: a bold, wrapped header row; numbers stay
numbers, right-aligned, with a number format; columns as wide as their
widest value (6 to 40 characters, a wide (CJK) character counting two);
A4 landscape, one page wide, the header repeated on every page, frozen and
filtered. Same input, same bytes: the document's times are fixed (FIXED)
and XlsxWriter dates every zip entry 1980-01-01.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from itertools import zip_longest

_BAD = re.compile(r"[\[\]:*?/\\]")
_WIDE = re.compile("[\u2e81-\U0010ffff]")   # ord > 0x2e80: CJK and wider
FIXED = dt.datetime(2021, 1, 1)
HOURS, YUAN, PERCENT, COUNT = "0.0", "#,##0.00", "0.00%", "0"
DIGIT_PIXELS = 7             # a column `width` characters wide is written as 7 * width pixels: exactly `width`
HEAD_ALIGN = (None, "center", True)            # (horizontal, vertical, wrap)
RIGHT = ("right", None, False)
WRAPPED = (None, "top", True)


def sheet_title(text: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters (UTF-16 units, as Excel counts
    them), none of []:*?/\\, not starting or ending with an apostrophe, unique."""
    base = _utf16_cut(_BAD.sub("_", text), 31)
    base = re.sub(r"^'|'$", "_", base) or "sheet"
    title, n = base, 2
    while title.lower() in used:
        suffix = f"~{n}"
        title = _utf16_cut(base, 31 - len(suffix)) + suffix
        n += 1
    used.add(title.lower())
    return title


def _utf16_cut(text: str, units: int) -> str:
    """`text` cut to at most `units` UTF-16 code units (a character past
    U+FFFF takes two)."""
    cut = text[:units]
    while len(cut.encode("utf-16-le")) > 2 * units:
        cut = cut[:-1]
    return cut


def text_width(value) -> int:
    """A value's width in columns: its length, doubled if any character is wide (CJK)."""
    text = str(value)
    return len(text) * (1 if text.isascii() or not _WIDE.search(text) else 2)


class Sheet:
    """One worksheet's rows and what is done to them (1-based rows and
    columns, as a spreadsheet counts them)."""

    def __init__(self, title: str):
        self.title = title
        self.rows: list[list] = []
        self.heads: dict[int, int] = {}                 # header row -> the columns it styles
        self.rules: list[tuple[int, dict[int, str]]] = []   # (first row, column -> format) for numbers
        self.cell_formats: dict[tuple[int, int], str] = {}
        self.widths: dict[int, int] = {}
        self.wrapped: set[int] = set()
        self.setup: tuple[int, int, bool] | None = None

    @property
    def max_row(self) -> int:
        return next((k for k in range(len(self.rows), 0, -1) if self.rows[k - 1]), 1)

    @property
    def max_col(self) -> int:
        return max((len(r) for r in self.rows), default=1) or 1

    def append(self, row) -> None:
        self.rows.append(list(row))

    def header(self, cells) -> int:
        """A bold table header row (it styles the sheet's width so far); returns its row number."""
        self.append(cells)
        self.heads[len(self.rows)] = self.max_col
        return len(self.rows)

    def table(self, header: list, rows: list[list], skip: tuple[int, ...] = ()) -> int:
        """The sheet's table: its bold header, then `rows`, the columns as wide
        as their values (those in `skip` get their own width); returns the header's row."""
        head = self.header(header)
        self.rows.extend(rows)
        self.column_widths([header, *rows], skip)
        return head

    def number_formats(self, first_row: int, formats: dict[int, str]) -> None:
        """Number formats (column -> format) for the numbers from `first_row` down; right-aligned."""
        self.rules.append((first_row, formats))

    def number_format(self, row: int, column: int, fmt: str) -> None:
        """One cell's number format (if it holds a number), its alignment left as it is."""
        value = self.rows[row - 1][column - 1] if column <= len(self.rows[row - 1]) else None
        if isinstance(value, (int, float)):
            self.cell_formats[(row, column)] = fmt

    def column_widths(self, rows=None, skip: tuple[int, ...] = ()) -> None:
        """Each column as wide as its widest value (6 to 40 characters; 10 with no value)."""
        for k, column in enumerate(zip_longest(*(self.rows if rows is None else rows)), start=1):
            if k not in skip:
                width = max((text_width(v) for v in column if v is not None), default=8)
                self.widths[k] = min(40, max(6, width + 2))

    def wrap_column(self, column: int, width: int) -> None:
        """A long text column: fixed width, wrapped (the row grows, nothing is cut)."""
        self.widths[column] = width
        self.wrapped.add(column)

    def print_setup(self, header_row: int, pages_high: int = 0, dense: bool = False) -> None:
        """A4 landscape, one page wide (`pages_high` pages tall, 0 = as needed),
        the table header repeated on every page, frozen, and filtered. `dense`:
        9-point text on 12-point rows (about 60 table rows a page at full scale)."""
        self.setup = (header_row, pages_high, dense)


class Book:
    """Sheets in order, written by `finish` into one workbook's bytes."""

    def __init__(self):
        self.sheets: list[Sheet] = []
        self.used: set[str] = set()

    def sheet(self, title: str) -> Sheet:
        """A new sheet after the others, its title made a valid, unique sheet name."""
        ws = Sheet(sheet_title(title, self.used))
        self.sheets.append(ws)
        return ws

    def finish(self) -> bytes:
        """The workbook's bytes, the same on every run."""
        import xlsxwriter
        buffer = io.BytesIO()
        wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
        wb.set_properties({"created": FIXED})
        styles = _Styles(wb)
        for sheet in self.sheets or [Sheet("Sheet")]:
            _write(wb.add_worksheet(sheet.title), sheet, styles)
        wb.close()
        return buffer.getvalue()


class _Styles:
    """One XlsxWriter format per look: (bold, size, number format, alignment)."""

    def __init__(self, wb):
        self.wb = wb
        self.made: dict = {(False, 11, None, None): None}

    def __call__(self, key):
        found = self.made.get(key, False)
        if found is False:
            bold, size, num, align = key
            props = {"bold": bold, "font_size": size}
            if num:
                props["num_format"] = num
            horizontal, vertical, wrap = align or (None, None, False)
            if horizontal:
                props["align"] = horizontal
            if vertical:
                props["valign"] = "vcenter" if vertical == "center" else vertical
            if wrap:
                props["text_wrap"] = True
            found = self.made[key] = self.wb.add_format(props)
        return found


def _look(sheet: Sheet, size: int, band: tuple, c: int, number: bool, fmt: str | None = None) -> tuple:
    """A cell's look in its row's `band` (the columns its header styles, which
    number-format rules reach it): bold header, then its number format
    (right-aligned), then a wrapped column's alignment, each over the one before."""
    bold = c <= band[0]
    num, align = fmt, HEAD_ALIGN if bold else None
    if number:
        for (_, formats), reached in zip(sheet.rules, band[1]):
            if reached and c in formats:
                num, align = formats[c], RIGHT
    if c in sheet.wrapped:
        align = WRAPPED
    return bold, size, num, align


def _write(ws, sheet: Sheet, styles: _Styles) -> None:
    """The sheet's cells (a styled cell with no value is written blank, an
    empty string not at all), widths and print setup. Rows of the same band
    share their columns' formats: (for a number, for anything else)."""
    setup = sheet.setup
    dense = bool(setup and setup[2])
    size = 9 if dense else 11
    last_row, last_col = sheet.max_row, sheet.max_col
    bands: dict = {}
    for r, row in enumerate(sheet.rows[:last_row]):
        band = (sheet.heads.get(r + 1, 0), tuple(r + 1 >= first for first, _ in sheet.rules))
        looks = bands.get(band)
        if looks is None:
            looks = bands[band] = [(styles(_look(sheet, size, band, c, True)),
                                    styles(_look(sheet, size, band, c, False))) for c in range(1, last_col + 1)]
        if dense or band[0] or sheet.wrapped:
            row = row + [None] * (last_col - len(row))
        for c, value in enumerate(row):
            as_number, fmt = looks[c]
            if value is None or value == "":
                if fmt is not None:
                    ws.write_blank(r, c, None, fmt)
            elif isinstance(value, str):
                ws.write_string(r, c, value, fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, fmt)
            elif isinstance(value, (int, float)):
                own = sheet.cell_formats.get((r + 1, c + 1))
                ws.write_number(r, c, value, as_number if own is None else
                                styles(_look(sheet, size, band, c + 1, True, own)))
            else:
                ws.write(r, c, value, fmt)
    for column, width in sorted(sheet.widths.items()):
        ws.set_column_pixels(column - 1, column - 1, width * DIGIT_PIXELS)
    if setup:
        _print_setup(ws, sheet, *setup)
    else:                                # the margins the sheet had when openpyxl wrote it
        ws.set_margins(left=0.75, right=0.75, top=1, bottom=1)
        ws.set_header("", {"margin": 0.5})
        ws.set_footer("", {"margin": 0.5})


def _print_setup(ws, sheet: Sheet, header_row: int, pages_high: int, dense: bool) -> None:
    if dense:
        ws.set_default_row(12)
    ws.set_paper(9)                      # A4
    ws.set_landscape()
    ws.fit_to_pages(1, pages_high)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_header("", {"margin": 0.25})
    ws.set_footer("&C&P / &N", {"margin": 0.25})
    ws.center_horizontally()
    ws.repeat_rows(header_row - 1)
    ws.freeze_panes(header_row, 0)
    ws.autofilter(header_row - 1, 0, max(sheet.max_row, header_row) - 1, sheet.max_col - 1)
