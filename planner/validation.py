"""Turning pydantic's complaints into one sentence in the user's words."""
from __future__ import annotations

from .errors import FieldError, PlannerError
from .i18n import Phrase, t

_TYPE_WORDS = {   # pydantic's error type -> errors.types.<key> in the catalogues
    "missing": "missing", "extra_forbidden": "extra_forbidden", "unexpected_keyword_argument": "extra_forbidden",
    "int_parsing": "whole", "int_type": "whole", "int_from_float": "whole",
    "float_parsing": "number", "float_type": "number", "finite_number": "finite", "decimal_parsing": "number",
    "string_type": "text", "bool_parsing": "bool", "bool_type": "bool",
    "date_parsing": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date", "date_type": "date",
    "dict_type": "mapping", "model_type": "mapping", "model_attributes_type": "mapping",
    "dataclass_type": "mapping", "dataclass_args_type": "mapping",
    "list_type": "list", "tuple_type": "list", "literal_error": "literal",
}
_COMPARE = ("greater_than_equal", "greater_than", "less_than_equal", "less_than")


def phrase_of(exc) -> "Phrase | str":
    """The words a model's check raised: a FieldError's or ValueError's Phrase."""
    if getattr(exc, "phrase", None) is not None:
        return exc.phrase
    if getattr(exc, "args", None) and isinstance(exc.args[0], Phrase):
        return exc.args[0]
    return str(exc)


def _words(error: dict):
    kind = error["type"]
    value = error.get("input")
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        return phrase_of(cause) if cause is not None else error["msg"]
    if kind in _COMPARE:
        limit = next(iter(error.get("ctx", {}).values()), "")
        return t(f"errors.compare.{kind}", limit=limit, value=repr(value))
    if kind not in _TYPE_WORDS:
        return error["msg"]
    words = t(f"errors.types.{_TYPE_WORDS[kind]}")
    if _TYPE_WORDS[kind] not in ("missing", "extra_forbidden") and value is not None and not isinstance(value, (dict, list)):
        return t("errors.type_got", words=words, value=repr(value))
    return words


def describe(err, shown: str, data, records_key: str = "records") -> PlannerError:
    """The first error of a validation (planner.models.parse.Invalid, or
    pydantic's ValidationError), placed at its file, record and field."""
    error = getattr(err, "error", err).errors(include_url=False)[0]
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
