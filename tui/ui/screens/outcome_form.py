"""What came of a focus session: contacts reached, replies, meetings booked, a note."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tui.model.focus_records import NOTHING, validate_outcome
from tui.ui.forms import Field, FormScreen

COUNTS = ("contacts", "replies", "meetings")


class OutcomeForm(FormScreen[dict]):
    """Dismisses with the outcome dict, `{}` for "nothing came of it", or None (escape).

    `n` in a count field (which only takes digits) or `ctrl+n` anywhere answers
    "nothing came of it" at once.
    """

    BINDINGS = [
        Binding("ctrl+n", "nothing", "Nothing came of it",
                tooltip="Nothing came of this session (n in a count field does the same)"),
    ]

    def __init__(self, title: str, *, escape_hint: str = "escape keeps it running"):
        super().__init__()
        self.form_title = title
        self.escape_hint = escape_hint

    def fields(self) -> list[Field]:
        return [
            Field("contacts", "Contacts reached", "", "0"),
            Field("replies", "Replies", "", "0"),
            Field("meetings", "Meetings booked", "", "0",
                  help="Nothing came of it? Type n in a number, or press ctrl+n. "
                       f"{self.escape_hint[:1].upper()}{self.escape_hint[1:]}."),
            Field("note", "Note", "", "one line (optional)"),
        ]

    def build(self, values: dict[str, str]) -> dict:
        return validate_outcome(values["contacts"], values["replies"], values["meetings"],
                                values["note"])

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in COUNTS and event.value.strip().lower() == "n":
            event.stop()
            self.action_nothing()

    def action_nothing(self) -> None:
        self.dismiss(dict(NOTHING))
