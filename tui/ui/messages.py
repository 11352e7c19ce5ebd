"""Messages the screens and widgets use to tell each other what changed."""

from __future__ import annotations

from textual.message import Message

from tui.model.edit import Edit

ALL_TABLES = frozenset({"blocks", "marks", "goals", "templates", "contacts", "interactions",
                        "meetings", "sessions", "reviews", "settings", "employers"})


class DataChanged(Message, bubble=False):
    """Something in the repository changed; views that show it should refresh."""

    # Sent to each screen (bubble=False): it must not climb back to the app.

    def __init__(self, tables: frozenset[str], contacts: frozenset[int] | None = None,
                 edit: Edit | None = None):
        super().__init__()
        self.tables = tables
        # The contacts whose rows may have changed (None: any may have).
        self.contacts = contacts
        self.edit = edit  # the edit as applied, when one edit did it

    def added(self, table: str) -> list[int]:
        """Ids of the records of `table` the edit added (a contact added, or put back by undo)."""
        return self.edit.added_ids(table) if self.edit is not None else []


class Saved(Message, bubble=False):
    """Edits up to `generation` are durably on disk."""

    # The app forwards it to each screen (bubble=False): it must not climb back.

    def __init__(self, generation: int):
        super().__init__()
        self.generation = generation
