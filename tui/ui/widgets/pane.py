"""A planner pane and the invisible widget that holds the focus for it.

Textual repaints the whole widget that gains the focus and the whole one that
loses it, and a frame covers every line between the first and last change. If
the week view or the contact list took the focus, `1`/`2` would redraw half the
screen (~14 KB to the terminal, 2.4× a minimal app's key). So each pane's keys
go to a `PaneKeys`, a widget of no size inside the pane: the pane's bindings
(and those of any widget between them) act on it, and a pane key repaints only
the key line, where `KeyHints` names the pane the keys go to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.containers import Vertical
from textual.widget import Widget

if TYPE_CHECKING:
    from tui.ui.app import PrizeApp


class PaneKeys(Widget, can_focus=True):
    """Holds the focus for the pane (or clock) it is in; draws nothing."""

    DEFAULT_CSS = "PaneKeys { width: 0; height: 0; }"

    async def on_key(self, event: events.Key) -> None:
        """Run the key's binding here, where the key arrives.

        Textual runs a widget's bindings only once the key has gone up through
        every node to the app: three or four more message hops from here (the
        pane, the bottom row, the screen, the app), ~0.5 ms of each key. No node
        on the way handles keys itself (but for the screen's own escape, which
        ends a mouse selection: no pane binds escape), so the binding the app
        would run is the one the screen's active bindings name for the key, and
        it runs as the app would run it.
        Anything else goes Textual's way: no binding, a disabled one, a priority
        one the app already tried, and a key that came after the focus left or
        after another screen opened over this one (`r q` typed at once leaves
        the review, not the app).
        """
        if not self.screen.is_active or self.screen.focused is not self:
            return  # (the app hands it to where the focus is now: KeyRouting)
        found = self.screen.active_bindings.get(event.key)
        if found is None or not found.enabled or found.binding.priority:
            return
        if await self.app.run_action(found.binding.action, found.node):
            event.stop()
            event.prevent_default()

    def watch_has_focus(self, has_focus: bool) -> None:
        """Nothing: it has no size and no `:focus` style, so Textual's restyle on
        a focus change (~0.2 ms, twice per pane key) would change nothing."""


class Pane(Vertical):
    """One of the planner's panes. Its compose yields a `PaneKeys` where its keys act."""

    LABEL = ""  # what the key line calls the pane while its keys are active

    @property
    def prize(self) -> PrizeApp:
        """The app, typed: its repository to read, `apply` to change the data."""
        from tui.ui.app import prize

        return prize(self)

    @property
    def keys(self) -> PaneKeys:
        return self.query_one(PaneKeys)

    @staticmethod
    def holding(widget: Widget | None) -> Pane | None:
        """The pane `widget` is in (the one keys go to, for the focused widget)."""
        if widget is None:
            return None
        return next((node for node in widget.ancestors_with_self if isinstance(node, Pane)),
                    None)

    @property
    def active(self) -> bool:
        """Do keys go to this pane (to its PaneKeys, or to a field in it)?"""
        return Pane.holding(self.screen.focused) is self

    def activate(self) -> None:
        # At once, not after the queued keys (Widget.focus waits its turn): `2a`
        # typed in one burst adds a contact, not a block.
        self.screen.set_focus(self.keys, scroll_visible=False)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # Its lists cannot take the focus themselves: a click on one (or anywhere in
        # the pane but a field, which takes the focus itself) gives the pane its keys,
        # also from the search box, as a click on the list did when the list had focus.
        clicked = event.widget
        if self.screen.focused is not self.keys and not (clicked and clicked.focusable):
            self.activate()
