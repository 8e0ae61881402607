"""`planner catalog`: the offerings, with what each would earn."""
from __future__ import annotations

import datetime as dt

import click

from .session import YEAR, Session, common_options


@click.command()
@click.option("--year", type=YEAR, default=None, help="Only offerings that count in this year.")
@click.option("--route", default=None, help="Only offerings of this route (a route code of the policy).")
@click.option("--person", default=None, help="Price each offering for this person (eligibility, done before).")
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
    from ..render.formats import render
    from ..render.listings import Catalog
    policy = session.policy
    if route is not None and route not in policy.routes:
        raise PlannerError(f"unknown route '{route}' (expected {' | '.join(policy.routes)})", field="--route")
    who = session.workspace.person(person) if person else None
    order = list(policy.routes)
    offerings = sorted((o for o in session.catalog.offerings
                        if (year is None or o.credit_year == year) and (route is None or o.route == route)),
                       key=lambda o: (o.credit_year, order.index(o.route), o.first_day or dt.date.min, o.id))
    rows = [offering_credit(o, policy, who) for o in offerings]
    session.emit(render(Catalog(rows, policy, who), session.fmt, session.lang, session.color))
