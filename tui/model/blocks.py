"""Time blocks of the week plan: one-off or recurring (RRULE), plus per-occurrence marks."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from typing import NamedTuple

from tui.model.record import Record, stored

BLOCK_STATES: tuple[str, ...] = ("done", "partly", "missed")


@stored
class Block(Record):
    TABLE = "blocks"
    channel: str
    activity: str = ""
    target: str = ""
    day: str  # ISO date of the first occurrence
    start: str = "09:00"  # local wall-clock time, HH:MM
    minutes: int = 60
    rrule: str = ""  # RFC 5545 RRULE, empty for a one-off block
    exdates: list[str] = dataclasses.field(default_factory=list)  # skipped occurrences
    series_id: int | None = None  # set on a one-off that replaces one occurrence
    notes: str = ""

    @property
    def first_day(self) -> date:
        return date.fromisoformat(self.day)

    @property
    def start_time(self) -> time:
        return time.fromisoformat(self.start)

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)


@stored
class BlockMark(Record):
    """Done / partly / missed for one occurrence of a block (what the review reads)."""

    TABLE = "marks"
    block_id: int
    day: str
    state: str


class Occurrence(NamedTuple):
    """A block placed on one day of a visible week."""

    block: Block
    day: date

    @property
    def start(self) -> time:
        return self.block.start_time

    @property
    def end_minutes(self) -> int:
        t = self.block.start_time
        return t.hour * 60 + t.minute + self.block.minutes
