"""Input as a terminal sends it, for the random-input test and its regressions."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.command import CommandList, CommandPalette
from textual.errors import NoWidget
from textual.keys import KEY_TO_UNICODE_NAME, REPLACED_KEYS


def character(key: str) -> str | None:
    """The character of a key as `pilot.press` gives it (what a terminal sends)."""
    name = REPLACED_KEYS.get(key, key)
    try:
        return unicodedata.lookup(KEY_TO_UNICODE_NAME.get(name, name))
    except KeyError:
        return key if len(key) == 1 else None


def burst(app, *keys: str) -> None:
    """Keys typed at once (a fast typist, a busy moment): all queued before the first
    is handled, as the driver posts them; `pilot.press` waits after each key."""
    for key in keys:
        app.post_message(events.Key(key, character(key)))


async def click(pilot, app, x: int, y: int, times: int = 1) -> None:
    """Click at (x, y) on the screen as a terminal's click arrives: on the widget there.

    (`pilot.click(offset=...)` alone aims at the screen, and the Click it sends names
    the screen as its widget, where App.on_event names the widget under the mouse; a
    widget's own click handling, as Textual's select-all on a double click, checks
    `event.widget is self` and would never run.)"""
    try:
        under, _ = app.get_widget_at(x, y)
    except NoWidget:  # (between two screens nothing is laid out there: the click is lost)
        return
    await pilot.click(under, offset=(x - under.region.x, y - under.region.y), times=times)


async def listed_commands(pilot, app) -> CommandList:
    """Wait until the open palette lists its commands (a worker fills the list)."""
    for _ in range(100):
        await pilot.pause()
        if isinstance(app.screen, CommandPalette):
            commands = app.screen.query_one(CommandList)
            if commands.option_count:
                return commands
    raise AssertionError("the command palette listed no commands")


async def save_form(pilot, app) -> None:
    """`ctrl+s` in a form, then wait until its edit is applied and saved."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
