"""The parsing layer: a file's data into the domain models, through pydantic
(imported here, when a file is parsed, and nowhere in the models themselves).

One parser per type, built on first use; its errors are raised as `Invalid`,
carrying pydantic's error, which planner.validation words for the user.
"""
from __future__ import annotations

from functools import lru_cache


class Invalid(ValueError):
    """Data that does not make a model; `error` is pydantic's ValidationError."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


@lru_cache(maxsize=None)
def _adapter(kind):
    from pydantic import TypeAdapter
    return TypeAdapter(kind)


def validate(kind, data):
    """`data` (a file's mapping, or a list for `list[Model]`) as `kind`, checked
    and converted; else Invalid."""
    from pydantic import ValidationError
    try:
        return _adapter(kind).validate_python(data)
    except ValidationError as err:
        raise Invalid(err) from None
