"""Rolling daily backups and pre-migration copies, kept beside the data file."""

from __future__ import annotations

import contextlib
import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

from tui.store.atomic import atomic_write


def backup_dir(data_path: Path) -> Path:
    return data_path.with_name(f"{data_path.stem}-backups")


def newest_backup(data_path: Path) -> Path | None:
    """The most recently written backup file, or None. Never raises: it is named in the
    message about an unreadable data file, which must stay one line."""
    folder = backup_dir(data_path)
    try:
        names = [p for p in folder.iterdir() if p.suffix == ".json"]
    except OSError:
        return None
    found = []
    for path in names:
        try:
            st = path.stat()  # a dangling link, or a file removed since the listing
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found.append((st.st_mtime_ns, path))
    return max(found, default=(0, None))[1]


def write_backup(data_path: Path, raw: bytes, label: str) -> Path:
    folder = backup_dir(data_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{data_path.stem}-{label}.json"
    atomic_write(target, raw)
    return target


def daily_backup(data_path: Path, raw: bytes, keep_days: int, today: date) -> Path | None:
    """Keep one copy per day of the file as it was opened; prune the old ones.

    Returns the new backup, or None when today's already exists.
    """
    target = backup_dir(data_path) / f"{data_path.stem}-{today.isoformat()}.json"
    made = None
    if not target.exists():
        made = write_backup(data_path, raw, today.isoformat())
    cutoff = today - timedelta(days=keep_days)
    for old in backup_dir(data_path).glob(f"{data_path.stem}-????-??-??.json"):
        try:
            day = date.fromisoformat(old.stem[-10:])
        except ValueError:
            continue
        if day < cutoff:
            # One that cannot go (a folder of that name, a read-only disk) is left:
            # today's copy is made, and saying it was not would be wrong.
            with contextlib.suppress(OSError):
                os.unlink(old)
    return made


def pre_migration_backup(data_path: Path, raw: bytes, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return write_backup(data_path, raw, f"v{version}-before-migration-{stamp}")
