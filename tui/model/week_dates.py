"""Week maths: the first day and the seven days of a week, ISO week labels (``2026-W48``,
written and read) and a week's range label (``23–29 Nov 2026``).

A week starts on the weekday the settings name (``first_weekday``); ISO weeks always
start on Monday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.model.dates import MONTH_ABBR


def week_start(d: date, first_weekday: int = 0) -> date:
    """The first day (0=Monday … 6=Sunday) of the week containing ``d``."""
    if isinstance(first_weekday, bool) or first_weekday not in range(7):
        raise ValueError("the first weekday goes from 0 (Monday) to 6 (Sunday)")
    try:
        return d - timedelta(days=(d.weekday() - first_weekday) % 7)
    except OverflowError:
        raise ValueError("that week starts before year 1") from None


def week_days(start: date) -> list[date]:
    """The seven dates of the week starting at ``start``."""
    try:
        return [start + timedelta(days=i) for i in range(7)]
    except OverflowError:
        raise ValueError("that week ends after year 9999") from None


def iso_week_label(d: date) -> str:
    """``2026-W48``: the ISO year and week of ``d`` (which may differ from ``d.year``)."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def iso_weeks_in_year(year: int) -> int:
    """52 or 53: 28 December is always in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar()[1]


def parse_iso_week(text: str) -> date:
    """The Monday of the ISO week ``2026-W48`` (or ``2026W48``, any case)."""
    m = re.fullmatch(r"(\d{4})-?w(\d{1,2})", str(text).strip().lower())
    if not m:
        raise ValueError("not an ISO week: try 2026-W48")
    year, week = int(m[1]), int(m[2])
    if not 1 <= year <= 9999:
        raise ValueError("years go from 1 to 9999")
    if not 1 <= week <= 53:
        raise ValueError("ISO weeks go from 01 to 53")
    if week > iso_weeks_in_year(year):
        raise ValueError(f"{year} has 52 ISO weeks")
    return date.fromisocalendar(year, week, 1)


def week_range_label(start: date) -> str:
    """``23–29 Nov 2026``, ``30 Nov – 6 Dec 2026`` or ``28 Dec 2026 – 3 Jan 2027``."""
    end = week_days(start)[-1]
    sm, em = MONTH_ABBR[start.month - 1], MONTH_ABBR[end.month - 1]
    if start.year != end.year:
        return f"{start.day} {sm} {start.year} – {end.day} {em} {end.year}"
    if start.month != end.month:
        return f"{start.day} {sm} – {end.day} {em} {end.year}"
    return f"{start.day}–{end.day} {em} {end.year}"
