"""The rules are data: a made-up second policy gives its own answers with no
code change."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.audit import audit
from planner.errors import PlannerError
from planner.ledger import build
from planner.policy import load_policy
from planner.tenths import show_short
from planner.workspace import parse_person

from .conftest import dedent

OTHER = """
id: elsewhere-2030
name: 某省测试细则
name_en: A made-up province
source: 测试〔2029〕1号
effective_from: 2020-01-01
categories:
  professional: {name: 专业, name_en: professional}
  general: {name: 公需, name_en: general}
targets:
  - {key: professional, categories: [professional], hours: 50, article: 第三条, text: 专业不少于50, text_en: 50 professional}
  - {key: general, categories: [general], hours: 10, article: 第三条, text: 公需不少于10, text_en: 10 general}
  - {key: total, categories: [professional, general], hours: 70, article: 第三条, text: 合计70, text_en: 70 in all}
cycle: {anchor: 2020, length: 2, hours: 20, classes: [X], article: 第四条, text: 两年20, text_en: 20 in 2 years}
classes:
  X: {name: X类, name_en: class X, category: professional}
  O: {name: 其他, name_en: other, category: professional}
  G: {name: 公需, name_en: general, category: general}
rank_shares: [100, 50]
platforms:
  web: {name: 网络平台, name_en: web}
specialties:
  anything: {name: 任意, name_en: any, platform: web}
effort: {per_day_hours: 6, per_listed_hour: 1}
routes:
  X1:
    class: X
    name: 研修
    name_en: seminar
    article: 第五条
    text: 每天5学时
    text_en: 5 a day
    credit: {basis: day, rate: 5}
    cap: 15
  P:
    class: O
    name: 论文
    name_en: paper
    article: 第六条
    text: 每篇10学时
    text_en: 10 per paper
    credit: {basis: item, rate: 10, ranked: true}
    cap: 10
  W:
    class: O
    name: 网课
    name_en: web course
    article: 第七条
    text: 按列明学时
    text_en: as listed
    credit: {basis: listed}
  G:
    class: G
    name: 公需
    name_en: general
    article: 第八条
    text: 按列明学时
    text_en: as listed
    credit: {basis: listed}
unit_training_route: X1
"""

PERSON = """
id: q
name: 外省
specialty: anything
records:
  - {route: X1, year: 2021, days: 4, title: 研修}
  - {route: P, year: 2021, rank: 2, title: 论文甲}
  - {route: P, year: 2021, rank: 1, title: 论文乙}
  - {route: W, year: 2021, hours: 31, title: 网课}
  - {route: G, year: 2021, hours: 10, title: 公需}
  - {route: X1, year: 2020, days: 1, title: 去年}
"""


@pytest.fixture
def other(tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text(dedent(OTHER), encoding="utf-8")
    return load_policy(path)


def test_second_policy_targets_caps_and_cycle(other):
    person = parse_person(dedent(PERSON), "q.yaml", other)
    result = audit(person, other, 2021, dt.date(2021, 12, 31))
    y2021 = next(y for y in result.years if y.year == 2021)
    # X1: 4 days x 5 = 20, capped at 15; P: 5 + 10 = 15, capped at 10
    assert {c: (show_short(r.raw), show_short(r.counted)) for c, r in y2021.routes.items()} == \
        {"X1": ("20", "15"), "P": ("15", "10"), "W": ("31", "31"), "G": ("10", "10")}
    # professional 56 >= 50, general 10 >= 10, total 66 < 70
    assert {t.key: (show_short(t.value), t.met) for t in y2021.targets} == \
        {"professional": ("56", True), "general": ("10", True), "total": ("66", False)}
    # cycles of 2 years from 2020: 2020-2021 holds 5 + 15 = 20 -> met
    [cycle] = result.cycles
    assert (cycle.start, cycle.end, show_short(cycle.hours), cycle.met) == (2020, 2021, "20", True)


def test_second_policy_rank_shares(other):
    person = parse_person(dedent(PERSON), "q.yaml", other)
    lines = build(other, "anything", person.records).lines
    assert [l.credit.tenths for l in lines[1:3]] == [50, 100]


def test_second_policy_through_the_cli(tmp_path, cli):
    policy = tmp_path / "other.yaml"
    policy.write_text(dedent(OTHER), encoding="utf-8")
    (tmp_path / "ws" / "people").mkdir(parents=True)
    (tmp_path / "ws" / "people" / "q.yaml").write_text(dedent(PERSON), encoding="utf-8")
    code, out, err = cli("audit", "--person", "q", "--data", tmp_path / "ws", "--policy", policy,
                         "--today", "2021-12-31", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["policy"] == "elsewhere-2030"
    assert data["years"]["2021"]["total"] == 66.0
    assert data["cycles"] == [{"start": 2020, "end": 2021, "b_hours": 20.0, "required": 20.0,
                               "met": True, "shortfall": 0.0}]


def test_a_route_unknown_to_the_policy_is_bad_input(other):
    text = dedent(PERSON) + "  - {route: B1, year: 2021, level: national, title: x}\n"
    with pytest.raises(PlannerError, match="unknown route 'B1'"):
        parse_person(text, "q.yaml", other)


def test_the_bundled_policy_numbers(policy):
    # 第五条 and 第六条 as read in rules.md
    assert {t.key: t.hours for t in policy.targets} == {"professional": 650, "general": 180, "total": 900}
    assert (policy.cycle.anchor, policy.cycle.length, policy.cycle.hours) == (2021, 3, 360)
    assert {c: r.cap for c, r in policy.routes.items()} == {
        "A": None, "B1": 360, "B2": 360, "B3": 360, "B4": 360,
        "C1": 240, "C2": 240, "C3": 240, "C4": 240, "C5": 240, "C6": 240, "C7": 240, "G": None}
    assert policy.rank_shares == (100, 80, 60)
    assert policy.effective_from == dt.date(2021, 1, 1)
    assert policy.source == "浙自然资发〔2020〕23号"


RULE_MODULES = ("credits.py", "ledger.py", "audit.py", "checks.py", "effort.py", "models/*.py",
                "workspace.py", "plan/*.py", "unit/*.py")


def test_no_rule_number_in_python():
    """The rule numbers and route codes of rules.md live in the policy file,
    not in the modules that apply rules (layout code may use any number)."""
    import re
    from pathlib import Path
    import planner
    root = Path(planner.__file__).parent
    pattern = re.compile(r"(?<![\w.])(65|18|90|36|24|30|\"(?:B[1-4]|C[1-7])\")(?![\w.])")
    offenders = []
    paths = sorted({p for glob in RULE_MODULES for p in root.glob(glob)})
    assert len(paths) >= 7
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if pattern.search(code) and "noqa: rule-number" not in line:
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert offenders == []


def test_every_number_in_rules_md_appears_in_a_test():
    """rules.md's numbers are each asserted somewhere in tests/."""
    import re
    from pathlib import Path
    here = Path(__file__).resolve().parent
    rules = here.parent.parent / "shared" / "docs" / "rules.md"
    if not rules.exists():
        pytest.skip("../shared/docs/rules.md is not beside this checkout")
    numbers = {n.replace(",", "") for n in re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", rules.read_text(encoding="utf-8"))}
    source = "".join(p.read_text(encoding="utf-8") for p in here.glob("*.py"))
    missing = sorted(n for n in numbers if not re.search(r"(?<![\d.])" + re.escape(n) + r"(?!\d)", source))
    assert missing == []
