"""Jinja environment over templates/ (Markdown and HTML); every label comes
from the message catalogue.

A person's report (audit or plan) gets a `Page`, built by render/audit.py or
render/plan.py from the result: the records' ledger, what the plan adds, what
stays short and the charts as ready SVG text (render/svg.py), so templates
only lay out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from dataclasses import dataclass

from .. import resources
from .. import tenths as q
from ..ledger import Ledger
from ..messages import formula_text, messages, pick, reason_text, route_name, target_name
from ..shortfall import Shortfall
from . import planwords, svg
from .cells import dates_text, md_cell, years_text


# ---------------------------------------------------------------- a person's page

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


def timeline_svg(found: list[svg.Event], year: int, lang: str) -> str:
    if not found:
        return ""
    m = messages(lang)
    return svg.timeline(m.report.timeline.format(year=year), found, year, m.months)


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
    booked = m.registration.booked.format(record=c.booked) if c.booked is not None else ""
    sep = "；" if lang == "zh" else "; "
    return sep.join(part for part in (booked, text, formula, extra) if part)


def register_rows(person, policy, records: Ledger, lang: str) -> list[dict]:
    """The 学时登记情况表: one row per record, by year then file order."""
    rows = []
    for line in sorted(records.lines, key=lambda ln: (ln.year, ln.index)):
        item = line.item
        rows.append(dict(person=person.name, id=person.id, year=line.year, route=item.route,
                         route_name=route_name(policy, item.route, lang), title=item.title,
                         dates=dates_text(item), hours=line.credit.tenths, counted=line.counted,
                         registrar=item.registrar or person.registrar or "", evidence=item.evidence or "",
                         reason=reason_text(line.reason, policy, lang)))
    return rows


def unmet_row(short: Shortfall, reason: str, lang: str) -> dict:
    """One target left short, as the reports' unmet table shows it."""
    name = messages(lang).cycle if short.key == "cycle" else target_name(short.key, lang)
    return dict(target=name, period=short.period, required=short.required, value=short.value,
                shortfall=short.shortfall, article=short.article, text=pick(short, "text", lang), reason=reason)


@dataclass(frozen=True)
class Page:
    """What a person's report (audit or plan) shows beside the result: the
    records alone, what the plan adds, what stays short, the charts. The
    templates' section macros take it (`page.r` is the result)."""
    r: object                      # the AuditResult or PlanResult
    base: Ledger                   # the person's records alone
    planned: tuple                 # the plan's chosen offerings (an audit: none)
    unmet: list[dict]
    is_plan: bool
    lang: str

    @property
    def register(self) -> list[dict]:
        return register_rows(self.r.person, self.r.policy, self.base, self.lang)

    def year_svg(self, standing) -> Markup:
        return Markup(bars_svg(self.base.year(standing.year), standing, self.lang, bool(self.planned)))

    def cycle_svg(self, cycle) -> Markup:
        base = self.base.cycle(cycle.start)
        years = [svg.CycleYear(y, base.by_year.get(y, 0), max(0, cycle.by_year.get(y, 0) - base.by_year.get(y, 0)))
                 for y in range(cycle.start, cycle.end + 1)]
        title = messages(self.lang).report.cycle_chart.format(start=cycle.start, end=cycle.end)
        return Markup(svg.cycle_progress(title, years, cycle.required, _legend(self.lang),
                                         planned=bool(self.planned)))

    def events(self, year: int) -> list[svg.Event]:
        """The dated activities of a year: the plan's, or (none planned) the records'."""
        if self.planned:
            items = [(c.offering, c.earned) for c in self.planned]
        else:
            items = [(line.item, line.credit.tenths) for line in self.base.lines]
        return [svg.Event(item.title, item.first_day, item.last_day, item.route, tenths)
                for item, tenths in items if item.dated and item.credit_year == year]

    def timeline_svg(self, year: int) -> Markup:
        return Markup(timeline_svg(self.events(year), year, self.lang))


# ---------------------------------------------------------------- Jinja

@lru_cache(maxsize=4)
def environment(lang: str) -> "jinja2.Environment":
    import jinja2               # here, not at the top: only Markdown and HTML need it
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.templates_dir())),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.filters.update(
        h=q.show, hs=q.show_short, yuan=q.show_yuan, cell=md_cell,
        effort=q.show_effort,
        formula=lambda credit: formula_text(credit, lang),
        pick=lambda obj, attr: pick(obj, attr, lang),
        dates=dates_text)
    env.globals.update(
        m=messages(lang), lang=lang,
        route_name=lambda policy, code: route_name(policy, code, lang),
        target_name=lambda key: target_name(key, lang),
        reason=lambda r, policy: reason_text(r, policy, lang),
        why_chosen=lambda c, policy: why_chosen(c, policy, lang),
        years=years_text,
        status_words=lambda r: planwords.status_words(r, lang),
        catalogue_gap=lambda r: planwords.catalogue_gap(r, lang),
        empty_plan=lambda r: planwords.empty_plan_words(r, lang),
        nothing_left=planwords.nothing_left)
    return env


def render(template: str, lang: str = "zh", **context) -> str:
    """Render templates/<template> with `context`."""
    text = environment(lang).get_template(template).render(**context)
    if template.endswith(".md.j2"):
        text = re.sub(r"\n{3,}", "\n\n", text)     # one blank line between blocks
    return text
