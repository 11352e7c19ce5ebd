"""Add a session after the fact: "I forgot to start it at 9:10"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from tui.model.dates import format_duration, parse_date, parse_duration, parse_time
from tui.model.focus_records import add_past_session, correct_session
from tui.model.sessions import FocusSession
from tui.model.validation import NAME_MAX, ValidationError, clean_text
from tui.ui.forms import Field, FormScreen


class PastSessionForm(FormScreen[FocusSession]):
    """Returns a stopped session (not yet stored) in the machine's local time zone."""

    form_title = "Add a past session"

    def __init__(self, *, channel: str, minutes: int, channels: tuple[str, ...],
                 now: Callable[[], datetime], correcting: FocusSession | None = None):
        super().__init__()
        self.channel, self.minutes, self.channels, self.now = channel, minutes, channels, now
        self.correcting = correcting
        if correcting is not None:
            self.form_title = "Correct the last session"

    def fields(self) -> list[Field]:
        day, start = "today", ""
        if self.correcting is not None:
            begun = datetime.fromisoformat(self.correcting.started).astimezone()
            day, start = begun.date().isoformat(), f"{begun:%H:%M}"
        return [
            Field("channel", "Channel", self.channel, "LinkedIn, Email, Phone… or your own",
                  self.channels),
            Field("day", "Day", day, "today, yesterday, -2d, 2026-11-24"),
            Field("start", "Started at", start, "9:10 or 2pm"),
            Field("length", "Length", format_duration(self.minutes), "25m, 45m, 1h30"),
        ]

    def _today(self) -> date:
        return self.now().astimezone().date()

    def build(self, values: dict[str, str]) -> FocusSession:
        errors: dict[str, str] = {}
        parsers = {"day": lambda text: parse_date(text, self._today()),
                   "start": parse_time, "length": parse_duration}
        parsed = {}
        for name, parse in parsers.items():
            try:
                parsed[name] = parse(values[name])
            except ValueError as exc:
                errors[name] = str(exc)
        if errors:
            try:
                clean_text(values["channel"], required=True, max_len=NAME_MAX, label="the channel")
            except ValueError as exc:
                errors["channel"] = str(exc)
            raise ValidationError(errors)
        try:
            start = datetime.combine(parsed["day"], parsed["start"])
            fresh = add_past_session(values["channel"], start, parsed["length"], self.now())
            if self.correcting is None:
                return fresh
            # Same record, new span: the outcome, links and mode are kept.
            return correct_session(
                self.correcting.replace(channel=fresh.channel),
                started=datetime.fromisoformat(fresh.started), minutes=parsed["length"],
                now=self.now())
        except ValidationError as exc:
            raise ValidationError({"length" if name == "minutes" else name: message
                                   for name, message in exc.errors.items()}) from None
