"""Text of the review's sections, built from metrics: one function per section."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.content import Content

from tui.model.dates import format_duration
from tui.model.period_figures import PeriodMetrics
from tui.model.report import by_role_words
from tui.model.text_charts import bar, sparkline
from tui.model.validation import printable
from tui.model.verdict import Verdict


def _hm(minutes: int) -> str:
    return format_duration(minutes) if minutes else "0m"


def verdict_text(v: Verdict) -> Content:
    lines = [Content.styled(f"» {v.headline}", "bold")]
    lines += [Content(f"  · {printable(reason)}") for reason in v.reasons]
    return Content("\n").join(lines)


def channels_text(m: PeriodMetrics, title: str) -> Content:
    """Minutes spent against allotted per channel, with a bar and the words for overruns."""
    rows = [c for c in m.channels.values() if c.planned_minutes or c.spent_minutes]
    lines = [Content.styled(title, "bold")]
    if not rows:
        lines.append(Content("  No time planned or spent."))
    top = max((max(c.planned_minutes, c.spent_minutes) for c in rows), default=1)
    for c in rows:
        over = f"  +{_hm(c.overrun_minutes)} over plan" if c.overrun_minutes else ""
        budget = ""
        if c.budget_minutes and c.spent_minutes > c.budget_minutes:
            budget = "  ⚠ over budget"
        done = f"  ✓ {_hm(c.done_untimed_minutes)} done, untimed" \
            if c.done_untimed_minutes else ""
        lines.append(Content(
            f"  {printable(c.channel)[:18]:<18} {bar(c.spent_minutes, top, 12)} "
            f"{_hm(c.spent_minutes):>5} of {_hm(c.planned_minutes):<5}{over}{budget}{done}"
        ))
    return Content("\n").join(lines)


def results_text(m: PeriodMetrics, title: str) -> Content:
    return Content("\n").join([
        Content.styled(title, "bold"),
        Content(f"  contacts reached {m.contacts_reached} · replies {m.replies} · "
                f"conversations {m.conversations}{by_role_words(m)}"),
        Content(f"  meetings booked {m.meetings_booked} · held {m.meetings_held} · "
                f"new contacts {m.new_contacts} · applications {m.applications}"),
    ])


def goals_text(m: PeriodMetrics, title: str) -> Content:
    lines = [Content.styled(title, "bold")]
    for g in m.goals.values():
        if g.goal:
            mark = "✓" if g.met else "…"
            lines.append(Content(f"  {mark} {g.label:<22} {bar(g.actual, g.goal, 10)} "
                                 f"{g.actual} of {g.goal}"))
    if len(lines) == 1:
        lines.append(Content("  No goals set for this week (b in the Strategy pane)."))
    return Content("\n").join(lines)


def days_text(m: PeriodMetrics) -> Content:
    """Per-day sparklines of time spent and results, planned against actual."""
    labels = " ".join(f"{d:%a}"[:2] for d in m.dates)
    return Content("\n").join([
        Content.styled("Day by day", "bold"),
        Content(f"  days      {labels}"),
        Content(f"  planned   {'  '.join(sparkline(m.daily_planned))}   {_hm(m.planned_minutes)}"),
        Content(f"  spent     {'  '.join(sparkline(m.daily_spent))}   {_hm(m.spent_minutes)}"),
        Content(f"  results   {'  '.join(sparkline(m.daily_results))}"),
    ])


MEETINGS_SHOWN = 5  # the next meetings the review lists


def meetings_text(meetings, name_of: Callable[[int], str | None], now: datetime,
                  limit: int = MEETINGS_SHOWN) -> Content:
    """The next `limit` meetings; `name_of(contact id)` for those shown only."""
    midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    upcoming = sorted(
        ((at, m) for m in meetings if (at := datetime.fromisoformat(m.at)) >= midnight),
        key=lambda pair: (pair[0], pair[1].id or 0),
    )
    lines = [Content.styled("Meetings today and next", "bold")]
    for at, m in upcoming[:limit]:
        name = name_of(m.contact_id) if m.contact_id is not None else None
        who = printable(name if name is not None else m.note or "someone")
        lines.append(Content(f"  ☎ {at.astimezone():%a %d %b %H:%M} {m.kind} with {who}"))
    if not upcoming:
        lines.append(Content("  No meeting booked. Booking one is the best result of a day."))
    return Content("\n").join(lines)
