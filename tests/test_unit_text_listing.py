"""The terminal text lists at most render.unit.TEXT_TRAININGS unit trainings
(every held one first, then not-held ones in the plan's order) and counts
the rest, naming the formats that list them all: 10,000 trainings took 22 s
to lay out as a table, far past a 5 s --time-limit (issue 10)."""
from __future__ import annotations

import json

from planner.render import unit as unit_render
from planner.render.formats import render

from .test_unit_cut import TRAINING, expired_plan
from .unitfixtures import online, person

TRAININGS = [{**TRAINING, "id": f"T{k}", "title": f"讲座{k}", "date": f"2027-03-1{k}"} for k in range(1, 5)]


def _plan(policy):
    _, explained = expired_plan(policy, TRAININGS, [online("A-X", 4, 3)], [person("P0"), person("P1")])
    return explained


def test_a_long_list_of_trainings_is_cut_in_the_text_and_counted(policy, monkeypatch):
    plan = _plan(policy)
    assert [tp.training.id for tp in plan.trainings] == ["T1", "T2", "T3", "T4"] and not plan.held
    monkeypatch.setattr(unit_render, "TEXT_TRAININGS", 2)
    assert [tp.training.id for tp in unit_render.listed_trainings(plan)[0]] == ["T1", "T2"]
    assert unit_render.listed_trainings(plan)[1] == 2
    zh = render(plan, "text", "zh")
    assert "T2 " in zh and "T3 " not in zh and "T4 " not in zh
    assert "另有2项不举办的单位培训未在此列出；--format xlsx、html、json 列出全部4项及各项理由" in zh
    en = render(plan, "text", "en")
    assert "2 more unit trainings not held are not listed here; --format xlsx, html or json lists all 4" in en
    assert [w["id"] for w in json.loads(render(plan, "json", "en"))["not_held_why"]] == ["T1", "T2", "T3", "T4"]


def test_a_held_training_is_always_listed_and_a_short_list_whole(policy, monkeypatch):
    from types import SimpleNamespace as Obj
    plan = _plan(policy)
    trainings = [Obj(training=Obj(id=f"T{k}"), held=k == 3) for k in range(1, 5)]
    fake = Obj(trainings=trainings, held=[trainings[2]])
    monkeypatch.setattr(unit_render, "TEXT_TRAININGS", 2)
    listed, left = unit_render.listed_trainings(fake)
    assert [tp.training.id for tp in listed] == ["T1", "T3"] and left == 2
    monkeypatch.setattr(unit_render, "TEXT_TRAININGS", 200)
    assert unit_render.listed_trainings(plan) == (list(plan.trainings), 0)
    assert "未在此列出" not in render(plan, "text", "zh")
