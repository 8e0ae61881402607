"""`planner unit` past its --time-limit (issue 10): a clock already run out
(`started` long ago) gives every person the greedy plan over what still
fits, a valid plan the limit cut (never `infeasible`), and explanations
that say, in the catalogue's words, which verdict the time cut short.
No timing here: the clock is expired before the call."""
from __future__ import annotations

import json
import time

from planner.render.formats import render as render_unit
from planner.unit.explain import explain_plan
from planner.unit.search import plan_unit

from .unitfixtures import TODAY, YEAR, online, person, recheck, unit

TRAINING = {"id": "T1", "title": "单位讲座", "date": "2027-03-16", "days": 1, "cost": 1200, "effort_hours": 5}
LONG_AGO = 10 ** 6          # seconds before now: the 5 s limit ran out long ago


def expired_plan(policy, trainings, offerings, staff, budget=None):
    started = time.perf_counter() - LONG_AGO
    plan = plan_unit(unit(trainings, budget=budget), staff, policy, offerings, YEAR, TODAY, time_limit=5,
                     started=started)
    recheck(plan, staff, offerings, policy)
    return plan, explain_plan(plan, deadline=started + 5)


def test_a_run_out_clock_gives_everyone_the_greedy_plan(policy):
    # the free 3 h course gives each the 4 hours they need: the greedy plan, nobody short
    staff = [person("P0"), person("P1"), person("P2")]
    plan, _ = expired_plan(policy, [TRAINING], [online("A-X", 4, 3)], staff)
    assert not plan.deterministic
    assert plan.status == "feasible"
    assert plan.people_met == 3
    assert {p.person.id: [i.id for i in p.items] for p in plan.people} == {"P0": ["A-X"], "P1": ["A-X"],
                                                                           "P2": ["A-X"]}
    assert plan.effort == 3 * 180 and plan.work == 0


def test_a_training_the_time_left_untried_says_so(policy):
    staff = [person("P0"), person("P1")]
    plan, explained = expired_plan(policy, [TRAINING], [online("A-X", 4, 3)], staff)
    why = explained.explained.training("T1")
    assert (why.kind, why.attendees, why.effort, why.cost, why.proven) == ("out_of_time", (), None, None, False)
    assert why.text == "达到时间上限（安全上限），未及检验举办它的安排；加大 --time-limit 可得完整说明"
    assert why.text_en == ("not examined: the time limit (a safety cap) came before a plan holding it was tried; "
                           "a larger --time-limit explains it")
    data = json.loads(render_unit(explained, "json", "en"))
    assert data["not_held_why"] == [{"id": "T1", "kind": "out_of_time", "reason": why.text_en, "attendees": [],
                                     "effort_hours": None, "cost": None, "proven": False}]


def test_what_needs_no_solve_is_still_said_past_the_limit(policy):
    # over budget: 1,200 yuan of organising against 1,000 needs no re-solve to know
    staff = [person("P1"), person("P2")]
    _, explained = expired_plan(policy, [{**TRAINING, "effort_hours": 1}], [online("A-X", 4, 3)], staff, budget=1000)
    why = explained.explained.training("T1")
    assert (why.kind, why.proven) == ("over_budget", True)
    assert "组织费用1200元" in why.text and "仅余1000元" in why.text


def test_the_search_stops_three_times_as_long_before_the_cap_as_preparing_took_and_a_fiftieth():
    from planner.unit.moves import Clock
    clock = Clock(50, started=1000.0)
    assert (clock.limit, clock.deadline, clock.explain_by) == (1050.0, 1050.0, 1050.0)
    clock.keep_back(2.0)             # preparing took 2 s: 6 s for what follows, 1 s (a fiftieth) for the exit
    assert (clock.limit, clock.end, clock.deadline, clock.explain_by) == (1050.0, 1049.0, 1043.0, 1046.0)
    clock.keep_back(30.0)            # never before the start
    assert (clock.deadline, clock.explain_by) == (1000.0, 1024.5)
    clock.keep_back(2.0, held=1.5)   # and the cache entries held for after the output (cache.held_seconds)
    assert (clock.end, clock.deadline, clock.explain_by) == (1047.5, 1041.5, 1044.5)
    short = Clock(5, started=1000.0)
    short.keep_back(0.5)             # a 5 s limit keeps a quarter of a second (cap.LEAST_MARGIN), not a fiftieth
    assert (short.end, short.deadline) == (1004.75, 1003.25)
    laid_out = Clock(5, started=1000.0, output=1.0)
    laid_out.keep_back(0.5)          # and the output's time (cap.output_reserve) before that
    assert (laid_out.end, laid_out.deadline) == (1003.75, 1002.25)


def test_a_format_laid_out_as_tables_keeps_a_fifth_of_the_limit_at_most_30_seconds():
    from planner.plan.cap import output_reserve
    assert output_reserve(5.0, {"json"}) == 0.0 and output_reserve(5.0, {"ics", "json"}) == 0.0
    assert [output_reserve(5.0, {fmt}) for fmt in ("text", "md", "html", "xlsx")] == [1.0] * 4
    assert output_reserve(600.0, {"json", "text"}) == 30.0
    assert output_reserve(5.0, {"json"}, saving=True) == 0.5      # --save: the whole result is written too
    assert output_reserve(5.0, {"xlsx"}, saving=True) == 1.5 and output_reserve(600.0, {"md"}, saving=True) == 30.0


def test_the_unit_command_keeps_every_search_under_the_one_cap(monkeypatch, policy):
    """--robust runs two searches: the insured one gets half the cap, the
    plain one the rest, both counted from the command's start; the
    explanations stop at the last clock's explain_by."""
    import dataclasses
    import types

    from planner.commands import unit as command
    from planner.unit import explain, search
    clocks, deadlines = [], []
    Plan = dataclasses.make_dataclass("Plan", ["deterministic", ("robust", object, None)])

    def fake_plan(*args, robust, clock, **kw):
        clocks.append((robust, clock.started, clock.limit))
        clock.keep_back(1.0)                       # preparing took 1 s
        return Plan(deterministic=robust)          # the plain search is the one cut here
    monkeypatch.setattr(search, "plan_unit", fake_plan)
    monkeypatch.setattr(explain, "explain_plan", lambda plan, deadline: deadlines.append(deadline) or plan)
    import planner.unit.prepare as prepare
    monkeypatch.setattr(prepare, "insurance", lambda plan, plain: "insured")
    session = types.SimpleNamespace(policy=policy, catalog=types.SimpleNamespace(offerings=()), today=TODAY,
                                    formats={"json"})
    out = command._plan(session, None, [], YEAR, 100.0, dict(time_limit=50.0, seed=0, work=None), None, True, False,
                        False)
    assert clocks == [(True, 100.0, 125.0), (False, 100.0, 150.0)]
    assert deadlines == [147.5]                 # half way from 146 (3 x 1 s + 1 s kept back) to 149 (1 s)
    session.formats = {"json", "xlsx"}          # a format laid out as tables: a fifth of the limit kept for it
    command._plan(session, None, [], YEAR, 100.0, dict(time_limit=50.0, seed=0, work=None), None, True, False,
                  False)
    assert deadlines[-1] == 137.5               # half way from 136 to 139 (1 s, then the output's 10 s)
    session.formats = {"json"}                  # JSON, saved (--save PLAN.json): a tenth of the limit kept
    command._plan(session, None, [], YEAR, 100.0, dict(time_limit=50.0, seed=0, work=None), None, True, False,
                  True)
    assert deadlines[-1] == 142.5               # half way from 141 to 144 (1 s, then the saving's 5 s)
    assert out.robust == "insured" and out.deterministic is False     # the plain search was cut: so is the result


def test_plan_unit_keeps_back_three_times_as_long_as_its_preparing_took(monkeypatch, policy):
    import types

    from planner.unit import search
    from planner.unit.moves import Clock
    readings = iter([50.0, 52.5])                  # around setup(): preparing took 2.5 s
    monkeypatch.setattr(search, "time", types.SimpleNamespace(perf_counter=lambda: next(readings)))
    clock = Clock(100, started=time.perf_counter())
    from planner import cache
    cache.hold()
    cache.later(lambda: None, 3.0)                 # a cache entry to write after the output, in about 3 s
    plan = plan_unit(unit([TRAINING]), [person("P0")], policy, [online("A-X", 4, 3)], YEAR, TODAY, clock=clock)
    assert plan.people_met == 1 and plan.deterministic
    assert clock.deadline == clock.limit - 12.5     # 3 x 2.5 s, 2 s of the 100, and the 3 s


def test_limit_values_past_the_cap_are_listed_as_not_tried(policy):
    """--limit-values shares the command's cap: past it, no full limit is
    re-solved (none gets a value) and the demand is not worked out; each
    is said so in the catalogue's words, and the JSON lists them."""
    from planner.render.living import unit_value_sections, unit_values_json
    from planner.unit.values import limit_values
    from .unitfixtures import session
    staff = [person(f"P{k}") for k in range(3)]
    offerings = [online("CHEAP", 4, 2, seats=1), online("DEAR", 4, 3), session("S1", "2027-03-01", 1)]
    plan = plan_unit(unit(share=0.3), staff, policy, offerings, YEAR, TODAY, work=5.0)
    timely = limit_values(plan, staff, offerings, work=5.0)
    assert [(v.limit, v.what) for v in timely.limits] == [("seats", "CHEAP"), ("away", "测绘科 2027-03-01")]
    assert (timely.cut, timely.demand_cut) == ((), False)
    assert "limit_values_cut" not in unit_values_json(timely) and "demand_cut" not in unit_values_json(timely)
    late = limit_values(plan, staff, offerings, work=5.0, started=time.perf_counter() - LONG_AGO)
    assert (late.limits, late.demand, late.demand_cut) == ((), {}, True)
    assert late.cut == (("seats", "CHEAP"), ("away", "测绘科 2027-03-01"))
    data = unit_values_json(late)
    assert data["limit_values_cut"] == [{"limit": "seats", "what": "CHEAP"}, {"limit": "away", "what": "测绘科 2027-03-01"}]
    assert data["limit_values"] == [] and data["demand_cut"] is True
    (_, lines), (_, demand) = unit_value_sections(late, "zh")
    assert lines == ["CHEAP 增加一个名额：达到时间上限（安全上限），未及重新求解；加大 --time-limit 可得其价值",
                     "测绘科 2027-03-01 当天多一人外出：达到时间上限（安全上限），未及重新求解；加大 --time-limit 可得其价值"]
    assert demand == ["达到时间上限（安全上限），未及算出各人不受共享限制时的最优计划；加大 --time-limit 可得需求"]


def test_blocked_finds_the_full_seats_and_days_first_with_the_same_answer():
    """Tally.blocked (full seats and away days found first) against the item
    by item check it replaced, on random tallies."""
    import random
    import types

    from planner.unit.usage import Limits, Tally, away_keys
    rng = random.Random(7)
    for _ in range(200):
        trainings = {f"T{k}" for k in range(3)}
        items = [types.SimpleNamespace(id=oid, fee=0, days=tuple(rng.sample(range(10), rng.randrange(3))),
                                       offering=types.SimpleNamespace(online=rng.random() < 0.2))
                 for oid in [f"O{k}" for k in range(12)] + sorted(trainings)]
        seats = {i.id: rng.choice([None, 0, 1, 2]) for i in items if rng.random() < 0.8}
        away_days = {("d", day): rng.choice([0, 1, 2]) for day in rng.sample(range(10), 3)}
        limits = Limits(seats, {"d": rng.choice([1, 2]), "e": 1}, None, {t: 100 for t in trainings}, away_days)
        tally = Tally(limits, trainings)
        for pid in range(rng.randrange(6)):
            tally.change(f"P{pid}", rng.choice("de"), rng.sample(items, rng.randrange(4)), +1)
        for department in "de":
            slow = tuple(i.id for i in items if tally.seat_full(i.id) or any(
                tally.away_full(key) for key in away_keys(department, i, trainings)))
            assert tally.blocked(department, items) == slow


def test_unit_trainings_are_checked_as_activities_without_a_second_parse(monkeypatch, policy):
    """A unit file's trainings are checked as activities built from their
    own checked values (no training parsed again); when one cannot be built,
    it is parsed alone and the message names the same file, record and field."""
    import pytest

    from planner.errors import PlannerError
    from planner.models.activity import Activity
    from planner.workspace import parse_unit_text
    alone = []
    original = Activity.parse
    monkeypatch.setattr(Activity, "parse", classmethod(lambda cls, data: alone.append(1) or original(data)))
    good = "".join(f"  - {{id: T{k}, title: t{k}, date: 2027-03-1{k}, cost: 100}}\n" for k in range(3))
    head = "id: U1\nname: 单位\nbudget: 1000\nunit_trainings:\n"
    unit = parse_unit_text(head + good, "u.yaml", policy)
    assert [t.id for t in unit.unit_trainings] == ["T0", "T1", "T2"] and alone == []
    bad = head + good + "  - {id: T3, title: t3, date: 2027-03-15, route: Z9}\n"
    expected = ("u.yaml, line 8: unit training 4 (t3): field 'route': unknown route 'Z9' (expected A | B1 | B2 | B3 | "
                "B4 | C1 | C2 | C3 | C4 | C5 | C6 | C7 | G)")
    with pytest.raises(PlannerError) as info:
        parse_unit_text(bad, "u.yaml", policy)
    assert info.value.render("en") == expected and alone == []
    import planner.workspace as workspace
    monkeypatch.setattr(workspace, "_activity_of", lambda training, policy: None)     # not built: parsed alone
    with pytest.raises(PlannerError) as info:
        parse_unit_text(bad, "u.yaml", policy)
    assert info.value.render("en") == expected and len(alone) == 4
    assert parse_unit_text(head.replace("unit_trainings:\n", ""), "u.yaml", policy).unit_trainings == ()


def test_the_time_limit_counts_from_the_process_importing_the_command_line(monkeypatch):
    """Run as `planner`, cli.run hands the commands the moment planner.cli
    was imported (the imports are under the limit too); called otherwise (a
    test's CliRunner) a command's limit starts when it does."""
    import click

    from planner import cli
    from planner.commands.session import command_start
    seen = {}
    monkeypatch.setattr(cli, "main", lambda **kw: seen.update(kw))
    cli.run()
    assert seen["obj"] == {"launched": cli.LAUNCHED} and cli.LAUNCHED < time.perf_counter()
    with click.Context(click.Command("x"), obj={"launched": 12.5}):
        assert command_start() == 12.5
    before = time.perf_counter()
    with click.Context(click.Command("x")):
        assert before <= command_start() <= time.perf_counter()


def test_explanations_re_solve_within_the_time_left(monkeypatch, policy):
    """An explanation's re-solve gets the time left to its deadline as its
    wall cap; one the cap cut leaves a short person's plan reason standing."""
    import types

    from planner.unit import explain
    walls = []
    real = explain.solve_frame

    def spy(frame, work, **kw):
        walls.append(kw.get("wall"))
        return real(frame, work, **kw)
    monkeypatch.setattr(explain, "solve_frame", spy)
    staff = [person("P0"), person("P1")]
    plan = plan_unit(unit([TRAINING]), staff, policy, [online("A-X", 4, 3)], YEAR, TODAY, time_limit=20)
    explain_plan(plan, deadline=time.perf_counter() + 3600)
    assert walls and all(3000 < w <= 3600 for w in walls)
    walls.clear()
    explain_plan(plan)                              # no deadline: no wall cap
    assert walls and set(walls) == {None}
    cut = types.SimpleNamespace(cut=True, proven=False, found=False, chosen=[()])
    monkeypatch.setattr(explain, "solve_frame", lambda frame, work, **kw: cut)
    monkeypatch.setattr(explain, "solve_frame", real)
    staff = [person("P0"), person("P1")]            # one seat for two: P1 is short, not by capacity
    plan = plan_unit(unit(), staff, policy, [online("A-X", 4, 3, seats=1)], YEAR, TODAY, time_limit=20)
    assert [p.person.id for p in plan.people if p.shorts] == ["P1"]
    assert explain_plan(plan).explained.people["P1"][0].why.kind == "shared"
    monkeypatch.setattr(explain, "solve_frame", lambda frame, work, **kw: cut)
    assert "P1" not in explain_plan(plan, deadline=time.perf_counter() + 3600).explained.people
