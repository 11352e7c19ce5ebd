"""The fault cases of tests/fault_tally.py: each makes one fault of issue #9 happen a
number of times and adds what it finds to a Counter row (columns: see fault_tally.py).
They reuse the store tests' helpers: writer_proc.py through test_crash's start /
read_line / kill_and_drain / expected_states, and store_helpers.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE / "store")]

import orjson  # noqa: E402
from store_helpers import file_snapshot, repo_state, state_digest, subprocess_env  # noqa: E402
from test_crash import expected_states, kill_and_drain, read_line, start  # noqa: E402

from tests.test_cli import prize  # noqa: E402
from tui.model.contacts import Contact  # noqa: E402
from tui.store import (  # noqa: E402
    Repository,
    StoreError,
    UnreadableFile,
    WriteFailed,
)
from tui.store.backups import backup_dir  # noqa: E402


def names_on_disk(path: Path) -> list[str] | None:
    """The contact names in the file, or None when Prize cannot read it."""
    try:
        return [c.name for c in Repository.open_read_only(path).contacts.all()]
    except UnreadableFile:
        return None


def seeded(folder: Path, names: list[str]) -> Path:
    path = folder / "prize.json"
    repo = Repository.open(path, backup_days=0)
    repo.contacts.add_many(Contact(name=n) for n in names)
    repo.close()
    return path


def one_line_exit_2(done: subprocess.CompletedProcess) -> bool:
    err = done.stderr if isinstance(done.stderr, str) else done.stderr.decode()
    return done.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err


# -- SIGKILL at random instants during writes ------------------------------------------


def sigkill(row: Counter, folder: Path, kills: int, rng: random.Random) -> None:
    path, env = folder / "prize.json", subprocess_env(folder)
    for _ in range(kills):
        proc = start(["loop", str(path), str(rng.randrange(2**32))], env, folder)
        lines, seen, want = [], 0, rng.randint(1, 40)
        while seen < want:
            lines.append(line := read_line(proc))
            seen += line.startswith(b"confirmed ") and not line.startswith(b"confirmed 0 ")
        while not line.startswith(b"pending "):  # kill soon after a flush begins
            lines.append(line := read_line(proc))
        for _ in range(rng.randrange(0, 30_000)):
            pass
        lines += kill_and_drain(proc)
        row["tried"] += 1
        row["killed mid-write"] += bool(list(folder.glob(f".{path.name}.*.prize-tmp")))
        _, confirmed, after = expected_states(lines)
        try:
            repo = Repository.open(path, backup_days=0)
        except UnreadableFile:
            row["unreadable files"] += 1
            path.unlink()
            continue
        on_disk = state_digest(repo_state(repo))
        repo.close()
        if on_disk not in (confirmed, after):
            row["confirmed edits lost"] += 1
            row["damaged records"] += 1


# -- a write that fails: ENOSPC, EIO ---------------------------------------------------------


def write_fails(row: Counter, folder: Path, runs: int, rng: random.Random, code: int) -> None:
    real_writev = os.writev
    for i in range(runs):
        path = seeded(folder / str(i), [f"saved {n}" for n in range(50)])
        confirmed = names_on_disk(path)
        repo = Repository.open(path, backup_days=0)
        repo.contacts.add(Contact(name="pending"))
        failing = rng.choice(["writev", "fsync", "replace"])

        def broken(*args, _name=failing):
            if _name == "writev":  # the disk fills up part-way through
                real_writev(args[0], list(args[1])[:1])
            raise OSError(code, os.strerror(code))

        row["tried"] += 1
        with mock.patch.object(os, failing, broken):
            try:
                repo.flush()
                row["wrong outcomes"] += 1
            except WriteFailed:
                pass
        on_disk = names_on_disk(path)
        if on_disk is None:
            row["unreadable files"] += 1
        elif on_disk != confirmed:
            row["damaged records"] += 1
            row["confirmed edits lost"] += len(set(confirmed) - set(on_disk))
        if list(path.parent.glob("*.prize-tmp")) or not repo.dirty:
            row["wrong outcomes"] += 1
        try:
            repo.close()  # space is back: the edit kept in memory is written now
        except StoreError:
            row["confirmed edits lost"] += 1  # the edit kept in memory could not be saved
        if names_on_disk(path) != [*confirmed, "pending"]:
            row["wrong outcomes"] += 1


# -- the data file deleted or replaced while open ---------------------------------------------


def changed_under(row: Counter, folder: Path, runs: int, how: str) -> None:
    theirs = orjson.dumps({"meta": {"1": {"schema_version": 1}},
                           "contacts": {"1": {"name": "the other program's"}}})
    for i in range(runs):
        path = seeded(folder / str(i), [])
        repo = Repository.open(path, backup_days=0)
        repo.contacts.add(Contact(name="confirmed"))
        repo.flush()
        if how == "delete":
            os.unlink(path)
        elif how == "rename":
            (path.parent / "sync.tmp").write_bytes(theirs)
            os.replace(path.parent / "sync.tmp", path)
        else:
            path.write_bytes(theirs)  # in place, another size
        repo.contacts.add(Contact(name="pending"))
        row["tried"] += 1
        for step in (repo.flush, repo.close):  # merged with what is there, then written
            try:
                step()
            except StoreError:
                row["wrong outcomes"] += 1
        if [c.name for c in repo.contacts.all()] != ["confirmed", "pending"] and \
                sorted(c.name for c in repo.contacts.all()) != \
                ["confirmed", "pending", "the other program's"]:
            row["confirmed edits lost"] += 1
        wanted = {"confirmed", "pending"} | (set() if how == "delete" else
                                              {"the other program's"})
        if set(names_on_disk(path) or ()) != wanted:
            row["damaged records"] += 1
        Repository.open(path, backup_days=0).close()  # the lock was freed


# -- read-only folders (run as a user the modes apply to) ------------------------------------


def read_only(rows: dict[str, Counter], folder: Path, runs: int) -> None:
    """Two rows: the data file's folder, and the backup folder, made 0o500."""
    for i in range(runs):
        path = seeded(folder / f"data{i}", ["before"])
        before = file_snapshot(path)
        row = rows["read-only folder"]
        os.chmod(path.parent, 0o500)
        try:
            row["tried"] += 1
            repo = Repository.open(path)
            repo.contacts.add(Contact(name="after"))
            for step in (repo.flush, repo.close):
                try:
                    step()
                    row["wrong outcomes"] += 1
                except WriteFailed:
                    pass
        finally:
            os.chmod(path.parent, 0o700)
        row["damaged records"] += file_snapshot(path) != before
        row["confirmed edits lost"] += names_on_disk(path) != ["before"]

        path = seeded(folder / f"backup{i}", ["before"])
        Repository.open(path, today=date(2026, 3, 1)).close()
        row = rows["unwritable backup folder"]
        os.chmod(backup_dir(path), 0o500)
        try:
            row["tried"] += 1
            repo = Repository.open(path, today=date(2026, 3, 2))
            row["wrong outcomes"] += not repo.report.warnings
            repo.contacts.add(Contact(name="after"))
            repo.close()
        finally:
            os.chmod(backup_dir(path), 0o700)
        row["confirmed edits lost"] += names_on_disk(path) != ["before", "after"]


def backup_folder_replaced(row: Counter, folder: Path, runs: int) -> None:
    """The backup folder turned into a file or a dangling link between two opens."""
    for i in range(runs):
        path = seeded(folder / str(i), ["before"])
        shutil.rmtree(backup_dir(path), ignore_errors=True)
        if i % 2:
            backup_dir(path).write_text("a file where the folder was")
        else:
            backup_dir(path).symlink_to(folder / "unplugged")
        row["tried"] += 1
        repo = Repository.open(path, today=date(2026, 3, 2))
        row["wrong outcomes"] += not repo.report.warnings
        repo.contacts.add(Contact(name="after"))
        repo.close()
        row["confirmed edits lost"] += names_on_disk(path) != ["before", "after"]


# -- processes: a second instance, a stale lock -------------------------------------------


def holder_then(row: Counter, folder: Path, runs: int, kill: bool) -> None:
    env = subprocess_env(folder)
    source = folder / "people.csv"
    for i in range(runs):
        path = folder / str(i) / "prize.json"
        path.parent.mkdir(parents=True)
        source.write_text(f"name\nImported {i}\n")
        proc = start(["hold", str(path)], env, folder)
        if not read_line(proc).startswith(b"ready "):
            row["wrong outcomes"] += 1
        row["tried"] += 1
        if kill:
            kill_and_drain(proc)  # leaves the lock file behind
        before = file_snapshot(path)
        done = prize("import", "csv", str(source), "--db", str(path), home=folder)
        if kill:
            row["wrong outcomes"] += done.returncode != 0
            expected = ["from the holder", f"Imported {i}"]
        else:
            row["wrong outcomes"] += not one_line_exit_2(done)
            row["damaged records"] += file_snapshot(path) != before
            proc.stdin.write(b"add second edit\n")
            proc.stdin.flush()
            row["wrong outcomes"] += not read_line(proc).startswith(b"saved")  # first keeps working
            kill_and_drain(proc)
            expected = ["from the holder", "second edit"]
        on_disk = names_on_disk(path)
        if on_disk is None:
            row["unreadable files"] += 1
        else:
            row["confirmed edits lost"] += len(set(expected) - set(on_disk))
