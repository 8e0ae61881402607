"""Drop undated offerings that cannot be in the optimal plan (exact).

Within one group of undated offerings (same year and route; no days, so no
overlaps), offering i *dominates* j when it earns at least as much
(credit_i >= credit_j), costs no more effort and no more fee, and is
lexicographically better on (effort, fee, position). Swapping j for i in a
plan keeps it feasible (counted hours never fall, fees never rise) and makes
it no worse on effort, then fee, then count, and strictly better on the
position tie-break: so if j is in the optimal plan, so is every i that
dominates it.

The optimal plan is also minimal: dropping any chosen offering j that is
not --required would lower effort, fee or count, so j is needed by some
target T: value_T(plan) - credit_j < required_T. The group's chosen credits
all count in value_T (uncapped route), or in the route's raw sum that must
stay below cap + credit_j (capped route). With j chosen, its d dominators
are chosen too, each earning at least credit_j, so (d + 1) * credit_j -
credit_j < need, i.e. d * credit_j < need, where `need` is the largest
target or cycle the route counts toward (the cap, for a capped route).
An offering with d * credit_j >= need cannot be in the optimal plan and is
left out of the model (also of the soft model: there, dropping j must raise
the shortfall, the same inequality).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from ..models.policy import Policy
from .plannable import Item

MAX_GROUP = 6000       # beyond this the pairwise matrix is not worth building


def need(policy: Policy, route: str) -> int:
    """The most a group of this route can be needed for (tenths)."""
    cap = policy.routes[route].cap
    if cap is not None:
        return cap
    cat = policy.category_of(route)
    needs = [t.hours for t in policy.targets if cat in t.categories]
    if route in policy.cycle_routes():
        needs.append(policy.cycle.hours)
    return max(needs) if needs else 0


def dominated(policy: Policy, items: Sequence[Item]) -> dict[int, int]:
    """{item index: number of dominators} for the items that can be dropped."""
    import numpy as np   # already loaded with ortools
    groups: dict[tuple[int, str], list[Item]] = defaultdict(list)
    for item in items:
        if not item.days and not item.required:
            groups[(item.year, item.route)].append(item)
    out: dict[int, int] = {}
    for (year, route), group in groups.items():
        limit = need(policy, route)
        if len(group) < 2 or len(group) > MAX_GROUP:
            continue
        c = np.array([i.tenths for i in group], dtype=np.int64)
        e = np.array([i.effort for i in group], dtype=np.int64)
        f = np.array([i.fee for i in group], dtype=np.int64)
        p = np.array([i.index for i in group], dtype=np.int64)
        # rows: the candidate dominator i; columns: the dominated j
        ge = (c[:, None] >= c[None, :]) & (e[:, None] <= e[None, :]) & (f[:, None] <= f[None, :])
        better = (e[:, None] < e[None, :]) | ((e[:, None] == e[None, :]) & (
            (f[:, None] < f[None, :]) | ((f[:, None] == f[None, :]) & (p[:, None] < p[None, :]))))
        counts = (ge & better).sum(axis=0)
        for item, n in zip(group, counts.tolist()):
            if n * item.tenths >= limit:
                out[item.index] = n
    return out
