"""A kind first hour: the frictions a new user hit planning a week (issue "A kind
first hour"), each typed as the user typed it."""

from __future__ import annotations

from tests.screen import fill, on_disk, screen_text
from tui.ui.widgets.week_view import WeekView


async def test_a_series_added_after_paging_starts_in_the_week_on_screen(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("]")  # the week of Mon 30 Nov
        view = app.screen.query_one(WeekView)
        while view.selected_day is None or view.selected_day.weekday() != 6:
            await pilot.press("l")  # the cursor on Sunday 6 Dec, as the user had it
        await pilot.press("a")
        await fill(pilot, app, "channel", "Email")
        await fill(pilot, app, "repeat_days", "mon wed fri")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [block] = repo.blocks.all()
        assert block.day == "2026-11-30"  # that week's Monday, not the next one
        days = [d.isoformat() for d, entries in view.days if entries]
        assert days == ["2026-11-30", "2026-12-02", "2026-12-04"]
        assert "Added Email every mon, wed, fri, from Mon 30 Nov." in " ".join(
            line.strip("│▌ ") for line in screen_text(app).splitlines())


async def test_the_day_typed_wins_when_it_is_one_of_the_series_days(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill(pilot, app, "channel", "Calls")
        await fill(pilot, app, "day", "2026-12-09")
        await fill(pilot, app, "repeat_days", "mon wed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert [d["day"] for d in on_disk(repo.path, "blocks")] == ["2026-12-09"]
