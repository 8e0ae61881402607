"""The only place an activity becomes integer tenths of an hour.

`credit()` prices one record or offering for one person under a policy, before
any yearly cap, and says how: the rate, the quantity, the rank share, or why it
earns nothing. Every number comes from the policy data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .effort import effort_minutes
from .models.activity import Activity, Offering, Record
from .models.base import field_names
from .models.person import Person
from .models.policy import Policy, Route
from .vocab import shown


@dataclass(frozen=True)
class Reason:
    """Why something counts nothing (or less): a code and its parameters.

    The words come from the policy (eligibility) or the message catalogue.
    """
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str = "") -> str:
        return dict(self.params).get(key, default)


@dataclass(frozen=True)
class Credit:
    """One activity's credit before caps, with the arithmetic that made it."""
    route: str
    tenths: int                    # what it earns: base x share, or 0 with a reason
    base: int                      # before the rank share
    basis: str                     # listed | item | day | count | characters | registered
    rate: Optional[int] = None     # tenths per item / day / unit
    quantity: Optional[int] = None # halves (day), count, or units (characters)
    share: int = 100               # percent, by rank
    rank: Optional[int] = None
    by_value: Optional[str] = None
    reason: Optional[Reason] = None
    measure: Optional[int] = None  # characters: the raw count
    unit: Optional[int] = None     # characters: per how many one unit
    source: Optional[str] = None   # registered: where the figure was copied from


def rank_share(policy: Policy, rank: Optional[int]) -> int:
    """Percent of an item's credit that an author of `rank` receives."""
    if rank is None:
        return 100
    return policy.rank_shares[rank - 1] if rank <= len(policy.rank_shares) else 0


def lists_hours(route: Route) -> bool:
    """The route's credit is the item's own listed hours (no formula)."""
    return route.credit.basis == "listed" and not route.credit.by


def registered(item: Activity, route: Route) -> bool:
    """A record carrying the registrar's figure (登记学时): `hours` on a route
    whose credit is a formula, or `hours` beside a `source` on any route."""
    if not isinstance(item, Record) or item.hours is None:
        return False
    return item.source is not None or not lists_hours(route)


def ineligibility(item: Activity, route: Route, policy: Policy, specialty: str,
                  given_only: bool = False) -> Optional[Reason]:
    """The first eligibility condition of the route the item fails, if any
    (`given_only`: only conditions on fields the item gives)."""
    for rule in route.eligibility:
        value = getattr(item, rule.field)
        if given_only and value is None:
            continue
        if rule.values is not None and value not in rule.values:
            zh, en = shown(policy, route.code, rule.field, value, "zh"), value    # codes are English words
            return Reason("ineligible", (("route", route.code), ("field", rule.field),
                                         ("value", str(value)), ("zh", rule.reason.format(value=zh)),
                                         ("en", rule.reason_en.format(value=en))))
        if rule.equals_specialty is not None:
            spec = policy.specialties.get(specialty)
            expected = getattr(spec, rule.equals_specialty) if spec else None
            if value != expected:
                zh_name = policy.platforms[expected].name if expected in policy.platforms else str(expected)
                en_name = policy.platforms[expected].name_en if expected in policy.platforms else str(expected)
                return Reason("ineligible", (("route", route.code), ("field", rule.field),
                                             ("value", str(value)), ("expected", str(expected)),
                                             ("zh", rule.reason.format(expected=zh_name, value=value)),
                                             ("en", rule.reason_en.format(expected=en_name, value=value))))
    return None


def registered_credit(item: Record, route: Route, policy: Policy, specialty: str) -> Credit:
    """The registrar's figure as given; only a condition on a field the
    record itself gives can make it count nothing."""
    reason = ineligibility(item, route, policy, specialty, given_only=True)
    return Credit(route=route.code, tenths=0 if reason else item.hours, base=item.hours,
                  basis="registered", reason=reason, source=item.source)


def credit(item: Activity, policy: Policy, specialty: str) -> Credit:
    """The item's credit in tenths before caps (validated input assumed).
    A record that names its own `specialty` (the person's when they studied)
    is judged by it; otherwise by the person's `specialty`."""
    own = item.specialty if "specialty" in field_names(type(item)) else None   # a record's; an offering has none
    specialty = own or specialty
    route = policy.routes[item.route]
    if registered(item, route):
        return registered_credit(item, route, policy, specialty)
    rule = route.credit
    by_value = getattr(item, rule.by) if rule.by else None
    rate = rule.rate_for(by_value)
    share = rank_share(policy, item.rank) if rule.ranked else 100
    rank = item.rank if rule.ranked else None
    common = dict(route=route.code, share=share, rank=rank, by_value=by_value)

    if rate.basis == "listed":
        base, quantity = item.hours, None
    elif rate.basis == "item":
        base, quantity = rate.rate, 1
    elif rate.basis == "day":
        quantity = item.halves
        base = rate.rate * quantity // 2          # never rounds up
    elif rate.basis == "count":
        quantity = getattr(item, rate.field)
        base = rate.rate * quantity
    else:  # characters: only complete units count
        common.update(measure=getattr(item, rate.field), unit=rate.unit)
        quantity = common["measure"] // rate.unit
        base = rate.rate * quantity

    tenths = base * share // 100                  # never rounds up
    reason = ineligibility(item, route, policy, specialty)
    if reason is None and share == 0:
        reason = Reason("rank_beyond", (("rank", str(item.rank)), ("ranks", str(len(policy.rank_shares)))))
    if reason is None and rate.basis == "characters" and quantity == 0:
        reason = Reason("below_unit", (("characters", str(getattr(item, rate.field))), ("unit", str(rate.unit))))
    if reason is not None:
        tenths = 0
    return Credit(tenths=tenths, base=base, basis=rate.basis, rate=rate.rate if rate.basis != "listed" else None,
                  quantity=quantity, reason=reason, **common)


def credit_for_anyone(item: Activity, policy: Policy, specialties=None) -> tuple[str, Credit]:
    """(specialty, credit) priced for whoever may take the item: the first of
    `specialties` (default: the policy's) for which it earns, else the first."""
    specs = tuple(specialties or policy.specialties)
    for specialty in specs:
        c = credit(item, policy, specialty)
        if c.reason is None:
            return specialty, c
    return specs[0], credit(item, policy, specs[0])


@dataclass(frozen=True)
class OfferingCredit:
    """What an offering would earn (and cost in effort) for one person, or for
    whoever may take it."""
    offering: Offering
    credit: Credit
    effort: int                 # minutes
    done: bool                  # the person has a record of it
    allowed: bool               # the person's specialty may take it


def offering_credit(o: Offering, policy: Policy, person: Optional[Person]) -> OfferingCredit:
    if person is None:
        _, c = credit_for_anyone(o, policy, o.specialties)
        return OfferingCredit(o, c, effort_minutes(o, policy), False, True)
    c = credit(o, policy, person.specialty)
    done = any(r.offering == o.id for r in person.records)
    allowed = o.specialties is None or person.specialty in o.specialties
    return OfferingCredit(o, c, effort_minutes(o, policy), done, allowed)
