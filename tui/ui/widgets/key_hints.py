"""The bottom line: the pane the keys go to, then the keys that act now (that
pane's, then the screen's and the app's).

Textual's Footer recomposes on every focus change: ~19 FooterKey widgets
mounted and styled, then a relayout and a full redraw, for each `1`/`2`/`3`.
This is one widget, one line high, that draws the same hints as one line of
text: a focus change repaints that line and nothing else. A click on a hint
runs its action. Its look (Footer's theme variables) is in styles/app.tcss.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget

from tui.ui.widgets.pane import Pane

GAP = " "  # between two hints, as in the compact Footer
KEPT_LINES = 16  # lines drawn before, kept to be shown again (the panes', hovers)
MORE = "…"  # where hints were left out for want of room
PALETTE_BAR = "▏"  # sets the command palette key apart, at the right end


class Hint(NamedTuple):
    key: str  # as bound, e.g. "question_mark"
    key_display: str  # as shown, e.g. "?"
    description: str
    action: str
    node: DOMNode  # where the binding is defined: the action runs there
    enabled: bool
    tooltip: str


class Placed(NamedTuple):
    start: int  # first cell of the hint on the line
    end: int  # one past its last cell
    hint: Hint


def gather_hints(screen: Screen) -> tuple[tuple[Hint, ...], Hint | None]:
    """The hints to show, in binding-chain order, and the command palette's (or None).

    As Textual's Footer: bindings with `show`, one hint per action (its first
    key), the palette key apart.
    """
    app = screen.app
    bindings = screen.active_bindings
    hints: list[Hint] = []
    actions: set[str] = set()
    for key, (node, binding, enabled, tooltip) in bindings.items():
        if not binding.show or binding.action in actions:
            continue
        actions.add(binding.action)
        hints.append(Hint(key, app.get_key_display(binding), binding.description,
                          binding.action, node, enabled, tooltip or binding.description))
    palette = None
    if app.ENABLE_COMMAND_PALETTE and (found := bindings.get(app.COMMAND_PALETTE_BINDING)):
        node, binding, enabled, tooltip = found
        palette = Hint(app.COMMAND_PALETTE_BINDING, app.get_key_display(binding),
                       binding.description, binding.action, node, enabled,
                       tooltip or binding.tooltip or binding.description)
    return tuple(hints), palette


def active_pane_label(screen: Screen) -> str:
    """The label of the pane the keys go to ("" if none: the review, the timer)."""
    pane = Pane.holding(screen.focused)
    return pane.LABEL if pane is not None else ""


def hint_width(hint: Hint) -> int:
    return cell_len(hint.key_display) + (1 + cell_len(hint.description) if hint.description else 0)


def fit_hints(hints: tuple[Hint, ...], width: int) -> list[Hint | None]:
    """The hints that fit in `width` cells, with None where some were left out.

    Whole hints go, from the right, the pane's and screen's first: the app's
    (Quit, Help) stay longest, as Help lists every key that did not fit.
    """
    kept = list(hints)

    def line_width() -> int:
        cut = len(MORE) + len(GAP) if len(kept) < len(hints) else 0
        return sum(hint_width(h) + len(GAP) for h in kept) + cut

    while kept and line_width() > width:
        own = [i for i, h in enumerate(kept) if not isinstance(h.node, App)]
        del kept[own[-1] if own else -1]
    if len(kept) == len(hints):
        return kept
    # Every hint before the first one left out was kept, so it is there in both lists.
    cut = next(i for i, hint in enumerate(hints) if hint not in kept)
    return [*kept[:cut], None, *kept[cut:]]


class KeyHints(Widget, can_focus=False):
    """The active key bindings on one line; click a hint to run it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-hints--pane",
        "key-hints--key",
        "key-hints--description",
        "key-hints--disabled",
        "key-hints--hover",
        "key-hints--bar",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._hints: tuple[Hint, ...] | None = None  # read at first render, then on each change
        self._palette: Hint | None = None
        self._pane = ""  # the active pane's label, shown first
        self._placed: list[Placed] = []  # where the last render put each hint, for the mouse
        self._hover: Hint | None = None
        self._drawn: dict[tuple, tuple[Strip, list[Placed]]] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # While the terminal is in the background the app blurs its focus: keep
        # the line as it was, as Footer does, rather than show the app's keys only.
        if not self.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        hints, palette = gather_hints(screen)
        pane = active_pane_label(screen)
        if (hints, palette, pane) != (self._hints, self._palette, self._pane):
            self._hints, self._palette, self._pane = hints, palette, pane
            self.refresh()  # the same one line: a repaint, never a relayout

    @property
    def hints(self) -> tuple[Hint, ...]:
        """What the line shows (or would, given the room), left to right, palette apart."""
        if self._hints is None:
            self._hints, self._palette = gather_hints(self.screen)
            self._pane = active_pane_label(self.screen)
        return self._hints

    @property
    def pane(self) -> str:
        """The label of the pane the keys go to, shown at the left ("" for none)."""
        return self._pane if self._hints is not None else active_pane_label(self.screen)

    def _styles(self) -> dict[str, Style]:
        return {part: self.get_visual_style(f"key-hints--{part}", partial=True)
                for part in ("pane", "key", "description", "disabled", "hover", "bar")}

    def render_line(self, y: int) -> Strip:
        # A pane key changes this line back to one it showed before: drawing it
        # from text again was ~0.4 ms of each `1`/`2`/`3`, a third of the key.
        hints = self.hints  # (first, so the state below is read)
        state = (self._pane, hints, self._palette, self._hover, self.size,
                 self.visual_style, *self._styles().values())
        if (found := self._drawn.get(state)) is None:
            width = self.size.width
            drawn = Visual.to_strips(self, self.render(), width, 1, self.visual_style)
            line = drawn[0] if drawn else Strip.blank(width, self.visual_style.rich_style)
            if len(self._drawn) >= KEPT_LINES:
                self._drawn.clear()
            found = self._drawn[state] = (line, self._placed)
        line, self._placed = found
        return line

    def render(self) -> Content:
        hints = self.hints
        width = self.size.width
        styles = self._styles()
        palette = self._palette
        right = Content()
        if palette is not None:
            right = Content.assemble((PALETTE_BAR, styles["bar"]), self._hint_text(palette, styles),
                                     GAP)  # one cell short of the edge, as Footer had it
        placed: list[Placed] = []
        parts: list[Content | str] = []
        x = 0
        if self._pane:
            label = Content.styled(f" {self._pane} ", styles["pane"])
            parts += [label, GAP]
            x = label.cell_length + len(GAP)
        for hint in fit_hints(hints, width - right.cell_length - x):
            text = self._hint_text(hint, styles) if hint else Content(MORE)
            if hint:
                placed.append(Placed(x, x + text.cell_length, hint))
            parts += [text, GAP]
            x += text.cell_length + len(GAP)
        if palette is not None and x + right.cell_length <= width:
            start = width - right.cell_length
            parts += [" " * (start - x), right]
            placed.append(Placed(start + len(PALETTE_BAR), width - len(GAP), palette))
        self._placed = placed
        return Content.assemble(*parts).truncate(width)

    def _hint_text(self, hint: Hint, styles: dict[str, Style]) -> Content:
        description = f" {hint.description}" if hint.description else ""
        text = Content.assemble((hint.key_display, styles["key"]),
                                (description, styles["description"]))
        if not hint.enabled:
            text = text.stylize(styles["disabled"])
        if hint == self._hover:
            text = text.stylize_before(styles["hover"])
        return text

    def hint_at(self, x: int) -> Hint | None:
        """The hint drawn at cell `x` of the line, if any."""
        for place in self._placed:
            if place.start <= x < place.end:
                return place.hint
        return None

    async def on_click(self, event: events.Click) -> None:
        hint = self.hint_at(event.x)
        if hint is None:
            return
        event.stop()
        if not hint.enabled:
            self.app.bell()
            return
        # The binding shown, run where it is defined, as its key would run it.
        await self.app.run_action(hint.action, hint.node)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_over(self.hint_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_over(None)

    def _hover_over(self, hint: Hint | None) -> None:
        if hint != self._hover:
            self._hover = hint
            self.tooltip = hint.tooltip if hint else None
            self.refresh()
