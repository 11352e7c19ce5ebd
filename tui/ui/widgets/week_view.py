"""The week grid: seven day columns when wide, a day-by-day list when narrow, and
the week's summary under it.

The cursor is a (day, entry) pair; the selection is what `e`, `d`, `s`, `x`
act on. Entries are built by the Strategy pane from blocks and meetings.

The view fills its pane and scrolls itself. A new week (`]`, `[`) then costs a
repaint of the pane: when the week view grew with its week inside a
scrolling pane, every week of another height laid the whole screen out twice
(~5 ms at 10k contacts, most of a key press).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.widgets.line_paint import Line, LinePainter
from tui.ui.widgets.week_rows import (
    ENTRY,
    HEAD,
    DayList,
    WeekColumns,
    entry_line,
    summary_lines,
    week_height,
)
from tui.ui.widgets.week_scrollbar import StripScrollBarRender, set_thumb

WIDE = 100  # below this many cells a day-by-day list reads better than 7 columns
KEEP_WEEKS = 8  # weeks whose lines are kept
EMPTY = "No days to show."
NO_DAYS: Line = ((EMPTY, ""),)


class Entry(NamedTuple):
    start: str  # "09:00"
    minutes: int
    channel: str
    title: str
    detail: str = ""
    mark: str = ""  # done / partly / missed
    kind: str = "block"  # or "meeting"
    ref: object = None
    recurring: bool = False  # one occurrence of a series


class WeekView(ScrollView, can_focus=False):
    """The week, in columns or as a list, with a cursor; its keys are the Strategy
    pane's (it never takes the focus: pane.py says why)."""

    COMPONENT_CLASSES = {"week-view--summary"}  # styled in app.tcss

    day = reactive(0, repaint=False)  # _cursor_moved repaints what changed
    index = reactive(0, repaint=False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.days: list[tuple[date, list[Entry]]] = []
        self.today = date.today()
        self.day_totals: dict[date, int] = {}
        self.summary = ""  # shown under the week, a blank line between
        self._version = 0  # bumped by show(): the data changed
        self._rows_key: tuple | None = None  # (width, version) of _week_rows
        self._week_rows: WeekColumns | DayList = DayList([], self.today, {}, 0)
        self._kept_rows: dict[tuple, WeekColumns | DayList] = {}  # the last used last
        self._cursor_lines_key: tuple | None = None
        self._cursor_lines: dict[int, Line] = {}
        self._summary_key: tuple | None = None
        self._summary: dict[int, list[Line | Strip]] = {}  # width → lines
        self._painter = LinePainter(self)

    def show(self, days: list[tuple[date, list[Entry]]], today: date, totals: dict[date, int],
             summary: str = "") -> None:
        self.days, self.today, self.day_totals, self.summary = days, today, totals, summary
        self._version += 1
        if self.days and not (0 <= self.day < 7):
            self.day = 0
        self.index = min(self.index, max(len(self.entries_of(self.day)) - 1, 0))
        self._fit()
        self._repaint_changed()

    def on_mount(self) -> None:
        self.vertical_scrollbar.renderer = StripScrollBarRender

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Make the scrollable size the week's. Only a change of it lays the screen out."""
        width, height = self.size
        if not width:
            return
        lines = self._line_count(width)
        if lines > height:  # the scrollbar takes its columns from the text
            width -= self.styles.scrollbar_size_vertical
            lines = self._line_count(width)
        size = Size(width, lines)
        if size == self.virtual_size:
            return
        scrollbar = lines > height
        if size.width != self.virtual_size.width or self.show_vertical_scrollbar != scrollbar:
            self.virtual_size = size  # the scrollbar comes or goes: lay the screen out
            return
        # Only the scrollbar's thumb and the scroll limit change: no relayout (it
        # took ~1.5 ms of each week key), and Textual's virtual_size watcher is bypassed.
        self.set_reactive(WeekView.virtual_size, size)
        if self.show_vertical_scrollbar:
            set_thumb(self.vertical_scrollbar, lines)
        # Setting them validates them: a shorter week clamps the scroll to its end.
        self.scroll_target_y = self.scroll_target_y
        self.scroll_y = self.scroll_y

    def _line_count(self, width: int) -> int:
        summary = len(self._summary_at(width)) if self.summary else -1
        return max(week_height(self.days, width >= WIDE), 1) + 1 + summary

    def _repaint_changed(self) -> None:
        """Repaint the lines in view that the new week changed, only those."""
        width, top = self._width, self.scroll_offset.y
        if not width:
            self.refresh()
            return
        line_at = self._lines_at(width)
        changed = [Region(0, y - top, width, 1) for y in range(top, top + self.size.height)
                   if self._painter.changed(y, line_at(y), width)]
        if changed:
            self.refresh(*changed)

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

    def move(self, dx: int, dy: int) -> None:
        if not self.days:
            return
        if dx:
            day = (self.day + dx) % len(self.days)
            # The index first: each assignment paints the cursor (watch_day and
            # watch_index), and the old index may be past the new day's entries.
            self.index = min(self.index, max(len(self.entries_of(day)) - 1, 0))
            self.day = day
        elif dy:
            count = len(self.entries_of(self.day))
            if count:
                self.index = max(0, min(count - 1, self.index + dy))

    def watch_day(self) -> None:
        self._cursor_moved()

    def watch_index(self) -> None:
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        # A cursor move never changes the height: no relayout. Only the entry left
        # and the entry reached are painted again: in columns, only their cells
        # (whole lines were ~5 KB to the terminal for `h`/`l`, their cells ~1 KB).
        width = self._width
        painted = self._cursor_lines_key
        if not width or painted is None or painted[0] != width:
            self.refresh()
        else:
            before = [(painted[2], y) for y in self._cursor_lines]
            after = [(self.day, y) for y in self._cursor_lines_at(width)]
            top, rows = self.scroll_offset.y, self._rows(width)
            if isinstance(rows, WeekColumns):
                # One region per line, from the first cell to the last: Textual
                # writes a line from the start of the piece a region begins in,
                # so two regions on a line wrote its start twice.
                cell, days_at = rows.column, {}
                for day, y in {*before, *after}:
                    days_at.setdefault(y, []).append(day)
                regions = [Region(min(days) * (cell + 1), y - top,
                                  (max(days) - min(days)) * (cell + 1) + cell, 1)
                           for y, days in days_at.items()]
                regions.append(Region(0, rows.height - top, width, 1))  # the whole entry
            else:
                regions = [Region(0, y - top, width, 1) for _, y in {*before, *after}]
            if regions:  # (none: refresh() with no region would repaint it all)
                self.refresh(*regions)
        self.call_after_refresh(self._keep_cursor_visible)

    # -- rendering -------------------------------------------------------------

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    def render(self) -> Content:
        """All of the text as one (for a mouse selection; painting goes by line)."""
        width = self._width or 80
        rows, cursor = self._rows(width), self._cursor_lines_at(width)
        lines = [Content.assemble(*(cursor.get(y) or rows.line(y))) for y in range(rows.height)]
        text = Content("\n").join(lines) if lines else Content(EMPTY)
        return Content.assemble(text, "\n\n", self.summary) if self.summary else text

    def render_line(self, y: int) -> Strip:
        width = self._width
        y += self.scroll_offset.y
        return self._painter.strip(y, self._lines_at(width)(y), width)

    def _lines_at(self, width: int) -> Callable[[int], Line | Strip]:
        """A function of `y` giving line `y` of the week and its summary (of the
        content, not of the view: that scrolls), for lines painted together."""
        rows, cursor = self._rows(width), self._cursor_lines_at(width)
        summary = self._summary_at(width) if self.summary else []
        grid = max(rows.height, 1)
        whole = self._whole_entry(rows, width)

        def line_at(y: int) -> Line | Strip:
            if y < grid:
                return cursor.get(y) or (rows.line(y) if rows.height else NO_DAYS)
            if y == grid:
                return whole
            return summary[y - grid - 1] if 0 <= y - grid - 1 < len(summary) else ()

        return line_at

    def _rows(self, width: int) -> WeekColumns | DayList:
        """The week's lines at `width`, built as they are painted. Kept for the
        last weeks shown: paging back to one finds its lines built."""
        key = (width, self._version)
        if key != self._rows_key:
            # By identity: the Strategy pane shows a week it kept as the same
            # objects, new ones once its data changed (kept rows hold them).
            week = (width, id(self.days), id(self.day_totals), self.today)
            if (rows := self._kept_rows.pop(week, None)) is None:
                layout = WeekColumns if width >= WIDE else DayList
                rows = layout(self.days, self.today, self.day_totals, width)
            self._kept_rows[week] = rows
            if len(self._kept_rows) > KEEP_WEEKS:
                del self._kept_rows[next(iter(self._kept_rows))]
            self._week_rows, self._rows_key = rows, key
        return self._week_rows

    def _whole_entry(self, rows: WeekColumns | DayList, width: int) -> Line:
        """In columns, the selected entry whole on the line under the week (its
        cell cuts it to a dozen characters); a list shows it whole already."""
        entry = self.selected
        if not isinstance(rows, WeekColumns) or entry is None or self.selected_day is None:
            return ()
        text = f"▸ {self.selected_day:%a} {entry_line(entry)}"
        return ((text if len(text) <= width else text[:width - 1] + "…", "bold"),)

    def _summary_at(self, width: int) -> list[Line | Strip]:
        """The summary's lines at `width` (asked at two: with and without a scrollbar)."""
        key = (self.summary, self.visual_style)
        if key != self._summary_key:
            self._summary.clear()
            self._summary_key = key
        if (found := self._summary.get(width)) is None:
            found = self._summary[width] = summary_lines(self, self.summary, width)
        return found

    def _cursor_lines_at(self, width: int) -> dict[int, Line]:
        key = (width, self._version, self.day, self.index)
        if key != self._cursor_lines_key:
            rows = self._rows(width)
            self._cursor_lines = rows.cursor_lines(self.day, self.index)
            self._cursor_lines_key = key
        return self._cursor_lines

    @property
    def cursor_lines(self) -> tuple[int, int]:
        """The first and last line of the cursor ((0, 0) when nothing is selected)."""
        lines = self._cursor_lines_at(self._width or 80) or {0: ()}
        return min(lines), max(lines)

    def on_click(self, event) -> None:
        """Select the block (or day) under the mouse."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x, y = offset.x, offset.y + self.scroll_offset.y
        target = None
        rows = self._rows(self._width or 80)
        if isinstance(rows, WeekColumns):
            day = min(x // (rows.column + 1), len(self.days) - 1)
            if 0 <= day < len(self.days) and y < rows.height:
                index = max(y - HEAD, 0) // ENTRY
                target = (day, min(index, max(len(self.entries_of(day)) - 1, 0)))
        else:
            target = rows.target(y)
        if target is not None:
            self.day, self.index = target

    def _keep_cursor_visible(self) -> None:
        # The whole entry (its three lines in columns) and a line either side.
        first, last = self.cursor_lines
        top = max(first - 1, 0)
        self.scroll_to_region(Region(0, top, 1, last + 2 - top), animate=False, immediate=True)
