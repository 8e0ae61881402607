"""The planner: which offerings are plannable, the CP-SAT model, its solve
and the explanation of the plan (`planner suggest`).

Importing this package does not import ortools; only `solve` does, lazily.
"""
