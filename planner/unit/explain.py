"""Why the unit plan says what it says, derived from the plan and the model:

- a unit training not held: the cheapest way found to hold it (its best
  attendee forced in and re-planned alone against what the rest of the unit
  leaves of the seats, away limits and budget, then whoever else is better
  off attending too) and what that costs more than the plan; or that it earns nothing for anyone (route cap already reached);
  or that holding it breaks the budget; or that no one can attend;
- a held training: who attends and what it saves (its attendees
  re-planned one by one with it dropped);
- a person left short: the target in the rule's words, how short, and the
  limiting facts: their own capacity (`plan.explain.capacity`, as
  `planner suggest` states it), else the shared limits that block what they
  would take alone (one re-solve with every shared limit dropped).

Every re-solve is one person alone (planner.plan.model's per-person rules
through model.build_frame) against what the others use: at most
MAX_FRAME candidates per training, SECONDS of deterministic time each,
MAX_SOLVES in all; beyond that the reason says only what needs no solve. Quantities: minutes, fen, tenths.
"""
from __future__ import annotations

import dataclasses
import time
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Optional

from .. import tenths as q
from ..ledger import capped
from ..messages import messages, target_name
from ..plan.explain import capacity
from ..plan.plannable import candidates
from ..shortfall import Shortfall, Why
from .model import build_frame, shortfall_weight
from .prepare import Need, evaluate
from .usage import Tally, Usage
from .result import UnitPlan
from .solve import solve_frame

MAX_FRAME = 12      # people re-planned together in one explanation
SECONDS = 0.3       # deterministic time per re-solve
MAX_SOLVES = 80     # re-solves per plan (one person each)
MAX_PEOPLE = 50     # short people explained (the rest keep the plan's one-word reason)


@dataclass(frozen=True)
class TrainingWhy:
    id: str
    held: bool
    kind: str                    # held | costlier | earns_nothing | over_budget | nobody | unsolved | out_of_time
    attendees: tuple[str, ...]   # held: who attends; not held: the best attendees when forced
    effort: Optional[int]        # minutes: the alternative minus the plan (None: not solved)
    cost: Optional[int]          # fen: the alternative minus the plan
    proven: bool                 # the alternative is the best of its kind (every candidate, proven)
    text: str
    text_en: str


@dataclass(frozen=True)
class Limit:
    kind: str                    # seats | away | training | budget
    key: str                     # offering id, "department day", training id, "budget"
    who: tuple[str, ...] = ()
    amount: int = 0              # seats, away limit, or budget fen


@dataclass(frozen=True)
class Explained:
    trainings: dict = field(default_factory=dict)   # training id -> TrainingWhy
    people: dict = field(default_factory=dict)      # person id -> tuple[Shortfall, ...], each with its why

    def training(self, tid: str) -> Optional[TrainingWhy]:
        return self.trainings.get(tid)


def _signed_hours(minutes: int) -> str:
    return ("+" if minutes >= 0 else "-") + q.show_effort(abs(minutes))


def _signed_yuan(fen: int) -> str:
    return ("+" if fen >= 0 else "-") + q.show_yuan(abs(fen))


class Context:
    """The plan, the problem its solve prepared, and what the plan uses of
    the shared limits (usage.Tally): nothing is prepared again."""

    def __init__(self, plan: UnitPlan, deadline: Optional[float] = None):
        problem = plan.problem
        self.deadline = deadline         # wall clock (perf_counter): past it, no more re-solves
        self._raw: dict[str, dict[str, int]] = {}
        self.gains: dict[tuple, int] = {}     # (person, route, tenths) -> _gain
        self.plan = plan
        self.problem = problem
        self.policy = plan.policy
        self.needs = problem.needs
        self.trainings = problem.trainings
        self.by_pid = problem.by_pid
        self.names = {n.pid: n.person.name for n in problem.needs}
        self.seats = problem.limits.seats
        self.titles = problem.titles
        self.current = {p.person.id: tuple(sorted(i.id for i in p.items)) for p in plan.people}
        self.solves = 0
        self.proven = True
        self.items = {n.pid: n.by_id for n in self.needs}      # read only: each Need's own, worked out once
        self.weights = {n.pid: shortfall_weight(n) for n in self.needs}
        self.tally = self.tally_of(self.current)

    def tally_of(self, assign: dict[str, tuple[str, ...]], skip: Optional[str] = None) -> Tally:
        """What everyone but `skip` uses of the shared limits under `assign`."""
        tally = Tally(self.problem.limits, self.trainings)
        for pid, ids in assign.items():
            if pid != skip:
                tally.change(pid, self.by_pid[pid].department, [self.items[pid][o] for o in ids], +1)
        return tally

    def who(self, pids, lang: str) -> str:
        sep = messages(lang)["plan"]["and"]
        return sep.join(f"{self.names.get(p, p)}({p})" for p in pids) or "—"

    def current_raw(self, need: Need) -> dict[str, int]:
        """Tenths per route of the person's records and current plan (before caps)."""
        raw = self._raw.get(need.pid)
        if raw is None:
            raw = need.raw()
            for tid in self.current[need.pid]:
                item = self.items[need.pid][tid]
                raw[item.route] = raw.get(item.route, 0) + item.tenths
            self._raw[need.pid] = raw
        return raw

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.perf_counter() >= self.deadline

    def wall(self) -> Optional[float]:
        """A re-solve's wall-clock cap: the time left to the deadline (None: no deadline)."""
        return None if self.deadline is None else max(0.05, self.deadline - time.perf_counter())

    def usage_of(self, assign: dict[str, tuple[str, ...]], skip: str) -> Usage:
        return self.tally_of(assign, skip).usage()

    def cost_of(self, assign) -> int:
        return self.tally_of(assign).spent()

    def objective(self, pid: str, ids) -> tuple[int, int]:
        score = evaluate(self.by_pid[pid], ids, self.policy)
        return score.short * self.weights[pid] + score.effort, score.effort

    def replan(self, assign, pid: str, training: str, attend: bool):
        """Re-solve one person alone against what `assign` leaves of the
        shared limits, with `training` forced in (attend) or out.
        Their new ids, or None (no plan, or out of solves)."""
        if self.solves >= MAX_SOLVES or self.out_of_time():
            return None
        self.solves += 1
        frame = build_frame(self.policy, [self.by_pid[pid]], self.trainings, self.problem.limits,
                            self.usage_of(assign, pid))
        lit = frame.people[0].x.get(training)
        if lit is None:
            return None
        frame.model.add(lit == (1 if attend else 0))
        res = solve_frame(frame, SECONDS, wall=self.wall())
        self.proven = self.proven and res.proven
        return res.chosen[0] if res.found else None

    def delta(self, assign) -> tuple[int, int]:
        """(effort minutes, cost fen) of `assign` against the plan."""
        effort = sum(self.objective(p, ids)[1] - self.objective(p, self.current[p])[1]
                     for p, ids in assign.items() if ids != self.current[p])
        return effort, self.cost_of(assign) - self.plan.cost


def _gain(ctx: Context, need: Need, tid: str) -> int:
    """Counted tenths the training would add to this person's current plan
    (the same for every item of the same route and hours)."""
    item = ctx.items[need.pid][tid]
    key = (need.pid, item.route, item.tenths)
    gain = ctx.gains.get(key)
    if gain is None:
        raw = ctx.current_raw(need)
        cap = ctx.policy.routes[item.route].cap
        have = raw.get(item.route, 0)
        gain = ctx.gains[key] = capped(have + item.tenths, cap) - capped(have, cap)
    return gain


def _texts(key: str, **params) -> tuple[str, str]:
    return tuple(messages(lang)["unit_plan"][key].format(**{k: (v(lang) if callable(v) else v)
                                                            for k, v in params.items()})
                 for lang in ("zh", "en"))


def explain_training(ctx: Context, tp) -> TrainingWhy:
    ctx.proven = True
    return _held(ctx, tp) if tp.held else _not_held(ctx, tp)


def _held(ctx: Context, tp) -> TrainingWhy:
    """Who attends, and what cancelling it would cost (its attendees re-planned without it)."""
    tid = tp.training.id
    route = ctx.trainings[tid].route
    hours = q.show_short(tp.hours)
    pids = list(tp.attendees)
    who = lambda lang: ctx.who(pids, lang)
    assign = dict(ctx.current)
    for pid in pids if len(pids) <= MAX_FRAME else ():
        new = ctx.replan(assign, pid, tid, attend=False)
        if new is None:
            break
        assign[pid] = new
    else:
        if len(pids) <= MAX_FRAME:
            effort, cost = ctx.delta(assign)
            zh, en = _texts("held_why", who=who, n=len(pids), hours=hours, route=route,
                            effort=_signed_hours(effort), cost=_signed_yuan(cost))
            return TrainingWhy(tid, True, "held", tuple(pids), effort, cost, ctx.proven, zh, en)
    zh, en = _texts("held_why_plain", who=who, n=len(pids), hours=hours, route=route)
    return TrainingWhy(tid, True, "held", tuple(pids), None, None, False, zh, en)


def _not_held(ctx: Context, tp) -> TrainingWhy:
    """Why not: nobody can, it earns nothing, the budget, or the cheapest way to hold it costs more."""
    t = tp.training
    tid = t.id
    route = ctx.trainings[tid].route
    cands = [n for n in ctx.needs if tid in ctx.items[n.pid]]
    if not cands:
        zh, en = _texts("not_held_nobody")
        return TrainingWhy(tid, False, "nobody", (), None, None, True, zh, en)
    if all(_gain(ctx, n, tid) == 0 for n in cands):
        r = ctx.policy.routes[route]
        cap = "" if r.cap is None else q.show_short(r.cap)
        zh, en = _texts("not_held_nothing", route=route, cap=cap, rule=lambda lang: r.text_en if lang == "en" else r.text,
                        article=r.article or "")
        return TrainingWhy(tid, False, "earns_nothing", (), None, None, True, zh, en)
    if ctx.out_of_time():          # past the time limit: what needs no solve, and that it was not tried
        return _not_tried(ctx, t)
    # each candidate re-planned alone with it (those who gain most first, at most MAX_FRAME)
    ranked = sorted(cands, key=lambda n: (-_gain(ctx, n, tid), n.pid))[:MAX_FRAME]
    singles = []
    for n in ranked:
        new = ctx.replan(ctx.current, n.pid, tid, attend=True)
        if new is not None:
            assign = {**ctx.current, n.pid: new}
            gain = ctx.objective(n.pid, new)[0] - ctx.objective(n.pid, ctx.current[n.pid])[0]
            singles.append((gain, ctx.cost_of(assign) - ctx.plan.cost, n.pid, new))
    if not singles:
        return _not_tried(ctx, t, "not_held_out_of_time" if ctx.out_of_time() else "not_held_unsolved")
    singles.sort(key=lambda s: s[:3])
    _, _, first, new = singles[0]
    assign = {**ctx.current, first: new}
    # then whoever is better off attending too, against what the others now use
    for _, _, pid, _ in (s for s in singles[1:] if s[:2] < (0, 0)):
        new = ctx.replan(assign, pid, tid, attend=True)
        if new is None:
            continue
        trial = {**assign, pid: new}
        if (ctx.objective(pid, new)[0] - ctx.objective(pid, assign[pid])[0],
                ctx.cost_of(trial) - ctx.cost_of(assign)) < (0, 0):
            assign = trial
    attendees = tuple(sorted(p for p, ids in assign.items() if tid in ids))
    effort, cost = ctx.delta(assign)
    zh, en = _texts("not_held_costlier", who=lambda lang: ctx.who(attendees, lang), n=len(attendees),
                    effort=_signed_hours(effort), cost=_signed_yuan(cost), organising=q.show_yuan(t.cost))
    return TrainingWhy(tid, False, "costlier", attendees, effort, cost, ctx.proven, zh, en)


def _not_tried(ctx: Context, t, key: str = "not_held_out_of_time") -> TrainingWhy:
    """No plan holding the training was found: the budget, when its
    organising cost alone is more than the plan leaves; else that no plan
    was found in the search limits, or (`not_held_out_of_time`) that the
    time limit came before one was tried."""
    budget = ctx.plan.unit.budget
    if budget is not None and ctx.plan.cost + t.cost > budget:
        zh, en = _texts("not_held_budget", cost=q.show_yuan(t.cost),
                        left=q.show_yuan(max(0, budget - ctx.plan.cost)), budget=q.show_yuan(budget))
        return TrainingWhy(t.id, False, "over_budget", (), None, None, True, zh, en)
    zh, en = _texts(key)
    return TrainingWhy(t.id, False, "unsolved" if key == "not_held_unsolved" else "out_of_time",
                       (), None, None, False, zh, en)


def _limits(ctx: Context, need: Need, wanted) -> list[Limit]:
    """The shared limits that keep `need` from the items of its own optimum."""
    out: list[Limit] = []
    mine = set(ctx.current[need.pid])
    extra = -sum(ctx.items[need.pid][oid].fee for oid in mine)   # their own plan replaced
    for item in need.items:
        if item.id in wanted:
            extra += item.fee
        if item.id not in wanted or item.id in mine:
            continue
        if item.id in ctx.trainings and not ctx.tally.holders.get(item.id):
            out.append(Limit("training", item.id, (), ctx.trainings.costs[item.id]))
            extra += ctx.trainings.costs[item.id]
            continue
        for kind, key, who in ctx.tally.full_limits(need.department, item):
            if kind == "seats":
                out.append(Limit("seats", key, who, ctx.seats[key]))
            else:
                out.append(Limit("away", f"{key[0]} {dt.date.fromordinal(key[1]).isoformat()}", who,
                                 ctx.problem.limits.away_at(key)))
    budget = ctx.plan.unit.budget
    if budget is not None and ctx.plan.cost + extra > budget:
        out.append(Limit("budget", "budget", (), budget))
    return out


def _limit_text(ctx: Context, limit: Limit, lang: str) -> str:
    u = messages(lang)["unit_plan"]
    if limit.kind == "seats":
        return u["limit_seats"].format(id=limit.key, title=ctx.titles.get(limit.key, ""), seats=limit.amount,
                                       who=ctx.who(limit.who, lang))
    if limit.kind == "away":
        dept, day = limit.key.rsplit(" ", 1)
        return u["limit_away"].format(department=dept or "-", day=day, limit=limit.amount,
                                      who=ctx.who(limit.who, lang))
    if limit.kind == "training":
        return u["limit_training"].format(id=limit.key, cost=q.show_yuan(limit.amount))
    return u["limit_budget"].format(budget=q.show_yuan(limit.amount), spent=q.show_yuan(ctx.plan.cost))


def explain_person(ctx: Context, pp) -> tuple[Shortfall, ...]:
    if ctx.out_of_time():
        return ()                   # past the time limit: the plan's own short reason stands
    need = ctx.by_pid[pp.person.id]
    policy = ctx.policy
    everything = candidates(pp.person, policy, ctx.problem.pool, [ctx.plan.year], ctx.plan.today,
                            known_ids=ctx.problem.known).items
    ideal = None
    out = []
    for s in pp.shorts:
        if s.key == "cycle":
            kind_, period = "cycle", f"{need.cycle_span[0]}-{need.cycle_span[1]}"
        else:
            kind_, period = "target", str(ctx.plan.year)
        cap, existing, offered = capacity(policy, need.ledger, everything, kind_, period, s.key)
        name = lambda lang: messages(lang)["unit_plan"]["cycle"] if s.key == "cycle" else target_name(s.key, lang)
        head = dict(target=name, article=s.article, value=q.show_short(s.value), required=q.show_short(s.required),
                    short=q.show_short(s.shortfall), rule=lambda lang: s.text_en if lang == "en" else s.text)
        if cap < s.required:
            routes = lambda lang: messages(lang)["plan"]["and"].join(sorted(offered)) or "—"
            zh, en = _texts("short_capacity", existing=q.show_short(existing), capacity=q.show_short(cap),
                            routes=routes, **head)
            out.append(replace(s, why=Why("capacity", cap, existing, zh, en)))
            continue
        if ideal is None:
            if ctx.solves >= MAX_SOLVES or ctx.out_of_time():
                return ()           # out of solves or time: the plan's own short reason stands
            ctx.solves += 1
            frame = build_frame(policy, [need], ctx.trainings, ctx.problem.limits, Usage(), relaxed=True)
            res = solve_frame(frame, SECONDS, wall=ctx.wall())
            if res.cut and not res.proven:
                return ()           # the time limit cut their own optimum: the plan's own short reason stands
            ideal = res.chosen[0] if res.found else ()
        if evaluate(need, ideal, policy).real:
            zh, en = _texts("short_own", capacity=q.show_short(cap), **head)
            out.append(replace(s, why=Why("own", cap, existing, zh, en)))
            continue
        if not ctx.plan.deterministic:    # the time limit cut the search: shared limits are not proven the cause
            zh, en = _texts("short_undecided", capacity=q.show_short(cap), **head)
            out.append(replace(s, why=Why("undecided", cap, existing, zh, en)))
            continue
        limits = tuple(_limits(ctx, need, set(ideal)))
        facts = lambda lang: messages(lang)["plan"]["and"].join(_limit_text(ctx, lim, lang) for lim in limits) \
            or messages(lang)["unit_plan"]["limit_together"]
        zh, en = _texts("short_shared", capacity=q.show_short(cap), limits=facts, **head)
        out.append(replace(s, why=Why("shared", cap, existing, zh, en, limits=limits)))
    return tuple(out)


def explain_plan(plan: UnitPlan, staff=None, offerings=None, deadline: Optional[float] = None) -> UnitPlan:
    """The plan with `.explained` filled in (trainings, then short people),
    from the Problem its solve prepared (`staff` and `offerings` are not read).
    Past `deadline` (time.perf_counter(); the command's --time-limit) no more
    re-solves run: what is left says only what needs no solve."""
    ctx = Context(plan, deadline)
    trainings = {tp.training.id: explain_training(ctx, tp) for tp in plan.trainings}
    people = {}
    for pp in [pp for pp in plan.people if pp.shorts][:MAX_PEOPLE]:
        whys = explain_person(ctx, pp)
        if whys:
            people[pp.person.id] = whys
    return dataclasses.replace(plan, explained=Explained(trainings, people))
