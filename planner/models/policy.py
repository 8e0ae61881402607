"""The policy as data: categories, yearly targets, the B cycle, route classes
and routes with their credit rule, cap and eligibility, the registrar's
deadline. Loaded and checked by planner.policy; read by credits.py and the
planners. A rule's article and words travel with it, for the explanations.
"""
from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal, Optional, Union

from ..errors import FieldError
from ..i18n import t
from ..limits import Day, Minutes, Percent, RateTenths, Year, MAX_CYCLE
from .activity import Record
from .base import Frozen, checked, field_names, model


@model
class Category(Frozen):
    name: str
    name_en: str


@model
class Target(Frozen):
    """A yearly minimum over the counted hours of some categories."""
    key: str
    categories: tuple[str, ...]
    hours: RateTenths
    article: str
    text: str
    text_en: str


@model
class CycleRule(Frozen):
    """Fixed multi-year cycles in which some classes must reach `hours`."""
    anchor: Year
    length: int = checked(ge=1, le=MAX_CYCLE)
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


@model
class RouteClass(Frozen):
    name: str
    name_en: str
    category: str


@model
class Named(Frozen):
    """A code's words: its Chinese name, its English name, and the other ways
    people write it (short forms), all accepted where the code is (planner.vocab)."""
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()


@model
class Platform(Named):
    pass


@model
class Specialty(Named):
    platform: str


@model
class EffortRule(Frozen):
    per_day_hours: Minutes          # effort of a dated in-person day, in minutes
    per_listed_hour: float = checked(ge=0, le=100, allow_inf_nan=False)   # effort hours per listed hour (online)


@model
class Rate(Frozen):
    """How one value of a route's `by` field earns: a rate and its basis."""
    basis: Literal["listed", "item", "day", "count", "characters"]
    rate: Optional[RateTenths] = None
    field: Optional[str] = None      # count / characters: the quantity field
    unit: Optional[int] = checked(None, ge=1, le=1_000_000)   # characters per unit


@model
class CreditRule(Frozen):
    basis: Literal["listed", "item", "day", "count", "characters"]
    by: Optional[str] = None
    rate: Optional[RateTenths] = None
    rates: Optional[dict[str, Union[Rate, RateTenths]]] = None
    field: Optional[str] = None
    unit: Optional[int] = checked(None, ge=1, le=1_000_000)
    ranked: bool = False

    def __post_init__(self):
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

    def rate_for(self, value: Optional[str]) -> Optional[Rate]:
        """The rate that applies to an item whose `by` field has `value`
        (the numbers are already tenths: not checked again)."""
        if not self.by:
            return Rate(basis=self.basis, rate=self.rate, field=self.field, unit=self.unit)
        spec = (self.rates or {}).get(value)
        if spec is None:
            return None
        if isinstance(spec, Rate):
            return spec
        return Rate(basis=self.basis, rate=spec, field=self.field, unit=self.unit)

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


@model
class Eligibility(Frozen):
    """A condition an item must meet to earn anything on its route."""
    field: str
    values: Optional[tuple[str, ...]] = checked(None, alias="in")
    equals_specialty: Optional[str] = None   # the specialty attribute to match
    reason: str
    reason_en: str


@model
class Route(Frozen):
    code: str = ""
    klass: str = checked(alias="class")
    name: str
    name_en: str
    article: str
    text: str
    text_en: str
    credit: CreditRule
    cap: Optional[RateTenths] = None
    fields: dict[str, Optional[tuple[str, ...]]] = checked(default_factory=dict)
    values: dict[str, dict[str, Named]] = checked(default_factory=dict)   # field -> code -> words
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
    known = set(field_names(Record))
    named = [(f"routes.{code}.credit.by", route.credit.by), (f"routes.{code}.credit.field", route.credit.field)]
    named += [(f"routes.{code}.fields.{name}", name) for name in route.fields]
    named += [(f"routes.{code}.credit.rates.{key}.field", spec.field)
              for key, spec in (route.credit.rates or {}).items() if isinstance(spec, Rate)]
    named += [(f"routes.{code}.eligibility[{i}].field", rule.field) for i, rule in enumerate(route.eligibility)]
    for where, name in named:
        if name is not None and name not in known:
            raise FieldError(where, t("errors.policy.unknown_field", route=code, name=name))
    for i, rule in enumerate(route.eligibility):
        if rule.equals_specialty is not None and rule.equals_specialty not in field_names(Specialty):
            raise FieldError(f"routes.{code}.eligibility[{i}].equals_specialty",
                             t("errors.policy.specialty_field", name=rule.equals_specialty,
                               expected=" | ".join(field_names(Specialty))))
        if rule.values is None and rule.equals_specialty is None:
            raise FieldError(f"routes.{code}.eligibility[{i}]", t("errors.policy.eligibility_needs"))


@model
class RegistrationRule(Frozen):
    """When the registrar closes a year: an activity ending after `deadline`
    (month-day, e.g. "12-15") of its year cannot count in that year."""
    deadline: str = checked(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    text: str
    text_en: str

    def __post_init__(self):
        month, day = (int(p) for p in self.deadline.split("-"))
        try:
            dt.date(2000, month, day)             # 2000 is a leap year: 02-29 is allowed
        except ValueError as err:
            raise FieldError("deadline", str(err)) from None


@model
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
    platforms: dict[str, Platform]
    specialties: dict[str, Specialty]
    effort: EffortRule
    routes: dict[str, Route]

    unit_training_route: str
    registration: Optional[RegistrationRule] = None

    @classmethod
    def parse(cls, data):
        """A policy from its file's data: each route's `code` is its key."""
        if isinstance(data, dict) and isinstance(data.get("routes"), dict):
            data = dict(data)
            data["routes"] = {code: ({**spec, "code": code} if isinstance(spec, dict) else spec)
                              for code, spec in data["routes"].items()}
        return super().parse(data)

    def __post_init__(self):
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
        from ..vocab import vocabulary_problem
        problem = vocabulary_problem(self)
        if problem:
            raise ValueError(t("errors.policy_rule", problem=problem))

    @cached_property
    def vocab_index(self) -> dict:
        """Written forms of every enumerated value -> code (planner.vocab)."""
        from ..vocab import build_index
        return build_index(self)

    def category_of(self, route: str) -> str:
        return self.classes[self.routes[route].klass].category

    def target(self, key: str) -> Target:
        """The yearly target of that key (`professional`, `general`, `total`)."""
        return next(t for t in self.targets if t.key == key)

    def routes_of(self, target: Target) -> tuple[str, ...]:
        """The routes whose hours count toward `target` (their category is one of its)."""
        return tuple(c for c in self.routes if self.category_of(c) in target.categories)

    def cycle_routes(self) -> tuple[str, ...]:
        return tuple(c for c, r in self.routes.items() if r.klass in self.cycle.classes)

    @property
    def first_year(self) -> int:
        return self.effective_from.year
