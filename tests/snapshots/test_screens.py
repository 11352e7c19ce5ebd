"""Snapshots of every screen at 80x24 and 120x40 on the demo data (fixed clock and seed)."""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_planner(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_planner_contacts_focused(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo), terminal_size=size, press=["2", "j", "j"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo, start="review"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timer(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo, start="timer"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_planner_next_week(snap_compare, demo_repo, make_app, size):
    """The week after a week key: every line painted since the last week's, the
    summary and the scrollbar's thumb included."""
    assert snap_compare(make_app(demo_repo), terminal_size=size, press=["right_square_bracket"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_calendar_form(snap_compare, demo_repo, make_app, size, monkeypatch):
    from tui.ui.screens.calendar_form import CalendarForm

    monkeypatch.delenv("PRIZE_CALDAV_PASSWORD", raising=False)

    async def open_form(pilot):
        from textual.widgets import Input

        await pilot.app.push_screen(CalendarForm())
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # (a blink under load would change the picture)
        await pilot.pause()

    assert snap_compare(make_app(demo_repo), terminal_size=size, run_before=open_form)
