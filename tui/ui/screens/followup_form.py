"""Set (or clear) a contact's hand-set follow-up date."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from tui.model.contacts import Contact
from tui.model.history_forms import FollowUp, follow_up_from_input
from tui.model.validation import printable
from tui.ui.forms import Field, FormScreen


class FollowUpForm(FormScreen[FollowUp]):
    AUTO_FOCUS = "Input"  # the first field, not the scroll container

    def __init__(self, contact: Contact, today: date):
        super().__init__()
        self.contact, self.today = contact, today
        self.form_title = Content(f"Follow up with {printable(contact.name)[:40]}")

    def fields(self) -> list[Field]:
        return [Field("follow_up", "Follow up on", self.contact.follow_up or "",
                      "dec 3, next mon, in 5 days, or 5; empty clears it",
                      help="A cadence, if set, still applies: the earlier date wins.")]

    def build(self, values: dict[str, str]) -> FollowUp:
        return follow_up_from_input(values["follow_up"], self.today)
