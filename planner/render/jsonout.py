"""The contract's JSON shapes (docs/contract.md), built from results."""
from __future__ import annotations

import json

from ..audit import AuditResult
from ..ledger import CycleStanding, YearStanding
from ..messages import formula_text, reason_text
from ..tenths import hours


def dumps(data) -> str:
    """Deterministic JSON text: keys in the order built, UTF-8 kept."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def audit_year_json(result: AuditResult, standing: YearStanding) -> dict:
    """A year of the audit; with pending records, what rests on them."""
    out = year_json(standing)
    if result.without_pending is not None:
        out["pending_hours"] = hours(result.pending_hours(standing.year))
        out["met_without_pending"] = result.met_without_pending(standing.year)
    return out


def audit_json(result: AuditResult, lang: str = "zh") -> dict:
    records = []
    for line in result.ledger.lines:
        entry = {"index": line.index, "route": line.item.route, "year": line.year,
                 "title": line.item.title, "hours": hours(line.credit.tenths),
                 "counted": line.is_counted, "counted_hours": hours(line.counted),
                 "formula": formula_text(line.credit, lang)}
        if result.states:
            entry["status"] = result.states[line.index]
        if line.reason is not None:
            entry["reason"] = reason_text(line.reason, result.policy, lang)
            entry["reason_code"] = line.reason.code
        records.append(entry)
    return {"person": result.person.id, "policy": result.policy.id,
            "today": result.today.isoformat(),
            "years": {str(y.year): audit_year_json(result, y) for y in result.years},
            "cycles": [cycle_json(c) for c in result.cycles],
            "records": records}
