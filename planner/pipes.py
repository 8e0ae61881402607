"""A reader that stops early (`planner unit --unit U-HZ | head -3`) ends
the program quietly, with the status a shell gives a writer stopped by a
closed pipe: no traceback, no message.

SIGPIPE is left as Python sets it (ignored): `planner serve` writes to
sockets, where a closed connection must stay an exception for the server to
handle, never a signal that ends the process.
"""
from __future__ import annotations

import contextlib
import errno
import os
import sys

CLOSED_PIPE_EXIT = 128 + 13     # 141: what a shell reports for a writer ended by SIGPIPE


@contextlib.contextmanager
def quiet_when_closed():
    """Run a command; if its reader went away, exit 141 without a word."""
    try:
        yield
        for stream in (sys.stdout, sys.stderr):
            stream.flush()          # what is still buffered meets the closed pipe here, not at exit
    except OSError as err:
        if err.errno != errno.EPIPE:
            raise
        _silence()
        sys.exit(CLOSED_PIPE_EXIT)


def _silence() -> None:
    """Point both streams at the null device, so the flush at exit finds
    nowhere broken to write (Python's own advice for a closed pipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass                    # a stream with no file behind it (a test's capture)
    os.close(devnull)
