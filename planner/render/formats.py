"""The one dispatcher: `render(result, fmt, lang, color)` turns any result
(audit, plan, unit plan, cohort, the small commands' listings) into the
asked format. Each result module gives its JSON, its text and its page
(Markdown/HTML); the media (ics, xlsx) take the result whole.

A result asked for a format it has no shape in gets its text (today: the
cohort and the listings in ics or html).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

FORMATS = ("text", "json", "md", "html")


@dataclass(frozen=True)
class View:
    """How one result type is shown."""
    json: Callable            # (result, lang) -> dict
    text: Callable            # (result, lang, color) -> str
    page: Callable            # (result, fmt, lang) -> str, fmt md or html
    pages: tuple[str, ...] = ("md", "html")
    files: dict = field(default_factory=dict)   # fmt -> (result, lang) -> str | bytes; xlsx takes **options


def _lazy(module: str, name: str) -> Callable:
    """`module.name` of this package, imported when first called (json
    needs neither rich nor jinja2; text needs no jinja2)."""
    def call(*args, **kwargs):
        return getattr(importlib.import_module(f"{__package__}.{module}"), name)(*args, **kwargs)
    return call


def _view(module: str, kind: str, files: dict | None = None, pages=("md", "html"), json: str = "") -> View:
    return View(_lazy(json or module, f"{kind}_json"), _lazy(module, f"{kind}_text"),
                _lazy(module, f"{kind}_page" if pages == ("md", "html") else f"{kind}_markdown"),
                pages=pages, files={fmt: where if callable(where) else _lazy(*where)
                                    for fmt, where in (files or {}).items()})


workbook = _lazy("cohort", "cohort_workbook")      # the cohort's workbook takes no options


@lru_cache(maxsize=1)
def views() -> dict[str, View]:
    """Result type (its module and name) -> its view; the result's render
    module is imported on first use (startup stays light)."""
    return {
        "planner.audit.AuditResult": _view("audit", "audit", {"ics": ("ics", "audit_calendar")}),
        "planner.plan.result.PlanResult": _view("plan", "plan", {"ics": ("ics", "plan_calendar")}),
        "planner.unit.result.UnitPlan": _view("unit", "unit", {"ics": ("ics", "unit_calendar"),
                                                              "xlsx": ("xlsx", "unit_workbook")}, json="unit_json"),
        "planner.audit.Cohort": _view("cohort", "cohort", {"csv": ("cohort", "cohort_csv"),
                                                          "xlsx": lambda c, lang, **_: workbook(c, lang)}),
        "planner.render.listings.People": _view("listings", "people", pages=("md",)),
        "planner.render.listings.Catalog": _view("listings", "catalog", pages=("md",)),
        "planner.render.listings.Priced": _view("listings", "credit", pages=("md",)),
    }


def render(result, fmt: str, lang: str = "zh", color: bool = False, **options) -> str | bytes:
    """`result` in `fmt` (text, json, md, html, ics, xlsx, csv); `options` go
    to the file formats (the unit workbook's `per_person`)."""
    from .jsonout import dumps
    kind = type(result)
    view = views()[f"{kind.__module__}.{kind.__qualname__}"]
    if fmt == "json":
        return dumps(view.json(result, lang))
    if fmt in view.pages:
        return view.page(result, fmt, lang)
    if fmt in view.files:
        return view.files[fmt](result, lang, **(options if fmt == "xlsx" else {}))
    return view.text(result, lang, color)
