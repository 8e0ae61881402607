"""`planner audit --unit`: the cohort view rendered, every staff member's
standing in one table (the cohort itself is built in audit.py)."""
from __future__ import annotations

import io

from rich import box
from rich.table import Table

from . import jsonout
from ..audit import Cohort
from ..messages import messages, target_name
from ..tenths import hours, show, show_short


def cohort_json(c: Cohort) -> dict:
    people = []
    for line in c.lines:
        people.append({"person": line.person.id, "name": line.person.name,
                       "department": line.person.department,
                       "status": line.status(c.year, c.today), "met": line.met,
                       **{t.key: hours(t.value) for t in line.standing.targets},
                       "shortfall": {t.key: hours(t.shortfall) for t in line.standing.targets},
                       "cycle": jsonout.cycle_json(line.cycle)})
    return {"unit": c.unit.id, "year": c.year, "policy": c.policy.id, "today": c.today.isoformat(),
            "staff": len(c.lines), "met": sum(1 for l in c.lines if l.met),
            "short": sum(1 for l in c.lines if not l.met), "people": people}


def cohort_text(c: Cohort, lang: str = "zh", color: bool = False) -> str:
    from .text import console
    m = messages(lang)
    u = m.unit_plan
    buffer = io.StringIO()
    out = console(buffer, color)
    met = sum(1 for l in c.lines if l.met)
    out.print(f"[bold]{u.cohort_title}[/bold] · {c.unit.name} ({c.unit.id}) · {c.year} · "
              f"{u.staff} {len(c.lines)} · {m.met} {met} · {m.not_met} {len(c.lines) - met}")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(u.person)
    table.add_column(u.name)
    table.add_column(u.department)
    for t in c.policy.targets:
        table.add_column(target_name(t.key, lang), justify="right")
    table.add_column(u.shortfall, justify="right")
    table.add_column(f"{u.cycle}", justify="right")
    table.add_column(m.status)
    for line in c.lines:
        short = max((t.shortfall for t in line.standing.targets), default=0)
        status = line.status(c.year, c.today)
        word = {"met": f"[green]{m.met}[/green]", "short": f"[red]{m.not_met}[/red]",
                "open": f"[yellow]{m.in_progress}[/yellow]"}[status]
        cyc = f"{show_short(line.cycle.hours)}/{show_short(line.cycle.required)} ({line.cycle.start}–{line.cycle.end})"
        table.add_row(line.person.id, line.person.name, line.person.department or "",
                      *[show(t.value) for t in line.standing.targets],
                      show(short) if short else "", cyc, word)
    out.print(table)
    return buffer.getvalue()


def cohort_markdown(c: Cohort, lang: str = "zh") -> str:
    m = messages(lang)
    u = m.unit_plan
    heads = [u.person, u.name, u.department] + [target_name(t.key, lang) for t in c.policy.targets] + \
        [u.shortfall, u.cycle, m.status]
    rows = [f"# {u.cohort_title}: {c.unit.name} ({c.unit.id}) {c.year}", "",
            "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for line in c.lines:
        short = max((t.shortfall for t in line.standing.targets), default=0)
        word = {"met": m.met, "short": m.not_met, "open": m.in_progress}[line.status(c.year, c.today)]
        cells = [line.person.id, line.person.name, line.person.department or ""] + \
            [show(t.value) for t in line.standing.targets] + \
            [show(short) if short else "", f"{show_short(line.cycle.hours)}/{show_short(line.cycle.required)}", word]
        rows.append("| " + " | ".join(str(x).replace("|", "\\|") for x in cells) + " |")
    return "\n".join(rows) + "\n"


def cohort_html(c: Cohort, lang: str = "zh") -> str:
    from markupsafe import escape
    md = cohort_markdown(c, lang).splitlines()
    title = md[0][2:]
    head = [x.strip() for x in md[2].strip("|").split(" | ")]
    body = []
    for row in md[4:]:
        cells = [x.strip().replace("\\|", "|") for x in row.strip()[1:-1].split(" | ")]
        body.append("<tr>" + "".join(f"<td>{escape(x)}</td>" for x in cells) + "</tr>")
    return ("<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" + str(escape(title)) +
            "</title></head><body><h1>" + str(escape(title)) + "</h1><table><thead><tr>" +
            "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>\n" + "\n".join(body) +
            "\n</tbody></table></body></html>\n")


def render_cohort(c: Cohort, fmt: str, lang: str = "zh", color: bool = False) -> str:
    if fmt == "json":
        return jsonout.dumps(cohort_json(c))
    if fmt == "md":
        return cohort_markdown(c, lang)
    if fmt == "html":
        return cohort_html(c, lang)
    return cohort_text(c, lang, color)
