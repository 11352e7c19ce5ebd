"""Edits made durable in a small journal before the whole file is rewritten.

Rewriting the data file atomically costs two fsyncs of ~9 MB at 10k contacts
(~25 ms on a CI-like disk, whatever the encoding); appending the documents an
edit changed to a journal and syncing it costs ~1 ms. An edit is safe once its
line is in the journal (`Repository.commit`); the file is rewritten right
after, off the key path (`Repository.flush`), and the journal emptied.

A Prize that died between the two leaves its journal behind: the next open
merges it into the file (merge.py). Merging documents that are in the file
already changes nothing (every document carries its stamps), so a line that
did reach the file, or a journal read twice, does no harm.

One journal per open repository, in the user's state folder (not beside the
data file: a sync tool would carry it to the other machine), named after the
data file's path. Its repository holds it with flock(2) while it lives: a
journal that can be locked is one whose Prize is gone.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import orjson
import platformdirs

from tui.store import schema
from tui.store.atomic import fsync_dir
from tui.store.disk_state import Digest
from tui.store.paths import APP, file_key

try:
    import fcntl
except ImportError:  # Windows: no journal there, every save rewrites the file
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".journal"
NEW = ".new"  # a journal being made: its header not yet synced
_sync = getattr(os, "fdatasync", os.fsync)


def folder() -> Path:
    return Path(platformdirs.user_state_dir(APP, appauthor=False)) / "journal"


class Journal:
    """This run's journal of one data file, made at the first commit."""

    def __init__(self, data_path: Path):
        self._key = file_key(data_path)
        self._fd: int | None = None
        self._path: Path | None = None
        self._pending: dict[str, set[int]] = {}  # documents changed since the last line
        self._last = 0  # the generation of the last line written
        self._adopted: list[tuple[Path, int, int]] = []  # (a dead run's journal, fd, generation)
        self.lock = threading.Lock()  # one commit or emptying at a time: lines stay in order

    @property
    def enabled(self) -> bool:
        return fcntl is not None

    def note(self, table: str, ids: Iterable[int]) -> None:
        """Documents `ids` of `table` changed (the repository's lock is held)."""
        self._pending.setdefault(table, set()).update(ids)

    def commit(self, guard: threading.RLock,
               read: Callable[[], tuple[int, dict, Digest]]) -> int:
        """Write and sync one line of every document changed since the last one;
        `read()`, called under `guard`, gives (generation, tables, the digest of
        the file as last read or written). Returns the generation now safe.
        Raises OSError (the documents stay pending)."""
        with self.lock:
            with guard:
                generation, data, base = read()
                taken, self._pending = self._pending, {}
                line = _line(generation, data, taken) if taken else None
            if line is None:
                return generation
            try:
                self._append(line, base)
            except BaseException:
                with guard:
                    for table, ids in taken.items():
                        self.note(table, ids)
                raise
            self._last = generation
            return generation

    def _append(self, line: bytes, base: Digest) -> None:
        if self._fd is None:
            self._fd = self._create(base)
        end = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            _write_all(self._fd, line)
            _sync(self._fd)
        except OSError:
            # A line cut short (a full disk) would swallow the next one, confirmed
            # or not, when the journal is read: it goes, or the journal does.
            try:
                os.ftruncate(self._fd, end)
            except OSError:
                self._abandon(remove=False)  # (valid up to the cut; the next open reads it)
            raise

    def _create(self, base: Digest) -> int:
        """A new journal, locked before it takes its name: no other Prize can
        take it for a dead run's between the two."""
        where = folder()
        if not where.is_dir():
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
            fsync_dir(where.parent)
        name = f"{self._key}.{os.getpid()}.{os.urandom(4).hex()}{SUFFIX}"
        fresh = where / (name + NEW)
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _write_all(fd, header(base))
            os.fsync(fd)
            os.replace(fresh, where / name)
            fsync_dir(where)  # (the journal's name must survive a power cut too)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                fresh.unlink()
            raise
        self._path = where / name
        return fd

    def _abandon(self, remove: bool) -> None:
        """Stop writing this journal (the next commit starts another)."""
        if self._fd is not None:
            if remove:
                with contextlib.suppress(OSError):
                    self._path.unlink()
            os.close(self._fd)
            self._fd = None

    def emptied(self, generation: int, base: Digest) -> None:
        """The file, whose digest is now `base`, holds every edit up to
        `generation`: the lines up to it, and the dead runs' journals taken in
        before it, are done with. (A failure here only leaves lines the file
        holds already: the next open finds nothing new in them.)"""
        with self.lock:
            if self._fd is not None and self._last <= generation:
                try:
                    os.ftruncate(self._fd, 0)
                    _write_all(self._fd, header(base))
                    _sync(self._fd)
                except OSError:  # (a header cut short must not lead later lines)
                    self._abandon(remove=True)
            for adopted in [a for a in self._adopted if a[2] <= generation]:
                self._adopted.remove(adopted)
                with contextlib.suppress(OSError):
                    adopted[0].unlink()
                os.close(adopted[1])

    def close(self, saved: bool) -> None:
        """End of the run: an emptied journal goes; one with edits the file may
        lack (`saved` False) stays, for the next open to merge."""
        with self.lock:
            self._abandon(remove=saved)
            for _, fd, _ in self._adopted:
                os.close(fd)
            self._adopted = []

    def adopt(self, found: list[tuple[Path, int]], generation: int) -> None:
        """Dead runs' journals merged into memory at `generation`: removed once
        the file holds it (held locked until then, so no other Prize takes them)."""
        with self.lock:
            self._adopted += [(path, fd, generation) for path, fd in found]


def header(base: Digest) -> bytes:
    return orjson.dumps({"prize_journal": 1, "schema": schema.SCHEMA_VERSION,
                         "file": base}) + b"\n"


def _line(generation: int, data: dict, taken: dict[str, set[int]]) -> bytes:
    docs = {}
    for name, ids in taken.items():
        table = data.get(name) or {}
        docs[name] = {str(i): table.get(str(i)) for i in sorted(ids)}
    return orjson.dumps({"g": generation, "d": docs}) + b"\n"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
