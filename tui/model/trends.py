"""What works, across the weeks: per channel and week, time against results; over the
span, yield per hour, each channel's share of time against its share of results,
the funnel from contacts reached to meetings held, and a suggestion or two.

One function, `trends`, over the weekly figures that `prize report` prints (one
`PeriodMetrics` per ISO week, from `metrics.period_metrics`): the trends are sums of
the weekly reports, never a second way of counting. `prize trends` and the Trends
screen both show what it returns.

Suggestions are made only on enough figures (`MIN_HOURS`, `MIN_RESULTS`, `MIN_MEETINGS`):
below them, `suggestions` is empty and `too_few` says what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tui.model.contacts import CHANNELS
from tui.model.period_figures import PeriodMetrics
from tui.model.report import channel_rows
from tui.model.validation import printable
from tui.model.value import Value, figures
from tui.model.week_dates import iso_week_label

MIN_HOURS = 2  # a channel is compared once it has this many hours over the span
MIN_RESULTS = 5  # ... and the better channel has at least this many results
MIN_MEETINGS = 3  # meetings per hour are compared from this many meetings on, else results
BETTER = 2.0  # one channel yields at least this many times the other
SHARE_GAP = 0.25  # time share at least this much above the results share
# Time that is not outreach: no contacts, replies or meetings are expected of it.
NOT_COMPARED = frozenset({"Research", "Applications"})


@figures
class ChannelWeek(Value):
    """One row of `prize trends --format csv`: the report's figures for a channel."""

    week: str  # "2026-W49", as `prize report --week` takes it
    channel: str
    planned_minutes: int
    spent_minutes: int
    budget_minutes: int | None
    overrun_minutes: int
    results: int
    meetings_booked: int
    results_per_hour: float | None


@figures
class ChannelSpan(Value):
    """A channel over the whole span."""

    channel: str
    planned_minutes: int
    spent_minutes: int
    results: int
    meetings: int  # meetings its sessions reported booked
    time_share: float  # of all time spent, 0..1
    results_share: float  # of all results, 0..1
    weekly_minutes: list[int]  # spent, week by week

    @property
    def hours(self) -> float:
        return self.spent_minutes / 60

    @property
    def results_per_hour(self) -> float | None:
        return self.results / self.hours if self.spent_minutes else None

    @property
    def meetings_per_hour(self) -> float | None:
        return self.meetings / self.hours if self.spent_minutes else None


@figures
class FunnelStep(Value):
    """One step of the funnel, from contacts reached to meetings held."""

    label: str
    count: int
    rate: float | None  # of the step before; None for the first step or after a 0


@figures
class WeekTotals(Value):
    """One week's totals, as the report's TOTAL row."""

    week: str
    start: date
    planned_minutes: int
    spent_minutes: int
    results: int  # contacts reached + replies + meetings booked, as the report's TOTAL row
    meetings_booked: int
    meetings_held: int


@figures
class Trends(Value):
    """Everything the trends show, over the span's weeks."""

    weeks: list[WeekTotals]
    rows: list[ChannelWeek]  # per week, then per channel, in the report's order
    channels: list[ChannelSpan]  # most time spent first
    funnel: list[FunnelStep]
    suggestions: list[str]
    too_few: str  # why there is no suggestion ("" when there is one)

    @property
    def spent_minutes(self) -> int:
        return sum(w.spent_minutes for w in self.weeks)

    @property
    def hours_by_week(self) -> list[float]:
        return [w.spent_minutes / 60 for w in self.weeks]

    @property
    def meetings_by_week(self) -> list[int]:
        return [w.meetings_booked for w in self.weeks]

    @property
    def span_label(self) -> str:
        if not self.weeks:
            return ""
        first, last = self.weeks[0].week, self.weeks[-1].week
        return first if first == last else f"{first} to {last}"


def trends(weekly: Sequence[PeriodMetrics]) -> Trends:
    """Everything the trends show, from one `PeriodMetrics` per week, oldest first."""
    rows: list[ChannelWeek] = []
    weeks: list[WeekTotals] = []
    for m in weekly:
        label = iso_week_label(m.start)
        rows += [ChannelWeek(week=label, **row) for row in channel_rows(m)]
        weeks.append(WeekTotals(
            week=label, start=m.start, planned_minutes=m.planned_minutes,
            spent_minutes=m.spent_minutes,
            results=m.contacts_reached + m.replies + m.meetings_booked,
            meetings_booked=m.meetings_booked, meetings_held=m.meetings_held))
    channels = _channels(rows, [w.week for w in weeks])
    funnel = _funnel(weekly)
    suggestions, too_few = _suggest(channels, len(weeks))
    return Trends(weeks, rows, channels, funnel, suggestions, too_few)


def _channels(rows: list[ChannelWeek], labels: list[str]) -> list[ChannelSpan]:
    at = {label: i for i, label in enumerate(labels)}
    sums: dict[str, list] = {}
    for r in rows:
        s = sums.setdefault(r.channel, [0, 0, 0, 0, [0] * len(labels)])
        s[0] += r.planned_minutes
        s[1] += r.spent_minutes
        s[2] += r.results
        s[3] += r.meetings_booked
        s[4][at[r.week]] += r.spent_minutes
    spent = sum(s[1] for s in sums.values())
    results = sum(s[2] for s in sums.values())
    known = {c: i for i, c in enumerate(CHANNELS)}
    out = [ChannelSpan(channel=c, planned_minutes=s[0], spent_minutes=s[1], results=s[2],
                       meetings=s[3], time_share=s[1] / spent if spent else 0.0,
                       results_share=s[2] / results if results else 0.0, weekly_minutes=s[4])
           for c, s in sums.items() if s[0] or s[1] or s[2]]  # not a budget alone
    return sorted(out, key=lambda c: (-c.spent_minutes, known.get(c.channel, len(known)),
                                      c.channel))


FUNNEL = (("contacts reached", "contacts_reached"), ("replies", "replies"),
          ("conversations", "conversations"), ("meetings booked", "meetings_booked"),
          ("meetings held", "meetings_held"))


def _funnel(weekly: Sequence[PeriodMetrics]) -> list[FunnelStep]:
    steps, before = [], None
    for label, field in FUNNEL:
        count = sum(getattr(m, field) for m in weekly)
        steps.append(FunnelStep(label, count, count / before if before else None))
        before = count
    return steps


def _per_hour(value: float) -> str:
    return f"{value:.1f}" if value >= 0.1 or value == 0 else f"{value:.2f}"


def _move(poor: str, weekly_minutes: float, good: str) -> str:
    """How much of a week's time to move: never more than the channel takes."""
    if weekly_minutes >= 4 * 60:
        return f"Move two {poor} hours a week to {good}."
    if weekly_minutes >= 60:
        return f"Move one {poor} hour a week to {good}."
    return f"Move {poor}'s {round(weekly_minutes)} minutes a week to {good}."


def _suggest(channels: list[ChannelSpan], weeks: int) -> tuple[list[str], str]:
    """One or two suggestions that follow from the figures, or none and why."""
    compared = [c for c in channels if c.hours >= MIN_HOURS and c.channel not in NOT_COMPARED]
    span = f"over {weeks} week{'s' if weeks != 1 else ''}"
    out: list[str] = []
    moved_from = None
    if len(compared) >= 2:
        # Meetings per hour when the best channel by them has enough, else results.
        by_meetings = max(compared, key=lambda c: (c.meetings_per_hour, c.hours)
                          ).meetings >= MIN_MEETINGS
        word = "meetings" if by_meetings else "results"

        def rate(c: ChannelSpan) -> float:
            return c.meetings_per_hour if by_meetings else c.results_per_hour

        best = max(compared, key=lambda c: (rate(c), c.hours))
        worst = min(compared, key=lambda c: (rate(c), -c.hours))
        enough = by_meetings or best.results >= MIN_RESULTS
        if enough and best is not worst and rate(best) >= BETTER * rate(worst):
            moved_from = worst.channel
            good, poor = printable(best.channel), printable(worst.channel)
            out.append(f"{good}: {_per_hour(rate(best))} {word} per hour {span}; "
                       f"{poor}: {_per_hour(rate(worst))}. "
                       f"{_move(poor, worst.spent_minutes / max(weeks, 1), good)}")
    heavy = [c for c in compared if c.time_share - c.results_share >= SHARE_GAP
             and c.channel != moved_from]
    if heavy and sum(c.results for c in channels) >= MIN_RESULTS:
        c = max(heavy, key=lambda c: c.time_share - c.results_share)
        out.append(f"{printable(c.channel)} takes {c.time_share:.0%} of your time and brings "
                   f"{c.results_share:.0%} of your results: cap it, and give the hours "
                   "to what brings meetings.")
    if out:
        return out[:2], ""
    return [], (f"No suggestion: that needs two outreach channels with {MIN_HOURS} h or "
                f"more each {span}, one of them with {MIN_RESULTS} results (or "
                f"{MIN_MEETINGS} meetings) and twice the other's yield per hour.")
