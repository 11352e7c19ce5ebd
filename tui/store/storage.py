"""A TinyDB storage that keeps the data in memory; the repository decides when to write.

Stock JSONStorage re-reads and re-writes the whole file on every operation
(~55 ms at 10k contacts). Here reads and writes stay in memory; the
repository counts edits and `Repository.flush` writes the file atomically,
off the UI's key path.

The big tables are `PackedTable`s (packed.py), mappings of encoded rows: a
TinyDB over this storage can still search them, but Prize's `Collection`
reads and writes the mapping directly.
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage


class MemoryStorage(Storage):
    def __init__(self, data: dict[str, Any]):
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data

    def close(self) -> None:
        pass
