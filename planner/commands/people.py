"""`planner people`: the workspace's persons and where each stands."""
from __future__ import annotations

import click

from . import complete
from .session import YEAR, Session, common_options
from .words import Command


@click.command(cls=Command)
@click.option("--year", type=YEAR, default=None)
@click.option("--unit", default=None, shell_complete=complete.units)
@common_options(formats=("text", "json", "md"))
def people(session: Session, year, unit):
    """List the workspace's persons with their current status: the year's
    total against its target, the B cycle's hours, and the verdict.

    \b
    Example:
        planner people
        planner people --unit U-HZ --year 2026 --format md
    """
    from ..audit import person_status
    from ..render.formats import render
    from ..render.listings import People
    ws = session.workspace
    if unit is not None:
        ws.unit(unit)   # unknown unit: exit 2 naming the known ones
    year = year if year is not None else session.today.year
    rows = [person_status(p, session.policy, year, session.today) for pid, p in sorted(ws.people.items())
            if unit is None or p.unit == unit]
    session.emit(lambda fmt: render(People(rows, session.policy), fmt, session.lang, session.color))
