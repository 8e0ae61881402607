"""Turning pydantic's complaints into one sentence in the user's words."""
from __future__ import annotations

from pydantic import ValidationError

from .errors import FieldError, PlannerError

_TYPE_WORDS = {
    "missing": "is missing (required)",
    "extra_forbidden": "is not a known field",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "decimal_parsing": "expected a number",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "date_parsing": "not a valid date (write YYYY-MM-DD)",
    "date_from_datetime_parsing": "not a valid date (write YYYY-MM-DD)",
    "date_from_datetime_inexact": "not a valid date (write YYYY-MM-DD)",
    "date_type": "not a valid date (write YYYY-MM-DD)",
    "dict_type": "expected a mapping (key: value lines)",
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "literal_error": "not one of the allowed values",
}


def _words(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        limit = next(iter(error.get("ctx", {}).values()), "")
        rel = {"greater_than_equal": "at least", "greater_than": "more than",
               "less_than_equal": "at most", "less_than": "less than"}[kind]
        return f"must be {rel} {limit}, got {value!r}"
    words = _TYPE_WORDS.get(kind, error["msg"])
    if kind not in ("missing", "extra_forbidden") and value is not None and not isinstance(value, (dict, list)):
        words += f", got {value!r}"
    return words


def describe(err: ValidationError, shown: str, data, records_key: str = "records") -> PlannerError:
    """The first error of a validation, placed at its file, record and field."""
    error = err.errors(include_url=False)[0]
    loc = list(error["loc"])
    record = title = None
    if len(loc) >= 2 and loc[0] == records_key and isinstance(loc[1], int):
        record = loc[1]
        try:
            raw = data[records_key][record]
            title = raw.get("title") if isinstance(raw, dict) else None
        except (KeyError, IndexError, TypeError):
            pass
        loc = loc[2:]
    cause = error.get("ctx", {}).get("error")
    field = _dotted(loc, cause.field if isinstance(cause, FieldError) else None)
    message = _words(error)
    if record is not None:
        return PlannerError(message, file=shown, record=record, title=title, field=field,
                            collection=records_key)
    return PlannerError(message, file=shown, field=field)


def _dotted(loc: list, leaf: str | None) -> str | None:
    """A location as the user would write it: blackout[0].end."""
    parts = [p for p in loc if not str(p).startswith(("function-", "list[", "tuple["))]
    if leaf is not None:
        parts = [p for p in parts if p != leaf] + [leaf]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None
