"""Document ids that two machines cannot both give out, nor one machine twice.

A new id is the time in seconds (since 2025) followed by 22 random bits, 53
bits in all (exact in any JSON reader, JavaScript's and jq's too): two machines
adding records between two syncs pick ids that do not meet (a collision needs
the same second and the same 22 bits), so their records
are all kept when the copies are merged, with every reference between them
intact. Ids still grow with time, so a table stays in id order as TinyDB's
own numbering kept it (packed.py finds rows by bisection then).

Nor does an id come back once its record is removed: a new id is never one
a tombstone (stamps.py) holds, so not even a clock set back (or replayed, as
the demo's is) hands it out again while the file remembers the delete. Files
from before (TinyDB's 1, 2, 3…) keep their ids: `retired_ids` in the meta
document still keeps a removed one from coming back.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

EPOCH_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z
RANDOM_BITS = 22
LIMIT = 2**53  # the largest whole number a double holds exactly: JSON tools read it right
# The system's randomness, as `secrets.randbits` (whose import loads OpenSSL: ~2 ms at start).
_system_bits = random.SystemRandom().getrandbits


def time_id(now_ms: int, bits: Callable[[int], int] = _system_bits) -> int:
    return (max((now_ms - EPOCH_MS) // 1000, 1) << RANDOM_BITS) | bits(RANDOM_BITS)


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class IdAllocator:
    def __init__(self, meta: Callable[[], dict[str, Any]], changed: Callable[[], None],
                 removed: Callable[[str, int], bool] = lambda table, i: False):
        self._meta = meta  # the meta document, as stored
        self._changed = changed  # tell the repository the meta document changed
        self._removed = removed  # (table, id) has a tombstone: not to be given out again
        self._next: dict[str, int] = {}
        self.clock: Callable[[], int] = wall_ms  # ms since the epoch
        self.bits: Callable[[int], int] = _system_bits  # (the demo's are seeded)

    def allocate(self, table: str, raw: Mapping[str, Any], count: int) -> list[int]:
        """`count` consecutive new ids for `table`, none of them in `raw` nor removed."""
        if count <= 0:
            return []  # (an empty add_many: nothing to number)
        removed = self._removed
        while True:
            start = max(time_id(self.clock(), self.bits), self._next.get(table, 0),
                        self._retired(table) + 1)
            ids = list(range(start, start + count))
            if ids[-1] < LIMIT and not any(str(i) in raw or removed(table, i) for i in ids):
                self._next[table] = start + count
                return ids
            self._next[table] = start + count + self.bits(RANDOM_BITS)

    def retire(self, table: str, ids: Iterable[int]) -> None:
        # Only the old small ids can come back (TinyDB numbers after the highest).
        top = max((i for i in ids if i < 1 << RANDOM_BITS), default=0)
        if top > self._retired(table):
            self._meta().setdefault("retired_ids", {})[table] = top
            self._changed()

    def _retired(self, table: str) -> int:
        value = self._meta().get("retired_ids", {}).get(table, 0)
        return value if isinstance(value, int) else 0
