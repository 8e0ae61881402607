"""A reader that stops early ends planner quietly, with a pipeline's status."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from planner.pipes import CLOSED_PIPE_EXIT

ROOT = Path(__file__).resolve().parents[1]


def _closed_pipe_run(args, stream="stdout"):
    """planner ARGS with stdout (or stderr) a pipe whose reader has already
    gone: every write fails, deterministically (no race with a `head`)."""
    read, write = os.pipe()
    os.close(read)
    other = subprocess.PIPE
    kwargs = {"stdout": write, "stderr": other} if stream == "stdout" else {"stdout": other, "stderr": write}
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80")
    env.pop("PLANNER_DEBUG", None)
    try:
        proc = subprocess.run([sys.executable, "-m", "planner", *args], cwd=ROOT, env=env,
                              timeout=300, **kwargs)
    finally:
        os.close(write)
    return proc


@pytest.mark.parametrize("args", [
    ("people",),
    ("audit", "--person", "demo", "--today", "2026-11-27"),
    ("unit", "--unit", "U-HZ", "--today", "2026-11-27", "--work", "1"),
])
def test_closed_stdout_exits_141_without_a_word(args):
    proc = _closed_pipe_run(args)
    assert CLOSED_PIPE_EXIT == 141
    assert proc.returncode == 141
    err = proc.stderr.decode()
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err
    assert "错误" not in err and "error" not in err.lower()


def test_closed_stderr_exits_141_too():
    proc = _closed_pipe_run(("audit", "--person", "demo", "--today", "2026-11-27"), stream="stderr")
    assert proc.returncode == 141
    assert proc.stdout.decode().startswith("继续教育学时核查")


def test_sigpipe_stays_ignored_for_the_server():
    """planner never sets SIGPIPE to default: serve writes to sockets."""
    code = ("import signal, sys; sys.argv = ['planner', '--version']\n"
            "from planner import cli\n"
            "try:\n    cli.run()\nexcept SystemExit:\n    pass\n"
            "print(signal.getsignal(signal.SIGPIPE) is signal.SIG_IGN)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "True"
    assert signal.getsignal(signal.SIGPIPE) is not signal.SIG_DFL
