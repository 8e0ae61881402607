"""`planner suggest`: the least-effort plan that meets every target."""
from __future__ import annotations

import click

from . import complete
from .session import SECONDS, YEAR, Session, command_start, common_options, finish
from .words import Command


@click.command(cls=Command)
@click.option("--person", required=True, shell_complete=complete.people)
@click.option("--year", type=YEAR, default=None)
@click.option("--through", type=YEAR, default=None)
@click.option("--require", multiple=True, metavar="ID", shell_complete=complete.offerings)
@click.option("--exclude", multiple=True, metavar="ID", shell_complete=complete.offerings)
@click.option("--time-limit", type=SECONDS, default=10.0, show_default=True,
              metavar="SECONDS")
@click.option("--since", "since", type=click.Path(dir_okay=False), default=None, metavar="PLAN.json")
@click.option("--robust", is_flag=True)
@click.option("--save", type=click.Path(dir_okay=False), default=None, metavar="PLAN.json")
@common_options()
def suggest(session: Session, person: str, year, through, require, exclude, time_limit, since, robust, save):
    """Plan the least effort that meets every year's targets and every B
    cycle ending in the planned years, proven optimal by CP-SAT.

    Minimises effort hours, then fees, then the number of activities (ties:
    the earlier offering ids). When the targets cannot all be met the plan
    that misses least is shown with the reason for each unmet target.

    \b
    Example:
        planner suggest --person demo
        planner suggest --person demo --today 2026-11-27 --format json
        planner suggest --person demo --year 2027 --through 2029 --exclude B1-2027-01
        planner suggest --person demo --format json --out plan.json
        planner suggest --person demo --since plan.json --robust
    """
    started = command_start()     # --time-limit counts from the process's start: reading the inputs is under it
    from ..errors import PlannerError
    from ..i18n import t
    from ..bounds import MAX_HORIZON
    from ..render.formats import render
    from ..render.plan import plan_json
    from ..plan.solve import default_years, plan

    who = session.workspace.person(person)
    first = year if year is not None else session.today.year
    if through is not None and through < first:
        raise PlannerError(t("errors.through_before", through=through, first=first))
    if through is not None and through - first + 1 > MAX_HORIZON:
        raise PlannerError(t("errors.through_too_far", through=through, most=MAX_HORIZON, first=first))
    years = default_years(session.policy, session.today, year, through)
    if years[0] < session.policy.first_year:
        raise PlannerError(t("errors.year_before_policy", year=years[0], first=session.policy.first_year))
    catalog = session.catalog
    previous = None
    if since is not None:
        from ..previous import read_previous
        previous = read_previous(since)
    from ..plan.plannable import Memo
    from ..cache import held_seconds
    memo = Memo(session.policy)          # each offering's credit worked out once for both passes
    held = held_seconds()                # the cache entries written after the output: their time kept
    result = plan(who, session.policy, catalog.offerings, today=session.today, years=years,
                  require=require, exclude=exclude, time_limit=time_limit, since=previous, robust=robust, memo=memo,
                  started=started, held=held)
    from ..plan.cap import OUTPUT, Cap, ends
    from ..plan.latest import with_latest
    from ..plan.repairs import with_repairs
    # the last safe dates and the repairs too (what the cap cuts is said), ending as the reasons do:
    # the output (over the same catalogue as preparing) has the rest
    cap = Cap(ends(started, time_limit, held) - OUTPUT * result.build_seconds)
    result = with_repairs(with_latest(result, catalog.offerings, exclude, memo, cap), catalog.offerings, exclude, cap)
    if save:
        session.save(save, "suggest", result, {"person": person, "years": list(years), "require": list(require),
                                               "exclude": list(exclude), "time_limit": time_limit,
                                               "since": since, "robust": robust},
                     plan_json(result, session.lang))
    session.emit(lambda fmt: render(result, fmt, session.lang, session.color))
    finish(started, time_limit)      # the cache entries held, if the limit leaves the time
