"""`planner audit`: where a person stands."""
from __future__ import annotations

import click

from ..cli import Session, common_options, main


@main.command()
@click.option("--person", required=True, help="Person id (people/<ID>.yaml in the workspace).")
@click.option("--year", type=int, default=None, help="Year to show as well (default: the year of --today).")
@common_options()
def audit(session: Session, person: str, year):
    """Show where a person stands: every year's 65/18/90 and every B cycle.

    \b
    Example:
        planner audit --person demo
        planner audit --person demo --year 2025 --format json
    """
    from ..audit import audit as run_audit
    from ..output import render_audit
    who = session.workspace.person(person)
    result = run_audit(who, session.policy, year, session.today)
    session.emit(render_audit(result, session.fmt, session.lang, session.color))
