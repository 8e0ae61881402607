"""The domain models are plain frozen dataclasses (planner/models/base.py):
pydantic only parses them (planner/models/parse.py). What a model is without
the parser: immutable, compared and hashed field by field, copied without
checks, rebuilt from the cache exactly and, in a workspace, one person at a
time (planner/workspace_cache.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from planner import stored, workspace_cache
from planner.models.activity import Offering, Record
from planner.models.base import field_names, rebuilt
from planner.models.parse import Invalid
from planner.models.person import DateRange, Person
from planner.workspace import load_workspace

from .conftest import record


def test_a_record_is_frozen_and_compared_by_its_fields():
    one = record(route="G", year=2026, hours=8)
    assert one.hours == 80                                   # the file's 8 hours, in tenths
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.hours = 90
    same = record(route="G", year=2026, hours=8)
    assert one == same and hash(one) == hash(same) and one is not same
    assert one != record(route="G", year=2026, hours=8.1)
    assert {one, same} == {one}


def test_replace_copies_without_checking_and_names_unknown_fields():
    one = record(route="G", year=2026, hours=8)
    moved = one.replace(hours=-5)                          # the planners' own units: not checked again
    assert moved.hours == -5 and one.hours == 80 and moved.route == "G"
    with pytest.raises(TypeError, match="Record.colour"):
        one.replace(colour="red")


def test_building_by_keyword_runs_the_models_own_checks():
    """The constructor takes internal units and runs __post_init__, as the parser does."""
    assert DateRange(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 3)).covers(dt.date(2026, 1, 2))
    with pytest.raises(ValueError):
        DateRange(start=dt.date(2026, 1, 3), end=dt.date(2026, 1, 1))
    with pytest.raises(TypeError, match="DateRange.end"):
        DateRange(start=dt.date(2026, 1, 3))
    with pytest.raises(TypeError, match="DateRange.middle"):
        DateRange(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 3), middle=dt.date(2026, 1, 2))


def test_the_parser_converts_and_refuses_unknown_fields():
    offer = Offering.parse({"id": 2027001, "route": "G", "title": "公需课", "year": 2027, "hours": 8, "fee": 20})
    assert (offer.id, offer.hours, offer.fee) == ("2027001", 80, 2000)
    with pytest.raises(Invalid) as refused:
        Offering.parse({"id": "X", "route": "G", "title": "t", "year": 2027, "colour": "red"})
    assert [e["loc"] for e in refused.value.error.errors()] == [("colour",)]


def test_rebuilt_takes_exactly_every_field():
    values = {name: getattr(record(route="G", year=2026, hours=8), name) for name in field_names(Record)}
    again = rebuilt(Record, dict(values))
    assert again == record(route="G", year=2026, hours=8)
    with pytest.raises(TypeError):
        rebuilt(Record, {k: v for k, v in values.items() if k != "route"})
    assert rebuilt(Record, {"route": "G", "title": "t", "year": 2026}, fill=True).hours is None


def test_the_cache_form_leaves_defaults_out_and_gives_the_same_object_back():
    one = record(route="B2", date="2026-04-03", days=3, organizer="ministry", title="培训")
    kept = stored.keep(one)
    assert set(kept["v"]) == {"route", "date", "days", "organizer", "title"}
    again = stored.rebuild(kept)
    assert again == one and type(again) is Record and again.days == 6


def test_a_cached_workspace_rebuilds_only_the_person_asked_for(workspace, policy, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    person = "id: {pid}\nname: 某\nspecialty: surveying\nrecords:\n  - {{route: G, year: 2026, hours: 8, title: 课}}\n"
    root = workspace({f"p{k}": person.format(pid=f"P{k}") for k in range(5)})
    first = load_workspace(root, policy)
    rebuilt_ids = []
    real = stored.rebuild

    def counting(encoded):
        found = real(encoded)
        if isinstance(found, Person):
            rebuilt_ids.append(found.id)
        return found
    monkeypatch.setattr(stored, "rebuild", counting)
    second = load_workspace(root, policy)
    assert rebuilt_ids == []
    assert second.person("P3") == first.person("P3")
    assert rebuilt_ids == ["P3"]
    assert second.people == first.people and sorted(rebuilt_ids) == ["P0", "P1", "P2", "P3", "P4"]


def test_a_damaged_cached_person_is_read_from_their_file(workspace, policy, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    root = workspace({"p": "id: P\nname: 某\nspecialty: surveying\n"})
    first = load_workspace(root, policy)
    monkeypatch.setattr(workspace_cache.stored, "rebuild",
                        lambda encoded: None if isinstance(encoded, dict) and encoded.get("$m") == "Person"
                        else stored._decode(encoded))
    assert load_workspace(root, policy).person("P") == first.person("P")


def test_the_models_import_no_pydantic():
    code = ("import sys; import planner.models.policy, planner.models.person, planner.stored, planner.limits; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
