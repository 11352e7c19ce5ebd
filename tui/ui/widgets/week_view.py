"""The week grid: seven day columns when wide, a day-by-day list when narrow.

The cursor is a (day, entry) pair; the selection is what `e`, `d`, `s`, `x`
act on. Entries are built by the Strategy pane from blocks and meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import set_cell_size
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.model.dates import format_duration
from tui.model.validation import printable

WIDE = 100  # below this many cells a day-by-day list reads better than 7 columns
MARK_SYMBOL = {"done": "✓", "partly": "◐", "missed": "✗", "": ""}


@dataclass(frozen=True)
class Entry:
    start: str  # "09:00"
    minutes: int
    channel: str
    title: str
    detail: str = ""
    mark: str = ""  # done / partly / missed
    kind: str = "block"  # or "meeting"
    ref: object = None
    recurring: bool = False  # one occurrence of a series


class WeekView(Widget, can_focus=True):
    DEFAULT_CSS = """
    WeekView { height: auto; }
    """
    BINDINGS = [
        Binding("up,k", "move(0, -1)", "Up", show=False),
        Binding("down,j", "move(0, 1)", "Down", show=False),
        Binding("left,h", "move(-1, 0)", "Prev day", show=False),
        Binding("right,l", "move(1, 0)", "Next day", show=False),
    ]
    COMPONENT_CLASSES = {"week-view--cursor", "week-view--today", "week-view--dim"}

    day = reactive(0)
    index = reactive(0)

    class Moved(Message):
        def __init__(self, day: date, entry: Entry | None):
            super().__init__()
            self.day, self.entry = day, entry

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.days: list[tuple[date, list[Entry]]] = []
        self.today = date.today()
        self.day_totals: dict[date, int] = {}
        self._cursor_line = 0
        self._version = 0  # bumped by show(): the data changed
        self._targets: dict[int, tuple[int, int]] = {}  # list line → (day, entry), for clicks
        self._column_width = 10
        self._shape: tuple[int, int] | None = None  # (width, height) last laid out
        self._rendered_key: tuple | None = None
        self._grid_key: tuple | None = None  # (column width, version) of _grid
        self._grid: tuple[list[list[Content]], list[Content]] = ([], [])
        self._rendered: list[Content] = []
        self._strips: dict[int, tuple[Content, Strip]] = {}  # id(row) → (row, its strip)
        self._strip_style = None

    def show(self, days: list[tuple[date, list[Entry]]], today: date, totals: dict[date, int]) -> None:
        self.days, self.today, self.day_totals = days, today, totals
        self._version += 1
        if self.days and not (0 <= self.day < 7):
            self.day = 0
        self.index = min(self.index, max(len(self.entries_of(self.day)) - 1, 0))
        # Relayout (the whole screen) only when the height changes; a repaint is
        # far cheaper. Two weeks with as many entries on their busiest day are
        # as tall in columns.
        width = self.size.width
        shape = (width, len(self._lines(width))) if width else None
        self.refresh(layout=shape is None or shape != self._shape)
        self._shape = shape

    def entries_of(self, day: int) -> list[Entry]:
        return self.days[day][1] if 0 <= day < len(self.days) else []

    @property
    def selected_day(self) -> date | None:
        return self.days[self.day][0] if self.days else None

    @property
    def selected(self) -> Entry | None:
        entries = self.entries_of(self.day)
        return entries[self.index] if 0 <= self.index < len(entries) else None

    def select_day(self, day: date) -> None:
        for i, (d, _) in enumerate(self.days):
            if d == day:
                self.day, self.index = i, 0

    def action_move(self, dx: int, dy: int) -> None:
        if not self.days:
            return
        if dx:
            self.day = (self.day + dx) % len(self.days)
            self.index = min(self.index, max(len(self.entries_of(self.day)) - 1, 0))
        elif dy:
            count = len(self.entries_of(self.day))
            if count:
                self.index = max(0, min(count - 1, self.index + dy))
        self.post_message(self.Moved(self.selected_day, self.selected))

    def watch_day(self) -> None:
        self._cursor_moved()

    def watch_index(self) -> None:
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        # A cursor move never changes the height: no relayout. In columns only the
        # rows of the entry left and the entry reached are painted again.
        width = self.size.width
        before = self._cursor_line
        lines = self._lines(width) if width else []
        if width >= WIDE and lines:
            self.refresh(Region(0, before, width, 3), Region(0, self._cursor_line, width, 3))
        else:
            self.refresh()
        # The cursor's line is known once the new frame is rendered.
        self.call_after_refresh(self._keep_cursor_visible)

    # -- rendering -------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Measured at the width it will be painted at, so both use one build.
        return max(len(self._lines(width)), 1) if width else 0

    def render(self) -> Content:
        lines = self._lines(self.size.width or 80)
        return Content("\n").join(lines) if lines else Content("No days to show.")

    def render_line(self, y: int) -> Strip:
        """One line, painted from a cache: rows that did not change keep their strip."""
        width = self.size.width
        lines = self._lines(width) if width else []
        if not lines:
            lines = [Content("No days to show.")]
        if y >= len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        style = self.visual_style
        if style != self._strip_style or len(self._strips) > 4 * len(lines):
            self._strips.clear()
            self._strip_style = style
        line = lines[y]
        cached = self._strips.get(id(line))
        if cached is None or cached[0] is not line:
            strips = Visual.to_strips(self, line, width, 1, style, pad=True)
            cached = self._strips[id(line)] = (line, strips[0] if strips else
                                               Strip.blank(width, style.rich_style))
        return cached[1]

    def _lines(self, width: int) -> list[Content]:
        key = (width, self._version, self.day, self.index, self.has_focus)
        if key != self._rendered_key:
            self._rendered = self._columns(width) if width >= WIDE else self._list(width)
            self._rendered_key = key
        return self._rendered

    def on_click(self, event) -> None:
        """Select the block (or day) under the mouse."""
        target = None
        if (self.size.width or 80) >= WIDE:
            day = min(event.x // (self._column_width + 1), len(self.days) - 1)
            # Two header lines, then four lines per entry (three of text, one blank).
            index = max(event.y - 2, 0) // 4
            if 0 <= day < len(self.days):
                target = (day, min(index, max(len(self.entries_of(day)) - 1, 0)))
        else:
            target = self._targets.get(event.y)
        if target is not None:
            self.day, self.index = target
            self.post_message(self.Moved(self.selected_day, self.selected))

    def _keep_cursor_visible(self) -> None:
        if self.parent is not None and self.has_focus:
            self.parent.scroll_to_region(
                Region(0, max(self._cursor_line - 1, 0), 1, 3), animate=False, immediate=True
            )

    def _day_label(self, day: date) -> str:
        today = " ◆ today" if day == self.today else ""
        return f"{day:%a %d %b}{today}"

    def _style(self, selected: bool, day: date) -> str:
        if selected and self.has_focus:
            return "reverse"
        if selected:
            return "underline"
        return ""

    def _list(self, width: int) -> list[Content]:
        lines: list[Content] = []
        self._targets = {}
        for d, (day, entries) in enumerate(self.days):
            total = self.day_totals.get(day, 0)
            planned = f"{format_duration(total)} planned" if total else "nothing planned"
            head = Content.assemble(
                (self._day_label(day), "bold $accent" if day == self.today else "bold"),
                (f"  · {planned}", "dim"),
            )
            if d == self.day and not entries and self.has_focus:
                head = head.stylize("reverse", 0, len(self._day_label(day)))
                self._cursor_line = len(lines)
            self._targets[len(lines)] = (d, 0)
            lines.append(head)
            for i, entry in enumerate(entries):
                selected = d == self.day and i == self.index
                if selected:
                    self._cursor_line = len(lines)
                self._targets[len(lines)] = (d, i)
                text = self._entry_line(entry)
                lines.append(Content.styled(set_cell_size("  " + text, width), self._style(selected, day)))
        return lines

    def _entry_line(self, entry: Entry) -> str:
        # The state symbol comes first so a narrow pane never cuts it off.
        mark = MARK_SYMBOL.get(entry.mark, "") or ("☎" if entry.kind == "meeting" else " ")
        detail = f" → {printable(entry.detail)}" if entry.detail else ""
        return (
            f"{entry.start} {format_duration(entry.minutes):>5} {mark}{'↻' if entry.recurring else ' '}"
            f" {printable(entry.channel)}"
            f" · {printable(entry.title)}{detail}"
        )

    def _columns(self, width: int) -> list[Content]:
        """Seven columns side by side. The cells and rows are built once per week
        and width; a cursor move restyles only the three rows of the selected
        entry (at 10k contacts a week holds dozens of meetings: rebuilding every
        row on each key cost more than the rest of the frame)."""
        col = max((width - 6) // 7, 10)
        self._column_width = col
        key = (col, self._version)
        if self._grid_key != key:
            self._grid = self._build_grid(col)
            self._grid_key = key
        columns, rows = self._grid
        if not (self.days and self.entries_of(self.day)):
            self._cursor_line = 0
            return rows
        top = 2 + 4 * self.index  # two header lines, then four lines per entry
        self._cursor_line = top
        style = self._style(True, self.days[self.day][0])
        if not style:
            return rows
        blank = Content(" " * col)
        lines = list(rows)
        for y in range(top, top + 3):
            parts = [c[y] if y < len(c) else blank for c in columns]
            parts[self.day] = parts[self.day].stylize(style)
            lines[y] = Content(" ").join(parts)
        return lines

    def _build_grid(self, col: int) -> tuple[list[list[Content]], list[Content]]:
        """(cells per day column, rows), without the cursor."""
        columns: list[list[Content]] = []
        for day, entries in self.days:
            total = self.day_totals.get(day, 0)
            label = f"{day:%a %d}" + (" ◆" if day == self.today else "")
            cells = [
                Content.styled(set_cell_size(label, col), "bold $accent" if day == self.today else "bold"),
                Content.styled(set_cell_size(format_duration(total) if total else "—", col), "dim"),
            ]
            for entry in entries:
                mark = MARK_SYMBOL.get(entry.mark, "")
                icon = "☎" if entry.kind == "meeting" else ""
                first = f"{entry.start} {format_duration(entry.minutes)} {mark}{icon}"
                first += "↻" if entry.recurring else ""
                for text in (first, printable(entry.channel), printable(entry.title)):
                    cells.append(Content(set_cell_size(text, col)))
                cells.append(Content(" " * col))
            columns.append(cells)
        height = max((len(c) for c in columns), default=0)
        blank = Content(" " * col)
        rows = [Content(" ").join([c[y] if y < len(c) else blank for c in columns])
                for y in range(height)]
        return columns, rows
