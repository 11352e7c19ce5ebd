"""The one-line summary of a running session, for shell prompts and status bars."""

from __future__ import annotations

from datetime import datetime, timedelta

from tui.model.focus_time import elapsed, remaining
from tui.model.sessions import FocusSession


def clock_text(span: timedelta) -> str:
    """MM:SS under an hour, H:MM:SS above; negative spans get a leading minus."""
    total = int(span.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes:02d}:{seconds:02d}"


def status_line(session: FocusSession, now: datetime) -> str:
    """`LinkedIn 12:04 left`, `LinkedIn paused 08:31`, `LinkedIn 03:10 over`, or count-up."""
    if not session.running:
        return ""
    spent = elapsed(session, now)  # guarded against a clock moved backwards
    if session.paused:
        return f"{session.channel} paused {clock_text(spent)}"
    if session.mode == "count-up":
        return f"{session.channel} {clock_text(spent)}"
    left = remaining(session, now)
    if left < timedelta():
        return f"{session.channel} {clock_text(-left)} over"
    return f"{session.channel} {clock_text(left)} left"
