"""What goes wrong with a calendar server, each as one line with nothing changed:
a server that does not answer, a calendar deleted on the server, a calendar too big."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest

from tests.calendar.conftest import PASSWORD, USER
from tests.calendar.fake_server import FakeServer
from tests.calendar.helpers import connected, plan, prize
from tests.calendar.test_sync_rules import interview, run
from tui.store.caldav_sync import SyncError


def test_a_server_that_does_not_answer_times_out_in_one_line(capsys, db, monkeypatch):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []
    stop = threading.Event()

    def accept():  # takes connections and never answers
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    monkeypatch.setattr("tui.store.caldav_client.TIMEOUT_S", 1)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        started = time.monotonic()
        code, out, err = prize(capsys, "calendar", "connect", url, "--user", USER,
                               "--db", str(db))
        took = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
        listener.close()
        for conn in held:
            conn.close()
    assert code == 2 and out == "" and "\n" not in err
    assert err.startswith("prize: the calendar server at 127.0.0.1:")
    assert "did not answer within 1 s" in err
    assert took < 10
    assert not db.exists()


def test_calendar_deleted_on_the_server(capsys, db, radicale, calendar_name):
    calendar = connected(capsys, db, radicale, calendar_name)
    plan(db)
    prize(capsys, "calendar", "sync", "--db", str(db))
    before = db.read_bytes()
    calendar.delete()
    code, out, err = prize(capsys, "calendar", "sync", "--db", str(db))
    assert code == 2 and "\n" not in err
    assert "is not on the server any more: connect again" in err
    assert db.read_bytes() == before
    assert PASSWORD not in before.decode()


def test_a_huge_calendar_is_refused_whole(repo, monkeypatch):
    from datetime import UTC, datetime, timedelta

    monkeypatch.setattr("tui.store.caldav_sync.MAX_EVENTS", 20)
    server = FakeServer()
    for n in range(21):
        server.put_text(f"http://fake.test/cal/{n}.ics", interview(
            datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta(hours=n)).replace(
            "interview-1@", f"i{n}@"))
    generation = repo.generation
    with pytest.raises(SyncError, match="holds 21 events in the sync window; Prize syncs at "
                                        "most 20"):
        run(repo, server)
    assert repo.generation == generation and server.writes == 0


def test_as_a_person_runs_it_a_wrong_password_is_one_line(tmp_path, radicale):
    """The real command in its own process: one line on stderr, exit 2, no traceback."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(root),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "PRIZE_CALDAV_PASSWORD": "wrong"}
    db = str(tmp_path / "prize.json")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "calendar", "connect", radicale.url, "--user", USER,
         "--db", db], capture_output=True, text=True, env=env, timeout=60,
        stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "refused user 'ada': check the user and password" in result.stderr
    env.pop("PRIZE_CALDAV_PASSWORD")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "calendar", "connect", radicale.url, "--user", USER,
         "--db", db], capture_output=True, text=True, env=env, timeout=60,
        stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr == ("prize: no calendar password: set PRIZE_CALDAV_PASSWORD (or run "
                             "this in a terminal to type it)\n")
