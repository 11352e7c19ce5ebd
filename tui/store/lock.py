"""One writer per data file: an OS lock on a file beside it, freed when the holder dies."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Protocol

from tui.store.errors import AlreadyOpen

try:
    import fcntl
except ImportError:  # Windows: filelock does it there
    fcntl = None  # type: ignore[assignment]


class HeldLock(Protocol):
    def release(self) -> None: ...


def lock_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".lock")


class _Flock:
    """flock(2) on an open lock file; closing the file (or dying) frees it."""

    def __init__(self, fd: int):
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def acquire(data_path: Path, wait: float = 0.0) -> HeldLock:
    """Take the lock, waiting up to `wait` seconds for another Prize to finish its
    write, or raise AlreadyOpen.

    It is held for the instant of a write (and of the open), not for the life
    of the process: two Prize processes on one file take turns and merge.

    flock(2) locks belong to the open file, and the kernel frees them when the
    process dies, so a crash never leaves a stale lock behind; a second open
    in the same process waits its turn too. This is what filelock does on Unix,
    without its import (~8 ms of a start-up budget of ~200); filelock remains
    the way on Windows.
    """
    path = lock_path(data_path)
    if fcntl is None:
        return _acquire_with_filelock(data_path, path, wait)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise AlreadyOpen(data_path) from None
                time.sleep(0.005)  # another Prize's write: a few milliseconds
    except BaseException:
        os.close(fd)
        raise
    _make_private(path)
    return _Flock(fd)


def _acquire_with_filelock(data_path: Path, path: Path, wait: float) -> HeldLock:
    from filelock import FileLock, Timeout

    lock = FileLock(path, timeout=wait, mode=0o600, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyOpen(data_path) from None
    _make_private(path)
    return lock


def _make_private(path: Path) -> None:
    # The mode applies only when the lock file is created; one left by an older
    # run (or another program) keeps its mode, so make it private like the data.
    with contextlib.suppress(OSError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
