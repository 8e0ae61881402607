"""Every kind of bad input ends with exit 2 and one line naming the file, the
record and the field, in the user's words; never a traceback."""
from __future__ import annotations

import pytest

HEAD = "id: p1\nname: 张三\nspecialty: surveying\nrecords:\n"


def run_audit(cli, root, person="p1"):
    code, out, err = cli("audit", "--person", person, "--data", root, "--today", "2026-11-27", "--lang", "en")
    return code, out, err


@pytest.mark.parametrize("body,expected", [
    # YAML syntax error, with its line
    ("  - {route: G, year: 2026, hours: 18, title: 公需课\n",
     "people/p1.yaml, line 6: YAML syntax error: expected ',' or '}', but got '<stream end>'"),
    # wrong type
    ("  - {route: G, year: 2026, hours: abc, title: 公需课}\n",
     "people/p1.yaml, line 5: record 1 (公需课): field 'hours': expected a number, got 'abc'"),
    ("  - {route: G, year: twenty, hours: 1, title: 公需课}\n",
     "people/p1.yaml, line 5: record 1 (公需课): field 'year': expected a whole number, got 'twenty'"),
    # unknown route
    ("  - {route: B5, year: 2026, title: 研修}\n",
     "people/p1.yaml, line 5: record 1 (研修): field 'route': unknown route 'B5' (expected A | B1 | B2 | B3 | B4 | C1 | C2 | C3 | C4 | C5 | C6 | C7 | G)"),
    # unknown enum values
    ("  - {route: B1, year: 2026, level: city, title: 高研班}\n",
     "people/p1.yaml, line 5: record 1 (高研班): field 'level': unknown level 'city' for route B1 (expected national | provincial | municipal (国家级 | 省级 | 市级))"),
    ("  - {route: C5, year: 2026, venue: blog, rank: 1, title: 论文}\n",
     "people/p1.yaml, line 5: record 1 (论文): field 'venue': unknown venue 'blog' for route C5 (expected core | national | other | proceedings | book (中文核心期刊 | 全国性专业刊物 | 其他刊物 | 正式出版的论文集 | 著作))"),
    ("  - {route: A, year: 2026, hours: 3, platform: wechat, title: 课件}\n",
     "people/p1.yaml, line 5: record 1 (课件): field 'platform': unknown platform 'wechat' for route A (expected zjce | blasting (浙江省专业技术人员继续教育学时登记管理系统 | 浙江省爆破行业网络学习平台))"),
    # a field the route requires, missing
    ("  - {route: B1, year: 2026, title: 高研班}\n",
     "people/p1.yaml, line 5: record 1 (高研班): field 'level': route B1 needs `level` (national | provincial | municipal (国家级 | 省级 | 市级))"),
    ("  - {route: C3, year: 2026, level: county, title: 课题}\n",
     "people/p1.yaml, line 5: record 1 (课题): field 'rank': route C3 needs `rank`"),
    ("  - {route: C5, year: 2026, venue: book, rank: 1, title: 著作}\n",
     "people/p1.yaml, line 5: record 1 (著作): field 'characters': route C5 needs `characters` here"),
    ("  - {route: B4, year: 2026, title: 境外研修}\n",
     "people/p1.yaml, line 5: record 1 (境外研修): field 'days': route B4 is counted by the day: give `days` or the dates"),
    # rank below 1
    ("  - {route: C4, year: 2026, kind: invention, rank: 0, title: 专利}\n",
     "people/p1.yaml, line 5: record 1 (专利): field 'rank': must be at least 1, got 0"),
    # days not positive, or not a multiple of 0.5
    ("  - {route: C1, year: 2026, days: 0, title: 讲座}\n",
     "people/p1.yaml, line 5: record 1 (讲座): field 'days': days must be more than 0"),
    ("  - {route: C1, year: 2026, days: -1, title: 讲座}\n",
     "people/p1.yaml, line 5: record 1 (讲座): field 'days': days must be more than 0"),
    ("  - {route: C1, year: 2026, days: 1.3, title: 讲座}\n",
     "people/p1.yaml, line 5: record 1 (讲座): field 'days': 1.3 is not a whole number of half days"),
    # hours not in tenths
    ("  - {route: G, year: 2026, hours: 1.25, title: 公需课}\n",
     "people/p1.yaml, line 5: record 1 (公需课): field 'hours': 1.25 is not a whole number of tenths of an hour"),
    # impossible date
    ("  - {route: C1, date: 2026-02-30, title: 讲座}\n",
     "people/p1.yaml, line 5: record 1 (讲座): field 'date': not a valid date (write YYYY-MM-DD), got '2026-02-30'"),
    # end before start
    ("  - {route: B2, start: 2026-04-03, end: 2026-04-01, organizer: ministry, title: 专项培训}\n",
     "people/p1.yaml, line 5: record 1 (专项培训): field 'end': end 2026-04-01 is before start 2026-04-03"),
    # year that contradicts the date
    ("  - {route: C1, date: 2026-04-03, year: 2025, title: 讲座}\n",
     "people/p1.yaml, line 5: record 1 (讲座): field 'year': year 2025 does not match the completion date 2026-04-03"),
    # more days than the dates hold
    ("  - {route: C1, start: 2026-04-03, end: 2026-04-03, days: 2, title: 讲座}\n",
     "people/p1.yaml, line 5: record 1 (讲座): field 'days': days 2 is more than the 1 calendar days from 2026-04-03 to 2026-04-03"),
    # neither a date nor a year
    ("  - {route: G, hours: 2, title: 公需课}\n",
     "people/p1.yaml, line 5: record 1 (公需课): field 'year': give a `date`, `start`/`end`, or a `year`"),
    # a misspelt field
    ("  - {route: G, year: 2026, hour: 2, title: 公需课}\n",
     "people/p1.yaml, line 5: record 1 (公需课): field 'hour': is not a known field"),
    # duplicate record: same route, title and completion date
    ("  - {route: B3, date: 2026-09-09, kind: conference, society: land, title: 年会}\n"
     "  - {route: B3, date: 2026-09-09, kind: conference, society: land, title: 年会}\n",
     "people/p1.yaml, line 6: record 2 (年会): field 'title': duplicate of record 1: the same activity is registered once"),
    ("  - {route: A, year: 2026, hours: 4, platform: zjce, title: 课件甲, offering: A-1}\n"
     "  - {route: A, year: 2026, hours: 4, platform: zjce, title: 课件乙, offering: A-1}\n",
     "people/p1.yaml, line 6: record 2 (课件乙): field 'offering': offering A-1 is already recorded in record 1"),
    # the second record is the bad one: its index and line are named
    ("  - {route: G, year: 2026, hours: 2, title: 好的}\n"
     "  - route: C1\n    title: 坏的\n    year: 2026\n    days: zero\n",
     "people/p1.yaml, line 9: record 2 (坏的): field 'days': expected a number, got 'zero'"),
])
def test_bad_record(cli, workspace, body, expected):
    root = workspace({"p1": HEAD + body})
    code, out, err = run_audit(cli, root)
    assert code == 2
    assert out == ""
    assert err == f"error: {root}/{expected}\n"


@pytest.mark.parametrize("text,expected", [
    (HEAD.replace("records:\n", "records: 18\n"),
     "people/p1.yaml, line 4: field 'records': `records` must be a list (one '- ' line per item)"),
    (HEAD.replace("surveying", "astrology"),
     "people/p1.yaml, line 3: field 'specialty': unknown specialty 'astrology' (expected geological_survey | land_engineering | surveying | spatial_planning | marine | blasting_engineering | blasting_equipment | mine_construction | mining (地质勘查 | 土地工程 | 测绘地理信息 | 国土空间规划 | 海洋工程与技术 | 爆破工程 | 爆破器材 | 矿建工程 | 采矿工程))"),
    ("id: p1\nname: 张三\nrecords: []\n",
     "people/p1.yaml: field 'specialty': is missing (required)"),
    ("- just\n- a list\n",
     "people/p1.yaml: expected a mapping with the person's fields, found list"),
    (HEAD + "blackout:\n  - {start: 2027-06-30, end: 2027-06-01}\n",
     "people/p1.yaml, line 6: field 'blackout[0].end': end 2027-06-01 is before start 2027-06-30"),
])
def test_bad_person_file(cli, workspace, text, expected):
    root = workspace({"p1": text})
    code, out, err = run_audit(cli, root)
    assert (code, out) == (2, "")
    assert err == f"error: {root}/{expected}\n"


def test_duplicate_person_ids(cli, workspace):
    root = workspace({"a": HEAD, "b": HEAD})
    code, _, err = run_audit(cli, root)
    assert code == 2
    assert err == f"error: {root}/people/b.yaml: field 'id': person id 'p1' is already used by {root}/people/a.yaml\n"


def test_unknown_person(cli, workspace):
    root = workspace({"p1": HEAD})
    code, _, err = run_audit(cli, root, "p9")
    assert (code, err) == (2, f"error: unknown person 'p9' in {root} (known: p1)\n")


def test_gbk_file_is_read_correctly(cli, workspace):
    root = workspace({})
    (root / "people" / "p1.yaml").write_bytes(
        (HEAD + "  - {route: G, year: 2026, hours: 18, title: 公需课}\n").encode("gbk"))
    code, out, err = run_audit(cli, root)
    assert code == 0, err
    assert "张三" in out and "公需课" in out


def test_file_in_no_known_encoding(cli, workspace):
    root = workspace({})
    (root / "people" / "p1.yaml").write_bytes(b"id: p1\nname: \xff\xfe\xfa\n")
    code, _, err = run_audit(cli, root)
    assert (code, err) == (2, f"error: {root}/people/p1.yaml: the file is not text in UTF-8 (or GBK); save it as UTF-8\n")


def test_utf16_file_is_named(cli, workspace):
    root = workspace({})
    (root / "people" / "p1.yaml").write_bytes(HEAD.encode("utf-16"))
    code, _, err = run_audit(cli, root)
    assert (code, err) == (2, f"error: {root}/people/p1.yaml: the file is UTF-16; save it as UTF-8\n")


def test_bad_today(cli, workspace):
    root = workspace({"p1": HEAD})
    code, _, err = cli("audit", "--person", "p1", "--data", root, "--today", "2026-13-01", "--lang", "en")
    assert code == 2 and "'2026-13-01' is not a date (write YYYY-MM-DD)" in err


def test_missing_workspace(cli, tmp_path):
    code, _, err = cli("audit", "--person", "p1", "--data", tmp_path / "nowhere", "--lang", "en")
    assert (code, err) == (2, f"error: workspace folder not found: {tmp_path / 'nowhere'}\n")


CATALOG_HEAD = "offerings:\n"


@pytest.mark.parametrize("body,expected", [
    ("  - {id: X1, route: G, title: 公需, hours: 6, year: 2027, fee: 0}\n"
     "  - {id: X1, route: G, title: 公需二, hours: 6, year: 2027, fee: 0}\n",
     "line 3: offering 2 (公需二): field 'id': offering id 'X1' is already used in {cat}"),
    ("  - {id: X1, route: B3, title: 培训, kind: training, society: land, start: 2027-04-12, end: 2027-04-10}\n",
     "line 2: offering 1 (培训): field 'end': end 2027-04-10 is before start 2027-04-12"),
    ("  - {id: X1, route: G, title: 公需, hours: 6, year: 2027, fee: -5}\n",
     "line 2: offering 1 (公需): field 'fee': must not be negative, got -5"),
    ("  - {id: X1, route: G, title: 公需, hours: 6, year: 2027, specialties: [poetry]}\n",
     "line 2: offering 1 (公需): field 'specialties': unknown specialty 'poetry' (expected geological_survey | land_engineering | surveying | spatial_planning | marine | blasting_engineering | blasting_equipment | mine_construction | mining (地质勘查 | 土地工程 | 测绘地理信息 | 国土空间规划 | 海洋工程与技术 | 爆破工程 | 爆破器材 | 矿建工程 | 采矿工程))"),
    ("  - {id: X1, route: C7, title: 在职课程, courses: 2, year: 2027, fee: 0}\n",
     "line 2: offering 1 (在职课程): field 'effort_hours': give `effort_hours`: the effort of an undated offering without listed hours cannot be derived"),
])
def test_bad_catalogue(tmp_path, body, expected):
    cat = tmp_path / "cat.yaml"
    cat.write_text(CATALOG_HEAD + body, encoding="utf-8")
    from planner.policy import resolve_policy
    from planner.workspace import load_catalog
    from planner.errors import PlannerError
    with pytest.raises(PlannerError) as info:
        load_catalog(cat, resolve_policy())
    assert str(info.value) == f"{cat}, " + expected.format(cat=cat)


def test_c_and_pure_yaml_loaders_read_the_bundled_files_alike():
    """libyaml speeds loading; it must not change what a file means."""
    import yaml
    from planner import resources
    from planner.yamlio import _Loader, _PureLoader
    paths = sorted(resources.catalog_dir().rglob("*.yaml"))
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=_Loader) == yaml.load(text, Loader=_PureLoader), path
