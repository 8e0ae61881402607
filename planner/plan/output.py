"""`planner suggest` output: the contract's JSON, terminal text, md/html via
templates/plan.*.j2. No timings in the output: same input, same bytes."""
from __future__ import annotations

import io
from collections import Counter

from rich import box
from rich.table import Table

from .. import jsonout, report, textout
from ..messages import messages, pick, reason_text, target_name
from ..tenths import effort_hours, hours, show, show_short, show_yuan, yuan
from .result import Chosen, PlanResult, Rejection

NEAREST = 10     # rejected plannable alternatives shown in text and reports


def when(o) -> str:
    if o.start is not None:
        return f"{o.start}–{o.end}"
    if o.date is not None:
        return o.date.isoformat()
    return str(o.year)


def when_short(o) -> str:
    """Dates for the terminal: 2026-12-08–12-10 within one year."""
    if o.start is not None and o.start.year == o.end.year:
        return f"{o.start}–{o.end:%m-%d}"
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
             "serves": list(c.serves), "when": when(o), "required": c.required}
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
    }


def nearest(r: PlanResult, n: int = NEAREST) -> list[Rejection]:
    return [x for x in r.rejected if x.plannable][:n]


def plan_text(r: PlanResult, lang: str = "zh", color: bool = False) -> str:
    m, mp = messages(lang), messages(lang)["plan"]
    buffer = io.StringIO()
    out = textout.console(buffer, color)
    p, policy = r.person, r.policy
    spec = policy.specialties[p.specialty]
    out.print(f"[bold]{m.suggest_title}[/bold] · {p.name} ({p.id}) · {pick(spec, 'name', lang)}")
    out.print(f"{m.policy}: {pick(policy, 'name', lang)}（{policy.source}） · {m.today}: {r.today}")
    out.print(f"{mp['years']}: {r.years[0]}–{r.years[-1]} · {mp['plannable'].format(plannable=r.plannable, offered=r.offered)}")
    style = "green" if r.status == "optimal" else ("yellow" if r.status == "feasible" else "red")
    out.print(f"[{style}]{mp['status'][r.status]}[/{style}] · " + mp["summary"].format(
        count=len(r.selected), effort=f"{effort_hours(r.effort):.1f}", fee=show_yuan(r.fee)))
    if r.status == "feasible" and r.bound is not None:
        out.print(f"{mp['bound']}: {effort_hours(r.bound):.1f}")
    table = Table(title=mp["selected"], box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    for name, kw in ((mp["date"], {"no_wrap": True}), ("ID", {"no_wrap": True}),
                     (m.title, {"overflow": "fold", "ratio": 3, "min_width": 12}),
                     (mp["earned"], {"justify": "right"}),
                     (mp["counted"], {"justify": "right"}), (mp["effort"], {"justify": "right"}),
                     (mp["fee"], {"justify": "right"}), (mp["serves"], {"overflow": "fold", "ratio": 2})):
        table.add_column(name, **kw)
    for c in r.selected:
        toward = m_join(lang, [mp["serves_short"].get(k, k) for k in c.serves])
        if c.required:
            toward += f" [{mp['required_mark']}]"
        table.add_row(when_short(c.offering), c.id, f"{c.route}·{c.offering.title}", show(c.earned),
                      show(c.counted), f"{effort_hours(c.effort):.1f}", show_yuan(c.fee), toward)
    if not r.selected:
        table.add_row("", "", mp["none_selected"], "", "", "", "", "")
    out.print(table)
    if r.unmet:
        out.print(f"[bold red]{mp['unmet']}[/bold red]")
        grid = Table.grid(padding=(0, 1), pad_edge=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold", ratio=1)
        for u in r.unmet:
            grid.add_row(" -", f"{unmet_reason(u, lang)}（{u.article}）")
        out.print(grid)
        out.print()
    for standing in r.projection:
        out.print(textout.year_table(standing, policy, lang, title=f"{standing.year} {mp['projection']}"))
        out.print(textout.targets_table(standing, lang))
    out.print(textout.cycles_table(list(r.cycles), lang, r.years[-1]))
    alternatives = nearest(r)
    if alternatives:
        alt = Table(title=mp["rejected"], box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
        for name, kw in (("ID", {"no_wrap": True}), (m.route, {}), (m.title, {"overflow": "fold", "ratio": 2}),
                         (m.hours, {"justify": "right"}), (mp["effort"], {"justify": "right"}),
                         (m.reason, {"overflow": "fold", "ratio": 3})):
            alt.add_column(name, **kw)
        for x in alternatives:
            alt.add_row(x.id, x.offering.route, x.offering.title, show(x.earned),
                        f"{effort_hours(x.effort):.1f}", reason_text(x.reason, policy, lang))
        out.print(alt)
    blocked = [x for x in r.rejected if not x.plannable]
    if blocked:
        counts = Counter(x.reason.code for x in blocked)
        names = mp["codes"]
        out.print(f"{mp['not_plannable']}: " + m_join(lang, [f"{names.get(code, code)} × {n}"
                                                            for code, n in sorted(counts.items())]))
    return buffer.getvalue()


def m_join(lang: str, parts) -> str:
    return messages(lang)["plan"]["and"].join(parts)


def render_plan(r: PlanResult, fmt: str, lang: str = "zh", color: bool = False) -> str:
    if fmt == "json":
        return jsonout.dumps(plan_json(r, lang))
    if fmt == "text":
        return plan_text(r, lang, color)
    return report.render(f"plan.{fmt}.j2", lang, r=r, nearest=nearest(r), when=when,
                         unmet_reason=lambda u: unmet_reason(u, lang),
                         effort_h=lambda minutes: f"{effort_hours(minutes):.1f}")
