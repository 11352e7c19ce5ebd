"""The week view is laid out at its own height after a resize (found by a review).

It failed before the fix.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from tui.ui.widgets.week_view import Entry, WeekView

START = date(2026, 11, 23)


def _week(counts: list[int]) -> list[tuple[date, list[Entry]]]:
    return [(START + timedelta(days=i),
             [Entry("09:00", 30, "LinkedIn", f"block {i}.{k}") for k in range(n)])
            for i, n in enumerate(counts)]


class _WeekApp(App[None]):
    def compose(self) -> ComposeResult:
        yield WeekView(id="week")


async def test_a_new_week_after_a_resize_is_laid_out_at_its_own_height():
    app = _WeekApp()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(WeekView)
        view.show(_week([2, 0, 0, 0, 0, 0, 0]), START, {})  # columns: 2 + 4*2 = 10 lines
        await pilot.pause()
        assert view.size.height == 10
        await pilot.resize_terminal(80, 40)  # the list: 7 days + 2 entries = 9 lines
        await pilot.pause()
        assert view.size.height == 9
        view.show(_week([1, 1, 1, 0, 0, 0, 0]), START, {})  # the list: 7 + 3 = 10 lines
        await pilot.pause()
        await pilot.pause()
        lines = view._lines(view.size.width)
        assert len(lines) == 10
        assert view.size.height == len(lines)  # stays 9: "block 2.0" is not shown
