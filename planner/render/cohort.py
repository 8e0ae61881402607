"""`planner audit --unit`: the cohort view rendered, every staff member's
standing in one table (the cohort itself is built in audit.py)."""
from __future__ import annotations

import io

from markupsafe import escape

from ..audit import Cohort
from ..messages import messages, target_name
from ..tenths import hours, show, show_short
from . import jsonout
from .cells import md_table
from .text import console, finish, new_table


def cohort_json(c: Cohort, lang: str = "zh") -> dict:
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


def _heads(c: Cohort, m, lang: str) -> list[str]:
    u = m.unit_plan
    return [u.person, u.name, u.department] + [target_name(t.key, lang) for t in c.policy.targets] + \
        [u.shortfall, u.cycle, m.status]


def _cells(c: Cohort, line, words: dict, with_years: bool) -> list[str]:
    short = max((t.shortfall for t in line.standing.targets), default=0)
    cyc = f"{show_short(line.cycle.hours)}/{show_short(line.cycle.required)}"
    if with_years:
        cyc += f" ({line.cycle.start}–{line.cycle.end})"
    return [line.person.id, line.person.name, line.person.department or ""] + \
        [show(t.value) for t in line.standing.targets] + \
        [show(short) if short else "", cyc, words[line.status(c.year, c.today)]]


def cohort_text(c: Cohort, lang: str = "zh", color: bool = False) -> str:
    m = messages(lang)
    u = m.unit_plan
    buffer = io.StringIO()
    out = console(buffer, color)
    met = sum(1 for l in c.lines if l.met)
    out.print(f"[bold]{u.cohort_title}[/bold] · {c.unit.name} ({c.unit.id}) · {c.year} · "
              f"{u.staff} {len(c.lines)} · {m.met} {met} · {m.not_met} {len(c.lines) - met}")
    table = new_table()
    heads = _heads(c, m, lang)
    right = set(range(3, len(heads) - 1))
    for k, head in enumerate(heads):
        table.add_column(head, justify="right" if k in right else "left")
    words = {"met": f"[green]{m.met}[/green]", "short": f"[red]{m.not_met}[/red]",
             "open": f"[yellow]{m.in_progress}[/yellow]"}
    for line in c.lines:
        table.add_row(*_cells(c, line, words, with_years=True))
    out.print(table)
    return finish(buffer)


def _title(c: Cohort, lang: str) -> str:
    return f"{messages(lang).unit_plan.cohort_title}: {c.unit.name} ({c.unit.id}) {c.year}"


def _plain_rows(c: Cohort, lang: str) -> list[list[str]]:
    m = messages(lang)
    words = {"met": m.met, "short": m.not_met, "open": m.in_progress}
    return [_cells(c, line, words, with_years=False) for line in c.lines]


def cohort_markdown(c: Cohort, lang: str = "zh") -> str:
    return f"# {_title(c, lang)}\n\n" + md_table(_heads(c, messages(lang), lang), _plain_rows(c, lang))


def cohort_html(c: Cohort, lang: str = "zh") -> str:
    title = escape(_title(c, lang))
    head = "".join(f"<th>{escape(h)}</th>" for h in _heads(c, messages(lang), lang))
    body = "\n".join("<tr>" + "".join(f"<td>{escape(x)}</td>" for x in row) + "</tr>"
                     for row in _plain_rows(c, lang))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body><h1>{title}</h1><table><thead><tr>{head}</tr></thead><tbody>\n{body}"
            "\n</tbody></table></body></html>\n")


def cohort_page(c: Cohort, fmt: str, lang: str = "zh") -> str:
    return cohort_markdown(c, lang) if fmt == "md" else cohort_html(c, lang)
