"""The focus clock's keys as pure functions over `FocusSession` (SPEC §3.3).

Every function takes the current instant ``now`` (an aware datetime; it is converted to
UTC) and returns a NEW session; the argument is never mutated and the returned one
shares no list or dict with it. Nothing here reads the clock. What a session's time
is (elapsed, remaining, idle, overrun) is read in `tui.model.focus_time`, which also
explains the time model; sessions recorded afterwards are in `tui.model.focus_records`.

Keys
----
`pause`, `resume`, `toggle` and `extend` are key presses, so they also record
``last_key`` (the forgotten-timer check reads it); `touch` records it for any other key.
On a stopped session they change nothing (they return an equal copy). Before applying
a key to a running session the UI should ask `focus_time.idle_tail` whether the timer
was forgotten, and offer keep (`touch`), trim (`trim_idle`) or discard (delete it).
"""

from __future__ import annotations

import copy
from datetime import datetime

from tui.model.dates import MAX_DURATION
from tui.model.focus_time import as_utc, instant_text, last_activity, monotonic_now
from tui.model.plan import Settings
from tui.model.sessions import MODES, FocusSession
from tui.model.validation import NAME_MAX, clean_text, collect, quoted

STEP_MINUTES = 5  # what `+` and `-` add or take away
MIN_PLAN_MINUTES = 1


def copy_session(s: FocusSession, **changes) -> FocusSession:
    """A new session sharing no list or dict with ``s``."""
    changes.setdefault("pauses", [list(pair) for pair in s.pauses])
    changes.setdefault("outcome", copy.deepcopy(s.outcome))
    return s.replace(**changes)


# ----------------------------------------------------------------- starting


def check_channel(channel: str) -> str:
    """The channel's cleaned name; ValueError if it is not text, empty or too long."""
    if not isinstance(channel, str):
        raise ValueError("the channel must be text")  # noqa: TRY004 (forms catch ValueError)
    return clean_text(channel, required=True, max_len=NAME_MAX, label="the channel")


def check_minutes(minutes: int, what: str = "the length") -> int:
    """``minutes`` if it is a whole number from 1 to 24h; else ValueError naming ``what``."""
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


def day_text(block_day) -> str | None:
    """A block's day as stored: ISO text (given a date or that text), or None."""
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
    start = as_utc(now)
    values = collect({
        "channel": lambda: check_channel(channel),
        "planned_minutes": lambda: check_minutes(planned_minutes, "the plan"),
        "mode": lambda: _check_mode(mode),
    })
    return FocusSession(
        channel=values["channel"],
        mode=values["mode"],
        planned_minutes=values["planned_minutes"],
        started=instant_text(start),
        block_id=block_id,
        block_day=day_text(block_day),
        contact_id=contact_id,
    )


# ----------------------------------------------------------------- the keys


def pause(s: FocusSession, now: datetime) -> FocusSession:
    """Pause a running session at ``now`` (no change if paused already or stopped)."""
    if not s.running or s.paused:
        return copy_session(s)
    at = instant_text(monotonic_now(s, now))
    pauses = [list(pair) for pair in s.pauses] + [[at, None]]
    return copy_session(s, pauses=pauses, last_key=at)


def resume(s: FocusSession, now: datetime) -> FocusSession:
    """Close the open pause at ``now`` (no change if not paused)."""
    if not s.paused:
        return copy_session(s)
    at = instant_text(monotonic_now(s, now))
    pauses = [list(pair) for pair in s.pauses]
    pauses[-1][1] = at
    return copy_session(s, pauses=pauses, last_key=at)


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
        return copy_session(s)
    planned = min(max(s.planned_minutes + minutes, MIN_PLAN_MINUTES), MAX_DURATION)
    return copy_session(s, planned_minutes=planned,
                        last_key=instant_text(monotonic_now(s, now)))


def cycle_mode(s: FocusSession) -> FocusSession:
    """The ``p`` key: countdown → pomodoro → count-up → countdown (unknown → countdown)."""
    index = MODES.index(s.mode) + 1 if s.mode in MODES else 0
    return copy_session(s, mode=MODES[index % len(MODES)])


def touch(s: FocusSession, now: datetime) -> FocusSession:
    """Record a key press at ``now`` as the last activity (stopped sessions unchanged)."""
    if not s.running:
        return copy_session(s)
    return copy_session(s, last_key=instant_text(monotonic_now(s, now)))


def stop(s: FocusSession, now: datetime, outcome: dict | None = None) -> FocusSession:
    """End the session at ``now``; an open pause is closed at the same instant.

    Stopping a stopped session keeps its end; a given ``outcome`` is stored either way
    (``None`` leaves the stored one alone).
    """
    new_outcome = copy.deepcopy(outcome) if outcome is not None else copy.deepcopy(s.outcome)
    if not s.running:
        return copy_session(s, outcome=new_outcome)
    at = instant_text(monotonic_now(s, now))
    pauses = [list(pair) for pair in s.pauses]
    if pauses and pauses[-1][1] is None:
        pauses[-1][1] = at
    return copy_session(s, ended=at, pauses=pauses, outcome=new_outcome)


def trim_idle(s: FocusSession, now: datetime, settings: Settings) -> FocusSession:
    """The session stopped at its last activity, dropping the idle tail.

    It trims whether or not the threshold is passed (the UI offers it only when
    `focus_time.idle_tail` is not None, and the answer may come a little later). A
    paused session has no idle tail: it is simply stopped at ``now``, its pause closed.
    ``settings`` is accepted for symmetry with `idle_tail`.
    """
    if not s.running:
        return copy_session(s)
    if s.paused:
        return stop(s, now)
    return stop(s, last_activity(s))
