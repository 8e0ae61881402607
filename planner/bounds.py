"""The sense limits as plain numbers (limits.py gives them their types):
what the command line checks before anything heavy is imported."""
from __future__ import annotations

import datetime as dt

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)

MAX_HOURS = 1_000                  # listed or registered hours of one item; a policy rate or target
MAX_DAYS = 366                     # one activity
MAX_FEE = 1_000_000                # yuan, one offering
MAX_BUDGET = 100_000_000           # yuan, a person's year or a unit's year
MAX_COST = 10_000_000              # yuan, one unit training
MAX_EFFORT = 10_000                # hours, one offering
MAX_COUNT = 10_000                 # ranks, subjects, courses
MAX_CHARACTERS = 100_000_000       # a book
MAX_SEATS = 1_000_000
MAX_HORIZON = 30                   # years one plan may cover
MAX_CYCLE = 10                     # years of a policy cycle
