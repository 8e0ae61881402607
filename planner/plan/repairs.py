"""What it would take (issue 12 point 5): when targets cannot be met, the few
cheapest single repairs that would make them met, each re-solved by the
planner itself:

- budget:   raise budget_per_year by the least X yuan (one CP-SAT solve finds X:
            the targets hard, the yearly fees within budget + X, X minimised;
            then the plan is re-solved with the raised budget);
- blackout: lift one of the person's blackout periods;
- seat:     one more seat in an offering that is full (`seats: 0`).

Each repair names the unmet targets it makes met; they are ranked by the
re-solved plan's effort, then its fee (which includes any extra budget spent),
then kind and detail.

Two repairs are never offered, and `not_offered` says why in the rule's words
(the policy's article and text, so another policy speaks for itself):
- other_platform: every route whose eligibility ties a field to the person's
  specialty (第六条（一）: the A class's courseware counts from the platform the
  rule names for the specialty, the four blasting and mining specialties from
  the blasting platform, every other from the registration system). The rule
  names one platform per specialty and no exception, so a course from the other
  one is never accepted; where it is the right platform it is already planned.
- one_more_year: the yearly targets and the B cycle (第五条 "每年度", 第六条（二）
  "3年周期内"): a year's targets count only that year's activities and a
  cycle's only its own years, so planning a later year can never make an
  earlier target met.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from .. import tenths as q
from .cap import NO_CAP, Cap, OutOfTime
from .fragile import label
from .result import FEASIBLE, INFEASIBLE, OPTIMAL
from .sat import load_cp_model

MAX_TRIES = 12       # re-solves per kind at most (offerings by id, blackouts in file order)
SHOWN = 5            # the cheapest repairs reported
REPLAN = 2.0         # a re-plan starts only with this many times the plan's preparing left: its own
                     # preparing (0.11-0.18 s against the plan's 0.17-0.24 on 10,000 offerings) and a solve


@dataclass(frozen=True)
class Repair:
    kind: str                                  # budget | blackout | seat
    params: tuple[tuple[str, str], ...]        # for the words (messages living.repairs.<kind>)
    detail: str                                # the change to the input, in the file's own terms
    effort: int                                # minutes of the re-solved plan
    fee: int                                   # fen of the re-solved plan
    makes_met: tuple[str, ...]                 # the unmet targets it makes met
    extra: int = 0                             # fen added to the budget


@dataclass(frozen=True)
class NotOffered:
    """A repair never offered, with the rule that rules it out."""
    kind: str                # other_platform | one_more_year
    article: str
    text: str                # the rule's words (the policy's)
    text_en: str


def not_offered(policy) -> tuple[NotOffered, ...]:
    """The repairs this policy never allows, each with its rule (module doc)."""
    out = []
    tied = [r for r in policy.routes.values() if any(e.equals_specialty for e in r.eligibility)]
    if tied:
        out.append(NotOffered("other_platform", "、".join(dict.fromkeys(r.article for r in tied)),
                              "；".join(r.text for r in tied), "; ".join(r.text_en for r in tied)))
    rules = list(policy.targets) + [policy.cycle]
    out.append(NotOffered("one_more_year", "、".join(dict.fromkeys(r.article for r in rules)),
                          "；".join(r.text for r in rules), "; ".join(r.text_en for r in rules)))
    return tuple(out)


def unmet_labels(result) -> tuple[str, ...]:
    return tuple(label(u.period, u.key) for u in result.unmet)


def met_labels(result, wanted: Sequence[str]) -> tuple[str, ...]:
    """Which of `wanted` the re-solved plan meets."""
    short = set(unmet_labels(result))
    if result.status in (OPTIMAL, FEASIBLE):
        short = set()
    return tuple(t for t in wanted if t not in short)


def least_budget(person, policy, offerings, years, today, exclude, cap: Cap = NO_CAP) -> Optional[int]:
    """The least fen X such that budget_per_year + X lets every target be met, or None."""
    from .solve import prepare
    from .model import build
    cap.check()
    free = person.replace(budget_per_year=None)
    prob = prepare(free, policy, offerings, years, today, (), exclude, None, True, None)
    cp = load_cp_model()
    pm = build(cp, policy, free, prob.records, prob.years, prob.kept, size=len(prob.cands.items),
               today=today, closes=prob.closes)
    top = sum(i.fee for i in prob.kept)
    extra = pm.model.new_int_var(0, max(top, 0), "budget raise (fen)")
    for year in years:
        paid = [i for i in prob.kept if i.year == year and i.fee > 0]
        if paid:
            fees = cp.LinearExpr.weighted_sum([pm.var[i.index] for i in paid], [i.fee for i in paid])
            pm.model.add(fees <= person.budget_per_year + extra).with_name(f"budget {year} + raise")
    pm.model.minimize(extra)
    solver = cp.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 20.0
    cap.limit(solver)
    code = solver.solve(pm.model)
    cap.check()                             # stopped by the cap: not an answer
    if code != cp.OPTIMAL:
        return None
    return int(solver.value(extra))


def candidates(person, policy, offerings, years, today, exclude, cap: Cap = NO_CAP) -> list[tuple]:
    """(kind, params, detail, person, offerings, extra) of every single repair to try."""
    out = []
    if person.budget_per_year is not None:
        x = least_budget(person, policy, offerings, years, today, exclude, cap)
        if x:
            raised = person.budget_per_year + x
            out.append(("budget", (("yuan", q.show_yuan(x)),),
                        f"budget_per_year {q.show_yuan(person.budget_per_year)} -> {q.show_yuan(raised)}",
                        person.replace(budget_per_year=raised), offerings, x))
    for k, period in enumerate(person.blackout[:MAX_TRIES]):
        rest = person.blackout[:k] + person.blackout[k + 1:]
        out.append(("blackout", (("start", period.start.isoformat()), ("end", period.end.isoformat())),
                    f"blackout[{k}] {period.start}..{period.end} lifted",
                    person.replace(blackout=rest), offerings, 0))
    full = sorted((o for o in offerings if o.seats == 0 and o.credit_year in years), key=lambda o: o.id)
    for o in full[:MAX_TRIES]:
        more = [p.replace(seats=1) if p.id == o.id else p for p in offerings]
        out.append(("seat", (("id", o.id),), f"{o.id} seats 0 -> 1", person, more, 0))
    return out


def repairs(result, offerings, exclude=(), solve: Optional[Callable] = None, cap: Cap = NO_CAP,
            cut: Optional[list] = None) -> tuple[Repair, ...]:
    """The cheapest single repairs of an infeasible plan (module doc); past
    the `cap` the search stops (True appended to `cut`) with those found."""
    wanted = unmet_labels(result)
    if result.status != INFEASIBLE or not wanted:
        return ()
    from .solve import plan
    solve = solve or plan
    person, policy, years, today = result.person, result.policy, result.years, result.today
    found = []
    replan = REPLAN * result.build_seconds      # a re-plan prepares the same catalogue before any solve
    try:
        cap.need(replan)
        for kind, params, detail, who, catalog, extra in candidates(person, policy, offerings, years, today,
                                                                    exclude, cap):
            cap.need(replan)
            again = solve(who, policy, catalog, today=today, years=years, exclude=exclude,
                          **({} if cap.deadline is None else {"time_limit": cap.left(10.0)}))
            cap.check()                      # a re-plan the cap cut is not an answer
            made = met_labels(again, wanted)
            if made:
                found.append(Repair(kind, params, detail, again.effort, again.fee, made, extra))
    except OutOfTime:
        if cut is not None:
            cut.append(True)
    found.sort(key=lambda r: (r.effort, r.fee, r.kind, r.detail))
    return tuple(found[:SHOWN])


def with_repairs(result, offerings, exclude=(), cap: Cap = NO_CAP):
    cut: list = []
    found = repairs(result, offerings, exclude, cap=cap, cut=cut)
    return dataclasses.replace(result, repairs=found, repairs_cut=bool(cut))
