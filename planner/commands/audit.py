"""`planner audit`: where a person stands."""
from __future__ import annotations

import click

from .session import YEAR, Session, common_options
from .words import Command


@click.command(cls=Command)
@click.option("--person", default=None)
@click.option("--unit", "unit_id", default=None)
@click.option("--year", type=YEAR, default=None)
@common_options()
def audit(session: Session, person: str, year, unit_id=None):
    """Show where a person stands: every year's 65/18/90 and every B cycle.

    \b
    Example:
        planner audit --person demo
        planner audit --person demo --year 2025 --format json
        planner audit --unit U-HZ --year 2026
    """
    if (person is None) == (unit_id is None):
        from ..errors import PlannerError
        from ..i18n import t
        raise PlannerError(t("errors.person_or_unit"))
    if unit_id is not None:
        from ..audit import cohort
        from ..render.cohort import render_cohort
        ws = session.workspace
        result = cohort(ws.unit(unit_id), ws.staff(unit_id), session.policy, year, session.today)
        session.emit(lambda fmt: render_cohort(result, fmt, session.lang, session.color))
        return
    from ..audit import audit as run_audit
    from ..render.formats import render_audit
    who = session.workspace.person(person)
    result = run_audit(who, session.policy, year, session.today)
    session.emit(lambda fmt: render_audit(result, fmt, session.lang, session.color))
