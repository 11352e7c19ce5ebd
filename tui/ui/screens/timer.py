"""`prize timer`: the focus clock alone, large and free of distractions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer

from tui.ui.widgets.focus_pane import FocusClock


class TimerScreen(Screen):
    BINDINGS = [Binding("q", "leave", "Quit")]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield FocusClock(id="focus")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FocusClock).focus()

    def action_leave(self) -> None:
        self.app.leave_screen()
