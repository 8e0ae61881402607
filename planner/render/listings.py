"""The small commands' results (people, catalog, credit) and their JSON,
text and Markdown. The figures are worked out before (audit.person_status,
credits.offering_credit, credits.credit_for_anyone); here only words."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Optional

from ..credits import Credit
from ..messages import formula_text, messages, pick, reason_text, route_name, target_name
from ..models.activity import Activity
from ..models.person import Person
from ..models.policy import Policy
from ..tenths import effort_hours, hours, show, show_effort, show_short, show_yuan, yuan
from .cells import dates_text, md_table
from .text import console, finish, narrow, new_table, say
from ..verdicts import IN_PROGRESS


@dataclass(frozen=True)
class People:
    rows: list                      # audit.PersonStatus, one per person
    policy: Policy


@dataclass(frozen=True)
class Catalog:
    rows: list                      # credits.OfferingCredit, one per offering
    policy: Policy
    person: Optional[Person]


@dataclass(frozen=True)
class Priced:
    item: Activity
    credit: Credit
    policy: Policy
    specialty: Optional[str]        # the specialty priced for, when one was named


def _listing_text(head: list[str], rows, title: str, none: str, color: bool, keep_compact: list[int],
                  column, subtitle: str = "") -> str:
    """A listing's table: `rows(compact)` gives the cells; on a narrow terminal
    only the `keep_compact` columns; `column(i)` the keywords of column i."""
    buffer = io.StringIO()
    out = console(buffer, color)
    compact = narrow(out)
    if subtitle:
        say(out, subtitle)
    table = new_table(title)
    keep = keep_compact if compact else list(range(len(head)))
    for i in keep:
        table.add_column(head[i], **column(i))
    cells = rows(compact)
    for row in cells:
        table.add_row(*[row[i] for i in keep])
    out.print(table if cells else none)
    return finish(buffer)


# ---------------------------------------------------------------- people

def people_json(v: People, lang: str) -> dict:
    return {"people": [{
        "id": r.person.id, "name": r.person.name, "unit": r.person.unit,
        "department": r.person.department, "specialty": r.person.specialty,
        "records": len(r.person.records), "year": r.year,
        **{t.key: hours(t.value) for t in r.standing.targets},
        "met": r.verdict.met, "status": r.verdict.word,
        "short": {k: hours(v) for k, v in r.verdict.shortfalls},
        "cycle": {"start": r.cycle.start, "end": r.cycle.end, "b_hours": hours(r.cycle.hours),
                  "required": hours(r.cycle.required), "met": r.cycle.met},
    } for r in v.rows]}


def _people_table(v: People, lang: str) -> tuple[list[str], list[list[str]]]:
    m = messages(lang)
    policy = v.policy
    total_key = policy.targets[-1].key
    year = v.rows[0].year if v.rows else None
    head = [m.people.id, m.report.name, m.specialty, m.people.records,
            f"{m.people.current.format(year=year)} {target_name(total_key, lang)}", m.people.cycle, m.status]
    rows = []
    for r in v.rows:
        p, s, c = r.person, r.standing, r.cycle
        t = s.target(total_key)
        rows.append([p.id, p.name, pick(policy.specialties[p.specialty], "name", lang),
                     str(len(p.records)), f"{show(t.value)} / {show_short(t.required)}",
                     f"{show(c.hours)} / {show_short(c.required)}", m.verdict[r.verdict.word]])
    return head, rows


def people_markdown(v: People, fmt: str, lang: str) -> str:
    m = messages(lang)
    if not v.rows:
        return f"# {m.people.title}\n\n{m.people.none}\n"
    head, rows = _people_table(v, lang)
    return f"# {m.people.title}\n\n" + md_table(head, rows, {3, 4, 5})


def people_text(v: People, lang: str, color: bool) -> str:
    m = messages(lang)
    head, rows = _people_table(v, lang)
    for r, row in zip(v.rows, rows):
        colour = "green" if r.verdict.met else "yellow" if r.verdict.word == IN_PROGRESS else "red"
        row[6] = f"[{colour}]{row[6]}[/{colour}]"
    return _listing_text(head, lambda compact: rows, m.people.title, m.people.none, color, [0, 1, 4, 5, 6],
                         lambda i: dict(justify="right" if i in (3, 4, 5) else "left",
                                        no_wrap=i not in (1, 2), overflow="fold"))


# ---------------------------------------------------------------- catalog

def catalog_json(v: Catalog, lang: str) -> dict:
    data = {"person": v.person.id if v.person else None, "offerings": []}
    for r in v.rows:
        o, c = r.offering, r.credit
        entry = {"id": o.id, "route": o.route, "title": o.title, "year": o.credit_year,
                 "start": o.first_day.isoformat() if o.dated else None,
                 "end": o.last_day.isoformat() if o.dated else None,
                 "hours": hours(c.tenths), "fee": yuan(o.fee), "effort_hours": effort_hours(r.effort),
                 "seats": o.seats}
        if v.person is not None:
            entry["done"] = r.done
            entry["allowed"] = r.allowed
            if c.reason is not None:
                entry["reason"] = reason_text(c.reason, v.policy, lang)
        data["offerings"].append(entry)
    return data


def _catalog_head(m) -> list[str]:
    return [m.catalog.id, m.route, m.title, m.report.dates, m.catalog.earns, m.report.fee, m.report.effort]


def _catalog_note(v: Catalog, r, m, lang: str) -> str:
    if v.person is None:
        return ""
    if r.done:
        return m.counted_yes
    return reason_text(r.credit.reason, v.policy, lang)


def _catalog_cells(r) -> list[str]:
    o, c = r.offering, r.credit
    return [o.id, o.route, o.title, dates_text(o), show(c.tenths), show_yuan(o.fee), show_effort(r.effort)]


def _catalog_subtitle(v: Catalog, m) -> str:
    return m.catalog["for"].format(name=v.person.name, id=v.person.id) if v.person else ""


def catalog_markdown(v: Catalog, fmt: str, lang: str) -> str:
    m = messages(lang)
    if not v.rows:
        return f"# {m.catalog.title}\n\n{m.catalog.none}\n"
    extra = [m.reason] if v.person else []
    body = md_table(_catalog_head(m) + extra,
                    [_catalog_cells(r) + ([_catalog_note(v, r, m, lang)] if v.person else []) for r in v.rows],
                    {4, 5, 6})
    subtitle = _catalog_subtitle(v, m)
    return f"# {m.catalog.title}\n\n" + (f"{subtitle}\n\n" if subtitle else "") + body


def catalog_text(v: Catalog, lang: str, color: bool) -> str:
    m = messages(lang)

    def shown(r, compact: bool) -> list[str]:
        row = _catalog_cells(r)
        if compact:
            row[2] = f"{row[2]}\n[dim]{row[1]} · {row[3]}[/dim]"
        why = _catalog_note(v, r, m, lang)
        if why:
            row[2] += f"\n[yellow]{why}[/yellow]"
        if v.person is not None and (r.credit.tenths == 0 or not r.allowed):
            row[4] = f"[red]{row[4]}[/red]"
        return row

    return _listing_text(_catalog_head(m), lambda compact: [shown(r, compact) for r in v.rows], m.catalog.title, m.catalog.none, color,
                         [0, 2, 4, 5], lambda i: dict(justify="right" if i in (4, 5, 6) else "left",
                                                      no_wrap=i != 2, overflow="fold",
                                                      ratio=1 if i == 2 else None),
                         subtitle=_catalog_subtitle(v, m))


# ---------------------------------------------------------------- credit

def credit_json(v: Priced, lang: str) -> dict:
    c, route = v.credit, v.policy.routes[v.item.route]
    return {"route": v.item.route, "hours": hours(c.tenths), "base": hours(c.base), "basis": c.basis,
            "share": c.share, "rank": c.rank, "specialty": v.specialty,
            "cap": None if route.cap is None else hours(route.cap),
            "formula": formula_text(c, lang), "reason": reason_text(c.reason, v.policy, lang) or None,
            "article": route.article, "rule": pick(route, "text", lang)}


def _credit_lines(v: Priced, lang: str) -> list[tuple[str, Optional[str]]]:
    m = messages(lang)
    route = v.policy.routes[v.item.route]
    why = reason_text(v.credit.reason, v.policy, lang)
    formula = formula_text(v.credit, lang)
    if why and v.credit.tenths == 0 and v.credit.base * v.credit.share // 100 > 0:
        formula = m.credit.basis_if_counted.format(formula=formula)    # the arithmetic is not what it earns
    lines = [
        (f"{v.item.route} {route_name(v.policy, v.item.route, lang)}", None),
        (m.credit.earns, show_short(v.credit.tenths)),
        (m.credit.basis, formula),
        (m.credit.rule, f"{route.article}：{pick(route, 'text', lang)}"),
        (m.credit.cap, m.no_cap if route.cap is None else show_short(route.cap)),
    ]
    if why:
        lines.insert(2, (m.credit.why_zero, why))
    return lines


def credit_markdown(v: Priced, fmt: str, lang: str) -> str:
    head, *rest = _credit_lines(v, lang)
    return f"# {messages(lang).credit.title}: {head[0]}\n\n" + "".join(f"- {k}: {val}\n" for k, val in rest)


def credit_text(v: Priced, lang: str, color: bool) -> str:
    buffer = io.StringIO()
    out = console(buffer, False)
    head, *rest = _credit_lines(v, lang)
    say(out, head[0], "bold")
    for key, value in rest:
        say(out, f"{key}: {value}")
    return finish(buffer)
