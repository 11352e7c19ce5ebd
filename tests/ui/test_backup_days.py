"""Daily backups are kept as many days as the user sets from the command palette."""

from __future__ import annotations

from tests.screen import fill, from_palette, on_disk, screen_text
from tests.ui.focus_helpers import listen


async def test_backup_days_are_set_from_the_palette_checked_and_undone(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said, _ = listen(app)
        await from_palette(pilot, app, "Keep daily backups for")
        assert "Daily backups of the data file" in screen_text(app)
        for bad in ("0", "two weeks", "99999"):
            await fill(pilot, app, "days", bad)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "a whole number of days, 1 to 3650" in screen_text(app)  # beside the field
        await fill(pilot, app, "days", "30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.save()
        await app.workers.wait_for_complete()
        assert on_disk(db_path, "settings")[0]["backup_days"] == 30
        assert said == ["Daily backups are kept 30 days (from the next start)."]
        await pilot.press("u")
        await pilot.pause()
        app.save()
        await app.workers.wait_for_complete()
        assert on_disk(db_path, "settings")[0]["backup_days"] == 14
