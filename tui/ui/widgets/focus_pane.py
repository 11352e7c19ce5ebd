"""The Focus pane: the clock, and the running session's elapsed and remaining time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from tui.model.sessions import FocusSession
from tui.model.status import clock_text


class FocusClock(Vertical, can_focus=True):
    """Large digits for the session (or the time of day when idle), and a line about it."""

    DEFAULT_CSS = """
    FocusClock { height: auto; }
    FocusClock Digits { width: auto; }
    FocusClock #focus-info { height: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="focus-digits")
        yield Static(id="focus-info", markup=False)

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def running_session(self) -> FocusSession | None:
        running = self.app.repo.sessions.where(lambda s: s.running)
        return running[-1] if running else None

    def tick(self) -> None:
        now = self.app.now()
        session = self.running_session()
        digits = self.query_one(Digits)
        info = self.query_one("#focus-info", Static)
        if session is None:
            digits.update(f"{now.astimezone():%H:%M}")
            info.update("No session running. Press space to start one.")
            return
        elapsed = session.elapsed(now)
        if session.mode == "count-up":
            digits.update(clock_text(elapsed))
            detail = f"{clock_text(elapsed)} elapsed"
        else:
            remaining = session.remaining(now)
            digits.update(clock_text(remaining))
            detail = f"{clock_text(elapsed)} elapsed · {session.planned_minutes}m planned"
        state = "paused" if session.paused else session.mode
        info.update(f"{session.channel} · {state} · {detail}")


class FocusPane(Vertical):
    DEFAULT_CSS = """
    FocusPane { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield FocusClock(id="focus")

    def on_mount(self) -> None:
        self.border_title = "3 Focus"
