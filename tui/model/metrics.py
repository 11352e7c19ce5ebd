"""Figures for the daily review and the weekly report: time spent against results.

Pure functions over plain lists of records; the caller passes the zone and the
current instant, nothing here reads the clock. Every list is filtered to the period
first (a cheap string test on the stored ISO date, then an exact instant test), so a
week of a year-sized store costs a few milliseconds. `period_metrics` returns a
`PeriodMetrics` (tui.model.period_figures).

Definitions (a period is `days` local days from `start`, in zone `tz`):

- spent minutes: active session time (stored UTC timestamps minus pauses; a running
  session counts up to `now`) that falls inside the period, split at local midnights,
  so a session over midnight or over a DST change is counted by real elapsed time.
  Minutes are rounded once per channel and once per day, so the daily series may
  differ from the total by a minute.
- results of a session (contacts reached, replies, meetings booked) come from its
  stop form (`outcome`) and belong to the local day the session *started*.
- meetings_scheduled: meeting records whose start `at` is in the period.
- a meeting record is *booked* in the period its `booked` instant falls in (when it
  was entered; `Meeting.booked_at`: its start when that is not known) and *held* in
  the period it starts in, once it has started. A meeting booked today for next
  month is booked this week and held next month.
- meetings_reported: "meetings" summed over session outcomes in the period;
  meetings_booked = the larger of the meeting records booked in the period and
  meetings_reported: a meeting told at the end of a session and then entered in
  the contacts pane is one meeting, not two; one told only at a session still
  counts. Per channel, `ChannelFigures.meetings` is what that channel's sessions
  reported (a meeting record has no channel).
- meetings_held: meeting records in the period whose start is at or before `now`.
- conversations: interactions in the period of kind call / video / in person, plus
  held meetings, except a held meeting with the same contact on the same day as
  such an interaction (counted once).
- new_contacts: contacts whose `created` date is in the period.
- applications: "applications" summed over session outcomes in the period, plus 1
  per "Applications" block occurrence marked done that no session reported a figure
  for. articles: the same with the outcome key "articles" and "Articles & comments".
- blocks: occurrences in the period counted by their mark; "open" = no mark yet.
- budgets and goals are the week's (from `goals`), never scaled: pass a period
  within that ISO week (the week, or the week to date) to compare against them.
- daily_results: per day, session results (contacts + replies + meetings reported)
  plus conversations that day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import CHANNELS, Contact, Interaction, Meeting
from tui.model.instants import combine_local
from tui.model.period_figures import BlockCounts, ChannelFigures, GoalFigure, PeriodMetrics
from tui.model.plan import GOAL_KINDS, WeekGoals
from tui.model.sessions import FocusSession
from tui.model.week import week_occurrences

NETWORKING_CHANNELS: frozenset[str] = frozenset(
    {"LinkedIn", "Facebook", "X/Twitter", "Articles & comments"})
CONVERSATION_KINDS: frozenset[str] = frozenset({"call", "video", "in person"})
APPLICATIONS_CHANNEL = "Applications"
ARTICLES_CHANNEL = "Articles & comments"
SLACK = timedelta(days=2)  # a stored offset moves the written date by at most ±2 days


def _stamp(text: str | None, tz: tzinfo | None) -> float | None:
    """POSIX time of stored ISO text (without an offset: read in `tz`); None if damaged."""
    try:
        dt = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return (dt if dt.utcoffset() is not None else dt.replace(tzinfo=tz)).timestamp()


def _midnights(tz: tzinfo | None, first: date, days: int) -> list[float]:
    """POSIX times of the `days + 1` local midnights from `first` (DST days are 23 or 25 h)."""
    return [combine_local(first + timedelta(days=i), time(0), tz).timestamp()
            for i in range(days + 1)]


def _count(outcome: dict | None, key: str) -> int:
    value = (outcome or {}).get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _active(s: FocusSession, now: float, tz: tzinfo) -> list[tuple[float, float]] | None:
    """Active intervals: start → (end or now) minus merged, clamped pauses; None if damaged."""
    start, end = _stamp(s.started, tz), _stamp(s.ended, tz) if s.ended else now
    stamps = [(_stamp(p0, tz), _stamp(p1, tz) if p1 else end) for p0, p1 in s.pauses]
    if start is None or end is None or any(None in pair for pair in stamps):
        return None
    end = max(end, start)
    out, cursor = [], start
    for a, b in sorted((min(max(a, start), end), min(max(b, a), end)) for a, b in stamps):
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    if end > cursor:
        out.append((cursor, end))
    return out


def period_records(records: dict, start: date, days: int) -> dict:
    """Of `records` (`period_metrics`' keyword lists, for a span that holds this
    period), the ones `period_metrics(start, days)` reads, by the same tests:
    the trends give each of their 8 weeks its own, not the lists of all 8.
    Sessions and blocks are passed whole (a session may time a block days away)."""
    end = start + timedelta(days=days - 1)
    lo, hi = (start - SLACK).isoformat(), (end + SLACK).isoformat()
    first, last = start.isoformat(), end.isoformat()
    return {
        **records,
        "marks": [m for m in records["marks"] if first <= m.day[:10] <= last],
        "interactions": [i for i in records["interactions"] if lo <= i.at[:10] <= hi],
        "meetings": [m for m in records["meetings"]
                     if lo <= m.at[:10] <= hi or lo <= m.booked_at[:10] <= hi],
        "contacts": [c for c in records["contacts"]
                     if c.created and first <= c.created[:10] <= last],
    }


def period_metrics(
    start: date, days: int, *, blocks: Iterable[Block], marks: Iterable[BlockMark],
    sessions: Iterable[FocusSession], interactions: Iterable[Interaction],
    meetings: Iterable[Meeting], contacts: Iterable[Contact], goals: WeekGoals | None,
    tz: tzinfo, now: datetime,
) -> PeriodMetrics:
    """Planned, spent and produced over `days` local days from `start` (see module doc)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    dates = [start + timedelta(days=i) for i in range(days)]
    end = dates[-1]
    bounds, now_ts = _midnights(tz, start, days), now.timestamp()
    lo, hi = (start - SLACK).isoformat(), (end + SLACK).isoformat()
    first, last = start.isoformat(), end.isoformat()

    def day_of(ts: float | None) -> int | None:
        i = -1 if ts is None else bisect_right(bounds, ts) - 1
        return i if 0 <= i < days else None

    # The plan and its marks.
    by_day = week_occurrences(blocks, start, days)
    states = {(m.block_id, m.day): m.state for m in marks if first <= m.day[:10] <= last}
    planned: dict[str, int] = defaultdict(int)
    daily_planned = [0] * days
    counts = {"done": 0, "partly": 0, "missed": 0, "open": 0}
    done_by_channel: dict[str, set[tuple[int | None, str]]] = defaultdict(set)
    # A block marked done that no session timed still counts as done (not as 0m).
    timed = {(s.block_id, s.block_day) for s in sessions if s.block_id is not None}
    done_untimed: dict[str, int] = defaultdict(int)
    for i, day in enumerate(dates):
        for occ in by_day[day]:
            planned[occ.block.channel] += occ.block.minutes
            daily_planned[i] += occ.block.minutes
            state = states.get((occ.block.id, day.isoformat()), "open")
            counts[state if state in counts else "open"] += 1
            if state == "done":
                done_by_channel[occ.block.channel].add((occ.block.id, day.isoformat()))
                if (occ.block.id, day.isoformat()) not in timed:
                    done_untimed[occ.block.channel] += occ.block.minutes

    # Sessions: time split per day, results on the day they started.
    seconds: dict[str, float] = defaultdict(float)
    daily_seconds = [0.0] * days
    per_channel: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    daily_results = [0] * days
    reported = {"applications": 0, "articles": 0}
    reported_for: dict[str, set[tuple[int | None, str | None]]] = defaultdict(set)
    for s in sessions:
        if not s.started or s.started[:10] > hi or (s.ended and s.ended[:10] < lo):
            continue
        try:
            intervals = _active(s, now_ts, tz)
        except (TypeError, ValueError):
            intervals = None
        if intervals is None:
            continue  # a damaged record is left out rather than guessed
        for a, b in intervals:
            a, b = max(a, bounds[0]), min(b, bounds[-1])
            i = bisect_right(bounds, a) - 1
            while a < b:
                step = min(b, bounds[i + 1])
                seconds[s.channel] += step - a
                daily_seconds[i] += step - a
                a, i = step, i + 1
        i = day_of(_stamp(s.started, tz))
        if i is None:
            continue
        got = [_count(s.outcome, k) for k in ("contacts", "replies", "meetings")]
        figures = per_channel[s.channel]
        for k in range(3):
            figures[k] += got[k]
        daily_results[i] += sum(got)
        for key in reported:
            if s.outcome and key in s.outcome:
                reported[key] += _count(s.outcome, key)
                reported_for[key].add((s.block_id, s.block_day))

    # Conversations: calls, video and in-person interactions, then held meetings.
    talked: set[tuple[int, int]] = set()
    conversations = 0
    for item in interactions:
        if item.kind in CONVERSATION_KINDS and lo <= item.at[:10] <= hi:
            i = day_of(_stamp(item.at, tz))
            if i is not None:
                talked.add((item.contact_id, i))
                conversations += 1
                daily_results[i] += 1
    scheduled = held = booked_records = 0
    for m in meetings:
        booked_at = m.booked_at
        if lo <= booked_at[:10] <= hi and day_of(_stamp(booked_at, tz)) is not None:
            booked_records += 1
        at = _stamp(m.at, tz) if lo <= m.at[:10] <= hi else None
        i = day_of(at)
        if i is None:
            continue
        scheduled += 1
        if at <= now_ts:
            held += 1
            if m.contact_id is None or (m.contact_id, i) not in talked:
                conversations += 1
                daily_results[i] += 1

    new_contacts = sum(1 for c in contacts if c.created and first <= c.created[:10] <= last)
    applications = reported["applications"] + len(
        done_by_channel[APPLICATIONS_CHANNEL] - reported_for["applications"])
    articles = reported["articles"] + len(
        done_by_channel[ARTICLES_CHANNEL] - reported_for["articles"])

    budgets = dict(goals.budgets) if goals else {}
    names = set(planned) | set(seconds) | set(per_channel) | set(budgets)
    order = [c for c in CHANNELS if c in names] + sorted(names - set(CHANNELS))
    channels = {c: _channel(c, planned.get(c, 0), round(seconds.get(c, 0.0) / 60),
                            budgets.get(c), per_channel.get(c, [0, 0, 0]),
                            done_untimed.get(c, 0)) for c in order}
    reported_meetings = sum(f[2] for f in per_channel.values())
    booked = max(booked_records, reported_meetings)
    actual = {"meetings": booked, "contacts": new_contacts, "conversations": conversations,
              "articles": articles, "applications": applications}
    targets = goals.goals if goals else {}
    goal_figures = {k: GoalFigure(k, label, _goal(targets.get(k)), actual.get(k, 0))
                    for k, label in GOAL_KINDS.items()}
    return PeriodMetrics(
        start=start, days=days, channels=channels, blocks=BlockCounts(**counts),
        planned_minutes=sum(f.planned_minutes for f in channels.values()),
        spent_minutes=sum(f.spent_minutes for f in channels.values()),
        networking_minutes=sum(f.spent_minutes for c, f in channels.items()
                               if c in NETWORKING_CHANNELS),
        contacts_reached=sum(f.contacts for f in channels.values()),
        replies=sum(f.replies for f in channels.values()),
        meetings_reported=reported_meetings, meetings_scheduled=scheduled,
        meetings_booked=booked, meetings_held=held, conversations=conversations,
        new_contacts=new_contacts, applications=applications, articles=articles,
        goals=goal_figures, dates=dates, daily_planned=daily_planned,
        daily_spent=[round(s / 60) for s in daily_seconds], daily_results=daily_results,
    )


def _goal(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _channel(name: str, planned: int, spent: int, budget: object,
             got: list[int], done_untimed: int = 0) -> ChannelFigures:
    results = sum(got)
    return ChannelFigures(
        channel=name, planned_minutes=planned, spent_minutes=spent,
        done_untimed_minutes=done_untimed,
        overrun_minutes=max(spent - planned, 0), budget_minutes=_goal(budget),
        contacts=got[0], replies=got[1], meetings=got[2], results=results,
        results_per_hour=results / (spent / 60) if spent else None)
