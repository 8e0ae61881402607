"""Registered hours (登记学时): a record of any route may carry the figure the
registrar already recorded, with `source`, and nothing else invented
(issue 9 point 5; README "How the rules are read": `hours` beside a `source`)."""
from __future__ import annotations

from planner.credits import credit
from planner.ledger import build
from planner.messages import formula_text

from .conftest import cli_json, record


def test_a_registered_figure_is_its_credit_on_every_route(policy):
    # C5 6.4 = core journal, 2nd author (8 x 80%); 4.8 = 3rd author (8 x 60%)
    for route, tenths in (("C5", 64), ("C5", 48), ("B1", 120), ("B2", 301), ("C6", 1), ("A", 123), ("G", 180)):
        c = credit(record(route=route, year=2026, hours=tenths / 10, source="roster"), policy, "surveying")
        assert (c.tenths, c.basis, c.source, c.reason) == (tenths, "registered", "roster", None)


def test_registered_hours_need_no_formula_fields(person_of):
    p = person_of("""
        id: r
        name: 甲
        specialty: surveying
        records:
          - {route: C5, year: 2026, title: 论文, hours: 6.4, source: roster}
          - {route: B2, year: 2026, title: 专项, hours: 12, source: roster}
          - {route: A, year: 2026, title: 课件, hours: 12, source: roster}
    """)
    assert [r.venue or r.rank or r.organizer or r.days or r.platform for r in p.records] == [None, None, None]


def test_caps_apply_to_registered_hours_and_b_counts_toward_the_cycle(policy):
    items = [record(route="C5", year=2026, hours=20, source="roster"),
             record(route="C5", year=2026, hours=6.4, source="registry"),
             record(route="B2", year=2025, hours=30, source="roster"),
             record(route="B3", year=2026, hours=12, source="roster")]
    ledger = build(policy, "surveying", items)
    c5 = ledger.year(2026).routes["C5"]
    assert (c5.raw, c5.counted) == (264, 240)          # C5's cap: 24 a year
    assert [line.counted for line in ledger.lines] == [200, 40, 300, 120]
    assert ledger.lines[1].reason.code == "capped"
    assert ledger.cycle(2026).hours == 420              # 2024-2026: B 30 + 12


def test_the_explanation_names_the_registered_figure_and_its_source(policy):
    roster = credit(record(route="C5", year=2026, hours=6.4, source="roster"), policy, "surveying")
    assert formula_text(roster, "zh") == "登记学时（名册导入） = 6.4"
    assert formula_text(roster, "en") == "registered hours (roster import) = 6.4"
    bare = credit(record(route="B1", year=2026, hours=24), policy, "surveying")
    assert formula_text(bare, "zh") == "登记学时 = 24"
    other = credit(record(route="B1", year=2026, hours=24, source="单位档案"), policy, "surveying")
    assert formula_text(other, "en") == "registered hours (单位档案) = 24"


def test_a_formula_that_agrees_is_kept_one_that_disagrees_is_bad_input(workspace, cli):
    root = workspace({"ok": """
        id: ok
        name: 乙
        specialty: surveying
        records:
          - {route: C5, year: 2026, title: 论文, venue: core, rank: 2, hours: 6.4, source: registry}
          - {route: C5, year: 2026, title: 论文二, venue: core, rank: 3, hours: 4.8}
          - {route: B2, year: 2026, title: 专项, organizer: ministry, hours: 12}
    """})
    audit = cli_json(cli, "audit", "--person", "ok", "--data", root, "--today", "2026-11-27")
    assert [r["hours"] for r in audit["records"]] == [6.4, 4.8, 12.0]
    assert audit["years"]["2026"]["routes"]["C5"] == {"raw": 11.2, "counted": 11.2, "cap": 24.0}
    (root / "people" / "bad.yaml").write_text(
        "id: bad\nname: 丙\nspecialty: surveying\nrecords:\n"
        "  - {route: C5, year: 2026, title: 论文, venue: core, rank: 2, hours: 8}\n", encoding="utf-8")
    code, out, err = cli("audit", "--person", "ok", "--data", root, "--lang", "en")
    assert code == 2
    assert "bad.yaml, line 5: record 1 (论文): field 'hours': hours 8 (registered) disagree" in err
    assert "which give 6.4 under route C5" in err


def test_a_field_the_record_gives_is_still_checked(policy):
    # a blasting-platform A figure for a surveyor still counts nothing (第六条（一）)
    c = credit(record(route="A", year=2026, hours=12, platform="blasting", source="roster"), policy, "surveying")
    assert (c.tenths, c.reason.code) == (0, "ineligible")
    # a society outside the five still is not B3
    c = credit(record(route="B3", year=2026, hours=12, society="mining", source="roster"), policy, "surveying")
    assert (c.tenths, c.reason.code) == (0, "ineligible")


def test_record_add_takes_registered_hours_and_their_source(workspace, cli):
    root = workspace({"p": """
        id: p
        name: 甲
        specialty: marine
    """})
    code, out, err = cli("record", "add", "--person", "p", "--route", "C5", "--title", "论文", "--year", "2026",
                         "--hours", "4.8", "--source", "registry", "--data", root)
    assert code == 0, err
    assert "  - {route: C5, title: 论文, year: 2026, hours: 4.8, source: registry}" in \
        (root / "people" / "p.yaml").read_text(encoding="utf-8").splitlines()
    audit = cli_json(cli, "audit", "--person", "p", "--data", root, "--today", "2026-11-27")
    assert audit["years"]["2026"]["routes"]["C5"]["counted"] == 4.8
