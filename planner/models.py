"""Domain data, immutable. Knows nothing of the solver, the CLI or the templates.

Quantities are exact integers: hours in tenths, days in halves, effort in
minutes, money in fen. Field names follow docs/contract.md; a file's own
words (`hours: 4.8`, `days: 1.5`, `fee: 1200`) are converted on load.
"""
from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import tenths as q
from .errors import FieldError
from .i18n import t
from .limits import (BudgetFen, Characters, CostFen, Count, Day, Fen, Halves, Minutes, Percent,
                     RateTenths, Seats, Share, Tenths, Year, MAX_CYCLE)

__all__ = ["Count", "Fen", "Halves", "Minutes", "Tenths"]   # the exact types, from limits.py


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# ---------------------------------------------------------------- policy

class Category(Frozen):
    name: str
    name_en: str


class Target(Frozen):
    """A yearly minimum over the counted hours of some categories."""
    key: str
    categories: tuple[str, ...]
    hours: RateTenths
    article: str
    text: str
    text_en: str


class CycleRule(Frozen):
    """Fixed multi-year cycles in which some classes must reach `hours`."""
    anchor: Year
    length: int = Field(ge=1, le=MAX_CYCLE)
    hours: RateTenths
    classes: tuple[str, ...]
    article: str
    text: str
    text_en: str

    def start_of(self, year: int) -> int:
        return self.anchor + (year - self.anchor) // self.length * self.length

    def years_of(self, year: int) -> range:
        start = self.start_of(year)
        return range(start, start + self.length)


class RouteClass(Frozen):
    name: str
    name_en: str
    category: str


class Named(Frozen):
    """A code's words: its Chinese name, its English name, and the other ways
    people write it (short forms), all accepted where the code is (planner.vocab)."""
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()


class Platform(Named):
    pass


class Specialty(Named):
    platform: str


class EffortRule(Frozen):
    per_day_hours: Minutes          # effort of a dated in-person day, in minutes
    per_listed_hour: float = Field(ge=0, le=100, allow_inf_nan=False)   # effort hours per listed hour (online)


class Rate(Frozen):
    """How one value of a route's `by` field earns: a rate and its basis."""
    basis: Literal["listed", "item", "day", "count", "characters"]
    rate: Optional[RateTenths] = None
    field: Optional[str] = None      # count / characters: the quantity field
    unit: Optional[int] = Field(default=None, ge=1, le=1_000_000)   # characters per unit


class CreditRule(Frozen):
    basis: Literal["listed", "item", "day", "count", "characters"]
    by: Optional[str] = None
    rate: Optional[RateTenths] = None
    rates: Optional[dict[str, Union[Rate, RateTenths]]] = None
    field: Optional[str] = None
    unit: Optional[int] = Field(default=None, ge=1, le=1_000_000)
    ranked: bool = False

    @model_validator(mode="after")
    def _complete(self):
        if self.by and not self.rates:
            raise ValueError(t("errors.policy_rule", problem=t("errors.policy.by_needs_rates")))
        if not self.by and self.basis != "listed" and self.rate is None:
            raise ValueError(t("errors.policy_rule", problem=t("errors.policy.needs_rate_or_by", basis=self.basis)))
        for value in (self.rates or {None: None}):
            rate = self.rate_for(value)
            if rate.basis in ("count", "characters") and not rate.field:
                raise ValueError(t("errors.policy_rule", problem=t("errors.policy.needs_field", basis=rate.basis)))
            if rate.basis == "characters" and not rate.unit:
                raise ValueError(t("errors.policy_rule", problem=t("errors.policy.needs_unit")))
            if rate.basis != "listed" and rate.rate is None:
                raise ValueError(t("errors.policy_rule", problem=t("errors.policy.needs_rate", basis=rate.basis)))
        return self

    def rate_for(self, value: Optional[str]) -> Optional[Rate]:
        """The rate that applies to an item whose `by` field has `value`
        (built with model_construct: the numbers are already tenths)."""
        if not self.by:
            return Rate.model_construct(basis=self.basis, rate=self.rate, field=self.field, unit=self.unit)
        spec = (self.rates or {}).get(value)
        if spec is None:
            return None
        if isinstance(spec, Rate):
            return spec
        return Rate.model_construct(basis=self.basis, rate=spec, field=self.field, unit=self.unit)

    def required_fields(self) -> tuple[str, ...]:
        fields = []
        if self.by:
            fields.append(self.by)
        if self.basis == "listed":
            fields.append("hours")
        if self.field:
            fields.append(self.field)
        if self.ranked:
            fields.append("rank")
        return tuple(fields)


class Eligibility(Frozen):
    """A condition an item must meet to earn anything on its route."""
    field: str
    values: Optional[tuple[str, ...]] = Field(default=None, alias="in")
    equals_specialty: Optional[str] = None   # the specialty attribute to match
    reason: str
    reason_en: str


class Route(Frozen):
    code: str = ""
    klass: str = Field(alias="class")
    name: str
    name_en: str
    article: str
    text: str
    text_en: str
    credit: CreditRule
    cap: Optional[RateTenths] = None
    fields: dict[str, Optional[tuple[str, ...]]] = Field(default_factory=dict)
    values: dict[str, dict[str, Named]] = Field(default_factory=dict)   # field -> code -> words
    eligibility: tuple[Eligibility, ...] = ()

    def allowed_values(self, field: str) -> Optional[tuple[str, ...]]:
        """The values a field may take on this route, or None for free text."""
        if field in self.fields:
            return self.fields[field]
        if field == self.credit.by and self.credit.rates:
            return tuple(self.credit.rates)
        return None

    def required_fields(self) -> tuple[str, ...]:
        extra = tuple(f for f in self.fields if f not in self.credit.required_fields())
        return self.credit.required_fields() + extra

    @property
    def day_rated(self) -> bool:
        if self.credit.basis == "day":
            return True
        return any(isinstance(r, Rate) and r.basis == "day" for r in (self.credit.rates or {}).values())


def _route_fields_known(code: str, route: "Route") -> None:
    """Every field a route names (to price by, to enumerate, to be eligible
    on) is a field a record can carry; a typo is bad input, not a crash."""
    known = set(Record.model_fields)
    named = [(f"routes.{code}.credit.by", route.credit.by), (f"routes.{code}.credit.field", route.credit.field)]
    named += [(f"routes.{code}.fields.{name}", name) for name in route.fields]
    named += [(f"routes.{code}.credit.rates.{key}.field", spec.field)
              for key, spec in (route.credit.rates or {}).items() if isinstance(spec, Rate)]
    named += [(f"routes.{code}.eligibility[{i}].field", rule.field) for i, rule in enumerate(route.eligibility)]
    for where, name in named:
        if name is not None and name not in known:
            raise FieldError(where, t("errors.policy.unknown_field", route=code, name=name))
    for i, rule in enumerate(route.eligibility):
        if rule.equals_specialty is not None and rule.equals_specialty not in Specialty.model_fields:
            raise FieldError(f"routes.{code}.eligibility[{i}].equals_specialty",
                             t("errors.policy.specialty_field", name=rule.equals_specialty,
                               expected=" | ".join(Specialty.model_fields)))
        if rule.values is None and rule.equals_specialty is None:
            raise FieldError(f"routes.{code}.eligibility[{i}]", t("errors.policy.eligibility_needs"))


class RegistrationRule(Frozen):
    """When the registrar closes a year: an activity ending after `deadline`
    (month-day, e.g. "12-15") of its year cannot count in that year."""
    deadline: str = Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    text: str
    text_en: str

    @field_validator("deadline")
    @classmethod
    def _real_day(cls, value):
        month, day = (int(p) for p in value.split("-"))
        dt.date(2000, month, day)             # 2000 is a leap year: 02-29 is allowed
        return value


class Policy(Frozen):
    id: str
    name: str
    name_en: str
    source: str
    effective_from: Day
    categories: dict[str, Category]
    targets: tuple[Target, ...]
    cycle: CycleRule
    classes: dict[str, RouteClass]
    rank_shares: tuple[Percent, ...]
    rank_text: str
    rank_text_en: str
    platforms: dict[str, Platform]
    specialties: dict[str, Specialty]
    effort: EffortRule
    routes: dict[str, Route]
    cap_text: str
    cap_text_en: str
    before_policy_text: str
    before_policy_text_en: str
    duplicate_text: str
    duplicate_text_en: str

    unit_training_route: str
    registration: Optional[RegistrationRule] = None

    @model_validator(mode="before")
    @classmethod
    def _route_codes(cls, data):
        if isinstance(data, dict) and isinstance(data.get("routes"), dict):
            data = dict(data)
            data["routes"] = {code: ({**spec, "code": code} if isinstance(spec, dict) else spec)
                              for code, spec in data["routes"].items()}
        return data

    @model_validator(mode="after")
    def _consistent(self):
        for code, route in self.routes.items():
            if route.klass not in self.classes:
                raise ValueError(t("errors.policy_rule", problem=t("errors.policy.unknown_class", route=code, name=route.klass)))
        if self.unit_training_route not in self.routes:
            raise ValueError(t("errors.policy_rule", problem=t("errors.policy.unknown_training_route",
                                                                 route=self.unit_training_route)))
        for cls in self.classes.values():
            if cls.category not in self.categories:
                raise ValueError(t("errors.policy_rule", problem=t("errors.policy.unknown_category", name=cls.category)))
        for target in self.targets:
            for cat in target.categories:
                if cat not in self.categories:
                    raise ValueError(t("errors.policy_rule", problem=t("errors.policy.target_category", target=target.key, name=cat)))
        for name, spec in self.specialties.items():
            if spec.platform not in self.platforms:
                raise ValueError(t("errors.policy_rule", problem=t("errors.policy.unknown_platform", specialty=name,
                                                                                  name=spec.platform)))
        for code, route in self.routes.items():
            _route_fields_known(code, route)
        if self.cycle.classes and not set(self.cycle.classes) <= set(self.classes):
            raise FieldError("cycle.classes", t("errors.policy_rule", problem=t(
                "errors.policy.cycle_classes", names=list(self.cycle.classes), expected=" | ".join(self.classes))))
        from .vocab import vocabulary_problem
        problem = vocabulary_problem(self)
        if problem:
            raise ValueError(t("errors.policy_rule", problem=problem))
        return self

    @cached_property
    def vocab_index(self) -> dict:
        """Written forms of every enumerated value -> code (planner.vocab)."""
        from .vocab import build_index
        return build_index(self)

    def category_of(self, route: str) -> str:
        return self.classes[self.routes[route].klass].category

    def cycle_routes(self) -> tuple[str, ...]:
        return tuple(c for c, r in self.routes.items() if r.klass in self.cycle.classes)

    @property
    def first_year(self) -> int:
        return self.effective_from.year


# ---------------------------------------------------------------- activities

class Activity(Frozen):
    """What records and offerings share: a route and the fields that price it."""
    route: str
    title: str
    year: Optional[Year] = None
    date: Optional[Day] = None
    start: Optional[Day] = None
    end: Optional[Day] = None
    days: Optional[Halves] = None          # in half days
    hours: Optional[Tenths] = None         # listed hours, in tenths
    platform: Optional[str] = None
    level: Optional[str] = None
    organizer: Optional[str] = None
    kind: Optional[str] = None
    society: Optional[str] = None
    venue: Optional[str] = None
    rank: Optional[Count] = Field(default=None, ge=1)
    characters: Optional[Characters] = None
    subjects: Optional[Count] = Field(default=None, ge=1)
    courses: Optional[Count] = Field(default=None, ge=1)

    @field_validator("title", mode="before")
    @classmethod
    def _title_text(cls, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("days")
    @classmethod
    def _days_positive(cls, value):
        if value is not None and value <= 0:
            raise ValueError(t("errors.days_positive"))
        return value

    @field_validator("hours")
    @classmethod
    def _hours_positive(cls, value):
        if value is not None and value <= 0:
            raise ValueError(t("errors.hours_positive"))
        return value

    @model_validator(mode="after")
    def _dates(self):
        if self.date and (self.start or self.end):
            raise FieldError("date", t("errors.date_or_range"))
        if self.end and not self.start:
            raise FieldError("start", t("errors.end_needs_start"))
        if self.start and not self.end:
            raise FieldError("end", t("errors.start_needs_end"))
        if self.start and self.end and self.end < self.start:
            raise FieldError("end", t("errors.end_before_start", end=self.end, start=self.start))
        if self.first_day is None and self.year is None:
            raise FieldError("year", t("errors.no_date"))
        if self.year is not None and self.last_day is not None and self.year != self.last_day.year:
            raise FieldError("year", t("errors.year_mismatch", year=self.year, day=self.last_day))
        if self.days is not None and self.start is not None and self.days > 2 * self.span_days:
            raise FieldError("days", t("errors.days_over_span", days=q.show_short(self.days * 5), span=self.span_days,
                                       first=self.first_day, last=self.last_day))
        return self

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
        if self.first_day is None:
            return []
        return [self.first_day + dt.timedelta(days=i) for i in range(self.span_days)]


REGISTRATION_STATES = ("registered", "pending", "rejected", "booked")


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
    status: Optional[Literal["registered", "pending", "rejected", "booked"]] = None
    reason: Optional[str] = None             # why the registrar rejected it (status: rejected)
    source: Optional[str] = None

    @field_validator("reason", mode="before")
    @classmethod
    def _reason_text(cls, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value

    @model_validator(mode="after")
    def _status(self):
        if self.reason is not None and self.status != "rejected":
            raise FieldError("reason", t("errors.reason_not_rejected"))
        if self.status == "booked" and not self.offering:
            raise FieldError("offering", t("errors.booked_needs_offering"))
        return self

    @field_validator("source")
    @classmethod
    def _source_text(cls, value):
        if value is not None and not value.strip():
            raise ValueError(t("errors.source_empty"))
        return value


class Offering(Activity):
    """Something a catalogue offers to plan."""
    id: str
    fee: Fen = 0
    effort_hours: Optional[Minutes] = None     # in minutes
    seats: Optional[Seats] = None
    specialties: Optional[tuple[str, ...]] = None
    online: Optional[bool] = None
    note: Optional[str] = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("fee")
    @classmethod
    def _fee_nonneg(cls, value):
        if value < 0:
            raise ValueError(t("errors.fee_negative"))
        return value


class DateRange(Frozen):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _order(self):
        if self.end < self.start:
            raise FieldError("end", t("errors.end_before_start", end=self.end, start=self.start))
        return self

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Person(Frozen):
    id: str
    name: str
    unit: Optional[str] = None
    department: Optional[str] = None
    specialty: str
    specialty_since: dict[Day, str] = Field(default_factory=dict)   # date -> the specialty from that day
    budget_per_year: Optional[BudgetFen] = None
    blackout: tuple[DateRange, ...] = ()
    records: tuple[Record, ...] = ()
    title: Optional[str] = None
    registrar: Optional[str] = None
    note: Optional[str] = None

    def specialty_on(self, day: dt.date) -> str:
        """The specialty `specialty_since` gives for `day` (the latest entry on
        or before it); the person's `specialty` where it gives none."""
        began = [d for d in self.specialty_since if d <= day]
        return self.specialty_since[max(began)] if began else self.specialty

    @field_validator("id", "unit", mode="before")
    @classmethod
    def _id_text(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def blacked_out(self, day: dt.date) -> bool:
        return any(r.covers(day) for r in self.blackout)


class UnitTraining(Frozen):
    id: str
    title: str
    date: Optional[Day] = None
    start: Optional[Day] = None
    end: Optional[Day] = None
    days: Optional[Halves] = None
    cost: CostFen = 0
    seats: Optional[Seats] = None
    effort_hours: Optional[Minutes] = None
    route: Optional[str] = None


class Unit(Frozen):
    id: str
    name: str
    departments: Optional[tuple[str, ...]] = None   # when given, every staff member's department is one of them
    max_away_share: Share = 1.0
    budget: Optional[BudgetFen] = None
    unit_trainings: tuple[UnitTraining, ...] = ()
    registration_deadline: Optional[str] = Field(
        default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")   # month-day, overrides the policy's
