"""`planner unit`'s JSON (the contract's `unit`), apart from the text and
page renderers (render/unit.py): a JSON run imports neither rich nor jinja2."""
from __future__ import annotations

from ..tenths import effort_hours, hours, yuan
from ..unit.result import UnitPlan
from . import jsonout
from .living import unit_changes_json, unit_robust_json, unit_values_json
from .unit_lines import explained_shorts, item_date, status_text, training_date


def _training_why_json(why, lang: str) -> dict:
    return {"kind": why.kind, "reason": why.text_en if lang == "en" else why.text,
            "attendees": list(why.attendees),
            "effort_hours": None if why.effort is None else effort_hours(why.effort),
            "cost": None if why.cost is None else yuan(why.cost), "proven": why.proven}


def _short_json(s, lang: str) -> dict:
    why = s.why
    return {"target": s.key, "article": s.article, "required": hours(s.required), "value": hours(s.value),
            "shortfall": hours(s.shortfall), "why": why.kind, "capacity": hours(why.capacity),
            "existing": hours(why.existing),
            "limits": [{"kind": lim.kind, "key": lim.key, "who": list(lim.who),
                        **({"seats": lim.amount} if lim.kind == "seats" else {}),
                        **({"limit": lim.amount} if lim.kind == "away" else {}),
                        **({"amount": yuan(lim.amount)} if lim.kind in ("budget", "training") else {})}
                       for lim in why.limits],
            "reason": why.text_en if lang == "en" else why.text}


def unit_json(plan: UnitPlan, lang: str = "zh") -> dict:
    people = {}
    for p in plan.people:
        entry = {"name": p.person.name, "department": p.department,
                 "selected": [{"id": i.id, "route": i.route, "title": i.offering.title,
                               "hours": hours(i.tenths), "effort_hours": effort_hours(i.effort),
                               "fee": yuan(i.fee), **({"date": item_date(i)} if i.offering.dated else {})}
                              for i in p.items],
                 "effort_hours": effort_hours(p.effort), "fee": yuan(p.fee),
                 "projection": {**jsonout.year_json(p.standing, all_shortfalls=False), "met": p.met}}
        if p.cycle is not None:
            entry["cycle"] = jsonout.cycle_json(p.cycle)
        if p.shorts:
            entry["unmet"] = [{"target": s.key, "required": hours(s.required), "value": hours(s.value),
                               "shortfall": hours(s.shortfall), "why": s.why.kind} for s in p.shorts]
        explained = explained_shorts(plan, p)
        if explained:
            entry["short"] = [_short_json(w, lang) for w in explained]
        people[p.person.id] = entry
    return {"unit": plan.unit.id, "year": plan.year, "policy": plan.policy.id,
            "today": plan.today.isoformat(), "status": plan.status, "status_text": status_text(plan, lang),
            "effort_hours": effort_hours(plan.effort), "cost": yuan(plan.cost),
            "fees": yuan(plan.fees), "training_cost": yuan(plan.training_cost),
            "budget": None if plan.unit.budget is None else yuan(plan.unit.budget),
            "lower_bound_hours": effort_hours(plan.bound), "gap": round(plan.gap, 4),
            "gap_on": plan.gap_on, "proven": plan.proven,
            "people_met": plan.people_met, "people_short": [p.person.id for p in plan.short_people],
            "shortfall_hours": hours(plan.shortfall), "lower_bound_shortfall_hours": hours(plan.shortfall_bound),
            "deterministic": plan.deterministic, "work": plan.work, "work_budget": plan.work_budget,
            "undominated": bool(plan.stats.get("undominated", True)),
            "trainings": [{"id": t.training.id, "title": t.training.title, "date": training_date(t.training),
                           "cost": yuan(t.training.cost), "hours": hours(t.hours),
                           "attendees": list(t.attendees)} for t in plan.held],
            "not_held": [t.training.id for t in plan.trainings if not t.held],
            **({key: [{"id": t.training.id, **_training_why_json(plan.explained.training(t.training.id), lang)}
                      for t in plan.trainings
                      if t.held == held and plan.explained.training(t.training.id)]
                for key, held in (("held_why", True), ("not_held_why", False))}
               if plan.explained is not None else {}),
            "away_limits": {d or "-": {"size": plan.department_sizes[d], "limit": plan.away_limits[d]}
                            for d in sorted(plan.away_limits)},
            **unit_values_json(plan.values),
            **unit_changes_json(plan.changes), **unit_robust_json(plan),
            "people": people}
