"""Time spent per channel against the week's budget (SPEC §3.3 budget guard, §3.4).

Pure functions: the current instant, the time zone and the week are passed in. A
session counts on the local date (in ``tz``) on which it started, even if it runs past
midnight. Minutes are active (unpaused) time, summed to the second and then floored to
whole minutes, so many short sessions are not each rounded down. A running session
counts up to ``now`` (with the backwards-clock guard of `tui.model.focus_time`). Channels
are matched exactly as stored: keeping names consistent is the forms' job.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo

from tui.model.focus_time import elapsed
from tui.model.sessions import FocusSession

THRESHOLDS: tuple[tuple[str, int], ...] = (("80%", 80), ("100%", 100))


def _start_day(s: FocusSession, tz: tzinfo) -> date:
    return datetime.fromisoformat(s.started).astimezone(UTC).astimezone(tz).date()


def _spent(
    sessions: Iterable[FocusSession], first: date, last: date, tz: tzinfo, now: datetime
) -> dict[str, timedelta]:
    totals: dict[str, timedelta] = {}
    for s in sessions:
        if first <= _start_day(s, tz) <= last:
            totals[s.channel] = totals.get(s.channel, timedelta()) + elapsed(s, now)
    return totals


def _minutes(totals: dict[str, timedelta]) -> dict[str, int]:
    return {channel: int(span.total_seconds()) // 60 for channel, span in totals.items()}


def week_minutes(
    sessions: Iterable[FocusSession], week_start: date, tz: tzinfo, now: datetime
) -> dict[str, int]:
    """Active minutes per channel in the 7 days from ``week_start``."""
    return _minutes(_spent(sessions, week_start, week_start + timedelta(days=6), tz, now))


def channel_minutes(
    sessions: Iterable[FocusSession], channel: str, week_start: date, tz: tzinfo,
    now: datetime,
) -> int:
    """Active minutes on ``channel`` in the 7 days from ``week_start``."""
    mine = (s for s in sessions if s.channel == channel)
    return week_minutes(mine, week_start, tz, now).get(channel, 0)


def day_minutes(
    sessions: Iterable[FocusSession], day: date, tz: tzinfo, now: datetime
) -> dict[str, int]:
    """Active minutes per channel for sessions that started on local ``day``."""
    return _minutes(_spent(sessions, day, day, tz, now))


def budget_state(spent_minutes: int, budget_minutes: int | None) -> str:
    """``"100%"`` once the budget is spent, ``"80%"`` from 80% on, else ``""``.

    A budget of 0, a negative one or none at all means no budget: always ``""``.
    Integer arithmetic, so exactly 80% counts as reached.
    """
    if not budget_minutes or budget_minutes <= 0:
        return ""
    reached = ""
    for label, percent in THRESHOLDS:
        if spent_minutes * 100 >= budget_minutes * percent:
            reached = label
    return reached


def crossed_thresholds(
    before_minutes: int, after_minutes: int, budget: int | None
) -> list[str]:
    """The thresholds (``"80%"``, ``"100%"``, in that order) reached between two readings.

    A threshold is crossed when the first reading is below it and the second at or above
    it, so a clock that ticks forward reports each threshold exactly once; a jump over
    both reports both. A reading that goes down (a corrected or deleted session)
    reports nothing.
    """
    if not budget or budget <= 0:
        return []
    return [
        label
        for label, percent in THRESHOLDS
        if before_minutes * 100 < budget * percent <= after_minutes * 100
    ]
