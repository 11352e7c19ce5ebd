"""Book a meeting with a contact: phone, video or in person, on a day and time."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from tui.model.contacts import MEETING_KINDS, Contact, Meeting
from tui.model.history_forms import MeetingInput, meeting_from_input
from tui.model.validation import printable
from tui.ui.forms import Field, FormScreen


class MeetingForm(FormScreen[Meeting]):
    AUTO_FOCUS = "Input"  # the first field, not the scroll container

    def __init__(self, contact: Contact, now: datetime):
        super().__init__()
        self.contact, self.now = contact, now
        self.form_title = Content(f"Book a meeting with {printable(contact.name)[:40]}")

    def fields(self) -> list[Field]:
        f = MeetingInput()
        return [
            Field("kind", "Kind", f.kind, "phone, video or in person", MEETING_KINDS),
            Field("day", "Day", f.day, "dec 3, tomorrow, next tue, +3d"),
            Field("time", "Time", f.time, "14:30 or 2pm"),
            Field("length", "Length", f.length, "30m, 1h"),
            Field("place", "Place or link", f.place, "an address, or the video link"),
            Field("note", "Note", f.note),
        ]

    def build(self, values: dict[str, str]) -> Meeting:
        return meeting_from_input(MeetingInput(**values), self.contact.id, self.now)
