"""`planner suggest` output: the contract's JSON, terminal text, md/html via
templates/plan.*.j2. No timings in the output: same input, same bytes."""
from __future__ import annotations

from . import jinja, jsonout, text
from .living import living_json, sections
from ..messages import reason_text
from ..tenths import effort_hours, hours, yuan
from ..plan.result import Chosen, PlanResult, Rejection

NEAREST = 10     # rejected plannable alternatives shown in text and reports


def when(o) -> str:
    if o.start is not None:
        return f"{o.start}–{o.end}"
    if o.date is not None:
        return o.date.isoformat()
    return str(o.year)


def unmet_reason(u, lang: str) -> str:
    return u.reason_en if lang == "en" else u.reason


def chosen_json(c: Chosen, lang: str, policy) -> dict:
    o = c.offering
    entry = {"id": c.id, "year": c.year, "route": c.route, "title": o.title,
             "hours": hours(c.earned), "counted": hours(c.counted),
             "effort_hours": effort_hours(c.effort), "fee": yuan(c.fee),
             "serves": list(c.serves), "when": when(o), "required": c.required,
             "booked": c.booked is not None}
    if c.booked is not None:
        entry["record"] = c.booked
    if c.reason is not None:
        entry["reason"] = reason_text(c.reason, policy, lang)
    return entry


def rejection_json(r: Rejection, lang: str, policy) -> dict:
    o = r.offering
    return {"id": r.id, "year": o.credit_year, "route": o.route, "hours": hours(r.earned),
            "effort_hours": effort_hours(r.effort), "fee": yuan(r.fee), "plannable": r.plannable,
            "reason_code": r.reason.code, "reason": reason_text(r.reason, policy, lang)}


def plan_json(r: PlanResult, lang: str = "zh") -> dict:
    return {
        "person": r.person.id, "policy": r.policy.id, "today": r.today.isoformat(),
        "years": list(r.years), "status": r.status,
        "effort_hours": effort_hours(r.effort), "fee": yuan(r.fee),
        "bound_effort_hours": None if r.bound is None else effort_hours(r.bound),
        "selected": [chosen_json(c, lang, r.policy) for c in r.selected],
        "projection": {str(s.year): jsonout.year_json(s, all_shortfalls=False) for s in r.projection},
        "cycles": [dict(jsonout.cycle_json(c), target=(c.start, c.end) in r.targeted_cycles) for c in r.cycles],
        "shortfall": hours(r.shortfall),
        "unmet": [{"target": u.target, "period": u.period, "required": hours(u.required),
                   "value": hours(u.value), "capacity": hours(u.capacity), "article": u.article,
                   "rule": u.text_en if lang == "en" else u.text, "reason": unmet_reason(u, lang),
                   "conflicts_with": list(u.core)} for u in r.unmet],
        "plannable": r.plannable, "offered": r.offered,
        "required": list(r.required_ids), "excluded": list(r.excluded_ids),
        "rejected": [rejection_json(x, lang, r.policy) for x in r.rejected],
        **living_json(r),
    }


def nearest(r: PlanResult, n: int = NEAREST) -> list[Rejection]:
    return [x for x in r.rejected if x.plannable][:n]


def render_plan(r: PlanResult, fmt: str, lang: str = "zh", color: bool = False) -> str:
    if fmt == "json":
        return jsonout.dumps(plan_json(r, lang))
    if fmt == "text":
        return text.plan_text(r, lang, color)
    return jinja.render(f"plan.{fmt}.j2", lang, r=r, nearest=nearest(r), when=when, living=sections(r, lang),
                         unmet_reason=lambda u: unmet_reason(u, lang),
                         effort_h=lambda minutes: f"{effort_hours(minutes):.1f}")
