"""Records of a span of days, found through the tables' day indexes: a week
of a year of data builds its own few records, not the whole table."""

from __future__ import annotations

from datetime import date, timedelta

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Meeting
from tui.model.sessions import FocusSession
from tui.store.indexes import day_of

SLACK = timedelta(days=2)  # a stored offset moves the written date by at most ±2 days


def between(collection, field: str, lo: str, hi: str, only: set | None = None) -> list:
    """Records whose `field` falls on a day from `lo` to `hi` (ISO dates), found
    through the table's day index: a period of a year of interactions builds
    only its own, and reads the table once per change, not once per figure.
    With `only`, just the records of those ids are built."""
    return collection.get_many(ids_between(collection, field, lo, hi, only))


def ids_between(collection, field: str, lo: str, hi: str, only: set | None = None):
    """The ids of `between`, in the index's order, without building a record."""
    days = collection.index(field, day_of)
    ids = (i for day, ids in days.items() if day is not None and lo <= day <= hi for i in ids)
    return ids if only is None else (i for i in ids if i in only)


def meetings_between(repo, lo: str, hi: str) -> list[Meeting]:
    """Meetings that start, or were booked, on a day from `lo` to `hi` (ISO dates):
    each built once, though most of a span's were booked in it too."""
    with repo.lock:  # (the indexes are read here, and a merge may patch them meanwhile)
        ids = dict.fromkeys(ids_between(repo.meetings, "at", lo, hi))
        ids.update(dict.fromkeys(ids_between(repo.meetings, "booked", lo, hi)))
        return repo.meetings.get_many(ids)


def blocks_between(repo, lo: str, hi: str) -> list[Block]:
    """The blocks that may have an occurrence on a day from `lo` to `hi` (ISO
    dates): every repeating one, and the one-offs of those days. A week of a
    year's plan builds its own few, not 600."""
    one_offs = between(repo.blocks, "day", lo, hi)
    repeating = repo.blocks.index("rrule", bool).get(True, ())
    return [*repo.blocks.get_many(repeating),
            *(b for b in one_offs if not b.rrule)]


def sessions_between(repo, lo: str, hi: str) -> list[FocusSession]:
    """The sessions the figures of the days `lo` to `hi` read: those running or
    ended on `lo` or later (one may run across days; `period_metrics` keeps
    what falls in its period), and those that timed a block of those days (a
    block done early is not counted twice)."""
    ended = repo.sessions.index("ended", day_of)
    ids = {i for day, group in ended.items() if day is None or day >= lo for i in group}
    timed = repo.sessions.index("block_day", day_of)
    ids.update(i for day, group in timed.items() if day and lo <= day <= hi for i in group)
    return repo.sessions.get_many(sorted(ids))


def unended_sessions(repo) -> list[FocusSession]:
    """The sessions with no end, the running one among them, through the index of
    end days (the open cache keeps it): not a pass over every session each second."""
    return repo.sessions.get_many(repo.sessions.index("ended", day_of).get(None, ()))


def marks_between(repo, lo: str, hi: str) -> list[BlockMark]:
    """The marks of the days `lo` to `hi` (ISO dates)."""
    return between(repo.marks, "day", lo, hi)


def meetings_from(repo, day: date, first: int | None = None) -> list[Meeting]:
    """The meetings from `day` on (with the slack a stored offset needs). With
    `first`, only the days that hold the `first` earliest of them, and the slack
    after: the review shows 5 of the 280 booked ahead of a 10k-contact demo.

    A meeting stored on day d falls on d ± SLACK wherever the clock is: once
    `first` are stored on days from `day` + SLACK (surely not before `day`) to
    some day e, any stored after e + 2 SLACK falls after all of them."""
    days = repo.meetings.index("at", day_of)
    lo, sure = (day - SLACK).isoformat(), (day + SLACK).isoformat()
    stop, counted, found = None, 0, []
    for stored in sorted(d for d in days if d is not None and d >= lo):
        if stop is not None and stored > stop:
            break
        found.extend(repo.meetings.get_many(days[stored]))
        if first is not None and stop is None and stored >= sure:
            counted += len(days[stored])
            if counted >= first:
                stop = (date.fromisoformat(stored) + 2 * SLACK).isoformat()
    return found
