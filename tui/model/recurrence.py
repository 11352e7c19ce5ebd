"""Weekly recurrence for time blocks: RFC 5545 RRULE strings expanded with dateutil.

Only the weekly subset the planner edits is supported: FREQ=WEEKLY with INTERVAL,
BYDAY, and either UNTIL or COUNT. Weeks start on Monday (WKST=MO) whatever the
display's first weekday, so "every 2 weeks" never changes meaning with a setting.

Series are expanded on naive local dates; a zone is attached only at the end
(``occurrence_datetimes``), so a 09:00 block stays at 09:00 across DST changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import rrule as du

from tui.model.dates import MONTH_ABBR, WEEKDAY_ABBR
from tui.model.instants import combine_local

RFC_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DU_DAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
MAX_INTERVAL = 52


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def build_rrule(
    weekdays: list[int] | None = None,
    interval: int = 1,
    until: date | None = None,
    count: int | None = None,
) -> str:
    """An RRULE string such as ``FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;UNTIL=20270101T235959``.

    ``weekdays`` are 0=Mon … 6=Sun (sorted, duplicates dropped); ``None`` leaves BYDAY
    out, so the series repeats on the weekday of its first date. UNTIL is the last
    second of the ``until`` day in local wall-clock time, so that day is included.
    """
    parts = ["FREQ=WEEKLY"]
    if not _is_int(interval) or not 1 <= interval <= MAX_INTERVAL:
        raise ValueError(f"repeat every 1 to {MAX_INTERVAL} weeks")
    parts.append(f"INTERVAL={interval}")
    if weekdays is not None:
        days = sorted(set(weekdays))
        if not days:
            raise ValueError("pick at least one weekday")
        if not all(_is_int(d) and 0 <= d <= 6 for d in days):
            raise ValueError("weekdays go from 0 (Monday) to 6 (Sunday)")
        parts.append("BYDAY=" + ",".join(RFC_DAYS[d] for d in days))
    if until is not None and count is not None:
        raise ValueError("choose an end date or a number of times, not both")
    if until is not None:
        if isinstance(until, datetime) or not isinstance(until, date):
            raise ValueError("the end of a series is a date")
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    if count is not None:
        if not _is_int(count) or count < 1:
            raise ValueError("a series happens at least once (count ≥ 1)")
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def _parse_until(value: str) -> date:
    text = value.rstrip("Z")
    try:
        if len(text) == 8:
            return datetime.strptime(text, "%Y%m%d").date()
        return datetime.strptime(text, "%Y%m%dT%H%M%S").date()
    except ValueError:
        raise ValueError(f"bad UNTIL in repeat rule: {value!r}") from None


def _parse_int(key: str, value: str) -> int:
    if not value.isdecimal():
        raise ValueError(f"bad {key} in repeat rule: {value!r}")
    return int(value)


def parse_rrule(rule: str) -> dict:
    """The fields of a weekly rule: ``{"weekdays", "interval", "until", "count"}``.

    The inverse of ``build_rrule`` (for editing forms); an ``RRULE:`` prefix is allowed.
    An empty rule (a block that does not repeat) and anything outside the weekly
    subset raise ``ValueError``.
    """
    text = str(rule).strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise ValueError("empty repeat rule: the block does not repeat")
    fields: dict[str, str] = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        key, value = key.strip().upper(), value.strip().upper()
        if not sep or not key or key in fields:
            raise ValueError(f"cannot read repeat rule: {rule!r}")
        fields[key] = value
    if fields.pop("FREQ", None) != "WEEKLY":
        raise ValueError("only weekly repeats are supported (FREQ=WEEKLY)")
    if fields.pop("WKST", "MO") != "MO":
        raise ValueError("weeks in a repeat rule start on Monday (WKST=MO)")
    result: dict = {"weekdays": None, "interval": 1, "until": None, "count": None}
    if "INTERVAL" in fields:
        result["interval"] = _parse_int("INTERVAL", fields.pop("INTERVAL"))
    if "BYDAY" in fields:
        names = fields.pop("BYDAY").split(",")
        if not all(n in RFC_DAYS for n in names):
            raise ValueError(f"bad BYDAY in repeat rule: {rule!r}")
        result["weekdays"] = sorted({RFC_DAYS.index(n) for n in names})
    if "UNTIL" in fields:
        result["until"] = _parse_until(fields.pop("UNTIL"))
    if "COUNT" in fields:
        result["count"] = _parse_int("COUNT", fields.pop("COUNT"))
    if fields:
        raise ValueError(f"unsupported in repeat rule: {', '.join(sorted(fields))}")
    build_rrule(**result)  # same validation as when the rule was made
    return result


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def occurrences(
    first: date,
    rule: str,
    window_start: date,
    window_end: date,
    exdates: Iterable[date] = (),
) -> list[date]:
    """Dates in ``[window_start, window_end]`` on which a series starting at ``first`` occurs.

    An empty rule is a single occurrence on ``first``. As in dateutil, ``first`` itself
    counts only if it matches the rule; COUNT counts matching dates from ``first`` and
    exdates (skipped occurrences) are removed afterwards, so skipping one never pulls
    in an extra date at the end. Expansion starts at the last period boundary before
    the window (COUNT reduced by the dates skipped), so a series begun years ago
    costs the same as a new one.
    """
    skip = {d.date() if isinstance(d, datetime) else d for d in exdates}
    if window_end < window_start:
        return []
    if not str(rule).strip():
        return [first] if window_start <= first <= window_end and first not in skip else []
    fields = parse_rrule(rule)
    weekdays = fields["weekdays"] if fields["weekdays"] is not None else [first.weekday()]
    interval, until, count = fields["interval"], fields["until"], fields["count"]
    start = first
    weeks = (_monday(window_start) - _monday(first)).days // 7
    aligned = weeks - weeks % interval  # whole periods of the series before the window
    if aligned > 0:
        start = _monday(first) + timedelta(weeks=aligned)
        if count is not None:  # dates already used up in the skipped periods
            count -= sum(d >= first.weekday() for d in weekdays)
            count -= (aligned // interval - 1) * len(weekdays)
            if count <= 0:
                return []
    series = du.rrule(
        du.WEEKLY,
        dtstart=datetime.combine(start, time()),
        interval=interval,
        wkst=du.MO,
        byweekday=[_DU_DAYS[d] for d in weekdays],
        until=datetime.combine(until, time(23, 59, 59)) if until else None,
        count=count,
    )
    found = series.between(
        datetime.combine(window_start, time()), datetime.combine(window_end, time()), inc=True
    )
    return [dt.date() for dt in found if dt.date() not in skip]


def occurrence_datetimes(
    first: date,
    start_time: time,
    rule: str,
    window_start: date,
    window_end: date,
    exdates: Iterable[date] = (),
    tz: tzinfo | None = None,
) -> list[datetime]:
    """Aware start times of the occurrences, at the same wall-clock time on every date."""
    days = occurrences(first, rule, window_start, window_end, exdates)
    return [combine_local(d, start_time, tz) for d in days]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_rrule(rule: str) -> str:
    """Plain words: "every Tue and Thu", "every 2 weeks on Mon", "every Fri, 10 times".

    "" for an empty rule; a rule without BYDAY reads "every week" (its day is the
    first date's weekday, which the rule alone does not know).
    """
    if not str(rule).strip():
        return ""
    fields = parse_rrule(rule)
    days, interval = fields["weekdays"], fields["interval"]
    if days == list(range(7)):
        text = "every day" if interval == 1 else f"every {interval} weeks, all week"
    elif days == list(range(5)):
        text = "every weekday" if interval == 1 else f"every {interval} weeks on weekdays"
    elif days is None:
        text = "every week" if interval == 1 else f"every {interval} weeks"
    else:
        names = _join([WEEKDAY_ABBR[d] for d in days])
        text = f"every {names}" if interval == 1 else f"every {interval} weeks on {names}"
    if fields["until"]:
        u = fields["until"]
        text += f", until {u.day} {MONTH_ABBR[u.month - 1]} {u.year}"
    if fields["count"]:
        text += ", once" if fields["count"] == 1 else f", {fields['count']} times"
    return text
