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
import secrets
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import orjson
import platformdirs

from tui.store import schema
from tui.store.atomic import fsync_dir
from tui.store.disk_state import Digest, digest_of
from tui.store.paths import APP, file_key

if TYPE_CHECKING:
    from tui.store.repository import Repository

try:
    import fcntl
except ImportError:  # Windows: no journal there, every save rewrites the file
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".journal"
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
                if self._fd is None:
                    self._fd = self._create(base)
                _write_all(self._fd, line)
                _sync(self._fd)
            except BaseException:
                with guard:
                    for table, ids in taken.items():
                        self.note(table, ids)
                raise
            self._last = generation
            return generation

    def _create(self, base: Digest) -> int:
        where = folder()
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = where / f"{self._key}.{os.getpid()}.{secrets.token_hex(4)}{SUFFIX}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _write_all(fd, _header(base))
            os.fsync(fd)
            fsync_dir(where)  # (the journal's name must survive a power cut too)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        self._path = path
        return fd

    def emptied(self, generation: int, base: Digest) -> None:
        """The file, whose digest is now `base`, holds every edit up to
        `generation`: the lines up to it, and the dead runs' journals taken in
        before it, are done with. (A failure here only leaves lines the file
        holds already: the next open finds nothing new in them.)"""
        with self.lock:
            with contextlib.suppress(OSError):
                if self._fd is not None and self._last <= generation:
                    os.ftruncate(self._fd, 0)
                    _write_all(self._fd, _header(base))
                    _sync(self._fd)
            for adopted in [a for a in self._adopted if a[2] <= generation]:
                self._adopted.remove(adopted)
                with contextlib.suppress(OSError):
                    adopted[0].unlink()
                os.close(adopted[1])

    def close(self, saved: bool) -> None:
        """End of the run: an emptied journal goes; one with edits the file may
        lack (`saved` False) stays, for the next open to merge."""
        with self.lock:
            if self._fd is not None:
                if saved:
                    with contextlib.suppress(OSError):
                        self._path.unlink()
                os.close(self._fd)
                self._fd = None
            for _, fd, _ in self._adopted:
                os.close(fd)
            self._adopted = []

    def adopt(self, found: list[tuple[Path, int]], generation: int) -> None:
        """Dead runs' journals merged into memory at `generation`: removed once
        the file holds it (held locked until then, so no other Prize takes them)."""
        with self.lock:
            self._adopted += [(path, fd, generation) for path, fd in found]


def recover(repo: Repository, journal: Journal) -> None:
    """Take in the journals of runs that died before their edits reached the file.

    On the very file a journal's lines were made on, its documents are put
    back as they were; on a file that changed since (a sync tool brought the
    other machine's copy), they are merged with it. Read-only, the journals
    are only read; else they are removed once the file holds what they brought.
    """
    found = orphans(repo.path)
    if not found:
        return
    try:
        raw = repo.path.read_bytes()
    except OSError:
        raw = b""
    taken, replayed = [], False
    for where, fd in found:
        try:
            base, docs = edits_in(fd)
        except (OSError, ValueError) as exc:
            repo.report.warnings.append(
                f"edits kept in {where} could not be read ({exc}); the file stays there")
            os.close(fd)
            continue
        taken.append((where, fd))
        differing = repo.differing(docs)
        if not differing:
            continue  # (its run died after writing the file, before emptying the journal)
        if base and not replayed and digest_of(raw, base) == base:
            repo.replay(docs)
            replayed = True
        else:
            repo.take(present(docs), "the edits not saved when Prize last stopped")
        count = sum(name in repo.tables() for name in differing)
        repo.report.warnings.append(f"Recovered {count} record(s) changed just before "
                                    "Prize last stopped without saving them to the file.")
    if repo.read_only:
        for _, fd in taken:
            os.close(fd)
    else:
        journal.adopt(taken, repo.generation)


def orphans(data_path: Path) -> list[tuple[Path, int]]:
    """The journals of `data_path` whose Prize is gone, each locked: (path, fd)."""
    if fcntl is None:
        return []
    prefix = file_key(data_path) + "."
    try:
        names = [e.name for e in os.scandir(folder()) if e.name.startswith(prefix)
                 and e.name.endswith(SUFFIX)]
    except OSError:  # no journal folder yet: nothing to recover
        return []
    found = []
    for name in sorted(names):
        path = folder() / name
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:  # taken in and removed by another Prize meanwhile
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # its Prize is running
            os.close(fd)
            continue
        found.append((path, fd))
    return found


class Found(NamedTuple):
    """What a dead run's journal holds: the digest of the file its lines were
    made on, and each document as the run last had it (None: removed)."""

    base: Digest
    docs: dict[str, dict[str, dict | None]]


def edits_in(fd: int) -> Found:
    """Read a journal, last line winning; reading stops at a line cut short by
    the crash (never confirmed). Raises ValueError for a journal that is not
    Prize's, or written by a newer one."""
    lines = _read_all(fd).split(b"\n")
    docs: dict[str, dict[str, dict | None]] = {}
    try:
        header = orjson.loads(lines[0])
        if header.get("prize_journal") != 1 or header.get("schema") != schema.SCHEMA_VERSION:
            raise ValueError("not a journal of this Prize's schema")
        base = [tuple(part) for part in header["file"]]
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        if len(lines) < 2 or not lines[1]:
            return Found([], docs)  # a header cut short: no line was ever written after it
        raise ValueError("not a Prize journal") from None
    for raw in lines[1:]:
        try:
            changed = orjson.loads(raw)["d"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            break
        if not isinstance(changed, dict) or not all(isinstance(d, dict) for d in changed.values()):
            raise ValueError("a line of the journal is not Prize's")
        for name, table in changed.items():
            docs.setdefault(name, {}).update(table)
    kept = present(docs)
    if problem := schema.shape_problem(kept) or schema.record_problem(kept):
        raise ValueError(problem)
    return Found(base, docs)


def present(docs: dict[str, dict[str, dict | None]]) -> dict[str, dict[str, dict]]:
    """The documents as a (partial) database to merge: a removed one is left out,
    its tombstone says it."""
    return {name: {i: d for i, d in table.items() if d is not None}
            for name, table in docs.items()}


def _header(base: Digest) -> bytes:
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


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)
