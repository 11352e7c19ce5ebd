"""The focus clock survives `kill -9`: a real app process is killed mid-session.

A subprocess runs the real `prize timer` app (headless, real clock) and drives it
by key: space + ctrl+s starts a quick session, space pauses, space resumes, then it
presses + and - forever. After each key it waits until the save worker has put the
edit on disk and only then prints the stored instant. The test SIGKILLs it, reopens
the file and checks the session is still running with the printed start and pause,
and its elapsed time right to the second. No sleeps: it synchronises on the lines.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from tui.model import focus_time
from tui.store import Repository

ROOT = Path(__file__).resolve().parents[1]

DRIVER = r'''
import asyncio, os, sys
from tui.store import Repository
from tui.ui.app import PrizeApp


def say(line):
    os.write(1, (line + "\n").encode())


async def main(path):
    repo = Repository.open(path)
    app = PrizeApp(repo, start="timer")
    async with app.run_test(size=(80, 24)) as pilot:
        async def press(key):
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert not repo.dirty, "the edit should be on disk"
            [s] = repo.sessions.where(lambda s: s.running)
            return s

        await pilot.press("space")
        await pilot.pause()
        s = await press("ctrl+s")
        say(f"started {s.started}")
        s = await press("space")
        say(f"paused {s.pauses[-1][0]}")
        s = await press("space")
        say(f"resumed {s.pauses[-1][1]}")
        n = 0
        while True:
            n += 1
            s = await press("plus" if n % 2 else "minus")
            say(f"planned {s.planned_minutes}")


asyncio.run(main(sys.argv[1]))
'''


def read_line(proc: subprocess.Popen) -> str:
    line = proc.stdout.readline().decode()
    assert line, "the app process ended early: " + proc.stderr.read().decode()[-2000:]
    return line.strip()


def test_a_session_survives_sigkill_with_the_right_elapsed_time(tmp_path):
    path = tmp_path / "prize.json"
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Only a hung process is ever killed by this: the read then fails instead of hanging.
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        started = read_line(proc).removeprefix("started ")
        paused = read_line(proc).removeprefix("paused ")
        resumed = read_line(proc).removeprefix("resumed ")
        planned = [int(read_line(proc).removeprefix("planned ")) for _ in range(5)]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        watchdog.cancel()
        proc.stdout.close()
        proc.stderr.close()
    assert planned[:2] == [35, 30]

    repo = Repository.open(path)  # the dead process's lock is free again
    try:
        [s] = repo.sessions.all()
        now = datetime.now(UTC)
        assert s.running and not s.paused
        assert s.started == started
        assert s.pauses == [[paused, resumed]]
        # The last printed plan is on disk, or the one edit after it (killed in between).
        assert s.planned_minutes in {planned[-1], 35 if planned[-1] == 30 else 30}
        at = datetime.fromisoformat
        expected = (now - at(started)) - (at(resumed) - at(paused))
        spent = focus_time.elapsed(s, now).total_seconds()
        assert int(spent) == int(expected.total_seconds())
        assert 0 <= spent < 120  # seconds old: not negative, not counted twice
    finally:
        repo.close()

    status = subprocess.run([sys.executable, "-m", "tui", "status", "--db", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    assert status.stdout.startswith("LinkedIn ") and status.stdout.strip().endswith(" left")

