"""The widgets of the forms (`tui.ui.forms`).

`FormInput`, the one-line field: its editing keys act in the order they were typed,
it completes from a list (`→` takes the suggestion shown, `tab` takes it and moves on),
and a field with a fixed set of choices steps through them with `↑`/`↓`, listed
below it by `choice_line`. `DiscardQuestion`: "discard what you typed?".
"""

from __future__ import annotations

import asyncio
import contextlib

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static

CAUGHT_UP_TIMEOUT_S = 1.0  # a field always answers at once; this only bounds a stuck one


def completion(text: str, choices: tuple[str, ...]) -> str | None:
    """The first choice that starts with `text`, whatever the case (as Textual's
    `SuggestFromList` picks), or None."""
    folded = text.casefold()
    return next((choice for choice in choices if choice.casefold().startswith(folded)), None)


class CompleteFromList(Suggester):
    """What the field shows after the text: the same `completion` that `tab` takes."""

    def __init__(self, choices: tuple[str, ...]):
        super().__init__(case_sensitive=True)  # (`completion` folds the case itself)
        self.choices = choices

    async def get_suggestion(self, value: str) -> str | None:
        return completion(value, self.choices)


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

    class CaughtUp(Message, bubble=False):
        """Sent to the field itself: handled once every key sent to it before is in."""

        def __init__(self, done: asyncio.Future[None]):
            super().__init__()
            self.done = done

    def __init__(self, value: str, *, suggestions: tuple[str, ...] = (),
                 choices: tuple[str, ...] = (), **kwargs):
        suggestions = suggestions or choices
        super().__init__(value, suggester=CompleteFromList(suggestions) if suggestions else None,
                         **kwargs)
        self.suggestions, self.choices = suggestions, choices
        # Whether a suggestion shows: as in Textual's Input, from the first change of
        # the value after the field took the focus or all its text was selected.
        self.offering = False

    # -- the suggestion ------------------------------------------------------------

    def suggestion(self) -> str:
        """The completion shown after the text, which `tab` and `→` take; "" if none."""
        if not (self.offering and self.value and self.suggestions):
            return ""
        found = completion(self.value, self.suggestions)
        return found if found is not None and len(found) > len(self.value) else ""

    def take_suggestion(self) -> bool:
        """Put the suggestion shown in the field; False when none is shown."""
        found = self.suggestion()
        if found:
            self.value = found
            self.cursor_position = len(found)
        return bool(found)

    def watch_value(self, value: str) -> None:
        self.offering = True

    def on_focus(self, event: events.Focus) -> None:
        self.offering = False

    def select_all(self) -> None:
        super().select_all()
        self.offering = False

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self.take_suggestion():
            return
        super().action_cursor_right(select)

    # -- choices ----------------------------------------------------------------------

    def step_choice(self, step: int) -> None:
        """`↓` the next choice, `↑` the previous one (round the list); from text that is
        not a choice, the first it starts (or the first/last choice)."""
        folded = [choice.casefold() for choice in self.choices]
        typed = self.value.strip().casefold()
        if typed in folded:
            index = (folded.index(typed) + step) % len(self.choices)
        else:
            found = completion(self.value.strip(), self.choices) if typed else None
            index = self.choices.index(found) if found else (0 if step > 0 else -1)
        self.value = self.choices[index]
        self.cursor_position = len(self.value)

    # -- keys, in order ---------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # Input inserts it
        if self.choices and event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.step_choice(1 if event.key == "down" else -1)
            return
        for key in event.aliases:
            action = self.EDIT_KEYS.get(key)
            if action is not None:
                event.stop()
                event.prevent_default()
                await self.run_action(action)
                return

    async def caught_up(self) -> None:
        """Return once every key sent to this field so far is in it (it handles its
        messages in order, so a message sent now is handled after them)."""
        done = asyncio.get_running_loop().create_future()
        if not self.post_message(self.CaughtUp(done)):
            return  # closing: nothing more comes in
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done, CAUGHT_UP_TIMEOUT_S)

    def on_form_input_caught_up(self, message: CaughtUp) -> None:
        message.stop()
        if not message.done.done():
            message.done.set_result(None)


def choice_line(choices: tuple[str, ...], value: str) -> Content:
    """The choices as one line, the one in the field marked (not by colour alone)."""
    current = value.strip().casefold()
    parts = [(f"▸{c}", "bold $accent") if c.casefold() == current else c for c in choices]
    return Content.assemble("↑↓ ", *_joined(parts, " · "))


def _joined(parts: list, between: str) -> list:
    out: list = []
    for part in parts:
        out += [between, part] if out else [part]
    return out


class DiscardQuestion(Static, can_focus=True):
    """Asked when `escape` would drop what was typed: `escape` again or `y` drops it,
    any other key goes back to the field it came from."""

    QUESTION = "Discard what you typed?  escape or y: discard · any other key: back"

    def __init__(self) -> None:
        super().__init__(self.QUESTION, id="form-discard", markup=False)
        self.back_to: Widget | None = None

    @property
    def asking(self) -> bool:
        return self.has_class("-shown")

    def ask(self, back_to: Widget | None) -> None:
        self.back_to = back_to
        self.show(True)
        self.focus()

    def show(self, shown: bool) -> None:
        self.set_class(shown, "-shown")
        self.screen.set_class(shown, "-asking")  # (in place of the keys line)

    def go_back(self) -> None:
        self.show(False)
        if self.back_to is not None and self.back_to.is_attached:
            self.back_to.focus()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key in ("y", "Y"):
            self.screen.dismiss(None)
        else:
            self.go_back()

    def on_blur(self) -> None:
        self.show(False)  # a click elsewhere: back to the form
