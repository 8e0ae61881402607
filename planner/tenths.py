"""Exact quantities: hours in integer tenths, effort in minutes, money in fen.

Nothing in the engine adds floats. Values enter here from YAML or the command
line and leave here for JSON and text.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .i18n import t


def _decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(t("errors.number", value=repr(value)))
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(t("errors.number", value=repr(value))) from None
    if not number.is_finite():
        raise ValueError(t("errors.number", value=repr(value)))
    return number


MAX_MAGNITUDE = 15        # digits before the point: no figure here is larger (limits.py bounds each)


def number(value) -> Decimal:
    """A user's figure as an exact Decimal, or ValueError in plain words."""
    return _decimal(value)


def scaled(value, scale: int, what: str) -> int:
    """`value` times `scale` as an exact integer, or ValueError in plain words
    (never a million-digit integer: a figure that large is refused first)."""
    number = _decimal(value)
    if number.adjusted() >= MAX_MAGNITUDE:
        raise ValueError(t("errors.number_too_large", value=value))
    number = number * scale
    if number != number.to_integral_value():
        raise ValueError(t("errors.not_whole", value=value, what=t(f"errors.units.{what}")))
    return int(number)


def to_tenths(value) -> int:
    """Hours (12, 4.8, "6.4") to integer tenths; refuses 4.85."""
    return scaled(value, 10, "tenths")


def to_halves(value) -> int:
    """Days (1, 0.5, 2.5) to integer half days; refuses 1.3."""
    return scaled(value, 2, "halves")


def to_fen(value) -> int:
    """Yuan to integer fen."""
    return scaled(value, 100, "fen")


def to_minutes(hours) -> int:
    """Effort hours to whole minutes."""
    return scaled(hours, 60, "minutes")


def hours(tenths: int) -> float:
    """Tenths to a JSON number with at most one decimal."""
    return round(tenths / 10, 1)


def show(tenths: int) -> str:
    """Tenths as text, always one decimal: 64 -> '6.4', 240 -> '24.0'."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def show_short(tenths: int) -> str:
    """Tenths as text without a trailing .0: 240 -> '24', 64 -> '6.4'."""
    text = show(tenths)
    return text[:-2] if text.endswith(".0") else text


def effort_hours(minutes: int) -> float:
    """Minutes to hours for JSON, rounded half up to one decimal."""
    return float((Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP"))


def show_effort(minutes: int) -> str:
    """Minutes as hours text, rounded as in JSON (half up, one decimal)."""
    return f"{effort_hours(minutes):.1f}"


def yuan(fen: int) -> float:
    """Fen to a JSON number of yuan (two decimals at most)."""
    return float(Decimal(fen) / 100)


def show_yuan(fen: int) -> str:
    whole, cents = divmod(fen, 100)
    return f"{whole}" if cents == 0 else f"{whole}.{cents:02d}"
