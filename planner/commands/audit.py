"""`planner audit`: where a person stands."""
from __future__ import annotations

import click

from .session import YEAR, Session, common_options


@click.command()
@click.option("--person", default=None, help="Person id (people/<ID>.yaml in the workspace).")
@click.option("--unit", "unit_id", default=None,
              help="Unit id: every staff member's status and shortfall in one table (not with --person).")
@click.option("--year", type=YEAR, default=None, help="Year to show as well (default: the year of --today).")
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
        raise PlannerError("give either --person ID or --unit ID (one of them)")
    if unit_id is not None:
        from ..audit import cohort
        from ..render.formats import render
        ws = session.workspace
        result = cohort(ws.unit(unit_id), ws.staff(unit_id), session.policy, year, session.today)
        session.emit(render(result, session.fmt, session.lang, session.color))
        return
    from ..audit import audit as run_audit
    from ..render.formats import render
    who = session.workspace.person(person)
    result = run_audit(who, session.policy, year, session.today)
    session.emit(render(result, session.fmt, session.lang, session.color))
