"""Text of the Trends screen's sections, built from `model.trends.Trends`: one
function per section. Channel names are the user's: shown through `printable`,
in Content (never markup)."""

from __future__ import annotations

from textual.content import Content

from tui.model.dates import format_duration
from tui.model.text_charts import bar, sparkline
from tui.model.trends import Trends
from tui.model.validation import printable

NAME = 14  # columns of a channel's name


def _hm(minutes: int) -> str:
    return format_duration(minutes) if minutes else "0m"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def suggestions_text(t: Trends) -> Content:
    if not t.suggestions:
        return Content(f"» {t.too_few}")
    return Content("\n").join(Content.styled(f"» {s}", "bold") for s in t.suggestions)


def chart_caption(values: list[float], total: str, unit: str = "") -> Content:
    """What a chart shows, in words: first and last week, and the span's total."""
    if not values:
        return Content("")
    first, last = values[0], values[-1]
    fmt = (lambda v: f"{v:.0f}{unit}") if unit else (lambda v: f"{v:g}")
    return Content(f" {fmt(first)} → {fmt(last)} · {total}")


def channels_text(t: Trends) -> Content:
    """Each channel: time spent and its share, results and their share, yield per hour."""
    n = len(t.weeks)
    lines = [Content.styled(f"Time against results, per channel, over {n} weeks", "bold"),
             Content(f"  {'channel':<{NAME}} {'spent':>6} {'share of time':<15} "
                     f"{'share of results':<16} per h  meetings")]
    if not t.channels:
        lines.append(Content("  No time planned or spent in these weeks."))
    for c in t.channels:
        lines.append(Content(
            f"  {printable(c.channel)[:NAME]:<{NAME}} {_hm(c.spent_minutes):>6} "
            f"{bar(c.time_share, 1, 10)} {c.time_share:>4.0%} "
            f"{bar(c.results_share, 1, 10)} {c.results_share:>4.0%}  "
            f"{_rate(c.results_per_hour):>4}  {c.meetings:>3} ({_rate(c.meetings_per_hour)}/h)"))
    return Content("\n").join(lines)


def weeks_text(t: Trends) -> Content:
    """Per channel, minutes spent week by week (a sparkline) against planned, and results."""
    lines = [Content.styled("Week by week, per channel (spent; planned, results)", "bold")]
    planned: dict[str, int] = {}
    for r in t.rows:
        planned[r.channel] = planned.get(r.channel, 0) + r.planned_minutes
    for c in t.channels:
        lines.append(Content(
            f"  {printable(c.channel)[:NAME]:<{NAME}} {sparkline(c.weekly_minutes)}  "
            f"planned {_hm(planned.get(c.channel, 0))}, spent {_hm(c.spent_minutes)}, "
            f"results {c.results}"))
    return Content("\n").join(lines)


def funnel_text(t: Trends) -> Content:
    """Contacts reached → replies → conversations → meetings booked → held, with rates."""
    lines = [Content.styled("Funnel (and the share of the step before)", "bold")]
    top = max((s.count for s in t.funnel), default=0)
    for s in t.funnel:
        rate = "" if s.rate is None else f"{s.rate:>5.0%}"
        lines.append(Content(f"  {s.label:<17} {bar(s.count, top, 16)} {s.count:>5} {rate}"))
    return Content("\n").join(lines)


def weeks_axis(t: Trends) -> str:
    """The first and last week under the charts."""
    if not t.weeks:
        return ""
    first, last = t.weeks[0].week[5:], t.weeks[-1].week[5:]
    return f"{'':17}{first} … {last}" if first != last else f"{'':17}{first}"


def span_words(t: Trends) -> str:
    return f"{t.span_label} ({len(t.weeks)} weeks), spent {_hm(t.spent_minutes)}"
