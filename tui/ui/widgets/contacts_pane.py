"""The Contacts pane: who to reach, who is due, where each relationship stands.

Rows are built once per data change (contact_list.py); a key in the search
box only filters those prepared rows, so it stays fast at 10,000 contacts.
The actions (forms, stages, delete, import)
live in the `ContactActions` mixin (contact_actions.py).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from tui.model.contact_list import SORTS, Entry, Filtered, filter_entries
from tui.model.contacts import Contact, due_label
from tui.model.validation import printable
from tui.ui.app import prize
from tui.ui.widgets.contact_actions import ContactActions
from tui.ui.widgets.contact_table import Column, ContactTable
from tui.ui.widgets.pane import Pane, PaneKeys

if TYPE_CHECKING:
    from tui.ui.widgets.contact_detail import ContactDetail

COLUMNS = [
    Column("Due", 0, 11),
    Column("Name", 1, 0, 10),
    Column("Company", 2, 0, 8),
    Column("Stage", 3, 14),
    Column("Next action", 4, 0, 8),
]
WIDE_COLUMNS = [*COLUMNS[:3], Column("Role", 5, 0, 8), *COLUMNS[3:]]
NARROW_COLUMNS = [Column("Due", 0, 11), Column("Name", 1, 0, 10), Column("Stage", 3, 14)]
TIERS = [(110, WIDE_COLUMNS), (66, COLUMNS), (0, NARROW_COLUMNS)]
DETAIL_MIN_WIDTH = 90  # the pane's width from which the detail shows beside the list
SEARCH_HINT = "type to search · stage:met tag:x company:y due"


# The text of a row, read from the repository when the row shows.
ROW_FIELDS = ("name", "company", "stage", "next_action", "role")


class SearchInput(Input):
    """The search box. `enter` and `escape` act as they arrive, and a key that
    reached it after the focus left goes where the focus is: in `/a⏎j` typed
    at once, Textual's Input inserted the `j` before its `enter` ran (bindings
    run once a key has been through the widget), and the search became "aj"."""

    BINDINGS = [Binding("escape", "clear", "Clear search", show=False)]

    def on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:  # (has_focus follows only once Blur is handled)
            event.prevent_default()  # (not typed here: the focus left before it came)
            event.stop()
            prize(self).hand_on(event)
        elif event.key in ("enter", "escape"):
            event.prevent_default()
            event.stop()
            if event.key == "enter":
                self.pane.finish_search()
            else:
                self.action_clear()

    def action_clear(self) -> None:
        self.pane.clear_search()

    @property
    def pane(self) -> ContactsPane:
        return cast(ContactsPane, self.parent)


class ContactsPane(ContactActions, Pane):
    DEFAULT_CSS = """
    ContactsPane { height: 1fr; layout: horizontal; }
    ContactsPane #contact-search { display: none; dock: top; background: $boost; }
    ContactsPane #contact-search.-shown { display: block; }
    ContactsPane #contact-search:focus { background: $accent 25%; }
    ContactsPane ContactDetail { display: none; }
    """
    LABEL = "Contacts"
    BINDINGS = [
        *ContactTable.KEYS,  # the list's cursor (the list has no focus of its own)
        Binding("slash", "search", "Search", key_display="/",
                tooltip="Search as you type (stage:met tag:x company:y due)"),
        Binding("o", "sort", "Sort", tooltip="Sort by due, name, company or stage", show=False),
        Binding("v", "view", "View", tooltip="Show the selected contact in full", show=False),
        Binding("z", "zoom", "Zoom", show=False,
                tooltip="Contacts full screen, with the detail beside the list (z or escape)"),
        *ContactActions.ACTION_BINDINGS,
    ]

    ALLOW_MAXIMIZE = True
    sort = "due"
    search_text = ""  # what the list is filtered by (not `query`: that is Textual's)
    wide = False  # room for the detail beside the list
    last_filter_ms = 0.0

    def compose(self) -> ComposeResult:
        yield PaneKeys(id="contacts-keys")
        table = ContactTable(COLUMNS, TIERS, id="contacts")
        table.cells_of = self._row_cells
        yield table
        # The detail beside the list comes when it first shows (_detail).

    def on_mount(self) -> None:
        self.border_title = "2 Contacts"
        self.entries: list[Entry] | None = None  # (None: the first frame's rows only)
        self._filtered: Filtered | None = None  # the last search's rows, for the next key
        self.watch(self.screen, "maximized", self._zoomed, init=False)
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        # In the first frame: the list is what a person opens Prize for. Its first
        # rows come straight from the open cache; all of them, with their search
        # texts, right after that frame (contact_index.first_rows).
        first = self.app.repo.contact_index.first_rows(self.app.today())
        if first is None:
            self.reload()
            return
        rows, due = first
        self.table.set_rows(rows)
        self._subtitle(len(rows), len(rows), due)
        self.call_after_refresh(self._take_entries)

    def _take_entries(self) -> None:
        if self.entries is None and self.is_attached:
            self.reload()

    def on_resize(self) -> None:
        wide = self.size.width >= DETAIL_MIN_WIDTH
        if wide != self.wide:
            self.wide = wide
            self._place_detail()
            self.show_detail()

    def _place_detail(self) -> None:
        # An inline style, not a class: a class change restyles the whole pane.
        shown = self.wide and self.has_focus_within
        if shown or self._made_detail() is not None:
            self._detail().display = shown

    def _made_detail(self) -> ContactDetail | None:
        found = self.query_children("#contact-detail")  # (by id: its module is not loaded yet)
        return cast("ContactDetail", found.first()) if found else None

    def _detail(self) -> ContactDetail:
        """The detail beside the list (the pane lays out in a row), made when the
        pane is first wide enough for it: hidden in the first frame of a planner
        on a common terminal, it was ~7M instructions there."""
        from tui.ui.widgets.contact_detail import ContactDetail

        detail = self._made_detail()
        if detail is None:
            detail = ContactDetail(id="contact-detail")
            self.mount(detail)
        return detail

    def action_zoom(self) -> None:
        if self.screen.maximized is self:
            self.screen.minimize()
        else:
            self.screen.maximize(self, container=False)

    def _zoomed(self, maximized) -> None:
        # The bottom row gives the pane its height and two thirds of the width;
        # zoomed, it takes the whole screen.
        zoomed = maximized is self
        self.styles.height = "1fr" if zoomed else None
        self.styles.width = "1fr" if zoomed else None

    def _focus_moved(self, focused) -> None:
        self._place_detail()
        # `1` or `3` while zoomed: leave the zoom, or the focus would land out of sight.
        if self.screen.maximized is self and focused is not None \
                and self not in focused.ancestors_with_self:
            self.screen.minimize()

    @property
    def table(self) -> ContactTable:
        return self.query_one(ContactTable)

    def action_move(self, delta: int) -> None:
        self.table.move(delta)

    def action_page(self, direction: int) -> None:
        self.table.page(direction)

    def action_jump(self, where: int) -> None:
        self.table.jump(where)

    def _row_cells(self, entry: Entry) -> tuple[str, ...]:
        found = self.app.repo.contacts.fields_of(entry.key, ROW_FIELDS)
        name, company, stage, next_action, role = found or ("",) * len(ROW_FIELDS)
        return (due_label(entry.due, self.app.today()), name, company, stage, next_action, role)

    # -- rows, search and sort ---------------------------------------------------

    def reload(self, only: frozenset[int] | None = None, select: int | None = None) -> None:
        """Take the rows again: all of them, or with `only` those contacts' patched
        (contact_index.py); then select `select` (a contact just added, or put
        back by undo)."""
        self.entries = self.app.repo.contact_index.entries(only)
        self.refilter(select)

    def refilter(self, keep: int | None = None) -> None:
        started = time.perf_counter()
        if self.entries is None:  # (a key before they were taken after the first frame)
            self.entries = self.app.repo.contact_index.entries()
        self._filtered = filter_entries(self.app.repo.contact_index.sorted_by(self.sort),
                                        self.search_text, self.app.today(), self._filtered)
        shown = self._filtered.rows
        table = self.table
        keep = keep if keep is not None else table.selected_key
        table.empty_text = (
            f"Nothing matches {printable(self.search_text)!r}: escape clears the search."
            if self.search_text.strip() and self.entries
            else "No contacts yet: press a to add one, or i to import."
        )
        table.set_rows(shown, keep_key=keep)
        self.last_filter_ms = (time.perf_counter() - started) * 1000
        self._subtitle(len(shown), len(self.entries), self._filtered.due)

    def _subtitle(self, shown: int, total: int, due: int) -> None:
        count = f"{shown:,} of {total:,}" if self.search_text.strip() else \
            f"{total:,} contact{'' if total == 1 else 's'}"
        self.border_subtitle = f"{count} · {due} due · by {self.sort}" if total else ""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "contact-search":
            event.stop()
            # What the field holds now: a change queued before `escape` cleared it
            # (typed in one burst) must not filter the list again.
            self._search_for(event.input.value)

    def _search_for(self, text: str) -> None:
        if text != self.search_text:
            self.search_text = text
            self.refilter()

    def _search_box(self) -> SearchInput:
        """The search box, made at the first `/`: a Textual Input is ~22M instructions
        (~7 ms) of the first frame, where it would be hidden."""
        found = self.query(SearchInput)
        if found:
            return found.first()
        search = SearchInput(placeholder=SEARCH_HINT, id="contact-search",
                             select_on_focus=False, compact=True)
        self.mount(search, before=self.table)
        return search

    def finish_search(self) -> None:
        """`enter` in the search: the list's keys again, the search kept (hidden if empty)."""
        search = self._search_box()
        self._search_for(search.value)  # now: keys typed after `enter` act on these rows
        self.activate()
        if not search.value.strip():
            search.remove_class("-shown")

    def action_search(self) -> None:
        search = self._search_box()
        search.add_class("-shown")
        self.screen.set_focus(search)

    def clear_search(self) -> None:
        search = self._search_box()
        with search.prevent(Input.Changed):
            search.value = ""
        search.remove_class("-shown")
        self.search_text = ""
        self.refilter()
        self.activate()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refilter()
        self.notify(f"Sorted by {self.sort}.", timeout=2)

    # -- selection and detail --------------------------------------------------

    def selected_contact(self) -> Contact | None:
        """The contact under the cursor (for `s`, start a focus session on it)."""
        key = self.table.selected_key
        return self.app.repo.contacts.get(key) if key is not None else None

    def on_contact_table_highlighted(self, message: ContactTable.Highlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        if not self.wide or not self.is_mounted:
            return
        contact = self.selected_contact()
        interactions, meetings = self.history(contact.id) if contact else ([], [])
        self._detail().show(contact, interactions, meetings, self.app.today())
