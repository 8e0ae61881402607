"""planner: continuing-education hours (继续教育学时), exact and optimal."""
__version__ = "0.1.0"
