"""`planner unit`: the HR office plans its whole unit's year together."""
from __future__ import annotations

import time

import click

from .session import Positive, SECONDS, SEED, YEAR, Session, common_options
from ..render.formats import FORMATS


@click.command()
@click.option("--unit", "unit_id", required=True, help="Unit id (units/<ID>.yaml in the workspace).")
@click.option("--year", type=YEAR, default=None, help="Year to plan (default: the year of --today).")
@click.option("--work", type=Positive(10 ** 6), default=None, metavar="UNITS",
              help="Search budget in CP-SAT deterministic seconds (default: by unit size, see "
                   "docs/benchmarks.md); the same budget gives the same plan on every run.")
@click.option("--time-limit", type=SECONDS, default=600.0, show_default=True,
              metavar="SECONDS", help="Safety cap on wall-clock time; a plan it cuts says so and may differ "
                                      "from run to run.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the neighbourhood search.")
@click.option("--save", type=click.Path(dir_okay=False), default=None, metavar="PLAN.json",
              help="Also keep the solved plan, with a fingerprint of its inputs, for `planner render`.")
@click.option("--per-person", is_flag=True, help="In the workbook, also one sheet per staff member.")
@click.option("--limit-values", is_flag=True,
              help="Also what each full limit is worth: the effort one more seat, one more person away a day "
                   "or 1,000 more yuan would save (each re-solved), and the demand per offering.")
@common_options(FORMATS + ("ics", "xlsx"))
def unit(session: Session, unit_id: str, year, work, time_limit, seed, save, per_person, limit_values):
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
    """
    from ..errors import PlannerError
    from ..unit.search import plan_unit
    from ..render.formats import render
    from ..render.unit import unit_json
    from ..unit.explain import explain_plan

    if session.fmt == "xlsx" and session.out is None:
        raise PlannerError("--format xlsx writes a spreadsheet: give --out FILE.xlsx")
    the_unit = session.workspace.unit(unit_id)
    staff = session.workspace.staff(unit_id)
    planned = year if year is not None else session.today.year
    if planned < session.policy.first_year:
        raise PlannerError(f"--year {planned} is before the policy took effect ({session.policy.first_year})")
    started = time.perf_counter()
    # the one spinner is common_options' (working...), around the whole command
    result = plan_unit(the_unit, staff, session.policy, session.catalog.offerings, planned,
                       session.today, time_limit=time_limit, seed=seed, work=work)
    result = explain_plan(result, deadline=started + time_limit)   # every format of one solve says the same
    if limit_values:
        import dataclasses
        from ..unit.values import limit_values as values_of
        result = dataclasses.replace(result, values=values_of(result, staff, session.catalog.offerings,
                                                              work=work, seed=seed, time_limit=time_limit))
    if not session.quiet:
        click.echo(f"{result.status}: {result.people_met}/{len(staff)} staff meet every target, "
                   f"{result.seconds:.1f} s (work {result.work:g} of {result.work_budget:g}, "
                   f"limit {time_limit:g} s), gap {result.gap * 100:.2f}%", err=True)
    if save:
        session.save(save, "unit", result, {"unit": unit_id, "year": planned, "work": result.work_budget,
                                            "time_limit": time_limit, "seed": seed},
                     unit_json(result, session.lang))
    session.emit(lambda fmt: render(result, fmt, session.lang, session.color, per_person=per_person))
