"""`planner catalog`: the offerings, with what each would earn."""
from __future__ import annotations

import datetime as dt

import click

from . import complete
from .session import YEAR, Session, common_options
from .words import Command


@click.command(cls=Command)
@click.option("--year", type=YEAR, default=None)
@click.option("--route", default=None, shell_complete=complete.routes)
@click.option("--person", default=None, shell_complete=complete.people)
@common_options(formats=("text", "json", "md"))
def catalog(session: Session, year, route, person):
    """List the catalogue's offerings with the hours each would earn, its
    fee and its effort; with --person, priced for that person.

    \b
    Example:
        planner catalog --year 2027 --route B3
        planner catalog --year 2027 --person demo --format json
    """
    from ..errors import PlannerError
    from ..credits import offering_credit
    from ..i18n import t
    from ..render.formats import render
    from ..render.listings import Catalog
    policy = session.policy
    if route is not None and route not in policy.routes:
        raise PlannerError(t("errors.unknown_route", route=route, choices=" | ".join(policy.routes)), field="--route")
    who = session.workspace.person(person) if person else None
    order = list(policy.routes)
    offerings = sorted((o for o in session.catalog.offerings
                        if (year is None or o.credit_year == year) and (route is None or o.route == route)),
                       key=lambda o: (o.credit_year, order.index(o.route), o.first_day or dt.date.min, o.id))
    rows = [offering_credit(o, policy, who) for o in offerings]
    session.emit(lambda fmt: render(Catalog(rows, policy, who), fmt, session.lang, session.color))
