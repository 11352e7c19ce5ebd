"""An edit made on one screen shows at once on every other open screen, and `u`
undoes it from any screen (the planner under the review was left stale)."""

from __future__ import annotations

from tests.screen import fill, on_disk, screen_text
from tui.model.blocks import Block
from tui.model.contacts import Contact
from tui.ui.widgets.contact_table import ContactTable
from tui.ui.widgets.week_view import WeekView


def _block_line(app, activity: str) -> str:
    for line in screen_text(app).splitlines():
        if activity in line:
            return line
    raise AssertionError(f"{activity!r} not on screen:\n{screen_text(app)}")


def _planner_shows(app) -> str:
    """The planner's line of today's block, read from the planner itself
    (it is under the review, so not on the terminal)."""
    from tui.ui.screens.main import MainScreen

    [planner] = [s for s in app.screen_stack if isinstance(s, MainScreen)]
    week = planner.query_one(WeekView)
    lines = [week.render_line(y).text for y in range(week.size.height)]
    return next(line for line in lines if "Comment on news" in line)


async def _today_block(repo):
    return repo.blocks.add(Block(channel="LinkedIn", activity="Comment on news",
                                 day="2026-11-26", start="08:00", minutes=60))


async def test_a_mark_made_in_the_review_is_on_the_planner_at_once(repo, make_app, db_path):
    await _today_block(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "✓" not in _block_line(app, "Comment on news")
        await pilot.press("r")
        await pilot.press("x")
        await pilot.pause()
        assert "✓ done" in screen_text(app)
        assert "✓" in _planner_shows(app)  # before the review closes
        await pilot.press("q")
        await pilot.pause()
        assert "✓" in _block_line(app, "Comment on news")
        await app.workers.wait_for_complete()
    assert [m["state"] for m in on_disk(db_path, "marks")] == ["done"]


async def test_u_in_the_review_undoes_the_mark_on_both_screens(repo, make_app, db_path):
    await _today_block(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("r", "x")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert "· open" in screen_text(app) and "✓ done" not in screen_text(app)
        assert "Undone: mark done" in screen_text(app)
        assert "✓" not in _planner_shows(app)
        await app.workers.wait_for_complete()
    assert on_disk(db_path, "marks") == []


async def test_u_in_the_review_undoes_an_edit_made_in_the_planner(repo, make_app, db_path):
    await _today_block(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")  # marked in the week
        await pilot.press("r")
        await pilot.pause()
        assert "✓ done" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "· open" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert "✓" not in _block_line(app, "Comment on news")


async def test_a_call_logged_in_the_review_moves_the_contact_in_the_planner(repo, make_app):
    from tui.ui.widgets.followup_list import FollowUpList

    repo.contacts.add(Contact(name="Ann Lee", company="Acme", follow_up="2026-11-20",
                              cadence_days=14))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(ContactTable)
        await pilot.pause()
        assert "target" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(FollowUpList).focus()
        await pilot.press("l")
        await pilot.pause()
        await fill(pilot, app, "kind", "call")
        await pilot.press("ctrl+s")
        await pilot.pause()
        row = table.render_line(1).text  # the planner's list, under the review
        assert "conversation" in row, row
        await pilot.press("escape", "q")
        await pilot.pause()
        assert "conversation" in screen_text(app)
