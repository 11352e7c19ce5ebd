"""The app shell, driven as a user types: panes, keys, help, review and timer screens."""

from __future__ import annotations

from datetime import UTC

import orjson
import pytest
from textual.widgets import Digits

from tests.screen import active_pane, screen_text
from tui.model.blocks import Block
from tui.model.contacts import Contact
from tui.ui.widgets.contact_table import ContactTable
from tui.ui.widgets.top_bar import TopBar
from tui.ui.widgets.week_view import WeekView


@pytest.fixture
def planned(repo):
    repo.blocks.add(
        Block(channel="LinkedIn", activity="Comment on news", target="fintech",
              day="2026-11-24", start="09:00", minutes=45, rrule="FREQ=WEEKLY;BYDAY=TU,TH")
    )
    repo.contacts.add(Contact(name="Ann Lee", company="Acme, Inc", follow_up="2026-11-20"))
    repo.contacts.add(Contact(name="Bo Chen", company="Initech"))
    repo.flush()
    return repo


async def test_panes_show_data_and_keys_move_focus(planned, make_app):
    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        week = app.screen.query_one(WeekView)
        assert active_pane(app) == "Strategy"
        assert "2026-W48" in str(app.screen.query_one(TopBar).render())
        await pilot.press("2")
        await pilot.pause()  # the key line follows after the next frame
        assert active_pane(app) == "Contacts"
        assert app.focused.id == "contacts-keys"
        await pilot.press("3")
        await pilot.pause()  # the key line follows after the next frame
        assert active_pane(app) == "Focus"
        assert app.focused.id == "focus-keys"
        await pilot.press("1")
        await pilot.pause()  # the key line follows after the next frame
        assert active_pane(app) == "Strategy"
        await pilot.press("tab")
        await pilot.pause()  # the key line follows after the next frame
        assert active_pane(app) == "Contacts"
        await pilot.press("shift+tab")
        await pilot.pause()  # the key line follows after the next frame
        assert active_pane(app) == "Strategy"
        # The recurring block shows on Tuesday and Thursday of this week.
        days = [d for d, entries in week.days if entries]
        assert [d.isoformat() for d in days] == ["2026-11-24", "2026-11-26"]


async def test_overdue_contact_is_first_and_marked_in_words(planned, make_app):
    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ContactTable)
        assert table.row_cells(table.rows[0])[:2] == ("! 6d late", "Ann Lee")


async def test_week_navigation(planned, make_app):
    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.screen.query_one(TopBar)
        await pilot.press("]")
        assert "2026-W49" in str(bar.render())
        await pilot.press("[", "[")
        assert "2026-W47" in str(bar.render())
        await pilot.press("t")
        assert "2026-W48 (this week)" in str(bar.render())


async def test_help_lists_the_screen_keys_and_closes(planned, make_app):
    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.query_one("#help-keys").render())
        for words in ("Strategy", "Contacts", "Focus", "Previous week", "daily review", "Quit"):
            assert words in text
        await pilot.press("escape")
        assert app.screen.query_one(WeekView)


async def test_review_opens_and_q_goes_back(planned, make_app):
    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        followups = app.screen.query_one("#followups").render()
        assert "Follow-ups: 0 due today, 1 overdue" in str(followups)
        await pilot.press("q")
        assert app.screen.query_one(WeekView)
        assert app.is_running


async def test_q_quits(planned, make_app):
    app = make_app(planned)
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert not app.is_running


async def test_timer_screen_shows_clock_and_quits(planned, make_app):
    app = make_app(planned, start="timer")
    async with app.run_test(size=(80, 24)) as pilot:
        digits = app.screen.query_one(Digits)
        assert digits.value == "09:30"
        await pilot.press("q")
    assert not app.is_running


async def test_markup_in_names_is_shown_literally(repo, make_app):
    repo.contacts.add(Contact(name="[bold]Ann[/bold] \x1b[31mRed", company="[link=x]Co"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        text = screen_text(app)
        assert "[bold]Ann[/bold] \\x1b[31mRed" in text
        assert "\x1b" not in text


async def test_theme_choice_is_remembered(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test() as pilot:
        await pilot.pause()  # (the themes not shown are read after the first frame)
        app.theme = "prize-daylight"
        await pilot.pause()
        await app.workers.wait_for_complete()
    data = orjson.loads(db_path.read_bytes())
    assert data["settings"]["1"]["theme"] == "prize-daylight"


async def test_file_changed_behind_the_app_is_merged_with_the_next_edit(
    planned, make_app, db_path
):
    app = make_app(planned)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        # A sync tool replaces the file while Prize runs.
        other = orjson.loads(db_path.read_bytes())
        first = next(iter(other["contacts"].values()))
        other["contacts"]["99"] = dict(first, name="From the other machine")
        db_path.write_bytes(orjson.dumps(other))
        await pilot.press("x")  # an edit: mark the selected block done
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "✓ saved" in str(app.screen.query_one(TopBar).render())
        assert any(c.name == "From the other machine" for c in planned.contacts.all())
        assert "Merged the file on disk: 1 added." in screen_text(app)
    data = orjson.loads(db_path.read_bytes())
    assert data["marks"] and data["contacts"]["99"]["name"] == "From the other machine"


async def test_file_changed_behind_the_app_shows_without_a_key(planned, make_app, db_path):
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        other = orjson.loads(db_path.read_bytes())
        first = next(iter(other["contacts"].values()))
        other["contacts"]["99"] = dict(first, name="Zed")
        db_path.write_bytes(orjson.dumps(other))
        app.disk_watch.look()  # what the app does every WATCH_S seconds
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert "Zed" in screen_text(app)
        assert orjson.loads(db_path.read_bytes()) == other  # nothing new of ours: no write


async def test_week_53_and_the_year_boundary(repo, make_app, clock):
    from datetime import datetime

    clock.now = datetime(2026, 12, 31, 10, 0, tzinfo=UTC)
    repo.blocks.add(Block(channel="Email", activity="Weekly", day="2026-12-01", start="09:00",
                          minutes=30, rrule="FREQ=WEEKLY;BYDAY=TH"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.screen.query_one(TopBar)
        assert "2026-W53 (this week) · 28 Dec 2026 – 3 Jan 2027" in str(bar.render())
        week = app.screen.query_one(WeekView)
        assert [d.isoformat() for d, e in week.days if e] == ["2026-12-31"]
        await pilot.press("]")
        assert "2027-W01" in str(bar.render())
        assert [d.isoformat() for d, e in week.days if e] == ["2027-01-07"]


async def test_a_library_warning_while_the_app_runs_does_not_crash_it(planned, make_app):
    import logging
    import sys
    import warnings

    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        logging.getLogger("some.library").warning("a warning printed while Prize runs")
        with pytest.warns(DeprecationWarning):
            warnings.warn("deprecated thing", DeprecationWarning, stacklevel=1)
        print("stray print from a library")
        print("a library writing to stderr", file=sys.stderr, flush=True)
        sys.stdout.flush()
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()  # the key line follows after the next frame
        assert active_pane(app) == "Contacts"
    assert app.return_code in (None, 0)


async def test_a_pane_key_and_the_next_key_typed_in_one_burst(planned, make_app):
    from textual import events

    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in ("2", "a"):  # both queued before either is handled, as a fast typist
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert "New contact" in screen_text(app)
        assert "New block" not in screen_text(app)


async def test_a_pane_key_runs_its_binding_where_it_arrives_and_only_once(planned, make_app):
    """The binding runs at the pane's keys holder: the key goes no further up
    (the message hops back up to the app were ~0.5 ms of each key), and runs once."""
    from collections import Counter

    from textual import events

    handled: Counter[str] = Counter()  # key → nodes that handled it (app, then the focus)

    def hook(message) -> None:
        if isinstance(message, events.Key):
            handled[message.key] += 1

    app = make_app(planned)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await pilot.pause()
        week = app.screen.query_one(WeekView)
        day = week.selected_day
        await pilot.press("l")
        assert (week.selected_day - day).days == 1  # one day on, not two
        await pilot.press("2", "j")
        await pilot.pause()
        assert active_pane(app) == "Contacts"
        assert app.screen.query_one(ContactTable).cursor == 1
        assert handled == {"l": 2, "2": 2, "j": 2}
        await pilot.press("x")  # no binding: up to the app, Textual's way
        assert handled["x"] == 6


@pytest.mark.parametrize("keys, screen", [(("r", "q"), "MainScreen"),
                                         (("question_mark", "q"), "MainScreen"),
                                         (("r", "r"), "ReviewScreen")])
async def test_keys_typed_at_once_after_one_that_opens_a_screen_go_to_that_screen(
        planned, make_app, keys, screen):
    """`r q` typed in one burst opens the review and leaves it (the `q` is the
    review's), where the planner's binding would have quit the app."""
    from tests.ui.input_helpers import burst

    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, *keys)
        for _ in range(5):
            await pilot.pause()
        assert app.is_running and app.return_code is None
        assert type(app.screen).__name__ == screen
        assert len(app.screen_stack) == (1 if screen == "MainScreen" else 2)


async def test_search_and_the_letters_after_it_typed_in_one_burst(planned, make_app):
    from textual import events

    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        for key in ("slash", "a", "n", "n"):  # a fast typist: all four queued at once
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause()
        assert app.screen.query_one("#contact-search").value == "ann"
        assert "New contact" not in screen_text(app)
        await pilot.press("e")  # and the search goes on as usual
        assert app.screen.query_one("#contact-search").value == "anne"


@pytest.mark.parametrize("letter, ends", [("n", "enter"), ("b", "escape")])
async def test_a_search_ended_and_a_list_key_typed_in_one_burst(planned, make_app, letter,
                                                                 ends):
    """`/n⏎j` typed at once: Textual's Input inserted the `j` before its `enter`
    ran, so the search became "nj"; after `/b escape j` the `j` was lost, and
    the list stayed filtered by "b" under an empty search box."""
    from textual import events

    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        table = app.screen.query_one(ContactTable)
        for key in ("slash", letter, ends, "j"):  # "n": Ann Lee and Bo Chen; "b": Bo
            app.post_message(events.Key(key, {"slash": "/", letter: letter, "j": "j"}.get(key)))
        await pilot.pause()
        search = app.screen.query_one("#contact-search")
        assert search.value == ("n" if ends == "enter" else "")
        assert not search.has_focus
        assert len(table.rows) == 2
        assert table.cursor == 1  # the `j` moved the list


async def test_a_pane_key_then_search_and_letters_in_one_burst(planned, make_app):
    """All five keys were queued at the Strategy pane before `2` moved the focus:
    the letters were lost (and `a` would have opened the Contacts pane's form)."""
    from textual import events

    app = make_app(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in ("2", "slash", "b", "o", "a"):  # a fast typist: all queued at once
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause()
        assert app.screen.query_one("#contact-search").value == "boa"
        assert "New contact" not in screen_text(app) and "New block" not in screen_text(app)
        await pilot.press("escape", "1")
        for key in ("2", "j"):  # and a key that moves the list after a pane key
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert app.screen.query_one(ContactTable).cursor == 1
