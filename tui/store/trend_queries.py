"""The weekly figures the trends are made of: `queries.metrics_for` for each ISO week
of the span, the computation `prize report --week W` makes, so each week of the
trends is that week's report."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from tui.model.metrics import period_records
from tui.model.trends import Trends, trends
from tui.model.week_dates import week_start
from tui.store.queries import metrics_for, records_for

DEFAULT_WEEKS = 8


def week_starts(last: date, weeks: int) -> list[date]:
    """The Mondays of `weeks` ISO weeks ending with the week of `last`, oldest first."""
    end = week_start(last)
    return [end - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]


def trends_for(repo, last: date, weeks: int = DEFAULT_WEEKS, *, tz: tzinfo,
               now: datetime) -> Trends:
    """The trends of `weeks` weeks ending with the week of `last`: each week's
    `metrics_for`, from the span's records read once (not once per week), each
    week given its own."""
    starts = week_starts(last, weeks)
    records = records_for(repo, starts[0], starts[-1] + timedelta(days=6), by_kind=True)
    return trends([metrics_for(repo, start, 7, tz=tz, now=now,
                               records=period_records(records, start, 7))
                   for start in starts])
