"""Why targets cannot be met, from the model itself: every rule instance
(target, cycle, budget, no-overlap, --require) gets an assumption literal;
with the objective cleared, CP-SAT's sufficient_assumptions_for_infeasibility()
gives a conflicting set, minimised by dropping one literal at a time while
keeping the unmet target in. Each reason also states the capacity fact: what
the records and every plannable offering could reach for that target."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from .. import tenths as q
from ..ledger import Ledger, cycle_shortfall
from ..messages import messages, target_name
from ..models.person import Person
from ..models.policy import Policy
from ..shortfall import Shortfall, Why
from .cap import seconds_left
from .explain import capacity
from .model import Guard, build
from .plannable import Item
from .result import PlanResult


def guard_name(g: Guard, policy: Policy, person: Person, lang: str) -> str:
    m = messages(lang)["plan"]
    if g.kind == "target":
        t = policy.target(g.key)
        return m["rule_target"].format(period=g.period, name=target_name(g.key, lang), hours=q.show_short(t.hours))
    if g.kind == "cycle":
        return m["rule_cycle"].format(period=g.period.replace("-", "–"), hours=q.show_short(policy.cycle.hours))
    if g.kind == "budget":
        return m["rule_budget"].format(period=g.period, budget=q.show_yuan(person.budget_per_year or 0))
    if g.kind == "no_overlap":
        return m["rule_no_overlap"]
    return m["rule_required"].format(id=g.key)


class Cores:
    """Feasibility checks of the guarded model under chosen assumptions."""

    def __init__(self, cp_model, pm, deadline: float):
        self.cp, self.pm, self.deadline = cp_model, pm, deadline
        self.undecided = False            # the last check ran out of the time limit undecided
        self.index = {g.literal.index: g for g in pm.guards}

    def conflict(self, assumed: Sequence[Guard]) -> Optional[list[Guard]]:
        """A sufficient conflicting subset of `assumed`, or None when feasible
        (or undecided in time)."""
        model, cp = self.pm.model, self.cp
        model.clear_objective()
        model.clear_hints()
        model.clear_assumptions()
        model.add_assumptions([g.literal for g in assumed])
        solver = cp.CpSolver()
        solver.parameters.max_time_in_seconds = seconds_left(self.deadline)
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 0
        code = solver.solve(model)
        self.undecided = code not in (cp.INFEASIBLE, cp.FEASIBLE, cp.OPTIMAL)
        if code != cp.INFEASIBLE:
            return None
        core = [self.index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in self.index]
        return core or list(assumed)

    def minimal(self, pinned: Guard) -> Optional[list[Guard]]:
        """A conflicting set that holds `pinned`, minimal apart from it."""
        everything = list(self.pm.guards)
        core = self.conflict(everything)
        if core is None:
            return None
        current = core if pinned in core else everything
        for g in list(current):
            if g is pinned or g not in current:
                continue
            trial = [h for h in current if h is not g]
            smaller = self.conflict(trial)
            if smaller is not None:
                current = smaller if pinned in smaller else trial
        return current if pinned in current else None


def _short_rules(result: PlanResult) -> list[Shortfall]:
    """Each target and targeted B cycle the plan leaves short."""
    short = [t for standing in result.projection for t in standing.targets if not t.met]
    targeted = set(result.targeted_cycles)
    return short + [cycle_shortfall(result.policy, c) for c in result.cycles
                    if (c.start, c.end) in targeted and not c.met]


def unmet(cp_model, policy: Policy, person: Person, records: Ledger, years: Sequence[int],
          items: Sequence[Item], everything: Sequence[Item], result: PlanResult,
          deadline: float) -> list[Shortfall]:
    """Each target the plan leaves short, with its reason in both languages.
    `items` are the model's (dominated ones left out: feasibility is the
    same), `everything` every plannable offering (for the capacity fact)."""
    short = _short_rules(result)
    if not short:
        return []
    pm = build(cp_model, policy, person, records, years, items, guarded=True, size=len(everything))
    cores = Cores(cp_model, pm, deadline)
    out = []
    for s in short:
        kind = "cycle" if s.key == "cycle" else "target"
        pinned = next(g for g in pm.guards if (g.kind, g.period, g.key) == (kind, s.period, s.key))
        cap, existing, offered = capacity(policy, records, everything, kind, s.period, s.key)
        core = None if cap < s.required else cores.minimal(pinned)
        undecided = cap >= s.required and core is None and cores.undecided     # the time limit came first
        own = policy.routes_of(policy.target(s.key)) if kind == "target" else policy.cycle_routes()
        texts = {lang: _reason(lang, policy, person, pinned, core, s.required, cap, existing, offered, own,
                               undecided) for lang in ("zh", "en")}
        why = "capacity" if cap < s.required else ("conflict" if core is not None else
                                                   "undecided" if undecided else "traded")
        others = tuple(f"{g.kind}:{g.period}:{g.key}" for g in (core or []) if g is not pinned)
        out.append(replace(s, why=Why(why, cap, existing, texts["zh"], texts["en"], core=others)))
    return out


def _reason(lang: str, policy: Policy, person: Person, pinned: Guard, core: Optional[list[Guard]],
            required: int, cap: int, existing: int, offered: dict, own: Sequence[str],
            undecided: bool = False) -> str:
    """Why `pinned` is short, in `lang`: the capacity fact when even every
    offering is not enough, else the conflicting rules (or a trade-off),
    followed by the capacity note."""
    m = messages(lang)["plan"]
    name = guard_name(pinned, policy, person, lang)
    routes = m["and"].join(offered or own)
    if cap < required:
        return m["capacity"].format(name=name, existing=q.show_short(existing),
                                    offered=q.show_short(sum(offered.values())), routes=routes,
                                    capacity=q.show_short(cap), required=q.show_short(required))
    if core is not None:
        others = [g for g in core if g is not pinned]
        targets = [g for g in others if g.kind in ("target", "cycle")]
        limits = [g for g in others if g.kind not in ("target", "cycle")]
        if targets:
            names = m["and"].join(guard_name(g, policy, person, lang) for g in targets + limits)
            text = m["conflict"].format(name=name, others=names)
        else:
            names = m["and"].join(guard_name(g, policy, person, lang) for g in limits) or "—"
            text = m["conflict_alone"].format(name=name, others=names)
    else:
        text = m["undecided" if undecided else "traded"].format(name=name)
    return text + m["capacity_note"].format(existing=q.show_short(existing), routes=routes,
                                            capacity=q.show_short(cap), required=q.show_short(required))
