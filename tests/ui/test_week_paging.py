"""Paging weeks with `]` and `[`, typed as a user types them.

The week view keeps what it built for the weeks last shown and repaints only
the lines a new week changes: these tests check that what the screen shows is
still the week asked for, whole, after edits, and that a week taller than the
pane scrolls to keep the cursor in view.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.screen import fill, screen_text
from tui.model.blocks import Block
from tui.model.contacts import Contact
from tui.ui.widgets.top_bar import TopBar
from tui.ui.widgets.week_view import WeekView


def one_off(title: str, day: str, start: str = "09:00") -> Block:
    return Block(channel="LinkedIn", activity=title, day=day, start=start, minutes=30)


def occupied_days(app) -> list[str]:
    return [d.isoformat() for d, entries in app.screen.query_one(WeekView).days if entries]


def painted(app) -> str:
    """The screen, colours included (an SVG without its random ids)."""
    return re.sub(r"terminal-\d+-", "terminal-", app.export_screenshot())


async def repainted_in_full(pilot, app) -> str:
    """The screen once every line is painted again from scratch (a resize and
    back drops every cache: the view's lines and strips, Textual's too)."""
    width, height = app.size
    await pilot.resize_terminal(width - 1, height)
    await pilot.pause()
    await pilot.resize_terminal(width, height)
    await pilot.pause()
    return painted(app)


@pytest.fixture
def two_weeks(repo):
    repo.blocks.add(one_off("Groups this week", "2026-11-24"))
    repo.blocks.add(one_off("Outreach next week", "2026-12-02"))
    return repo


@pytest.fixture
def tall_week(repo):
    """Twenty blocks on today (Thursday 26th), ten on Thursday 3 December."""
    def at(hour: int, n: int) -> str:
        return f"{hour + n // 2:02d}:{n % 2 * 30:02d}"

    repo.blocks.add_many(one_off(f"Block {n:02d}", "2026-11-26", at(7, n)) for n in range(1, 21))
    repo.blocks.add_many(one_off(f"Next {n:02d}", "2026-12-03", at(8, n)) for n in range(1, 11))
    return repo


@pytest.mark.parametrize("size", [(100, 30), (120, 40)], ids=["list", "columns"])
async def test_next_and_previous_week_show_their_own_blocks(two_weeks, make_app, size):
    app = make_app(two_weeks)
    async with app.run_test(size=size) as pilot:
        assert "Groups this" in screen_text(app)
        await pilot.press("]")
        text = screen_text(app)
        assert "Outreach next" in text and "Groups this" not in text
        assert "2026-W49" in str(app.screen.query_one(TopBar).render())
        await pilot.press("]")  # a week with nothing planned
        assert "Outreach next" not in screen_text(app) and occupied_days(app) == []
        await pilot.press("[", "[")  # back to weeks already shown
        text = screen_text(app)
        assert "Groups this" in text and "Outreach next" not in text
        assert "2026-W48 (this week)" in str(app.screen.query_one(TopBar).render())


@pytest.mark.parametrize("size", [(100, 30), (120, 40)], ids=["list", "columns"])
async def test_a_week_taller_than_the_pane_scrolls_to_keep_the_cursor_in_view(
        tall_week, make_app, size):
    app = make_app(tall_week)
    async with app.run_test(size=size) as pilot:
        week = app.screen.query_one(WeekView)
        assert week.selected.title == "Block 01"  # the cursor starts on today
        await pilot.press(*["j"] * 19)
        await pilot.pause()
        assert week.selected.title == "Block 20"
        text = screen_text(app)
        assert "Block 20" in text and "Block 01" not in text
        await pilot.press(*["k"] * 19)
        await pilot.pause()
        text = screen_text(app)
        assert "Block 01" in text and "Block 20" not in text
        await pilot.press("end")  # the summary is under the week
        await pilot.pause()
        assert "Planned 10h" in screen_text(app)


async def test_a_shorter_week_after_scrolling_down_shows_its_own_lines(tall_week, make_app):
    app = make_app(tall_week)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["j"] * 19)  # scrolled to Thursday's last block
        await pilot.press("]")  # ten blocks: still taller than the pane, but shorter
        await pilot.pause()
        week = app.screen.query_one(WeekView)
        assert week.selected.title == "Next 10"  # the cursor stays as low as the day allows
        text = screen_text(app)
        assert "Next 10" in text and "Block" not in text
        assert painted(app) == await repainted_in_full(pilot, app)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_what_a_week_key_paints_is_what_a_full_repaint_shows(
        tall_week, make_app, size):
    """Only the lines a new week changes are painted again, and the scrollbar's
    thumb rows: a line left over from the week before would show here."""
    tall_week.blocks.add(one_off("Groups last week", "2026-11-17"))
    app = make_app(tall_week)
    async with app.run_test(size=size) as pilot:
        for keys in (["]"], ["]"], ["[", "["], ["j", "j", "j"], ["["], ["]", "]"], ["l"], ["t"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert painted(app) == await repainted_in_full(pilot, app), keys


@pytest.mark.parametrize("size", [(100, 30), (120, 40)], ids=["list", "columns"])
async def test_a_day_cursor_key_paints_only_the_entries_it_leaves_and_reaches(
        tall_week, make_app, size, monkeypatch):
    """`h` `l` `j` `k` repaint the two entries' cells (columns) or lines (list),
    never the whole week (that was ~5 KB to the terminal per key), and the
    screen is still what a full repaint shows."""
    tall_week.blocks.add(one_off("Friday block", "2026-11-27", "07:00"))  # beside Thursday's
    app = make_app(tall_week)
    async with app.run_test(size=size) as pilot:
        week = app.screen.query_one(WeekView)
        await pilot.pause()
        regions: list = []

        def refresh(*given, _refresh=week.refresh, **kwargs):
            regions.append(given)
            return _refresh(*given, **kwargs)

        monkeypatch.setattr(week, "refresh", refresh)
        keys = ("l", "h", "j", "j", "k", "l", "l", "h")
        for key in keys:
            regions.clear()
            await pilot.press(key)
            await pilot.pause()
            assert all(given for given in regions), key  # no whole repaint
            painted_rows = {r.y for given in regions for r in given}
            # an entry is 3 lines at most; in columns, the line under the week
            # shows the selected entry whole
            assert len(painted_rows) <= (7 if size[0] >= 120 else 6), key
            # one region a line: Textual writes a line from the start of the piece
            # each region begins in, so two regions on a line wrote it twice
            assert all(len({r.y for r in given}) == len(given) for given in regions), key
            # (none at all from one empty day to another: no cursor is drawn there)
            assert painted_rows or not week.entries_of(week.day), key
        monkeypatch.undo()
        for key in keys:  # (a resize repaints everything: a pass of its own)
            await pilot.press(key)
            await pilot.pause()
            assert painted(app) == await repainted_in_full(pilot, app), key


async def test_an_edit_reaches_a_week_already_shown(repo, make_app):
    repo.blocks.add(Block(channel="LinkedIn", activity="Groups", day="2026-11-24",
                          start="09:00", minutes=45, rrule="FREQ=WEEKLY;BYDAY=TU,TH"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("]", "[")  # next week is built and kept
        assert occupied_days(app) == ["2026-11-24", "2026-11-26"]
        await pilot.press("d", "s")  # delete the whole series
        await pilot.pause()
        assert occupied_days(app) == []
        await pilot.press("]")
        assert occupied_days(app) == [] and "Groups" not in screen_text(app)


async def test_a_meeting_booked_for_a_week_already_shown_appears_in_it(repo, make_app):
    repo.contacts.add(Contact(name="Ann Lee", company="Acme"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("]", "[")  # next week is built and kept, without the meeting
        await pilot.press("2", "m")
        await fill(pilot, app, "kind", "video")
        await fill(pilot, app, "day", "2026-12-02")
        await fill(pilot, app, "time", "14:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("1", "]")
        await pilot.pause()
        wednesday = dict(app.screen.query_one(WeekView).days)[date(2026, 12, 2)]
        assert [(e.start, e.title) for e in wednesday] == [("14:00", "Meeting: Ann Lee")]
        assert "Meeting: Ann Lee" in screen_text(app)
