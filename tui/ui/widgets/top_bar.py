"""The header line: the week shown, today's reminder, and whether edits are saved."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from tui.model.dates import iso_week_label, week_range_label
from tui.model.plan import reminder_for
from tui.model.validation import printable


class TopBar(Static):
    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show(self, week_start: date, today: date, reminders: list[str], saved: bool,
             problem: bool = False) -> None:
        week = iso_week_label(week_start)
        this_week = week_start <= today < week_start.fromordinal(week_start.toordinal() + 7)
        marker = " (this week)" if this_week else ""
        reminder = printable(reminder_for(reminders, today.toordinal()))
        state = "✗ NOT SAVED" if problem else "✓ saved" if saved else "… saving"
        self.update(
            Content.assemble(
                ("Prize", "bold"),
                f"  {week}{marker} · {week_range_label(week_start)}",
                ("  │  ", "dim"),
                (state, "bold $error" if problem else "dim"),
                ("  │  " if reminder else "", "dim"),
                (reminder, "italic"),
            ),
            layout=False,  # one line, always: a relayout would redraw the whole screen
        )
