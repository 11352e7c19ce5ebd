"""Figures computed from the whole repository, shared by the review screen and `prize report`."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from tui.model.dates import iso_week_label
from tui.model.metrics import PeriodMetrics, period_metrics


def metrics_for(repo, start: date, days: int, *, tz: tzinfo, now: datetime) -> PeriodMetrics:
    """Metrics for `days` days from `start`, against the goals of the week containing `start`."""
    label = iso_week_label(start)
    goals = next((g for g in repo.goals.all() if g.week == label), None)
    return period_metrics(
        start, days,
        blocks=repo.blocks.all(), marks=repo.marks.all(), sessions=repo.sessions.all(),
        interactions=repo.interactions.all(), meetings=repo.meetings.all(),
        contacts=repo.contacts.all(), goals=goals, tz=tz, now=now,
    )
