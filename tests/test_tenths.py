"""Exact quantities in and out: tenths, half days, fen, minutes."""
from __future__ import annotations

import pytest

from planner import tenths as q


@pytest.mark.parametrize("value,expected", [(12, 120), ("4.8", 48), (14.4, 144), (0.1, 1), ("0.5", 5)])
def test_to_tenths_is_exact(value, expected):
    assert q.to_tenths(value) == expected


@pytest.mark.parametrize("value", [4.85, "1.25", "abc", True, float("nan")])
def test_to_tenths_refuses_what_is_not_tenths(value):
    with pytest.raises(ValueError):
        q.to_tenths(value)


def test_half_days_and_fen():
    assert (q.to_halves(1.5), q.to_halves("0.5"), q.to_fen("1200.5")) == (3, 1, 120050)
    with pytest.raises(ValueError):
        q.to_halves(1.3)


@pytest.mark.parametrize("minutes,json_hours,text", [
    (195, 3.3, "3.3"),     # 3.25 h: half up, the same in JSON and in text
    (45, 0.8, "0.8"),      # one 学时 of an online course = 45 minutes
    (540, 9.0, "9.0"),
    (2, 0.0, "0.0"),
])
def test_effort_hours_round_alike_in_json_and_text(minutes, json_hours, text):
    assert (q.effort_hours(minutes), q.show_effort(minutes)) == (json_hours, text)


def test_hours_for_json_have_at_most_one_decimal():
    assert [q.hours(t) for t in (64, 240, 1, 1586)] == [6.4, 24.0, 0.1, 158.6]
    assert [q.show(t) for t in (64, 240, 0)] == ["6.4", "24.0", "0.0"]
    assert [q.show_short(t) for t in (64, 240)] == ["6.4", "24"]
