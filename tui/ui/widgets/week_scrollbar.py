"""The week view's scrollbar, cheap to update when a new week changes its height.

Textual repaints the whole bar when its virtual size changes, through Rich
(~1.4 ms for twenty rows at 10k contacts: as much as painting the week
itself). Here only the rows whose glyph changes are repainted, and the bar is
drawn as a Textual `Visual` (the public `ScrollBar.renderer` hook), the same
glyphs and colours without going through a Rich console.
"""

from __future__ import annotations

from math import ceil

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class StripScrollBarRender(ScrollBarRender, Visual):
    """A vertical `ScrollBarRender` that renders straight to strips."""

    # The rows of a bar are a few kinds (track, thumb, the thumb's two ends):
    # their strips are shared, as a strip costs more to make than to look up.
    _strips: dict[tuple, Strip] = {}

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        colours = RichStyle.parse(self.style) if isinstance(self.style, str) else self.style
        bar = self.render_bar(
            size=height or 0, virtual_size=self.virtual_size, window_size=self.window_size,
            position=self.position, vertical=True, thickness=width,
            back_color=colours.bgcolor or Color.parse("#555555"),  # ScrollBarRender's defaults
            bar_color=colours.color or Color.parse("bright_magenta"),
        )
        base = style.rich_style  # under each row, as Textual lays it under a Rich render
        strips = self._strips
        if len(strips) > 64:
            strips.clear()
        return [strips.get((row, base)) or strips.setdefault(
                    (row, base), Strip([Segment(row.text, base + row.style if base else row.style)],
                                       width))
                for row in bar.segments]

    # A scrollbar is sized by its widget's layout; these are never asked.
    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.thickness

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


def set_thumb(bar: ScrollBar, virtual_height: int) -> None:
    """Give a vertical scrollbar a new virtual height, repainting only the rows
    whose glyph changes (a new week moves the thumb by a few rows)."""
    before = _bar_rows(bar, bar.window_virtual_size)
    bar.set_reactive(ScrollBar.window_virtual_size, virtual_height)
    after = _bar_rows(bar, virtual_height)
    width, height = bar.size
    # (render_bar gives more rows than the bar has when the thumb is past its end:
    # a shorter week, before the scroll is clamped to it)
    changed = [Region(0, y, width, 1) for y in range(height)
               if y >= min(len(before), len(after)) or before[y] != after[y]]
    if changed:
        bar.refresh(*changed)


def _bar_rows(bar: ScrollBar, virtual_height: int) -> list[Segment]:
    """The rows of the bar as `ScrollBar` draws them (with the same arguments)."""
    window = bar.window_size if bar.window_size < virtual_height else 0
    return list(ScrollBarRender.render_bar(
        size=bar.size.height, virtual_size=ceil(virtual_height), window_size=ceil(window),
        position=bar.position, thickness=bar.size.width, vertical=True,
    ).segments)
