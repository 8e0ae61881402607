"""A person the time limit, not the rules, left short (issue 10: "never
names a timeout infeasible"). Two staff each need 4 more hours; the only
course that gives them has one seat. Searched to its end, the second is
short because of the shared seat (`shared`, and the status says some staff
cannot meet their targets). Past the limit the search gives the second
nothing, and nothing is proven: the reason is `undecided`, in words naming
the time limit, and the status says so. No timing: the clock is expired
before the call (tests/test_unit_cut.py)."""
from __future__ import annotations

import json
import time

from planner.render.formats import render as render_unit
from planner.render.unit_lines import short_lines, status_text
from planner.unit.assemble import Solution, why_kind
from planner.unit.explain import explain_plan
from planner.unit.search import plan_unit

from .unitfixtures import TODAY, YEAR, online, person, recheck, unit

LONG_AGO = 10 ** 6          # seconds before now: the 5 s limit ran out long ago
STAFF = [person("P0"), person("P1")]
ONE_SEAT = [online("A-X", 4, 3, seats=1)]
UNDECIDED_ZH = ("达到时间上限（安全上限）时搜索尚未为其找到达标的安排，未证明无法达标（合计差4学时）；"
                "加大 --time-limit 可重新求解")


def solution(deterministic: bool, ideal_short: int, ideal_proven: bool) -> Solution:
    return Solution(plans={"P": ()}, ideal_effort={"P": 0}, ideal_short={"P": ideal_short}, proven=False,
                    shortfall_bound=0, effort_bound=0, seconds=0.0, first_feasible=0.0, time_limit=5,
                    deterministic=deterministic, work=0.0, work_budget=5.0, ideal_proven={"P": ideal_proven})


def test_why_kind_names_the_time_limit_only_where_nothing_is_proven():
    assert why_kind(solution(True, 0, True), "P") == "shared"          # the search ran to its end
    assert why_kind(solution(True, 40, True), "P") == "capacity"
    assert why_kind(solution(False, 0, True), "P") == "undecided"      # alone they meet it: the cut came first
    assert why_kind(solution(False, 40, False), "P") == "undecided"    # the greedy plan, past the limit: not proven
    assert why_kind(solution(False, 40, True), "P") == "capacity"      # their own optimum proven short


def test_searched_to_its_end_the_second_is_short_for_the_shared_seat(policy):
    plan = plan_unit(unit(), STAFF, policy, ONE_SEAT, YEAR, TODAY)
    recheck(plan, STAFF, ONE_SEAT, policy)
    assert plan.deterministic and plan.status == "short" and plan.people_met == 1
    (short,) = plan.short_people
    assert [(s.key, s.shortfall, s.why.kind) for s in short.shorts] == [("total", 40, "shared")]
    assert status_text(plan, "zh") == "部分人员无法达标（其余人员均达标；给出总差额最小的方案）"
    explained = explain_plan(plan)
    (why,) = explained.explained.people[short.person.id]
    assert why.why.kind == "shared" and "的1个名额已被" in why.why.text


def test_past_the_limit_the_second_is_short_for_the_time_limit(policy):
    started = time.perf_counter() - LONG_AGO
    plan = plan_unit(unit(), STAFF, policy, ONE_SEAT, YEAR, TODAY, time_limit=5, started=started)
    recheck(plan, STAFF, ONE_SEAT, policy)
    assert not plan.deterministic and plan.status == "short" and plan.people_met == 1
    (short,) = plan.short_people
    assert [(s.key, s.shortfall, s.why.kind) for s in short.shorts] == [("total", 40, "undecided")]
    explained = explain_plan(plan, deadline=started + 5)      # no time left to explain: the plan's own reason
    assert short_lines(explained, "zh") == [(short.person.id, short.person.name,
                                             f"{UNDECIDED_ZH} — {short.shorts[0].text}")]
    assert status_text(explained, "zh") == ("部分人员未达标：达到时间上限（安全上限）时搜索尚未为其找到达标的安排，"
                                            "未证明无法达标（其余人员均达标）")
    assert status_text(explained, "en").startswith("some staff short: the time limit (a safety cap) came before")
    data = json.loads(render_unit(explained, "json", "zh"))
    assert data["status"] == "short" and data["deterministic"] is False
    assert data["status_text"] == status_text(explained, "zh")
    assert data["people"][short.person.id]["unmet"] == [{"target": "total", "required": 90.0, "value": 86.0,
                                                         "shortfall": 4.0, "why": "undecided"}]
    text = render_unit(explained, "text", "zh")
    assert "部分人员无法达标" not in text and "未证明无法达标" in text and "未达标的人员" in text


def test_explained_after_a_cut_search_the_shared_limits_are_not_called_the_cause(policy):
    started = time.perf_counter() - LONG_AGO
    plan = plan_unit(unit(), STAFF, policy, ONE_SEAT, YEAR, TODAY, time_limit=5, started=started)
    explained = explain_plan(plan)                             # time to explain, but the search itself was cut
    (short,) = explained.short_people
    (why,) = explained.explained.people[short.person.id]
    assert (why.why.kind, why.why.capacity, why.why.existing, why.why.limits) == ("undecided", 900, 860, ())
    assert why.why.text.endswith("单独规划（不计单位共享限制）可以达到（目录最多90学时）；达到时间上限（安全上限）时"
                                 "搜索尚未找到使其与他人同时达标的安排，未证明无法达标；加大 --time-limit 可重新求解")
    assert "held back by" not in why.why.text_en and "not proven unreachable" in why.why.text_en
    assert status_text(explained, "zh").startswith("部分人员未达标：达到时间上限")


def test_every_format_says_the_time_limit_came_first(policy):
    import io

    import openpyxl
    started = time.perf_counter() - LONG_AGO
    plan = explain_plan(plan_unit(unit(), STAFF, policy, ONE_SEAT, YEAR, TODAY, time_limit=5, started=started),
                        deadline=started + 5)
    words = status_text(plan, "zh")
    assert words.startswith("部分人员未达标：")
    for fmt in ("md", "html"):
        page = render_unit(plan, fmt, "zh")
        assert words in page and UNDECIDED_ZH in page and "部分人员无法达标" not in page, fmt
    wb = openpyxl.load_workbook(io.BytesIO(render_unit(plan, "xlsx", "zh")))
    assert wb["汇总"]["B3"].value == words
    assert [c.value for c in wb["未达标的人员"][2]][:2] == ["P1", "员工P1"]
    assert wb["未达标的人员"]["C2"].value.startswith(UNDECIDED_ZH)


def test_the_command_status_line_does_not_call_the_cut_unable(policy):
    from planner.render.unit_lines import status_line_words
    started = time.perf_counter() - LONG_AGO
    cut = plan_unit(unit(), STAFF, policy, ONE_SEAT, YEAR, TODAY, time_limit=5, started=started)
    assert status_line_words(cut) == (status_text(cut, "zh"), "short (undecided)")
    ended = plan_unit(unit(), STAFF, policy, ONE_SEAT, YEAR, TODAY)
    assert status_line_words(ended) == ("部分人员无法达标（其余人员均达标；给出总差额最小的方案）", "short")


def test_the_status_line_gives_no_gap_when_no_lower_bound_was_found():
    """A bound of 0 (the search cut before any was found: 10,000 unit
    trainings) makes the gap 100% by arithmetic; the status line says that
    no bound was found instead of a gap of 100.00%."""
    import types

    from planner.render.unit_lines import gap_line_words
    assert gap_line_words(types.SimpleNamespace(gap=1.0)) == ("未求得下限（差距无从计算）",
                                                              "no lower bound found (no gap to give)")
    assert gap_line_words(types.SimpleNamespace(gap=0.0258)) == ("与下限差距 2.58%", "gap 2.58%")
    assert gap_line_words(types.SimpleNamespace(gap=0.0)) == ("与下限差距 0.00%", "gap 0.00%")
