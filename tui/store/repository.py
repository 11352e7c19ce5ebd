"""The repository: open the data file safely, expose typed collections, flush durably."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.model.blocks import Block, BlockMark
from tui.model.calendar_links import CalendarLink
from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.edit import Edit
from tui.model.employer_record import Employer
from tui.model.plan import DailyReview, Settings, Template, WeekGoals
from tui.model.sessions import FocusSession
from tui.store import journal, recovery, schema
from tui.store.atomic import Superseded, atomic_write
from tui.store.cache_keeper import CacheKeeper
from tui.store.collection import Collection
from tui.store.contact_index import ContactIndex
from tui.store.disk_state import DiskState, read_with_stat
from tui.store.encoder import DatabaseEncoder
from tui.store.errors import WriteFailed
from tui.store.ids import IdAllocator
from tui.store.lock import acquire
from tui.store.memory import release_free_memory
from tui.store.opening import (
    LOCK_WAIT,
    OpenReport,
    read_locked,
    read_unlocked,
    understood,
    unreadable,
)
from tui.store.packed import PackedTable, pack
from tui.store.stamps import TOMBSTONES, History, Stamper, prune, wall_ms
from tui.store.storage import MemoryStorage

if TYPE_CHECKING:
    from tui.store.merging import MergeNews

MERGE_TRIES = 5  # merges of a file that keeps changing while Prize writes it


class Repository:
    """Single writer of one data file. Edits are in memory until `flush()`.

    Thread-safety: every mutation and the snapshot taken by `flush` hold
    `self.lock`, so a worker thread may flush while the UI keeps editing.
    """

    def __init__(self, path: Path, data: dict, disk: DiskState | None,
                 report: OpenReport, read_only: bool = False, stamper: Stamper | None = None):
        self.path = path
        self._stamper = stamper or Stamper()  # when each change was made (stamps.py)
        self.read_only = read_only
        self.report = report
        self.lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._disk = disk or DiskState()  # the file as last read or written
        self._generation = 0
        self._flushed = 0
        self._news: list[MergeNews] = []  # what merges brought, until take_news
        self._cache_keeper = CacheKeeper(self)
        self._journal = journal.Journal(path)  # edits made durable before the file is rewritten
        self._load(data)

    def _load(self, data: dict) -> None:
        """(Re)build the in-memory database and its typed collections from `data`."""
        self._storage = MemoryStorage(pack(data))
        self._encoder = DatabaseEncoder()  # re-encodes only what changed
        # Retiring an id is part of the edit that removed it: no generation of its own.
        # Stamps and tombstones go with the edit that made them: no generation of their own.
        self._history = History(self._stamper, lambda: self._storage.data, self._changed)
        self._ids = IdAllocator(self._meta_doc, lambda: self._changed(schema.META, [1]),
                                self._history.buried)
        self.blocks = self._collection(Block)
        self.marks = self._collection(BlockMark)
        self.goals = self._collection(WeekGoals)
        self.templates = self._collection(Template)
        self.contacts = self._collection(Contact)
        self.interactions = self._collection(Interaction)
        self.meetings = self._collection(Meeting)
        self.sessions = self._collection(FocusSession)
        self.reviews = self._collection(DailyReview)
        self.employers = self._collection(Employer)
        self._settings = self._collection(Settings)
        self.calendar_links = self._collection(CalendarLink)
        self.contact_index = ContactIndex(self)

    # -- opening -----------------------------------------------------------

    @classmethod
    def open_read_only(cls, path: Path) -> Repository:
        """Read without the lock, for reports and exports while the app may be running.

        Atomic replacement means the file read is always whole. Nothing is
        written: no backup, an older schema is migrated in memory only, and
        `flush` refuses.
        """
        path = Path(path)
        data, cached = read_unlocked(path)
        repo = cls(path, data, None, OpenReport(), read_only=True)
        if cached is not None:
            repo._cache_keeper.take(cached)
        recovery.recover(repo, repo._journal)
        return repo

    @classmethod
    def open(cls, path: Path, *, today: date | None = None,
             backup_days: int | None = None) -> Repository:
        """Lock, read, check, migrate (after a backup) and back up `path`.

        A file this Prize wrote or checked before is known by its digest (the
        open cache): its rows are not checked again, and the contact list and
        indexes are taken as they were. Daily backups are kept `backup_days`
        days, or as long as the file's settings say when None.

        Raises AlreadyOpen, UnreadableFile or WriteFailed; the file on disk is
        never modified unless it was read and understood.
        """
        path = Path(path)
        data, disk, report, cached = read_locked(path, today or date.today(), backup_days)
        repo = cls(path, data, disk, report)
        if cached is not None:
            repo._cache_keeper.take(cached)
        del data
        release_free_memory()  # the head's documents, parsed to be checked
        recovery.recover(repo, repo._journal)
        return repo

    def close(self) -> None:
        """Flush what is pending, then keep what this run knows of the file for
        the next open (open_cache.py)."""
        if self.read_only:
            return
        try:
            self.flush()
        finally:  # (a journal the file may lack stays, for the next open to merge)
            self._journal.close(saved=not self.dirty)
        self.keep_open_cache(derive=False)  # (what is derived already: quitting stays quick)

    @property
    def open_cache_stale(self) -> bool:
        """Whether the open cache lags behind this run (cache_keeper.py)."""
        return self._cache_keeper.stale

    def keep_open_cache(self, derive: bool = True) -> None:
        """Write the open cache again where it lags behind (cache_keeper.py)."""
        self._cache_keeper.keep(derive)

    @property
    def disk_digest(self) -> list:
        """The digest of the file as last read or written (disk_state.py)."""
        return self._disk.digest

    # -- collections and settings -----------------------------------------

    def _collection(self, cls):
        return Collection(self._storage, cls, self.lock, self._bump, self._ids, self._history)

    def use_time(self, clock: Callable[[], int] = wall_ms, seed: int | None = None) -> None:
        """Take stamps from `clock` (ms) and ids from a generator seeded with `seed`
        (the demo's same seed gives the same bytes); no arguments: the real ones."""
        self._stamper.clock = self._ids.clock = clock
        source = random.SystemRandom() if seed is None else random.Random(seed)
        self._ids.bits = source.getrandbits

    def _meta_doc(self) -> dict:
        meta = self._storage.data.setdefault(schema.META, {})
        if not meta:
            meta["1"] = {"schema_version": schema.SCHEMA_VERSION}
        return next(iter(meta.values()))

    def _bump(self, table: str, ids: Iterable[int]) -> None:
        self._generation += 1
        self._changed(table, ids)

    def _changed(self, table: str, ids: Iterable[int]) -> None:
        """Documents `ids` of `table` changed: to be encoded again and journaled."""
        ids = list(ids)
        self._encoder.changed(table, ids)
        self._journal.note(table, ids)

    def was_deleted(self, table: str, record_id: int) -> bool:
        """Whether the record was deleted (its tombstone is kept ~90 days)."""
        with self.lock:
            return self._history.buried(table, record_id)

    def tables(self) -> dict[str, Collection]:
        """Every collection by its table name."""
        return {c.table: c for c in (
            self.blocks, self.marks, self.goals, self.templates, self.contacts,
            self.interactions, self.meetings, self.sessions, self.reviews, self._settings,
            self.calendar_links, self.employers)}

    def apply(self, edit: Edit) -> Edit:
        """The one way data changes: apply all of `edit` or, when a record it
        changes is no longer as the edit saw it, none of it (StaleEdit). Returns
        the edit as applied (new records with their ids); `flush` writes it."""
        from tui.store.applying import apply

        with self.lock:
            return apply(self.tables(), edit)

    def is_empty(self) -> bool:
        """Nothing planned, tracked or timed yet (settings aside)."""
        return not any(len(c) for name, c in self.tables().items() if name != "settings")

    def settings(self) -> Settings:
        found = self._settings.all()
        return found[0] if found else Settings(id=1)

    def save_settings(self, settings: Settings) -> None:
        self._settings.update(settings.replace(id=settings.id or 1))

    # -- writing -----------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._generation != self._flushed

    @property
    def generation(self) -> int:
        return self._generation

    def commit(self) -> int:
        """Make every edit so far durable in the journal, ahead of the file's
        rewrite by `flush` (~1 ms against ~25 ms at 10k contacts; journal.py), or
        when the journal cannot be written, in the file itself; return the
        generation now safe. Raises what `flush` raises."""
        if self.read_only:
            raise WriteFailed(self.path, "it was opened read-only")
        if not self._journal.enabled:
            return self.flush()
        try:
            return self._journal.commit(
                self.lock, lambda: (self._generation, self._storage.data, self._disk.digest))
        except OSError:  # no journal (its folder unwritable, a full disk): the file, then
            return self.flush()

    def flush(self) -> int:
        """Write every edit made so far durably, merged with whatever another Prize
        or a sync tool put in the file meanwhile; return the generation now on disk.

        Safe to call from a worker thread. Concurrent calls coalesce: a flush
        that finds nothing new (in memory or on disk) returns at once. The file
        lock is held for the merge and the write only, so two Prize processes
        on one file take turns. Raises UnreadableFile (the file on disk cannot
        be read: nothing is overwritten) or WriteFailed.
        """
        if self.read_only:
            raise WriteFailed(self.path, "it was opened read-only")
        with self._write_lock:
            if not self.dirty and not self._disk.changed(self.path):
                return self._flushed
            try:
                held = acquire(self.path, wait=LOCK_WAIT)
            except OSError as exc:
                raise WriteFailed(self.path, f"cannot take the lock ({exc.strerror})") from None
            try:
                return self._write_locked()
            finally:
                held.release()

    def _write_locked(self) -> int:
        # (Only this thread writes the file while the file lock is held: the disk
        # state read here stays true for Prize's writers; the merge runs off
        # `self.lock`. A sync tool may still write meanwhile: merged again then.)
        for _ in range(MERGE_TRIES):
            if self._disk.changed(self.path):
                self._take_disk()
            with self.lock:
                if self._generation == self._flushed:
                    return self._flushed
                if dropped := prune(self._storage.data, self._stamper.clock()):
                    self._changed(TOMBSTONES, dropped)
                generation = self._generation
                payload = self._serialise()
            try:
                st = atomic_write(self.path, payload,
                                  unchanged=lambda: not self._disk.changed(self.path))
            except Superseded:
                st = None
            except OSError as exc:
                raise WriteFailed(self.path, exc.strerror or str(exc)) from None
            # The write is over and `payload` held the last views of the big
            # tables' rows: they may change in place again. (After a failure the
            # views may live on in a traceback, so the tables stay shared.)
            del payload
            with self.lock:
                for table in self._storage.data.values():
                    if isinstance(table, PackedTable):
                        table.written()
            if st is not None:
                self._disk = DiskState(st, self._encoder.digest)
                self._flushed = generation
                self._journal.emptied(generation, self._disk.digest)
                return generation
        raise WriteFailed(self.path, "it changed again each time Prize merged it")

    # -- merging -------------------------------------------------------------

    def _take_disk(self) -> None:
        """Merge the file as it is now into memory (another Prize or machine wrote it)."""
        try:
            raw, st = read_with_stat(self.path)
        except FileNotFoundError:  # moved away by a sync tool: write ours back
            with self.lock:
                self._disk = DiskState(absent=True)
                self._generation += 1
            return
        except OSError as exc:
            raise unreadable(self.path, exc) from None
        data, _ = understood(self.path, raw)
        from tui.store.merging import take_into  # (only when another copy comes in)

        news = take_into(self, data, "the file on disk")
        with self.lock:
            self._news.append(news)
            self._disk = DiskState.of_bytes(st, raw)
            if news.same_as_other and self._generation == news.generation:
                self._flushed = self._generation  # nothing the file lacks: no write back

    def take(self, data: dict, source: str) -> MergeNews:
        """Merge another copy's `data` (understood, migrated) into memory; the next
        flush writes the result."""
        from tui.store.merging import take_into

        news = take_into(self, data, source)
        with self.lock:
            self._news.append(news)
            self._generation += 1
            return news

    def absorb(self, merged: dict, changed: dict[str, list[str]]) -> None:
        """Write a merge's result into memory: the `changed` documents only, as they
        are (stamps and all: they are the copies', not new edits). Hold `lock`."""
        collections = self.tables()
        for name, ids in changed.items():
            table = merged.get(name, {})
            if name in collections:
                collections[name].absorb({int(i): table.get(i) for i in ids})
            else:  # meta, tombstones, conflicts: small dicts
                stored = self._storage.data.setdefault(name, {})
                for i in ids:
                    if (doc := table.get(i)) is None:
                        stored.pop(i, None)
                    else:
                        stored[i] = doc
                if not stored:
                    del self._storage.data[name]
                self._changed(name, [int(i) for i in ids])
                self._generation += 1

    def take_news(self) -> list[MergeNews]:
        """What merges brought since last asked (for the screens and a notice)."""
        with self.lock:
            news, self._news = self._news, []
            return [n for n in news if n.tables]

    def raw_data(self) -> dict:
        """The tables as stored (read only; hold `lock` while reading)."""
        return self._storage.data

    def record_classes(self) -> dict[str, type]:
        return {name: c.record_class for name, c in self.tables().items()}

    def _serialise(self) -> list[bytes]:
        return self._encoder.encode(self._storage.data)

    def changed_on_disk(self) -> bool:
        """Has another program changed the file since Prize last read or wrote it?"""
        return self._disk.changed(self.path)
