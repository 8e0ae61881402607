"""The one vocabulary of verdicts, shared by `people`, `audit --unit`, the
unit plan and every report: where a person stands in a year.

- met: every yearly target of the year, and the B cycle when the year ends it;
- short: the year (or the cycle the year ends) is over and a target was missed;
- cycle_at_risk: the year ends a B cycle that is not yet reached, and what the
  catalogue still offers cannot close it (`reach` tells, when known);
- in_progress: the year is still running (or ahead) and not yet met.

Each verdict carries the shortfall of every target left short, labelled by
the target's key (the cycle as "cycle"), in tenths of an hour.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .ledger import CycleStanding, YearStanding

MET, SHORT, CYCLE_AT_RISK, IN_PROGRESS = "met", "short", "cycle_at_risk", "in_progress"
VERDICTS = (MET, SHORT, CYCLE_AT_RISK, IN_PROGRESS)
CYCLE = "cycle"


@dataclass(frozen=True)
class Verdict:
    word: str                              # one of VERDICTS
    shortfalls: tuple[tuple[str, int], ...]   # (target key or "cycle", tenths short), policy order

    @property
    def met(self) -> bool:
        return self.word == MET

    @property
    def short(self) -> int:
        """The largest shortfall (tenths), 0 when met."""
        return max((s for _, s in self.shortfalls), default=0)


def cycle_counts(standing: YearStanding, cycle: Optional[CycleStanding]) -> bool:
    """The B cycle is a target of the year only in the year that ends it."""
    return cycle is not None and cycle.end == standing.year


def verdict(standing: YearStanding, cycle: Optional[CycleStanding], today: dt.date,
            reach: Optional[int] = None) -> Verdict:
    """The verdict on `standing` (one year) and its B `cycle`, on `today`.

    `reach`: the most B hours (tenths) the catalogue can still add to the
    cycle by its end, when the caller knows it (None: not known, so never
    "at risk")."""
    shortfalls = [(t.key, t.shortfall) for t in standing.targets if t.shortfall]
    ends_cycle = cycle_counts(standing, cycle)
    if ends_cycle and cycle.shortfall:
        shortfalls.append((CYCLE, cycle.shortfall))
    if not shortfalls:
        return Verdict(MET, ())
    if standing.year < today.year:
        return Verdict(SHORT, tuple(shortfalls))
    if ends_cycle and cycle.shortfall and reach is not None and reach < cycle.shortfall:
        return Verdict(CYCLE_AT_RISK, tuple(shortfalls))
    return Verdict(IN_PROGRESS, tuple(shortfalls))
