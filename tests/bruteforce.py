"""An independent brute force over every subset of a small catalogue, for the
living-plan tests (issue 12): no solver, only the ledger (the audit engine)."""
from __future__ import annotations

import itertools

from planner import registration
from planner.credits import Reason
from planner.effort import effort_minutes
from planner.ledger import build


def meets(policy, person, today, offerings, years, cycles, void) -> bool:
    led = build(policy, person.specialty, list(person.records) + list(offerings), void)
    if not all(led.year(y).met for y in years):
        return False
    return all(led.cycle(end).met for _, end in cycles)


def valid(person, offerings) -> bool:
    days = [d for o in offerings for d in o.dates()]
    if len(days) != len(set(days)):
        return False
    budget = person.budget_per_year
    if budget is not None:
        fees = {}
        for o in offerings:
            fees[o.credit_year] = fees.get(o.credit_year, 0) + o.fee
        if any(v > budget for v in fees.values()):
            return False
    return True


def robust_ok(policy, person, today, offerings, years, cycles, void) -> bool:
    """Every target still met after any one pending record or dated item is lost."""
    for index in registration.pending(person, today):
        if index not in void and not meets(policy, person, today, offerings, years, cycles,
                                           {**void, index: Reason("lost")}):
            return False
    for k, o in enumerate(offerings):
        if o.dated and not meets(policy, person, today, offerings[:k] + offerings[k + 1:], years, cycles, void):
            return False
    return True


def plans(policy, person, today, catalog, years, cycles, robust=False):
    """(effort minutes, fee, ids) of every valid subset meeting every target."""
    void = registration.void(person.records, today, None, registration.PLAN)
    out = []
    for n in range(len(catalog) + 1):
        for subset in itertools.combinations(catalog, n):
            subset = list(subset)
            if not valid(person, subset) or not meets(policy, person, today, subset, years, cycles, void):
                continue
            if robust and not robust_ok(policy, person, today, subset, years, cycles, void):
                continue
            out.append((sum(effort_minutes(o, policy) for o in subset), sum(o.fee for o in subset),
                        frozenset(o.id for o in subset)))
    return out


def catalog_yaml(offerings) -> str:
    """The offerings as a catalogue file, in the file's own units (yuan, hours, days)."""
    import json

    import yaml

    from planner.models.base import field_names
    out = []
    for o in offerings:
        data = {name: getattr(o, name) for name in field_names(type(o)) if getattr(o, name) is not None}
        data = json.loads(json.dumps(data, default=str))          # dates as their ISO text, tuples as lists
        for key, unit in (("fee", 100), ("effort_hours", 60), ("hours", 10), ("days", 2)):
            if key in data:
                value = data[key] / unit
                data[key] = int(value) if value == int(value) else value
        out.append(data)
    return yaml.safe_dump({"offerings": out}, allow_unicode=True)
