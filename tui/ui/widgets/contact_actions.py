"""What the keys of the Contacts pane do: add, edit, log, book, follow up, move
through the pipeline, delete and import. Each builds one edit with a plain
function (tui.model.contact_edits) and hands it to `PrizeApp.apply`, which
keeps it for undo, tells every screen and saves off the key path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.widget import Widget

from tui.model import contact_edits as edits
from tui.model.contacts import Contact, Interaction, Meeting

if TYPE_CHECKING:
    from tui.ui.app import PrizeApp

    _Widget = Widget
else:
    _Widget = object  # a mixin: the widget it is mixed into comes after it


class ContactActions(_Widget):
    """The contact keys, mixed into the widgets that list contacts (the Contacts
    pane, the review's follow-ups), which provide the selection, a contact's
    history and the search."""

    ACTION_BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add a contact"),
        Binding("e,enter", "edit", "Edit", key_display="e", tooltip="Edit the contact"),
        Binding("l", "log", "Log", tooltip="Log an interaction (restarts the cadence)"),
        Binding("m", "meeting", "Meet", tooltip="Book a meeting (shows in the week)"),
        Binding("f", "follow_up", "Follow", tooltip="Set or clear the follow-up date"),
        Binding("greater_than_sign", "stage(1)", "Stage▶", key_display=">",
                tooltip="Next pipeline stage", show=False),
        Binding("less_than_sign", "stage(-1)", "◀Stage", key_display="<",
                tooltip="Previous pipeline stage", show=False),
        Binding("d", "delete", "Del", tooltip="Delete the contact and its history (u undoes)",
                show=False),
        Binding("i", "import", "Import", tooltip="Import LinkedIn, Google or CSV contacts",
                show=False),
        Binding("s", "start_session", "Start", tooltip="Start a focus session on the contact",
                show=False),
        Binding("w", "write", "Write", show=False,
                tooltip="Write from a template: copy it and log it as reached out"),
        Binding("p", "prep", "Prep", show=False,
                tooltip="Prep the next meeting (TIARA) or debrief the last one"),
    ]

    # -- what the list provides (ContactsPane) -----------------------------------

    search_text = ""

    def selected_contact(self) -> Contact | None:
        raise NotImplementedError

    def history(self, contact_id: int) -> tuple[list[Interaction], list[Meeting]]:
        """A contact's interactions and meetings, through the indexes by contact
        (reading 20k interactions to find one person's was ~0.2 s at 10k)."""
        from tui.store.queries import interactions_of, meetings_of

        repo = self.prize.repo
        return interactions_of(repo, contact_id), meetings_of(repo, contact_id)

    def clear_search(self) -> None:
        raise NotImplementedError

    @property
    def prize(self) -> PrizeApp:
        from tui.ui.app import prize

        return prize(self)

    # -- actions -------------------------------------------------------------------

    def action_start_session(self) -> None:
        from tui.ui.focus_controller import focus_controller

        if (contact := self._contact()) is not None:
            focus_controller(self.prize).start_for_contact(contact)

    def _contact(self) -> Contact | None:
        contact = self.selected_contact()
        if contact is None:
            self.notify("No contact selected: press a to add one.")
        return contact

    @work
    async def action_add(self) -> None:
        from tui.ui.screens.contact_form import ContactForm

        app = self.prize
        contact = await app.push_screen_wait(ContactForm(today=app.today()))
        if contact is None:
            return
        if self.search_text.strip():
            self.clear_search()  # or the new contact could be filtered out of sight
        app.apply(edits.add_contact(contact))

    @work
    async def action_edit(self) -> None:
        from tui.ui.screens.contact_form import ContactForm

        app, contact = self.prize, self._contact()
        if contact is None:
            return
        edited = await app.push_screen_wait(ContactForm(today=app.today(), contact=contact))
        if edited is not None:
            app.apply(edits.edit_contact(contact, edited))

    def action_view(self) -> None:
        from tui.ui.widgets.contact_detail import ContactDetailScreen, detail_content

        contact = self._contact()
        if contact is None:
            return
        interactions, meetings = self.history(contact.id)
        content = detail_content(contact, interactions, meetings, self.prize.today())
        self.app.push_screen(ContactDetailScreen(content))

    def action_write(self) -> None:
        from tui.ui.screens.outreach import OutreachScreen

        if (contact := self._contact()) is not None:
            self.app.push_screen(OutreachScreen(contact))

    @work
    async def action_prep(self) -> None:
        from tui.ui.screens.tiara_forms import open_meeting_notes

        if (contact := self._contact()) is not None:
            await open_meeting_notes(self.prize, contact, self.history(contact.id)[1])

    def action_stage(self, step: int) -> None:
        if (contact := self._contact()) is not None:
            self.prize.apply(edits.move_stage(contact, step))

    @work
    async def action_follow_up(self) -> None:
        from tui.ui.screens.followup_form import FollowUpForm

        app, contact = self.prize, self._contact()
        if contact is None:
            return
        result = await app.push_screen_wait(FollowUpForm(contact, app.today()))
        if result is not None:
            interactions, _ = self.history(contact.id)
            app.apply(edits.set_follow_up(contact, result.day, interactions, app.today()))

    def action_delete(self) -> None:
        if (contact := self._contact()) is not None:
            self.prize.apply(edits.delete_contact(contact, *self.history(contact.id)))

    @work
    async def action_log(self) -> None:
        from tui.ui.screens.interaction_form import InteractionForm

        app, contact = self.prize, self._contact()
        if contact is None:
            return
        interaction = await app.push_screen_wait(InteractionForm(contact, app.now()))
        if interaction is not None:
            history, _ = self.history(contact.id)
            app.apply(edits.log_interaction(contact, interaction, history, app.today()))

    @work
    async def action_meeting(self) -> None:
        from tui.ui.screens.meeting_form import MeetingForm

        app, contact = self.prize, self._contact()
        if contact is None:
            return
        meeting = await app.push_screen_wait(MeetingForm(contact, app.now()))
        if meeting is not None:
            app.apply(edits.book_meeting(contact, meeting, app.now()))

    @work
    async def action_import(self) -> None:
        from tui.store.importers import import_edit
        from tui.ui.screens.import_screen import ImportScreen

        app = self.prize
        plan = await app.push_screen_wait(ImportScreen(app.today()))
        if plan is not None:
            app.apply(import_edit(app.repo, plan))
