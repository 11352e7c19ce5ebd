"""Aware instants: the current one, ISO 8601 text for storage, the local time zone, and
wall-clock times made aware across DST changes.

dateutil's ``tz`` is imported inside the functions that need it, not at module level:
it takes about 2 ms to import, which start-up (before the first frame) should not pay.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo


def now_utc() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def to_iso(dt: datetime) -> str:
    """ISO 8601 with offset, for storage; a naive datetime is ambiguous, so it is refused."""
    if not isinstance(dt, datetime) or dt.utcoffset() is None:
        raise ValueError("a stored date-time needs a time zone (got a naive datetime)")
    return dt.isoformat()


def from_iso(s: str) -> datetime:
    """An aware datetime from stored ISO 8601 text; text without an offset is refused."""
    try:
        dt = datetime.fromisoformat(str(s).strip())
    except ValueError:
        raise ValueError(f"not an ISO 8601 date-time: {s!r}") from None
    if dt.utcoffset() is None:
        raise ValueError(f"stored date-time has no offset: {s!r}")
    return dt


def local_tz() -> tzinfo:
    """The machine's local time zone (follows its DST rules)."""
    from dateutil import tz as dtz  # (2 ms to import: not before the first frame)

    return dtz.tzlocal()


def combine_local(d: date, t: time, tz: tzinfo | None = None) -> datetime:
    """An aware datetime at wall-clock ``t`` on ``d`` in ``tz`` (default: local).

    A wall-clock time skipped by a DST change (02:30 on a spring-forward night) is moved
    forward by the size of the gap (to 03:30); a time that happens twice (autumn) is the
    first occurrence, i.e. still on summer time.
    """
    from dateutil import tz as dtz

    zone = tz if tz is not None else local_tz()
    aware = datetime.combine(d, t.replace(tzinfo=None, fold=0)).replace(tzinfo=zone)
    if not dtz.datetime_exists(aware):
        return dtz.resolve_imaginary(aware)
    return aware
