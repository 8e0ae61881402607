"""The command's --time-limit as a wall-clock cap on the work after the plan
(the last safe dates, the repairs): a solve is given no more than the time
left, and a solve the cap stopped is never read as an answer (`OutOfTime`:
what it was for is reported as not worked out). Without a deadline nothing
is capped and every budget stays deterministic.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional


MARGIN = 0.02      # of a --time-limit: kept for writing the output, the exit and a loaded machine
FINISH = 2.0       # what follows a search, in units of what preparing it took (docs/benchmarks.md)
OUTPUT = 0.5       # what the output of one person's plan takes, in the same units (generous)


def ends(started: float, time_limit: float, held: float = 0.0) -> float:
    """When a time-limited command's work must end (a time.perf_counter()
    reading): MARGIN of the limit before it, and `held` seconds more for
    the cache entries written after the output (cache.held_seconds)."""
    return started + time_limit * (1 - MARGIN) - held


SHORTEST = 0.05    # seconds: the least a solve is given, however little time is left


def seconds_left(deadline: float) -> float:
    """What a solve may take to end by `deadline` (a time.perf_counter()
    reading): the time left, but never less than SHORTEST."""
    return max(SHORTEST, deadline - time.perf_counter())


class OutOfTime(Exception):
    """The time limit came before this was worked out."""


@dataclass(frozen=True)
class Cap:
    deadline: Optional[float] = None       # time.perf_counter() reading; None: no cap

    def over(self) -> bool:
        return self.deadline is not None and time.perf_counter() >= self.deadline

    def check(self) -> None:
        """Raise OutOfTime when the cap has passed."""
        if self.over():
            raise OutOfTime

    def limit(self, solver) -> None:
        """A solve may take no more than the time left (checked first)."""
        self.check()
        if self.deadline is not None:
            solver.parameters.max_time_in_seconds = seconds_left(self.deadline)

    def left(self, default: float) -> float:
        """The seconds a whole re-plan may take: `default`, or the time left if less."""
        self.check()
        return default if self.deadline is None else min(default, seconds_left(self.deadline))


NO_CAP = Cap()
