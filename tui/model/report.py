"""The weekly report as Markdown (to read or mail to a coach), JSON and CSV (for tools)."""

from __future__ import annotations

import json

from tui.model.dates import format_duration
from tui.model.period_figures import PeriodMetrics
from tui.model.spreadsheet import csv_text
from tui.model.text_charts import sparkline
from tui.model.verdict import Verdict
from tui.model.week_dates import iso_week_label, week_range_label


def _hm(minutes: int) -> str:
    return format_duration(minutes) if minutes else "0m"


def channel_rows(m: PeriodMetrics) -> list[dict]:
    """The report's figures per channel (every channel planned, timed or budgeted):
    the one definition `prize report` and `prize trends` both print."""
    return [
        {
            "channel": c.channel, "planned_minutes": c.planned_minutes,
            "spent_minutes": c.spent_minutes, "budget_minutes": c.budget_minutes,
            "overrun_minutes": c.overrun_minutes, "results": c.results,
            "meetings_booked": c.meetings,
            "results_per_hour": None if c.results_per_hour is None
            else round(c.results_per_hour, 2),
        }
        for c in m.channels.values()
        if c.planned_minutes or c.spent_minutes or c.budget_minutes
    ]


def report_data(m: PeriodMetrics, v: Verdict) -> dict:
    """Every figure of the report as plain JSON values."""
    return {
        "week": iso_week_label(m.start),
        "start": m.start.isoformat(),
        "end": m.end.isoformat(),
        "verdict": {"headline": v.headline, "reasons": list(v.reasons), "rule": v.rule},
        "minutes": {
            "planned": m.planned_minutes, "spent": m.spent_minutes,
            "networking": m.networking_minutes,
        },
        "results": {
            "contacts_reached": m.contacts_reached, "replies": m.replies,
            "conversations": m.conversations, "meetings_booked": m.meetings_booked,
            "meetings_held": m.meetings_held, "new_contacts": m.new_contacts,
            "applications": m.applications, "articles": m.articles,
            "conversations_by_role": dict(m.conversations_by_role),
        },
        "blocks": {
            "done": m.blocks.done, "partly": m.blocks.partly,
            "missed": m.blocks.missed, "open": m.blocks.open,
        },
        "goals": {k: {"goal": g.goal, "actual": g.actual, "met": g.met}
                  for k, g in m.goals.items()},
        "channels": channel_rows(m),
        "days": [
            {"date": d.isoformat(), "planned_minutes": p, "spent_minutes": s, "results": r}
            for d, p, s, r in zip(m.dates, m.daily_planned, m.daily_spent, m.daily_results,
                                  strict=False)
        ],
    }


def report_json(m: PeriodMetrics, v: Verdict) -> str:
    return json.dumps(report_data(m, v), indent=2, ensure_ascii=False) + "\n"


def report_csv(m: PeriodMetrics, v: Verdict) -> str:
    """One row per channel, then a TOTAL row; the columns a spreadsheet wants.

    Channel names are typed by the user: text cells go through `safe_cell`, so a
    channel called `=HYPERLINK(…)` is shown as text, not run as a formula.
    """
    week = iso_week_label(m.start)
    return csv_text([
        ("week", "channel", "planned_minutes", "spent_minutes", "budget_minutes",
         "overrun_minutes", "results", "results_per_hour"),
        *((week, c["channel"], c["planned_minutes"], c["spent_minutes"], c["budget_minutes"],
           c["overrun_minutes"], c["results"], c["results_per_hour"])
          for c in report_data(m, v)["channels"]),
        (week, "TOTAL", m.planned_minutes, m.spent_minutes, "", "",
         m.contacts_reached + m.replies + m.meetings_booked, ""),
    ])


def by_role_words(m: PeriodMetrics) -> str:
    """" (decision maker 2, insider 1)", or "" when no conversation had a role."""
    if not m.conversations_by_role:
        return ""
    return " (" + ", ".join(f"{role} {n}" for role, n in m.conversations_by_role.items()) + ")"


def report_markdown(m: PeriodMetrics, v: Verdict) -> str:
    lines = [
        f"# Job search report, {iso_week_label(m.start)} ({week_range_label(m.start)})",
        "",
        f"**{v.headline}**",
        "",
        *[f"- {reason}" for reason in v.reasons],
        "",
        "## Time against results",
        "",
        f"- Planned {_hm(m.planned_minutes)}, spent {_hm(m.spent_minutes)} "
        f"(networking {_hm(m.networking_minutes)})",
        f"- Meetings booked {m.meetings_booked}, held {m.meetings_held}; "
        f"conversations {m.conversations}{by_role_words(m)}",
        f"- Contacts reached {m.contacts_reached}, replies {m.replies}, "
        f"new targeted contacts {m.new_contacts}",
        f"- Applications {m.applications}, articles or comments {m.articles}",
        f"- Blocks: {m.blocks.done} done, {m.blocks.partly} partly, {m.blocks.missed} missed, "
        f"{m.blocks.open} not marked",
        f"- Time per day {sparkline(m.daily_spent)} · results per day {sparkline(m.daily_results)}",
        "",
        "## Goals",
        "",
        "| goal | target | actual | |",
        "|---|---|---|---|",
    ]
    for g in m.goals.values():
        target = "—" if g.goal is None else str(g.goal)
        lines.append(f"| {g.label} | {target} | {g.actual} | {'met' if g.met else ''} |")
    lines += ["", "## Channels", "", "| channel | planned | spent | budget | results | per hour |",
              "|---|---|---|---|---|---|"]
    for c in report_data(m, v)["channels"]:
        budget = _hm(c["budget_minutes"]) if c["budget_minutes"] else "—"
        rate = "—" if c["results_per_hour"] is None else f"{c['results_per_hour']:.1f}"
        lines.append(f"| {c['channel']} | {_hm(c['planned_minutes'])} | "
                     f"{_hm(c['spent_minutes'])} | {budget} | {c['results']} | {rate} |")
    return "\n".join(lines) + "\n"
