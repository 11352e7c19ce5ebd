"""The weekly figures the trends are made of: `queries.metrics_for` for each ISO week
of the span, the computation `prize report --week W` makes, so each week of the
trends is that week's report."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from tui.model.metrics import period_records
from tui.model.period_figures import PeriodMetrics
from tui.model.trends import Trends, trends
from tui.model.week_dates import week_start
from tui.store.queries import metrics_for, records_for
from tui.store.week_memo import WeekMemo, week_keys

DEFAULT_WEEKS = 8


def week_starts(last: date, weeks: int) -> list[date]:
    """The Mondays of `weeks` ISO weeks ending with the week of `last`, oldest first."""
    end = week_start(last)
    return [end - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]


def trends_for(repo, last: date, weeks: int = DEFAULT_WEEKS, *, tz: tzinfo,
               now: datetime) -> Trends:
    """The trends of `weeks` weeks ending with the week of `last`."""
    return trends(weekly_metrics(repo, week_starts(last, weeks), tz=tz, now=now))


def weekly_metrics(repo, starts: list[date], *, tz: tzinfo,
                   now: datetime) -> list[PeriodMetrics]:
    """`metrics_for` each week of `starts`: kept from an earlier run for a week
    that is over and whose records are as they were then (week_memo.py), worked
    out for the others from their span's records read once, each week given its own."""
    memo = WeekMemo(repo.path)
    with repo.lock:  # the figures kept are those of the records the keys were made of
        keys = week_keys(repo, starts, tz=tz, now=now)
        found = {start: m for start in starts
                 if start in keys and (m := memo.get(keys[start])) is not None}
        missing = [start for start in starts if start not in found]
        if missing:
            records = records_for(repo, missing[0], missing[-1] + timedelta(days=6),
                                  by_kind=True)
            for start in missing:
                found[start] = metrics_for(repo, start, 7, tz=tz, now=now,
                                           records=period_records(records, start, 7))
                if start in keys:
                    memo.put(keys[start], found[start])
    memo.save()
    return [found[start] for start in starts]
