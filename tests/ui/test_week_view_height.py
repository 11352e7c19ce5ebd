"""The week view shows every line of a new week after a resize (found by a review).

The view fills its pane and scrolls itself: its scrollable height follows the
week, at the width it is painted at.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from tests.screen import screen_text
from tui.ui.widgets.week_view import Entry, WeekView

START = date(2026, 11, 23)


def _week(counts: list[int]) -> list[tuple[date, list[Entry]]]:
    return [(START + timedelta(days=i),
             [Entry("09:00", 30, "LinkedIn", f"block {i}.{k}") for k in range(n)])
            for i, n in enumerate(counts)]


class _WeekApp(App[None]):
    def compose(self) -> ComposeResult:
        yield WeekView(id="week")


async def test_a_new_week_after_a_resize_shows_all_its_lines():
    app = _WeekApp()
    async with app.run_test(size=(120, 12)) as pilot:
        view = app.query_one(WeekView)
        view.show(_week([2, 0, 0, 0, 0, 0, 0]), START, {})  # columns: 2 + 4*2 = 10 lines
        await pilot.pause()
        assert view.virtual_size.height == 10 and "block 0.1" in screen_text(app)
        await pilot.resize_terminal(80, 12)  # the list: 7 days + 2 entries = 9 lines
        await pilot.pause()
        assert view.virtual_size.height == 9
        view.show(_week([1, 1, 1, 0, 0, 0, 0]), START, {})  # the list: 7 + 3 = 10 lines
        await pilot.pause()
        assert view.virtual_size.height == 10
        text = screen_text(app)
        assert all(f"block {d}.0" in text for d in range(3))


async def test_a_week_taller_than_the_view_scrolls_to_its_last_line():
    app = _WeekApp()
    async with app.run_test(size=(80, 8)) as pilot:
        view = app.query_one(WeekView)
        view.show(_week([0, 0, 0, 0, 0, 0, 3]), START, {})  # the list: 7 + 3 = 10 lines
        await pilot.pause()
        assert "block 6.2" not in screen_text(app)
        view.scroll_end(animate=False)  # (`end` in the Strategy pane)
        await pilot.pause()
        assert "block 6.2" in screen_text(app)
