"""`planner audit`: where a person stands."""
from __future__ import annotations

import click

from . import complete
from .session import YEAR, Session, common_options
from .session import FORMATS
from .words import Command


@click.command(cls=Command)
@click.option("--person", default=None, shell_complete=complete.people)
@click.option("--unit", "unit_id", default=None, shell_complete=complete.units)
@click.option("--year", type=YEAR, default=None)
@click.option("--department", default=None)
@click.option("--short-only", is_flag=True)
@common_options(FORMATS + ("ics", "xlsx", "csv"))
def audit(session: Session, person: str, year, unit_id=None, department=None, short_only=False):
    """Show where a person stands: every year's 65/18/90 and every B cycle.

    \b
    Example:
        planner audit --person demo
        planner audit --person demo --year 2025 --format json
        planner audit --unit U-HZ --year 2026
        planner audit --unit U-HZ --short-only --format xlsx --out 未达标.xlsx
    """
    from ..render.formats import render
    if (person is None) == (unit_id is None):
        from ..errors import PlannerError
        from ..i18n import t
        raise PlannerError(t("errors.person_or_unit"))
    if unit_id is not None:
        from ..plan.reach import unit_cohort
        ws = session.workspace
        result = unit_cohort(ws.unit(unit_id), ws.staff(unit_id), session.policy, session.catalog.offerings, year,
                             session.today, department, short_only, session.lang)
        session.emit(lambda fmt: render(result, fmt, session.lang, session.color))
        return
    if session.fmt in ("xlsx", "csv") or department is not None or short_only:
        from ..errors import PlannerError
        from ..messages import messages
        raise PlannerError(messages(session.lang).cohort.person_only.format(fmt=session.fmt))
    from ..audit import audit as run_audit
    who = session.workspace.person(person)
    result = run_audit(who, session.policy, year, session.today)
    session.emit(lambda fmt: render(result, fmt, session.lang, session.color))
