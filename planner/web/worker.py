"""What runs in a unit plan's worker process (spawned: importable, no state
from the server but the plain job description). Progress goes back through a
queue; a set stop event ends the plan at the next step."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

_queue = None
_stop = None
FILES = ("xlsx", "html", "ics", "json")


class Stopped(Exception):
    pass


def init(queue, stop) -> None:
    """ProcessPoolExecutor initializer: the queue and event are inherited at spawn."""
    global _queue, _stop
    _queue, _stop = queue, stop


def report(**fields) -> None:
    if _queue is not None:
        _queue.put(fields)


def run_unit(spec: dict) -> dict:
    """Plan one unit's year; returns the summary and the rendered downloads."""
    from . import domain
    # the search, the explanations and the four downloads under the one limit, as `planner unit` keeps it
    clock = domain.Clock(spec["time_limit"], time.perf_counter(), domain.output_reserve(spec["time_limit"], FILES))
    report(stage="load")
    policy = domain.resolve_policy(spec["policy"])
    ws = domain.load_workspace(Path(spec["data"]), policy)
    catalog = domain.load_catalog(Path(spec["catalog"]), policy)
    unit, staff = ws.unit(spec["unit"]), ws.staff(spec["unit"])
    clash = domain.training_clash(Path(spec["data"]), unit, catalog, policy)
    if clash is not None:
        raise clash

    def progress(stage: str) -> None:
        report(stage=stage, elapsed=clock.seconds())
        if stopping():
            raise Stopped()               # before the search: nothing to keep yet

    def watch(stage: str, numbers: dict) -> bool:
        report(stage=stage, elapsed=clock.seconds(), **progress_numbers(numbers))
        return stopping()                 # the search ends, keeping its best plan
    try:
        result = domain.plan_unit(unit, staff, policy, catalog.offerings, spec["year"],
                                  dt.date.fromisoformat(spec["today"]), time_limit=spec["time_limit"],
                                  progress=progress, watch=watch, clock=clock)
    except Stopped:
        return {"stopped": True}
    report(stage="explain", elapsed=clock.seconds())
    explained = domain.explain_plan(result, staff, catalog.offerings, deadline=clock.explain_by)
    files = {fmt: _bytes(domain.render_unit(result if fmt == "ics" else explained, fmt, spec["lang"]))
             for fmt in FILES}
    import json
    return {"summary": json.loads(files["json"]), "files": files,
            "seconds": clock.seconds()}


def stopping() -> bool:
    return _stop is not None and _stop.is_set()


def progress_numbers(numbers: dict) -> dict:
    """Hours for the page: the best plan's effort, and while nobody is short
    the people's own optima as its lower bound, and the gap between them."""
    effort, ideal = numbers["effort"] / 60, numbers["ideal"] / 60
    if numbers["short"]:
        return {"effort_hours": round(effort, 1), "bound_hours": None, "gap": None,
                "short_hours": numbers["short"] / 10}
    gap = (effort - ideal) / effort if effort else 0.0
    return {"effort_hours": round(effort, 1), "bound_hours": round(ideal, 1), "gap": max(0.0, gap),
            "short_hours": 0.0}


def _bytes(data) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)
