"""A TinyDB storage that keeps the data in memory; the repository decides when to write.

Stock JSONStorage re-reads and re-writes the whole file on every operation
(~55 ms at 10k contacts). Here reads are free and writes only bump a
generation counter; `Repository.flush` serialises with orjson and replaces the
file atomically, off the UI's key path.
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage


class MemoryStorage(Storage):
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.generation = 0

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.generation += 1

    def close(self) -> None:
        pass
