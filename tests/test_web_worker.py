"""The web's unit plan (web/worker.py run_unit) keeps `planner unit`'s one
limit: its explanations stop re-solving at the clock's explain_by and the
search keeps the time of the four downloads (issue 10 point 4). Without a
deadline the explanations of 2,000 unit trainings took 64 s after a 5 s
search, and a job past its wall-clock cap (web/jobs.py) is ended with no
plan at all."""
from __future__ import annotations

from planner import resources


def test_the_web_unit_plan_explains_under_the_searchs_clock(monkeypatch):
    from planner.plan.cap import output_reserve
    from planner.web import domain, worker
    seen = {}
    plan_unit, explain_plan = domain.plan_unit, domain.explain_plan

    def planned(*args, clock, **kw):
        seen["clock"] = clock
        return plan_unit(*args, clock=clock, **kw)

    def explained(result, staff, offerings, deadline=None):
        seen["deadline"] = deadline
        return explain_plan(result, staff, offerings, deadline=deadline)
    monkeypatch.setattr(domain, "plan_unit", planned)
    monkeypatch.setattr(domain, "explain_plan", explained)
    spec = {"policy": None, "data": str(resources.demo_dir()), "catalog": str(resources.offerings_dir()),
            "unit": "U-HZ", "year": 2027, "today": "2026-11-27", "time_limit": 50.0, "lang": "zh"}
    out = worker.run_unit(spec)
    clock = seen["clock"]
    assert clock.limit - clock.started == 50.0
    assert clock.output == output_reserve(50.0, worker.FILES) == 10.0     # xlsx and html are laid out as tables
    assert seen["deadline"] == clock.explain_by and seen["deadline"] < clock.limit
    assert out["summary"]["unit"] == "U-HZ" and sorted(out["files"]) == ["html", "ics", "json", "xlsx"]
