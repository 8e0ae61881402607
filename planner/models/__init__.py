"""Domain data, immutable. Knows nothing of the solver, the CLI or the templates.

One module per kind of thing: `policy` (the rules as data: targets, the B
cycle, routes and their credit), `activity` (what records and offerings
share, and each of them), `person` (a person with their records, a unit with
its own trainings). Quantities are exact integers (planner.limits).
"""
