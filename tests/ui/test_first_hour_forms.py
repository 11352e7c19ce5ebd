"""The forms as a new user meets them (issue "A kind first hour"), typed key by key:
suggestions taken with `tab` or `→`, a night time asked about, a half-filled form
not dropped by one `escape`, and the stage picked from the pipeline's stages."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from tests.screen import fill, on_disk, screen_text, type_text
from tests.ui.input_helpers import burst
from tui.ui.forms import FormScreen

SIZE = (100, 30)


async def settle(pilot) -> None:
    """Let queued keys and the save finish (a dialog's own worker may still wait)."""
    await pilot.pause()
    for worker in [w for w in pilot.app.workers if w.group == "save"]:
        await asyncio.wait_for(worker.wait(), timeout=10)
    await pilot.pause()


async def opened(pilot, app, *keys: str) -> FormScreen:
    """Press the keys that open a form and wait for it (some open from a worker)."""
    await pilot.press(*keys)
    for _ in range(50):
        if isinstance(app.screen, FormScreen) and app.screen.is_mounted:
            return app.screen
        await pilot.pause()
    raise AssertionError(f"no form after {keys}")


def field(app, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


# -- 5. tab and → take the suggestion shown (tab moves on, → stays) ---------------------


async def test_tab_takes_the_suggestion_shown_and_moves_on(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")  # a block: the channel field has the focus
        await type_text(pilot, "Res")
        await pilot.pause()
        assert "Research" in screen_text(app)  # the suggestion, after what was typed
        await pilot.press("tab")
        assert field(app, "channel").value == "Research"
        assert app.focused is field(app, "activity")  # typing goes on in the next field
        await type_text(pilot, "Calls")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [block] = on_disk(db_path, "blocks")
    assert (block["channel"], block["activity"]) == ("Research", "Calls")


async def test_right_arrow_takes_the_suggestion_too(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "3", "space")
        await fill(pilot, app, "channel", "vid")
        await pilot.press("right")
        assert field(app, "channel").value == "Video call"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [session] = on_disk(db_path, "sessions")
    assert session["channel"] == "Video call"


async def test_right_arrow_typed_in_a_burst_takes_the_suggestion(repo, make_app, db_path):
    """Textual's → took the suggestion only once its worker had found it: in a burst
    the arrow came first and `vid→` stayed "vid"."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "3", "space")
        burst(app, *"vid", "right", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [session] = on_disk(db_path, "sessions")
    assert session["channel"] == "Video call"


async def test_tab_with_no_suggestion_shown_moves_on_at_once(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        await type_text(pilot, "Email")  # the whole name: nothing left to take
        await pilot.press("tab")
        assert app.focused is field(app, "activity")
        await type_text(pilot, "Coffee")  # no activity starts so
        await pilot.press("tab")
        assert app.focused is field(app, "target")
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is field(app, "channel")
        await pilot.press("tab")  # a prefilled value is selected: tab leaves it as it is
        assert app.focused is field(app, "activity")
        assert field(app, "channel").value == "Email"


async def test_tab_typed_in_a_burst_takes_the_suggestion_in_order(repo, make_app, db_path):
    """Keys typed faster than the app handles them: the tab still takes the suggestion
    for what was typed before it, and the keys after it go to the next field."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        burst(app, *"Res", "tab", *"Calls", "tab", *"fintech", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [block] = on_disk(db_path, "blocks")
    assert (block["channel"], block["activity"], block["target"]) == (
        "Research", "Calls", "fintech")


# -- 6. a time that is probably the afternoon ------------------------------------------


async def test_a_night_time_without_am_pm_is_asked_about_beside_the_field(repo, make_app,
                                                                         db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        await fill(pilot, app, "channel", "Email")
        await fill(pilot, app, "start", "2:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "↑ 2:00 at night? write 14:00 or 2pm (or 02:00 for night)" in screen_text(app)
        assert app.focused is field(app, "start")
        assert on_disk(db_path, "blocks") == []
        await fill(pilot, app, "start", "2pm")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [block] = on_disk(db_path, "blocks")
    assert block["start"] == "14:00"


async def test_a_night_time_written_as_such_is_taken(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        await fill(pilot, app, "channel", "Email")
        await fill(pilot, app, "start", "02:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [block] = on_disk(db_path, "blocks")
    assert block["start"] == "02:00"


# -- 10. escape on a half-filled form asks ----------------------------------------------


async def test_escape_on_an_unchanged_form_closes_at_once(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        await pilot.press("tab", "escape")  # moved around, changed nothing
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)


async def test_escape_on_a_changed_form_asks_and_escape_again_discards(repo, make_app,
                                                                      db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        await type_text(pilot, "Email")
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert "Discard" not in screen_text(app)
    assert on_disk(db_path, "blocks") == []


async def test_y_discards_and_any_other_key_goes_back_to_the_form(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "2", "a")
        await type_text(pilot, "Ann Lee")
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard" in screen_text(app)
        await pilot.press("n")  # no: back, and the key is not typed into the name
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "Discard" not in screen_text(app)
        assert field(app, "name").value == "Ann Lee"
        assert app.focused is field(app, "name")
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    assert on_disk(db_path, "contacts") == []


async def test_escape_typed_right_after_a_change_still_asks(repo, make_app):
    """In a burst the change may not be in the field yet when escape arrives."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "a")
        burst(app, *"Email", "escape")
        await settle(pilot)
        assert "Discard" in screen_text(app)


# -- 10. the stage is picked from the pipeline's stages ---------------------------------


async def test_the_contact_form_offers_the_stages_to_pick_from(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "2", "a")
        await type_text(pilot, "Ann Lee")
        field(app, "stage").focus()
        await pilot.pause()
        text = screen_text(app)
        for stage in ("target", "reached out", "connected", "conversation", "meeting booked",
                      "met", "referral", "dormant"):
            assert stage in text
        await pilot.press("down", "down")  # target → reached out → connected
        assert field(app, "stage").value == "connected"
        await pilot.press("up")
        assert field(app, "stage").value == "reached out"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [contact] = on_disk(db_path, "contacts")
    assert contact["stage"] == "reached out"


async def test_a_stage_typed_in_part_is_completed_by_tab(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app, "2", "a")
        await type_text(pilot, "Ann Lee")
        await fill(pilot, app, "stage", "conv")
        await pilot.press("tab")
        assert field(app, "stage").value == "conversation"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [contact] = on_disk(db_path, "contacts")
    assert contact["stage"] == "conversation"
