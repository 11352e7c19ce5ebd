"""The employer record (SPEC §3.11), apart from the list's matching and order
(employers.py), so that opening the data file builds no more than it needs."""

from __future__ import annotations

import dataclasses

from tui.model.record import Record, stored

POSTINGS = ("yes", "unknown", "no")


@stored
class Employer(Record):
    TABLE = "employers"
    name: str
    motivation: int = 0  # 0 not scored yet, 1 to 3 (most wanted)
    posting: str = "unknown"  # an opening there: yes, no, unknown
    notes: str = ""
    aliases: list[str] = dataclasses.field(default_factory=list)  # other names counted as it
    created: str = ""  # ISO date
