"""Crash safety of the store with real processes: SIGKILL, a second instance, read-only folders.

The kill loop runs a writer (writer_proc.py) that edits and flushes in a tight
loop, kills it with SIGKILL at a random instant, and reopens the file: it must
load, and hold either the last state the writer confirmed or the one edit after
it (an edit can reach the disk before its "confirmed" line is printed).

    PRIZE_KILL_LOOPS=N   number of kills (default 30; e.g. 300 for the benchmark figure)
    PRIZE_KILL_SEED=S    seed of the random choices (default fixed, so runs repeat)

No sleeps: the test synchronises on the lines the subprocesses print.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import orjson
import pytest
from store_helpers import HERE, ROOT, file_snapshot, repo_state, state_digest

from tui.model.contacts import Contact
from tui.store import AlreadyOpen, Repository, StoreError, UnreadableFile, WriteFailed
from tui.store.lock import acquire, lock_path

WRITER = HERE / "writer_proc.py"
OPEN_CLI = HERE / "open_cli.py"
KILLS = int(os.environ.get("PRIZE_KILL_LOOPS", "30"))
SEED = int(os.environ.get("PRIZE_KILL_SEED", "20260310"))
DAY = date(2026, 3, 10)
IS_ROOT = os.geteuid() == 0


WATCHDOG_SECONDS = 120


def start(args: list[str], env: dict[str, str], cwd: Path,
          script: Path = WRITER) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    # Not a synchronisation sleep: only a hung subprocess is ever killed by this,
    # which ends the blocked read with EOF and fails the test instead of hanging.
    watchdog = threading.Timer(WATCHDOG_SECONDS, proc.kill)
    watchdog.daemon = True
    watchdog.start()
    proc.watchdog = watchdog  # type: ignore[attr-defined]
    return proc


def run_cli(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """open_cli.py: Repository.open as the app's entry point does it (StoreError: exit 2)."""
    return subprocess.run(
        [sys.executable, str(OPEN_CLI), str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=path.parent,
        timeout=60,
        check=False,
    )


def read_line(proc: subprocess.Popen) -> bytes:
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        err = proc.stderr.read().decode(errors="replace")
        pytest.fail(f"the subprocess ended early (exit {proc.wait()}):\n{err}")
    return line


def kill_and_drain(proc: subprocess.Popen) -> list[bytes]:
    """SIGKILL the process; return what it printed that was not read yet."""
    proc.watchdog.cancel()  # type: ignore[attr-defined]
    proc.send_signal(signal.SIGKILL)  # does nothing if it already ended
    rest = proc.stdout.read()  # includes what the buffered reader already holds
    proc.wait(timeout=60)
    proc.stdin.close()
    proc.stdout.close()
    proc.stderr.close()
    return rest.splitlines()


def expected_states(lines: list[bytes]) -> tuple[int, str, str | None]:
    """(last confirmed N, its digest, digest of edit N+1 if it was started)."""
    confirmed = [ln.split() for ln in lines if ln.startswith(b"confirmed ")]
    n, digest = int(confirmed[-1][1]), confirmed[-1][2].decode()
    pending = [ln.split() for ln in lines if ln.startswith(b"pending ")]
    after = [p[2].decode() for p in pending if int(p[1]) == n + 1]
    return n, digest, after[0] if after else None


# -- a. SIGKILL at random instants ---------------------------------------------------


@pytest.mark.parametrize("confirm", ["flush", "commit"])
def test_sigkill_at_random_instants_loses_nothing(tmp_path, sub_env, confirm):
    """`flush`: an edit is confirmed once the file holds it; `commit`: once the
    journal does (journal.py), the file being rewritten after it, as the app does."""
    rng = random.Random(SEED)
    path = tmp_path / "prize.json"
    temp_glob = f".{path.name}.*.prize-tmp"
    stats: Counter[str] = Counter()
    problems: list[str] = []
    for kill in range(KILLS):
        mode = ["commit"] if confirm == "commit" else []
        proc = start(["loop", str(path), str(rng.randrange(2**32)), *mode], sub_env, tmp_path)
        want = rng.randint(1, 40)
        lines: list[bytes] = []
        seen = 0
        while seen < want:
            line = read_line(proc)
            lines.append(line)
            if line.startswith(b"error"):
                pytest.fail(line.decode())
            if line.startswith(b"confirmed ") and not line.startswith(b"confirmed 0 "):
                seen += 1
        # Kill at a random instant soon after a flush begins, so many kills land
        # inside the write (measured in loop iterations, not sleeps).
        while not line.startswith(b"pending "):
            line = read_line(proc)
            lines.append(line)
        for _ in range(rng.randrange(0, 30_000)):
            pass
        lines += kill_and_drain(proc)
        assert proc.returncode == -signal.SIGKILL, "the writer must die of the kill"
        assert not any(ln.startswith(b"error") for ln in lines), lines
        n, confirmed, next_edit = expected_states(lines)
        stats["edits confirmed"] += n
        stats["kills"] += 1
        if list(tmp_path.glob(temp_glob)):
            stats["killed with a temp file half-written"] += 1
        try:
            repo = Repository.open(path, today=DAY)
        except UnreadableFile as exc:
            stats["unreadable"] += 1
            problems.append(f"kill {kill}: {exc}")
            break
        on_disk = state_digest(repo_state(repo))
        repo.close()
        assert not list(tmp_path.glob(temp_glob)), "stale temp files are cleaned on open"
        if on_disk == confirmed:
            stats["at the last confirmed edit"] += 1
        elif on_disk == next_edit:
            stats["at the edit after it"] += 1
        else:
            stats["confirmed edits lost"] += 1
            problems.append(f"kill {kill}: disk {on_disk}, confirmed #{n} {confirmed}")

    summary = (
        f"kill loop: {stats['kills']} kills, {stats['unreadable']} unreadable, "
        f"{stats['confirmed edits lost']} confirmed edits lost; "
        f"{stats['at the last confirmed edit']} at the last confirmed edit, "
        f"{stats['at the edit after it']} at the edit after it, "
        f"{stats['killed with a temp file half-written']} killed mid-write (temp left), "
        f"{stats['edits confirmed']} edits confirmed in all"
    )
    print(summary)
    (tmp_path / "kill-summary.txt").write_text(summary + "\n")
    if os.environ.get("PRIZE_KILL_SUMMARY"):
        Path(os.environ["PRIZE_KILL_SUMMARY"]).write_text(summary + "\n")
    assert problems == []
    assert stats["unreadable"] == 0 and stats["confirmed edits lost"] == 0
    assert stats["kills"] == KILLS


# -- b. a second instance ------------------------------------------------------------


def _say(holder, line: str) -> bytes:
    holder.stdin.write(line.encode() + b"\n")
    holder.stdin.flush()
    return read_line(holder)


def test_a_second_process_writes_beside_the_first_and_every_edit_stays(tmp_path, sub_env):
    """The lock is held for a write, not for a process's life: a second Prize on the
    file (`prize timer` beside the planner) writes too, and each merges the other's
    edits in; a kill -9 of the first loses nothing it confirmed."""
    path = tmp_path / "prize.json"
    holder = start(["hold", str(path)], sub_env, tmp_path)
    try:
        assert read_line(holder).startswith(b"ready ")
        repo = Repository.open(path, today=DAY)
        repo.contacts.add(Contact(name="from here"))
        repo.close()
        cli = run_cli(path, sub_env)
        assert (cli.returncode, cli.stderr) == (0, "")
        assert _say(holder, "add from the holder again") == b"saved 3\n"  # ours merged in
        names = json.loads(_say(holder, "names").split(b" ", 1)[1])
        assert sorted(names) == ["from here", "from the holder", "from the holder again"]
    finally:
        kill_and_drain(holder)
    assert holder.returncode == -signal.SIGKILL
    repo = Repository.open(path, today=DAY)
    try:
        assert sorted(c.name for c in repo.contacts.all()) == [
            "from here", "from the holder", "from the holder again"]
    finally:
        repo.close()


def test_a_process_killed_while_holding_the_lock_frees_it(tmp_path, sub_env):
    """A lock held when its process dies is freed by the kernel: the next open waits
    for nothing."""
    path = tmp_path / "prize.json"
    holder = start(["hold", str(path)], sub_env, tmp_path)
    try:
        assert read_line(holder).startswith(b"ready ")
    finally:
        kill_and_drain(holder)
    held = acquire(path)  # at once: nobody holds it
    held.release()
    repo = Repository.open(path, today=DAY)
    assert [c.name for c in repo.contacts.all()] == ["from the holder"]
    repo.close()


# -- c. a read-only folder -----------------------------------------------------------


@pytest.fixture
def readonly_folder(tmp_path):
    """A folder holding a data file (and its lock file) from earlier runs, then made 0o500."""
    folder = tmp_path / "ro"
    path = folder / "prize.json"
    repo = Repository.open(path, today=DAY)
    repo.contacts.add(Contact(name="before"))
    repo.close()
    yield folder, path
    os.chmod(folder, 0o700)


def _make_readonly(folder: Path) -> None:
    os.chmod(folder, 0o500)
    if os.access(folder, os.W_OK):  # root, or a file system that ignores modes
        os.chmod(folder, 0o700)
        pytest.skip("this user can write to a 0o500 folder (root?)")


@pytest.mark.skipif(
    IS_ROOT, reason="root writes to read-only folders; see test_readonly_as_non_root"
)
def test_readonly_folder_flush_fails_cleanly(readonly_folder):
    folder, path = readonly_folder
    _make_readonly(folder)
    before = file_snapshot(path)
    repo = Repository.open(path, today=date(2026, 3, 11))  # reading is fine
    assert any("backup" in w for w in repo.report.warnings)  # its daily backup was not written
    repo.contacts.add(Contact(name="after"))
    with pytest.raises(WriteFailed) as info:
        repo.flush()
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert repo.dirty
    with pytest.raises(WriteFailed):
        repo.close()
    assert file_snapshot(path) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, lock_path(path).name])
    os.chmod(folder, 0o700)
    again = Repository.open(path, today=DAY)  # the lock was freed despite the failure
    assert [c.name for c in again.contacts.all()] == ["before"]
    again.close()


@pytest.mark.skipif(
    IS_ROOT, reason="root writes to read-only folders; see test_readonly_as_non_root"
)
def test_readonly_folder_without_a_lock_file_is_refused_cleanly(readonly_folder):
    folder, path = readonly_folder
    os.unlink(lock_path(path))
    _make_readonly(folder)
    before = file_snapshot(path)
    with pytest.raises(StoreError) as info:
        Repository.open(path, today=DAY)
    assert not isinstance(info.value, AlreadyOpen)
    assert str(path) in str(info.value)
    assert file_snapshot(path) == before


@pytest.mark.skipif(
    IS_ROOT, reason="root writes to read-only folders; see test_readonly_as_non_root"
)
def test_readonly_folder_with_an_old_schema_is_refused_cleanly(readonly_folder):
    folder, path = readonly_folder
    path.write_bytes(orjson.dumps({"contacts": {"1": {"full_name": "Old", "stage": "MET"}}}))
    _make_readonly(folder)
    before = file_snapshot(path)
    with pytest.raises(StoreError) as info:
        Repository.open(path, today=DAY)
    assert str(path) in str(info.value)
    assert file_snapshot(path) == before
    os.chmod(folder, 0o700)
    repo = Repository.open(path, today=DAY)  # lock freed; the migration now works
    assert repo.report.migrated_from == 0 and repo.contacts.get(1).name == "Old"
    repo.close()


@pytest.mark.skipif(not IS_ROOT, reason="only needed where the tests above are skipped")
def test_readonly_as_non_root(tmp_path):
    """As root, run the read-only tests in a user namespace where folder modes apply.

    `unshare --user` (no uid map) keeps the files' owner but drops the power to
    override permissions, like an ordinary user.
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not available")
    probe = subprocess.run([unshare, "--user", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"user namespaces are not available: {probe.stderr.decode().strip()}")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [
            unshare,
            "--user",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-p",
            "no:randomly",
            f"--basetemp={tmp_path / 'inner'}",
            "--rootdir",
            str(ROOT),
            "-o",
            "addopts=",
            str(Path(__file__)),
            "-k",
            "readonly_folder",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    tail = (done.stdout + done.stderr)[-3000:]
    assert done.returncode == 0, tail
    assert "3 passed" in done.stdout, tail
