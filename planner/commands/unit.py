"""`planner unit`: the HR office plans its whole unit's year together."""
from __future__ import annotations

import click

from . import complete
from .session import Positive, SECONDS, SEED, YEAR, Session, command_start, common_options, finish
from .words import Command
from .session import FORMATS


@click.command(cls=Command)
@click.option("--unit", "unit_id", required=True, shell_complete=complete.units)
@click.option("--year", type=YEAR, default=None)
@click.option("--work", type=Positive(10 ** 6), default=None, metavar="UNITS")
@click.option("--time-limit", type=SECONDS, default=600.0, show_default=True,
              metavar="SECONDS")
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--save", type=click.Path(dir_okay=False), default=None, metavar="PLAN.json")
@click.option("--per-person", is_flag=True)
@click.option("--limit-values", is_flag=True)
@click.option("--since", "since", type=click.Path(dir_okay=False), default=None, metavar="PLAN.json")
@click.option("--robust", is_flag=True)
@common_options(FORMATS + ("ics", "xlsx"))
def unit(session: Session, unit_id: str, year, work, time_limit, seed, save, per_person, limit_values, since,
         robust):
    """Plan a unit's year: who attends what and which unit trainings to hold,
    within seats, per-department away limits and the unit budget, at the
    least total staff effort, then the least cost.

    Staff are the persons whose `unit` is the id. Everyone who can meet the
    year's targets (and the B cycle when the year ends one) does; anyone who
    cannot gets the plan that leaves them least short, with the reason. The
    plan reports its effort, a proven lower bound and the gap; `optimal`
    only when proven.

    \b
    Example:
        planner unit --unit U-HZ --year 2027 --today 2026-11-27
        planner unit --unit U-HZ --year 2027 --format xlsx --out plan.xlsx
        planner unit --unit U-HZ --year 2027 --format json --work 20
        planner unit --unit U-HZ --year 2027 --format ics --out unit.ics
        planner unit --unit U-HZ --year 2027 --limit-values --format json
        planner unit --unit U-HZ --year 2027 --since plan.json
        planner unit --unit U-HZ --year 2027 --robust
    """
    started = command_start()     # --time-limit counts from the process's start: reading the inputs is under it
    from ..errors import PlannerError
    from ..i18n import Both, t
    from ..render.formats import render
    from ..render.unit_lines import gap_line_words, status_line_words

    the_unit = session.workspace.unit(unit_id)
    staff = session.workspace.staff(unit_id)
    from ..workspace import training_clash
    clash = training_clash(session.data_path, the_unit, session.catalog, session.policy)
    if clash is not None:
        raise clash
    planned = year if year is not None else session.today.year
    if planned < session.policy.first_year:
        raise PlannerError(t("errors.year_before_policy", year=planned, first=session.policy.first_year))
    previous = None
    if since is not None:
        from ..previous import read_previous_unit
        previous = read_previous_unit(since)
    # the one spinner is common_options' (working...), around the whole command
    result = _plan(session, the_unit, staff, planned, started, dict(time_limit=time_limit, seed=seed, work=work),
                   previous, robust, limit_values, saving=save is not None)
    session.status("info.unit_solved", status=Both(*status_line_words(result)),
                   met=result.people_met, staff=len(staff), seconds=f"{result.seconds:.1f}", work=f"{result.work:g}",
                   budget=f"{result.work_budget:g}", limit=f"{time_limit:g}", gap=Both(*gap_line_words(result)))
    if save:
        from ..render.unit_json import unit_json
        session.save(save, "unit", result, {"unit": unit_id, "year": planned, "work": result.work_budget,
                                            "time_limit": time_limit, "seed": seed, "since": since,
                                            "robust": robust},
                     unit_json(result, session.lang))
    session.emit(lambda fmt: render(result, fmt, session.lang, session.color, per_person=per_person))
    finish(started, time_limit)      # the cache entries held, if the limit leaves the time


def _plan(session: Session, the_unit, staff, planned: int, started: float, budget: dict, previous, robust: bool,
          limit_values: bool, saving: bool):
    """The unit's plan with its explanations; with --robust, the insurance
    against the plain plan; with --limit-values, what each full limit is worth
    (`saving`: --save PLAN.json, an output the search keeps time for)."""
    import dataclasses

    from ..unit.explain import explain_plan
    from ..unit.moves import Clock
    from ..unit.search import plan_unit
    solve = lambda insured, clock: plan_unit(the_unit, staff, session.policy, session.catalog.offerings, planned,
                                             session.today, since=previous, robust=insured, clock=clock, **budget)
    from ..plan.cap import output_reserve
    limit = budget["time_limit"]
    output = output_reserve(limit, session.formats, saving)       # the last search keeps the output's time
    # --robust: two searches under the one cap, the insured plan first (half of it), then the plain one
    clock = Clock(limit / 2, started) if robust else Clock(limit, started, output)
    result = solve(robust, clock)
    if robust:
        from ..unit.prepare import insurance
        clock = Clock(limit, started, output)
        plain = solve(False, clock)
        result = dataclasses.replace(result, robust=insurance(result, plain),
                                     deterministic=result.deterministic and plain.deterministic)
    result = explain_plan(result, deadline=clock.explain_by)   # every format of one solve says the same
    if limit_values:
        from ..unit.values import limit_values as values_of
        result = dataclasses.replace(result, values=values_of(result, staff, session.catalog.offerings,
                                                              robust=robust, started=started, **budget))
    return result
