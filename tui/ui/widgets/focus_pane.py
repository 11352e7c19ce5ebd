"""The Focus pane: the time of day, the running session in large digits, its channel,
block and contact, and the channel's minutes today and this week against its budget.

The same `FocusClock` is the whole `prize timer` screen. Everything shown is derived
from the stored timestamps at each refresh; the one-second interval only redraws.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from tui.model import focus_time
from tui.model.dates import format_duration
from tui.model.sessions import FocusSession
from tui.model.status import clock_text
from tui.model.validation import printable
from tui.ui.focus_controller import Usage, focus_controller
from tui.ui.widgets.pane import Pane, PaneKeys


def clock_digits(s: FocusSession, now: datetime, settings) -> str:
    """What the large digits show: time left, the pomodoro phase left, or time spent."""
    if s.mode == "count-up":
        return clock_text(focus_time.elapsed(s, now))
    if s.mode == "pomodoro":
        return clock_text(focus_time.pomodoro_phase(s, now, settings).phase_remaining)
    left = focus_time.remaining(s, now)
    return clock_text(left) if left >= timedelta() else f"+{clock_text(-left)}"


def state_text(s: FocusSession, now: datetime, settings) -> str:
    """The line under the digits, in words (never colour alone)."""
    spent = clock_text(focus_time.elapsed(s, now))
    plan = format_duration(s.planned_minutes)
    if s.mode == "count-up":
        detail = f"count-up · {spent} spent"
    elif s.mode == "pomodoro":
        phase = focus_time.pomodoro_phase(s, now, settings)
        detail = f"pomodoro {phase.kind} {phase.index} · {spent} of {plan}"
    elif (over := focus_time.overrun(s, now)) > timedelta():
        detail = f"countdown · {clock_text(over)} over the {plan} plan"
    else:
        detail = f"countdown · {spent} of {plan}"
    return f"PAUSED · {detail}" if s.paused else detail


def usage_text(usage: Usage) -> str:
    week = format_duration(usage.week)
    if not usage.budget:
        return f"Today {format_duration(usage.today)} · week {week} (no budget)"
    share = usage.week * 100 // usage.budget
    return (f"Today {format_duration(usage.today)} · week {week} "
            f"of {format_duration(usage.budget)} ({share}%)")


class FocusClock(Vertical):
    """The clock and its keys; the Focus pane and the timer screen both show one.

    Its keys act while its `PaneKeys` holds the focus: the clock itself taking
    it would repaint the whole clock (pane.py)."""

    DEFAULT_CSS = """
    FocusClock { height: auto; }
    FocusClock Digits { width: auto; }
    FocusClock Static { height: auto; }
    FocusClock #focus-now, FocusClock #focus-usage { color: $text-muted; }
    """
    BINDINGS = [
        Binding("space", "space", "Start/pause",
                tooltip="Start a session (none running), or pause and resume it"),
        Binding("s", "stop", "Stop", tooltip="Stop the session and say what came of it"),
        Binding("plus,equals_sign", "extend(5)", "+5m", key_display="+",
                tooltip="Five minutes more"),
        Binding("minus", "extend(-5)", "-5m", key_display="-", tooltip="Five minutes less"),
        Binding("p", "mode", "Mode", tooltip="Mode: countdown, pomodoro, count-up"),
        Binding("a", "add_past", "Past", tooltip="Add a past session (forgot to start it)"),
        Binding("c", "correct", "Fix", tooltip="Correct the last finished session", show=False),
    ]

    _latest_now: dict = {}  # running session id → the latest instant shown for it

    def compose(self) -> ComposeResult:
        yield PaneKeys(id="focus-keys")
        yield Static(id="focus-now", markup=False)
        yield Digits("--:--", id="focus-digits")
        # What runs and how it stands, a line each, in one text: a widget each
        # cost ~1 ms before the first frame. (The channel's minutes keep their
        # own, muted by the style sheet: a text's "$text-muted" lost its 60%.)
        yield Static(id="focus-text", markup=False)
        yield Static(id="focus-usage", markup=False)

    @property
    def controller(self):
        return focus_controller(self.app)

    def on_mount(self) -> None:
        self.controller.subscribe(self.tick)
        self.tick()
        self.set_interval(1.0, self.tick)
        self.controller.check_forgotten()

    def on_unmount(self) -> None:
        self.controller.unsubscribe(self.tick)

    def tick(self) -> None:
        """Redraw from the stored session, then let the guard speak if it must."""
        now = self.app.now()
        controller = self.controller
        settings = self.app.repo.settings()
        s = controller.session()
        # A clock moved back (NTP, a manual fix) must not make a running session's
        # digits jump back: they stand still until the clock catches up again.
        latest = self._latest_now.get(s.id) if s is not None else None
        now = max(now, latest) if latest is not None else now
        self._latest_now = {s.id: now} if s is not None else {}
        local = now.astimezone()
        if s is None:
            self._show(f"{local:%a %d %b}", f"{local:%H:%M}", "No session running",
                       "space starts one · a adds one you forgot", "")
            return
        block, contact = controller.block_and_contact(s)
        what = " · ".join(printable(part) for part in (s.channel, block, contact) if part)
        self._show(f"{local:%a %d %b · %H:%M}", clock_digits(s, now, settings), what,
                   state_text(s, now, settings), usage_text(controller.usage(s.channel, now)))
        controller.guard(now)

    _lines: tuple[str, str] = ("", "")  # what the text under the digits shows

    def _show(self, now: str, digits: str, what: str, state: str, usage: str) -> None:
        # Only what changed: a Static's update lays out the whole screen, and this
        # runs every second (idle, the texts change once a minute).
        for name, text in (("now", now), ("usage", usage)):
            static = self.query_one(f"#focus-{name}", Static)
            if static.content != text:
                static.update(text)
        clock = self.query_one(Digits)
        if clock.value != digits:  # (idle, a tick each second redrew the same digits)
            clock.update(digits)  # (lays out only when its width changes)
        if (what, state) != self._lines:
            self._lines = (what, state)
            self.query_one("#focus-text", Static).update(
                Content("\n").join([Content.styled(what, "bold"), Content(state)]))
        if self.query_one("#focus-usage").display != bool(usage):
            self.query_one("#focus-usage").display = bool(usage)

    # -- keys ----------------------------------------------------------------

    def action_space(self) -> None:
        self.controller.key_space()

    def action_stop(self) -> None:
        self.controller.key_stop()

    def action_extend(self, minutes: int) -> None:
        self.controller.key_extend(minutes)

    def action_mode(self) -> None:
        self.controller.key_mode()

    def action_add_past(self) -> None:
        self.controller.key_add_past()

    def action_correct(self) -> None:
        self.controller.key_correct()


class FocusPane(Pane):
    DEFAULT_CSS = """
    FocusPane { height: 1fr; }
    """
    LABEL = "Focus"

    def compose(self) -> ComposeResult:
        yield FocusClock(id="focus")

    def on_mount(self) -> None:
        self.border_title = "3 Focus"
