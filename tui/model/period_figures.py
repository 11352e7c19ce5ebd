"""What `metrics.period_metrics` returns: the figures of a period, per channel and in
total, the block counts and each goal against what was done.

Plain frozen dataclasses, read by the daily review, the weekly report and the verdict;
how each figure is counted is in the docstring of `tui.model.metrics`.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from tui.model.record import field_shape
from tui.model.value import Value, figures


@figures
class ChannelFigures(Value):
    """One channel's figures over the period."""

    channel: str
    planned_minutes: int = 0
    spent_minutes: int = 0
    overrun_minutes: int = 0  # spent beyond planned, never negative
    budget_minutes: int | None = None  # the week's budget, None when not set
    contacts: int = 0  # from session outcomes on this channel
    replies: int = 0
    meetings: int = 0
    results: int = 0  # contacts + replies + meetings
    results_per_hour: float | None = None  # None when nothing was spent
    done_untimed_minutes: int = 0  # of blocks marked done that no session timed

    @property
    def over_budget_minutes(self) -> int:
        """Spent beyond the week's budget (0 without a budget)."""
        if self.budget_minutes is None:
            return 0
        return max(self.spent_minutes - self.budget_minutes, 0)


@figures
class BlockCounts(Value):
    """The period's block occurrences, by how they were marked."""

    done: int = 0
    partly: int = 0
    missed: int = 0
    open: int = 0

    @property
    def marked(self) -> int:
        return self.done + self.partly + self.missed

    @property
    def total(self) -> int:
        return self.marked + self.open


@figures
class GoalFigure(Value):
    """One goal of the week against what was done."""

    kind: str  # a GOAL_KINDS key
    label: str  # "meetings booked"
    goal: int | None  # None when the week sets no goal of this kind
    actual: int

    @property
    def met(self) -> bool:
        return self.goal is not None and self.actual >= self.goal


@figures
class PeriodMetrics(Value):
    """The figures of a period: per channel, in total, and each goal."""

    start: date
    days: int
    channels: dict[str, ChannelFigures]  # known channels first, in CHANNELS order
    blocks: BlockCounts
    planned_minutes: int
    spent_minutes: int
    networking_minutes: int
    contacts_reached: int
    replies: int
    meetings_reported: int
    meetings_scheduled: int
    meetings_booked: int
    meetings_held: int
    conversations: int
    new_contacts: int
    applications: int
    articles: int
    goals: dict[str, GoalFigure]  # every GOAL_KINDS key
    dates: list[date]
    daily_planned: list[int]
    daily_spent: list[int]
    daily_results: list[int]
    # Conversations per contact role (role_figures.py), when the caller knows the roles.
    conversations_by_role: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        return self.start + timedelta(days=self.days - 1)


# -- as JSON values: a past week's figures kept between runs (store/week_memo.py) ------


def _plain(value: Value) -> dict:
    return {name: getattr(value, name) for name in field_shape(type(value)).order}


def figures_doc(m: PeriodMetrics) -> dict:
    """The figures as JSON values; `figures_from_doc` gives them back equal."""
    return {**_plain(m), "start": m.start.isoformat(),
            "channels": {k: _plain(c) for k, c in m.channels.items()},
            "blocks": _plain(m.blocks), "goals": {k: _plain(g) for k, g in m.goals.items()},
            "dates": [d.isoformat() for d in m.dates]}


def figures_from_doc(doc: dict) -> PeriodMetrics:
    """The figures `figures_doc` gave; TypeError, ValueError, KeyError or
    AttributeError for a document it did not give (a damaged file)."""
    return PeriodMetrics(**{
        **doc, "start": date.fromisoformat(doc["start"]),
        "channels": {k: ChannelFigures(**c) for k, c in doc["channels"].items()},
        "blocks": BlockCounts(**doc["blocks"]),
        "goals": {k: GoalFigure(**g) for k, g in doc["goals"].items()},
        "dates": [date.fromisoformat(d) for d in doc["dates"]]})
