"""`prize status`: one line for shell prompts, in every state of a session."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.model.sessions import FocusSession
from tui.model.status import clock_text, status_line

START = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def session(**changes) -> FocusSession:
    base = FocusSession(channel="LinkedIn", planned_minutes=30, started=START.isoformat())
    return base.replace(**changes)


def test_running_countdown_says_time_left():
    now = START + timedelta(minutes=17, seconds=56)
    assert status_line(session(), now) == "LinkedIn 12:04 left"


def test_paused_says_paused_and_time_spent():
    s = session(pauses=[[(START + timedelta(minutes=8, seconds=31)).isoformat(), None]])
    assert status_line(s, START + timedelta(hours=2)) == "LinkedIn paused 08:31"


def test_past_the_plan_says_over():
    now = START + timedelta(minutes=33, seconds=10)
    assert status_line(session(), now) == "LinkedIn 03:10 over"


def test_count_up_shows_time_spent():
    s = session(mode="count-up")
    assert status_line(s, START + timedelta(hours=1, minutes=2, seconds=3)) == "LinkedIn 1:02:03"


def test_stopped_session_prints_nothing():
    s = session(ended=(START + timedelta(minutes=30)).isoformat())
    assert status_line(s, START + timedelta(hours=1)) == ""


def test_clock_moved_backwards_never_shows_more_than_the_plan():
    assert status_line(session(), START - timedelta(hours=1)) == "LinkedIn 30:00 left"


def test_clock_text_formats():
    assert clock_text(timedelta(seconds=59)) == "00:59"
    assert clock_text(timedelta(hours=3, seconds=5)) == "3:00:05"
    assert clock_text(timedelta(seconds=-75)) == "-01:15"


def test_prize_status_reads_a_running_session_from_the_file(tmp_path):
    from tui.store import Repository

    path = tmp_path / "prize.json"
    repo = Repository.open(path)
    now = datetime.now(UTC)
    repo.sessions.add(FocusSession(channel="Email", planned_minutes=25,
                                   started=(now - timedelta(minutes=5)).isoformat()))
    repo.flush()
    # The planner holds the lock while it runs; status must still answer.
    out = subprocess.run([sys.executable, "-m", "tui", "status", "--db", str(path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    repo.close()
    assert out.returncode == 0
    line = out.stdout.strip()
    assert line.startswith("Email ") and line.endswith(" left")
    minutes = int(line.split()[1].split(":")[0])
    assert 19 <= minutes <= 20
