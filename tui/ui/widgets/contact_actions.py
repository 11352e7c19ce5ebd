"""What the keys of the Contacts pane do: add, edit, log, book, follow up, move
through the pipeline, delete and import. Every edit is undoable and calls
`app.changed(...)`, which refreshes the views and saves off the key path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.binding import Binding

from tui.model.contacts import Contact, Interaction, Stage, due_date, next_stage, previous_stage
from tui.model.validation import printable
from tui.ui.widgets.contact_detail import ContactDetailScreen, detail_content, follow_up_words


class ContactActions:
    """Mixed into ContactsPane, which provides `selected_contact`, `history`, `query`,
    `clear_search` and `select_next` (the row to select after the next reload)."""

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
    ]

    def action_start_session(self) -> None:
        from tui.ui.focus_controller import focus_controller

        if (contact := self._contact()) is not None:
            focus_controller(self.app).start_for_contact(contact)

    @property
    def repo(self):
        return self.app.repo  # type: ignore[attr-defined]

    def _contact(self) -> Contact | None:
        contact = self.selected_contact()  # type: ignore[attr-defined]
        if contact is None:
            self._say("No contact selected: press a to add one.")
        return contact

    def _say(self, message: str, **kwargs) -> None:
        """A notice that may hold user text: never read as markup."""
        self.notify(message, markup=False, **kwargs)  # type: ignore[attr-defined]

    def _done(self, label: str, undo: Callable[[], tuple[str, ...]], *tables: str,
              contact: int | None = None) -> None:
        """Record the undo and refresh the views (`contact`: the only one the edit changed)."""
        app, contacts = self.app, None if contact is None else [contact]
        app.push_undo(label, undo, contacts)  # type: ignore[attr-defined]
        app.changed(*tables, contacts=contacts)  # type: ignore[attr-defined]

    def _restore(self, contact: Contact) -> Callable[[], tuple[str, ...]]:
        def undo() -> tuple[str, ...]:
            self.repo.contacts.update(contact)
            return ("contacts",)

        return undo

    def _next_follow_up(self, contact: Contact, *logged: Interaction) -> str:
        interactions, _ = self.history(contact.id)  # type: ignore[attr-defined]
        last = max((datetime.fromisoformat(i.at).astimezone().date()
                    for i in (*interactions, *logged)), default=None)
        return follow_up_words(due_date(contact, last), self.app.today())  # type: ignore[attr-defined]

    # -- the contact itself ------------------------------------------------------

    @work
    async def action_add(self) -> None:
        from tui.ui.screens.contact_form import ContactForm

        contact = await self.app.push_screen_wait(ContactForm(today=self.app.today()))
        if contact is None:
            return
        if self.query.strip():
            self.clear_search()  # or the new contact could be filtered out of sight
        added = self.repo.contacts.add(contact)
        self.select_next = added.id

        def undo() -> tuple[str, ...]:
            self.repo.contacts.remove(added.id)
            return ("contacts",)

        self._done("add contact", undo, "contacts", contact=added.id)
        self._say(f"Added {printable(added.name)}.")

    @work
    async def action_edit(self) -> None:
        from tui.ui.screens.contact_form import ContactForm

        contact = self._contact()
        if contact is None:
            return
        edited = await self.app.push_screen_wait(
            ContactForm(today=self.app.today(), contact=contact))
        if edited is None or edited == contact:
            return
        self.repo.contacts.update(edited)
        self._done("edit contact", self._restore(contact), "contacts", contact=contact.id)

    def action_view(self) -> None:
        contact = self._contact()
        if contact is None:
            return
        interactions, meetings = self.history(contact.id)
        content = detail_content(contact, interactions, meetings, self.app.today())
        self.app.push_screen(ContactDetailScreen(content))

    def action_stage(self, step: int) -> None:
        contact = self._contact()
        if contact is None:
            return
        stage = Stage(contact.stage)
        moved = next_stage(stage) if step > 0 else previous_stage(stage)
        if moved is stage:
            self._say(f"Already at {'the last' if step > 0 else 'the first'} stage: {stage}.")
            return
        self.repo.contacts.update(contact.replace(stage=moved.value))
        self._done("stage change", self._restore(contact), "contacts", contact=contact.id)
        self._say(f"{printable(contact.name)}: {stage} → {moved}", timeout=3)

    @work
    async def action_follow_up(self) -> None:
        from tui.ui.screens.followup_form import FollowUpForm

        contact = self._contact()
        if contact is None:
            return
        result = await self.app.push_screen_wait(FollowUpForm(contact, self.app.today()))
        if result is None:
            return
        updated = contact.replace(follow_up=result.day.isoformat() if result.day else None)
        if updated != contact:
            self.repo.contacts.update(updated)
            self._done("follow-up", self._restore(contact), "contacts", contact=contact.id)
        self._say(f"Next follow-up with {printable(contact.name)}: "
                    f"{self._next_follow_up(updated)}.")

    def action_delete(self) -> None:
        contact = self._contact()
        if contact is None:
            return
        interactions, meetings = self.history(contact.id)
        gone_i = self.repo.interactions.remove_many([i.id for i in interactions])
        gone_m = self.repo.meetings.remove_many([m.id for m in meetings])
        self.repo.contacts.remove(contact.id)

        def undo() -> tuple[str, ...]:
            self.repo.contacts.restore(contact)
            self.repo.interactions.restore_many(gone_i)
            self.repo.meetings.restore_many(gone_m)
            self.select_next = contact.id
            return ("contacts", "interactions", "meetings")

        self._done("delete contact", undo, "contacts", "interactions", "meetings",
                   contact=contact.id)
        history = f" with {len(gone_i)} interactions and {len(gone_m)} meetings"
        self._say(f"Deleted {printable(contact.name)}"
                    f"{history if gone_i or gone_m else ''}. Press u to undo.")

    # -- interactions and meetings -----------------------------------------------

    @work
    async def action_log(self) -> None:
        from tui.model.history_forms import after_interaction
        from tui.ui.screens.interaction_form import InteractionForm

        contact = self._contact()
        if contact is None:
            return
        interaction = await self.app.push_screen_wait(InteractionForm(contact, self.app.now()))
        if interaction is None:
            return
        added = self.repo.interactions.add(interaction)
        updated = after_interaction(contact, added)
        if updated is not contact:
            self.repo.contacts.update(updated)

        def undo() -> tuple[str, ...]:
            self.repo.interactions.remove(added.id)
            self.repo.contacts.update(contact)
            return ("contacts", "interactions")

        self._done(f"log {added.kind}", undo, "contacts", "interactions", contact=contact.id)
        moved = f" · now {updated.stage}" if updated.stage != contact.stage else ""
        self._say(f"Logged {added.kind} with {printable(contact.name)}{moved} · next follow-up "
                    f"{self._next_follow_up(updated, added)}.")

    @work
    async def action_meeting(self) -> None:
        from tui.model.history_forms import after_meeting
        from tui.ui.screens.meeting_form import MeetingForm

        contact = self._contact()
        if contact is None:
            return
        meeting = await self.app.push_screen_wait(MeetingForm(contact, self.app.now()))
        if meeting is None:
            return
        added = self.repo.meetings.add(meeting)
        updated = after_meeting(contact, added, self.app.now())
        if updated is not contact:
            self.repo.contacts.update(updated)

        def undo() -> tuple[str, ...]:
            self.repo.meetings.remove(added.id)
            self.repo.contacts.update(contact)
            return ("contacts", "meetings")

        self._done("book meeting", undo, "contacts", "meetings", contact=contact.id)
        at = datetime.fromisoformat(added.at).astimezone()
        self._say(f"{added.kind.capitalize()} meeting with {printable(contact.name)} on "
                    f"{at:%a %d %b %H:%M} · stage {updated.stage}.")

    # -- import ------------------------------------------------------------------

    @work
    async def action_import(self) -> None:
        from tui.store.importers import apply_import
        from tui.ui.screens.import_screen import ImportScreen

        plan = await self.app.push_screen_wait(ImportScreen(self.app.today()))
        if plan is None:
            return
        repo = self.repo
        before = {c.id for c in repo.contacts.all()}
        previous = [repo.contacts.get(old.id) for old, _new in plan.updated]
        apply_import(repo, plan)
        added = [c.id for c in repo.contacts.all() if c.id not in before]

        def undo() -> tuple[str, ...]:
            repo.contacts.remove_many(added)
            repo.contacts.restore_many([c for c in previous if c is not None])
            return ("contacts",)

        self._done("import", undo, "contacts")
        self._say(f"Imported: {plan.summary(done=True)}. Press u to undo.")
