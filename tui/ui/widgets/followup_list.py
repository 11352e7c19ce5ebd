"""The review's follow-ups: overdue and due people, acted on right there (l, m, f, v, e)."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model.contacts import Contact
from tui.model.validation import printable
from tui.ui.widgets.contact_actions import ContactActions

KEYS = {"e", "l", "m", "f", "v", "s"}


class FollowUpList(ContactActions, OptionList):
    """One line per contact due, most overdue first; the contact keys work on it."""

    DEFAULT_CSS = """
    FollowUpList, FollowUpList:focus { height: auto; max-height: 10; border: none; }
    """
    SHOWN = 30  # contacts listed: the most overdue of 1,500 at 10k are the ones to act on
    BINDINGS = [
        b for b in ContactActions.ACTION_BINDINGS
        if set(b.key.split(",")) & KEYS
    ] + [Binding("enter", "log", "Log", show=False)]

    def show(self, overdue: list[tuple[date, int]], due: list[tuple[date, int]],
             today: date, limit: int = SHOWN) -> None:
        """(follow-up date, contact id) pairs: the first `limit` are read and shown."""
        highlighted = self.highlighted
        fields_of = self.prize.repo.contacts.fields_of
        options = []
        for when, key in [*due, *overdue][:limit]:
            found = fields_of(key, ("name", "company"))
            if found is None:
                continue
            name, company = found
            tag = "* today  " if when == today else f"! {(today - when).days}d late"
            company = f" · {printable(company)}" if company else ""
            options.append(Option(Content(f"{tag}  {printable(name)}{company}"), id=str(key)))
        # All at once: one at a time, each laid the list out again (~8 ms for 30).
        self.set_options(options or [
            Option("Nobody is due. Pick a target and reach out.", disabled=True)])
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    def selected_contact(self) -> Contact | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.prize.repo.contacts.get(int(option.id)) if option.id else None
