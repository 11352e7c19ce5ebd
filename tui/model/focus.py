"""The focus clock as pure functions over `FocusSession` (SPEC §3.3).

Every function takes the current instant ``now`` (an aware datetime; it is converted to
UTC) and returns a NEW session; the argument is never mutated and the returned one
shares no list or dict with it. Nothing here reads the clock, so the UI, the CLI and
the tests decide what "now" is.

Time model
----------
A session stores UTC instants only: ``started``, ``ended``, the ``pauses`` pairs and
``last_key``. Elapsed time is always derived from them, so quitting, a crash, a reboot,
a DST switch or a change of the machine's time zone cannot corrupt it.

If the system clock is moved backwards, ``now`` can be earlier than an instant already
stored. `monotonic_now` then treats ``now`` as that latest stored instant, so time is
never negative and never counted twice; every function here goes through it. The
price of a clock that jumped forward and back again is that the session's clock stands
still until real time catches up with the latest stored instant.

Keys
----
`pause`, `resume`, `toggle` and `extend` are key presses, so they also record
``last_key`` (the forgotten-timer check reads it); `touch` records it for any other key.
On a stopped session they change nothing (they return an equal copy). Before applying
a key to a running session the UI should ask `idle_tail` whether the timer was
forgotten, and offer keep (`touch`), trim (`trim_idle`) or discard (delete it).
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, datetime, timedelta

from tui.model.dates import MAX_DURATION, to_iso
from tui.model.plan import Settings
from tui.model.sessions import MODES, FocusSession
from tui.model.validation import NAME_MAX, clean_text, collect, quoted

STEP_MINUTES = 5  # what `+` and `-` add or take away
MIN_PLAN_MINUTES = 1
OUTCOME_MAX = 999
OUTCOME_NOTE_MAX = 500

# What the "nothing came of it" button stores as the outcome. `None` means the
# question was never answered. Store a copy (`dict(NOTHING)`), never this object.
NOTHING: dict = {}


# --------------------------------------------------------------------------- time


def _utc(now: datetime) -> datetime:
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise ValueError("the current time needs a time zone (got a naive datetime)")
    return now.astimezone(UTC)


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _stamp(dt: datetime) -> str:
    return to_iso(dt.astimezone(UTC))


def _stored_instants(s: FocusSession) -> list[datetime]:
    instants = [_parse(s.started)]
    if s.ended:
        instants.append(_parse(s.ended))
    for pair in s.pauses:
        instants.extend(_parse(p) for p in pair if p)
    if s.last_key:
        instants.append(_parse(s.last_key))
    return instants


def monotonic_now(s: FocusSession, now: datetime) -> datetime:
    """``now`` in UTC, but never earlier than the latest instant stored in ``s``.

    The stored instants are the start, the end, every pause and resume, and the last
    key. A clock moved backwards therefore neither makes time negative nor counts an
    interval twice.
    """
    return max([_utc(now), *_stored_instants(s)])


def elapsed(s: FocusSession, now: datetime) -> timedelta:
    """Active (unpaused) time of ``s`` at ``now``, robust to a clock moved backwards."""
    return s.elapsed(monotonic_now(s, now))


def remaining(s: FocusSession, now: datetime) -> timedelta:
    """Planned minus active time; negative once the plan is passed."""
    return timedelta(minutes=s.planned_minutes) - elapsed(s, now)


def _copy(s: FocusSession, **changes) -> FocusSession:
    """A new session sharing no list or dict with ``s``."""
    changes.setdefault("pauses", [list(pair) for pair in s.pauses])
    changes.setdefault("outcome", copy.deepcopy(s.outcome))
    return s.replace(**changes)


# ----------------------------------------------------------------- starting


def _check_channel(channel: str) -> str:
    if not isinstance(channel, str):
        raise ValueError("the channel must be text")  # noqa: TRY004 (forms catch ValueError)
    return clean_text(channel, required=True, max_len=NAME_MAX, label="the channel")


def _check_minutes(minutes: int, what: str = "the length") -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError(f"{what} must be a whole number of minutes")  # noqa: TRY004 (forms catch ValueError)
    if minutes < 1:
        raise ValueError(f"{what} must be at least 1 minute")
    if minutes > MAX_DURATION:
        raise ValueError(f"{what} can be at most 24h ({MAX_DURATION} minutes)")
    return minutes


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"unknown mode {quoted(mode)}: use {', '.join(MODES)}")
    return mode


def _day_text(block_day) -> str | None:
    if block_day is None:
        return None
    return block_day if isinstance(block_day, str) else block_day.isoformat()


def start_session(
    channel: str,
    now: datetime,
    *,
    mode: str = "countdown",
    planned_minutes: int = 30,
    block_id: int | None = None,
    block_day=None,
    contact_id: int | None = None,
) -> FocusSession:
    """A new running session started at ``now``.

    Raises `ValidationError` (a `ValueError`) naming every bad field: ``channel``
    (empty, too long, control characters), ``planned_minutes`` (1..1440) and ``mode``.
    ``block_day`` may be a date or its ISO text.
    """
    start = _utc(now)
    values = collect({
        "channel": lambda: _check_channel(channel),
        "planned_minutes": lambda: _check_minutes(planned_minutes, "the plan"),
        "mode": lambda: _check_mode(mode),
    })
    return FocusSession(
        channel=values["channel"],
        mode=values["mode"],
        planned_minutes=values["planned_minutes"],
        started=_stamp(start),
        block_id=block_id,
        block_day=_day_text(block_day),
        contact_id=contact_id,
    )


# ----------------------------------------------------------------- the keys


def pause(s: FocusSession, now: datetime) -> FocusSession:
    """Pause a running session at ``now`` (no change if paused already or stopped)."""
    if not s.running or s.paused:
        return _copy(s)
    at = _stamp(monotonic_now(s, now))
    pauses = [list(pair) for pair in s.pauses] + [[at, None]]
    return _copy(s, pauses=pauses, last_key=at)


def resume(s: FocusSession, now: datetime) -> FocusSession:
    """Close the open pause at ``now`` (no change if not paused)."""
    if not s.paused:
        return _copy(s)
    at = _stamp(monotonic_now(s, now))
    pauses = [list(pair) for pair in s.pauses]
    pauses[-1][1] = at
    return _copy(s, pauses=pauses, last_key=at)


def toggle(s: FocusSession, now: datetime) -> FocusSession:
    """The space key: pause a running session, resume a paused one."""
    return resume(s, now) if s.paused else pause(s, now)


def extend(s: FocusSession, minutes: int, now: datetime) -> FocusSession:
    """Add (``+5``) or take away (``-5``) planned minutes.

    The plan stays between 1 minute and 24 hours. It may drop below the time already
    spent: the countdown then shows the session as over its plan, which is what
    pressing ``-`` asked for. A stopped session is left unchanged (use
    `correct_session`).
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError("extend by a whole number of minutes")  # noqa: TRY004 (forms catch ValueError)
    if not s.running:
        return _copy(s)
    planned = min(max(s.planned_minutes + minutes, MIN_PLAN_MINUTES), MAX_DURATION)
    return _copy(s, planned_minutes=planned, last_key=_stamp(monotonic_now(s, now)))


def cycle_mode(s: FocusSession) -> FocusSession:
    """The ``p`` key: countdown → pomodoro → count-up → countdown (unknown → countdown)."""
    index = MODES.index(s.mode) + 1 if s.mode in MODES else 0
    return _copy(s, mode=MODES[index % len(MODES)])


def touch(s: FocusSession, now: datetime) -> FocusSession:
    """Record a key press at ``now`` as the last activity (stopped sessions unchanged)."""
    if not s.running:
        return _copy(s)
    return _copy(s, last_key=_stamp(monotonic_now(s, now)))


def stop(s: FocusSession, now: datetime, outcome: dict | None = None) -> FocusSession:
    """End the session at ``now``; an open pause is closed at the same instant.

    Stopping a stopped session keeps its end; a given ``outcome`` is stored either way
    (``None`` leaves the stored one alone).
    """
    new_outcome = copy.deepcopy(outcome) if outcome is not None else copy.deepcopy(s.outcome)
    if not s.running:
        return _copy(s, outcome=new_outcome)
    at = _stamp(monotonic_now(s, now))
    pauses = [list(pair) for pair in s.pauses]
    if pauses and pauses[-1][1] is None:
        pauses[-1][1] = at
    return _copy(s, ended=at, pauses=pauses, outcome=new_outcome)


# ----------------------------------------------------------------- pomodoro


@dataclasses.dataclass(frozen=True)
class PomodoroPhase:
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


def trim_idle(s: FocusSession, now: datetime, settings: Settings) -> FocusSession:
    """The session stopped at its last activity, dropping the idle tail.

    It trims whether or not the threshold is passed (the UI offers it only when
    `idle_tail` is not None, and the answer may come a little later). A paused
    session has no idle tail: it is simply stopped at ``now``, its pause closed.
    ``settings`` is accepted for symmetry with `idle_tail`.
    """
    if not s.running:
        return _copy(s)
    if s.paused:
        return stop(s, now)
    return stop(s, last_activity(s))


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


# Recording after the fact and the outcome form live in focus_records (same model).
from tui.model.focus_records import (  # noqa: E402  (it builds on the helpers above)
    add_past_session,
    correct_session,
    validate_outcome,
)

__all__ = [
    "NOTHING", "STEP_MINUTES", "PomodoroPhase", "add_past_session", "correct_session",
    "cycle_mode", "elapsed", "extend", "idle_tail", "is_far_past_plan", "last_activity",
    "monotonic_now", "overrun", "pause", "pomodoro_phase", "remaining", "resume",
    "start_session", "stop", "toggle", "touch", "trim_idle", "validate_outcome",
]
