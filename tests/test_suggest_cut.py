"""`planner suggest --time-limit` caps the work after the plan too (issue
10): past the cap the last safe dates and the repairs not yet worked out
are said to be cut, in the catalogue's words, and nothing the cap stopped is
given as an answer; without a cap (or before it) nothing changes. No
timing: the caps here are long past, or never come."""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from planner.plan.cap import NO_CAP, Cap
from planner.plan.latest import with_latest
from planner.plan.repairs import with_repairs
from planner.plan.solve import plan
from planner.render.formats import render
from planner.render.living import repair_lines

from . import test_latest, test_repairs

PAST = Cap(time.perf_counter() - 1000)          # a cap that ran out long ago
LATER = Cap(time.perf_counter() + 10 ** 6)       # one that never comes here


def test_last_safe_dates_past_the_cap_are_said_to_be_cut(person_of, policy):
    person = person_of(test_latest.PERSON)
    result = plan(person, policy, test_latest.CATALOG, today=test_latest.TODAY, years=(2026,))
    uncapped = with_latest(result, test_latest.CATALOG)
    assert uncapped.latest_start == (("2024-2026 cycle", dt.date(2026, 10, 12)),) and uncapped.latest_cut == ()
    assert with_latest(result, test_latest.CATALOG, cap=LATER) == uncapped
    cut = with_latest(result, test_latest.CATALOG, cap=PAST)
    assert (cut.latest_start, cut.latest_cut) == ((), ("2024-2026 cycle",))
    data = json.loads(render(cut, "json", "en"))
    assert data["latest_start"] == {} and data["latest_start_cut"] == ["2024-2026 cycle"]
    assert "latest_start_cut" not in json.loads(render(uncapped, "json", "en"))     # other plans keep their bytes
    text = render(cut, "text", "zh")
    assert "· 2024–2026 B类周期：达到时间上限（安全上限），未算出最晚开始日期；加大 --time-limit 可算出\n" in text


def test_repairs_past_the_cap_are_said_to_be_cut(person_of, policy):
    person = person_of(test_repairs.PERSON)
    result = plan(person, policy, test_repairs.CATALOG, today=test_repairs.TODAY, years=test_repairs.YEARS)
    assert result.status == "infeasible"
    uncapped = with_repairs(result, test_repairs.CATALOG)
    assert len(uncapped.repairs) == 3 and not uncapped.repairs_cut
    assert with_repairs(result, test_repairs.CATALOG, cap=LATER) == uncapped
    cut = with_repairs(result, test_repairs.CATALOG, cap=PAST)
    assert (cut.repairs, cut.repairs_cut) == ((), True)
    data = json.loads(render(cut, "json", "en"))
    assert data["repairs_cut"] is True and "repairs" not in data
    assert "repairs_cut" not in json.loads(render(uncapped, "json", "en"))
    assert repair_lines(cut, "en")[-1] == ("the time limit (a safety cap) came before the other repairs were tried;"
                                           " a larger --time-limit tries them all")
    assert repair_lines(cut, "zh")[-1] == "达到时间上限（安全上限），其余补救办法未及检验；加大 --time-limit 可逐一检验"


def test_a_repair_is_not_started_without_twice_the_plans_preparing_left(person_of, policy):
    """A re-plan prepares the whole catalogue before the cap can stop it: with
    less than REPLAN x the plan's preparing left, no re-plan starts (cut);
    with more, every repair is tried."""
    import dataclasses

    from planner.plan.repairs import REPLAN
    person = person_of(test_repairs.PERSON)
    result = plan(person, policy, test_repairs.CATALOG, today=test_repairs.TODAY, years=test_repairs.YEARS)
    slow = dataclasses.replace(result, build_seconds=100.0)       # preparing took 100 s: a re-plan needs 200
    assert REPLAN == 2.0
    cut = with_repairs(slow, test_repairs.CATALOG, cap=Cap(time.perf_counter() + 150))
    assert (cut.repairs, cut.repairs_cut) == ((), True)
    tried = with_repairs(slow, test_repairs.CATALOG, cap=Cap(time.perf_counter() + 10 ** 4))
    assert len(tried.repairs) == 3 and not tried.repairs_cut
    assert Cap(time.perf_counter() + 150).need(100.0) is None and NO_CAP.need(10 ** 9) is None


def test_an_unmet_target_the_time_left_undecided_is_not_called_a_trade_off(person_of, policy, monkeypatch):
    from planner.plan import conflicts
    person = person_of(test_repairs.PERSON)
    result = plan(person, policy, test_repairs.CATALOG, today=test_repairs.TODAY, years=test_repairs.YEARS)
    assert [u.why.kind for u in result.unmet] == ["conflict"]

    def out_of_time(self, assumed):         # every check runs out of the time limit undecided
        self.undecided = True
        return None
    monkeypatch.setattr(conflicts.Cores, "conflict", out_of_time)
    result = plan(person, policy, test_repairs.CATALOG, today=test_repairs.TODAY, years=test_repairs.YEARS)
    why = result.unmet[0].why
    assert why.kind == "undecided"
    assert why.text == ("2024–2026年B类周期36学时：达到时间上限（安全上限），未及查明与哪些规则无法同时满足；"
                        "加大 --time-limit 可查明（已有记录计入6学时，加上全部可规划的B3最多36学时，需要36学时）")
    assert "the time limit (a safety cap) came before the rules it cannot be met with were found" in why.text_en


def test_the_cap_checks_and_limits():
    class Params:
        max_time_in_seconds = None
    solver = type("S", (), {"parameters": Params()})()
    Cap(time.perf_counter() + 3600).limit(solver)
    assert 3000 < solver.parameters.max_time_in_seconds <= 3600
    assert NO_CAP.left(10.0) == 10.0 and LATER.left(10.0) == 10.0 and not NO_CAP.over()
    assert PAST.over()
    try:
        PAST.left(10.0)
    except Exception as err:
        assert type(err).__name__ == "OutOfTime"
    else:
        raise AssertionError("past the cap, no time is left")


def test_a_check_the_time_limit_stopped_is_undecided():
    """Cores.conflict: UNKNOWN (the solver's time ran out) is undecided;
    FEASIBLE and INFEASIBLE are answers."""
    import types

    from planner.plan.conflicts import Cores
    model = types.SimpleNamespace(clear_objective=lambda: None, clear_hints=lambda: None,
                                  clear_assumptions=lambda: None, add_assumptions=lambda lits: None)
    guard = types.SimpleNamespace(literal=types.SimpleNamespace(index=7))
    pm = types.SimpleNamespace(model=model, guards=[guard])
    for code, undecided, core in (("UNKNOWN", True, None), ("FEASIBLE", False, None), ("INFEASIBLE", False, [guard])):
        solver = types.SimpleNamespace(parameters=types.SimpleNamespace(), solve=lambda m, code=code: code,
                                       sufficient_assumptions_for_infeasibility=lambda: [7])
        cp = types.SimpleNamespace(CpSolver=lambda solver=solver: solver, UNKNOWN="UNKNOWN", FEASIBLE="FEASIBLE",
                                   OPTIMAL="OPTIMAL", INFEASIBLE="INFEASIBLE")
        cores = Cores(cp, pm, time.perf_counter() + 60)
        assert (cores.conflict([guard]), cores.undecided) == (core, undecided)


def test_the_work_ends_a_fiftieth_before_the_limit_and_the_held_writes_before_that():
    from planner.plan.cap import ends
    assert ends(100.0, 50.0) == 149.0
    assert ends(100.0, 50.0, held=2.5) == 146.5


@pytest.mark.parametrize("limit, end", [(5.0, 104.75), (12.5, 112.25), (20.0, 119.6), (2.0, 101.8), (600.0, 688.0)])
def test_a_short_limit_keeps_a_quarter_second_but_never_more_than_a_tenth(limit, end):
    """A fiftieth of 5 s (0.1 s) was less than the last write and the exit took."""
    from planner.plan.cap import ends
    assert ends(100.0, limit) == pytest.approx(end, abs=1e-9)


def test_the_plan_solve_stops_as_long_before_the_end_as_preparing_took(person_of, policy, monkeypatch):
    """started 0, a 100 s limit, 3 s held: the work ends at 95 s; preparing
    took 1 s (50 -> 51 on the clock), so the solve is given until 94 s."""
    import types

    from planner.plan import solve
    readings = iter([50.0, 51.0])
    monkeypatch.setattr(solve, "time", types.SimpleNamespace(perf_counter=lambda: next(readings, 60.0)))
    seen = []

    class Stop(Exception):
        pass

    def fake_solve(cp_model, prob, deadline, workers, hooks, extra):
        seen.append(deadline)
        raise Stop
    monkeypatch.setattr(solve, "_solve", fake_solve)
    person = person_of(test_repairs.PERSON)
    try:
        plan(person, policy, test_repairs.CATALOG, today=test_repairs.TODAY, years=test_repairs.YEARS,
             time_limit=100.0, started=0.0, held=3.0)
    except Stop:
        pass
    assert seen == [94.0]


def test_a_solve_is_given_the_time_left_and_never_less_than_a_twentieth_of_a_second():
    from planner.plan.cap import seconds_left
    assert seconds_left(time.perf_counter() - 100) == 0.05
    assert 3000 < seconds_left(time.perf_counter() + 3600) <= 3600


def test_the_suggest_command_keeps_the_held_writes_and_half_the_preparing_for_the_output(monkeypatch):
    """started at 1000 s, --time-limit 100, 3 s of cache writes held, the
    plan prepared in 1 s: the plan is asked to end 3 s early, the last safe
    dates and repairs by 1000 + 98 - 3 - 0.5 = 1094.5."""
    import dataclasses

    from click.testing import CliRunner

    from planner import cache
    from planner.cli import main
    from planner.commands import session, suggest
    from planner.plan import latest, repairs, solve
    monkeypatch.setattr(suggest, "command_start", lambda: session.command_start() * 0 + 1000.0)
    monkeypatch.setattr(cache, "held_seconds", lambda: 3.0)
    asked, caps = [], []
    real_plan = solve.plan

    def plan(*args, **kw):
        asked.append((kw["started"], kw["time_limit"], kw["held"]))
        return dataclasses.replace(real_plan(*args, **kw), build_seconds=1.0)
    monkeypatch.setattr(solve, "plan", plan)
    monkeypatch.setattr(latest, "with_latest", lambda result, *a: caps.append(a[-1].deadline) or result)
    monkeypatch.setattr(repairs, "with_repairs", lambda result, *a: caps.append(a[-1].deadline) or result)
    res = CliRunner().invoke(main, ["suggest", "--person", "demo", "--today", "2026-11-27", "--time-limit", "100",
                                    "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    assert asked == [(1000.0, 100.0, 3.0)]
    assert caps == [1094.5, 1094.5]
