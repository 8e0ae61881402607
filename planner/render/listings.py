"""The small commands' results (people, catalog, credit) and their text,
JSON and Markdown. Data first (plain dicts of exact integers), words last."""
from __future__ import annotations

import datetime as dt
import io
from typing import Optional

from .. import ledger as ledger_mod
from ..registration import deadline, person_ledger
from ..credits import Credit, credit
from ..effort import effort_minutes
from .jsonout import dumps
from ..messages import formula_text, messages, pick, reason_text, route_name, target_name
from ..models import Activity, Offering, Person, Policy
from .jinja import dates_text
from ..verdicts import IN_PROGRESS, verdict
from ..tenths import effort_hours, hours, show, show_short, show_yuan, yuan
from . import text as textout


def _md_cell(value) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("--:" if i in right else "---" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- people

def person_status(person: Person, policy: Policy, year: int, today=None) -> dict:
    """Where one person stands in `year` and in that year's B cycle (on
    `today`: upcoming, booked and rejected records count nothing)."""
    led = (person_ledger(policy, person, today, closes=deadline(policy)) if today is not None
           else ledger_mod.build(policy, person.specialty, person.records))
    standing = led.year(year)
    cycle = led.cycle(year)
    return {"person": person, "year": year, "records": len(person.records), "standing": standing,
            "cycle": cycle, "verdict": verdict(standing, cycle, today or dt.date.today())}


def people_output(rows: list[dict], policy: Policy, fmt: str, lang: str, color: bool) -> str:
    m = messages(lang)
    if fmt == "json":
        return dumps({"people": [{
            "id": r["person"].id, "name": r["person"].name, "unit": r["person"].unit,
            "department": r["person"].department, "specialty": r["person"].specialty,
            "records": r["records"], "year": r["year"],
            **{t.key: hours(t.value) for t in r["standing"].targets},
            "met": r["verdict"].met, "status": r["verdict"].word,
            "short": {k: hours(v) for k, v in r["verdict"].shortfalls},
            "cycle": {"start": r["cycle"].start, "end": r["cycle"].end, "b_hours": hours(r["cycle"].hours),
                      "required": hours(r["cycle"].required), "met": r["cycle"].met},
        } for r in rows]})
    total_key = policy.targets[-1].key

    def cells(r):
        p, s, c = r["person"], r["standing"], r["cycle"]
        t = s.target(total_key)
        return [p.id, p.name, pick(policy.specialties[p.specialty], "name", lang),
                str(r["records"]), f"{show(t.value)} / {show_short(t.required)}",
                f"{show(c.hours)} / {show_short(c.required)}", m.verdict[r["verdict"].word]]

    year = rows[0]["year"] if rows else None
    head = [m.people.id, m.report.name, m.specialty, m.people.records,
            f"{m.people.current.format(year=year)} {target_name(total_key, lang)}", m.people.cycle, m.status]
    if fmt == "md":
        if not rows:
            return f"# {m.people.title}\n\n{m.people.none}\n"
        return f"# {m.people.title}\n\n" + _md_table(head, [cells(r) for r in rows], {3, 4, 5})
    buffer = io.StringIO()
    out = textout.console(buffer, color)
    compact = textout.narrow(out)
    table = textout.new_table(m.people.title)
    keep = [0, 1, 4, 5, 6] if compact else list(range(len(head)))
    for i in keep:
        table.add_column(head[i], justify="right" if i in (3, 4, 5) else "left",
                         no_wrap=i not in (1, 2), overflow="fold")
    for r in rows:
        row = cells(r)
        colour = "green" if r["verdict"].met else "yellow" if r["verdict"].word == IN_PROGRESS else "red"
        row[6] = f"[{colour}]{row[6]}[/{colour}]"
        table.add_row(*[row[i] for i in keep])
    if rows:
        out.print(table)
    else:
        out.print(m.people.none)
    return textout.finish(buffer)


# ---------------------------------------------------------------- catalog

def offering_row(o: Offering, policy: Policy, person: Optional[Person]) -> dict:
    """What an offering would earn: for the person (eligibility included), or
    for whoever may take it (the route's arithmetic)."""
    if person is not None:
        c = credit(o, policy, person.specialty)
        done = any(r.offering == o.id for r in person.records)
        allowed = o.specialties is None or person.specialty in o.specialties
    else:
        specs = o.specialties or tuple(policy.specialties)
        c = next((credit(o, policy, s) for s in specs if credit(o, policy, s).reason is None),
                 credit(o, policy, specs[0]))
        done, allowed = False, True
    return {"offering": o, "credit": c, "effort": effort_minutes(o, policy), "done": done, "allowed": allowed}


def catalog_output(rows: list[dict], policy: Policy, person: Optional[Person], fmt: str, lang: str,
                   color: bool) -> str:
    m = messages(lang)
    if fmt == "json":
        data = {"person": person.id if person else None, "offerings": []}
        for r in rows:
            o, c = r["offering"], r["credit"]
            entry = {"id": o.id, "route": o.route, "title": o.title, "year": o.credit_year,
                     "start": o.first_day.isoformat() if o.dated else None,
                     "end": o.last_day.isoformat() if o.dated else None,
                     "hours": hours(c.tenths), "fee": yuan(o.fee), "effort_hours": effort_hours(r["effort"]),
                     "seats": o.seats}
            if person is not None:
                entry["done"] = r["done"]
                entry["allowed"] = r["allowed"]
                if c.reason is not None:
                    entry["reason"] = reason_text(c.reason, policy, lang)
            data["offerings"].append(entry)
        return dumps(data)
    head = [m.catalog.id, m.route, m.title, m.report.dates, m.catalog.earns, m.report.fee, m.report.effort]

    def note(r):
        if person is None:
            return ""
        if r["done"]:
            return m.counted_yes
        return reason_text(r["credit"].reason, policy, lang)

    def cells(r):
        o, c = r["offering"], r["credit"]
        return [o.id, o.route, o.title, dates_text(o), show(c.tenths), show_yuan(o.fee),
                f"{effort_hours(r['effort']):.1f}"]

    subtitle = m.catalog["for"].format(name=person.name, id=person.id) if person else ""
    if fmt == "md":
        if not rows:
            return f"# {m.catalog.title}\n\n{m.catalog.none}\n"
        body = _md_table(head + ([m.reason] if person else []),
                         [cells(r) + ([note(r)] if person else []) for r in rows], {4, 5, 6})
        return f"# {m.catalog.title}\n\n" + (f"{subtitle}\n\n" if subtitle else "") + body
    buffer = io.StringIO()
    out = textout.console(buffer, color)
    compact = textout.narrow(out)
    if subtitle:
        textout.say(out, subtitle)
    table = textout.new_table(m.catalog.title)
    keep = [0, 2, 4, 5] if compact else list(range(len(head)))
    for i in keep:
        table.add_column(head[i], justify="right" if i in (4, 5, 6) else "left",
                         no_wrap=i != 2, overflow="fold", ratio=1 if i == 2 else None)
    for r in rows:
        row = cells(r)
        if compact:
            row[2] = f"{row[2]}\n[dim]{row[1]} · {row[3]}[/dim]"
        why = note(r)
        if why:
            row[2] += f"\n[yellow]{why}[/yellow]"
        if person is not None and (r["credit"].tenths == 0 or not r["allowed"]):
            row[4] = f"[red]{row[4]}[/red]"
        table.add_row(*[row[i] for i in keep])
    if rows:
        out.print(table)
    else:
        out.print(m.catalog.none)
    return textout.finish(buffer)


# ---------------------------------------------------------------- credit

def credit_output(item: Activity, c: Credit, policy: Policy, specialty: Optional[str], fmt: str,
                  lang: str) -> str:
    m = messages(lang)
    route = policy.routes[item.route]
    why = reason_text(c.reason, policy, lang)
    formula = formula_text(c, lang)
    if fmt == "json":
        return dumps({"route": item.route, "hours": hours(c.tenths), "base": hours(c.base), "basis": c.basis,
                      "share": c.share, "rank": c.rank, "specialty": specialty,
                      "cap": None if route.cap is None else hours(route.cap),
                      "formula": formula, "reason": why or None,
                      "article": route.article, "rule": pick(route, "text", lang)})
    cap = m.no_cap if route.cap is None else show_short(route.cap)
    lines = [
        (f"{item.route} {route_name(policy, item.route, lang)}", None),
        (m.credit.earns, show_short(c.tenths)),
        (m.credit.basis, formula),
        (m.credit.rule, f"{route.article}：{pick(route, 'text', lang)}"),
        (m.credit.cap, cap),
    ]
    if why:
        lines.insert(2, (m.credit.why_zero, why))
    if fmt == "md":
        head, *rest = lines
        return f"# {m.credit.title}: {head[0]}\n\n" + "".join(f"- {k}: {v}\n" for k, v in rest)
    buffer = io.StringIO()
    out = textout.console(buffer, False)
    head, *rest = lines
    textout.say(out, head[0], "bold")
    for key, value in rest:
        textout.say(out, f"{key}: {value}")
    return textout.finish(buffer)

