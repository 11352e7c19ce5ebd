"""The Contacts pane: who to reach, who is due, where each relationship stands."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.model.contacts import Contact, due_date, due_label, last_interaction_dates
from tui.ui.widgets.contact_table import Column, ContactTable, Row

COLUMNS = [
    Column("Due", 0, 11),
    Column("Name", 1, 0, 10),
    Column("Company", 2, 0, 8),
    Column("Stage", 3, 14),
    Column("Next action", 4, 0, 8),
]
NARROW_COLUMNS = [Column("Due", 0, 11), Column("Name", 1, 0, 10), Column("Stage", 3, 14)]


def contact_rows(contacts: list[Contact], last_seen: dict[int, date], today: date) -> list[Row]:
    """Rows sorted overdue first, then due today, then by due date, then by name."""
    keyed = []
    for c in contacts:
        due = due_date(c, last_seen.get(c.id))
        rank = (0, due.toordinal()) if due is not None else (1, 0)
        cells = (due_label(due, today), c.name, c.company, c.stage, c.next_action)
        keyed.append((rank, c.name.casefold(), Row(c.id, cells)))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in keyed]


class ContactsPane(Vertical):
    DEFAULT_CSS = """
    ContactsPane { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield ContactTable(COLUMNS, id="contacts")

    def on_mount(self) -> None:
        self.border_title = "2 Contacts"
        # Building rows for thousands of contacts waits until the first frame is out.
        self.call_after_refresh(self.reload)

    def on_resize(self) -> None:
        table = self.query_one(ContactTable)
        wanted = COLUMNS if self.size.width >= 70 else NARROW_COLUMNS
        if table.columns is not wanted:
            table.columns = wanted
            table.refresh()

    def reload(self) -> None:
        repo = self.app.repo
        contacts = repo.contacts.all()
        last_seen = last_interaction_dates(repo.interactions.all())
        table = self.query_one(ContactTable)
        rows = contact_rows(contacts, last_seen, self.app.today())
        table.set_rows(rows, keep_key=table.selected_key)
        due = sum(1 for r in rows if r.cells[0].startswith(("!", "*")))
        self.border_subtitle = f"{len(rows):,} contacts · {due} due" if rows else ""
