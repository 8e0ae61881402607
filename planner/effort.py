"""What an offering costs the person in time (minutes), per the policy's
effort defaults where the offering states none."""
from __future__ import annotations

from fractions import Fraction

from .models import Offering, Policy


def effort_minutes(offering: Offering, policy: Policy) -> int:
    """`effort_hours` when given; else a dated activity costs the per-day
    effort for each (half) day, an undated online course a share of its
    listed hours (rounded up to a whole minute)."""
    if offering.effort_hours is not None:
        return offering.effort_hours
    if offering.dated and not offering.online:
        return policy.effort.per_day_hours * offering.halves // 2
    listed_tenths = offering.hours or 0
    minutes = Fraction(listed_tenths, 10) * 60 * Fraction(str(policy.effort.per_listed_hour))
    return -(-minutes.numerator // minutes.denominator)
