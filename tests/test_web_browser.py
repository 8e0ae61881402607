"""`planner serve` in a real browser (issue 13): headless Chromium through
Playwright on a copy of the demo workspace. Every page is checked for
console errors (a CSP violation is one). Screenshots go to docs/screenshots/
when PLANNER_SCREENSHOTS=1 (README "How an office runs it"), else to a
temporary folder, so a test run leaves the checkout as it was.

Skipped only when Chromium or Playwright is absent and CI is not set.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest

from tests.webfixtures import config, copy_demo
from tests.webserver import FLAGS, Served, need_chromium

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def browser():
    path = need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    if os.environ.get("PLANNER_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        return SHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    ws = copy_demo(tmp_path_factory.mktemp("served"))
    s = Served(config(ws))
    s.ws = ws
    yield s
    s.stop()


class Console:
    """Every console error and page error of the pages opened."""

    def __init__(self):
        self.errors: list[str] = []
        self.allowed: list[str] = []

    def allow(self, text: str) -> None:
        """A refusal the test provokes (Chromium logs a page answered 4xx as an error)."""
        self.allowed.append(text)

    def watch(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"{page.url}: {msg.text}"))
        page.on("pageerror", lambda err: self.errors.append(f"{page.url}: {err}"))
        return page


@pytest.fixture
def console():
    c = Console()
    yield c
    errors = [e for e in c.errors if not any(a in e for a in c.allowed)]
    assert errors == [], "console errors:\n" + "\n".join(errors)


@pytest.fixture
def page(browser, console):
    context = browser.new_context(viewport={"width": 1100, "height": 760}, locale="zh-CN", accept_downloads=True)
    p = console.watch(context.new_page())
    yield p
    context.close()


def plan_ids(page) -> list[str]:
    return page.locator("#plan table.plan tbody tr td:first-child .muted").all_inner_texts()


def test_overview_then_a_person(page, served, shots):
    page.goto(served.url + "/")
    assert "陈思远" in page.inner_text("#people")
    page.screenshot(path=str(shots / "workspace.png"))
    page.click('a[href="/people/demo"]')
    page.wait_for_url("**/people/demo")
    assert "B2-2026-03" in plan_ids(page)
    assert page.locator("svg.chart").count() >= 2          # year bars and the B cycle
    page.screenshot(path=str(shots / "person.png"))


def test_add_a_record_and_see_the_audit_change(page, served):
    page.goto(served.url + "/people/demo")
    before = page.inner_text("#register")
    page.select_option('select[name="route"]', "C5")
    page.click("text=选择途径")
    page.fill('input[name="title"]', "浏览器测试论文")
    page.fill('input[name="year"]', "2026")
    page.select_option('select[name="venue"]', "core")
    page.fill('input[name="rank"]', "1")
    page.click("text=添加记录")
    page.wait_for_selector(".notice.ok")
    after = page.inner_text("#register")
    assert "浏览器测试论文" in after and "浏览器测试论文" not in before
    assert '"record add"' in (served.ws / "changes.log").read_text(encoding="utf-8").replace("record add", '"record add"')


def test_a_bad_record_is_named_at_its_field(page, served, console):
    console.allow("/records: Failed to load resource: the server responded with a status of 400")
    page.goto(served.url + "/people/demo?route=C5")
    page.fill('input[name="title"]', "缺作者排名")
    page.fill('input[name="year"]', "2026")
    page.select_option('select[name="venue"]', "core")
    page.click("text=添加记录")
    error = page.locator("#field-rank .error")
    assert error.count() == 1 and error.inner_text()


def test_pin_an_offering_and_see_the_plan_change(page, served):
    page.goto(served.url + "/people/demo")
    before = plan_ids(page)
    option = page.locator('select[name="pin"] option').nth(1)
    pinned = option.get_attribute("value")
    assert pinned not in before
    page.select_option('select[name="pin"]', pinned)
    page.click("text=重新规划")
    page.wait_for_url(re.compile(r"require="))
    assert pinned in plan_ids(page)
    assert page.locator(".pin").count() == 1


def test_a_stale_edit_is_refused(browser, served, console):
    console.allow("/records: Failed to load resource: the server responded with a status of 409")
    officers = [browser.new_context(), browser.new_context()]
    a, b = (console.watch(o.new_page()) for o in officers)
    for p in (a, b):
        p.goto(served.url + "/people/P001?route=G")
        p.fill('input[name="title"]', "公需课（并发）")
        p.fill('input[name="year"]', "2026")
        p.fill('input[name="hours"]', "3")
    a.click("text=添加记录")
    a.wait_for_selector(".notice.ok")
    b.click("text=添加记录")
    assert "已被修改" in b.inner_text("p.error")
    text = (served.ws / "people" / "P001.yaml").read_text(encoding="utf-8")
    assert text.count("公需课（并发）") == 1
    for o in officers:
        o.close()


def test_run_a_unit_plan_see_progress_then_the_result_and_open_the_workbook(page, served, shots, tmp_path):
    page.goto(served.url + "/units/U-HZ")
    page.select_option('select[name="year"]', "2027")
    page.click("text=开始求解")
    page.wait_for_selector(".progress")
    assert "正在求解 2027" in page.inner_text(".progress")
    page.wait_for_function("""() => document.querySelector('#result') ||
        (document.querySelector('[data-field=effort]') || {}).textContent !== '—'""", timeout=120_000)
    if page.locator(".progress").count():
        page.screenshot(path=str(shots / "unit.png"))          # the best effort so far, updated in place
    page.wait_for_selector("#result", timeout=240_000)
    assert "求解完成" in page.inner_text("#result")
    with page.expect_download() as info:
        page.click('a[href$=".xlsx"]')
    path = tmp_path / "plan.xlsx"
    info.value.save_as(str(path))
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) >= 2


def test_the_person_page_fits_a_phone(browser, served, shots, console):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    p = console.watch(context.new_page())
    p.goto(served.url + "/people/demo")
    width = p.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390"
    p.screenshot(path=str(shots / "phone.png"))
    context.close()


def test_login_is_required_on_a_non_loopback_host(browser, tmp_path, console):
    from dataclasses import replace
    from planner import resources
    from planner.web.auth import hash_password
    from planner.web.server import make_config
    ws = copy_demo(tmp_path)
    pw = tmp_path / "office.pw"
    pw.write_text(hash_password("办公室口令") + "\n", encoding="utf-8")
    cfg = make_config(ws, resources.offerings_dir(), None, None, "0.0.0.0", 8000, str(pw))
    served = Served(replace(cfg, today=config(ws).today))     # listens on loopback for the test
    try:
        context = browser.new_context()
        p = console.watch(context.new_page())
        p.goto(served.url + "/people/demo")
        assert "/login" in p.url
        p.fill('input[name="name"]', "王科长")
        p.fill('input[name="password"]', "办公室口令")
        p.click("button[type=submit]")
        p.wait_for_url("**/people/demo")
        assert "陈思远" in p.inner_text("h1")
        context.close()
    finally:
        served.stop()


def test_upload_a_roster_with_one_bad_cell_see_it_named_then_import_a_good_one(page, served, tmp_path, console):
    from tests.test_web_uploads import BAD, GOOD
    console.allow("/import/preview: Failed to load resource: the server responded with a status of 400")
    bad, good = tmp_path / "名册-错.csv", tmp_path / "名册.csv"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    page.goto(served.url + "/import")
    page.set_input_files('input[name="roster"]', str(bad))
    page.fill('input[name="unit"]', "U-NEW")
    page.click("text=检查名册")
    cell = page.locator("td.cell-error")
    assert cell.count() == 1 and "二十" in cell.inner_text() and "E列" in cell.inner_text()
    assert page.locator("text=确认导入").count() == 0
    page.set_input_files('input[name="roster"]', str(good))
    page.click("text=检查名册")
    page.click("text=确认导入")
    page.wait_for_selector(".notice.ok")
    assert "赵一" in page.inner_text("#people")
    assert (served.ws / "people" / "N101.yaml").exists()
