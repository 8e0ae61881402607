"""Fragile points of a plan: each pending record, and each dated planned
activity, whose loss alone (the registrar rejects the record; the activity is
cancelled or the person cannot go) breaks a target the plan meets.

Recomputed by the ledger (the audit engine) with the one item left out and
nothing re-planned; no solver here. Targets are named "<period> <key>":
"2027 total", "2027-2029 cycle" (the keys of `latest_start` too).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from .. import ledger as ledger_mod
from .. import registration
from ..credits import Reason
from ..ledger import Ledger
from ..models.person import Person
from ..models.policy import Policy


@dataclass(frozen=True)
class Fragile:
    """One loss that alone breaks targets: a pending record or a dated item."""
    breaks: tuple[str, ...]
    record: Optional[int] = None     # index of the pending record
    id: Optional[str] = None         # the dated plan item's offering id
    title: str = ""


def label(period, key: str) -> str:
    return f"{period} {key}"


def met_targets(policy: Policy, led: Ledger, years: Sequence[int],
                cycles: Sequence[tuple[int, int]]) -> set[str]:
    """The labels of the plan's targets that `led` meets."""
    out = set()
    for year in years:
        for result in led.year(year).targets:
            if result.met:
                out.add(label(year, result.key))
    for start, end in cycles:
        if led.cycle(end).met:
            out.add(label(f"{start}-{end}", "cycle"))
    return out


def target_order(policy: Policy, years: Sequence[int], cycles: Sequence[tuple[int, int]]) -> list[str]:
    """Every target of the plan, years first (in policy order), then cycles."""
    return [label(y, t.key) for y in years for t in policy.targets] + \
           [label(f"{s}-{e}", "cycle") for s, e in cycles]


def losses(person: Person, today, void: dict, selected) -> list[tuple[int, Fragile]]:
    """(index in the projection list, the loss) for every pending record the
    plan counts and every dated planned activity (booked ones included)."""
    out = []
    booked = set(registration.booked(person, today))
    for index in sorted(set(registration.pending(person, today)) | booked):
        record = person.records[index]
        if index not in void and (index not in booked or record.dated):
            out.append((index, Fragile((), record=index, title=record.title)))
    base = len(person.records)
    for k, chosen in enumerate(selected):
        if chosen.offering.dated:
            out.append((base + k, Fragile((), id=chosen.id, title=chosen.offering.title)))
    return out


def fragile_points(policy: Policy, person: Person, today, void: dict, selected, years: Sequence[int],
                   cycles: Sequence[tuple[int, int]]) -> tuple[Fragile, ...]:
    """Each loss that alone breaks a target the plan meets, with those targets."""
    items = list(person.records) + [c.offering for c in selected]
    full = ledger_mod.build(policy, person.specialty, items, void)
    met = met_targets(policy, full, years, cycles)
    order = target_order(policy, years, cycles)
    out = []
    for index, loss in losses(person, today, void, selected):
        led = ledger_mod.build(policy, person.specialty, items, {**void, index: Reason("lost")})
        broken = met - met_targets(policy, led, years, cycles)
        if broken:
            out.append(Fragile(tuple(t for t in order if t in broken), loss.record, loss.id, loss.title))
    return tuple(out)
