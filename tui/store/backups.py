"""Rolling daily backups and pre-migration copies, kept beside the data file."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

from tui.store.atomic import atomic_write


def backup_dir(data_path: Path) -> Path:
    return data_path.with_name(f"{data_path.stem}-backups")


def newest_backup(data_path: Path) -> Path | None:
    folder = backup_dir(data_path)
    try:
        files = [p for p in folder.iterdir() if p.suffix == ".json"]
    except OSError:
        return None
    return max(files, key=lambda p: p.stat().st_mtime_ns, default=None)


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
            os.unlink(old)
    return made


def pre_migration_backup(data_path: Path, raw: bytes, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return write_backup(data_path, raw, f"v{version}-before-migration-{stamp}")
