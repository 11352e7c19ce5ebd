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


def _score_three(repo) -> None:
    from tui.model.employers import Employer

    for name, motivation, posting in [("Keystone Mutual", 3, "yes"), ("Nova Tutor", 3, "unknown"),
                                      ("Wren & Finch", 2, "no")]:
        repo.employers.add(Employer(name=name, motivation=motivation, posting=posting))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_employers(snap_compare, demo_repo, make_app, size):
    _score_three(demo_repo)
    assert snap_compare(make_app(demo_repo), terminal_size=size, press=["4"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_employer_form(snap_compare, demo_repo, make_app, size):
    _score_three(demo_repo)
    assert snap_compare(make_app(demo_repo), terminal_size=size, press=["4", "e"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_outreach(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo), terminal_size=size, press=["2", "w"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_prep(snap_compare, repo, make_app, size):
    from tui.model.contacts import Contact, Meeting

    ann = repo.contacts.add(Contact(name="Ann Lee", company="Acme", created="2026-11-01"))
    repo.meetings.add(Meeting(contact_id=ann.id, at="2026-11-27T10:00:00+01:00"))
    assert snap_compare(make_app(repo), terminal_size=size, press=["2", "p"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_with_employers(snap_compare, demo_repo, make_app, size):
    """The 3B7 steps of the working employers, first in the review."""
    _score_three(demo_repo)
    assert snap_compare(make_app(demo_repo, start="review"), terminal_size=size)
