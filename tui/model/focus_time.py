"""What a focus session's stored instants say about its time (SPEC §3.3): elapsed and
remaining time, the pomodoro phase, the forgotten timer and the overrun.

Every function here only reads a session; the keys that change one are in
`tui.model.focus`. The current instant is passed in as ``now`` (an aware datetime; it
is converted to UTC) and the clock is never read, so the UI, the CLI and the tests
decide what "now" is.

Time model
----------
A session stores UTC instants only: ``started``, ``ended``, the ``pauses`` pairs and
``last_key``. Elapsed time is always derived from them, so quitting, a crash, a reboot,
a DST switch or a change of the machine's time zone cannot corrupt it.

If the system clock is moved backwards, ``now`` can be earlier than an instant already
stored. `monotonic_now` then treats ``now`` as that latest stored instant, so time is
never negative and never counted twice; every focus function goes through it. The
price of a clock that jumped forward and back again is that the session's clock stands
still until real time catches up with the latest stored instant.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from tui.model.instants import to_iso
from tui.model.plan import Settings
from tui.model.sessions import FocusSession

# --------------------------------------------------------------------------- instants


def as_utc(now: datetime) -> datetime:
    """``now`` converted to UTC; a naive datetime is refused (its zone is unknown)."""
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise ValueError("the current time needs a time zone (got a naive datetime)")
    return now.astimezone(UTC)


def parse_instant(text: str) -> datetime:
    """A stored ISO instant, in UTC."""
    return datetime.fromisoformat(text).astimezone(UTC)


def instant_text(dt: datetime) -> str:
    """How an instant is stored: ISO 8601 in UTC."""
    return to_iso(dt.astimezone(UTC))


def _stored_instants(s: FocusSession) -> list[datetime]:
    instants = [parse_instant(s.started)]
    if s.ended:
        instants.append(parse_instant(s.ended))
    for pair in s.pauses:
        instants.extend(parse_instant(p) for p in pair if p)
    if s.last_key:
        instants.append(parse_instant(s.last_key))
    return instants


def monotonic_now(s: FocusSession, now: datetime) -> datetime:
    """``now`` in UTC, but never earlier than the latest instant stored in ``s``.

    The stored instants are the start, the end, every pause and resume, and the last
    key. A clock moved backwards therefore neither makes time negative nor counts an
    interval twice.
    """
    return max([as_utc(now), *_stored_instants(s)])


def elapsed(s: FocusSession, now: datetime) -> timedelta:
    """Active (unpaused) time of ``s`` at ``now``, robust to a clock moved backwards."""
    return s.elapsed(monotonic_now(s, now))


def remaining(s: FocusSession, now: datetime) -> timedelta:
    """Planned minus active time; negative once the plan is passed."""
    return timedelta(minutes=s.planned_minutes) - elapsed(s, now)


def whole_minutes(span: timedelta) -> int:
    """A session's time as Prize says it in minutes: to the nearest minute (half a
    minute up) and at least 1. One rule for "Stopped … after 1m" and the correction
    form, which takes 1 minute at least: 40 seconds were "0m" in the one, "1m" in
    the other."""
    return max(1, int((span.total_seconds() + 30) // 60))


# ----------------------------------------------------------------- pomodoro


class PomodoroPhase(NamedTuple):
    kind: str  # "work", "break" or "long break"
    index: int  # 1-based work cycle this phase belongs to
    phase_elapsed: timedelta
    phase_remaining: timedelta


def pomodoro_phase(s: FocusSession, now: datetime, settings: Settings) -> PomodoroPhase:
    """Where a pomodoro session stands, derived from its active elapsed time alone.

    Nothing about the phase is stored. Active time (pauses excluded, so pausing freezes
    the phase) is laid out as: work 1, break 1, work 2, break 2, … where every
    ``pomodoro_long_every``-th break is the long one. With the defaults (25/5/15/4):
    work 0:00–25:00, break 25:00–30:00, …, work 4 1:30–1:55, long break 1:55–2:10,
    work 5 from 2:10. A phase starts exactly at its boundary (at 25:00 the break has
    0 elapsed). Break time belongs to the session's elapsed time like work time.
    A break of 0 minutes is skipped; work lasts at least 1 minute.
    """
    work = timedelta(minutes=max(settings.pomodoro_work, 1))
    short = timedelta(minutes=max(settings.pomodoro_break, 0))
    long = timedelta(minutes=max(settings.pomodoro_long_break, 0))
    every = max(settings.pomodoro_long_every, 1)
    round_length = every * work + (every - 1) * short + long
    rounds, pos = divmod(elapsed(s, now), round_length)
    for i in range(1, every + 1):
        index = rounds * every + i
        if pos < work:
            return PomodoroPhase("work", index, pos, work - pos)
        pos -= work
        length, kind = (long, "long break") if i == every else (short, "break")
        if pos < length:
            return PomodoroPhase(kind, index, pos, length - pos)
        pos -= length
    raise AssertionError("unreachable: pos < round_length")  # pragma: no cover


# ----------------------------------------------------------------- forgotten timer


def last_activity(s: FocusSession) -> datetime:
    """The latest stored instant (UTC): the start, the last pause or resume, the last
    key (and, for a stopped session, its end)."""
    return max(_stored_instants(s))


def idle_tail(s: FocusSession, now: datetime, settings: Settings) -> timedelta | None:
    """How long a running, unpaused session has gone without activity, if that is
    more than ``settings.idle_minutes``; else None. ``idle_minutes`` ≤ 0 turns the
    check off. Paused and stopped sessions are never idle (paused time does not count).
    """
    if not s.running or s.paused or settings.idle_minutes <= 0:
        return None
    tail = monotonic_now(s, now) - last_activity(s)
    return tail if tail > timedelta(minutes=settings.idle_minutes) else None


# ----------------------------------------------------------------- overrun


def overrun(s: FocusSession, now: datetime, settings: Settings | None = None) -> timedelta:
    """How far a countdown or pomodoro session runs past its plan (zero if not;
    always zero for count-up, which has no end)."""
    if s.mode == "count-up":
        return timedelta()
    return max(-remaining(s, now), timedelta())


def is_far_past_plan(s: FocusSession, now: datetime, settings: Settings) -> bool:
    """True once the overrun reaches ``settings.overrun_minutes`` (a threshold ≤ 0
    means: as soon as the plan is passed at all)."""
    over = overrun(s, now, settings)
    return over > timedelta() and over >= timedelta(minutes=settings.overrun_minutes)
