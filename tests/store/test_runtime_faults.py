"""Faults while Prize runs (issue #9): a stale lock, a second instance, the data file
deleted or replaced by another program, the backup folder changing between opens, and
the privacy of every file Prize writes. Real processes wherever the fault involves one:
the holder is writer_proc.py `hold`, the second instance is `python -m tui`, and the
"other program" is cp, mv or rm. Subprocesses are synchronised on the lines they print.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest
from store_helpers import ROOT
from test_crash import kill_and_drain, read_line, start

from tests.test_cli import assert_one_line_error, prize
from tui.model.contacts import Contact
from tui.store import Repository
from tui.store.backups import backup_dir
from tui.store.lock import lock_path

IS_ROOT = os.geteuid() == 0
OTHER = orjson.dumps({"meta": {"1": {"schema_version": 1}},
                      "contacts": {"1": {"name": "written by the sync tool"}}})


@pytest.fixture
def holder(tmp_path, sub_env):
    """A process holding the data file open (writer_proc.py hold); `ask` talks to it."""
    path = tmp_path / "prize.json"
    proc = start(["hold", str(path)], sub_env, tmp_path)
    assert read_line(proc).startswith(b"ready ")

    def ask(command: str) -> str:
        proc.stdin.write(command.encode() + b"\n")
        proc.stdin.flush()
        return read_line(proc).decode().rstrip("\n")

    proc.ask = ask  # type: ignore[attr-defined]
    yield path, proc
    if proc.poll() is None:
        kill_and_drain(proc)
    proc.watchdog.cancel()
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        pipe.close()


def small_csv(tmp_path: Path) -> Path:
    source = tmp_path / "people.csv"
    source.write_text("name,company\nCy Dee,Beta\n")
    return source


# -- the lock --------------------------------------------------------------------------


def test_a_lock_left_by_a_killed_process_does_not_block_the_next_one(tmp_path, holder):
    path, proc = holder
    kill_and_drain(proc)
    assert proc.returncode == -signal.SIGKILL and lock_path(path).exists()  # stale lock file
    out = prize("import", "csv", str(small_csv(tmp_path)), "--db", str(path), home=tmp_path)
    assert out.returncode == 0, out.stderr
    names = [d["name"] for d in orjson.loads(path.read_bytes())["contacts"].values()]
    assert names == ["from the holder", "Cy Dee"]


def test_a_lock_file_left_by_another_program_is_made_private(tmp_path):
    path = tmp_path / "prize.json"
    lock_path(path).write_text("12345\n")  # what a pid-file style lock leaves
    os.chmod(lock_path(path), 0o644)
    Repository.open(path, backup_days=0).close()
    assert lock_path(path).stat().st_mode & 0o777 == 0o600


def test_a_second_prize_works_beside_the_first_and_both_keep_their_edits(tmp_path, holder):
    path, proc = holder
    out = prize("import", "csv", str(small_csv(tmp_path)), "--db", str(path), home=tmp_path)
    assert out.returncode == 0, out.stderr  # not refused: the lock is for a write only
    assert proc.ask("add Still Working") == "saved 3"  # the import merged in first
    # Readers need no lock: the report and exports see what both saved.
    out = tmp_path / "contacts.csv"
    assert prize("export", "csv", str(out), "--db", str(path), home=tmp_path).returncode == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "Still Working" in text and "Cy Dee" in text
    assert proc.ask("close") == "closed" and proc.wait(timeout=60) == 0


# -- the data file changed by another program while open ------------------------------


def _delete(path: Path, tmp_path: Path) -> bytes | None:
    subprocess.run(["rm", str(path)], check=True)
    return None


def _replace_by_rename(path: Path, tmp_path: Path) -> bytes:
    (tmp_path / "incoming.json").write_bytes(OTHER)
    subprocess.run(["mv", str(tmp_path / "incoming.json"), str(path)], check=True)
    return OTHER


def _rewrite_in_place(path: Path, tmp_path: Path) -> bytes:
    (tmp_path / "incoming.json").write_bytes(OTHER)
    subprocess.run(["cp", str(tmp_path / "incoming.json"), str(path)], check=True)  # same inode
    return OTHER


@pytest.mark.parametrize("other_program", [_delete, _replace_by_rename, _rewrite_in_place])
def test_the_file_changed_under_an_open_repository_is_merged_not_overwritten(tmp_path, holder,
                                                                             other_program):
    path, proc = holder
    theirs = other_program(path, tmp_path)
    assert proc.ask("add Mine").startswith("saved")  # merged with what is there, then written
    names = json.loads(proc.ask("names").removeprefix("names "))
    expected = ["from the holder", "Mine"]
    if theirs is not None:  # its contact 1 is another record than the holder's
        expected.append("written by the sync tool")
    assert sorted(names) == sorted(expected)
    assert proc.ask("close") == "closed" and proc.wait(timeout=60) == 0
    on_disk = [d["name"] for d in orjson.loads(path.read_bytes())["contacts"].values()]
    assert sorted(on_disk) == sorted(expected)
    out = prize("report", "--db", str(path), home=tmp_path)
    assert out.returncode == 0, out.stderr  # and the next Prize reads what is there


# -- the backup folder between opens -----------------------------------------------------


def test_the_backup_folder_coming_and_going_is_at_most_a_warning(data_path):
    folder = backup_dir(data_path)

    def open_on(day: int, name: str) -> Repository:
        repo = Repository.open(data_path, today=date(2026, 3, day))
        repo.contacts.add(Contact(name=name))
        repo.close()
        return repo

    open_on(1, "day 1")
    assert open_on(2, "day 2").report.warnings == [] and folder.is_dir()
    shutil.rmtree(folder)  # disappears
    assert open_on(3, "day 3").report.warnings == [] and len(list(folder.iterdir())) == 1
    shutil.rmtree(folder)
    folder.symlink_to(data_path.parent / "unplugged-drive" / "backups")  # a dangling link
    assert "daily backup not written" in open_on(4, "day 4").report.warnings[0]
    folder.unlink()
    folder.mkdir(mode=0o755)  # appears, made by someone else, with a stranger inside
    (folder / "notes.txt").write_text("not a backup")
    assert open_on(5, "day 5").report.warnings == []
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "prize-2026-03-05.json"]
    reopened = Repository.open(data_path, backup_days=0)
    assert [c.name for c in reopened.contacts.all()] == [f"day {d}" for d in range(1, 6)]
    reopened.close()


def test_an_old_backup_that_cannot_be_pruned_does_not_hide_todays(data_path):
    for day in (1, 2):
        Repository.open(data_path, today=date(2026, 3, day)).close()
    stuck = backup_dir(data_path) / "prize-2026-01-01.json"
    stuck.mkdir()  # named like a backup due for pruning, but a folder
    repo = Repository.open(data_path, today=date(2026, 3, 3))
    repo.close()
    assert repo.report.warnings == []
    assert repo.report.daily_backup == backup_dir(data_path) / "prize-2026-03-03.json"
    assert stuck.is_dir()


@pytest.mark.skipif(IS_ROOT, reason="root writes anywhere; see test_unwritable_as_non_root")
def test_an_unwritable_backup_folder_is_a_warning_and_the_edits_are_saved(data_path):
    for day in (1, 2):  # created, then backed up
        Repository.open(data_path, today=date(2026, 3, day)).close()
    folder = backup_dir(data_path)
    os.chmod(folder, 0o500)
    try:
        repo = Repository.open(data_path, today=date(2026, 3, 3))
        assert "daily backup not written" in repo.report.warnings[0]
        repo.contacts.add(Contact(name="saved anyway"))
        repo.close()
    finally:
        os.chmod(folder, 0o700)
    assert "saved anyway" in data_path.read_text()
    assert [p.name for p in folder.iterdir()] == ["prize-2026-03-02.json"]


@pytest.mark.skipif(not IS_ROOT, reason="only needed where the test above is skipped")
def test_unwritable_as_non_root(tmp_path):
    """As root, rerun the test above in a user namespace, where folder modes apply."""
    if not shutil.which("unshare") or subprocess.run(
            ["unshare", "--user", "true"], capture_output=True, check=False).returncode:
        pytest.skip("user namespaces are not available")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        ["unshare", "--user", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-p", "no:randomly", f"--basetemp={tmp_path / 'inner'}", "-o",
         "addopts=", str(Path(__file__)), "-k", "unwritable_backup_folder"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-3000:]


def test_an_unreadable_file_next_to_a_broken_backup_folder_is_still_one_line(tmp_path):
    path = tmp_path / "prize.json"
    path.write_bytes(b"{")
    backup_dir(path).mkdir()
    (backup_dir(path) / "prize-2026-03-01.json").symlink_to(tmp_path / "gone.json")
    (backup_dir(path) / "prize-2026-03-02.json").mkdir()
    for args in (["report"], ["trends"], ["import", "csv", str(small_csv(tmp_path))]):
        line = assert_one_line_error(prize(*args, "--db", str(path), home=tmp_path))
        assert line.endswith("no backup found.")
    assert path.read_bytes() == b"{"


# -- privacy: 0600 files, 0700 folders, whatever the umask --------------------------------


def test_every_file_prize_writes_is_private_even_with_umask_0(tmp_path):
    db = tmp_path / "new" / "prize.json"
    old_umask = os.umask(0)  # inherited by the subprocesses
    try:
        for _ in range(2):  # the second open makes the daily backup
            out = prize("import", "csv", str(small_csv(tmp_path)), "--db", str(db), home=tmp_path)
            assert out.returncode == 0, out.stderr
        exports = [tmp_path / name for name in ("c.csv", "w.csv", "all.json", "cal.ics")]
        for kind, target in zip(("csv", "worklog", "json", "ics"), exports, strict=True):
            out = prize("export", kind, str(target), "--db", str(db), home=tmp_path)
            assert out.returncode == 0, out.stderr
        old = tmp_path / "old" / "prize.json"  # schema 0: migrated after a backup
        old.parent.mkdir(mode=0o755)
        old.write_bytes(b'{"contacts": {"1": {"full_name": "Old", "stage": "MET"}}}')
        assert prize("report", "--db", str(old), home=tmp_path).returncode == 0
        out = prize("import", "csv", str(small_csv(tmp_path)), "--db", str(old), home=tmp_path)
        assert out.returncode == 0, out.stderr
    finally:
        os.umask(old_umask)
    backups = [*backup_dir(db).iterdir(), *backup_dir(old).iterdir()]
    assert len(backups) == 3 and any("before-migration" in p.name for p in backups)
    for path in [db, lock_path(db), old, lock_path(old), *backups, *exports]:
        assert path.stat().st_mode & 0o777 == 0o600, path
    for folder in (db.parent, backup_dir(db), backup_dir(old)):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_same_size_rewrite_in_place_with_the_old_mtime_is_noticed(tmp_path):
    path = tmp_path / "prize.json"
    repo = Repository.open(path, backup_days=0)
    repo.contacts.add(Contact(name="mine"))
    repo.flush()
    other = tmp_path / "other.json"
    theirs = path.read_bytes().replace(b"mine", b"MINE")
    other.write_bytes(theirs)
    subprocess.run(["touch", "-r", str(path), str(other)], check=True)
    subprocess.run(["cp", "-p", str(other), str(path)], check=True)  # same inode, size, mtime
    assert repo.changed_on_disk()  # noticed, and merged at the next save
    repo.contacts.add(Contact(name="second"))
    repo.close()
    names = sorted(d["name"].lower() for d in orjson.loads(path.read_bytes())["contacts"].values())
    assert names == ["mine", "second"]
