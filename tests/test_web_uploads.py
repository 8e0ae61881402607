"""Roster uploads (issue 13): size, declared type, first bytes, and the
workbook's zip directory (zip bomb, sheets, rows) are checked before any
reader sees the file; each check fails its own case."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from planner.web.config import Limits
from planner.web.uploads import Refused, check
from tests.webfixtures import client, config, copy_demo, token

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIMITS = Limits(upload_bytes=200_000, rows=50, sheets=3, unzipped_bytes=2_000_000, zip_ratio=100)


def workbook(sheets: int = 1, rows: int = 3, padding: int = 0) -> bytes:
    """A minimal .xlsx zip: content types, workbook, `sheets` sheets of `rows` rows."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        for s in range(1, sheets + 1):
            body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, rows + 1))
            z.writestr(f"xl/worksheets/sheet{s}.xml", f"<worksheet><sheetData>{body}</sheetData></worksheet>")
        if padding:
            z.writestr("xl/media/pad.bin", b"\0" * padding)
    return out.getvalue()


def refused(name, kind, data, limits=LIMITS) -> str:
    with pytest.raises(Refused) as info:
        check(name, kind, data, limits)
    return info.value.key


def test_a_small_workbook_passes():
    assert check("名册.xlsx", XLSX, workbook(), LIMITS).suffix == ".xlsx"
    assert check("r.csv", "text/csv", "工号,姓名\nP1,张三\n".encode(), LIMITS).suffix == ".csv"


def test_the_extension_and_the_declared_type_must_fit():
    assert refused("roster.exe", "application/octet-stream", b"MZ") == "suffix"
    assert refused("roster.xlsx", "text/html", workbook()) == "content_type"


def test_the_first_bytes_must_be_what_the_name_says():
    assert refused("roster.xlsx", XLSX, b"<html>not a workbook</html>") == "not_really"
    assert refused("roster.xls", "application/vnd.ms-excel", workbook()) == "not_really"
    assert refused("roster.csv", "text/csv", b"id,name\n\x00\x01\x02") == "binary_csv"


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = workbook(padding=5_000_000)            # 5 MB of zeros pack to a few kB
    assert len(bomb) < LIMITS.upload_bytes
    assert refused("roster.xlsx", XLSX, bomb) == "bomb"


def test_sheets_and_rows_are_limited():
    assert refused("roster.xlsx", XLSX, workbook(sheets=4)) == "sheets"
    assert refused("roster.xlsx", XLSX, workbook(rows=51)) == "rows"
    assert check("roster.xlsx", XLSX, workbook(rows=50), LIMITS)
    assert refused("roster.csv", "text/csv", b"a\n" * 51) == "rows"


def test_size_is_limited():
    assert refused("roster.csv", "text/csv", b"a," * 150_000) == "size"


@pytest.fixture
def web(tmp_path):
    with client(config(copy_demo(tmp_path), limits=LIMITS)) as c:
        yield c


def test_the_import_page_refuses_a_bomb_with_a_message(web):
    page = web.get("/import").text
    r = web.post("/import/preview", data={"csrf": token(page), "unit": "U-HZ", "year": "2026"},
                 files={"roster": ("名册.xlsx", workbook(padding=5_000_000), XLSX)})
    assert r.status_code == 400 and "压缩炸弹" in r.text


def test_an_upload_over_the_limit_is_refused_before_it_is_read(web):
    page = web.get("/import").text
    r = web.post("/import/preview", data={"csrf": token(page), "unit": "U-HZ", "year": "2026"},
                 files={"roster": ("名册.csv", b"a," * 200_000, "text/csv")})
    assert r.status_code == 413


def test_an_upload_without_the_csrf_token_is_refused(web):
    r = web.post("/import/preview", data={"unit": "U-HZ", "year": "2026"},
                 files={"roster": ("r.csv", b"id,name\n", "text/csv")})
    assert r.status_code == 403


# ---------------------------------------------------------------- preview and confirm

GOOD = "工号,姓名,部门,专业,A,G\nN101,赵一,测绘科,测绘,30,12\nN102,钱二,规划科,国土空间规划,24,18\n"
BAD = "工号,姓名,部门,专业,A,G\nN101,赵一,测绘科,测绘,30,12\nN102,钱二,规划科,国土空间规划,二十,18\n"


def upload(web, text, name="名册.csv", unit="U-NEW", year="2026"):
    page = web.get("/import").text
    return web.post("/import/preview", data={"csrf": token(page), "unit": unit, "year": year},
                    files={"roster": (name, text.encode("utf-8"), "text/csv")})


def test_a_bad_cell_is_named_and_marked_and_nothing_is_offered_to_write(web):
    r = upload(web, BAD)
    assert r.status_code == 400
    marked = re.findall(r'<td class="cell-error" title="([^"]+)">([^<]*)', r.text)
    assert len(marked) == 1 and marked[0][1] == "二十"
    assert "第3行" in marked[0][0] and "E列" in marked[0][0]
    assert 'name="token"' not in r.text


def test_a_good_roster_previews_every_row_then_imports_on_confirm(web, tmp_path):
    ws = web.app.state.config.data
    r = upload(web, GOOD)
    assert r.status_code == 200 and r.text.count("<tr><td class=\"muted\">") == 2
    assert not (ws / "people" / "N101.yaml").exists()               # a preview writes nothing
    confirm = web.post("/import/confirm", data={"csrf": token(r.text),
                                                "token": re.search(r'name="token" value="(\w+)"', r.text).group(1)})
    assert confirm.status_code == 303 and "imported=" in confirm.headers["location"]
    assert "source: roster" in (ws / "people" / "N101.yaml").read_text(encoding="utf-8")
    assert (ws / "units" / "U-NEW.yaml").exists()
    log = (ws / "changes.log").read_text(encoding="utf-8")
    assert "people/N101.yaml" in log and "people/N102.yaml" in log and '"import"' in log


def test_an_import_is_refused_when_a_file_changed_after_the_preview(web):
    ws = web.app.state.config.data
    r = upload(web, GOOD.replace("N101", "demo"), unit="U-HZ")
    assert r.status_code == 200, r.text
    person = ws / "people" / "demo.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "  - {route: G, year: 2026, title: 同事加的, hours: 3}\n",
                      encoding="utf-8")
    changed = person.read_bytes()
    confirm = web.post("/import/confirm", data={"csrf": token(r.text),
                                                "token": re.search(r'name="token" value="(\w+)"', r.text).group(1)})
    assert confirm.status_code == 409 and "已被修改" in confirm.text
    assert person.read_bytes() == changed and not (ws / "people" / "N102.yaml").exists()


def test_importing_into_the_bundled_demo_is_refused():
    from planner import resources
    with client(config(resources.demo_dir(), readonly=True)) as web:
        before = sorted(p.name for p in (resources.demo_dir() / "people").iterdir())
        r = upload(web, GOOD, unit="U-HZ")
        assert r.status_code == 200                                    # a preview reads only
        confirm = web.post("/import/confirm", data={"csrf": token(r.text),
                                                    "token": re.search(r'name="token" value="(\w+)"', r.text).group(1)})
        assert confirm.status_code == 403 and "只读" in confirm.text
        assert sorted(p.name for p in (resources.demo_dir() / "people").iterdir()) == before
