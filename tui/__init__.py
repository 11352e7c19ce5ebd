"""Prize: a terminal weekly planner for job seekers."""

__version__ = "0.1.0"
