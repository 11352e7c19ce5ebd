"""Start a quick focus session: channel, length and mode (defaults from the settings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tui.model.dates import format_duration, parse_duration
from tui.model.focus import start_session
from tui.model.sessions import MODES, FocusSession
from tui.model.validation import ValidationError
from tui.ui.forms import Field, FormScreen


class QuickStartForm(FormScreen[FocusSession]):
    """Returns a new running session (not yet stored), started when the form is saved."""

    form_title = "Start a focus session"

    def __init__(self, *, channel: str, minutes: int, channels: tuple[str, ...],
                 now: Callable[[], datetime], mode: str = "countdown"):
        super().__init__()
        self.channel, self.minutes, self.mode = channel, minutes, mode
        self.channels, self.now = channels, now

    def fields(self) -> list[Field]:
        return [
            Field("channel", "Channel", self.channel, "LinkedIn, Email, Phone… or your own",
                  self.channels),
            Field("length", "Length", format_duration(self.minutes), "25m, 45m, 1h30"),
            Field("mode", "Mode", self.mode, "countdown, pomodoro or count-up", MODES,
                  help="p changes the mode later; + and - add or take five minutes"),
        ]

    def build(self, values: dict[str, str]) -> FocusSession:
        errors: dict[str, str] = {}
        minutes = self.minutes
        try:
            minutes = parse_duration(values["length"])
        except ValueError as exc:
            errors["length"] = str(exc)
        mode = values["mode"].strip().lower() or "countdown"
        try:
            session = start_session(values["channel"], self.now(), mode=mode,
                                    planned_minutes=minutes)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                errors.setdefault("length" if name == "planned_minutes" else name, message)
        if errors:
            raise ValidationError(errors)
        return session
