"""A small form framework for the modal dialogs: labelled one-line fields,
errors shown beside the field, `ctrl+s` or `enter` on the last field saves,
`escape` cancels. Nothing is saved unless every field validates.

Keys act in the order they were typed, even when they arrive in one burst (a fast
typist, a paste, an app busy for a moment): `tab` and `enter` move to the next
field at once, so the next keys land there; each field runs its own editing keys
(backspace, arrows, ctrl+k…) when they reach it; and a save waits until every key
typed before it has reached its field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from tui.model.validation import ValidationError, printable

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    suggestions: tuple[str, ...] = ()
    help: str = ""


class FormInput(Input):
    """A one-line field whose editing keys act in the order they were typed.

    Textual inserts a printable key as soon as it reaches the Input but runs a bound
    key (backspace, arrows, ctrl+k…) only once it has bubbled up to the app, against
    whatever is focused then (Textualize/textual#6605): in a burst, `ab⌫c` gives `ab`
    instead of `ac`, and after a `tab` the backspace deletes in the next field. The
    Input's own bindings run here instead, when the key arrives; what runs is the same,
    since the focused Input comes first in the binding chain anyway.
    """

    EDIT_KEYS = {binding.key: binding.action for binding in Binding.make_bindings(Input.BINDINGS)}

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # Input inserts it
        for key in event.aliases:
            action = self.EDIT_KEYS.get(key)
            if action is not None:
                event.stop()
                event.prevent_default()
                await self.run_action(action)
                return


class FormFields(VerticalScroll, can_focus=False):
    """The fields, scrolled into view as they get the focus. Not focusable itself:
    `tab` from the last field goes round to the first, never to a container where
    the next keys typed would be lost."""


class FormScreen(ModalScreen[T], Generic[T]):
    """Subclasses set TITLE-like `form_title`, build `fields()`, and implement `build()`.

    `build(values)` turns the raw texts into the result or raises
    ValidationError({field: message}); the messages appear beside the fields.
    """

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormScreen VerticalScroll { height: auto; max-height: 100%; }
    FormScreen .row { height: auto; }
    FormScreen .row Label { width: 16; padding-top: 0; color: $text-muted; }
    FormScreen .row Input { width: 1fr; border: none; height: 1; padding: 0 1; background: $boost; }
    FormScreen .row Input:focus { background: $accent 25%; }
    FormScreen .error { color: $error; padding-left: 16; height: auto; display: none; }
    FormScreen .error.-shown { display: block; }
    FormScreen .help { color: $text-muted; padding-left: 16; height: auto; }
    FormScreen #form-keys { color: $text-muted; margin-top: 1; height: auto; }
    FormScreen #form-problem { color: $error; height: auto; display: none; }
    FormScreen #form-problem.-shown { display: block; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save_when_typed", "Save"),
        Binding("escape", "cancel", "Cancel"),
        # Priority bindings act in the order keys arrive: a fast typist's (or a
        # paste's) next keys go to the next field, not the one being left.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
        Binding("enter", "next_or_save", "Next / save", show=False, priority=True),
    ]
    form_title = "Form"
    AUTO_FOCUS = "Input"  # typing goes into the first field at once

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def build(self, values: dict[str, str]) -> T:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self._fields = self.fields()
        with Vertical() as box:
            title = self.form_title  # often holds user text (a channel, a name): literal
            box.border_title = title if isinstance(title, Content) else Content(printable(title))
            with FormFields():
                for field in self._fields:
                    with Horizontal(classes="row"):
                        yield Label(field.label, markup=False)
                        yield FormInput(
                            field.value,
                            placeholder=field.placeholder,
                            id=f"field-{field.name}",
                            suggester=SuggestFromList(field.suggestions, case_sensitive=False)
                            if field.suggestions
                            else None,
                            select_on_focus=True,  # typing replaces a prefilled value
                        )
                    if field.help:
                        yield Static(field.help, classes="help", markup=False)
                    yield Static("", classes="error", id=f"error-{field.name}", markup=False)
            yield Static("", id="form-problem", markup=False)
            yield Static(
                "tab/shift+tab move · ctrl+s or enter on the last field saves · escape cancels",
                id="form-keys",
            )

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self._fields}

    class Typed(Message):
        """Passed through every field in turn: when it is back, each field has taken
        every key sent to it before (a field handles its keys in order)."""

        def __init__(self, waiting: list[Input], then: Callable[[], None]):
            super().__init__()
            self.waiting, self.then = waiting, then

    def when_typed(self, then: Callable[[], None]) -> None:
        """Call `then` once the keys typed so far are in their fields (and the form is open)."""
        self._pass_on(list(self.query(Input)), then)

    def _pass_on(self, waiting: list[Input], then: Callable[[], None]) -> None:
        if self.app.screen is not self:
            return  # closed meanwhile (escape was typed first)
        if not waiting:
            then()
            return
        field, *rest = waiting
        field.post_message(self.Typed(rest, then))

    def on_form_screen_typed(self, message: Typed) -> None:
        message.stop()
        self._pass_on(message.waiting, message.then)

    def action_save_when_typed(self) -> None:
        """`ctrl+s`: save what was typed, including keys still on their way to a field."""
        self.when_typed(self.action_save)

    def action_next_or_save(self) -> None:
        """`enter` moves to the next field; on the last one it submits.

        A priority key: it acts as soon as it arrives, before the keys typed just
        ahead of it have reached their field, so the submit waits for them."""
        inputs = list(self.query(Input))
        if not inputs or self.focused is inputs[-1] or self.focused not in inputs:
            self.when_typed(self.submit)
        else:
            self.focus_next()

    def submit(self) -> None:
        """What `enter` on the last field does; a form with a second step overrides it."""
        self.action_save()

    def action_save(self) -> None:
        for error in self.query(".error"):
            error.update("")
            error.remove_class("-shown")
        problem = self.query_one("#form-problem", Static)
        problem.remove_class("-shown")
        try:
            result = self.build(self.values())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.dismiss(result)

    def show_errors(self, errors: dict[str, Any]) -> None:
        for name, message in errors.items():
            matches = self.query(f"#error-{name}")
            if matches:
                matches.first().update(f"↑ {message}")
                matches.first().add_class("-shown")
            else:
                problem = self.query_one("#form-problem", Static)
                problem.update(f"✗ {message}")
                problem.add_class("-shown")
        # The topmost bad field, whatever order the checks ran in.
        first = next((f.name for f in self._fields if f.name in errors), None)
        if first:
            self.query_one(f"#field-{first}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Close the form once: keys already on their way when it closed (a second
        `enter`, an `n` in the outcome form) must not close the screen under it."""
        if self.app.screen is not self:
            return AwaitComplete()
        return super().dismiss(result)
