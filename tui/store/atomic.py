"""Crash-safe file replacement: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import os
import time
from pathlib import Path

TEMP_SUFFIX = ".prize-tmp"


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> os.stat_result:
    """Write `data` to `path` atomically and durably; return the new file's stat.

    Temp file in the same folder (so `os.replace` is a rename on one file
    system), fsync of the file, rename, then fsync of the folder so the rename
    itself survives a power cut.
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{time.monotonic_ns()}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(folder)
    return st


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
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
