"""One writer per data file: an OS lock on a file beside it, freed when the holder dies."""

from __future__ import annotations

import contextlib
import os
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
    path = lock_path(data_path)
    lock = FileLock(path, timeout=0, mode=0o600, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyOpen(data_path) from None
    # `mode` applies only when the lock file is created; one left by an older run
    # (or another program) keeps its mode, so make it private like the data file.
    with contextlib.suppress(OSError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
    return lock
