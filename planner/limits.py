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

from pydantic import AfterValidator, BeforeValidator, Field

from . import tenths as q
from .bounds import (FIRST_DAY, LAST_DAY, MAX_BUDGET, MAX_CHARACTERS, MAX_COST, MAX_COUNT,  # noqa: F401
                     MAX_CYCLE, MAX_DAYS, MAX_EFFORT, MAX_FEE, MAX_HORIZON, MAX_HOURS, MAX_SEATS)
from .errors import PlannerError
from .i18n import t


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


Tenths = Annotated[int, BeforeValidator(_bounded(q.to_tenths, MAX_HOURS))]
RateTenths = Annotated[int, BeforeValidator(_bounded(q.to_tenths, MAX_HOURS, nonnegative=True))]
Halves = Annotated[int, BeforeValidator(_bounded(q.to_halves, MAX_DAYS))]
Fen = Annotated[int, BeforeValidator(_bounded(q.to_fen, MAX_FEE, nonnegative=True))]
BudgetFen = Annotated[int, BeforeValidator(_bounded(q.to_fen, MAX_BUDGET, nonnegative=True))]
CostFen = Annotated[int, BeforeValidator(_bounded(q.to_fen, MAX_COST, nonnegative=True))]
Minutes = Annotated[int, BeforeValidator(_bounded(q.to_minutes, MAX_EFFORT, nonnegative=True))]
Count = Annotated[int, BeforeValidator(_no_bool), Field(le=MAX_COUNT)]
Characters = Annotated[int, BeforeValidator(_no_bool), Field(gt=0, le=MAX_CHARACTERS)]
Seats = Annotated[int, BeforeValidator(_no_bool), Field(ge=0, le=MAX_SEATS)]
Year = Annotated[int, BeforeValidator(_no_bool), Field(ge=FIRST_DAY.year, le=LAST_DAY.year)]
Day = Annotated[dt.date, AfterValidator(_in_range)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Ratio = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Percent = Annotated[int, BeforeValidator(_no_bool), Field(ge=0, le=100)]


SOLVER_SAFE = 2 ** 53              # CP-SAT works in int64 and checks sums for overflow: stay far below


def solver_safe(values, what) -> int:
    """The sum of a constraint's coefficients, or bad input when it could
    overflow the solver (the limits above keep every real file far from it)."""
    total = sum(abs(v) for v in values)
    if total >= SOLVER_SAFE:
        raise PlannerError(t("errors.sum_too_large", what=what))
    return total
