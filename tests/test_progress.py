"""The spinner (planner.progress): shown only on a terminal, only after the
delay, never with --quiet, and erased before any other output."""
from __future__ import annotations

import io
import sys
import time

from click.testing import CliRunner

from planner.cli import main
from planner.progress import working


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_slow_block_shows_frames_and_erases_them():
    stream = Terminal()
    with working("求解中", stream=stream, delay=0.05):
        time.sleep(0.3)
    text = stream.getvalue()
    assert text.startswith("\r⠋ 求解中 0.")
    assert text.count("\r⠙") == 1 and text.endswith("\r\x1b[2K")


def test_a_fast_block_shows_nothing():
    stream = Terminal()
    with working("x", stream=stream, delay=5):
        pass
    assert stream.getvalue() == ""


def test_quiet_or_not_a_terminal_shows_nothing():
    for stream, quiet in ((Terminal(), True), (io.StringIO(), False)):
        with working("x", stream=stream, quiet=quiet, delay=0):
            time.sleep(0.15)
        assert stream.getvalue() == ""


def test_output_ends_the_spinner_first():
    stream = Terminal()
    with working(lambda: "label", stream=stream, delay=0.02):
        time.sleep(0.15)
        print("result line", file=sys.stderr)      # any writer: the line is erased before it
        time.sleep(0.15)
    text = stream.getvalue()
    assert "label" in text and text.endswith("\r\x1b[2K")
    assert text.count("\r\x1b[2K") == 1              # nothing drawn after the output began


def test_streams_are_restored():
    before = sys.stdout, sys.stderr
    with working("x", stream=Terminal(), delay=10):
        assert sys.stderr is not before[1]
    assert (sys.stdout, sys.stderr) == before


def test_commands_stay_byte_identical_when_captured():
    runner = CliRunner()
    args = ["audit", "--person", "demo", "--today", "2026-11-27", "--format", "json"]
    first, second = runner.invoke(main, args), runner.invoke(main, args)
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes
    assert "⠋" not in first.stderr
