"""Document ids that are never given out twice.

TinyDB numbers a new document after the highest id present, so removing the
newest record and reopening the file would hand its id to the next one — and
an undo, or a session still pointing at the old record, would then reach the
wrong record. The highest id ever removed is kept in the meta document
(`retired_ids`) and new ids start above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


class IdAllocator:
    def __init__(self, meta: Callable[[], dict[str, Any]], changed: Callable[[], None]):
        self._meta = meta  # the meta document, as stored
        self._changed = changed  # tell the repository the meta document changed
        self._next: dict[str, int] = {}

    def allocate(self, table: str, raw: dict[str, Any], count: int) -> list[int]:
        start = self._next.get(table)
        if start is None:
            highest = max((int(k) for k in raw), default=0)
            start = max(highest + 1, self._retired(table) + 1)
        self._next[table] = start + count
        return list(range(start, start + count))

    def retire(self, table: str, ids: Iterable[int]) -> None:
        top = max(ids, default=0)
        if top > self._retired(table):
            self._meta().setdefault("retired_ids", {})[table] = top
            self._changed()

    def _retired(self, table: str) -> int:
        value = self._meta().get("retired_ids", {}).get(table, 0)
        return value if isinstance(value, int) else 0
