"""Chinese values wherever a value is typed: every enumerated field takes its
code, its Chinese name or a short form from the policy's `aliases`."""
from __future__ import annotations

import json

import pytest

from planner import vocab
from planner.credits import credit
from planner.errors import PlannerError
from planner.policy import load_policy

from .conftest import TODAY


@pytest.mark.parametrize("route,field,written,code", [
    (None, "specialty", "测绘地理信息", "surveying"),
    (None, "specialty", "测绘", "surveying"),
    (None, "specialty", "Surveying and geoinformation", "surveying"),
    (None, "platform", "爆破平台", "blasting"),
    ("B1", "level", "国家级", "national"),
    ("B2", "organizer", "部级", "ministry"),
    ("B2", "organizer", "省厅", "province"),
    ("B3", "kind", "培训", "training"),
    ("B3", "kind", "学术会议", "conference"),
    ("B3", "society", "测绘学会", "surveying"),
    ("B3", "society", "省 测绘学会", "surveying"),          # blanks inside are ignored
    ("C3", "level", "部级", "provincial"),                  # the same word means another code on C3
    ("C3", "level", "市厅级", "municipal"),
    ("C4", "kind", "软著", "software"),
    ("C5", "venue", "核心期刊", "core"),
    ("C5", "venue", "论文集", "proceedings"),
    ("C5", "venue", "博客", "博客"),                          # unknown: left as written for the check
])
def test_written_forms_become_codes(policy, route, field, written, code):
    assert vocab.to_code(policy, route, field, written) == code


def test_person_file_with_chinese_values_loads(person_of):
    p = person_of("""
        id: p1
        name: 张三
        specialty: 测绘地理信息
        records:
          - {route: C5, year: 2026, venue: 核心期刊, rank: 2, title: 论文}
          - {route: B3, date: 2026-09-09, days: 1, kind: 学术会议, society: 省测绘学会, title: 年会}
          - {route: A, year: 2026, hours: 12, platform: 登记管理系统, title: 课件}
    """)
    assert p.specialty == "surveying"
    assert [r.venue for r in p.records][:1] == ["core"]
    assert (p.records[1].kind, p.records[1].society, p.records[2].platform) == ("conference", "surveying", "zjce")


def test_credit_flags_in_chinese(cli):
    code, out, err = cli("credit", "B3", "--kind", "培训", "--society", "测绘学会", "--days", "3",
                         "--today", TODAY, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["hours"], data["formula"], data["reason"]) == (24, "8/天 × 3天 = 24", None)


def test_catalogue_offering_with_chinese_values(tmp_path, policy):
    from planner.workspace import load_catalog
    cat = tmp_path / "cat.yaml"
    cat.write_text("offerings:\n  - {id: X1, route: B2, title: 专项, organizer: 省厅, start: 2027-03-01,"
                   " end: 2027-03-02, specialties: [测绘, 海洋]}\n", encoding="utf-8")
    (o,) = load_catalog(cat, policy).offerings
    assert (o.organizer, o.specialties) == ("province", ("surveying", "marine"))
    assert credit(o, policy, "surveying").tenths == 120


def test_society_outside_the_five_shows_its_chinese_name(policy):
    from .conftest import record
    c = credit(record(route="B3", year=2026, days=1, kind="conference", society="china_surveying"),
               policy, "surveying")
    assert "中国测绘学会" in c.reason.get("zh") and "china_surveying" not in c.reason.get("zh")


def test_hint_lists_chinese_names_first(policy):
    assert vocab.choices(policy, "B1", "level", ("national", "provincial", "municipal")) == \
        "国家级 | 省级 | 市级（national | provincial | municipal）"
    assert vocab.choices(policy, "B1", "level", ("national", "provincial", "municipal"), "en") == \
        "national | provincial | municipal (国家级 | 省级 | 市级)"


def test_an_alias_naming_two_codes_is_refused(tmp_path):
    from planner import resources
    text = (resources.policies_dir() / "zhejiang-natural-resources-2021.yaml").read_text(encoding="utf-8")
    bad = text.replace("aliases: [省]}", "aliases: [省, 国家]}", 1)
    assert bad != text
    path = tmp_path / "p.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(PlannerError) as info:
        load_policy(path)
    assert "'国家' names both national and provincial" in str(info.value)
