"""Helpers for the focus clock tests: a fake clock tick, what the clock shows, notices."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import orjson
from textual.widgets import Digits

from tests.conftest import NOW
from tui.model import focus
from tui.ui.widgets.focus_pane import FocusClock


def clock_widget(app) -> FocusClock:
    return app.screen_stack[0].query_one(FocusClock)


async def tick(pilot, app) -> None:
    """What the one-second interval does, without waiting a second."""
    clock_widget(app).tick()
    await pilot.pause()


def digits(app) -> str:
    return clock_widget(app).query_one(Digits).value


def clock_line(app, part: str) -> str:
    """The date line ("now"), the channel's minutes ("usage"), or a line of the
    text under the digits ("what", "state")."""
    clock = clock_widget(app)
    if part in ("now", "usage"):
        return str(clock.query_one(f"#focus-{part}").render())
    return str(clock.query_one("#focus-text").render()).split("\n")[("what", "state").index(part)]


def sessions_on_disk(db_path) -> list[dict]:
    return list(orjson.loads(db_path.read_bytes()).get("sessions", {}).values())


def listen(app) -> tuple[list[str], list[int]]:
    """Record the notices and bells the app gives (they are also shown as usual)."""
    said, bells = [], []
    notify = app.notify

    def record(message, **kwargs):
        said.append(message)
        notify(message, **kwargs)

    app.notify = record
    app.bell = lambda: bells.append(1)
    return said, bells


def running(repo, minutes_ago: int = 0, **kwargs):
    kwargs.setdefault("planned_minutes", 30)
    return repo.sessions.add(focus.start_session(
        kwargs.pop("channel", "LinkedIn"), NOW - timedelta(minutes=minutes_ago), **kwargs))


async def flushed(pilot, app) -> None:
    """Let the focus flow and the save worker finish (a dialog left open fails, not hangs)."""
    await pilot.pause()
    await asyncio.wait_for(app.workers.wait_for_complete(), timeout=10)
