"""Painting lines of (text, style) pieces straight to strips, for the widgets a
week key repaints (the week view, the top bar).

Through `Content` and `Visual.to_strips` a line cost ~10× more, and a new week
repaints every line of the pane. Strips are kept per line: a line whose pieces
are the same as last painted keeps its strip, and `changed` tells the widget
which lines it need not repaint at all.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget

# (text, style) pieces; a style as in "bold $accent", or ".name" for a component class
Line = tuple[tuple[str, str], ...]
PAD = "pad"  # the style of the blank after a line's text


class LinePainter:
    def __init__(self, widget: Widget, pad: bool = True):
        self._widget = widget
        self._pad = pad  # else Textual pads the line (with the background only)
        self._strips: dict[int, tuple[Line, Strip]] = {}  # line → (its pieces, its strip)
        self._styles: dict[tuple[str, int, int], RichStyle] = {}  # (style, x, y) → style
        self._key: tuple | None = None  # (width, style, selection) of the strips
        self._selecting = False

    def strip(self, y: int, line: Line | Strip, width: int) -> Strip:
        """Line `y` as a strip `width` cells wide (an already painted strip as it is)."""
        if isinstance(line, Strip):
            return line
        self._check(width)
        cached = self._strips.get(y)
        if cached is None or cached[0] != line:
            cached = self._strips[y] = (line, self._paint(line, y, width))
        return cached[1]

    def changed(self, y: int, line: Line | Strip, width: int) -> bool:
        """Would line `y` look different from what was painted there last?"""
        self._check(width)
        cached = self._strips.get(y)
        return cached is None or isinstance(line, Strip) or cached[0] != line

    def _check(self, width: int) -> None:
        widget = self._widget
        selection = widget.text_selection
        key = (width, widget.visual_style, selection)
        if key != self._key:
            self._strips.clear()
            self._styles.clear()
            self._key, self._selecting = key, selection is not None

    def _paint(self, line: Line, y: int, width: int) -> Strip:
        cells = sum(cell_len(text) for text, _ in line)
        if self._selecting or cells > width:
            # Textual draws the selection; a line too long is cut at a word, as it was
            widget = self._widget
            strips = Visual.to_strips(widget, Content.assemble(*line), width, 1,
                                      widget.visual_style, pad=self._pad)
            return strips[0] if strips else Strip.blank(width)
        segments, x = [], 0
        for text, name in line:
            if text:
                segments.append(Segment(text, self._style(name, x, y)))
                x += len(text)
        if cells < width and self._pad:  # padded as Visual.to_strips pads
            segments.append(Segment(" " * (width - cells), self._style(PAD, 0, 0)))
        return Strip(segments, width if self._pad else cells)

    def _style(self, name: str, x: int, y: int) -> RichStyle:
        """The widget's style with `name` over it, and the offset that lets a mouse
        selection find the text; kept, as the lines of the next week have the
        same offsets."""
        if (found := self._styles.get((name, x, y))) is None:
            widget = self._widget
            base = widget.visual_style
            if name == PAD:
                found = (base + Style(reverse=False)).rich_style
            elif name.startswith("."):  # as CSS resolves it (a colour like $text-muted)
                found = widget.get_visual_style(name[1:]).rich_style_with_offset(x, y)
            else:
                found = (base + Style.parse(name) if name else base).rich_style_with_offset(x, y)
            if len(self._styles) > 4096:  # a very tall week scrolled through
                self._styles.clear()
            self._styles[(name, x, y)] = found
        return found
