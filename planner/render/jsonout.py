"""JSON, the medium: deterministic text, and the year and cycle shapes every
result shares (the contract's JSON keys)."""
from __future__ import annotations


from ..ledger import CycleStanding, YearStanding
from ..tenths import hours


def dumps(data) -> str:
    """Deterministic JSON text: keys in the order built, UTF-8 kept
    (json.dumps's indent=2 layout, faster for long record lists: indented.py)."""
    from .indented import dumps as indented
    return indented(data) + "\n"


def year_json(standing: YearStanding, *, all_shortfalls: bool = True) -> dict:
    out = {"routes": {code: {"raw": hours(r.raw), "counted": hours(r.counted),
                             "cap": None if r.cap is None else hours(r.cap)}
                      for code, r in standing.routes.items()}}
    for t in standing.targets:
        out[t.key] = hours(t.value)
    out["met"] = standing.met
    out["shortfall"] = {t.key: hours(t.shortfall) for t in standing.targets
                        if all_shortfalls or t.shortfall > 0}
    return out


def cycle_json(cycle: CycleStanding) -> dict:
    return {"start": cycle.start, "end": cycle.end, "b_hours": hours(cycle.hours),
            "required": hours(cycle.required), "met": cycle.met,
            "shortfall": hours(cycle.shortfall)}
