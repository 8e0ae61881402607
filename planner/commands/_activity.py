"""Command-line options for an activity's fields (shared by `credit` and
`record add`), taken from the Activity model so no route knowledge lives here."""
from __future__ import annotations

import functools

import click
from pydantic import ValidationError

from ..checks import check_activity
from ..errors import PlannerError
from ..models import Activity, Policy, Record
from ..validation import describe

# the model's fields a user may give, in the contract's order (route and title are arguments)
FIELDS = tuple(name for name in Activity.model_fields if name not in ("route", "title"))
RECORD_FIELDS = ("offering", "specialty", "evidence", "registrar", "note", "source")

HELP = {
    "year": "Year (for undated items).", "date": "Date YYYY-MM-DD.", "start": "First day YYYY-MM-DD.",
    "end": "Last day YYYY-MM-DD.", "days": "Days (0.5 steps).",
    "hours": "Listed hours; on any route, the hours already registered (登记学时), used as given.",
    "source": "Where registered hours were copied from (roster, registry, ...).",
    "offering": "Catalogue offering id it completed.", "evidence": "Certificate or proof.",
    "registrar": "Who registers it.", "note": "Free note.",
    "specialty": "Your specialty when you did it (default: the person's).",
}


def activity_options(fields=FIELDS):
    """Add one `--field` text option per activity field; the values arrive in
    a dict `fields` (only those given, as the user wrote them)."""
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            given = {name: kwargs.pop(name) for name in fields if kwargs.get(name) is not None}
            for name in fields:
                kwargs.pop(name, None)
            return func(*args, fields=given, **kwargs)
        for name in reversed(fields):
            wrapper = click.option(f"--{name}", default=None, metavar="VALUE",
                                   help=HELP.get(name, f"The `{name}` field."))(wrapper)
        return wrapper
    return decorate


def build(model, data: dict, policy: Policy, shown: str = "command line"):
    """Validate `data` as `model` (Activity or Record) and against the policy;
    bad input is a PlannerError naming the field."""
    from ..vocab import normalise_item
    data = normalise_item(data, policy)
    try:
        item = model.model_validate(data)
    except ValidationError as err:
        raise describe(err, shown, data) from None
    problem = check_activity(item, policy)
    if problem:
        raise PlannerError(problem[1], file=shown, field=problem[0])
    return item


__all__ = ["FIELDS", "RECORD_FIELDS", "activity_options", "build", "Record"]
