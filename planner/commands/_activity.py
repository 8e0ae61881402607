"""Command-line options for an activity's fields (shared by `credit` and
`record add`), taken from the Activity model so no route knowledge lives here."""
from __future__ import annotations

import functools

import click

# the Activity model's fields a user may give, in the contract's order (route
# and title are arguments); written out so that building the command line
# does not import the models (tests/test_cli_words.py keeps it in step)
FIELDS = ("year", "date", "start", "end", "days", "hours", "platform", "level", "organizer", "kind",
          "society", "venue", "rank", "characters", "subjects", "courses")
RECORD_FIELDS = ("offering", "specialty", "evidence", "registrar", "note", "source")


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
            wrapper = click.option(f"--{name}", default=None, metavar="VALUE")(wrapper)
        return wrapper
    return decorate


def build(model, data: dict, policy, shown=None):
    """Validate `data` as `model` (Activity or Record) and against the policy;
    bad input is a PlannerError naming the field."""
    from ..checks import check_activity
    from ..errors import PlannerError
    from ..i18n import t
    from ..models.parse import Invalid
    from ..validation import describe
    from ..vocab import normalise_item
    shown = shown or t("where.command_line")
    data = normalise_item(data, policy)
    try:
        item = model.parse(data)
    except Invalid as err:
        raise describe(err, shown, data) from None
    problem = check_activity(item, policy)
    if problem:
        raise PlannerError(problem[1], file=shown, field=problem[0])
    return item


__all__ = ["FIELDS", "RECORD_FIELDS", "activity_options", "build"]
