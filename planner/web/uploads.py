"""Checks on an uploaded roster before any reader sees it: its name and
declared type, its first bytes, and for a workbook its zip directory (the
unpacked size, the ratio of any member, the sheets and rows): a zip bomb or
a disguised file is refused with one message, never parsed."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from .config import Limits

TYPES = {
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream",
              "application/zip", "application/x-zip-compressed"},
    ".xls": {"application/vnd.ms-excel", "application/octet-stream", "application/x-msexcel"},
    ".csv": {"text/csv", "text/plain", "application/vnd.ms-excel", "application/csv", "application/octet-stream",
             "text/x-csv", "text/comma-separated-values"},
}
MAGIC = {".xlsx": b"PK\x03\x04", ".xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}
SHEET_PREFIX = "xl/worksheets/"
RATIO_FROM = 1024 * 1024            # members smaller than this are not ratio-checked (xml packs well)


class Refused(Exception):
    """An upload that is not read; `key` names the message, `params` fill it."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Upload:
    name: str          # the file name as sent (shown, never used as a path)
    suffix: str
    data: bytes


def suffix_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def check(name: str, content_type: str, data: bytes, limits: Limits) -> Upload:
    """The upload, or Refused naming why."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1][:120]
    suffix = suffix_of(name)
    if suffix not in TYPES:
        raise Refused("suffix", name=name)
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared and declared not in TYPES[suffix]:
        raise Refused("content_type", name=name, type=declared[:80])
    if not data:
        raise Refused("empty", name=name)
    if len(data) > limits.upload_bytes:
        raise Refused("size", mb=f"{limits.upload_bytes / 1024 / 1024:.0f}")
    if suffix in MAGIC and not data.startswith(MAGIC[suffix]):
        raise Refused("not_really", name=name, suffix=suffix)
    if suffix == ".csv":
        _check_text(data, limits)
    elif suffix == ".xlsx":
        _check_zip(data, limits)
    return Upload(name, suffix, data)


def _check_text(data: bytes, limits: Limits) -> None:
    if b"\x00" in data[:65536]:
        raise Refused("binary_csv")
    rows = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if rows > limits.rows:
        raise Refused("rows", rows=limits.rows)


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        members = book.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused("bad_zip") from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise Refused("bad_zip")
    if len(members) > limits.zip_members:
        raise Refused("bomb")
    if sum(m.file_size for m in members) > limits.unzipped_bytes:
        raise Refused("bomb")
    for m in members:
        if m.file_size > RATIO_FROM and m.file_size > limits.zip_ratio * max(1, m.compress_size):
            raise Refused("bomb")
    sheets = [m for m in members if m.filename.startswith(SHEET_PREFIX) and m.filename.endswith(".xml")
              and "/" not in m.filename[len(SHEET_PREFIX):]]
    if len(sheets) > limits.sheets:
        raise Refused("sheets", sheets=limits.sheets)
    for m in sheets:
        if _rows_in(book, m) > limits.rows:
            raise Refused("rows", rows=limits.rows)


def _rows_in(book: zipfile.ZipFile, member) -> int:
    """`<row` elements in a sheet's XML, read in chunks (never all at once)."""
    count, tail = 0, b""
    with book.open(member) as fh:
        while True:
            chunk = fh.read(1 << 16)
            if not chunk:
                return count + tail.count(b"<row ") + tail.count(b"<row>")
            block = tail + chunk
            count += block.count(b"<row ") + block.count(b"<row>")
            tail = block[-5:]
            count -= tail.count(b"<row ") + tail.count(b"<row>")   # counted again with the next chunk
