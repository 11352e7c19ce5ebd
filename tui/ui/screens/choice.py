"""A small question with a few one-key answers, e.g. "this one or the whole series?"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ChoiceScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: 60; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    ChoiceScreen .keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "choose('')", "Cancel")]

    def __init__(self, question: str, choices: dict[str, str]):
        """`choices` maps a key (one letter) to its label."""
        super().__init__()
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            keys = "   ".join(f"{k}  {label}" for k, label in self.choices.items())
            yield Static(f"{keys}   escape  cancel", classes="keys", markup=False)

    def on_key(self, event) -> None:
        if event.key in self.choices:
            event.stop()
            self.dismiss(event.key)

    def action_choose(self, key: str) -> None:
        self.dismiss(key or None)

    def dismiss(self, result: str | None = None) -> AwaitComplete:
        """Close once, and only while on top: an answer typed just before ctrl+p
        must not close the palette opened over it."""
        if self.app.screen is not self:
            return AwaitComplete()
        return super().dismiss(result)
