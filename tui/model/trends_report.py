"""`prize trends` as Markdown (bars drawn with block characters), JSON and CSV."""

from __future__ import annotations

import dataclasses
import json

from tui.model.dates import format_duration
from tui.model.spreadsheet import csv_text
from tui.model.text_charts import bar, sparkline
from tui.model.trends import ChannelWeek, Trends

CSV_COLUMNS = tuple(f.name for f in dataclasses.fields(ChannelWeek))
BAR = 16  # cells of a week's bar in the Markdown


def _hm(minutes: int) -> str:
    return format_duration(minutes) if minutes else "0m"


def _rate(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def trends_data(t: Trends) -> dict:
    """Every figure of the trends as plain JSON values."""
    return {
        "from": t.weeks[0].week if t.weeks else None,
        "to": t.weeks[-1].week if t.weeks else None,
        "weeks": [
            {**dataclasses.asdict(w), "start": w.start.isoformat(),
             "channels": [dataclasses.asdict(r) for r in t.rows if r.week == w.week]}
            for w in t.weeks
        ],
        "channels": [
            {"channel": c.channel, "planned_minutes": c.planned_minutes,
             "spent_minutes": c.spent_minutes, "results": c.results,
             "meetings_booked": c.meetings, "results_per_hour": _rate(c.results_per_hour),
             "meetings_per_hour": _rate(c.meetings_per_hour),
             "time_share": round(c.time_share, 3), "results_share": round(c.results_share, 3)}
            for c in t.channels
        ],
        "funnel": [{"step": s.label, "count": s.count, "rate": _rate(s.rate, 3)}
                   for s in t.funnel],
        "suggestions": list(t.suggestions),
        "no_suggestion": t.too_few or None,
    }


def trends_json(t: Trends) -> str:
    return json.dumps(trends_data(t), indent=2, ensure_ascii=False) + "\n"


def trends_csv(t: Trends) -> str:
    """One row per week and channel: the channel's figures of `prize report --week W`.

    Channel names are typed by the user: text cells go through `safe_cell`.
    """
    return csv_text([CSV_COLUMNS, *map(dataclasses.astuple, t.rows)])


def _share(value: float) -> str:
    return f"{value:.0%}"


def _per_hour(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def trends_markdown(t: Trends) -> str:
    n = len(t.weeks)
    lines = [f"# What works, {t.span_label} ({n} week{'s' if n != 1 else ''})", ""]
    if t.suggestions:
        lines += [f"- **{s}**" for s in t.suggestions]
    else:
        lines.append(f"- {t.too_few}")
    lines += ["", "## Channels over the span", "",
              "| channel | spent | share of time | results | share of results | per hour "
              "| meetings | per hour |", "|---|---|---|---|---|---|---|---|"]
    for c in t.channels:
        lines.append(f"| {c.channel} | {_hm(c.spent_minutes)} | {_share(c.time_share)} | "
                     f"{c.results} | {_share(c.results_share)} | "
                     f"{_per_hour(c.results_per_hour)} | {c.meetings} | "
                     f"{_per_hour(c.meetings_per_hour)} |")
    hours, meetings = t.hours_by_week, t.meetings_by_week
    lines += ["", "## Week by week", "",
              f"Hours spent {sparkline([round(h) for h in hours])} · "
              f"meetings booked {sparkline(meetings)}", "",
              "| week | planned | spent | | meetings booked | | held |",
              "|---|---|---|---|---|---|---|"]
    top_h, top_m = max(hours, default=0), max(meetings, default=0)
    for w, h, m in zip(t.weeks, hours, meetings, strict=True):
        lines.append(f"| {w.week} | {_hm(w.planned_minutes)} | {_hm(w.spent_minutes)} | "
                     f"`{bar(h, top_h, BAR)}` | {m} | `{bar(m, top_m, BAR // 2)}` | "
                     f"{w.meetings_held} |")
    lines += ["", "## Funnel", "", "| step | count | of the step before |", "|---|---|---|"]
    for s in t.funnel:
        lines.append(f"| {s.label} | {s.count} | "
                     f"{'—' if s.rate is None else f'{s.rate:.0%}'} |")
    lines += ["", "## Per channel and week", "",
              "| week | channel | planned | spent | results | meetings booked |",
              "|---|---|---|---|---|---|"]
    for r in t.rows:
        if not (r.planned_minutes or r.spent_minutes or r.results):
            continue  # a channel only budgeted that week (the CSV and JSON have it)
        lines.append(f"| {r.week} | {r.channel} | {_hm(r.planned_minutes)} | "
                     f"{_hm(r.spent_minutes)} | {r.results} | {r.meetings_booked} |")
    return "\n".join(lines) + "\n"
