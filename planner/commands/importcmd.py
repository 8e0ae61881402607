"""`planner import`: a unit's staff roster into person files."""
from __future__ import annotations

from pathlib import Path

import click

from .session import Session, common_options
from .words import Command


@click.command(name="import", cls=Command)
@click.argument("roster", type=click.Path(dir_okay=False))
@click.option("--unit", "unit_id", required=True)
@click.option("--year", type=int, default=None)
@common_options(("text", "json"))
def import_(session: Session, roster: str, unit_id: str, year):
    """Create or update the unit's person files from a staff roster (.xlsx
    or .csv): one row per person with id, name, department, specialty and
    one column per route code holding the hours already earned that year.

    Every bad cell is named by row and column; nothing is written unless
    every row is good. Existing person files keep every line the user wrote;
    records an earlier import wrote for the same year are replaced.

    \b
    Example:
        planner import roster.xlsx --unit U-HZ --data myunit --year 2026
        planner import roster.csv --unit U-HZ --data myunit
    """
    from ..errors import PlannerError
    from ..files import workspace_lock
    from ..i18n import t
    from ..render.jsonout import dumps
    from ..roster import parse_roster, plan_import, read_rows, write_all

    if session.out is not None:
        raise PlannerError(t("errors.import_no_out"))
    session.writable_root("what.import")
    the_year = year if year is not None else session.today.year
    path = Path(roster)
    people = parse_roster(read_rows(path), str(path), session.policy, the_year)
    with workspace_lock(session.data_path):      # the workspace is read and written under the lock
        writes, result = plan_import(people, session.workspace, unit_id, session.policy, the_year)
        write_all(writes)
    if session.fmt == "json":
        session.emit(dumps({"unit": unit_id, "year": the_year, "created": result.created,
                            "updated": result.updated, "unchanged": result.unchanged,
                            "records": result.records}))
    else:
        session.emit(t("info.imported", unit=unit_id, created=len(result.created), updated=len(result.updated),
                       unchanged=len(result.unchanged), records=result.records, year=the_year).render(session.lang)
                     + "\n")
