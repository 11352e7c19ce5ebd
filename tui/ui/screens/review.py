"""The daily review: today's blocks, follow-ups due, meetings, and the verdict."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.model.contacts import due_date, last_interaction_dates
from tui.model.dates import format_duration
from tui.model.validation import printable
from tui.model.week import week_occurrences


class ReviewScreen(Screen):
    BINDINGS = [Binding("q,escape", "leave", "Leave")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review"):
            yield Static(id="review-today")
            yield Static(id="review-followups")
            yield Static(id="review-meetings")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review").border_title = f"Review · {self.app.today():%A %d %B}"
        self.refresh_figures()

    def action_leave(self) -> None:
        self.app.leave_screen()

    def refresh_figures(self) -> None:
        repo, today = self.app.repo, self.app.today()
        marks = {(m.block_id, m.day): m.state for m in repo.marks.all() if m.day == today.isoformat()}
        items = week_occurrences(repo.blocks.all(), today, days=1)[today]
        lines = [Content.styled("Today's blocks", "bold")]
        for occ in items:
            state = marks.get((occ.block.id, today.isoformat()), "open")
            lines.append(
                Content(
                    f"  {occ.block.start} {format_duration(occ.block.minutes):>5} "
                    f"{printable(occ.block.channel)} · {printable(occ.block.activity)} [{state}]"
                )
            )
        if not items:
            lines.append(Content("  Nothing planned today."))
        self.query_one("#review-today", Static).update(Content("\n").join(lines))

        last_seen = last_interaction_dates(repo.interactions.all())
        due = []
        for c in repo.contacts.all():
            when = due_date(c, last_seen.get(c.id))
            if when is not None and when <= today:
                due.append((when, c))
        due.sort(key=lambda item: item[0])
        overdue = sum(1 for when, _ in due if when < today)
        lines = [Content.styled(f"Follow-ups due: {len(due)} ({overdue} overdue)", "bold")]
        for when, c in due[:10]:
            tag = f"! overdue since {when:%d %b}" if when < today else "* due today"
            lines.append(Content(f"  {tag}  {printable(c.name)} · {printable(c.company)}"))
        self.query_one("#review-followups", Static).update(Content("\n").join(lines))

        names = {c.id: c.name for c in repo.contacts.all()}
        upcoming = sorted(
            (datetime.fromisoformat(m.at).astimezone(), m)
            for m in repo.meetings.all()
            if datetime.fromisoformat(m.at).astimezone().date() >= today
        )
        lines = [Content.styled("Meetings today and next", "bold")]
        for at, m in upcoming[:5]:
            who = printable(names.get(m.contact_id, "someone"))
            lines.append(Content(f"  {at:%a %d %b %H:%M} {m.kind} with {who}"))
        if not upcoming:
            lines.append(Content("  No meeting booked. Booking one is today's best result."))
        self.query_one("#review-meetings", Static).update(Content("\n").join(lines))
