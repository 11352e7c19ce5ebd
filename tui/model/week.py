"""The week plan: which block occurrences fall on which day, and the planned totals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from tui.model.blocks import Block, Occurrence
from tui.model.recurrence import occurrences


def week_occurrences(blocks: Iterable[Block], start: date,
                     days: int = 7) -> dict[date, list[Occurrence]]:
    """Occurrences per day from `start` for `days` days, each day sorted by start time."""
    end = start + timedelta(days=days - 1)
    by_day: dict[date, list[Occurrence]] = {start + timedelta(d): [] for d in range(days)}
    for block in blocks:
        first = block.first_day
        if not block.rrule:
            if start <= first <= end:
                by_day[first].append(Occurrence(block, first))
            continue
        if first > end:
            continue
        skipped = [date.fromisoformat(d) for d in block.exdates]
        for day in occurrences(first, block.rrule, start, end, skipped):
            by_day[day].append(Occurrence(block, day))
    for items in by_day.values():
        items.sort(key=lambda o: (o.block.start, o.block.channel, o.block.id or 0))
    return by_day


def planned_minutes(by_day: dict[date, list[Occurrence]]) -> dict[str, int]:
    """Planned minutes per channel over the given days."""
    totals: dict[str, int] = defaultdict(int)
    for items in by_day.values():
        for occ in items:
            totals[occ.block.channel] += occ.block.minutes
    return dict(totals)


def day_minutes(by_day: dict[date, list[Occurrence]]) -> dict[date, int]:
    return {day: sum(o.block.minutes for o in items) for day, items in by_day.items()}
