"""What a person did (Record) and what a catalogue offers (Offering), and the
dated, priced Activity they share: a route and the fields its credit reads.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from .. import tenths as q
from ..errors import FieldError
from ..i18n import t
from ..limits import Characters, Count, Day, Fen, Halves, Minutes, Parsed, Seats, Tenths, Year
from .base import Frozen, checked, model

POSITIVE = {"days": "errors.days_positive", "hours": "errors.hours_positive"}


def _as_words(value):
    """A number written where words belong (a spreadsheet's title 2024, a
    reason 404) is taken as its words."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Words = Annotated[str, Parsed(before=_as_words)]


def _id_text(value):
    """An id written as a number (`id: 2024001`) is its digits."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Ident = Annotated[str, Parsed(before=_id_text)]


@model
class Dated(Frozen):
    """When something happens: one `date` (the completion day) or a `start`
    .. `end` range, with the `days` it takes (in halves), or, undated, the
    `year` it counts in (an activity needs one or the other; a unit training
    a date: workspace.training_problem). Records, offerings and a unit's own
    trainings."""
    year: Optional[Year] = None
    date: Optional[Day] = None
    start: Optional[Day] = None
    end: Optional[Day] = None
    days: Optional[Halves] = None          # in half days

    def __post_init__(self):
        for name, words in POSITIVE.items():
            value = getattr(self, name, None)
            if value is not None and value <= 0:
                raise FieldError(name, t(words))
        self._check_dates()

    def _check_dates(self) -> None:
        if self.date and (self.start or self.end):
            raise FieldError("date", t("errors.date_or_range"))
        if self.end and not self.start:
            raise FieldError("start", t("errors.end_needs_start"))
        if self.start and not self.end:
            raise FieldError("end", t("errors.start_needs_end"))
        if self.start and self.end and self.end < self.start:
            raise FieldError("end", t("errors.end_before_start", end=self.end, start=self.start))
        if self.year is not None and self.last_day is not None and self.year != self.last_day.year:
            raise FieldError("year", t("errors.year_mismatch", year=self.year, day=self.last_day))
        if self.days is not None and self.start is not None and self.days > 2 * self.span_days:
            raise FieldError("days", t("errors.days_over_span", days=q.show_short(self.days * 5), span=self.span_days,
                                       first=self.first_day, last=self.last_day))

    @property
    def first_day(self) -> Optional[dt.date]:
        """The first day: `start`, or for one `date` with `days` (the
        completion date), the day that makes `days` end on it."""
        if self.start is not None or self.date is None:
            return self.start
        if self.days is None:
            return self.date
        return self.date - dt.timedelta(days=(self.days + 1) // 2 - 1)

    @property
    def last_day(self) -> Optional[dt.date]:
        """The completion date, when the item is dated."""
        return self.end or self.date

    @property
    def span_days(self) -> int:
        if self.first_day is None:
            return 0
        return (self.last_day - self.first_day).days + 1

    @property
    def dated(self) -> bool:
        return self.first_day is not None

    @property
    def credit_year(self) -> int:
        """An activity counts in the year it ends; undated ones carry a year."""
        return self.last_day.year if self.last_day else self.year

    @property
    def halves(self) -> Optional[int]:
        """Duration in half days: `days` when given, else the calendar span."""
        if self.days is not None:
            return self.days
        if self.first_day is not None:
            return 2 * self.span_days
        return None

    def dates(self) -> list[dt.date]:
        first = self.first_day              # a property: read once (10,000 unit trainings ask)
        if first is None:
            return []
        return [first + dt.timedelta(days=i) for i in range((self.last_day - first).days + 1)]


@model
class Activity(Dated):
    """What records and offerings share: a route, and the fields that price it."""
    route: str
    title: Words
    hours: Optional[Tenths] = None         # listed hours, in tenths
    platform: Optional[str] = None
    level: Optional[str] = None
    organizer: Optional[str] = None
    kind: Optional[str] = None
    society: Optional[str] = None
    venue: Optional[str] = None
    rank: Optional[Count] = checked(None, ge=1)
    characters: Optional[Characters] = None
    subjects: Optional[Count] = checked(None, ge=1)
    courses: Optional[Count] = checked(None, ge=1)

    def __post_init__(self):
        super().__post_init__()
        if self.first_day is None and self.year is None:
            raise FieldError("year", t("errors.no_date"))


# a record's `status` (registration.py tells what each one counts)
REGISTERED, PENDING, REJECTED, BOOKED = "registered", "pending", "rejected", "booked"
REGISTRATION_STATES = (REGISTERED, PENDING, REJECTED, BOOKED)


@model
class Record(Activity):
    """Something a person has done, or has booked (`status`, see registration.py).

    `hours` on a route whose credit is not the listed hours (or any `hours`
    beside a `source`) is the figure the registrar already recorded
    (登记学时): it is used as given, under the route's cap, with no formula;
    `source` says where it was copied from (roster, registry, ...)."""
    offering: Optional[str] = None
    specialty: Optional[str] = None        # the person's specialty when they did it (default: theirs)
    evidence: Optional[str] = None
    registrar: Optional[str] = None
    note: Optional[str] = None
    status: Optional[Literal[REGISTRATION_STATES]] = None
    reason: Optional[Words] = None             # why the registrar rejected it (status: rejected)
    source: Optional[str] = None

    def __post_init__(self):
        if self.source is not None and not self.source.strip():
            raise FieldError("source", t("errors.source_empty"))
        super().__post_init__()
        if self.reason is not None and self.status != REJECTED:
            raise FieldError("reason", t("errors.reason_not_rejected"))
        if self.status == BOOKED and not self.offering:
            raise FieldError("offering", t("errors.booked_needs_offering"))


@model
class Offering(Activity):
    """Something a catalogue offers to plan."""
    id: Ident
    fee: Fen = 0
    effort_hours: Optional[Minutes] = None     # in minutes
    seats: Optional[Seats] = None
    specialties: Optional[tuple[str, ...]] = None
    online: Optional[bool] = None
    note: Optional[str] = None

    def __post_init__(self):
        if self.fee < 0:
            raise FieldError("fee", t("errors.fee_negative"))
        super().__post_init__()
