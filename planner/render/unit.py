"""`planner unit`: terminal text, and the Markdown/HTML page
(templates/unit.*.j2); the contract's JSON (`unit`) is render/unit_json.py,
the workbook render/xlsx.py, the words every medium shares render/unit_lines.py."""
from __future__ import annotations

import io

from markupsafe import Markup

from ..messages import messages, pick, target_name
from ..tenths import show, show_effort, show_short, show_yuan
from ..plan.result import FEASIBLE, OPTIMAL
from ..unit.result import UnitPlan
from . import jinja, svg
from .living import unit_living_sections, unit_value_sections
from .linebreak import put
from .text import console, finish, say, table_or_stack
from .unit_lines import item_date, short_lines, status_text, training_date, training_lines


RIGHT = {"justify": "right"}
FOLD = {"overflow": "fold", "ratio": 2}
TEXT_TRAININGS = 200   # unit trainings the terminal text lists at most: every held one, then not-held ones in
                       # order; the rest are counted, and the other formats list them all (10,000 took 22 s here)


def listed_trainings(plan: UnitPlan) -> tuple[list, int]:
    """The unit trainings the terminal text lists (every held one, then
    not-held ones in the plan's order, TEXT_TRAININGS in all), and how many
    not-held ones it leaves out."""
    room = max(0, TEXT_TRAININGS - len(plan.held))
    listed, left = [], 0
    for tp in plan.trainings:
        if tp.held or room > 0:
            listed.append(tp)
            room -= not tp.held
        else:
            left += 1
    return listed, left


def _unit_header(out, plan: UnitPlan, m, lang: str) -> None:
    u = m.unit_plan
    say(out, f"{m.unit_title} · {plan.unit.name} ({plan.unit.id}) · {plan.year} · "
             f"{u.staff} {len(plan.people)}", "bold")
    say(out, f"{m.policy}: {pick(plan.policy, 'name', lang)} · {m.today}: {plan.today}")
    status_color = {OPTIMAL: "green", FEASIBLE: "yellow"}.get(plan.status, "red")
    say(out, f"{m.status}: {status_text(plan, lang)}", status_color)
    say(out, u.met_count.format(met=plan.people_met, staff=len(plan.people)))
    if plan.short_people:
        say(out, u.short_who.format(who="、".join(f"{p.person.name}({p.person.id})" for p in plan.short_people)))
        say(out, u.shortfall_total.format(short=show(plan.shortfall), bound=show(plan.shortfall_bound)))
    gap_label = u.gap_shortfall if plan.gap_on == "shortfall" else u.gap
    say(out, f"{u.effort} {show_effort(plan.effort)} · {u.bound} {show_effort(plan.bound)} · "
             f"{gap_label} {plan.gap * 100:.2f}%")
    budget = u.no_budget if plan.unit.budget is None else show_yuan(plan.unit.budget)
    say(out, f"{u.fees} {show_yuan(plan.fees)} + {u.training_cost} {show_yuan(plan.training_cost)} = "
             f"{u.cost} {show_yuan(plan.cost)} / {u.budget} {budget}")
    if not plan.deterministic:
        put(out, f"[yellow]{u.cut}[/yellow]")


def _trainings_text(out, plan: UnitPlan, m, lang: str) -> None:
    """The unit trainings' table (listed_trainings), who attends the held
    ones, and why each listed one is held or not."""
    u = m.unit_plan
    listed, left = listed_trainings(plan)
    rows = [[tp.training.id, tp.training.title, training_date(tp.training), u.held if tp.held else u.not_held,
             str(len(tp.attendees)), "" if tp.training.seats is None else str(tp.training.seats),
             show_yuan(tp.training.cost) if tp.held else ""] for tp in listed]
    if not plan.trainings:
        rows = [["", u.none, "", "", "", "", ""]]
    table_or_stack(out, u.trainings, [(m.index, {}), (m.title, FOLD), (u.date, {}), (u.result, {}),
                                      (u.attendees, RIGHT), (u.seats, RIGHT), (u.organising_cost, RIGHT)], rows)
    if left:
        say(out, u.trainings_more.format(n=f"{left:,}", total=f"{len(plan.trainings):,}"))
    for tp in plan.held:
        say(out, f"{tp.training.id} {u.roster}: " + "、".join(
            f"{p.person.name}({p.person.id})" for p in plan.people if p.person.id in tp.attendees))
    shown = {tp.training.id for tp in listed}
    for tid, _, why in training_lines(plan, lang):
        if tid in shown:
            say(out, f"{tid} {u.why}: {why}")


def unit_text(plan: UnitPlan, lang: str = "zh", color: bool = False) -> str:
    m = messages(lang)
    u = m.unit_plan
    buffer = io.StringIO()
    out = console(buffer, color)
    _unit_header(out, plan, m, lang)
    for heading, lines in unit_living_sections(plan, lang):       # the change first, then the insurance
        out.print()
        out.print(f"[bold]{heading}[/bold]")
        for line in lines:
            say(out, f"  {line}")
    out.print()
    _trainings_text(out, plan, m, lang)
    out.print()
    rows = []
    for p in plan.people:
        vals = {r.key: r.value for r in p.standing.targets}
        cyc = "" if p.cycle is None else f"{show_short(p.cycle.hours)}/{show_short(p.cycle.required)}"
        verdict = f"[green]{m.met}[/green]" if p.met else f"[red]{m.not_met}[/red]"
        rows.append([p.person.id, p.person.name, p.department, str(len(p.items)), show_effort(p.effort),
                     show_yuan(p.fee)] + [show(vals.get(t.key, 0)) for t in plan.policy.targets] + [cyc, verdict])
    table_or_stack(out, u.people, [(m.person, {}), (u.name, {}), (u.department, {}), (u.activities, RIGHT),
                                   (u.effort_h, RIGHT), (u.fee, RIGHT)]
                   + [(target_name(t.key, lang), RIGHT) for t in plan.policy.targets]
                   + [(u.cycle, RIGHT), (u.result, {})], rows)
    for p in plan.people:
        rows = [[i.id, i.offering.title, i.route, item_date(i), show(i.tenths), show_effort(i.effort),
                 show_yuan(i.fee)] for i in p.items] or [["", u.none, "", "", "", "", ""]]
        table_or_stack(out, f"{p.person.name} ({p.person.id}) · {p.department} · {u.plan_of}",
                       [(m.index, {}), (u.title, FOLD), (u.route, {}), (u.date, {}), (u.hours, RIGHT),
                        (u.effort_h, RIGHT), (u.fee, RIGHT)], rows)
    put(out, f"[bold]{u.away}[/bold]")
    for d in sorted(plan.away_limits):
        put(out, "  " + u.away_line.format(department=d or "-", size=plan.department_sizes[d],
                                            limit=plan.away_limits[d]))
    for heading, lines in unit_value_sections(plan.values, lang):
        out.print()
        put(out, f"[bold]{heading}[/bold]")
        for line in lines:
            say(out, f"  {line}")
    lines = short_lines(plan, lang)
    if lines:
        out.print()
        put(out, f"[bold red]{u.short_title}[/bold red]")
        for pid, name, why in lines:
            say(out, f"  {name} ({pid}): {why}")
    return finish(buffer)


def unit_events(r: UnitPlan, lang: str) -> list[svg.Event]:
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


def unit_page(plan: UnitPlan, fmt: str, lang: str = "zh") -> str:
    pictures = {} if fmt != "html" else dict(   # the Markdown page has no pictures
        timeline_svg=lambda: Markup(jinja.timeline_svg(unit_events(plan, lang), plan.year, lang)),
        person_svg=lambda p: Markup(jinja.bars_svg(p.ledger.year(p.standing.year), p.standing, lang, True)))
    return jinja.render(f"unit.{fmt}.j2", lang, r=plan, status=status_text(plan, lang), shorts=short_lines(plan, lang),
                        living=unit_living_sections(plan, lang),
                        training_whys=training_lines(plan, lang),
                        item_date=item_date, training_date=training_date, **pictures)
