"""Stable re-planning (`--since PLAN.json`): among the least-effort plans, the
one with the fewest changes from the previous plan, and what changed and why.

A change is an offering added to, or dropped from, the previous plan's
`selected`. In the solve it is one more lexicographic stage, after effort and
before fee/count/tie-break (solve.py): changes = sum of x over the new items +
sum of (1 - x) over the previous ones still plannable (the others are dropped
whatever is chosen). Booked items are pinned, so they stay. Pure: no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..models.activity import Offering

from ..models.person import Person
from ..previous import Previous

CANCELLED, FULL, NOT_PLANNABLE, NOT_NEEDED = "cancelled", "full", "no_longer_plannable", "no_longer_needed"


@dataclass(frozen=True)
class Changes:
    kept: tuple[str, ...]
    added: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...]     # (id, why)
    done: tuple[str, ...]                    # planned before, now in the records
    effort_delta: Optional[int] = None       # minutes: this plan minus the previous one
    fee_delta: Optional[int] = None          # fen

    @property
    def count(self) -> int:
        return len(self.added) + len(self.dropped)


def change_terms(previous: Previous, items) -> tuple[list[int], int]:
    """(coefficients over `items`, constant) of the number of changes:
    +1 for a new item, -1 (plus a constant 1) for a previous one."""
    prev = set(previous.ids)
    coefficients = [-1 if item.id in prev else 1 for item in items]
    present = {item.id for item in items}
    constant = len(prev & present) + len(prev - present)
    return coefficients, constant


def why_dropped(oid: str, catalog: dict[str, Offering], plannable: set[str]) -> str:
    offering = catalog.get(oid)
    if offering is None:
        return CANCELLED
    if offering.seats == 0:
        return FULL
    if oid not in plannable:
        return NOT_PLANNABLE
    return NOT_NEEDED


def changes(previous: Previous, person: Person, selected: Sequence, catalog: Sequence[Offering],
            plannable: set[str], effort: int, fee: int) -> Changes:
    """What the new plan keeps, adds and drops from the previous one."""
    chosen = [c.id for c in selected]
    prev = list(previous.ids)
    done_ids = {r.offering for r in person.records if r.offering}
    by_id = {o.id: o for o in catalog}
    kept = tuple(i for i in prev if i in chosen)
    done = tuple(i for i in prev if i not in chosen and i in done_ids)
    dropped = tuple((i, why_dropped(i, by_id, plannable)) for i in prev if i not in chosen and i not in done_ids)
    added = tuple(i for i in chosen if i not in prev)
    return Changes(kept, added, dropped, done,
                   None if previous.effort is None else effort - previous.effort,
                   None if previous.fee is None else fee - previous.fee)
