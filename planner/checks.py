"""Checks of user data against the policy, registered in lists.

Each check takes the item (and the policy) and returns (field, message) for
the first thing wrong, or None. The loaders run them in order and place the
message at its file and record.
"""
from __future__ import annotations

from typing import Callable, Optional

from .i18n import Both, Phrase, t
from .models.activity import Activity, Offering
from .models.person import Person
from .models.policy import Policy

Problem = Optional[tuple[str, Phrase]]


def _choices(policy: Policy, route: Optional[str], field: str, values) -> Both:
    """The allowed values in words: Chinese names first (planner.vocab)."""
    from .vocab import choices
    values = tuple(values)
    return Both(choices(policy, route, field, values, "zh"), choices(policy, route, field, values, "en"))


def route_known(item: Activity, policy: Policy) -> Problem:
    """The route is one of the policy's route codes."""
    if item.route not in policy.routes:
        return "route", t("errors.unknown_route", route=item.route, choices=" | ".join(policy.routes))
    return None


def values_allowed(item: Activity, policy: Policy) -> Problem:
    """Every enumerated field holds one of its values for this route."""
    route = policy.routes[item.route]
    fields = list(route.fields)
    if route.credit.by and route.credit.by not in fields:
        fields.insert(0, route.credit.by)
    for name in fields:
        allowed = route.allowed_values(name)
        value = getattr(item, name)
        if allowed is not None and value is not None and value not in allowed:
            return name, t("errors.unknown_value", field=name, value=value, route=item.route,
                           choices=_choices(policy, item.route, name, allowed))
    return None


def fields_present(item: Activity, policy: Policy) -> Problem:
    """Every field the route's credit needs is given (a registered figure
    needs none: the registrar already applied the formula)."""
    from .credits import registered
    route = policy.routes[item.route]
    if registered(item, route):
        return None
    for name in route.required_fields():
        if getattr(item, name) is None:
            allowed = route.allowed_values(name)
            if allowed:
                return name, t("errors.needs_field_choices", route=item.route, field=name,
                               choices=_choices(policy, item.route, name, allowed))
            return name, t("errors.needs_field", route=item.route, field=name)
    rate = route.credit.rate_for(getattr(item, route.credit.by) if route.credit.by else None)
    if rate is not None and rate.field and getattr(item, rate.field) is None:
        return rate.field, t("errors.needs_field_here", route=item.route, field=rate.field)
    if rate is not None and rate.basis == "day" and item.halves is None:
        return "days", t("errors.needs_days", route=item.route)
    return None


def record_specialty(item: Activity, policy: Policy) -> Problem:
    """A record's own `specialty` (when it gives one) is one of the policy's."""
    value = getattr(item, "specialty", None)
    if value is not None and value not in policy.specialties:
        return "specialty", t("errors.unknown_specialty", value=value,
                              choices=_choices(policy, None, "specialty", policy.specialties))
    return None


def registered_agrees(item: Activity, policy: Policy) -> Problem:
    """A registered figure beside a complete formula (every field the
    route's credit needs) must be what that formula gives: two figures for
    one activity that disagree are not guessed between."""
    from .credits import credit, lists_hours, registered
    route = policy.routes[item.route]
    if not registered(item, route) or lists_hours(route):
        return None
    formula = item.replace(hours=None, source=None)
    if fields_present(formula, policy):
        return None
    earned = credit(formula, policy, "")
    given = earned.base * earned.share // 100
    if given == item.hours:
        return None
    from . import tenths as q
    return "hours", t("errors.registered_disagrees", hours=q.show_short(item.hours), given=q.show_short(given),
                      route=item.route)


ACTIVITY_CHECKS: list[Callable[[Activity, Policy], Problem]] = [route_known, values_allowed, fields_present,
                                                              registered_agrees, record_specialty]


def offering_specialties(item: Activity, policy: Policy) -> Problem:
    """An offering's `specialties` are the policy's specialties."""
    if isinstance(item, Offering):
        for name in item.specialties or ():
            if name not in policy.specialties:
                return "specialties", t("errors.unknown_specialty", value=name,
                                        choices=_choices(policy, None, "specialty", policy.specialties))
    return None


def offering_effort(item: Activity, policy: Policy) -> Problem:
    """An offering's effort is stated or derivable from the policy's defaults."""
    from .effort import derivable
    if isinstance(item, Offering) and not derivable(item):
        return "effort_hours", t("errors.effort_needed")
    return None


OFFERING_CHECKS = ACTIVITY_CHECKS + [offering_specialties, offering_effort]


def check_activity(item: Activity, policy: Policy, checks=ACTIVITY_CHECKS) -> Problem:
    for check in checks:
        problem = check(item, policy)
        if problem:
            return problem
    return None


def specialty_known(person: Person, policy: Policy) -> Problem:
    if person.specialty not in policy.specialties:
        return "specialty", t("errors.unknown_specialty", value=person.specialty,
                              choices=_choices(policy, None, "specialty", policy.specialties))
    for day, name in person.specialty_since.items():
        if name not in policy.specialties:
            return (f"specialty_since.{day}",
                    t("errors.unknown_specialty", value=name,
                      choices=_choices(policy, None, "specialty", policy.specialties)))
    return None


PERSON_CHECKS = [specialty_known]


def closest(value: str, names) -> str | None:
    """The name among `names` nearest to a mistyped `value` (测绘料 -> 测绘科), if any is near."""
    import difflib
    near = difflib.get_close_matches(value, list(names), n=1, cutoff=0.5)
    return near[0] if near else None


def department_listed(person: Person, unit, lang: str = "zh") -> Problem:
    """A person's department is one of the departments their unit lists."""
    if unit is None or unit.departments is None or person.department is None \
            or person.department in unit.departments:
        return None
    from .messages import messages
    words = messages(lang)["roster"]
    near = closest(person.department, unit.departments)
    key = "department_unknown_near" if near else "department_unknown"
    return "department", words[key].format(value=person.department, unit=unit.id, near=near,
                                           listed=", ".join(unit.departments))


def duplicate_key(item: Activity, fields: dict) -> tuple:
    """Same route, title and completion date is one activity; an undated
    record is a duplicate only when every field it gives is the same."""
    if item.last_day is not None:
        return ("dated", item.route, item.title, item.last_day)
    return ("undated", tuple(sorted((k, str(v)) for k, v in fields.items())))
