"""`/` the workspace (people and units with the shared verdicts, filters) and
`/catalog` (offerings by year and route, priced for a person)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.requests import Request

from . import domain
from .security import valid_id
from .views import not_found, page


@dataclass(frozen=True)
class Line:
    """One person on the workspace page: the cohort view's line and verdict."""
    line: object          # domain.CohortLine
    status: str           # met | short | open (the cohort's words)

    @property
    def person(self):
        return self.line.person

    def shortfall(self) -> int:
        return max((t.shortfall for t in self.line.standing.targets), default=0)


def standings(store, year: int) -> list[Line]:
    """Every person's standing in `year` and its B cycle, from the audit."""
    ws = store.workspace()
    today = store.today()
    out = []
    for pid in sorted(ws.files):
        person = ws.files[pid].person
        result = domain.audit(person, store.policy, year, today)
        standing = next(s for s in result.years if s.year == year)
        cycle = result.ledger.cycle(year)
        line = domain.CohortLine(person, standing, cycle, domain.verdict(standing, cycle, today))
        out.append(Line(line, line.verdict.word))
    return out


def _filters(request: Request, ws) -> dict:
    q = request.query_params
    unit = q.get("unit") or ""
    department = q.get("department") or ""
    return {"unit": unit if unit in ws.units or unit == "-" else "",
            "department": department[:64], "short": q.get("short") == "1"}


def workspace(request: Request):
    store = request.app.state.store
    ws = store.workspace()
    year = store.today().year
    lines = standings(store, year)
    f = _filters(request, ws)
    departments = sorted({l.person.department for l in lines if l.person.department})
    shown = [l for l in lines
             if (not f["unit"] or (l.person.unit or "-") == f["unit"])
             and (not f["department"] or l.person.department == f["department"])
             and (not f["short"] or l.status != "met")]
    units = []
    for uid, unit in sorted(ws.units.items()):
        staff = [l for l in lines if l.person.unit == uid]
        units.append({"unit": unit, "staff": len(staff), "met": sum(1 for l in staff if l.status == "met")})
    imported = request.query_params.get("imported", "")
    done = imported.split("+") if re.match(r"^\d{1,6}\+\d{1,6}$", imported) else None
    return page(request, "workspace.html.j2", lines=shown, total=len(lines), units=units, year=year, imported=done,
                filters=f, departments=departments, policy=store.policy, today=store.today())


def catalog(request: Request):
    """The catalogue's offerings by year and route; with ?person= priced for them."""
    store = request.app.state.store
    q = request.query_params
    years = sorted({o.credit_year for o in store.catalog.offerings})
    year = int(q["year"]) if q.get("year", "").isdigit() and int(q["year"]) in years else (
        store.today().year + 1 if store.today().year + 1 in years else (years[0] if years else None))
    route = q.get("route", "")
    route = route if route in store.policy.routes else ""
    person = None
    pid = q.get("person", "")
    if pid:
        ws = store.workspace()
        if not valid_id(pid) or pid not in ws.files:
            return not_found(request, "person", pid)
        person = ws.files[pid].person
    rows = [domain.offering_row(o, store.policy, person) for o in store.catalog.offerings
            if o.credit_year == year and (not route or o.route == route)]
    ws = store.workspace()
    return page(request, "catalog.html.j2", rows=rows, years=years, year=year, route=route,
                routes=sorted({o.route for o in store.catalog.offerings}), person=person,
                people=sorted(ws.files), policy=store.policy)
