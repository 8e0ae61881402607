"""What an offering costs the person in time (minutes), per the policy's
effort defaults where the offering states none."""
from __future__ import annotations

from fractions import Fraction

from .i18n import t
from .models.activity import Offering
from .models.policy import Policy


def derivable(offering: Offering) -> bool:
    """Whether the policy's defaults can price the offering's effort: it
    states `effort_hours`, or lists hours (an online course), or is dated
    (an in-person activity, by the day)."""
    return offering.effort_hours is not None or offering.hours is not None or offering.dated


def effort_minutes(offering: Offering, policy: Policy) -> int:
    """`effort_hours` when given; else an online course (undated, or marked
    `online`) with listed hours costs a share of them (rounded up to a whole
    minute), and a dated in-person activity the per-day effort for each
    (half) day. The catalogue check refuses offerings none of these price."""
    if offering.effort_hours is not None:
        return offering.effort_hours
    if offering.hours is not None and (offering.online or not offering.dated):
        minutes = Fraction(offering.hours, 10) * 60 * Fraction(str(policy.effort.per_listed_hour))
        return -(-minutes.numerator // minutes.denominator)
    if offering.dated:
        return policy.effort.per_day_hours * offering.halves // 2
    raise ValueError(t("errors.no_effort", id=offering.id))
