"""`planner import`: a unit's staff roster into person files."""
from __future__ import annotations

from pathlib import Path

import click

from .session import Session, common_options


@click.command(name="import")
@click.argument("roster", type=click.Path(dir_okay=False))
@click.option("--unit", "unit_id", required=True, help="Unit id the staff belong to (written as `unit:`).")
@click.option("--year", type=int, default=None,
              help="Year of the hours in the route columns (default: the year of --today).")
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
    from ..render.jsonout import dumps
    from ..roster import parse_roster, plan_import, read_rows, write_all

    if session.out is not None:
        raise PlannerError("import writes person files in the workspace; --out is not used here")
    session.writable_root("whose people/ the roster writes into")
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
        session.emit(f"{unit_id}: {len(result.created)} created, {len(result.updated)} updated, "
                     f"{len(result.unchanged)} unchanged, {result.records} records for {the_year}\n")
