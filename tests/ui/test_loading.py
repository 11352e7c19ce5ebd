"""The first frame comes from the head of the file; the rest is read after it.

Keys typed before the whole file is read wait and then apply to the real data;
nothing can be edited on the first look.
"""

from __future__ import annotations

import orjson
import pytest

from tests.conftest import TODAY
from tests.screen import screen_text, type_text
from tui.store import Repository
from tui.store.demo import write_demo
from tui.ui import app as app_module


@pytest.fixture
def demo_file(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=50, weeks=2, seed=5, today=TODAY)
    repo.flush()
    repo.close()
    return db_path


@pytest.fixture
def slow_load(monkeypatch):
    """The whole file is read only when the test says so."""
    monkeypatch.setattr(app_module, "FRAME_OUT_S", 3600)


async def test_keys_typed_during_the_load_wait_and_apply_to_the_whole_file(
        demo_file, make_app, slow_load):
    data = orjson.loads(demo_file.read_bytes())
    name = sorted(c["name"] for c in data["contacts"].values())[7]
    block_title = next(iter(data["blocks"].values()))["activity"]
    repo = Repository.begin_open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert repo.loading
        text = screen_text(app)
        assert "Loading contacts…" in text and "1 Strategy" in text
        assert "No contacts yet" not in text
        await pilot.press("2", "slash")
        await type_text(pilot, name)
        await pilot.press("enter")
        assert app.screen.query_one("#contact-search").value == ""  # held, not typed yet
        assert app.input_waiting == len(name) + 3
        app.finish_loading()
        while app.input_waiting:  # one key per frame, as the focus may move between keys
            await pilot.pause()
        await pilot.pause()
        assert not repo.loading
        assert app.screen.query_one("#contact-search").value == name
        text = screen_text(app)
        assert name in text and "Loading contacts…" not in text
        assert "of 50" in text  # the search ran over all the contacts
    assert block_title  # the head held the blocks the first frame showed


async def test_the_week_and_the_clock_are_real_in_the_first_frame(demo_file, make_app, slow_load):
    whole = Repository.open(demo_file, today=TODAY)
    app = make_app(whole)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        loaded = screen_text(app)
    whole.close()
    repo = Repository.begin_open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = screen_text(app)
    repo.close()
    week = lambda text: [line for line in text.splitlines()[:24] if "│" in line]  # noqa: E731
    # The strategy pane shows the same blocks; only meeting names wait for the contacts.
    assert [line.split("Meeting")[0] for line in week(first)] == \
        [line.split("Meeting")[0] for line in week(loaded)]


async def test_a_file_damaged_past_the_head_ends_the_app_with_the_reason(
        demo_file, make_app):
    raw = demo_file.read_bytes()
    at = raw.index(b'\n"contacts":') + 40
    demo_file.write_bytes(raw[:at] + b"\x00" + raw[at + 1:])
    repo = Repository.begin_open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
    repo.close()
    assert app.return_code == 2
    assert "not valid JSON" in str(app.load_error) and str(demo_file) in str(app.load_error)
    assert demo_file.read_bytes()[at] == 0  # untouched





async def test_a_held_key_handed_on_to_the_new_focus_is_not_held_again(
        demo_file, make_app, slow_load, monkeypatch):
    """At 10k contacts the rows take ~250 ms after the load, and a held key could
    be replayed before the one before it had moved the focus: in `2/an`, the `/`
    reached the Strategy pane and was handed on to the Contacts pane, but held
    again behind `an`, so `a` opened the new-contact form."""
    repo = Repository.begin_open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash", "a", "n")
        replays: list = []  # each next replay, run when the test says
        monkeypatch.setattr(app, "call_after_refresh", lambda callback: replays.append(callback))
        app.finish_loading()  # `2` replayed
        replays.pop()()  # and `/` at once, before `2` has moved the focus
        while replays or app.input_waiting:
            for _ in range(3):
                await pilot.pause()
            if replays:
                replays.pop()()
        assert "New contact" not in screen_text(app)
        assert app.screen.query_one("#contact-search").value == "an"
