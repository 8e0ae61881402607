"""The one dispatcher: `render(result, fmt, lang, color)` turns any result
(audit, plan, unit plan, cohort, the small commands' listings) into the
asked format. Each result module gives its JSON, its text and its page
(Markdown/HTML); the media (ics, xlsx) take the result whole.

A result asked for a format it has no shape in gets its text (today: the
cohort and the listings in ics or html).
"""
from __future__ import annotations

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


@lru_cache(maxsize=1)
def views() -> dict[type, View]:
    """Result type -> its view (imported on first use: startup stays light)."""
    from ..audit import AuditResult, Cohort
    from ..plan.result import PlanResult
    from ..unit.result import UnitPlan
    from . import audit, cohort, ics, listings, plan, unit, xlsx
    return {
        AuditResult: View(audit.audit_json, audit.audit_text, audit.audit_page, files={"ics": ics.audit_calendar}),
        PlanResult: View(plan.plan_json, plan.plan_text, plan.plan_page, files={"ics": ics.plan_calendar}),
        UnitPlan: View(unit.unit_json, unit.unit_text, unit.unit_page,
                       files={"ics": ics.unit_calendar, "xlsx": xlsx.unit_workbook}),
        Cohort: View(cohort.cohort_json, cohort.cohort_text, cohort.cohort_page,
                     files={"csv": cohort.cohort_csv, "xlsx": lambda c, lang, **_: cohort.cohort_workbook(c, lang)}),
        listings.People: View(listings.people_json, listings.people_text, listings.people_markdown, pages=("md",)),
        listings.Catalog: View(listings.catalog_json, listings.catalog_text, listings.catalog_markdown,
                               pages=("md",)),
        listings.Priced: View(listings.credit_json, listings.credit_text, listings.credit_markdown, pages=("md",)),
    }


def render(result, fmt: str, lang: str = "zh", color: bool = False, **options) -> str | bytes:
    """`result` in `fmt` (text, json, md, html, ics, xlsx, csv); `options` go
    to the file formats (the unit workbook's `per_person`)."""
    from .jsonout import dumps
    view = views()[type(result)]
    if fmt == "json":
        return dumps(view.json(result, lang))
    if fmt in view.pages:
        return view.page(result, fmt, lang)
    if fmt in view.files:
        return view.files[fmt](result, lang, **(options if fmt == "xlsx" else {}))
    return view.text(result, lang, color)
