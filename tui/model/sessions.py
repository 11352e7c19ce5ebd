"""Focus sessions: elapsed time derived from stored UTC timestamps, never from ticks."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from tui.model.record import Record, stored

MODES: tuple[str, ...] = ("countdown", "pomodoro", "count-up")


@stored
class FocusSession(Record):
    TABLE = "sessions"
    channel: str
    mode: str = "countdown"
    planned_minutes: int = 30
    started: str  # ISO 8601 with offset (UTC)
    ended: str | None = None
    # [paused_at, resumed_at or None] pairs; an open pair means paused now.
    pauses: list[list[str | None]] = dataclasses.field(default_factory=list)
    block_id: int | None = None
    block_day: str | None = None
    contact_id: int | None = None
    last_key: str | None = None  # last user activity, for the forgotten-timer check
    outcome: dict | None = None  # contacts, replies, meetings, note; {} = nothing came of it
    note: str = ""

    @property
    def running(self) -> bool:
        return self.ended is None

    @property
    def paused(self) -> bool:
        return self.running and bool(self.pauses) and self.pauses[-1][1] is None

    def elapsed(self, now: datetime) -> timedelta:
        """Active time: (end or now) − start − paused intervals, never negative.

        A clock that moved backwards can make `now` earlier than a stored
        instant; every interval is clamped so time is neither negative nor doubled.
        """
        start = datetime.fromisoformat(self.started)
        end = datetime.fromisoformat(self.ended) if self.ended else now
        end = max(end, start)
        paused = timedelta()
        for paused_at, resumed_at in self.pauses:
            p0 = min(max(datetime.fromisoformat(paused_at), start), end)
            p1 = datetime.fromisoformat(resumed_at) if resumed_at else end
            p1 = min(max(p1, p0), end)
            paused += p1 - p0
        return max(end - start - paused, timedelta())

    def remaining(self, now: datetime) -> timedelta:
        return timedelta(minutes=self.planned_minutes) - self.elapsed(now)
