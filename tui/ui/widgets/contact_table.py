"""A virtual contact list: only the visible rows are rendered, so 10,000 cost as little as 40.

Textual's DataTable builds every row up front (~1 s for 10k); this Line-API
widget renders each visible line on demand. Even the text of a row is asked
for only when it shows (`cells_of`): 10k rows of cell strings would take ~6 MiB.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from rich.cells import set_cell_size
from rich.segment import Segment
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model.validation import printable


class Column(NamedTuple):
    title: str
    cell: int  # index of the row cell this column shows
    width: int  # 0 = share what is left
    min_width: int = 4


class Row(NamedTuple):
    key: int
    cells: tuple[str, ...]


class ContactTable(ScrollView, can_focus=False):
    """The list; its keys (`KEYS`) are bound by the pane that holds it, as it
    never takes the focus (pane.py says why)."""

    DEFAULT_CSS = """
    ContactTable { height: 1fr; overflow-x: hidden; }
    ContactTable > .contact-table--header { text-style: bold; background: $panel; }
    ContactTable > .contact-table--cursor { background: $accent; color: $text; text-style: bold; }
    """
    COMPONENT_CLASSES = {"contact-table--header", "contact-table--cursor"}
    # Bound by the holder to its own move/page/jump, which call these.
    KEYS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, key: int | None):
            super().__init__()
            self.key = key

    def __init__(self, columns: list[Column], tiers: list[tuple[int, list[Column]]] = (),
                 **kwargs):
        """`tiers`: (least width, columns), widest first; the first that fits is shown."""
        super().__init__(**kwargs)
        self.columns = columns
        self.tiers = list(tiers)
        self.rows: Sequence[Any] = []  # anything with a `key`; Row by default
        # The text of a row, asked for when it shows (a few dozen rows at a time).
        self.cells_of: Callable[[Any], tuple[str, ...]] = lambda row: row.cells
        self._cells: LRUCache[int, tuple[str, ...]] = LRUCache(256)
        self.empty_text = "No contacts yet: press a to add one, or i to import."

    def row_cells(self, row: Any) -> tuple[str, ...]:
        cells = self._cells.get(row.key)
        if cells is None:
            cells = self.cells_of(row)
            self._cells.set(row.key, cells)
        return cells

    def set_rows(self, rows: Sequence[Any], keep_key: int | None = None) -> None:
        self.rows = rows
        self._cells.clear()  # the data may have changed under the same keys
        index = 0
        if keep_key is not None:
            index = next((i for i, r in enumerate(rows) if r.key == keep_key), 0)
        self.virtual_size = Size(0, len(rows) + 1)
        self.cursor = min(index, max(len(rows) - 1, 0))
        self.refresh()

    def on_resize(self) -> None:
        width = self.size.width
        wanted = next((cols for least, cols in self.tiers if width >= least), self.columns)
        if wanted is not self.columns:
            self.columns = wanted
            self.refresh()

    @property
    def selected_key(self) -> int | None:
        return self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None

    def move(self, delta: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + delta))

    def page(self, direction: int) -> None:
        self.move(direction * max(self.scrollable_content_region.height - 2, 1))

    def jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where % len(self.rows)

    def watch_cursor(self, cursor: int) -> None:
        # Row i is drawn on line i+1 (line 0 is the header): keep lines i..i+1 in view.
        self.scroll_to_region(
            Region(0, cursor, 1, 2), animate=False, immediate=True
        )
        self.refresh()
        self.post_message(self.Highlighted(self.selected_key))

    def on_click(self, event) -> None:
        index = event.y + round(self.scroll_offset.y) - 1
        if 0 <= index < len(self.rows):
            self.cursor = index

    def _widths(self, total: int) -> list[int]:
        fixed = sum(c.width + 1 for c in self.columns if c.width)
        flexible = [c for c in self.columns if not c.width]
        room = max((total - fixed) - len(flexible), 0)
        share = room // max(len(flexible), 1)
        widths = [c.width or max(share, c.min_width) for c in self.columns]
        if flexible:  # the last flexible column takes what division left over
            last = max(i for i, c in enumerate(self.columns) if not c.width)
            widths[last] += room - share * len(flexible)
        return widths

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self._widths(width)
        if y == 0:  # the header stays put while the rows scroll under it
            titles = zip(self.columns, widths, strict=True)
            text = " ".join(set_cell_size(c.title, w) for c, w in titles)
            style = self.get_component_rich_style("contact-table--header")
            return Strip([Segment(set_cell_size(text, width), style)])
        index = y - 1 + round(self.scroll_offset.y)
        if index >= len(self.rows):
            if not self.rows and y == 1:
                return Strip([Segment(set_cell_size(self.empty_text, width), self.rich_style)])
            return Strip.blank(width, self.rich_style)
        cells = self.row_cells(self.rows[index])
        columns = zip(self.columns, widths, strict=True)
        text = " ".join(set_cell_size(printable(cells[c.cell]), w) for c, w in columns)
        style = (
            self.get_component_rich_style("contact-table--cursor")
            if index == self.cursor
            else self.rich_style
        )
        return Strip([Segment(set_cell_size(text, width), style)])
