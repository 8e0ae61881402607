"""The one task function every engine runs: a chunk of persons in, plain
rows out. The pool calls it with the context's key (loaded by the
initializer), Dask with the scattered context itself; either way
`context.load` builds the objects once per worker process.

    run_chunk(ctx, {"mode": "audit" | "suggest" | "priced",
                    "persons": [[file, workspace, text, sha, error], ...],
                    "exclude": {file: [offering ids]},      # suggest, optional
                    "prices": {offering id: minutes}})       # priced rounds
    -> {"persons": [...], "targets": [...], "items": [...], "priced": [...]}

A person whose file is bad input becomes one row with its error in the
user's language; the rest of the chunk goes on.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from ..errors import PlannerError
from ..messages import messages
from ..tenths import effort_hours, hours, yuan
from .context import Loaded, load


def run_chunk(ctx, task: dict) -> dict:
    loaded = load(ctx)
    out = {"persons": [], "targets": [], "items": [], "priced": [], "tag": task.get("tag")}
    exclude = task.get("exclude") or {}
    for entry in task["persons"]:
        for variant, policy in loaded.policies():
            if task["mode"] == "priced":
                if variant == "current":
                    out["priced"].append(_priced(loaded, policy, entry, task["prices"]))
                continue
            _one(loaded, variant, policy, entry, task["mode"], exclude.get(entry[0], ()), out)
    return out


def _error_row(loaded: Loaded, variant: str, entry, message: str, person=None, status="error") -> dict:
    m = messages(loaded.settings["lang"])["batch"]
    pid = getattr(person, "id", None) or PurePosixPath(entry[0]).stem
    return {"variant": variant, "file": entry[0], "sha": entry[3], "workspace": entry[1], "person": pid,
            "name": getattr(person, "name", None), "unit": getattr(person, "unit", None),
            "department": getattr(person, "department", None), "status": status, "met": None,
            "effort_hours": None, "fee": None, "shortfall": None, "effort_minutes": None,
            "error": f"{m['bad_person'] if status == 'error' else m['failed']}: {message}"}


def _one(loaded: Loaded, variant: str, policy, entry, mode: str, exclude, out: dict) -> None:
    from ..workspace import parse_person
    file, _, text, _, error = entry
    if text is None:
        out["persons"].append(_error_row(loaded, variant, entry, error))
        return
    person = None
    try:
        person = parse_person(text, file, policy)
        if mode == "audit":
            row, targets, items = audit_rows(loaded, policy, person)
        else:
            row, targets, items = suggest_rows(loaded, policy, person, exclude)
    except PlannerError as err:
        out["persons"].append(_error_row(loaded, variant, entry, str(err), person))
        return
    except Exception as err:      # a bug must not stop the province: the row says so
        out["persons"].append(_error_row(loaded, variant, entry, f"{type(err).__name__}: {err}",
                                         person, status="failed"))
        return
    base = {"variant": variant, "file": file}
    row.update(base, sha=entry[3], workspace=entry[1], person=person.id, name=person.name, unit=person.unit,
               department=person.department, error=None)
    out["persons"].append(row)
    out["targets"].extend(dict(base, person=person.id, **t) for t in targets)
    out["items"].extend(dict(base, person=person.id, **i) for i in items)


def _target(t, binding: bool) -> dict:
    """One row of the `targets` table from a target's shortfall (planner.shortfall)."""
    return {"period": t.period, "target": t.key, "required": hours(t.required), "value": hours(t.value),
            "shortfall": hours(t.shortfall), "met": int(t.met), "binding": int(binding)}


def audit_rows(loaded: Loaded, policy, person):
    """The asked year's targets and the B cycle containing it (as `planner audit --unit`)."""
    from ..audit import audit
    from ..ledger import cycle_shortfall
    year = loaded.settings["year"]
    result = audit(person, policy, year, loaded.today)
    asked = result.asked_year
    standing = next(s for s in result.years if s.year == asked)
    cycle = result.ledger.cycle(asked)
    ends = cycle.end == asked
    met = standing.met and (cycle.met or not ends)
    status = "met" if met else ("short" if asked < loaded.today.year else "open")
    targets = [_target(t, True) for t in standing.targets]
    targets.append(_target(cycle_shortfall(policy, cycle), ends))
    short = sum(t.shortfall for t in standing.targets) + (cycle.shortfall if ends else 0)
    row = {"status": status, "met": int(met), "effort_hours": None, "fee": None, "shortfall": hours(short),
           "effort_minutes": None}
    return row, targets, []


def years_of(loaded: Loaded, policy) -> tuple[int, ...]:
    from ..plan.solve import default_years
    s = loaded.settings
    return default_years(policy, loaded.today, s.get("year"), s.get("through"))


def deterministic_budget(work: float) -> None:
    """Every CP-SAT stage of the person planner in this worker stops at `work`
    deterministic seconds (never at the clock): the same plan on any machine
    and load. The planner's own hook for extra parameters carries it."""
    from ..plan import solve
    entry = ("max_deterministic_time", str(work))
    solve.EXTRA_PARAMS[:] = [kv for kv in solve.EXTRA_PARAMS if kv[0] != entry[0]] + [entry]


def suggest_rows(loaded: Loaded, policy, person, exclude=()):
    """The person planner's plan, exactly as `planner suggest` makes it
    (a plan the budget cut is `feasible`, as there)."""
    from ..ledger import cycle_shortfall
    from ..plan.solve import plan
    deterministic_budget(loaded.settings["work"])
    years = years_of(loaded, policy)
    r = plan(person, policy, loaded.offerings, today=loaded.today, years=years,
             exclude=tuple(exclude), time_limit=loaded.settings["time_limit"])
    targets = [_target(t, True) for s in r.projection for t in s.targets]
    targets += [_target(cycle_shortfall(policy, c), True) for c in r.cycles if (c.start, c.end) in r.targeted_cycles]
    items = [{"offering": c.id, "year": c.year, "route": c.route, "hours": hours(c.earned),
              "effort_hours": effort_hours(c.effort), "fee": yuan(c.fee)} for c in r.selected]
    short = sum(round(t["shortfall"] * 10) for t in targets)
    row = {"status": r.status, "met": int(r.met), "effort_hours": effort_hours(r.effort), "fee": yuan(r.fee),
           "shortfall": hours(short), "effort_minutes": r.effort}
    return row, targets, items


def _priced(loaded: Loaded, policy, entry, prices: dict) -> dict:
    """One Lagrangian round for one person (seats.py): the priced optimum."""
    from ..workspace import parse_person
    from .priced import priced_plan
    file, _, text, _, _ = entry
    try:
        person = parse_person(text, file, policy)
    except PlannerError:
        return {"file": file, "value": None, "taken": []}
    value, taken = priced_plan(person, policy, loaded.offerings, loaded.today, years_of(loaded, policy), prices,
                               loaded.settings["work"])
    return {"file": file, "value": value, "taken": taken}
