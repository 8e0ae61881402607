"""A --time-limit counts from the process's start (planner/started.py):
Linux's /proc gives the process's age; never more than EARLIEST seconds
before the command line's import, never after it."""
from __future__ import annotations

from planner import started

STAT = "1234 (py thon) S " + " ".join(str(k) for k in range(4, 22)) + " 5000 0 0\n"   # field 22: 5000 ticks


def test_the_start_is_now_less_the_process_age():
    # booted 52.5 s ago, started 50.0 s after boot (5000 ticks at 100 Hz): 2.5 s old
    assert started.start_of(1000.0, "52.50 99.00\n", STAT, 100) == 997.5


def test_an_unreadable_stat_gives_nothing():
    assert started.start_of(1000.0, "52.50 99.00\n", "1234 (x", 100) is None
    assert started.start_of(1000.0, "", STAT, 100) is None


def test_the_start_is_kept_between_two_seconds_before_the_import_and_the_import(monkeypatch):
    for found, expected in ((997.5, 997.5), (990.0, 996.0), (999.0, 998.0), (None, 998.0)):
        monkeypatch.setattr(started, "start_of", lambda *args: found)
        assert started.process_start(998.0) == expected


def test_on_this_machine_it_is_at_most_the_import():
    import time
    now = time.perf_counter()
    assert now - started.EARLIEST <= started.process_start(now) <= now


def test_command_start_goes_back_to_the_process_start(monkeypatch):
    import click

    from planner.commands.session import command_start
    monkeypatch.setattr(started, "start_of", lambda *args: 11.25)       # the interpreter began 1.25 s earlier
    with click.Context(click.Command("x"), obj={"launched": 12.5}):
        assert command_start() == 11.25
