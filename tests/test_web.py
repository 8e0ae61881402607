"""`planner serve` (issue 13): the pages and their promises, through
Starlette's TestClient on a copy of the demo workspace (today 2026-11-27)."""
from __future__ import annotations

import json
import re

import pytest

from planner import resources
from tests.webfixtures import DIGEST, client, config, copy_demo, token


@pytest.fixture
def ws(tmp_path):
    return copy_demo(tmp_path)


@pytest.fixture
def web(ws):
    with client(config(ws)) as c:
        yield c


def test_healthz_answers_ok(web):
    r = web.get("/healthz")
    assert r.status_code == 200 and r.text == "ok"


def test_workspace_lists_people_and_units_with_the_cohort_verdicts(web):
    page = web.get("/").text
    assert "陈思远" in page and 'href="/people/demo"' in page and 'href="/units/U-HZ"' in page
    # demo: 2026 total 49.4 of 90 in a year still running -> 进行中 (in_progress), as `audit --unit` says
    row = re.search(r'<tr class="verdict-(\w+)"><td><a href="/people/demo">', page)
    assert row and row.group(1) == "in_progress"
    assert "进行中" in page


def test_workspace_filters_unit_department_and_short_only(web):
    everyone = web.get("/").text.count('<tr class="verdict-')
    unit = web.get("/?unit=U-HZ").text
    assert unit.count('<tr class="verdict-') == 12 and 'href="/people/demo"' not in unit
    short = web.get("/?short=1").text
    assert 'verdict-met' not in short and short.count('<tr class="verdict-') < everyone
    dept = web.get("/?unit=U-HZ&department=测绘科").text
    assert 0 < dept.count('<tr class="verdict-') < 12


def test_person_page_shows_audit_plan_and_year_bars_in_chinese_then_english(web):
    page = web.get("/people/demo").text
    assert '<html lang="zh-CN">' in page and "规划" in page
    assert "B2-2026-03" in page                         # the least-effort plan's training (suggest --format json)
    assert "<svg" in page and 'class="chart' in page     # the reports' year bars
    assert "学时登记情况表" in page or "登记" in page
    english = web.get("/people/demo?lang=en").text
    assert '<html lang="en">' in english and 'href="/?lang=en"' in english


def test_pin_an_offering_re_plans_with_it(web):
    page = web.get("/people/demo").text
    pin = re.search(r'<select name="pin">.*?<option value="([^"]+)">', page, re.S).group(1)
    assert pin not in re.search(r'<section id="plan">.*?</section>', page, re.S).group(0)
    r = web.post("/people/demo/whatif", data={"csrf": token(page), "pin": pin, "through": "2026"})
    assert r.status_code == 303 and f"require={pin}" in r.headers["location"]
    planned = web.get(r.headers["location"]).text
    assert pin in re.search(r'<section id="plan">.*?</section>', planned, re.S).group(0)


def test_robust_re_plans_so_that_any_one_loss_still_meets_the_targets(web, ws, cli):
    import json as j
    page = web.get("/people/demo").text
    r = web.post("/people/demo/whatif", data={"csrf": token(page), "robust": "1", "through": "2026"})
    assert r.status_code == 303 and "robust=1" in r.headers["location"]
    shown = web.get(r.headers["location"]).text
    assert 'name="robust" value="1" checked' in shown
    plain = j.loads(web.get("/people/demo/plan.json").text)
    robust = j.loads(web.get("/people/demo/plan.json?robust=1").text)
    code, out, _ = cli("suggest", "--person", "demo", "--data", ws, "--today", "2026-11-27", "--robust",
                       "--format", "json")
    assert code == 0 and [s["id"] for s in robust["selected"]] == [s["id"] for s in json.loads(out)["selected"]]
    assert robust["effort_hours"] > plain["effort_hours"]      # demo: 52.8 h against 35.0 h


def test_exclude_drops_an_offering_from_the_plan(web):
    page = web.get("/people/demo").text
    r = web.post("/people/demo/whatif", data={"csrf": token(page), "leave_out": "B2-2026-03"})
    planned = web.get(r.headers["location"]).text
    plan = re.search(r'<section id="plan">.*?</section>', planned, re.S).group(0)
    assert "B2-2026-03" not in plan


def add_form(web, pid="demo", route="C5"):
    page = web.get(f"/people/{pid}?route={route}").text
    return page, {"csrf": token(page), "digest": DIGEST.search(page).group(1), "route": route}


def test_add_a_record_changes_the_audit_and_is_logged(web, ws):
    page, form = add_form(web)
    before = (ws / "people" / "demo.yaml").read_text(encoding="utf-8")
    r = web.post("/people/demo/records", data={**form, "title": "论文丙", "year": "2026", "venue": "core",
                                               "rank": "1"})
    assert r.status_code == 303 and "added=" in r.headers["location"]
    after = (ws / "people" / "demo.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):] == "  - {route: C5, title: 论文丙, year: 2026, venue: core, rank: 1}\n"
    audit = json.loads(web.get("/people/demo/audit.json").text)
    assert audit["years"]["2026"]["professional"] == 48.4      # 40.4 + a core paper, first author: 8
    number = len(audit["records"])                              # the new record is the last, counted from 1
    assert f"已添加为第 {number} 条记录" in web.get(r.headers["location"]).text
    log = [json.loads(line) for line in (ws / "changes.log").read_text(encoding="utf-8").splitlines()]
    assert log[-1]["file"] == "people/demo.yaml" and log[-1]["record"].startswith("records[")
    assert log[-1]["who"] and log[-1]["when"]


def test_a_bad_record_is_refused_at_its_field_and_nothing_is_written(web, ws):
    page, form = add_form(web)
    before = (ws / "people" / "demo.yaml").read_bytes()
    r = web.post("/people/demo/records", data={**form, "title": "论文丁", "year": "2026", "venue": "core"})
    assert r.status_code == 400
    field = re.search(r'<label class="field has-error" id="field-(\w+)">', r.text)
    assert field and field.group(1) == "rank"
    assert (ws / "people" / "demo.yaml").read_bytes() == before


def test_a_stale_edit_is_refused_with_a_clear_message(web, ws):
    page, form = add_form(web)
    path = ws / "people" / "demo.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - {route: G, year: 2026, title: 同事加的, hours: 3}\n",
                    encoding="utf-8")
    changed = path.read_bytes()
    r = web.post("/people/demo/records", data={**form, "title": "论文丙", "year": "2026", "venue": "core",
                                               "rank": "1"})
    assert r.status_code == 409 and "已被修改" in r.text
    assert path.read_bytes() == changed


def test_a_post_without_the_csrf_token_is_refused(web, ws):
    page, form = add_form(web)
    before = (ws / "people" / "demo.yaml").read_bytes()
    data = {**form, "csrf": "forged", "title": "x", "year": "2026", "venue": "core", "rank": "1"}
    assert web.post("/people/demo/records", data=data).status_code == 403
    assert web.post("/people/demo/whatif", data={"pin": "B2-2026-03"}).status_code == 403
    assert (ws / "people" / "demo.yaml").read_bytes() == before


def test_the_bundled_demo_is_served_read_only():
    from tests.webfixtures import config as make
    from planner.web.server import make_config
    cfg = make_config(resources.demo_dir(), resources.offerings_dir(), None, None, "127.0.0.1", 8000, None)
    assert cfg.readonly
    with client(make(resources.demo_dir(), readonly=True)) as c:
        before = (resources.demo_dir() / "people" / "demo.yaml").read_bytes()
        page, form = add_form(c)
        assert "只读" in page
        r = c.post("/people/demo/records", data={**form, "title": "x", "year": "2026", "venue": "core", "rank": "1"})
        assert r.status_code == 403 and "只读" in r.text
        assert (resources.demo_dir() / "people" / "demo.yaml").read_bytes() == before


@pytest.mark.parametrize("kind,fmt,media", [("plan", "html", "text/html"), ("plan", "md", "text/markdown"),
                                            ("plan", "ics", "text/calendar"), ("plan", "json", "application/json"),
                                            ("audit", "html", "text/html")])
def test_person_downloads(web, kind, fmt, media):
    r = web.get(f"/people/demo/{kind}.{fmt}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"] == f'attachment; filename="demo-{kind}.{fmt}"'
    if (kind, fmt) == ("plan", "json"):
        assert [s["id"] for s in r.json()["selected"]][0] == "B2-2026-03"


def test_catalog_by_year_and_route_priced_for_a_person(web):
    page = web.get("/catalog?year=2027&route=B3&person=demo").text
    ids = re.findall(r"<tr><td>(B3-2027-\d+)</td>", page)
    assert ids and all(i.startswith("B3-2027") for i in ids)
    assert "按陈思远（demo）计算" in page


# ---------------------------------------------------------------- security

PAGES = ["/", "/people/demo", "/people/demo?route=C5", "/units/U-HZ", "/catalog", "/import", "/login"]


@pytest.mark.parametrize("path", PAGES + ["/healthz", "/people/demo/plan.json"])
def test_every_response_carries_the_security_headers(web, path):
    h = web.get(path).headers
    assert "script-src 'self'" in h["content-security-policy"]
    assert "unsafe-inline" not in h["content-security-policy"]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_has_inline_script_or_style(web, path):
    page = web.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)      # every script is a file
    assert not re.search(r"\son[a-z]+\s*=", page)                     # no event handler attribute
    assert "<style" not in page and " style=" not in page            # CSP style-src 'self'


@pytest.mark.parametrize("path", ["/people/%2e%2e", "/people/demo.yaml", "/units/%2e%2e", "/units/U%20HZ",
                                  "/people/~root/plan.json", "/catalog?person=..", "/people/a%00b"])
def test_ids_from_requests_are_validated_never_paths(web, path):
    r = web.get(path)
    assert r.status_code == 404 and "不是有效的" in r.text


@pytest.mark.parametrize("path", ["/people/..%2F..%2Fetc%2Fpasswd", "/people/%2Fetc%2Fpasswd/plan.json",
                                  "/units/U-HZ/..%2F..%2Fx/a.xlsx", "/static/..%2F..%2Fweb%2Fapp.py"])
def test_paths_with_slashes_in_an_id_reach_no_page(web, path):
    assert web.get(path).status_code == 404


def test_a_valid_but_unknown_id_is_simply_not_found(web):
    r = web.get("/people/P999")
    assert r.status_code == 404 and "没有人员“P999”" in r.text


def test_an_oversized_post_is_refused_before_it_is_read(web):
    page = web.get("/people/demo").text
    r = web.post("/people/demo/whatif", data={"csrf": token(page), "pin": "x" * 100_000})
    assert r.status_code == 413


def test_a_non_loopback_host_needs_a_password_file(cli, tmp_path):
    from planner.web.server import make_config
    from planner.errors import PlannerError
    with pytest.raises(PlannerError, match="--password-file"):
        make_config(tmp_path, resources.offerings_dir(), None, None, "0.0.0.0", 8000, None)
    code, out, err = cli("serve", "--host", "0.0.0.0", "--data", tmp_path)
    assert code == 2 and "--password-file" in err


@pytest.fixture
def guarded(ws, tmp_path):
    from planner.web.auth import hash_password
    pw = tmp_path / "office.pw"
    pw.write_text(hash_password("s3cret-口令") + "\n", encoding="utf-8")
    from planner.web.server import make_config
    cfg = make_config(ws, resources.offerings_dir(), None, None, "0.0.0.0", 8000, str(pw))
    from dataclasses import replace
    with client(replace(cfg, today=config(ws).today)) as c:
        yield c


def test_with_a_password_file_every_page_needs_a_login(guarded):
    for path in ("/", "/people/demo", "/units/U-HZ", "/catalog", "/import", "/people/demo/plan.json"):
        r = guarded.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    refused = guarded.post("/people/demo/whatif", data={})
    assert refused.status_code == 401 and refused.text == "请先登录"
    assert guarded.get("/healthz").text == "ok"


def test_login_with_the_right_password_opens_the_pages(guarded):
    page = guarded.get("/login?next=/people/demo").text
    bad = guarded.post("/login", data={"csrf": token(page), "name": "王科长", "password": "wrong"})
    assert bad.status_code == 401 and guarded.get("/").status_code == 303
    r = guarded.post("/login", data={"csrf": token(page), "name": "王科长", "password": "s3cret-口令",
                                     "next": "/people/demo"})
    assert r.status_code == 303 and r.headers["location"] == "/people/demo"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert guarded.get("/people/demo").status_code == 200


def test_login_never_redirects_to_another_site(guarded):
    page = guarded.get("/login").text
    r = guarded.post("/login", data={"csrf": token(page), "name": "a", "password": "s3cret-口令",
                                     "next": "//evil.example/x"})
    assert r.headers["location"] == "/"


# ---------------------------------------------------------------- unit plans (a real worker process)

def wait_for(web, uid, state_not="running", seconds=240):
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        p = web.get(f"/units/{uid}/progress.json").json()
        if p["state"] != state_not:
            return p
        time.sleep(0.3)
    raise AssertionError(f"the unit plan is still {state_not} after {seconds} s")


def test_a_unit_plan_runs_in_a_worker_one_at_a_time_and_serves_its_downloads(web):
    page = web.get("/units/U-HZ").text
    r = web.post("/units/U-HZ/plan", data={"csrf": token(page), "year": "2027"})
    assert r.status_code == 303
    running = web.get("/units/U-HZ").text
    assert '<meta http-equiv="refresh" content="2">' in running          # progress without JavaScript
    again = web.post("/units/U-HZ/plan", data={"csrf": token(page), "year": "2027"})
    assert again.status_code == 409                                       # one at a time per unit
    assert web.get("/healthz").text == "ok"                               # the server answers meanwhile
    done = wait_for(web, "U-HZ")
    assert done["state"] == "done" and done["files"] == ["html", "ics", "json", "xlsx"]
    result = web.get("/units/U-HZ").text
    link = re.search(r'href="(/units/U-HZ/\w+/U-HZ-2027\.xlsx)"', result).group(1)
    book = web.get(link)
    assert book.status_code == 200 and book.content[:2] == b"PK"
    summary = json.loads(web.get(link.replace(".xlsx", ".json")).text)
    assert summary["unit"] == "U-HZ" and summary["year"] == 2027


def test_a_unit_plan_past_its_wall_clock_cap_is_ended(ws):
    from planner.web.config import Limits
    with client(config(ws, limits=Limits(job_seconds=0.5), unit_time_limit=60.0)) as web:
        page = web.get("/units/U-HZ").text
        web.post("/units/U-HZ/plan", data={"csrf": token(page), "year": "2027"})
        assert wait_for(web, "U-HZ", seconds=60)["state"] == "capped"


def test_stop_ends_a_running_unit_plan(web):
    page = web.get("/units/U-HZ").text
    web.post("/units/U-HZ/plan", data={"csrf": token(page), "year": "2027"})
    r = web.post("/units/U-HZ/stop", data={"csrf": token(page)})
    assert r.status_code == 303
    assert wait_for(web, "U-HZ", seconds=120)["state"] == "stopped"
    assert "已停止" in web.get("/units/U-HZ").text


def test_the_watch_of_a_unit_search_can_stop_it_keeping_its_best_plan(policy):
    from planner.unit.search import plan_unit
    from planner.workspace import load_catalog, load_workspace
    ws = load_workspace(resources.demo_dir(), policy)
    catalog = load_catalog(resources.offerings_dir(), policy)
    heard = []
    import datetime as dt
    result = plan_unit(ws.unit("U-HZ"), ws.staff("U-HZ"), policy, catalog.offerings, 2027, dt.date(2026, 11, 27),
                       watch=lambda stage, numbers: heard.append((stage, numbers)) or True)
    assert heard[0][0] == "first plan" and len(heard) == 1                # stopped at the first report
    assert set(heard[0][1]) == {"short", "effort", "ideal"}
    assert result.effort == heard[0][1]["effort"]                          # the first plan is the result
