"""Persistence: one TinyDB JSON file behind a small repository API.

Nothing above this package sees a TinyDB type; nothing here imports Textual.

What is TinyDB's and what is Prize's own: the file is plain TinyDB JSON (a
table per key, documents by id) that `TinyDB(path)` reads and writes, and the
data is held by a TinyDB `Storage` (storage.py). Prize's own parts make it
fast and safe: the storage keeps the data in memory, the big tables as their
encoded rows (packed.py); a save re-encodes only the changed records
(encoder.py) and replaces the file atomically (atomic.py); every change is
an `Edit` applied by `Repository.apply` (applying.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.store.errors import (
    AlreadyOpen,
    StaleEdit,
    StoreError,
    UnreadableFile,
    WriteFailed,
)

if TYPE_CHECKING:
    from tui.store.repository import Repository

__all__ = [
    "AlreadyOpen",
    "Repository",
    "StaleEdit",
    "StoreError",
    "UnreadableFile",
    "WriteFailed",
]


def __getattr__(name: str):
    # `prize status` and `prize where` need paths and a peek, not TinyDB: the
    # repository is imported on first use only.
    if name == "Repository":
        from tui.store.repository import Repository

        return Repository
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
