"""The week's text, one line at a time: seven columns when wide, a day-by-day list when narrow.

A line is built only when it is painted, and kept until the week or the width
changes: a busy week at 30k contacts is hundreds of lines tall, of which the
pane shows twenty. A line is a tuple of (text, style) pieces, the style in
Textual's style syntax ("bold $accent"). The cursor is not in these lines:
`WeekView` asks for the few it covers with `with_cursor`.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from tui.model.dates import format_duration
from tui.model.validation import printable
from tui.ui.widgets.line_paint import Line

MARK_SYMBOL = {"done": "✓", "partly": "◐", "missed": "✗", "": ""}
HEAD = 2  # column lines above the first entry: the day, its planned total
ENTRY = 4  # column lines per entry: three of text, one blank

SUMMARY = ".week-view--summary"  # the summary's component class (muted)


def week_height(days, columns: bool) -> int:
    """How many lines the week takes, in columns or as a list (as the classes
    below lay it out), without building any."""
    if columns:
        return HEAD + ENTRY * max((len(entries) for _, entries in days), default=0) if days else 0
    return sum(1 + len(entries) for _, entries in days)


def day_style(day: date, today: date) -> str:
    return "bold $accent" if day == today else "bold"


class WeekColumns:
    """Seven columns side by side, `column` cells wide, a space between."""

    def __init__(self, days, today: date, totals: dict[date, int], width: int):
        self.days, self.today, self.totals = days, today, totals
        self.column = max((width - 6) // 7, 10)
        self.height = week_height(days, columns=True)
        self._lines: dict[int, Line] = {}

    def line(self, y: int) -> Line:
        if (found := self._lines.get(y)) is None:
            found = self._lines[y] = self._build(y)
        return found

    def cursor_lines(self, day: int, index: int) -> dict[int, Line]:
        """The three lines of entry `index` of `day` with the cursor on it; on an
        empty day, its total line, saying what `a` does there."""
        if not 0 <= day < len(self.days):
            return {}
        if not self.days[day][1]:
            return {1: self.with_cursor(1, day, "reverse")}
        top = HEAD + ENTRY * index
        return {y: self.with_cursor(y, day, "reverse") for y in range(top, top + 3)}

    def with_cursor(self, y: int, day: int, style: str) -> Line:
        """Line `y` with the cell of column `day` in `style`."""
        cells = self._cells(y)
        if y == 1 and not self.days[day][1]:
            cells[day] = set_cell_size("— a adds", self.column)  # (where the next block goes)
        rest = "dim" if y == 1 else ""
        left = " ".join(cells[:day]) + (" " if day else "")
        right = (" " if day < len(cells) - 1 else "") + " ".join(cells[day + 1:])
        return ((left, rest), (cells[day], style), (right, rest))

    def _build(self, y: int) -> Line:
        cells = self._cells(y)
        if y >= HEAD:
            return ((" ".join(cells), ""),)
        styles = [day_style(day, self.today) if y == 0 else "dim" for day, _ in self.days]
        pieces: list[tuple[str, str]] = []
        for cell, style in zip(cells, styles, strict=True):
            pieces += [(" ", ""), (cell, style)] if pieces else [(cell, style)]
        return tuple(pieces)

    def _cells(self, y: int) -> list[str]:
        col = self.column
        if y == 0:
            return [set_cell_size(f"{day:%a %d}" + (" ◆" if day == self.today else ""), col)
                    for day, _ in self.days]
        if y == 1:
            return [set_cell_size(format_duration(t) if (t := self.totals.get(day, 0)) else "—",
                                  col) for day, _ in self.days]
        index, part = divmod(y - HEAD, ENTRY)
        return [set_cell_size(_cell_text(entries[index], part) if index < len(entries) else "", col)
                for _, entries in self.days]


def _cell_text(entry, part: int) -> str:
    if part == 0:
        mark = MARK_SYMBOL.get(entry.mark, "")
        icon = "☎" if entry.kind == "meeting" else ""
        return (f"{entry.start} {format_duration(entry.minutes)} {mark}{icon}"
                + ("↻" if entry.recurring else ""))
    if part == 1:
        return printable(entry.channel)
    if part == 2:
        return printable(entry.title)
    return ""


class DayList:
    """Each day's heading, then its entries one per line, `width` cells wide."""

    def __init__(self, days, today: date, totals: dict[date, int], width: int):
        self.days, self.today, self.totals, self.width = days, today, totals, width
        self.tops: list[int] = []  # the line of each day's heading
        top = 0
        for _, entries in days:
            self.tops.append(top)
            top += 1 + len(entries)
        self.height = top  # = week_height(days, columns=False)
        self._lines: dict[int, Line] = {}

    def target(self, y: int) -> tuple[int, int] | None:
        """(day, entry) shown on line `y`; a heading stands for its day's first entry."""
        if not 0 <= y < self.height:
            return None
        day = bisect_right(self.tops, y) - 1
        return day, max(y - self.tops[day] - 1, 0)

    def line_of(self, day: int, index: int) -> int:
        """The line of entry `index` of `day`, or of the day's heading when it has none."""
        return self.tops[day] + (1 + index if self.days[day][1] else 0)

    def label(self, day: date) -> str:
        return f"{day:%a %d %b}" + (" ◆ today" if day == self.today else "")

    def line(self, y: int) -> Line:
        if (found := self._lines.get(y)) is None:
            found = self._lines[y] = self._build(y)
        return found

    def cursor_lines(self, day: int, index: int) -> dict[int, Line]:
        """The line of entry `index` of `day` with the cursor on it, or of the
        day's heading when the day is empty."""
        if not 0 <= day < len(self.days):
            return {}
        y = self.line_of(day, index)
        return {y: self.with_cursor(y, "reverse")}

    def with_cursor(self, y: int, style: str) -> Line:
        """Line `y` in `style`: the whole entry, or only the day's name on a heading."""
        (text, own), *rest = self.line(y)
        return ((text, f"{own} {style}".strip()), *rest)

    def _build(self, y: int) -> Line:
        d, index = self.target(y)  # type: ignore[misc]
        day, entries = self.days[d]
        if y == self.tops[d]:
            total = self.totals.get(day, 0)
            planned = f"{format_duration(total)} planned" if total else "nothing planned"
            return ((self.label(day), day_style(day, self.today)), (f"  · {planned}", "dim"))
        return ((set_cell_size("  " + entry_line(entries[index]), self.width), ""),)


def entry_line(entry) -> str:
    # The state symbol comes first so a narrow pane never cuts it off.
    mark = MARK_SYMBOL.get(entry.mark, "") or ("☎" if entry.kind == "meeting" else " ")
    detail = f" → {printable(entry.detail)}" if entry.detail else ""
    return (
        f"{entry.start} {format_duration(entry.minutes):>5} {mark}{'↻' if entry.recurring else ' '}"
        f" {printable(entry.channel)}"
        f" · {printable(entry.title)}{detail}"
    )


def summary_lines(widget: Widget, text: str, width: int) -> list[Line | Strip]:
    """The summary under the week. A line that fits stays a line; only a longer
    one (the legend, on a narrow pane) is wrapped, as a `Static` would."""
    lines: list[Line | Strip] = []
    for part in text.split("\n"):
        if cell_len(part) <= width:
            lines.append(((part, SUMMARY),))
        else:
            style = widget.get_visual_style(SUMMARY[1:])
            lines += Visual.to_strips(widget, Content(part), width, None, style, pad=True)
    return lines
