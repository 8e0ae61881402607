"""Jinja environment over templates/, one render() for every format but text
and json; every label comes from the message catalogue.

The charts are built here from a result (audit or plan) and handed to the
templates as ready SVG text (planner.svg), so templates only lay out.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jinja2
from markupsafe import Markup

from .. import ledger as ledger_mod
from .. import resources
from . import svg
from .. import tenths as q
from ..messages import formula_text, messages, pick, reason_text, route_name, target_name


def _cell(value) -> str:
    """A Markdown table cell: no pipes or line breaks inside."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------- views

def records_ledger(r):
    """The ledger of the person's records only (an audit has it; a plan rebuilds it)."""
    led = getattr(r, "ledger", None)
    if led is not None:
        return led
    return ledger_mod.build(r.policy, r.person.specialty, r.person.records, getattr(r, "void", None))


def standings(r):
    """Each shown year's standing: the audit's years, or the plan's projection."""
    return tuple(getattr(r, "projection", None) or r.years)


def planned_items(r):
    return tuple(getattr(r, "selected", ()) or ())


def dates_text(item) -> str:
    """`2027-04-12–04-14`, `2027-04-12` or the year for undated items."""
    if not item.dated:
        return str(item.year)
    first, last = item.first_day, item.last_day
    if first == last:
        return first.isoformat()
    if first.year == last.year:
        return f"{first.isoformat()}–{last.strftime('%m-%d')}"
    return f"{first.isoformat()}–{last.isoformat()}"


def _legend(lang: str) -> svg.Legend:
    m = messages(lang).report
    return svg.Legend(m.counted, m.planned, m.missing, m.target_line)


def bars_svg(base, standing, lang: str, planned: bool) -> str:
    """A year's target bars: `base` is what records count, `standing` adds the plan."""
    bars = []
    for t in standing.targets:
        counted = base.target(t.key).value
        bars.append(svg.Bar(t.key, target_name(t.key, lang), counted, max(0, t.value - counted), t.required))
    title = messages(lang).report.bars.format(year=standing.year)
    return svg.year_bars(title, bars, _legend(lang), planned=planned)


def year_svg(r, standing, lang: str) -> str:
    return bars_svg(records_ledger(r).year(standing.year), standing, lang, bool(planned_items(r)))


def person_year_svg(policy, person, standing, lang: str) -> str:
    """Bars for one person of a unit plan: records apart from what the plan adds."""
    base = ledger_mod.build(policy, person.specialty, person.records).year(standing.year)
    return bars_svg(base, standing, lang, True)


def unit_events(r, lang: str) -> list[svg.Event]:
    """A unit plan's dated activities: held unit trainings and each person's
    dated offerings, labelled with who goes."""
    out = []
    names = {p.person.id: p.person.name for p in r.people}
    for tp in r.held:
        t = tp.training
        first = t.start or t.date
        last = t.end or t.date
        if first is not None:
            out.append(svg.Event(f"{t.title} ×{len(tp.attendees)}", first, last, r.policy.unit_training_route,
                                 tp.hours))
    for p in r.people:
        for item in p.items:
            o = item.offering
            if o.dated:
                out.append(svg.Event(f"{names[p.person.id]}：{o.title}" if lang == "zh"
                                     else f"{names[p.person.id]}: {o.title}", o.first_day, o.last_day, o.route,
                                     item.credit.tenths))
    return out


def unit_timeline_svg(r, lang: str) -> str:
    found = unit_events(r, lang)
    if not found:
        return ""
    m = messages(lang)
    return svg.timeline(m.report.timeline.format(year=r.year), found, r.year, m.months)


def cycle_svg(r, cycle, lang: str) -> str:
    base = records_ledger(r).cycle(cycle.start)
    years = [svg.CycleYear(y, base.by_year.get(y, 0), max(0, cycle.by_year.get(y, 0) - base.by_year.get(y, 0)))
             for y in range(cycle.start, cycle.end + 1)]
    title = messages(lang).report.cycle_chart.format(start=cycle.start, end=cycle.end)
    return svg.cycle_progress(title, years, cycle.required, _legend(lang), planned=bool(planned_items(r)))


def events(r, year: int) -> list[svg.Event]:
    """The dated activities of a year: the plan's, or (audit) the records'."""
    chosen = planned_items(r)
    if chosen:
        items = [(c.offering, c.earned) for c in chosen]
    else:
        items = [(line.item, line.credit.tenths) for line in records_ledger(r).lines]
    return [svg.Event(item.title, item.first_day, item.last_day, item.route, tenths)
            for item, tenths in items if item.dated and item.credit_year == year]


def timeline_svg(r, year: int, lang: str) -> str:
    found = events(r, year)
    if not found:
        return ""
    m = messages(lang)
    return svg.timeline(m.report.timeline.format(year=year), found, year, m.months)


def unmet_items(r, lang: str) -> list[dict]:
    """What stays short, in the rule's words: a plan's Unmet list, or the
    audit's failed findings (a cycle still running is marked as such)."""
    m = messages(lang)
    out = []
    if hasattr(r, "unmet"):
        for u in r.unmet:
            name = m.cycle if u.target == "cycle" else target_name(u.target, lang)
            out.append(dict(target=name, period=u.period, required=u.required, value=u.value,
                            shortfall=u.shortfall, article=u.article, text=pick(u, "text", lang),
                            reason=pick(u, "reason", lang)))
        return out
    for f in r.findings:
        if f.met:
            continue
        name = m.cycle if f.rule == "cycle" else target_name(f.rule, lang)
        note = ""
        if f.rule == "cycle":
            end = int(f.period.split("-")[-1])
            if end >= r.today.year:
                note = m.report.ends.format(end=end)
        out.append(dict(target=name, period=f.period, required=f.required, value=f.value,
                        shortfall=f.shortfall, article=f.article, text=pick(f, "text", lang), reason=note))
    return out


def why_chosen(c, policy, lang: str) -> str:
    """Why an offering is in the plan: the targets it serves and its arithmetic."""
    m = messages(lang)
    names = [m.cycle if key == "cycle" else target_name(key, lang) for key in c.serves]
    if lang == "en":
        text = f"{m.report.serves} {', '.join(names)}" if names else ""
    else:
        text = f"{m.report.serves}{'、'.join(names)}" if names else ""
    formula = formula_text(c.credit, lang)
    extra = reason_text(c.reason, policy, lang) if c.reason else ""
    booked = m.registration.booked.format(record=c.booked) if getattr(c, "booked", None) is not None else ""
    sep = "；" if lang == "zh" else "; "
    return sep.join(part for part in (booked, text, formula, extra) if part)


def register_rows(r, lang: str) -> list[dict]:
    """The 学时登记情况表: one row per record, by year then file order."""
    person = r.person
    rows = []
    for line in sorted(records_ledger(r).lines, key=lambda ln: (ln.year, ln.index)):
        item = line.item
        rows.append(dict(person=person.name, id=person.id, year=line.year, route=item.route,
                         route_name=route_name(r.policy, item.route, lang), title=item.title,
                         dates=dates_text(item), hours=line.credit.tenths, counted=line.counted,
                         registrar=item.registrar or person.registrar or "", evidence=item.evidence or "",
                         reason=reason_text(line.reason, r.policy, lang)))
    return rows


# ---------------------------------------------------------------- Jinja

@lru_cache(maxsize=4)
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.templates_dir())),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.filters.update(
        h=q.show, hs=q.show_short, yuan=q.show_yuan, cell=_cell,
        effort=q.show_effort,
        formula=lambda credit: formula_text(credit, lang),
        pick=lambda obj, attr: pick(obj, attr, lang),
        dates=dates_text)
    env.globals.update(
        m=messages(lang), lang=lang,
        route_name=lambda policy, code: route_name(policy, code, lang),
        target_name=lambda key: target_name(key, lang),
        reason=lambda r, policy: reason_text(r, policy, lang),
        year_svg=lambda r, standing: Markup(year_svg(r, standing, lang)),
        person_year_svg=lambda policy, person, standing: Markup(person_year_svg(policy, person, standing, lang)),
        unit_timeline_svg=lambda r: Markup(unit_timeline_svg(r, lang)),
        cycle_svg=lambda r, cycle: Markup(cycle_svg(r, cycle, lang)),
        timeline_svg=lambda r, year: Markup(timeline_svg(r, year, lang)),
        unmet_items=lambda r: unmet_items(r, lang),
        why_chosen=lambda c, policy: why_chosen(c, policy, lang),
        register_rows=lambda r: register_rows(r, lang),
        events=events, records_ledger=records_ledger, standings=standings, planned_items=planned_items)
    return env


def render(template: str, lang: str = "zh", **context) -> str:
    """Render templates/<template>; `<kind>.ics.j2` is the iCalendar export
    of the result `r` (planner.ics, built with the icalendar package)."""
    if template.endswith(".ics.j2"):
        from . import ics
        return ics.render(context["r"], lang)
    text = environment(lang).get_template(template).render(**context)
    if template.endswith(".md.j2"):
        text = re.sub(r"\n{3,}", "\n\n", text)     # one blank line between blocks
    return text
