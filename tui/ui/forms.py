"""A small form framework for the modal dialogs: labelled one-line fields,
errors shown beside the field, `ctrl+s` or `enter` on the last field saves,
`escape` cancels. Nothing is saved unless every field validates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from tui.model.validation import ValidationError

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    suggestions: tuple[str, ...] = ()
    help: str = ""


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
        Binding("ctrl+s", "save", "Save"),
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
            box.border_title = self.form_title
            with VerticalScroll():
                for field in self._fields:
                    with Horizontal(classes="row"):
                        yield Label(field.label, markup=False)
                        yield Input(
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

    def action_next_or_save(self) -> None:
        """`enter` moves to the next field; on the last one it submits."""
        inputs = list(self.query(Input))
        if not inputs or self.focused is inputs[-1] or self.focused not in inputs:
            self.submit()
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
        first = None
        for name, message in errors.items():
            matches = self.query(f"#error-{name}")
            if matches:
                matches.first().update(f"↑ {message}")
                matches.first().add_class("-shown")
                first = first or name
            else:
                problem = self.query_one("#form-problem", Static)
                problem.update(f"✗ {message}")
                problem.add_class("-shown")
        if first:
            self.query_one(f"#field-{first}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
