"""`planner credit`: what one activity would earn, and why (a calculator over
any route's fields)."""
from __future__ import annotations

import click

from . import complete
from .session import Session, common_options
from .words import Command
from ._activity import activity_options


@click.command(cls=Command)
@click.argument("route", shell_complete=complete.routes)
@click.option("--title", default="-")
@click.option("--specialty", default=None)
@click.option("--person", default=None, shell_complete=complete.people)
@activity_options()
@common_options(formats=("text", "json", "md"))
def credit(session: Session, route: str, title: str, specialty, person, fields: dict):
    """Say what one activity earns under the policy, and how.

    ROUTE is a route code of the policy (A, B1..B4, C1..C7, G in the bundled
    policy); give the fields that route prices by. The hours are before the
    route's yearly cap, which is shown beside them.

    \b
    Example:
        planner credit C5 --venue core --rank 2
        planner credit B3 --kind training --society surveying --days 3
        planner credit A --hours 12 --platform zjce --person demo --format json
    """
    from ..credits import credit, credit_for_anyone
    from ..ledger import under_policy
    from ..errors import PlannerError
    from ..checks import _choices
    from ..i18n import t
    from ..vocab import to_code
    from ..models.activity import Activity
    from ..render.formats import render
    from ..render.listings import Priced
    from ._activity import build

    policy = session.policy
    if route not in policy.routes:
        raise PlannerError(t("errors.unknown_route", route=route, choices=" | ".join(policy.routes)), field="route")
    if person is not None and specialty is None:
        specialty = session.workspace.person(person).specialty
    specialty = to_code(policy, None, "specialty", specialty)
    if specialty is not None and specialty not in policy.specialties:
        raise PlannerError(t("errors.unknown_specialty", value=specialty,
                             choices=_choices(policy, None, "specialty", policy.specialties)), field="specialty")
    data = {"route": route, "title": title, **fields}
    if not any(k in fields for k in ("year", "date", "start", "end")):
        data["year"] = session.today.year
    item = build(Activity, data, policy)
    # nobody named: price the route's arithmetic for a specialty that may take it
    earned = credit_for_anyone(item, policy)[1] if specialty is None else credit(item, policy, specialty)
    earned = under_policy(item, earned, policy)
    session.emit(lambda fmt: render(Priced(item, earned, policy, specialty), fmt, session.lang))
