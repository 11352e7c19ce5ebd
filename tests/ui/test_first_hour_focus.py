"""The focus clock and the help as a new user meets them (issue "A kind first hour",
point 10): the session corrected is the one just added or stopped, a stopped
session's length is rounded one way everywhere, the outcome form says in plain
words how to answer "nothing", and the help lists Prize's keys, not Textual's."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW
from tests.screen import fill, screen_text
from tests.ui.focus_helpers import flushed, listen, running, sessions_on_disk
from tui.model.sessions import FocusSession
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.outcome_form import OutcomeForm
from tui.ui.screens.past_session_form import PastSessionForm

SIZE = (100, 30)


async def shown(pilot, app, screen_type) -> None:
    """Wait for a dialog a focus flow opens from its worker (which waits for it)."""
    for _ in range(50):
        if isinstance(app.screen, screen_type):
            return
        await pilot.pause()
    raise AssertionError(f"{screen_type.__name__} did not open")


async def add_past_session(pilot, app) -> None:
    """`3` `a`: a 20-minute Phone session at 7:10 added, its outcome form open."""
    await pilot.press("3", "a")
    await shown(pilot, app, PastSessionForm)
    await fill(pilot, app, "channel", "Phone")
    await fill(pilot, app, "start", "7:10")
    await fill(pilot, app, "length", "20m")
    await pilot.press("ctrl+s")
    await shown(pilot, app, OutcomeForm)


def stopped(repo, channel: str, start_min_ago: int, minutes: int) -> FocusSession:
    start = NOW - timedelta(minutes=start_min_ago)
    return repo.sessions.add(FocusSession(
        channel=channel, planned_minutes=minutes, started=start.isoformat(),
        ended=(start + timedelta(minutes=minutes)).isoformat(), outcome={}))


async def test_correct_opens_the_session_just_added_not_the_last_to_end(repo, make_app):
    """A session added after the fact ends earlier than one stopped a moment ago, and
    `c` used to open the one that ended last."""
    stopped(repo, "Email", start_min_ago=30, minutes=25)  # 09:00–09:25, stopped
    repo.flush()
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await add_past_session(pilot, app)  # forgot to start one at 7:10
        await pilot.press("escape")  # the outcome left unanswered
        await flushed(pilot, app)
        await pilot.press("c")
        await shown(pilot, app, PastSessionForm)
        assert isinstance(app.screen, PastSessionForm)
        form = app.screen
        values = form.values()
        assert (values["channel"], values["start"], values["length"]) == ("Phone", "07:10",
                                                                          "20m")
        await pilot.press("escape")
        await flushed(pilot, app)


async def test_u_takes_back_the_outcome_then_the_past_session_added(repo, make_app, db_path):
    """Its outcome was saved as no step of its own, so `u` found the session changed
    since it was added and refused ("changed meanwhile, so nothing was changed")."""
    app = make_app(repo)
    said, _ = listen(app)
    async with app.run_test(size=SIZE) as pilot:
        await add_past_session(pilot, app)
        await pilot.press("ctrl+n")  # nothing came of it
        await flushed(pilot, app)
        [doc] = sessions_on_disk(db_path)
        assert doc["outcome"] == {}
        await pilot.press("u")
        await flushed(pilot, app)
        [doc] = sessions_on_disk(db_path)
        assert doc["outcome"] is None  # the answer taken back, the session still there
        await pilot.press("u")
        await flushed(pilot, app)
        assert sessions_on_disk(db_path) == []
        assert not [s for s in said if "meanwhile" in s]


async def test_correct_after_a_stop_opens_the_stopped_one(repo, make_app, clock):
    stopped(repo, "Email", start_min_ago=300, minutes=25)
    running(repo, minutes_ago=12, channel="LinkedIn")
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "s", "n")
        await flushed(pilot, app)
        await pilot.press("c")
        await shown(pilot, app, PastSessionForm)
        assert app.screen.values()["channel"] == "LinkedIn"
        await pilot.press("escape")
        await flushed(pilot, app)


async def test_stopped_after_and_the_correction_round_the_same_way(repo, make_app, clock):
    running(repo, channel="LinkedIn")
    app = make_app(repo)
    said, _ = listen(app)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(seconds=40)
        await pilot.press("3", "s", "n")
        await flushed(pilot, app)
        assert "Stopped LinkedIn after 1m: nothing came of it." in said
        await pilot.press("c")
        await shown(pilot, app, PastSessionForm)
        assert app.screen.values()["length"] == "1m"
        await pilot.press("escape")
        await flushed(pilot, app)


async def test_ninety_seconds_are_two_minutes_in_both(repo, make_app, clock):
    running(repo, channel="Email")
    app = make_app(repo)
    said, _ = listen(app)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(seconds=90)
        await pilot.press("3", "s", "n")
        await flushed(pilot, app)
        assert "Stopped Email after 2m: nothing came of it." in said
        await pilot.press("c")
        await shown(pilot, app, PastSessionForm)
        assert app.screen.values()["length"] == "2m"
        await pilot.press("escape")
        await flushed(pilot, app)


async def test_the_outcome_form_says_how_to_answer_nothing_in_plain_words(repo, make_app):
    running(repo)
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "s")
        assert isinstance(app.screen, OutcomeForm)
        text = screen_text(app)
        assert "n here" not in text
        assert "Nothing came of it? Type n in a number, or press ctrl+n." in text
        await pilot.press("escape")
        await flushed(pilot, app)


async def test_help_lists_prizes_keys_and_textuals_apart_at_the_end(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        prize_keys = str(app.screen.query_one("#help-keys").render())
        toolkit_keys = str(app.screen.query_one("#help-toolkit-keys").render())
        for words in ("Previous week", "Open the daily review", "Undo the last change",
                      "Next pane", "Command palette"):
            assert words in prize_keys
        for generic in ("Focus Next", "Focus Previous", "Copy selected text", "super+c",
                        "return to the command prompt"):
            assert generic not in prize_keys
        assert "Focus Next" not in toolkit_keys
        assert "copy selected text" in toolkit_keys
        sections = [w.id for w in app.screen.query("#help-keys, #help-toolkit-keys")]
        assert sections == ["help-keys", "help-toolkit-keys"]  # Textual's at the end
