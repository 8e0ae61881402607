"""`planner record add`: append one record to a person's file, validated."""
from __future__ import annotations

import click

from . import complete
from .session import Session, common_options
from .words import Group
from ._activity import FIELDS, RECORD_FIELDS, activity_options


@click.group(cls=Group)
def record():
    """Change a person's records (the file stays as the user wrote it).

    \b
    Example:
        planner record add --data ws --person P001 --route C5 --title 论文 --year 2026 --venue core --rank 2
    """


@record.command("add")
@click.option("--person", required=True, shell_complete=complete.people)
@click.option("--route", required=True, shell_complete=complete.routes)
@click.option("--title", required=True)
@activity_options(FIELDS + RECORD_FIELDS)
@common_options(formats=("text", "json"))
def add(session: Session, person: str, route: str, title: str, fields: dict):
    """Append one record to people/<ID>.yaml: checked against the policy (the
    whole file is re-read as it would be after the change), then written
    atomically. Every other line and comment, the encoding and the line ends
    stay as they were; the record is one `- {...}` line at the end of
    `records:`. Give the fields its route prices by; a record carries a
    `date`, `start`/`end` or a `year`.

    \b
    Example:
        planner record add --data ws --person P001 --route C5 --title 论文 --year 2026 --venue core --rank 2
        planner record add --data ws --person P001 --route B3 --title 学术年会 --date 2026-09-09 --days 1 --kind conference --society surveying
    """
    from ..errors import PlannerError
    from ..i18n import t
    from ..messages import messages
    from ..recordadd import add_record
    from ..render.jsonout import dumps
    from ..tenths import hours, show_short

    if session.out is not None:
        raise PlannerError(t("errors.record_no_out"))
    root = session.writable_root("what.record_add")
    pf = session.workspace.files.get(person)
    if pf is None:
        session.workspace.person(person)       # raises: unknown person, naming the known ones
    done = add_record(root, pf.path, pf.shown, {"route": route, "title": title, **fields}, session.policy)
    if session.fmt == "json":
        session.out = None
        session.emit(dumps({"person": done.person.id, "file": pf.shown, "index": done.index,
                            "route": done.record.route, "title": done.record.title,
                            "year": done.record.credit_year, "hours": hours(done.credit.tenths)}))
    elif not session.quiet:
        m = messages(session.lang)
        click.echo(m.record.added.format(file=pf.shown, number=done.index + 1, title=done.record.title,
                                         route=done.record.route, hours=show_short(done.credit.tenths)))
