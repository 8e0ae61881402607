"""`planner record add`: append one record to a person's file, validated."""
from __future__ import annotations

import click

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
@click.option("--person", required=True)
@click.option("--route", required=True)
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
    from ..credits import credit
    from ..render.jsonout import dumps
    from ..messages import messages
    from ..errors import PlannerError
    from ..i18n import t
    from ..files import workspace_lock, write_atomic
    from ..recordfile import append_record, encode
    from ..tenths import hours, show_short
    from ..workspace import parse_person
    from ..yamlio import decode, read_bytes

    if session.out is not None:
        raise PlannerError(t("errors.record_no_out"))
    root = session.writable_root("what.record_add")
    with workspace_lock(root):               # read, check and write under the lock: never from a stale read
        pf = session.workspace.files.get(person)
        if pf is None:
            session.workspace.person(person)       # raises: unknown person, naming the known ones
        raw = read_bytes(pf.path, pf.shown)
        text, encoding = decode(raw, pf.shown)
        before = parse_person(text, pf.shown, session.policy)
        entry = {"route": route, "title": title, **fields}
        new_text = append_record(text, entry, pf.shown)
        updated = parse_person(new_text, pf.shown, session.policy)   # exit 2 naming file, record, field
        if len(updated.records) != len(before.records) + 1:
            raise PlannerError(t("errors.cannot_add"), file=pf.shown, field="records")
        added = updated.records[-1]
        index = len(updated.records) - 1
        earned = credit(added, session.policy, updated.specialty)
        write_atomic(pf.path, encode(new_text, encoding, raw), pf.shown)
    if session.fmt == "json":
        session.out = None
        session.emit(dumps({"person": updated.id, "file": pf.shown, "index": index, "route": added.route,
                            "title": added.title, "year": added.credit_year, "hours": hours(earned.tenths)}))
    elif not session.quiet:
        m = messages(session.lang)
        click.echo(m.record.added.format(file=pf.shown, number=index + 1, title=added.title, route=added.route,
                                         hours=show_short(earned.tenths)))
