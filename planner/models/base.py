"""What every domain model is: frozen, closed to unknown fields.

Quantities are exact integers: hours in tenths, days in halves, effort in
minutes, money in fen (the types are in planner.limits). A file's own words
(`hours: 4.8`, `days: 1.5`, `fee: 1200`) are converted on load.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

