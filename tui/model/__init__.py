"""Pure domain model: dataclasses, validation, week maths, recurrence, metrics.

Nothing here imports Textual or TinyDB, so it can be tested and reused alone.
"""
