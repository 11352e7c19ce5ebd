"""`prize timer`: the focus clock alone, large and free of distractions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen

from tui.ui.widgets.focus_pane import FocusClock
from tui.ui.widgets.key_hints import KeyHints
from tui.ui.widgets.pane import PaneKeys


class TimerScreen(Screen):
    DEFAULT_CSS = """
    TimerScreen FocusClock {
        width: 56; max-width: 100%; padding: 1 2;
        border: round $accent; border-title-color: $text-muted;
    }
    TimerScreen FocusClock Digits { width: 100%; text-align: center; }
    TimerScreen FocusClock Static { width: 100%; text-align: center; }
    TimerScreen FocusClock #focus-digits { margin: 1 0; }
    """
    BINDINGS = [
        Binding("q", "leave", "Quit"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield FocusClock(id="focus")
        yield KeyHints()

    def on_mount(self) -> None:
        clock = self.query_one(FocusClock)
        clock.border_title = "Prize · focus"
        clock.query_one(PaneKeys).focus()

    def action_leave(self) -> None:
        self.app.leave_screen()
