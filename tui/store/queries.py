"""Figures computed from the whole repository, shared by the review screen and `prize report`.

Each reads only what its period needs: a day's figures out of a year of data
build a few hundred records, not 30,000 (the review opens in a blink).
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime, timedelta, tzinfo

from tui.model.contacts import Contact
from tui.model.dates import iso_week_label
from tui.model.metrics import SLACK, PeriodMetrics, followups, period_metrics

_Seen = namedtuple("_Seen", "contact_id at")
_Due = namedtuple("_Due", "id name follow_up cadence_days created")


def metrics_for(repo, start: date, days: int, *, tz: tzinfo, now: datetime) -> PeriodMetrics:
    """Metrics for `days` days from `start`, against the goals of the week containing `start`."""
    label = iso_week_label(start)
    goals = next((g for g in repo.goals.all() if g.week == label), None)
    end = start + timedelta(days=days - 1)
    first, last = start.isoformat(), end.isoformat()
    lo, hi = (start - SLACK).isoformat(), (end + SLACK).isoformat()

    def near(text: str | None) -> bool:
        return bool(text) and lo <= text[:10] <= hi

    return period_metrics(
        start, days,
        blocks=repo.blocks.all(),
        marks=repo.marks.where_field("day", near),
        sessions=repo.sessions.all(),  # a session may run across days: the metrics decide
        interactions=repo.interactions.where_field("at", near),
        meetings=repo.meetings.where_field("at", near),
        contacts=repo.contacts.where_field(
            "created", lambda created: bool(created) and first <= created[:10] <= last),
        goals=goals, tz=tz, now=now,
    )


def followups_for(repo, today: date, *, tz: tzinfo | None = None,
                  ) -> tuple[list[tuple[date, Contact]], list[tuple[date, Contact]]]:
    """(overdue, due today) as `metrics.followups`, building only the due contacts."""
    seen = (_Seen(*pair) for pair in repo.interactions.values("contact_id", "at"))
    rows = (_Due(*row) for row in repo.contacts.values(*_Due._fields))
    overdue, due = followups(rows, seen, today, tz=tz)

    def records(pairs):
        return [(when, contact) for when, row in pairs
                if (contact := repo.contacts.get(row.id)) is not None]

    return records(overdue), records(due)
