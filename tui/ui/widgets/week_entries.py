"""What the Strategy pane shows of one week: block occurrences and meetings, per day.

Paging weeks with `]` and `[` must cost about one repaint. At 30k contacts the
demo holds thousands of meetings, hundreds of them in one week: testing every
meeting on each key, then building the week again, cost more than the frame.
So meetings and marks are indexed by their written day once per change of
their table, and the last weeks shown are kept until a table they come from
changes (the tables' versions say when).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

from tui.model.blocks import Occurrence
from tui.model.week import day_minutes, week_occurrences
from tui.model.week_dates import week_days
from tui.store.indexes import day_of
from tui.store.spans import blocks_between
from tui.ui.widgets.week_view import Entry

KEEP_WEEKS = 8  # enough to page back and forth around the weeks one plans


class WeekEntries(NamedTuple):
    days: list[tuple[date, list[Entry]]]  # seven days, each sorted by start
    occurrences: dict[date, list[Occurrence]]  # the blocks alone, for the totals
    day_totals: dict[date, int]  # planned minutes per day


class WeekSource:
    """Builds `WeekEntries` from the repository; read-only, never edits."""

    def __init__(self, repo):
        self.repo = repo
        self._weeks: dict[date, WeekEntries] = {}
        self._weeks_key: tuple = ()

    def week(self, start: date) -> WeekEntries:
        repo = self.repo
        key = (repo.blocks.version, repo.marks.version, repo.meetings.version,
               repo.contacts.version)
        if key != self._weeks_key:
            self._weeks.clear()
            self._weeks_key = key
        found = self._weeks.pop(start, None) or self._build(start)
        self._weeks[start] = found  # last used last: the first is the one to drop
        if len(self._weeks) > KEEP_WEEKS:
            del self._weeks[next(iter(self._weeks))]
        return found

    def _build(self, start: date) -> WeekEntries:
        last = start + timedelta(days=6)
        by_day = week_occurrences(blocks_between(self.repo, start.isoformat(), last.isoformat()),
                                  start)
        marks = self._marks(start)
        entries: dict[date, list[Entry]] = {d: [] for d in week_days(start)}
        for day, items in by_day.items():
            for occ in items:
                b = occ.block
                entries[day].append(Entry(
                    start=b.start, minutes=b.minutes, channel=b.channel, title=b.activity,
                    detail=b.target, mark=marks.get((b.id, day.isoformat()), ""), ref=occ,
                    recurring=bool(b.rrule),
                ))
        self._add_meetings(entries)
        for items in entries.values():
            items.sort(key=lambda e: e.start)
        return WeekEntries(sorted(entries.items()), by_day, day_minutes(by_day))

    def _marks(self, start: date) -> dict[tuple[int, str], str]:
        marks = self.repo.marks
        by_day = marks.index("day", day_of)  # (the open cache keeps this one)
        ids = [i for day in week_days(start) for i in by_day.get(day.isoformat(), ())]
        return {(mark.block_id, mark.day): mark.state for mark in marks.get_many(ids)}

    def _add_meetings(self, entries: dict[date, list[Entry]]) -> None:
        meetings, contacts = self.repo.meetings, self.repo.contacts
        by_day = meetings.index("at", day_of)
        # The local day of an instant is at most a day off its written date.
        days = sorted(entries)
        written = [(days[0] + timedelta(days=n)).isoformat() for n in range(-1, len(days) + 1)]
        found = [(m, datetime.fromisoformat(m.at)) for m in
                 meetings.get_many([i for day in written for i in by_day.get(day, ())])]
        zone = _steady_local_zone([at for _, at in found])
        for meeting, instant in found:
            at = instant.astimezone(zone)
            if at.date() in entries:
                name = contacts.field_of(meeting.contact_id, "name") if meeting.contact_id else None
                entries[at.date()].append(Entry(
                    start=f"{at:%H:%M}", minutes=meeting.minutes, channel=meeting.kind,
                    title=f"Meeting: {name if name is not None else meeting.note or 'someone'}",
                    detail=meeting.place, kind="meeting", ref=meeting,
                ))


def _steady_local_zone(instants: list[datetime]) -> tzinfo | None:
    """The local zone's offset as a fixed zone when it is the same at the first
    and the last instant, else None (`astimezone(None)` asks the system).

    Asking the system costs ~20 µs an instant, 10 ms for a busy week at 30k
    contacts; the offset changes twice a year, never twice within the ten days
    a week's meetings span.
    """
    if not instants:
        return None
    first = min(instants, key=datetime.timestamp).astimezone().utcoffset()
    last = max(instants, key=datetime.timestamp).astimezone().utcoffset()
    return timezone(first) if first == last and first is not None else None
