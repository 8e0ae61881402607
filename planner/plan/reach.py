"""How far the catalogue can still take a person's B cycle: the most B
hours every plannable offering of the cycle's remaining years could add,
after the yearly route caps, ignoring overlaps, seats and budget (an upper
bound: if even this cannot close the cycle, nothing can)."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from ..audit import Cohort, cohort
from ..errors import PlannerError
from ..ledger import CycleStanding, Ledger
from ..models.activity import Offering
from ..models.person import Person, Unit
from ..models.policy import Policy
from .explain import capacity
from .plannable import candidates


def cycle_reach(person: Person, policy: Policy, records: Ledger, offerings: Iterable[Offering],
                cycle: CycleStanding, today: dt.date) -> int:
    """Tenths of B hours the catalogue can still add to `cycle` (0 when its
    last year is over)."""
    years = list(range(max(cycle.start, today.year), cycle.end + 1))
    if not years:
        return 0
    items = candidates(person, policy, offerings, years, today).items
    total, existing, _ = capacity(policy, records, items, "cycle", f"{cycle.start}-{cycle.end}", "")
    return total - existing


def unit_cohort(unit: Unit, staff: list[Person], policy: Policy, offerings: Iterable[Offering],
                year: Optional[int], today: dt.date, department: Optional[str] = None,
                short_only: bool = False, lang: str = "zh") -> Cohort:
    """The cohort view with the catalogue's reach: a cycle that even every
    plannable offering cannot close is "at risk". A `department` that no
    staff member has is bad input, naming the closest one."""
    if department is not None:
        known = sorted({p.department or "" for p in staff} - {""})
        if department not in known:
            raise PlannerError(_unknown_department(department, known, lang))
    offerings = list(offerings)

    def reach(person: Person, records: Ledger, cycle: CycleStanding) -> int:
        return cycle_reach(person, policy, records, offerings, cycle, today)
    return cohort(unit, staff, policy, year, today, reach, department, short_only)


def _unknown_department(department: str, known: list[str], lang: str) -> str:
    import difflib
    from ..messages import messages
    m = messages(lang)
    close = difflib.get_close_matches(department, known, n=1, cutoff=0.3)
    listed = m.list_sep.join(close + [k for k in known if k not in close])
    return m.cohort.unknown_department.format(department=department, known=listed)
