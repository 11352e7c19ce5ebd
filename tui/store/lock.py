"""One writer per data file: an OS lock on a file beside it, freed when the holder dies."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from tui.store.errors import AlreadyOpen


def lock_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".lock")


def acquire(data_path: Path) -> FileLock:
    """Take the lock without waiting, or raise AlreadyOpen.

    filelock uses flock(2) on Unix, which the kernel releases when the
    process dies, so a crash never leaves a stale lock behind.
    """
    lock = FileLock(lock_path(data_path), timeout=0, mode=0o600, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyOpen(data_path) from None
    return lock
