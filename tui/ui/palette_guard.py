"""The command palette, kept from ending the app on a page key (Textual 8.2.8).

Textual's `OptionList.action_page_down` / `action_page_up` look the highlighted
option up in a table of lines (`OptionList._move_page`) that the list fills only
while it has room on screen. The command palette fills its list from a worker and
highlights the first command at once; until the next layout (a 60th of a second
later) the list still has the height of the empty list it was, none. A page key
in that moment (`ctrl+p` then `pagedown` at once; typing that turns a search with
no matches into one with some) raised `KeyError: 0` out of `_move_page` and ended
the app; in a terminal too short to show a line of the list (4 rows) every page
key did. The same fault of `action_page_down` was reported against Textual's
Select overlay in kagan-sh/kagan-legacy#31 ("KeyError crash in action_page
OptionsList"); none against Textual itself was found.

Second, `enter enter` typed at once (a double tap) selected the highlighted
command twice: each enter's Input.Submitted selects it (OptionSelected), and each
selection dismisses the palette. `Screen.dismiss` pops whatever screen is on top
(Textual 8.2.8 does not check that it is the palette; cf. Textualize/textual#2575,
"Screen.dismiss should error if not the top-most screen"), so the second one closed
the screen under the palette, or, on the planner alone, raised ScreenStackError
("Can't pop screen"); and the command ran twice.

`GuardedCommandPalette` binds the page keys to an action that pages only when the
list has room, and otherwise once more after the next refresh (by then it has); and
it drops a selection that reaches it once it is no longer the screen on top (it
was dismissed). `GuardedPalettes`, mixed into the app before `App`, opens it
wherever Textual opens its own palette (ctrl+p, the theme search, `search_commands`).
Nor does it open once the app has begun to exit (see `GuardedPalettes`).
Only public Textual API: `CommandList` (the palette's list), its public actions,
message handlers and `Message.prevent_default` (which keeps the palette's own
handlers, in the base class, from running).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandListItem, CommandPalette, SimpleProvider
from textual.message import Message
from textual.theme import ThemeProvider
from textual.widget import AwaitMount
from textual.widgets import Button, Input, OptionList

if TYPE_CHECKING:
    from textual.app import App


class GuardedCommandPalette(CommandPalette):
    """Textual's command palette whose page keys wait for the list to have room, and
    which is dismissed once only."""

    # Same keys as CommandPalette's own page bindings: a subclass's binding of a key
    # replaces its base's.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page_commands(1)", "Next page", show=False),
        Binding("pageup", "page_commands(-1)", "Previous page", show=False),
    ]

    def action_page_commands(self, direction: int) -> None:
        """Move the highlight a page down (1) or up (-1) once the list can show it."""
        commands = self.query_one(CommandList)
        if commands.highlighted is not None and not commands.scrollable_content_region:
            # Options but no room yet: the table the page move reads is empty.
            commands.call_after_refresh(self.page_when_laid_out, direction)
            return
        page_commands(commands, direction)

    @on(OptionList.OptionSelected)
    @on(Input.Submitted)
    @on(Button.Pressed)
    def drop_once_closed(self, event: Message) -> None:
        """A selection after the palette closed (the second `enter` of two) is dropped:
        the palette's own handlers would dismiss again, so close the screen under it,
        and run the command again."""
        if not self.is_current:
            event.prevent_default()  # (the base class's handlers do not run)
            event.stop()

    def page_when_laid_out(self, direction: int) -> None:
        if not self.is_current:
            return  # the palette closed meanwhile
        commands = self.query_one(CommandList)
        if commands.highlighted is not None and not commands.scrollable_content_region:
            return  # still no room (a terminal a few rows high): a page of nothing
        page_commands(commands, direction)


def page_commands(commands: CommandList, direction: int) -> None:
    if direction > 0:
        commands.action_page_down()
    else:
        commands.action_page_up()


def closing(app: App[object]) -> bool:
    """Has the app begun to exit (`App.exit` sets the return code at once)?"""
    return app.return_code is not None


class GuardedPalettes:
    """Mixed into the App (before `App`): every palette Textual would open is guarded.

    The three methods are Textual 8.2.8's own (textual/app.py), with the guarded class,
    and none opens a palette once the app has begun to exit: `ctrl+q ctrl+p` typed at
    once (both priority keys, handled in turn) pushed one as the app closed, Textual
    composed nothing in it (Widget.mount_compose, while exiting), and its worker's
    `query_one(CommandList)` failed: NoMatches, a traceback instead of a clean exit.
    """

    def action_command_palette(self) -> None:
        app = cast("App[object]", self)
        if app.use_command_palette and not CommandPalette.is_open(app) and not closing(app):
            app.push_screen(GuardedCommandPalette(id="--command-palette"))

    def search_commands(
        self,
        commands: Sequence[CommandListItem],
        placeholder: str = "Search for commands…",
    ) -> AwaitMount:
        app = cast("App[object]", self)
        if closing(app):
            return AwaitMount(app.screen, [])
        return app.push_screen(
            GuardedCommandPalette(
                providers=[SimpleProvider(app.screen, commands)],
                placeholder=placeholder,
            )
        )

    def search_themes(self) -> None:
        app = cast("App[object]", self)
        if not closing(app):
            app.push_screen(
                GuardedCommandPalette(providers=[ThemeProvider],
                                      placeholder="Search for themes…")
            )
