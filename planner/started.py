"""When the process began, as a time.perf_counter() reading: a --time-limit
counts the interpreter's own start too, not only what follows the import of
the command line (issue 10: the whole process within its limit).

Linux tells a process's start time in /proc/self/stat (clock ticks since
boot) and the time since boot in /proc/uptime; elsewhere, or if either
cannot be read, the import of the command line stands for it. Never more
than EARLIEST seconds before that import (a process started by `exec` from
a shell began when the shell did).
"""
from __future__ import annotations

import os
import time
from typing import Optional

EARLIEST = 2.0      # seconds before the command line's import, at most


def process_start(launched: float) -> float:
    """The process's start (perf_counter), between `launched - EARLIEST` and `launched`."""
    try:
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = fh.read()
        with open("/proc/self/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, AttributeError):
        return launched
    began = start_of(time.perf_counter(), uptime, stat, hz)
    return launched if began is None else min(launched, max(launched - EARLIEST, began))


def start_of(now: float, uptime: str, stat: str, hz: int) -> Optional[float]:
    """`now` (perf_counter) less the process's age: the seconds since boot
    (/proc/uptime's first field) less its start (/proc/self/stat's 22nd
    field, after the command name in parentheses, in `hz` ticks)."""
    try:
        since_boot = float(uptime.split()[0])
        fields = stat[stat.rindex(")") + 2:].split()
        return now - (since_boot - int(fields[19]) / hz)
    except (ValueError, IndexError, ZeroDivisionError):
        return None
