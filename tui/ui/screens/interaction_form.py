"""Log an interaction with a contact: what kind, on which channel, when, and a note."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from tui.model.contacts import CHANNELS, INTERACTION_KINDS, Contact, Interaction
from tui.model.history_forms import KIND_CHANNEL, InteractionInput, interaction_from_input
from tui.model.validation import printable
from tui.ui.forms import Field, FormScreen


class InteractionForm(FormScreen[Interaction]):
    AUTO_FOCUS = "Input"  # the first field, not the scroll container

    def __init__(self, contact: Contact, now: datetime):
        super().__init__()
        self.contact, self.now = contact, now
        self.form_title = Content(f"Log an interaction with {printable(contact.name)[:40]}")

    def fields(self) -> list[Field]:
        local = self.now.astimezone()
        implied = ", ".join(f"{k} → {v}" for k, v in KIND_CHANNEL.items() if k != "email")
        default = self.contact.channel or "none"
        return [
            Field("kind", "Kind", "", "empty = message; " + ", ".join(INTERACTION_KINDS[1:]),
                  INTERACTION_KINDS),
            Field("channel", "Channel", "", f"empty = {implied}, else {default}"[:70], CHANNELS),
            Field("note", "Note", "", "what was said, what comes next"),
            Field("day", "Day", local.date().isoformat(), "today, yesterday, nov 24, -2d"),
            Field("time", "Time", f"{local:%H:%M}", "14:30 or 2pm"),
        ]

    def build(self, values: dict[str, str]) -> Interaction:
        return interaction_from_input(InteractionInput(**values), self.contact, self.now)
