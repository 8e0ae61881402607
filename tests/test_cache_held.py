"""A time-limited command writes its cache entries after its output, and
only those its limit leaves the time for (issue 10: keeping 10,000 unit
trainings took half a second of a 5 s limit). Without the limit's cut the
entries are written as before; the output is the same bytes either way."""
from __future__ import annotations

import shutil
import time

import pytest
from click.testing import CliRunner

from planner import cache, resources
from planner.cli import main

from .conftest import TODAY


def test_writes_run_at_once_unless_held():
    done = []
    cache.later(lambda: done.append("now"), 1.0)
    assert done == ["now"]


def test_held_writes_run_after_the_output_when_the_limit_leaves_the_time():
    done = []
    cache.hold()
    cache.later(lambda: done.append("small"), 1.0)
    cache.later(lambda: done.append("big"), 10 ** 6)
    assert done == []
    assert cache.write_held(by=time.perf_counter() + 3600) == 1       # the big one would end past it
    assert done == ["small"]
    cache.later(lambda: done.append("after"), 10 ** 6)                 # holding stopped: at once
    assert done == ["small", "after"]


def test_past_the_limit_already_every_held_write_is_made():
    """The reading alone took the limit: without the entries no run of these
    files could keep it."""
    done = []
    cache.hold()
    cache.later(lambda: done.append("big"), 10 ** 6)
    assert cache.write_held(by=time.perf_counter() - 1.0) == 0 and done == ["big"]


def test_no_limit_writes_everything_and_a_failed_command_writes_nothing():
    done = []
    cache.hold()
    cache.later(lambda: done.append("big"), 10 ** 6)
    assert cache.write_held(by=None) == 0 and done == ["big"]
    cache.hold()
    cache.later(lambda: done.append("lost"), 0.0)
    cache.drop_held()
    assert cache.write_held(by=None) == 0 and done == ["big"]


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    ws = tmp_path / "ws"
    shutil.copytree(resources.demo_dir(), ws)
    return ws


def _unit(ws, monkeypatch, ago: float):
    from planner.commands import session, unit
    monkeypatch.setattr(unit, "command_start", lambda: session.command_start() - ago)
    return CliRunner().invoke(main, ["unit", "--unit", "U-HZ", "--year", "2027", "--today", TODAY, "--data", str(ws),
                                     "--work", "0.5", "--time-limit", "60", "--format", "json", "-q"])


def kinds(root):
    return sorted(p.name.split("-")[0] for p in root.glob("*.json"))


def test_a_unit_plan_in_time_keeps_the_workspace(workspace, monkeypatch, tmp_path):
    res = _unit(workspace, monkeypatch, ago=0.0)
    assert res.exit_code == 0, res.output
    assert "workspace" in kinds(tmp_path / "cache")


def test_a_unit_plan_whose_limit_leaves_no_time_for_the_entry_leaves_it_unkept(workspace, monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "KEEP_SHARE", 10 ** 9)        # keeping would take far longer than the 60 s
    res = _unit(workspace, monkeypatch, ago=0.0)
    assert res.exit_code == 0, res.output
    assert "workspace" not in kinds(tmp_path / "cache")
    monkeypatch.setattr(cache, "KEEP_SHARE", 0.5)
    res = _unit(workspace, monkeypatch, ago=0.0)               # the next run with the time keeps it
    assert "workspace" in kinds(tmp_path / "cache")


def test_a_unit_plan_past_its_limit_keeps_the_workspace_for_the_next_run(workspace, monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "KEEP_SHARE", 10 ** 9)
    res = _unit(workspace, monkeypatch, ago=10 ** 6)          # the 60 s ran out long ago
    assert res.exit_code == 0, res.output
    assert '"deterministic": false' in res.output
    assert "workspace" in kinds(tmp_path / "cache")
