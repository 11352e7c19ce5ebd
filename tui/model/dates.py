"""Dates, times and durations as people type them in forms, and month and weekday names.

Every parser raises ``ValueError`` with a short message a person can act on, because
the UI shows that message beside the field (SPEC §5). Month and weekday names are
English and independent of the process locale, so behaviour is the same everywhere.

Parsing is a small hand-written grammar rather than ``dateutil.parser``: the latter
accepts random words and silently fills in missing parts, which is the opposite of
what a form field needs; ``dateutil`` only adds months (``+1mo``). Week maths is in
`tui.model.week_dates`, stored instants and time zones in `tui.model.instants`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from tui.model.validation import quoted

MONTHS = ("january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december")
MONTH_ABBR = tuple(m[:3].title() for m in MONTHS)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBR = tuple(w[:3].title() for w in WEEKDAYS)

DATE_HINT = "not a date: try 2026-12-03, dec 3, tomorrow, next mon or +3d"
TIME_HINT = "not a time: try 14:30, 9:05 or 2pm"
DURATION_HINT = "not a duration: try 45m, 1h or 1h30"
MAX_DURATION = 24 * 60

_DAY_UNITS = {"", "d", "day", "days"}
_WEEK_UNITS = {"w", "wk", "wks", "week", "weeks"}
_MONTH_UNITS = {"mo", "month", "months"}


def month_number(word: str) -> int | None:
    """1–12 for an English month name or a prefix of at least 3 letters ("dec", "sept")."""
    word = word.strip().rstrip(".").lower()
    if len(word) < 3:
        return None
    for i, name in enumerate(MONTHS):
        if name.startswith(word):
            return i + 1
    return None


def weekday_number(word: str) -> int | None:
    """0 (Mon)–6 (Sun) for an English weekday name or a prefix of at least 2 letters."""
    word = word.strip().rstrip(".").lower()
    if len(word) < 2:
        return None
    for i, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return i
    return None


def _checked_date(year: int, month: int, day: int) -> date:
    """Build a date, explaining exactly which part is out of range."""
    if not 1 <= year <= 9999:
        raise ValueError("years go from 1 to 9999")
    if not 1 <= month <= 12:
        raise ValueError("months go from 01 to 12")
    if day < 1:
        raise ValueError("days start at 1")
    last = calendar.monthrange(year, month)[1]
    if day > last:
        name = MONTHS[month - 1].title()
        if month == 2:
            raise ValueError(f"February has {last} days in {year}")
        raise ValueError(f"{name} has {last} days")
    return date(year, month, day)


def _next_month_day(month: int, day: int, today: date) -> date:
    """The first date on or after ``today`` with this month and day (Feb 29 may be years off)."""
    if not 1 <= day <= 31:
        raise ValueError("days go from 1 to 31")
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if day > longest:
        raise ValueError(f"{MONTHS[month - 1].title()} has at most {longest} days")
    for year in range(today.year, min(today.year + 9, 10000)):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    raise ValueError("that date is out of range")


def _shift(today: date, amount: int, unit: str) -> date:
    """today moved by a signed amount of days, weeks or months."""
    try:
        if unit in _DAY_UNITS:
            return today + timedelta(days=amount)
        if unit in _WEEK_UNITS:
            return today + timedelta(weeks=amount)
        if unit in _MONTH_UNITS:
            from dateutil.relativedelta import relativedelta  # (for forms: after the first frame)

            return today + relativedelta(months=amount)
    except (OverflowError, ValueError):
        raise ValueError("that date is out of range") from None
    raise ValueError(f"unknown unit {quoted(unit)}: use d (days), w (weeks) or mo (months)")


def parse_date(text: str, today: date) -> date:
    """Parse a date as typed in a form field, relative to ``today``.

    Accepted: ``2026-12-03`` (also ``2026/12/03``, ``20261203``), ``dec 3``, ``3 dec``,
    ``December 3rd, 2026``, ``today``/``tomorrow``/``yesterday``, ``+3d``/``+2w``/``-1d``/
    ``+1mo``, ``in 3 days``. A month and day without a year is the next such date on or
    after today. A weekday (``mon``, ``monday``) and ``next mon`` both mean the next such
    day strictly after today (never today itself), so the answer is always in the future
    and the two spellings never disagree. Numeric day/month forms like ``12/03`` are
    refused as ambiguous (3 December or 12 March?).
    """
    s = " ".join(str(text).lower().split())
    if not s:
        raise ValueError("empty date: try 2026-12-03, dec 3, tomorrow, next mon or +3d")
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if s in named:
        return _shift(today, named[s], "d")

    if m := re.fullmatch(r"([+-]) ?(\d+) ?([a-z]*)|in (\d+) ?([a-z]+)", s):
        sign, amount, unit = (m[1], m[2], m[3]) if m[1] else ("+", m[4], m[5])
        if len(amount) > 7:
            raise ValueError("that date is out of range")
        return _shift(today, int(amount) * (-1 if sign == "-" else 1), unit)

    if m := re.fullmatch(r"(?:next )?([a-z]+)\.?", s):
        wd = weekday_number(m[1])
        if wd is not None:
            ahead = (wd - today.weekday() - 1) % 7 + 1
            return _shift(today, ahead, "d")

    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})|(\d{4})(\d{2})(\d{2})", s):
        y, mo, d = (int(g) for g in m.groups() if g is not None)
        return _checked_date(y, mo, d)
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\.?", s):
        raise ValueError("ambiguous: write 2026-12-03 or dec 3")
    if re.fullmatch(r"\d+", s):
        raise ValueError("a number alone is not a date: add the month, e.g. dec 3")
    return _parse_month_form(s, today)


def _parse_month_form(s: str, today: date) -> date:
    """``dec 3``, ``3 dec``, ``dec 3 2026``, ``3 december 2026`` (ordinals and commas allowed)."""
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    tokens = [t for t in re.split(r"[\s,./-]+", s) if t]
    words = [t for t in tokens if t.isalpha()]
    numbers = [t for t in tokens if t.isdecimal()]  # not "²": int() refuses it
    if len(words) != 1 or len(words) + len(numbers) != len(tokens) or not 1 <= len(numbers) <= 2:
        raise ValueError(DATE_HINT)
    month = month_number(words[0])
    if month is None:
        raise ValueError(f"not a month: {quoted(words[0])}; try dec 3 or 3 december")
    if tokens.index(words[0]) > 1:
        raise ValueError(DATE_HINT)
    day_text = numbers[0]
    if len(day_text) > 2:
        raise ValueError("add the day, e.g. dec 3 2026" if len(numbers) == 1 else DATE_HINT)
    if len(numbers) == 1:
        return _next_month_day(month, int(day_text), today)
    if tokens[-1] != numbers[1]:
        raise ValueError(DATE_HINT)
    if len(numbers[1]) != 4:
        raise ValueError("write the year in full, e.g. dec 3 2026")
    return _checked_date(int(numbers[1]), month, int(day_text))


def parse_time(text: str) -> time:
    """Parse ``14:30``, ``9:05``, ``0930``, ``9``, ``2pm``, ``2:30 pm``, ``noon``, ``midnight``.

    With am/pm the hour runs 1–12: ``12am`` is 00:00 and ``12pm`` is 12:00.

    Without am/pm the clock is the 24-hour one, but an hour of 1 to 6 written with
    one digit (``2``, ``2:00``, ``2.30``, ``2h30``, ``230``) is asked about rather
    than read as the night: "2:00 at night? write 14:00 or 2pm (or 02:00 for
    night)". A job search happens by day, so such a time is far likelier the
    afternoon, and a block or meeting put at 2 in the morning without a word is
    worse than one question. Taken as written: a leading zero (``02:00``), am/pm
    (``2am``), ``0:30`` (only ever the night), one-digit hours from 7 (``7:30`` is
    a morning) and every two-digit hour.
    """
    s = " ".join(str(text).lower().split()).replace("a.m.", "am").replace("p.m.", "pm")
    if not s:
        raise ValueError("empty time: try 14:30, 9:05 or 2pm")
    if s in ("noon", "midday"):
        return time(12, 0)
    if s == "midnight":
        return time(0, 0)
    m = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2})|h)? ?(am|pm|a|p)?", s)
    if m:
        hour_text, minute, meridiem = m[1], int(m[2] or 0), m[3]
    elif m := re.fullmatch(r"(\d{1,2})(\d{2}) ?(am|pm|a|p)?", s):
        hour_text, minute, meridiem = m[1], int(m[2]), m[3]
    elif re.fullmatch(r"\d{1,2}[:.h]\d ?(am|pm|a|p)?", s):
        raise ValueError("write minutes with two digits, e.g. 9:05")
    else:
        raise ValueError(TIME_HINT)
    hour = int(hour_text)
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError("with am/pm, hours go from 1 to 12")
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    if hour > 23:
        raise ValueError("hours go from 00 to 23")
    if minute > 59:
        raise ValueError("minutes go from 00 to 59")
    if not meridiem and len(hour_text) == 1 and 1 <= hour <= 6:
        raise ValueError(_night_question(hour, minute))
    return time(hour, minute)


def _night_question(hour: int, minute: int) -> str:
    """``2:00 at night? write 14:00 or 2pm (or 02:00 for night)``: each spelling offered
    is one `parse_time` takes as it says."""
    pm = f"{hour}pm" if not minute else f"{hour}:{minute:02d}pm"
    return (f"{hour}:{minute:02d} at night? write {hour + 12}:{minute:02d} or {pm} "
            f"(or {hour:02d}:{minute:02d} for night)")


_H = r"(?:h|hrs?|hours?)"
_M = r"(?:m|mins?|minutes?)"


def parse_duration(text: str) -> int:
    """Minutes from ``45``, ``45m``, ``45 min``, ``1h``, ``1h30``, ``1h 30m``, ``1:30``, ``1.5h``.

    A bare number is minutes. The result is between 1 and 24 h (1440 minutes).
    """
    from fractions import Fraction  # (here: ~3 ms that `prize report` has no use for)

    s = " ".join(str(text).lower().split())
    if not s:
        raise ValueError("empty duration: try 45m, 1h or 1h30")
    if re.fullmatch(r"-\s*\d.*", s):
        raise ValueError("a duration must be more than zero")
    with_hours = True
    if m := re.fullmatch(r"(\d+):(\d{2})", s):
        hours, minutes = Fraction(int(m[1])), int(m[2])
    elif m := re.fullmatch(rf"(\d+(?:\.\d+)?) ?{_H}(?: ?(\d+) ?{_M}?)?", s):
        hours, minutes = Fraction(m[1]), int(m[2] or 0)
        if m[2] and hours.denominator != 1:
            raise ValueError(DURATION_HINT)
    elif m := re.fullmatch(rf"(\d+) ?{_M}?", s):
        hours, minutes, with_hours = Fraction(0), int(m[1]), False
    else:
        raise ValueError(DURATION_HINT)
    if with_hours and minutes > 59:
        raise ValueError("minutes after the hours go from 00 to 59")
    total = hours * 60 + minutes
    if total.denominator != 1:
        raise ValueError("use whole minutes, e.g. 1h15")
    if total <= 0:
        raise ValueError("a duration must be more than zero")
    if total > MAX_DURATION:
        raise ValueError("a duration can be at most 24h")
    return int(total)


def format_duration(minutes: int) -> str:
    """``45m``, ``1h``, ``1h30``, ``1h05`` — a form ``parse_duration`` reads back."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError("a duration is a whole number of minutes, zero or more")
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h" if not rest else f"{hours}h{rest:02d}"
