"""The sense limits of every figure a user writes, and the exact types that
carry them (hours in tenths, days in halves, money in fen, effort in minutes).

These are not rules of any policy: they bound what any policy can produce or
anyone can mean (no activity earns 1,000 hours; no course costs a million
yuan; the records of this tool live between 2000 and 2100), so that a typo
is bad input naming its field and no figure can overflow the solver.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from . import tenths as q
from .bounds import (FIRST_DAY, LAST_DAY, MAX_BUDGET, MAX_CHARACTERS, MAX_COST, MAX_COUNT,  # noqa: F401
                     MAX_CYCLE, MAX_DAYS, MAX_EFFORT, MAX_FEE, MAX_HORIZON, MAX_HOURS, MAX_SEATS)
from .errors import PlannerError
from .i18n import t


class Parsed:
    """Metadata of an annotated type that only the parser reads: a check or
    conversion before (`before`) or after (`after`) the type's own, and
    constraints (`le`, `ge`, `gt`, `allow_inf_nan`). Pydantic asks for its
    schema when it builds a parser; nothing here imports pydantic before that."""

    def __init__(self, before=None, after=None, **constraints):
        self.before, self.after, self.constraints = before, after, constraints

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic import AfterValidator, BeforeValidator, Field
        meta = [BeforeValidator(self.before)] if self.before else []
        meta += [Field(**self.constraints)] if self.constraints else []
        meta += [AfterValidator(self.after)] if self.after else []
        return handler(Annotated[(source, *meta)])


def _no_bool(value):
    if isinstance(value, bool):
        raise ValueError(t("errors.number", value=repr(value)))
    return value


def _bounded(convert, high, *, nonnegative: bool = False):
    """`convert` (a tenths.to_* function) after checking the user's figure
    against `high` (and 0), in the user's own units."""
    def check(value):
        number = q.number(value)
        if number > high:
            raise ValueError(t("errors.too_large", value=value, high=f"{high:,}"))
        if nonnegative and number < 0:
            raise ValueError(t("errors.negative", value=value))
        return convert(value)
    return check


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(t("errors.day_outside", day=day, first=FIRST_DAY.year, last=LAST_DAY.year))
    return day


Tenths = Annotated[int, Parsed(before=_bounded(q.to_tenths, MAX_HOURS))]
RateTenths = Annotated[int, Parsed(before=_bounded(q.to_tenths, MAX_HOURS, nonnegative=True))]
Halves = Annotated[int, Parsed(before=_bounded(q.to_halves, MAX_DAYS))]
Fen = Annotated[int, Parsed(before=_bounded(q.to_fen, MAX_FEE, nonnegative=True))]
BudgetFen = Annotated[int, Parsed(before=_bounded(q.to_fen, MAX_BUDGET, nonnegative=True))]
CostFen = Annotated[int, Parsed(before=_bounded(q.to_fen, MAX_COST, nonnegative=True))]
Minutes = Annotated[int, Parsed(before=_bounded(q.to_minutes, MAX_EFFORT, nonnegative=True))]
Count = Annotated[int, Parsed(before=_no_bool, le=MAX_COUNT)]
Characters = Annotated[int, Parsed(before=_no_bool, gt=0, le=MAX_CHARACTERS)]
Seats = Annotated[int, Parsed(before=_no_bool, ge=0, le=MAX_SEATS)]
Year = Annotated[int, Parsed(before=_no_bool, ge=FIRST_DAY.year, le=LAST_DAY.year)]
Day = Annotated[dt.date, Parsed(after=_in_range)]
Share = Annotated[float, Parsed(ge=0, le=1, allow_inf_nan=False)]
Ratio = Annotated[float, Parsed(ge=0, le=100, allow_inf_nan=False)]
Percent = Annotated[int, Parsed(before=_no_bool, ge=0, le=100)]


SOLVER_SAFE = 2 ** 53              # CP-SAT works in int64 and checks sums for overflow: stay far below


def solver_safe(values, what) -> int:
    """The sum of a constraint's coefficients, or bad input when it could
    overflow the solver (the limits above keep every real file far from it)."""
    total = sum(abs(v) for v in values)
    if total >= SOLVER_SAFE:
        raise PlannerError(t("errors.sum_too_large", what=what))
    return total
