"""`planner import`: a unit's staff roster into person files and the unit file."""
from __future__ import annotations

from pathlib import Path

import click

from . import complete
from .session import YEAR, Session, common_options
from .words import Command


@click.command(name="import", cls=Command)
@click.argument("roster", type=click.Path(dir_okay=False))
@click.option("--unit", "unit_id", required=True, shell_complete=complete.units)
@click.option("--year", type=YEAR, default=None)
@click.option("--sheet", default=None)
@click.option("--unit-name", default=None)
@click.option("--specialty", default=None)
@common_options(("text", "json"))
def import_(session: Session, roster: str, unit_id: str, year, sheet, unit_name, specialty):
    """Create or update the unit's person files, and units/ID.yaml, from a
    staff roster (.xlsx, .xls or .csv) as offices keep it: one row per
    person with id (工号), name (姓名), department (部门), specialty (专业)
    and one column per route (A类, B类1, C类5, 公需科目 ...) holding the
    hours already registered that year (登记学时). Title rows, instructions
    and hidden sheets, and columns such as 序号, 合计, 备注 are passed over.

    Each cell becomes one record with `hours` and `source: roster`, nothing
    invented. Every bad cell is named by row and column; nothing is written
    unless every row is good, and then every file or none. Existing files
    keep every line the user wrote; records an earlier import wrote for the
    same year are replaced.

    \b
    Example:
        planner import 学时登记表.xls --unit U-HZ --data myunit --year 2026
        planner import roster.csv --unit U-HZ --data myunit
    """
    from ..errors import PlannerError
    from ..i18n import t
    from ..files import workspace_lock
    from ..render.jsonout import dumps
    from ..roster import commit, notices, plan_import, read_roster
    from ..roster.words import say

    if session.out is not None:
        raise PlannerError(t("errors.import_no_out"))
    root = session.writable_root("what.import")
    the_year = year if year is not None else session.today.year
    path = Path(roster)
    lang = session.lang
    people = read_roster(path, session.policy, sheet, lang)
    with workspace_lock(session.data_path):      # the workspace is read and written under the lock
        plan = plan_import(people, session.workspace, unit_id, session.policy, the_year, unit_name, str(path), lang,
                           specialty)
        commit(plan, root, lang)
    unit = plan.unit
    if session.fmt == "json":
        session.emit(dumps({"unit": unit_id, "year": the_year, "created": plan.created,
                            "updated": plan.updated, "unchanged": plan.unchanged,
                            "records": plan.records, "unit_file": {"path": str(unit.path), "status": unit.status,
                                                                   "departments": list(unit.departments)},
                            "ignored_columns": list(people.ignored)}))
        return
    if not session.quiet:
        for line in notices(people, lang):
            click.echo(line, err=True)
    status = say(lang, f"unit_status.{unit.status}", path=unit.path, departments=", ".join(unit.departments) or "-")
    summary = say(lang, "summary", unit=unit_id, created=len(plan.created), updated=len(plan.updated),
                  unchanged=len(plan.unchanged), records=plan.records, year=the_year)
    session.emit(f"{summary}\n{status}\n")
