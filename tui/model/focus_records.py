"""Focus sessions recorded after the fact, corrected, and the outcome form (its checks
and `NOTHING`).

The keys of a running session are in `tui.model.focus`; the same time model applies
(`tui.model.focus_time`): UTC instants, derived time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from tui.model.focus import check_channel, check_minutes, copy_session, day_text
from tui.model.focus_time import as_utc, instant_text, last_activity, parse_instant
from tui.model.instants import combine_local
from tui.model.sessions import FocusSession
from tui.model.validation import ValidationError, clean_text, collect

OUTCOME_MAX = 999
OUTCOME_NOTE_MAX = 500

# What the "nothing came of it" button stores as the outcome. `None` means the
# question was never answered. Store a copy (`dict(NOTHING)`), never this object.
NOTHING: dict = {}

# ----------------------------------------------------------------- after the fact


def _aware(dt: datetime, tz: tzinfo | None) -> datetime:
    if not isinstance(dt, datetime):
        raise ValueError("the start must be a date and a time")  # noqa: TRY004 (forms catch ValueError)
    if dt.utcoffset() is None:
        return combine_local(dt.date(), dt.time(), tz)
    return dt


def _local_text(dt: datetime, like: datetime) -> str:
    zone = like.tzinfo if like.utcoffset() is not None else None
    return dt.astimezone(zone).strftime("%H:%M")


def add_past_session(
    channel: str,
    start_local: datetime,
    minutes: int,
    now: datetime,
    *,
    block_id: int | None = None,
    block_day=None,
    contact_id: int | None = None,
    tz: tzinfo | None = None,
) -> FocusSession:
    """A stopped session added afterwards ("forgot to start it at 9:10").

    ``start_local`` is an aware datetime, or a naive wall-clock time in ``tz`` (default:
    the machine's zone; a time skipped by DST moves forward). The session is one
    continuous span of ``minutes`` (1..1440), planned for exactly that long, in
    countdown mode, with no outcome yet; ``last_key`` is ``now``, when it was added
    (see `last_recorded`). Raises `ValidationError` with fields
    ``channel``, ``start`` (in the future) and ``minutes`` (out of range, or the
    session would end after now).
    """
    current = as_utc(now)
    errors: dict[str, str] = {}
    try:
        name = check_channel(channel)
    except ValueError as exc:
        errors["channel"] = str(exc)
    start = None
    try:
        start = as_utc(_aware(start_local, tz))
        if start > current:
            raise ValueError("the start is in the future")
    except ValueError as exc:
        errors["start"] = str(exc)
        start = None
    try:
        check_minutes(minutes)
        if start is not None and start + timedelta(minutes=minutes) > current:
            end = start + timedelta(minutes=minutes)
            raise ValueError(
                f"it would end at {_local_text(end, start_local)}, after now: "
                "start earlier or make it shorter"
            )
    except ValueError as exc:
        errors["minutes"] = str(exc)
    if errors:
        raise ValidationError(errors)
    return FocusSession(
        channel=name,
        mode="countdown",
        planned_minutes=minutes,
        started=instant_text(start),
        ended=instant_text(start + timedelta(minutes=minutes)),
        block_id=block_id,
        block_day=day_text(block_day),
        contact_id=contact_id,
        last_key=instant_text(current),
    )


def correct_session(
    s: FocusSession,
    *,
    started: datetime | None = None,
    minutes: int | None = None,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> FocusSession:
    """Fix the start and/or the active length of a stopped session.

    The corrected session is one continuous span: ``started`` (default: unchanged) to
    ``started + minutes`` (default: the active time it had, to the second); its pauses
    are dropped, the plan, mode, links and outcome kept, and the last key is ``now``
    (None without it; see `last_recorded`). With ``now`` given, a start in the
    future or an end after now is refused. Raises `ValueError`
    for a running session and `ValidationError` (fields ``start``, ``minutes``) for
    bad values.
    """
    if s.running:
        raise ValueError("stop the session before correcting it")
    errors: dict[str, str] = {}
    current = as_utc(now) if now is not None else None
    start = parse_instant(s.started)
    if started is not None:
        try:
            start = as_utc(_aware(started, tz))
            if current is not None and start > current:
                raise ValueError("the start is in the future")
        except ValueError as exc:
            errors["start"] = str(exc)
    length = s.elapsed(parse_instant(s.ended))
    try:
        if minutes is not None:
            length = timedelta(minutes=check_minutes(minutes))
        if "start" not in errors and current is not None and start + length > current:
            raise ValueError("it would end after now: start earlier or make it shorter")
    except ValueError as exc:
        errors["minutes"] = str(exc)
    if errors:
        raise ValidationError(errors)
    return copy_session(s, started=instant_text(start), ended=instant_text(start + length),
                        pauses=[], last_key=instant_text(current) if current else None)


def last_recorded(sessions: Iterable[FocusSession]) -> FocusSession | None:
    """The stopped session the person dealt with last: stopped, added afterwards or
    corrected most recently, which `c` corrects. Not the one that ended last: a
    session added afterwards ("forgot to start it at 9:10") ends before the one
    stopped a moment ago, so adding and correcting record the moment as the last key.
    """
    stopped = [s for s in sessions if s.ended]
    return max(stopped, key=lambda s: (last_activity(s), s.id or 0), default=None)


# ----------------------------------------------------------------- the outcome form

_DIGITS = re.compile(r"[0-9]+")


def _count(text: str, label: str) -> int:
    value = str(text).strip()
    if not value:
        return 0
    if not _DIGITS.fullmatch(value):
        raise ValueError(f"{label}: a whole number from 0 to {OUTCOME_MAX}")
    number = int(value)
    if number > OUTCOME_MAX:
        raise ValueError(f"{label}: at most {OUTCOME_MAX}")
    return number


def validate_outcome(contacts: str, replies: str, meetings: str, note: str) -> dict:
    """Parse the outcome form: ``{"contacts", "replies", "meetings", "note"}``.

    Counts are whole numbers 0..999 (empty means 0); the note is stripped, at most 500
    characters, with no control characters (newlines and tabs included: it is a
    one-line field). Every bad field is reported at once in a `ValidationError`.
    An all-zero answer is returned as such (the caller stores it); the "nothing came
    of it" button stores `NOTHING` (``{}``) instead, and ``None`` means "not asked yet".
    """
    return collect({
        "contacts": lambda: _count(contacts, "contacts reached"),
        "replies": lambda: _count(replies, "replies"),
        "meetings": lambda: _count(meetings, "meetings booked"),
        "note": lambda: clean_text(str(note), max_len=OUTCOME_NOTE_MAX, label="the note"),
    })
