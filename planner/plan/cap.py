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
LEAST_MARGIN = 0.25    # seconds, the least kept of a short limit (but a tenth of it at most): at 5 s a
                       # fiftieth left 0.1 s, and the last write and the exit took 0.05-0.2 s (docs/benchmarks.md)
FINISH = 3.0       # what follows a search, in units of what preparing it took (docs/benchmarks.md): 2 until
                   # preparing got cheaper than the explanations and the output (session 6)
OUTPUT = 0.5       # what the output of one person's plan takes, in the same units (generous)


def margin(time_limit: float) -> float:
    """What a limit keeps for the output's last write and the exit: MARGIN
    of it, at least LEAST_MARGIN seconds, never more than a tenth of it."""
    return max(MARGIN * time_limit, min(LEAST_MARGIN, time_limit / 10))


OUTPUT_SHARE = 0.2     # of a --time-limit, kept for laying out a format drawn as tables (LAID_OUT): the output
OUTPUT_MOST = 30.0     # of 2,000 unit trainings took 0.9 s as text and as a workbook, as JSON 0.1 s; at most this
LAID_OUT = ("text", "md", "html", "xlsx")


SAVED_SHARE = 0.1      # of a --time-limit, kept for --save PLAN.json: the whole result (2,000 unit trainings:
                       # 3 MB, 0.2 s; 10,000: 12 MB, 0.5 s), written after the search with the output


def output_reserve(time_limit: float, formats, saving: bool = False) -> float:
    """Seconds a unit plan's work keeps for its output: OUTPUT_SHARE of the
    limit when a format lays out tables, SAVED_SHARE more when the plan is
    saved (OUTPUT_MOST at most), else none."""
    tables = OUTPUT_SHARE * time_limit if set(formats) & set(LAID_OUT) else 0.0
    return min(tables + (SAVED_SHARE * time_limit if saving else 0.0), OUTPUT_MOST)


def ends(started: float, time_limit: float, held: float = 0.0) -> float:
    """When a time-limited command's work must end (a time.perf_counter()
    reading): `margin` before the limit, and `held` seconds more for
    the cache entries written after the output (cache.held_seconds)."""
    return started + time_limit - margin(time_limit) - held


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

    def need(self, seconds: float) -> None:
        """Raise OutOfTime unless `seconds` are left before the cap: for work
        that cannot be cut part way (a re-plan prepares its whole catalogue first)."""
        if self.deadline is not None and time.perf_counter() + seconds >= self.deadline:
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
