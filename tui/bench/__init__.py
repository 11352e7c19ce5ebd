"""Benchmarks for SPEC §6. Not tests: they print figures (and JSON) to compare runs.

Run: `python -m tui.bench [store] [--contacts N] [--json FILE]`.
"""
