"""The TIARA prep note before a meeting and the debrief after it (`p` on a contact)."""

from __future__ import annotations

from datetime import date, datetime

from textual.content import Content

from tui.model.contacts import Contact, Meeting
from tui.model.tiara import (
    Debrief,
    DebriefInput,
    debrief_edit,
    debrief_from_input,
    meeting_to_open,
    prep_edit,
    prep_from_meeting,
    prep_questions,
)
from tui.model.validation import printable
from tui.ui.forms import Field, FormScreen


class PrepForm(FormScreen[dict]):
    def __init__(self, contact: Contact, meeting: Meeting):
        super().__init__()
        self.contact, self.meeting = contact, meeting
        at = datetime.fromisoformat(meeting.at).astimezone()
        self.form_title = Content(f"Prep: {printable(contact.name)[:30]}, {at:%a %d %b %H:%M}"
                                  " · the TIARA questions to ask")

    def fields(self) -> list[Field]:
        kept = prep_from_meeting(self.meeting)
        return [Field(key, label, kept.get(key, question), question)
                for key, label, question in prep_questions(self.contact.company)]

    def build(self, values: dict[str, str]) -> dict:
        return dict(values)


class DebriefForm(FormScreen[Debrief]):
    def __init__(self, contact: Contact, meeting: Meeting, today: date):
        super().__init__()
        self.contact, self.meeting, self.today = contact, meeting, today
        at = datetime.fromisoformat(meeting.at).astimezone()
        self.form_title = Content(f"Debrief: {printable(contact.name)[:30]}, {at:%a %d %b}")

    def fields(self) -> list[Field]:
        return [
            Field("learned", "Learned", "", "trends, insights, advice in a line"),
            Field("suggested", "Suggested", "", "someone they suggested you talk to"),
            Field("referral", "Referral asked", "", "yes or no"),
            Field("next_step", "Next step", "", "required: what you do next, with whom"),
            Field("follow_up", "Follow up on", "+3d", "dec 3, next mon, +3d"),
        ]

    def build(self, values: dict[str, str]) -> Debrief:
        return debrief_from_input(DebriefInput(**values), self.today)


async def open_meeting_notes(app, contact: Contact, meetings: list[Meeting]) -> None:
    """The prep of the contact's next meeting, or the debrief of the last one."""
    found = meeting_to_open(meetings, app.now())
    if found is None:
        app.notify(f"No meeting with {printable(contact.name)}: m books one.", markup=False)
        return
    kind, meeting = found
    if kind == "prep":
        answers = await app.push_screen_wait(PrepForm(contact, meeting))
        if answers is not None:
            app.apply(prep_edit(meeting, answers, contact.name))
        return
    debrief = await app.push_screen_wait(DebriefForm(contact, meeting, app.today()))
    if debrief is not None:
        current = app.repo.contacts.get(contact.id) or contact
        app.apply(debrief_edit(current, meeting, debrief, app.now()))
