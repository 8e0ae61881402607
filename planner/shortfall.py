"""A target left short: the one type of it everywhere.

A yearly target (its key: `professional`, `general`, `total`) or the B cycle
(`cycle`) in one period, the hours it requires and the hours reached, in
tenths; short by `shortfall` (0 when met). A year's standing holds one per
target (ledger.py), the audit's findings are these with the cycles', the
person planner's unmet targets and a unit member's shorts are these with
`why`: the planner's reason in plain words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


def short_by(required: int, value: int) -> int:
    """How far `value` is below `required` (0 when it reaches it)."""
    return max(0, required - value)


@dataclass(frozen=True)
class Why:
    """Why a planner leaves a target short."""
    kind: str                      # person plan: capacity | conflict | traded | undecided (out of time); unit: capacity | shared | own | undecided (the time limit cut the search)
    capacity: int = 0              # tenths the records and every plannable offering could reach, after caps
    existing: int = 0              # tenths from the records alone
    text: str = ""                 # the reason in plain words (zh)
    text_en: str = ""
    core: tuple[str, ...] = ()     # person plan: the other rules of the minimal conflicting set
    limits: tuple = ()             # unit: the shared limits that bind (unit.explain.Limit)


@dataclass(frozen=True)
class Shortfall:
    key: str                       # target key, or "cycle"
    value: int                     # tenths reached
    required: int                  # tenths
    period: str = ""               # "2026", or a cycle's "2024-2026"
    article: str = ""              # the rule's article and words
    text: str = ""
    text_en: str = ""
    why: Optional[Why] = None      # set by the planners for what they leave short

    @property
    def met(self) -> bool:
        return self.value >= self.required

    @property
    def shortfall(self) -> int:
        return short_by(self.required, self.value)
