"""What one run keeps of its data file in the open cache (open_cache.py), and when.

The repository opens with what a cache that fits the file holds; the keeper
writes the cache again when the file or what is derived from it has moved on:
at close, and every 2 s from the app's disk watch (in a worker).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from tui.store import open_cache

if TYPE_CHECKING:
    from tui.store.repository import Repository


class CacheKeeper:
    def __init__(self, repo: Repository):
        self._repo = repo
        self._kept: tuple | None = None  # what the cache on disk holds (see _keepable)
        self._keeping = threading.Lock()

    def take(self, kept: open_cache.Kept) -> None:
        """Give the repository the list and indexes `kept` holds, each parsed when
        first used (and derived again if its part turns out unusable)."""
        repo = self._repo
        open_cache.restore_indexes(repo.tables(), kept)
        if kept.has_entries():
            repo.contact_index.load_later(kept.entries)
        self._kept = self._keepable()

    @property
    def stale(self) -> bool:
        """Whether the cache lags behind the file as last written or read, or lacks
        the list or the review's indexes (cheap: for a timer to ask)."""
        return not self._repo.read_only and (self._kept != self._keepable()
                                             or not all(self._kept[1:]))

    def _keepable(self) -> tuple:
        # (a cache without the list or the review's indexes is kept again, derived)
        repo = self._repo
        return (tuple(repo.disk_digest), repo.contact_index.current,
                open_cache.derived_in_hand(repo.tables()))

    def keep(self, derive: bool = True) -> None:
        """Write the cache for the file as last written or read, unless it is kept
        already, or edits are not written yet, or the file changed since (a worker
        may call it: ~10 ms at 10k contacts, a few under the lock, and with
        `derive` once ~150 ms more to derive what the contact list and the review
        read, where they are not derived yet)."""
        repo = self._repo
        if repo.read_only or not self._keeping.acquire(blocking=False):
            return  # (another thread is at it)
        try:
            built = open_cache.derive(repo) if derive else []
            with repo.lock:
                keepable = self._keepable()
                if repo.dirty or keepable == self._kept:
                    return
                digest = list(repo.disk_digest)
                versions = {name: c.version for name, c in repo.tables().items()}
                kept = open_cache.snapshot(repo.raw_data(), open_cache.indexes_of(
                    repo.tables()), repo.contact_index.dump())
            if not repo.changed_on_disk():
                written = open_cache.write(repo.path, digest, kept)
                self._kept = keepable
                if written is not None:
                    # What was built only to be kept is let go of (~7 MiB at 30k
                    # contacts) and read again from the cache if this run asks for it.
                    # (Not when the cache could not be written: the next look would
                    # build them again, every 2 s.)
                    for collection, field, key, version in built:
                        collection.drop_index(field, key, version)
                    open_cache.restore_indexes(repo.tables(), written, versions)
        finally:
            self._keeping.release()
