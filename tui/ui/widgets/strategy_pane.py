"""The Strategy pane: the week's blocks and meetings, with planned totals."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.model.dates import format_duration, week_days
from tui.model.week import day_minutes, planned_minutes, week_occurrences
from tui.ui.widgets.week_view import Entry, WeekView


class StrategyPane(VerticalScroll):
    """Border title "1 Strategy"; shows one week chosen by the screen."""

    DEFAULT_CSS = """
    StrategyPane { height: 1fr; }
    StrategyPane #week-summary { height: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield WeekView(id="week")
        yield Static(id="week-summary", markup=False)

    def on_mount(self) -> None:
        self.border_title = "1 Strategy"

    def show_week(self, start: date) -> None:
        repo = self.app.repo
        today = self.app.today()
        by_day = week_occurrences(repo.blocks.all(), start)
        marks = {
            (m.block_id, m.day): m.state
            for m in repo.marks.all()
            if start.isoformat() <= m.day <= (start + timedelta(days=6)).isoformat()
        }
        entries: dict[date, list[Entry]] = {d: [] for d in week_days(start)}
        for day, items in by_day.items():
            for occ in items:
                b = occ.block
                entries[day].append(
                    Entry(
                        start=b.start, minutes=b.minutes, channel=b.channel, title=b.activity,
                        detail=b.target, mark=marks.get((b.id, day.isoformat()), ""), ref=occ,
                    )
                )
        names = {c.id: c.name for c in repo.contacts.all()} if repo.meetings.all() else {}
        for meeting in repo.meetings.all():
            at = datetime.fromisoformat(meeting.at).astimezone()
            if at.date() in entries:
                who = names.get(meeting.contact_id, "someone")
                entries[at.date()].append(
                    Entry(
                        start=f"{at:%H:%M}", minutes=meeting.minutes, channel=meeting.kind,
                        title=f"Meeting: {who}", detail=meeting.place, kind="meeting", ref=meeting,
                    )
                )
        for items in entries.values():
            items.sort(key=lambda e: e.start)
        totals = day_minutes(by_day)
        self.query_one(WeekView).show(sorted(entries.items()), today, totals)
        self._show_summary(start, by_day)

    def _show_summary(self, start: date, by_day) -> None:
        planned = planned_minutes(by_day)
        week_total = sum(planned.values())
        goal = self.app.repo.settings().weekly_hours_goal
        parts = [f"Week: {format_duration(week_total) if week_total else '0h'} of {goal:g}h goal"]
        parts += [f"{ch} {format_duration(m)}" for ch, m in sorted(planned.items(), key=lambda kv: -kv[1])]
        legend = "✓ done  ◐ partly  ✗ missed  ☎ meeting"
        self.query_one("#week-summary", Static).update(" · ".join(parts) + "\n" + legend)
