"""Crash-safe file replacement: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TEMP_SUFFIX = ".prize-tmp"


class Superseded(Exception):
    """The file changed while the new one was being written: nothing was replaced."""


def atomic_write(path: Path, data: bytes | Sequence[bytes], mode: int = 0o600,
                 unchanged: Callable[[], bool] | None = None) -> os.stat_result:
    """Write `data` to `path` atomically and durably; return the new file's stat.

    Temp file in the same folder (so `os.replace` is a rename on one file
    system), fsync of the file, rename, then fsync of the folder so the rename
    itself survives a power cut. `unchanged`, asked just before the rename:
    False (another program wrote the file meanwhile) raises Superseded and
    leaves the file alone, for the caller to merge again.
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{time.monotonic_ns()}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        _write_all(fd, [data] if isinstance(data, bytes | bytearray) else list(data))
        os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    os.close(fd)
    if unchanged is not None and not unchanged():
        _unlink_quietly(tmp)
        raise Superseded(path)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(folder)
    # The rename moved the file's change time: the caller's fingerprint needs the
    # stat after it (unless another program has replaced the file already).
    with contextlib.suppress(OSError):
        after = os.stat(path)
        written = (st.st_ino, st.st_size, st.st_mtime_ns)
        if (after.st_ino, after.st_size, after.st_mtime_ns) == written:
            st = after  # else another program wrote since: the next save must notice
    return st


def _write_all(fd: int, parts: list[bytes]) -> None:
    """Write the parts in order without joining them into one buffer first (a
    7 MB join costs more than the write); short writes are resumed."""
    pending = [memoryview(p) for p in parts if p]
    while pending:
        batch = pending[:_IOV_MAX]
        written = os.writev(fd, batch)
        while written:
            head = pending[0]
            if written >= len(head):
                written -= len(head)
                pending.pop(0)
            else:
                pending[0] = head[written:]
                written = 0


def _iov_max() -> int:
    try:
        return max(int(os.sysconf("SC_IOV_MAX")), 16)
    except (AttributeError, ValueError, OSError):
        return 1024


_IOV_MAX = _iov_max()


def write_cache_file(path: Path, parts: Sequence[bytes]) -> bool:
    """Replace a cache file (the open cache, the weeks kept) with `parts`: private
    (0600, in a 0700 folder inside Prize's cache folder, 0700 too), atomic but not
    durable, since a cache lost in a crash only costs a later run the work again.
    False when it could not be written."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    written = False
    with contextlib.suppress(OSError):
        # (mkdir's mode is only the last folder's: the others take the umask's)
        path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.writelines(parts)
        os.replace(temp, path)
        written = True
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)
    return written


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_stale_temps(path: Path) -> list[Path]:
    """Remove temp files a crashed writer left beside `path` (we hold the lock)."""
    removed = []
    for stray in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        _unlink_quietly(stray)
        removed.append(stray)
    return removed


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
