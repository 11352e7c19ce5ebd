"""Add or edit a contact: every field validated on save, reasons beside the fields."""

from __future__ import annotations

from datetime import date

from tui.model.contact_forms import ContactInput, contact_from_input, contact_input
from tui.model.contacts import CHANNELS, Contact, Stage
from tui.ui.forms import Field, FormScreen

STAGES = tuple(s.value for s in Stage)


class ContactForm(FormScreen[Contact]):
    AUTO_FOCUS = "Input"  # the first field, not the scroll container

    def __init__(self, *, today: date, contact: Contact | None = None):
        super().__init__()
        self.today, self.contact = today, contact
        self.form_title = "Edit contact" if contact else "New contact"

    def fields(self) -> list[Field]:
        f = contact_input(self.contact) if self.contact else ContactInput()
        return [
            Field("name", "Name", f.name, "required"),
            Field("company", "Company", f.company),
            Field("role", "Role", f.role),
            Field("roles", "Network roles", f.roles,
                  "decision maker, insider, peer, recruiter, alumni (comma separated)"),
            Field("industry", "Industry", f.industry),
            Field("location", "Location", f.location),
            Field("channel", "Channel", f.channel, "LinkedIn, Email, Phone…", CHANNELS),
            Field("url", "Profile URL", f.url, "https://www.linkedin.com/in/…"),
            Field("email", "Email", f.email, "ann@example.com"),
            Field("phone", "Phone", f.phone),
            Field("tags", "Tags", f.tags, "comma separated: fintech, paris"),
            Field("priority", "Priority", f.priority, "0 (none) to 3 (highest)"),
            Field("stage", "Stage", f.stage, "type one, or ↑/↓ to pick", choices=STAGES),
            Field("next_action", "Next action", f.next_action, "what to do next"),
            Field("follow_up", "Follow-up", f.follow_up,
                  "a date: dec 3, next mon, +3d; empty = none"),
            Field("cadence", "Cadence", f.cadence, "every 14 days, or 14; empty = none"),
            Field("notes", "Notes", f.notes),
        ]

    def build(self, values: dict[str, str]) -> Contact:
        return contact_from_input(ContactInput(**values), self.today, base=self.contact)
