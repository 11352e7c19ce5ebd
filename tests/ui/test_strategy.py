"""Strategy pane journeys, typed as a user types them."""

from __future__ import annotations

from datetime import date

from tests.screen import fill, from_palette, on_disk, screen_text
from tui.model.blocks import Block
from tui.ui.widgets.week_view import WeekView


def occupied_days(app) -> list[str]:
    return [d.isoformat() for d, entries in app.screen.query_one(WeekView).days if entries]


async def save_and_flush(pilot, app) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await app.workers.wait_for_complete()


async def test_add_recurring_block_shows_in_three_weeks_and_on_disk(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill(pilot, app, "channel", "LinkedIn")
        await fill(pilot, app, "activity", "Groups")
        await fill(pilot, app, "target", "fintech")
        await fill(pilot, app, "day", "2026-11-24")
        await fill(pilot, app, "start", "9am")
        await fill(pilot, app, "duration", "45")
        await fill(pilot, app, "repeat_days", "tue thu")
        await save_and_flush(pilot, app)
        assert occupied_days(app) == ["2026-11-24", "2026-11-26"]
        await pilot.press("]")
        assert occupied_days(app) == ["2026-12-01", "2026-12-03"]
        await pilot.press("]")
        assert occupied_days(app) == ["2026-12-08", "2026-12-10"]
        await app.workers.wait_for_complete()
    [doc] = on_disk(db_path, "blocks")
    assert doc["rrule"] == "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH"
    assert (doc["channel"], doc["start"], doc["minutes"]) == ("LinkedIn", "09:00", 45)


async def test_invalid_input_is_shown_beside_the_field_and_nothing_saved(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await fill(pilot, app, "channel", "LinkedIn")
        await fill(pilot, app, "day", "31 feb")
        await fill(pilot, app, "start", "25:00")
        await fill(pilot, app, "duration", "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "February has at most 29 days" in text
        assert "hours go from 00 to 23" in text
        assert "more than zero" in text
        await pilot.press("escape", "escape")  # something was typed: asked, then discarded
        await app.workers.wait_for_complete()
    assert repo.blocks.all() == []
    assert on_disk(db_path, "blocks") == []


async def _series(repo) -> Block:
    return repo.blocks.add(Block(channel="LinkedIn", activity="Groups", day="2026-11-24",
                                 start="09:00", minutes=45, rrule="FREQ=WEEKLY;BYDAY=TU,TH"))


async def test_edit_one_occurrence_leaves_the_series(repo, make_app):
    series = await _series(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        # Cursor starts on today (Thursday 26th), on its first entry.
        await pilot.press("e", "o")
        await fill(pilot, app, "start", "11:00")
        await save_and_flush(pilot, app)
        week = app.screen.query_one(WeekView)
        thursday = dict(week.days)[date(2026, 11, 26)]
        assert [e.start for e in thursday] == ["11:00"]
        tuesday = dict(week.days)[date(2026, 11, 24)]
        assert [e.start for e in tuesday] == ["09:00"]
        await pilot.press("]")
        assert [e.start for e in dict(week.days)[date(2026, 12, 3)]] == ["09:00"]
    stored = repo.blocks.get(series.id)
    assert stored.exdates == ["2026-11-26"] and stored.rrule == series.rrule


async def test_delete_series_then_undo(repo, make_app):
    await _series(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "s")
        await pilot.pause()
        assert occupied_days(app) == []
        await pilot.press("u")
        await pilot.pause()
        assert occupied_days(app) == ["2026-11-24", "2026-11-26"]


async def test_delete_one_occurrence_only(repo, make_app):
    await _series(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "o")
        await pilot.pause()
        assert occupied_days(app) == ["2026-11-24"]


async def test_copy_last_week_forward(repo, make_app):
    repo.blocks.add(Block(channel="Email", activity="Follow-ups", day="2026-11-17",
                          start="10:00", minutes=60))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert occupied_days(app) == ["2026-11-24"]
        await pilot.press("c")  # again: copies again (the user asked twice); undo takes it back
        await pilot.press("u")
        await pilot.pause()
        assert len(repo.blocks.all()) == 2


async def test_mark_done_partly_missed_each_by_its_key(repo, make_app):
    series = await _series(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        assert [m.state for m in repo.marks.all()] == ["done"]
        await pilot.press("p")
        assert [m.state for m in repo.marks.all()] == ["partly"]
        await pilot.press("m")
        assert [(m.block_id, m.day, m.state) for m in repo.marks.all()] == [
            (series.id, "2026-11-26", "missed")]
        await pilot.press("x", "x")  # done, then not done after all
        assert repo.marks.all() == []


async def test_budget_warning_appears_and_disappears(repo, make_app):
    await _series(repo)  # 2 × 45 min of LinkedIn this week
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        await fill(pilot, app, "budget-0", "1h")  # LinkedIn is the first channel
        await save_and_flush(pilot, app)
        await pilot.press("end")  # the summary is under the week: scroll down to it
        await pilot.pause()
        summary = screen_text(app)
        assert "LinkedIn: 1h30 of 1h ⚠ over" in summary
        assert "over its 1h budget by 30m" in summary
        await pilot.press("b")
        await fill(pilot, app, "budget-0", "2h")
        await save_and_flush(pilot, app)
        await pilot.press("end")
        await pilot.pause()
        summary = screen_text(app)
        assert "⚠" not in summary
        assert "LinkedIn: 1h30 of 2h" in summary


async def test_save_week_as_template_and_apply_it_to_another_week(repo, make_app):
    repo.blocks.add(Block(channel="Email", activity="Follow-ups", day="2026-11-24",
                          start="10:00", minutes=60))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await fill(pilot, app, "name", "Networking week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [t.name for t in repo.templates.all()] == ["Networking week"]
        await pilot.press("]", "]", "A", "1")
        await pilot.pause()
        assert occupied_days(app) == ["2026-12-08"]
        await pilot.press("u")
        await pilot.pause()
        assert occupied_days(app) == []


async def test_reminders_are_editable_from_the_palette_and_shown_in_the_header(repo, make_app):
    from tui.ui.widgets.top_bar import TopBar

    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await from_palette(pilot, app, "Edit reminders")
        for i in range(6):
            await fill(pilot, app, f"r{i}", "")
        await fill(pilot, app, "r0", "Call one recruiter before noon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Call one recruiter before noon" in str(app.screen.query_one(TopBar).render())
    assert repo.settings().reminders == ["Call one recruiter before noon"]


async def test_every_pane_key_is_in_the_command_palette(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Duplicate the block to the next day", "Mark the block done (x again: not)",
                      "Budgets and result goals for this week", "Previous week",
                      "Save this week's one-off blocks as a template", "Edit reminders"):
            assert title in titles


async def test_clicking_a_block_selects_it(repo, make_app):
    await _series(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        week = app.screen.query_one(WeekView)
        # Narrow list: line 0 is Monday's heading, line 1 Tuesday's, line 2 its block.
        await pilot.click(WeekView, offset=(5, 2))
        assert (week.selected_day, week.selected.start) == (date(2026, 11, 24), "09:00")
    app = make_app(repo)
    async with app.run_test(size=(160, 40)) as pilot:
        week = app.screen.query_one(WeekView)
        column = (week.size.width - 6) // 7 + 1  # seven columns and a space between
        await pilot.click(WeekView, offset=(column * 3 + 2, 3))  # Thursday's first block
        assert week.selected_day == date(2026, 11, 26) and week.selected is not None


async def test_channels_with_the_same_planned_time_are_listed_by_name(repo, make_app):
    channels = ["Phone", "Email", "X/Twitter", "In person", "LinkedIn", "Research"]
    for hour, channel in enumerate(channels, start=9):
        repo.blocks.add(Block(channel=channel, day="2026-11-26", start=f"{hour:02d}:00",
                              minutes=30))
    app = make_app(repo)
    async with app.run_test(size=(100, 50)) as pilot:  # room for the summary under the week
        await pilot.pause()
        text = screen_text(app)
        shown = sorted(channels, key=lambda c: text.find(f"{c}: 30m"))
        assert all(f"{c}: 30m" in text for c in channels), text
        assert shown == sorted(channels, key=str.casefold)  # not a set's order, new each run


async def test_moving_from_a_full_day_to_a_lighter_one_lands_on_its_last_block(repo, make_app):
    """Saturday has three blocks, Sunday (the week's last day) one: from Saturday's
    third, `l` lands on Sunday's only block. (The cursor was painted at Sunday's
    third line first, past the week's end: a crash found by the random-input test.)"""
    for start in ("09:00", "11:00", "14:00"):
        repo.blocks.add(Block(channel="LinkedIn", activity=f"at {start}", day="2026-11-28",
                              start=start, minutes=30))
    repo.blocks.add(Block(channel="Email", activity="sunday", day="2026-11-29",
                          start="10:00", minutes=30))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        week = app.screen.query_one(WeekView)
        await pilot.press("l", "l", "j", "j")
        await pilot.pause()
        assert (week.selected_day, week.selected.start) == (date(2026, 11, 28), "14:00")
        await pilot.press("l")
        await pilot.pause()
        assert app.is_running
        assert (week.selected_day, week.selected.start) == (date(2026, 11, 29), "10:00")
