"""Calendar sync while the app runs: in a worker, off the key path; the header says
when it last synced or that it could not; what it brings shows in the week."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.calendar.fake_server import BASE, FakeServer
from tests.calendar.test_sync_rules import interview
from tests.screen import from_palette, screen_text
from tui.model.blocks import Block
from tui.model.edit import Edit, added, updated


@pytest.fixture
def server(repo, monkeypatch) -> FakeServer:
    fake = FakeServer()
    monkeypatch.setattr("tui.store.caldav_client.CalDAVServer.open",
                        lambda *args: fake)
    monkeypatch.setenv("PRIZE_CALDAV_PASSWORD", "pw")
    settings = repo.settings()
    repo.apply(Edit("connect", (updated(settings, settings.replace(
        id=1, calendar_url=BASE, calendar_user="ada", calendar_name="Prize")),)))
    repo.flush()
    return fake


async def settle(app, pilot) -> None:
    """Until the calendar's thread is done and what it brought is on screen."""
    for _ in range(400):
        await pilot.pause(0.02)
        if not app.calendar_sync.busy:
            break
    else:
        raise AssertionError("the calendar sync did not finish")
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_sync_in_the_background_pushes_pulls_and_shows_in_the_header(
        repo, make_app, server, db_path):
    server.put_text(BASE + "x1.ics", interview(datetime(2026, 11, 27, 13, 0, tzinfo=UTC)))
    app = make_app(repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "⇅ calendar …" in screen_text(app)
        app.apply(Edit("add block", (added(Block(channel="Email", day="2026-11-26",
                                                 start="10:00")),)))
        await from_palette(pilot, app, "Calendar: sync now")
        await settle(app, pilot)
        text = screen_text(app)
        assert "⇅ calendar 09:30" in text  # the app's clock: 09:30 in Paris
        assert "Calendar synced: pushed 1 new" in text and "pulled 1 new" in text
        assert len(server.events) == 2
        assert [m.source for m in repo.meetings.all()] == ["calendar"]
        assert "Interview with Grace Hopper" in text or "Meeting" in text


async def test_a_failed_background_sync_says_so_once_and_changes_nothing(
        repo, make_app, server, db_path):
    server.down = True
    app = make_app(repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        generation = repo.generation
        await from_palette(pilot, app, "Calendar: sync now")
        await settle(app, pilot)
        text = screen_text(app)
        assert "✗ calendar not synced" in text
        assert "Calendar sync: cannot reach the calendar server at" in text
        assert repo.generation == generation
        server.down = False
        await from_palette(pilot, app, "Calendar: sync now")
        await settle(app, pilot)
        assert "⇅ calendar 09:30" in screen_text(app)


async def test_connect_from_the_palette_against_a_real_server(repo, make_app, radicale,
                                                              calendar_name, memory_keyring,
                                                              db_path, monkeypatch):
    from tests.calendar.conftest import PASSWORD, USER
    from tests.screen import fill

    monkeypatch.delenv("PRIZE_CALDAV_PASSWORD", raising=False)
    repo.apply(Edit("add block", (added(Block(channel="Email", day="2026-11-26",
                                              start="10:00")),)))
    repo.flush()
    app = make_app(repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await from_palette(pilot, app, "Calendar: connect…")
        await fill(pilot, app, "url", radicale.url)
        await fill(pilot, app, "user", USER)
        await fill(pilot, app, "password", PASSWORD)
        assert PASSWORD not in screen_text(app)  # dots, not the password
        await fill(pilot, app, "calendar", calendar_name)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await settle(app, pilot)
        text = screen_text(app)
        assert f"Connected to the calendar '{calendar_name}'" in text
        assert "pushed 1 new" in text and "⇅ calendar 09:30" in text
    settings = repo.settings()
    assert settings.calendar_url.startswith(radicale.url) and settings.calendar_user == USER
    assert list(memory_keyring.passwords.values()) == [PASSWORD]
    assert PASSWORD not in db_path.read_text()


async def test_quitting_does_not_wait_for_a_server_that_does_not_answer(repo, make_app, server):
    import threading
    import time

    answer = threading.Event()
    real_probe = server.probe

    def hanging_probe():
        answer.wait(30)
        return real_probe()

    server.probe = hanging_probe
    app = make_app(repo)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.calendar_sync.sync_now()
            await pilot.pause()
            assert app.calendar_sync.busy
            started = time.monotonic()
            await pilot.press("q")
        assert time.monotonic() - started < 2
    finally:
        answer.set()
        if app.calendar_sync.thread is not None:
            app.calendar_sync.thread.join(10)  # (it finds the app gone and says nothing)
