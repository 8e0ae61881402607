"""The `planner` command: parse, call, print. Bad input exits 2 with one line."""
from __future__ import annotations

import time

LAUNCHED = time.perf_counter()     # the command line's import: a --time-limit counts from here (run())

import os  # noqa: E402  (after the reading above, on purpose)
import sys  # noqa: E402

import click  # noqa: E402

from . import __version__
from .commands import COMMANDS
from .commands.lazy import LazyMain


@click.group(cls=LazyMain, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", message="%(prog)s %(version)s")
def main():
    """Plan and check continuing-education hours (继续教育学时); the help
    shown is the catalogue's (help.main), in the user's language."""

# Each command lives in planner/commands/<name>.py, loaded when it runs (commands/lazy.py).


def run():
    """Entry point: bad input exits 2; anything unexpected exits 1 without a traceback."""
    obj = {"launched": LAUNCHED}
    try:
        main(standalone_mode=True, complete_var="_PLANNER_COMPLETE",      # also as python -m planner
             obj=obj)
    except SystemExit as done:
        if obj.get("exit_now"):
            exit_now(done.code)
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # pragma: no cover - last resort
        if os.environ.get("PLANNER_DEBUG"):
            raise
        from .i18n import say
        click.echo(say("errors.internal", kind=type(err).__name__, detail=err), err=True)
        sys.exit(1)


def exit_now(code) -> None:
    """End a time-limited command's process as soon as its output is out
    (commands/session.command_start asks for it): the interpreter's teardown
    of a large plan's objects would cost a quarter of a second of the limit
    (10,000 unit trainings, docs/benchmarks.md), and nothing is left to do.
    Returns only if the output cannot be flushed (then the usual exit)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
