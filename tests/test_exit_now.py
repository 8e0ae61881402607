"""A time-limited command's process ends as soon as its output is out
(issue 10: the whole process within --time-limit): cli.run then skips the
interpreter's teardown (os._exit) after flushing both streams; other
commands exit as usual."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run_with(monkeypatch, flag: bool, code):
    from planner import cli
    exits = []

    def fake_main(obj, **kw):
        if flag:
            obj["exit_now"] = True
        raise SystemExit(code)
    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(os, "_exit", exits.append)
    with pytest.raises(SystemExit) as done:
        cli.run()
    return exits, done.value.code


@pytest.mark.parametrize("code, status", [(0, 0), (2, 2), (None, 0), ("text", 1)])
def test_a_time_limited_command_ends_at_once_with_its_status(monkeypatch, code, status):
    exits, _ = _run_with(monkeypatch, True, code)
    assert exits == [status]


def test_other_commands_exit_as_usual(monkeypatch):
    exits, code = _run_with(monkeypatch, False, 2)
    assert exits == [] and code == 2


def test_command_start_asks_for_it_only_when_run_as_planner():
    import click

    from planner.commands.session import command_start
    obj = {"launched": 12.5}
    with click.Context(click.Command("x"), obj=obj):
        assert command_start() == 12.5
    assert obj == {"launched": 12.5, "exit_now": True}
    with click.Context(click.Command("x"), obj={}) as ctx:
        command_start()
        assert ctx.obj == {}


def test_a_time_limited_process_makes_full_collections_rare(monkeypatch):
    """Run as `planner`, a unit or suggest process keeps the young
    generations' thresholds and sets the third to FULL_EVERY (1000: a full
    pass after 1,000 middle-generation passes); called as a library, the
    collector is left alone."""
    import gc

    import click

    from planner.commands.session import command_start
    calls = []
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "set_threshold", lambda *values: calls.append(values))
    with click.Context(click.Command("x"), obj={}):
        command_start()
    assert calls == []
    with click.Context(click.Command("x"), obj={"launched": 12.5}):
        command_start()
    assert calls == [(700, 10, 1000)]


def test_the_whole_output_is_out_before_the_process_ends():
    """stdout a pipe (block-buffered): every byte of the JSON arrives."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_CACHE": "off"}
    proc = subprocess.run([sys.executable, "-m", "planner", "unit", "--unit", "U-HZ", "--year", "2027",
                           "--today", "2026-11-27", "--format", "json", "--work", "0.5"],
                          cwd=ROOT, env=env, capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert plan["people_met"] == 12 and len(plan["people"]) == 12
    assert "12/12" in proc.stderr.decode("utf-8")
