"""The focus clock, driven from the keyboard with a fake clock (no real waiting)."""

from __future__ import annotations

from datetime import timedelta

from textual.command import CommandList

from tests.conftest import NOW, TODAY
from tests.screen import fill, screen_text
from tests.ui.focus_helpers import clock_line, digits, flushed, running, sessions_on_disk
from tests.ui.focus_helpers import tick as clock_tick
from tui.model import focus, focus_time
from tui.model.blocks import Block
from tui.store import Repository
from tui.ui.screens.choice import ChoiceScreen
from tui.ui.screens.outcome_form import OutcomeForm
from tui.ui.screens.past_session_form import PastSessionForm
from tui.ui.screens.quick_start_form import QuickStartForm
from tui.ui.screens.timer import TimerScreen


async def test_quick_start_pause_resume_extend_stop(repo, make_app, clock, db_path):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "space")
        assert isinstance(app.screen, QuickStartForm)
        await fill(pilot, app, "channel", "Email")
        await fill(pilot, app, "length", "25m")
        await pilot.press("ctrl+s")
        await flushed(pilot, app)
        assert digits(app) == "25:00"
        assert clock_line(app, "what") == "Email"
        [doc] = sessions_on_disk(db_path)
        assert doc["ended"] is None and doc["started"] == NOW.isoformat()
        settings = repo.settings()
        assert (settings.quick_channel, settings.quick_minutes) == ("Email", 25)

        clock.advance(minutes=5)
        await clock_tick(pilot, app)
        assert digits(app) == "20:00"
        await pilot.press("space")  # pause
        clock.advance(minutes=5)
        await clock_tick(pilot, app)
        assert digits(app) == "20:00"
        assert clock_line(app, "state").startswith("PAUSED")
        await flushed(pilot, app)
        paused_at = (NOW + timedelta(minutes=5)).isoformat()
        assert sessions_on_disk(db_path)[0]["pauses"] == [[paused_at, None]]
        await pilot.press("space")  # resume
        clock.advance(minutes=1)
        await clock_tick(pilot, app)
        assert digits(app) == "19:00"
        await pilot.press("plus")
        assert digits(app) == "24:00"
        await pilot.press("minus", "minus")
        assert digits(app) == "14:00"
        await pilot.press("plus")

        await pilot.press("s")
        assert isinstance(app.screen, OutcomeForm)
        await fill(pilot, app, "contacts", "3")
        await fill(pilot, app, "replies", "1")
        await fill(pilot, app, "note", "two asked for a call")
        await pilot.press("ctrl+s")
        await flushed(pilot, app)
        assert digits(app) == "09:41"  # the time of day again
    [doc] = sessions_on_disk(db_path)
    assert doc["outcome"] == {"contacts": 3, "replies": 1, "meetings": 0,
                              "note": "two asked for a call"}
    assert doc["planned_minutes"] == 25
    assert doc["ended"] == (NOW + timedelta(minutes=11)).isoformat()
    assert focus_time.elapsed(repo.sessions.all()[0], clock()) == timedelta(minutes=6)


async def test_nothing_came_of_it_and_escape_keeps_running(repo, make_app, clock, db_path):
    running(repo, minutes_ago=20)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")
        assert isinstance(app.screen, OutcomeForm)
        await pilot.press("escape")
        await flushed(pilot, app)
        assert repo.sessions.all()[0].running
        await pilot.press("s", "n")  # n in a count field: nothing came of it
        await flushed(pilot, app)
        assert not isinstance(app.screen, OutcomeForm)
    [doc] = sessions_on_disk(db_path)
    assert doc["outcome"] == {} and doc["ended"] == NOW.isoformat()


async def test_p_cycles_to_count_up_which_counts_up(repo, make_app, clock, db_path):
    running(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "p")
        assert "pomodoro" in clock_line(app, "state")
        await pilot.press("p")
        clock.advance(minutes=42, seconds=7)
        await clock_tick(pilot, app)
        assert digits(app) == "42:07"
        assert clock_line(app, "state") == "count-up · 42:07 spent"
        await flushed(pilot, app)
    assert sessions_on_disk(db_path)[0]["mode"] == "count-up"


async def test_s_on_a_block_starts_it_and_a_second_asks_to_stop_the_first(repo, make_app, clock):
    block = repo.blocks.add(Block(channel="LinkedIn", activity="Groups", day="2026-11-26",
                                  start="09:00", minutes=45))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")  # the week has focus, on today's block
        await flushed(pilot, app)
        [first] = repo.sessions.all()
        assert (first.planned_minutes, first.block_id) == (45, block.id)
        assert first.block_day == "2026-11-26"
        assert digits(app) == "45:00"
        assert clock_line(app, "what") == "LinkedIn · Groups"
        clock.advance(minutes=10)
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceScreen)
        assert "only one session runs at a time" in screen_text(app)
        await pilot.press("s")  # stop it
        assert isinstance(app.screen, OutcomeForm)
        await pilot.press("n")
        await flushed(pilot, app)
        old, new = repo.sessions.all()
        assert old.outcome == {} and not old.running
        assert new.running and new.started == clock().isoformat()


async def test_forgotten_timer_is_trimmed_on_start(repo, make_app, clock, db_path):
    s = running(repo, minutes_ago=180)
    repo.sessions.update(focus.touch(s, NOW - timedelta(minutes=170)))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "no key pressed (since 06:40)" in screen_text(app)
        await pilot.press("t")
        assert isinstance(app.screen, OutcomeForm)
        await pilot.press("escape")  # leave the outcome unanswered
        await flushed(pilot, app)
        assert digits(app) == "09:30"
    [doc] = sessions_on_disk(db_path)
    assert doc["ended"] == (NOW - timedelta(minutes=170)).isoformat()
    assert doc["outcome"] is None


async def test_forgotten_timer_asks_on_the_next_key_keep_and_discard(repo, make_app, clock):
    running(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        clock.advance(hours=3)
        await pilot.press("3", "space")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("k")  # keep: then the key does what it does (pause)
        await flushed(pilot, app)
        [s] = repo.sessions.all()
        assert s.paused and s.last_key == clock().isoformat()
        await pilot.press("space")
        clock.advance(hours=3)
        await pilot.press("plus")
        await pilot.press("d")
        await flushed(pilot, app)
        assert repo.sessions.all() == []
        await pilot.press("u")
        await pilot.pause()
        assert [x.id for x in repo.sessions.all()] == [s.id]


async def test_outcome_errors_are_shown_beside_the_fields(repo, make_app, db_path):
    running(repo)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s")
        await fill(pilot, app, "contacts", "12x")
        await fill(pilot, app, "meetings", "1000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "↑ contacts reached: a whole number from 0 to 999" in text
        assert "↑ meetings booked: at most 999" in text
        assert isinstance(app.screen, OutcomeForm)
        await pilot.press("escape", "y")  # something was typed: asked, then discarded
        await flushed(pilot, app)
    assert repo.sessions.all()[0].running


async def test_add_a_past_session(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "a")
        assert isinstance(app.screen, PastSessionForm)
        await fill(pilot, app, "start", "9:10")
        await fill(pilot, app, "length", "30m")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "it would end at 09:40, after now" in screen_text(app)
        await fill(pilot, app, "length", "20m")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeForm)
        await fill(pilot, app, "replies", "2")
        await pilot.press("ctrl+s")
        await flushed(pilot, app)
    [doc] = sessions_on_disk(db_path)
    assert (doc["started"], doc["ended"]) == ((NOW - timedelta(minutes=20)).isoformat(),
                                              NOW.isoformat())
    assert doc["outcome"]["replies"] == 2


async def test_clock_moved_back_neither_goes_negative_nor_counts_twice(repo, make_app, clock):
    running(repo, minutes_ago=10)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        assert digits(app) == "20:00"
        await pilot.press("3", "space")  # paused at NOW: a stored instant
        clock.advance(minutes=-30)
        await clock_tick(pilot, app)
        assert digits(app) == "20:00"
        await pilot.press("space")  # resumed "before" the pause: counted as at the pause
        clock.advance(minutes=35)  # five minutes after the pause
        await clock_tick(pilot, app)
        assert digits(app) == "15:00"
        clock.advance(hours=-2)  # before the start: the digits stand still, never negative
        await clock_tick(pilot, app)
        assert digits(app) == "15:00"


async def test_running_and_paused_sessions_are_restored_after_a_restart(db_path, make_app, clock):
    repo = Repository.open(db_path, today=TODAY)
    try:
        async with make_app(repo, start="timer").run_test(size=(80, 24)) as pilot:
            app = pilot.app
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("ctrl+s")  # the quick form's defaults: LinkedIn, 30m
            await pilot.pause()
            clock.advance(minutes=5)
            await pilot.press("space")  # pause at 25:00 left
            clock.advance(minutes=3)
            await pilot.press("space")  # resume
            await flushed(pilot, app)
    finally:
        repo.close()
    clock.advance(minutes=7)
    repo = Repository.open(db_path, today=TODAY)
    try:
        async with make_app(repo, start="timer").run_test(size=(80, 24)) as pilot:
            assert digits(pilot.app) == "18:00"
            assert clock_line(pilot.app, "what") == "LinkedIn"
            assert "12:00 of 30m" in clock_line(pilot.app, "state")
            await pilot.press("space")  # pause, then quit while paused
            await flushed(pilot, pilot.app)
    finally:
        repo.close()
    clock.advance(hours=2)
    repo = Repository.open(db_path, today=TODAY)
    try:
        async with make_app(repo, start="timer").run_test(size=(80, 24)) as pilot:
            assert digits(pilot.app) == "18:00"
            assert clock_line(pilot.app, "state") == "PAUSED · countdown · 12:00 of 30m"
            assert isinstance(pilot.app.screen, TimerScreen)  # a paused session is not idle
    finally:
        repo.close()


async def test_focus_keys_are_in_the_command_palette(repo, make_app):
    running(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*[c if c != " " else "space" for c in "five minutes more"])
        commands = app.screen.query_one(CommandList)
        for _ in range(200):  # the palette searches in the background
            if commands.option_count:
                break
            await pilot.pause(0.01)
        await pilot.press("enter")
        await pilot.pause()
        assert repo.sessions.all()[0].planned_minutes == 35


async def test_correct_the_last_session_keeps_its_outcome(repo, make_app, db_path):
    from tui.model.sessions import FocusSession

    repo.sessions.add(FocusSession(
        channel="LinkedIn", planned_minutes=30, started="2026-11-26T06:00:00+00:00",
        ended="2026-11-26T06:45:00+00:00", outcome={"contacts": 3, "replies": 1, "meetings": 0,
                                                     "note": ""}))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "c")
        assert isinstance(app.screen, PastSessionForm)
        await fill(pilot, app, "start", "7:10")  # local Paris time = 06:10 UTC
        await fill(pilot, app, "length", "25m")
        await pilot.press("ctrl+s")
        await flushed(pilot, app)
        assert not isinstance(app.screen, PastSessionForm)
    [doc] = sessions_on_disk(db_path)
    assert (doc["started"], doc["ended"]) == ("2026-11-26T06:10:00+00:00",
                                              "2026-11-26T06:35:00+00:00")
    assert doc["outcome"]["contacts"] == 3


async def test_an_idle_clock_tick_updates_only_what_changed(
        repo, make_app, clock, monkeypatch):
    from textual.widgets import Digits, Static

    from tests.ui.focus_helpers import clock_widget

    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await clock_tick(pilot, app)
        updated, redrawn = [], []
        original, original_digits = Static.update, Digits.update

        def counting(self, *args, **kwargs):
            if self in clock_widget(app).children:
                updated.append(self.id)
            return original(self, *args, **kwargs)

        def counting_digits(self, value):
            redrawn.append(value)
            return original_digits(self, value)

        monkeypatch.setattr(Static, "update", counting)
        monkeypatch.setattr(Digits, "update", counting_digits)
        clock.advance(seconds=1)  # (NOW is on a whole minute)
        await clock_tick(pilot, app)
        assert updated == []  # every second a full layout of the screen, before
        assert redrawn == []  # and the same digits redrawn
        shown = digits(app)
        clock.advance(minutes=1)
        await clock_tick(pilot, app)
        assert digits(app) != shown and updated == []  # the digits change, on their own
        assert redrawn == [digits(app)]
        clock.advance(days=1)
        await clock_tick(pilot, app)
        assert updated == ["focus-now"]  # the date line
