"""The header line: the week shown, today's reminder, whether edits are saved, and
when the calendar last synced (when one is connected)."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from tui.model.plan import reminder_for
from tui.model.validation import printable
from tui.model.week_dates import iso_week_label, week_range_label
from tui.ui.widgets.line_paint import Line, LinePainter


class TopBar(Widget):
    """One line, painted from its pieces: it changes with every week key, where
    a `Static` re-wrapping its text cost a quarter of a millisecond."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._line: Line = ()
        self._painter = LinePainter(self, pad=False)  # as a Static: Textual pads it

    def show(self, week_start: date, today: date, reminders: list[str], saved: bool,
             problem: bool = False, calendar: str = "") -> None:
        week = iso_week_label(week_start)
        this_week = week_start <= today < week_start.fromordinal(week_start.toordinal() + 7)
        marker = " (this week)" if this_week else ""
        reminder = printable(reminder_for(reminders, today.toordinal()))
        state = "✗ NOT SAVED" if problem else "✓ saved" if saved else "… saving"
        line = (
            ("Prize", "bold"),
            (f"  {week}{marker} · {week_range_label(week_start)}", ""),
            ("  │  ", "dim"),
            (state, "bold $error" if problem else "dim"),
            ("  │  " if calendar else "", "dim"),
            (calendar, "bold $warning" if calendar.startswith("✗") else "dim"),
            ("  │  " if reminder else "", "dim"),
            (reminder, "italic"),
        )
        if line != self._line:
            self._line = line
            self.refresh()  # one line, always: no relayout (it would redraw the whole screen)

    def render(self) -> Content:
        return Content.assemble(*self._line)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.visual_style.rich_style)
        return self._painter.strip(0, self._line, width)
