"""`planner suggest`: the contract's JSON, terminal text, and the
Markdown/HTML page (templates/plan.*.j2). No timings in the output: same
input, same bytes."""
from __future__ import annotations

import io
from collections import Counter

from ..messages import messages, pick, reason_text
from ..plan.result import FEASIBLE, OPTIMAL, Chosen, PlanResult, Rejection
from ..tenths import effort_hours, hours, show, show_effort, show_yuan, yuan
from . import jinja, jsonout
from .cells import dates_text, span, years_text
from .living import living_json, sections
from .planwords import catalogue_gap, empty_plan_words, missing_years, nothing_left, status_words

NEAREST = 10     # rejected plannable alternatives shown in text and reports


def when(o) -> str:
    """The contract's `when`: the days in full, or the year."""
    return span(o.first_day, o.last_day, compact=False) if o.dated else str(o.year)


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
        "unmet": [{"target": u.key, "period": u.period, "required": hours(u.required),
                   "value": hours(u.value), "capacity": hours(u.why.capacity), "article": u.article,
                   "rule": pick(u, "text", lang), "reason": pick(u.why, "text", lang),
                   "conflicts_with": list(u.why.core)} for u in r.unmet],
        "plannable": r.plannable, "offered": r.offered, "catalog_missing_years": missing_years(r),
        "required": list(r.required_ids), "excluded": list(r.excluded_ids),
        "rejected": [rejection_json(x, lang, r.policy) for x in r.rejected],
        **living_json(r, lang),
    }


def nearest(r: PlanResult, n: int = NEAREST) -> list[Rejection]:
    return [x for x in r.rejected if x.plannable][:n]


def unmet_rows(r: PlanResult, lang: str) -> list[dict]:
    """What the plan leaves short, in the rule's words, with the model's reason."""
    return [jinja.unmet_row(u, pick(u.why, "text", lang), lang) for u in r.unmet]


# ---------------------------------------------------------------- text

def _summary(out, result: PlanResult, m, lang: str) -> None:
    from .text import say
    mp = m.plan
    say(out, f"{mp.years}: {years_text(result.years[0], result.years[-1])} · "
             + mp.plannable.format(plannable=result.plannable, offered=result.offered))
    style = "green" if result.status == OPTIMAL else ("yellow" if result.status == FEASIBLE else "red")
    say(out, status_words(result, lang), style)
    if nothing_left(result):
        return                                  # the catalogue's gap is the whole story
    if catalogue_gap(result, lang):
        say(out, catalogue_gap(result, lang), "yellow")
    say(out, mp.summary.format(count=len(result.selected), effort=show_effort(result.effort),
                               fee=show_yuan(result.fee)))
    if result.status == FEASIBLE and result.bound is not None:
        say(out, f"{mp.bound}: {show_effort(result.bound)}")
    for heading, lines in sections(result, lang):
        out.print()
        say(out, heading, "bold")
        for line in lines:
            say(out, f"· {line}")


def _chosen_table(result: PlanResult, m, lang: str, compact: bool):
    from .text import new_table
    plan = new_table(m.report.plan)
    plan.add_column(m.year if compact else m.report.dates, no_wrap=True)
    plan.add_column(m.route, no_wrap=True)
    plan.add_column(m.report.offering, overflow="fold", ratio=3)
    plan.add_column(m.counted, justify="right", no_wrap=True)
    if not compact:
        plan.add_column(m.report.fee, justify="right", no_wrap=True)
        plan.add_column(m.report.effort, justify="right", no_wrap=True)
        plan.add_column(m.report.why, overflow="fold", ratio=3)
    for c in result.selected:
        counted = show(c.counted) if c.counted == c.earned else f"[yellow]{show(c.counted)}[/yellow]"
        title = f"{c.offering.title}\n[dim]{c.id}[/dim]"
        if compact:
            days = dates_text(c.offering) if c.offering.dated else ""
            plan.add_row(str(c.year), c.route, title + (f"\n{days}" if days else ""), counted)
        else:
            plan.add_row(dates_text(c.offering), c.route, title, counted, show_yuan(c.fee),
                         show_effort(c.effort), jinja.why_chosen(c, result.policy, lang))
    return plan


def _alternatives_table(alternatives: list[Rejection], policy, m, lang: str, compact: bool):
    from .text import new_table
    alt = new_table(m.plan.rejected)
    alt.add_column(m.report.offering, overflow="fold", ratio=2)
    alt.add_column(m.hours, justify="right", no_wrap=True)
    alt.add_column(m.report.effort, justify="right", no_wrap=True)
    if not compact:
        alt.add_column(m.reason, overflow="fold", ratio=3)
    for x in alternatives:
        why = reason_text(x.reason, policy, lang)
        title = f"{x.offering.title}\n[dim]{x.id} · {x.offering.route}[/dim]"
        if compact:
            alt.add_row(f"{title}\n{why}", show(x.earned), show_effort(x.effort))
        else:
            alt.add_row(title, show(x.earned), show_effort(x.effort), why)
    return alt


def _standings(out, result: PlanResult, m, lang: str, compact: bool) -> None:
    from .text import cycles_table, targets_table, year_table
    for standing in result.projection:
        out.print()
        table = targets_table(standing, lang, result.ledger.year(standing.year))
        table.title = m.report.year_heading.format(year=standing.year)
        out.print(table)
        if not compact:
            out.print(year_table(standing, result.policy, lang, title=""))
    out.print()
    out.print(cycles_table(list(result.cycles), lang))


def plan_text(result: PlanResult, lang: str = "zh", color: bool = False, nearest: int = NEAREST) -> str:
    """A suggest result for the terminal: status, the plan (dates, route,
    offering, counted; fee and why when wide), each year's targets with
    records and plan apart, the cycles, what stays unmet, the nearest
    alternatives and why the rest could not be planned."""
    from .text import console, finish, header, narrow, say
    m = messages(lang)
    buffer = io.StringIO()
    out = console(buffer, color)
    compact = narrow(out)
    header(out, m.suggest_title, result.person, result.policy, result.today, lang)
    _summary(out, result, m, lang)
    if result.selected:
        out.print()
        out.print(_chosen_table(result, m, lang, compact))
    elif not nothing_left(result):
        out.print()
        say(out, empty_plan_words(result, lang))
    unmet = unmet_rows(result, lang)
    if unmet:
        out.print()
        say(out, m.report.unmet, "bold red")
        for u in unmet:
            say(out, f"· {u['reason'] or u['text']}（{u['article']}）")
    _standings(out, result, m, lang, compact)
    alternatives = [x for x in result.rejected if x.plannable][:nearest]
    if alternatives:
        out.print()
        out.print(_alternatives_table(alternatives, result.policy, m, lang, compact))
    blocked = Counter(x.reason.code for x in result.rejected if not x.plannable)
    if blocked:
        mp = m.plan
        say(out, f"{mp.not_plannable}: " + mp["and"].join(f"{mp.codes.get(code, code)} × {n}"
                                                          for code, n in sorted(blocked.items())))
    return finish(buffer)


def page_of(r: PlanResult, lang: str) -> jinja.Page:
    return jinja.Page(r, r.ledger, r.selected, unmet_rows(r, lang), True, lang)


def plan_page(r: PlanResult, fmt: str, lang: str = "zh") -> str:
    return jinja.render(f"plan.{fmt}.j2", lang, r=r, page=page_of(r, lang), nearest=nearest(r),
                        living=[] if nothing_left(r) else sections(r, lang))
