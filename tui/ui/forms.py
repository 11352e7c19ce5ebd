"""A small form framework for the modal dialogs: labelled one-line fields,
errors shown beside the field, `ctrl+s` or `enter` on the last field saves,
`escape` cancels (asking first when something was typed). Nothing is saved unless
every field validates. The field itself is `tui.ui.form_input.FormInput`.

Keys act in the order they were typed, even when they arrive in one burst (a fast
typist, a paste, an app busy for a moment): `tab` and `enter` move to the next
field at once, so the next keys land there; each field runs its own editing keys
(backspace, arrows, ctrl+k…) when they reach it; and a save waits until every key
typed before it has reached its field. `tab` in a field with suggestions and
`escape` decide from what the fields hold, so they first wait (holding the keys
after them) until the keys typed before them are in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.model.validation import ValidationError, printable
from tui.ui.form_widgets import DiscardQuestion, FormInput, choice_line

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    """One line of a form. `suggestions` complete what is typed (`tab` or `→` takes
    one); `choices` are the only answers, listed below the field, `↑`/`↓` step
    through them."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    suggestions: tuple[str, ...] = ()
    help: str = ""
    choices: tuple[str, ...] = ()


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
    /* At the bottom whatever the fields' height: a long form scrolls above them. */
    FormScreen #form-keys { color: $text-muted; margin-top: 1; height: auto; dock: bottom; }
    FormScreen #form-problem { color: $error; height: auto; display: none; }
    FormScreen #form-problem.-shown { display: block; }
    FormScreen #form-discard {
        display: none; height: auto; margin-top: 1; padding: 0 1; dock: bottom;
        background: $warning 20%; color: $text;
    }
    FormScreen #form-discard.-shown { display: block; }
    FormScreen.-asking #form-keys { display: none; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save_when_typed", "Save"),
        # Priority bindings act in the order keys arrive: a fast typist's (or a
        # paste's) next keys go to the next field, not the one being left.
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("tab", "next_field", "Next field", show=False, priority=True),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True),
        Binding("enter", "next_or_save", "Next / save", show=False, priority=True),
    ]
    form_title = "Form"
    AUTO_FOCUS = "Input"  # typing goes into the first field at once
    ASK_BEFORE_DISCARD = True  # `escape` on a form with changes asks first

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
                            suggestions=field.suggestions,
                            choices=field.choices,
                            select_on_focus=True,  # typing replaces a prefilled value
                        )
                    if field.choices:
                        yield Static(choice_line(field.choices, field.value), classes="help",
                                     id=f"choices-{field.name}")
                    if field.help:
                        yield Static(field.help, classes="help", markup=False)
                    yield Static("", classes="error", id=f"error-{field.name}", markup=False)
            yield Static("", id="form-problem", markup=False)
            yield DiscardQuestion()
            yield Static(
                "tab/shift+tab move · ctrl+s or enter on the last field saves · escape cancels",
                id="form-keys",
            )

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self._fields}

    @property
    def changed(self) -> bool:
        """Whether any field holds other than what the form opened with."""
        return self.values() != {f.name: f.value for f in self._fields}

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if isinstance(event.input, FormInput) and event.input.choices:
            for line in self.query(f"#choices-{name}").results(Static):
                line.update(choice_line(event.input.choices, event.value))

    async def typed_in(self) -> None:
        """Return once every key typed so far is in its field. Awaited by a priority
        key's action, it holds the keys after it at the app until then."""
        await asyncio.gather(*(field.caught_up() for field in self.query(FormInput)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the discard question is asked, tab, shift+tab and enter are "any
        # other key": they reach the question, which goes back to the form.
        if action in ("next_field", "previous_field", "next_or_save"):
            return not any(q.asking for q in self.query(DiscardQuestion))
        return True

    def action_previous_field(self) -> None:
        self.focus_previous()

    async def action_next_field(self) -> None:
        """`tab` takes the suggestion shown after the text and moves to the next field
        (a person who typed "Link" and `tab` goes on typing the next field; `→` takes
        it and stays). It decides from what the field holds once the keys typed before
        it are in, so a burst acts as typed."""
        field = self.focused
        if isinstance(field, FormInput) and field.suggestions:
            await field.caught_up()
            if self.app.screen is not self:
                return
            if self.focused is field:
                field.take_suggestion()
        self.focus_next()

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

    async def action_cancel(self) -> None:
        """`escape`: close at once when nothing was typed; otherwise ask first
        (escape again or `y` discards). What was typed counts once it is in."""
        question = self.query_one(DiscardQuestion)
        if question.asking:
            self.dismiss(None)
            return
        await self.typed_in()
        if self.app.screen is not self:
            return
        if self.ASK_BEFORE_DISCARD and self.changed:
            question.ask(self.focused)
        else:
            self.dismiss(None)

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Close the form once: keys already on their way when it closed (a second
        `enter`, an `n` in the outcome form) must not close the screen under it."""
        if self.app.screen is not self:
            return AwaitComplete()
        return super().dismiss(result)
