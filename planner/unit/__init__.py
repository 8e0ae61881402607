"""The unit planner (`planner unit`): prepare each person's candidates,
model the unit, solve it, search neighbourhoods, bound it, explain it.

Importing this package does not import ortools.
"""
