"""Opening a data file: read it whole, parse and check every record, migrate
(after a backup), take the daily backup. Nothing here writes a file it could
not read and understand (SPEC §4)."""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

import orjson

from tui.model.plan import Settings
from tui.store import backups, open_cache, schema
from tui.store.atomic import atomic_write, clean_stale_temps
from tui.store.disk_state import Digest, DiskState, read_with_stat
from tui.store.encoder import encode_whole
from tui.store.errors import UnreadableFile, WriteFailed
from tui.store.head import read_laid_out
from tui.store.lock import acquire
from tui.store.memory import keep_big_blocks_apart


class OpenReport:
    """What happened while opening, for the UI to mention once. (Not a dataclass:
    that compiles three methods, ~3M instructions, at every start.)"""

    def __init__(self) -> None:
        self.created = False
        self.migrated_from: int | None = None
        self.migration_backup: Path | None = None
        self.daily_backup: Path | None = None
        self.warnings: list[str] = []


def refused(path: Path, reason: str) -> UnreadableFile:
    """The error that names the file, why, and the newest backup to turn to."""
    return UnreadableFile(path, reason, backups.newest_backup(path))


def unreadable(path: Path, exc: OSError) -> UnreadableFile:
    return refused(path, exc.strerror or str(exc))


LOCK_WAIT = 10.0  # seconds another Prize's open or write may hold the file lock


def read_locked(path: Path, today: date, backup_days: int | None
                ) -> tuple[dict, DiskState, OpenReport, open_cache.Kept | None]:
    """(data, disk state, report, open cache) of `path`, read under its lock:
    the temp files a crashed write left removed, then as `prepare` does, with
    the open cache that fits its bytes (None: none does)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(path, f"cannot create its folder ({exc.strerror})") from None
    try:
        file_lock = acquire(path, wait=LOCK_WAIT)
    except OSError as exc:
        raise WriteFailed(path, f"cannot create the lock file ({exc.strerror})") from None
    try:
        with contextlib.suppress(OSError):
            clean_stale_temps(path)
        keep_big_blocks_apart()
        raw, st = read_whole(path)
        cached = None if raw is None else open_cache.read(path, raw)
        data, disk, report = prepare(path, raw, st, today, backup_days,
                                     known=open_cache.layouts(cached),
                                     digest=cached and cached.digest)
        return data, disk, report, cached
    finally:
        file_lock.release()


def read_unlocked(path: Path) -> tuple[dict, open_cache.Kept | None]:
    """(data, open cache) of `path` read without its lock, for a read-only look;
    a file still to be made reads as an empty database."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return schema.new_database(), None
    except OSError as exc:
        raise unreadable(path, exc) from None
    cached = open_cache.read(path, raw)  # (a file the app wrote: quick, as for it)
    data, _ = understood(path, raw, open_cache.layouts(cached))
    return data, cached


def read_whole(path: Path) -> tuple[bytes | None, os.stat_result | None]:
    """The file's bytes and stat; (None, None) for a file that is still to be made."""
    try:
        return read_with_stat(path)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        raise unreadable(path, exc) from None


def prepare(path: Path, raw: bytes | None, st: os.stat_result | None, today: date,
            backup_days: int | None, known: dict | None = None,
            digest: Digest | None = None) -> tuple[dict, DiskState, OpenReport]:
    """(data, disk state, report) of a locked file whose bytes are `raw`, as
    they were when `st` was taken (a change since then is noticed at the
    first save: the state is of what was read, not of what is there).

    Daily backups are kept `backup_days` days; None: as the file's settings say.
    `known`: the big tables' layouts kept for these bytes, a file Prize wrote
    or checked (open_cache.py), and `digest` theirs; None: a file to check."""
    report = OpenReport()
    if raw is None:
        data = schema.new_database()
        written = encode_whole(data)
        try:
            st = atomic_write(path, written)
        except OSError as exc:
            raise WriteFailed(path, exc.strerror or str(exc)) from None
        report.created = True
        return data, DiskState.of_bytes(st, written), report
    data, version = understood(path, raw, known)
    on_disk = raw
    if version < schema.SCHEMA_VERSION:
        try:
            report.migration_backup = backups.pre_migration_backup(path, raw, version)
            on_disk = encode_whole(data)
            st = atomic_write(path, on_disk)
        except OSError as exc:
            raise WriteFailed(
                path, f"cannot migrate it from schema {version} ({exc.strerror or exc})"
            ) from None
        report.migrated_from = version
    if backup_days is None:
        backup_days = kept_backup_days(data)
    if backup_days > 0:
        try:
            report.daily_backup = backups.daily_backup(path, raw, backup_days, today)
        except OSError as exc:
            report.warnings.append(f"daily backup not written: {exc.strerror or exc}")
    if digest and on_disk is raw:  # (the open cache's, checked against these bytes)
        return data, DiskState(st, digest), report
    return data, DiskState.of_bytes(st, on_disk), report


def kept_backup_days(data: dict) -> int:
    """How many days of daily backups the file's settings ask for (checked: a whole number ≥ 0)."""
    docs = data.get("settings") or {}
    doc = next(iter(docs.values()), {})
    return doc.get("backup_days", Settings.backup_days)


def understood(path: Path, raw: bytes, known: dict | None = None) -> tuple[dict, int]:
    """Parse, migrate in memory and check every record; (data, version read).
    `known`: as for `prepare`, the big tables need no parsing."""
    try:
        # Prize's own layout, read a document at a time: the big tables are
        # never in memory as objects (~26 MiB at 10k contacts).
        laid_out = read_laid_out(raw, known is not None, known)
    except ValueError as exc:
        raise refused(path, f"not a Prize data file: {exc}") from None
    if laid_out is not None:
        return laid_out, schema.SCHEMA_VERSION
    data = _parse(path, raw)
    version = schema.schema_version(data)
    data = schema.migrate(data, version)
    problem = schema.record_problem(data)
    if problem:
        raise refused(path, f"not a Prize data file: {problem}")
    return data, version


def _parse(path: Path, raw: bytes) -> dict:
    if not raw.strip():
        raise refused(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        reason = "not valid UTF-8" if "utf-8" in str(exc).lower() else "not valid JSON"
        raise refused(path, f"{reason} ({exc})") from None
    problem = schema.shape_problem(data) or schema.repeated_key_problem(raw, data)
    if problem:
        raise refused(path, f"not a Prize data file: {problem}")
    try:
        version = schema.schema_version(data)
    except ValueError as exc:
        raise refused(path, str(exc)) from None
    if version > schema.SCHEMA_VERSION:
        raise refused(
            path, f"it was written by a newer Prize (schema {version}; this one reads "
            f"up to {schema.SCHEMA_VERSION}); upgrade Prize"
        )
    return data
