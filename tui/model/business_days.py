"""Business days: Monday to Friday, weekends skipped (holidays are not known).

`business_days_between(a, b)` counts the weekdays after `a` up to and including
`b`, so a message sent on a Friday is one business day old on Monday.
`add_business_days(a, n)` is the day that count reaches `n`; the two agree:
`business_days_between(a, add_business_days(a, n)) == n`.
"""

from __future__ import annotations

from datetime import date, timedelta


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def business_days_between(start: date, end: date) -> int:
    """Weekdays d with start < d <= end (0 when end is not after start)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    day = start + timedelta(days=weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count


def add_business_days(start: date, n: int) -> date:
    """The n-th weekday after `start` (n >= 0; n == 0 is `start` itself)."""
    if n < 0:
        raise ValueError("n is at least 0")
    weeks, rest = divmod(n, 5)
    day = start + timedelta(days=weeks * 7)
    if rest == 0 and n > 0:
        # A whole number of weeks from a weekend lands on a weekend: step back to its Friday.
        while not is_business_day(day):
            day -= timedelta(days=1)
        return day
    while rest:
        day += timedelta(days=1)
        if is_business_day(day):
            rest -= 1
    return day
