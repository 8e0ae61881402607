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
    started = time.monotonic()
    report(stage="load")
    policy = domain.resolve_policy(spec["policy"])
    ws = domain.load_workspace(Path(spec["data"]), policy)
    catalog = domain.load_catalog(Path(spec["catalog"]), policy)
    unit, staff = ws.unit(spec["unit"]), ws.staff(spec["unit"])

    def progress(stage: str, **numbers) -> None:
        report(stage=stage, elapsed=time.monotonic() - started, **numbers)
        if _stop is not None and _stop.is_set():
            raise Stopped()
    try:
        result = domain.plan_unit(unit, staff, policy, catalog.offerings, spec["year"],
                                  dt.date.fromisoformat(spec["today"]), time_limit=spec["time_limit"],
                                  progress=progress)
    except Stopped:
        return {"stopped": True}
    report(stage="explain", elapsed=time.monotonic() - started)
    explained = domain.explain_plan(result, staff, catalog.offerings)
    files = {fmt: _bytes(domain.render_unit(result if fmt == "ics" else explained, fmt, spec["lang"]))
             for fmt in FILES}
    import json
    return {"summary": json.loads(files["json"]), "files": files,
            "seconds": time.monotonic() - started}


def _bytes(data) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)
