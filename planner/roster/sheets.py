"""Reading a roster file into sheets of raw cells: .xlsx, .xls or .csv.

Nothing here knows what a column means. A cell is its value (text, number,
None) or a `Flaw` when the file itself cannot say what it holds (a formula
never calculated, an Excel error): whether that matters depends on the
column, so the mapping decides. Every refusal is a PlannerError naming the
file; the words come from the message catalogue.
"""
from __future__ import annotations

import csv
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlannerError
from .words import say

MAX_BYTES = 50 * 1024 * 1024        # a roster of tens of thousands of staff is far below this
MAX_ROWS = 100_000
MAX_FIELD = 131_072                 # characters in one csv field (the csv module's default limit)


@dataclass(frozen=True)
class Flaw:
    """A cell whose value the file does not hold."""
    kind: str                       # uncached | error
    text: str                       # the formula or the error code


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[object]]
    hidden: bool = False
    encoding: str | None = None     # csv: the encoding it was read in


def read_bytes(path: Path, lang: str) -> bytes:
    """The file's bytes: a regular file of sane size, else bad input."""
    shown = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise PlannerError(say(lang, "not_found"), file=shown) from None
    except OSError as err:
        raise PlannerError(say(lang, "unreadable", why=err.strerror), file=shown) from None
    if not stat.S_ISREG(info.st_mode):
        raise PlannerError(say(lang, "not_regular"), file=shown)
    if info.st_size > MAX_BYTES:
        raise PlannerError(say(lang, "too_big", size=info.st_size, limit=MAX_BYTES), file=shown)
    try:
        return path.read_bytes()
    except OSError as err:
        raise PlannerError(say(lang, "unreadable", why=err.strerror), file=shown) from None


def read_sheets(path: Path, lang: str = "zh", reads_as_roster=None) -> list[Sheet]:
    """Every sheet of the roster, in the workbook's order. `reads_as_roster`
    (rows -> bool) helps tell a csv file's encoding. The content decides the
    reader when the name says otherwise (an .xls that is really .xlsx, or
    text exported under an .xls name)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".txt"):
        raise PlannerError(say(lang, "not_a_roster", suffix=suffix or path.name), file=str(path))
    data = read_bytes(path, lang)
    kind = _kind(data, suffix)
    if kind == "html":
        raise PlannerError(say(lang, "html_roster"), file=str(path))
    if kind == "xlsx":
        sheets = _xlsx(data, str(path), lang)
    elif kind == "xls":
        sheets = _xls(data, str(path), lang)
    else:
        sheets = _csv(data, str(path), lang, reads_as_roster)
    for sheet in sheets:
        if len(sheet.rows) > MAX_ROWS:
            raise PlannerError(say(lang, "too_many_rows", sheet=sheet.name, limit=MAX_ROWS), file=str(path))
    return sheets


def _kind(data: bytes, suffix: str) -> str:
    """xlsx (a zip), xls (an OLE2 compound file), html, or text."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype", b"<?xml", b"<table", b"<meta")):
        return "html"
    if suffix in (".xlsx", ".xlsm", ".xls") and b"\x00" in data[:4096]:
        return "xlsx" if suffix != ".xls" else "xls"      # binary: let its reader say it is damaged
    return "text"


def _trim(rows: list[list[object]]) -> list[list[object]]:
    """Trailing empty cells of each row dropped (spreadsheets pad rows)."""
    out = []
    for row in rows:
        row = list(row)
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        out.append(row)
    return out


def _xlsx(data: bytes, shown: str, lang: str) -> list[Sheet]:
    import openpyxl
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheets = []
        for cached, written in zip(values.worksheets, formulas.worksheets):
            rows = []
            for got, wrote in zip(cached.iter_rows(values_only=True), written.iter_rows(values_only=True)):
                rows.append([_xlsx_cell(v, f) for v, f in zip(got, wrote)])
                if len(rows) > MAX_ROWS:
                    break
            sheets.append(Sheet(cached.title, _trim(rows), cached.sheet_state != "visible"))
        values.close()
        formulas.close()
    except PlannerError:
        raise
    except Exception as err:  # a damaged workbook fails in many ways (zip, XML, indexes)
        raise PlannerError(say(lang, "damaged", kind="xlsx", why=f"{type(err).__name__}: {err}"),
                           file=shown) from None
    return sheets


def _xlsx_cell(value, formula):
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return Flaw("uncached", formula)
    if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A")) and \
            value in ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"):
        return Flaw("error", value)
    return value


def _xls(data: bytes, shown: str, lang: str) -> list[Sheet]:
    import xlrd
    try:
        book = xlrd.open_workbook(file_contents=data)
        sheets = []
        for sheet in book.sheets():
            rows = [[_xls_cell(sheet.cell(r, c), book) for c in range(sheet.ncols)]
                    for r in range(min(sheet.nrows, MAX_ROWS + 1))]
            sheets.append(Sheet(sheet.name, _trim(rows), sheet.visibility != 0))
    except Exception as err:  # xlrd raises XLRDError, struct and index errors on damaged files
        raise PlannerError(say(lang, "damaged", kind="xls", why=f"{type(err).__name__}: {err}"),
                           file=shown) from None
    return sheets


def _xls_cell(cell, book):
    import xlrd
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return Flaw("error", xlrd.error_text_from_code.get(cell.value, "#?"))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
    return cell.value


def _csv(data: bytes, shown: str, lang: str, reads_as_roster=None) -> list[Sheet]:
    from .encoding import decode_csv

    def test(text: str) -> bool:
        return reads_as_roster is None or reads_as_roster(_trim(_csv_rows(text, shown, lang)))
    text, encoding = decode_csv(data, shown, lang, test)
    return [Sheet(Path(shown).stem, _trim(_csv_rows(text, shown, lang)), False, encoding)]


def _csv_rows(text: str, shown: str, lang: str) -> list[list[object]]:
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise PlannerError(say(lang, "nul_byte", line=line), file=shown)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as err:
        limit = "larger than field limit" in str(err)
        key = "field_too_long" if limit else "csv_syntax"
        raise PlannerError(say(lang, key, line=reader.line_num, limit=MAX_FIELD, why=str(err)),
                           file=shown) from None
    return rows
