"""What two copies of the data file need to meet again: when each record and
each of its fields last changed, and which records were deleted.

Each stored document carries `"_s"`, the store's own field (records never see
it; `Record.from_doc` ignores unknown keys, so the file stays plain TinyDB JSON):

    "_s": {"c": 1765015200123,                 # created, ms since the epoch (UTC)
           "f": {"stage": [1765101600456, 1765015200123]},  # a field changed: when,
                                               #   and the stamp of the value it replaced
           "r": 1765101600999,                 # put back after a delete (undo)
           "b": "5f1c0a9e"}                    # birth of a record older than stamps

A field not in "f" was set when the record was created. Knowing the stamp a
change replaced tells a change made on top of the other machine's value (no
conflict) from two changes made side by side (a conflict: the later wins and
the other is kept where the person can see it).

Records older than stamps (files before schema 2) get `"c": 0` and a birth
`"b"`: a short hash of what identifies them (the fields schema.REQUIRED names),
taken once, at the upgrade. Two copies of one old file upgraded on two machines
give every record the same id and birth, so they merge; two unrelated old files
that both have a contact 12 do not mix them up.

Deleted records leave a tombstone in the `tombstones` table, keyed by a hash
of the table and id (`stone_key`: old files number every table from 1):
`{"table": "contacts", "id": 12, "at": ms, "seen": ms}`, `seen` being the
record's last change when it was deleted. A record changed after that (on
another machine) outlives the delete: the edit wins.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import orjson

STAMPS = "_s"
TOMBSTONES = "tombstones"
CONFLICTS = "conflicts"
TOMBSTONE_DAYS = 90  # long enough for every machine to see a delete, then dropped
DAY_MS = 86_400_000

Clock = Callable[[], int]  # ms since the epoch


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def stamps(doc: dict) -> dict:
    """The document's stamps (empty for a document that has none)."""
    found = doc.get(STAMPS)
    return found if isinstance(found, dict) else {}


def _ms(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def field_stamp(doc: dict, field: str) -> tuple[int, int]:
    """(when the field got its value, the stamp of the value it replaced)."""
    s = stamps(doc)
    pair = s.get("f", {}).get(field) if isinstance(s.get("f"), dict) else None
    if isinstance(pair, list) and len(pair) == 2:
        return _ms(pair[0]), _ms(pair[1])
    return _ms(s.get("c")), 0


def last_change(doc: dict) -> int:
    s = stamps(doc)
    fields = s.get("f") if isinstance(s.get("f"), dict) else {}
    changed = [_ms(p[0]) for p in fields.values() if isinstance(p, list) and p]
    return max(_ms(s.get("c")), _ms(s.get("r")), *changed)


def stone_key(table: str, doc_id: int) -> str:
    """The key of a record's tombstone (a TinyDB id: a number, 48 bits)."""
    import hashlib  # (at the first edit, not at start: it loads OpenSSL, ~3 ms)

    digest = hashlib.blake2b(f"{table}:{doc_id}".encode(), digest_size=6).digest()
    return str(int.from_bytes(digest, "big") or 1)


def birth(table: str, doc_id: str, doc: dict, required: Iterable[str]) -> str:
    """A short hash of what identifies an old record (taken once, at the upgrade)."""
    import hashlib

    key = orjson.dumps([table, doc_id, *(doc.get(f) for f in required)],
                       option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(key, digest_size=4).hexdigest()


class Stamper:
    """Gives each change a stamp later than any the record holds, so that a change
    made here after one from a machine whose clock runs ahead still wins."""

    def __init__(self, clock: Clock = wall_ms):
        self.clock = clock
        self._last = 0
        self._lock = threading.Lock()

    def now(self, after: int = 0) -> int:
        with self._lock:
            self._last = max(self.clock(), self._last + 1, after + 1)
            return self._last

    def created(self, doc: dict) -> dict:
        """`doc` as a new record: its fields set now."""
        doc[STAMPS] = {"c": self.now()}
        return doc

    def changed(self, old: dict, doc: dict) -> dict:
        """`doc` replacing `old` (the same record): the fields that differ stamped now,
        the others keeping their stamps."""
        s = dict(stamps(old))
        fields = dict(s.get("f", {})) if isinstance(s.get("f"), dict) else {}
        # In the documents' order, not a set's: the file's bytes must not depend on
        # PYTHONHASHSEED (the demo's same seed, the same bytes).
        moved = [f for f in dict.fromkeys([*old, *doc])
                 if f != STAMPS and old.get(f) != doc.get(f)]
        if moved:
            at = self.now(last_change(old))
            for f in moved:
                fields[f] = [at, field_stamp(old, f)[0]]
        if fields:
            s["f"] = fields
        doc[STAMPS] = s
        return doc

    def revived(self, doc: dict, stone: dict | None) -> dict:
        """`doc` put back after a delete (undo): later than the delete, so it wins."""
        s = dict(stamps(doc)) or {"c": self.now()}
        s["r"] = self.now(max(last_change(doc), _ms((stone or {}).get("at"))))
        doc[STAMPS] = s
        return doc

    def tombstone(self, table: str, doc_id: int, doc: dict) -> dict:
        return {"table": table, "id": doc_id, "at": self.now(last_change(doc)),
                "seen": last_change(doc)}


def prune(data: dict, now_ms: int) -> list[int]:
    """Drop the tombstones older than TOMBSTONE_DAYS (every machine has seen them by
    then); the keys dropped."""
    stones = data.get(TOMBSTONES)
    if not stones:
        return []
    limit = now_ms - TOMBSTONE_DAYS * DAY_MS
    old = [key for key, stone in stones.items() if _ms(stone.get("at")) < limit]
    for key in old:
        del stones[key]
    return [int(key) for key in old]


class History:
    """What every write leaves behind for a later merge: stamps on the documents
    it writes, a tombstone for each one it removes (used by every Collection)."""

    def __init__(self, stamper: Stamper, data: Callable[[], dict],
                 on_change: Callable[[str, list[int]], None]):
        self.stamper = stamper
        self._data = data  # the database's tables, as stored
        self._on_change = on_change  # (table, ids): for the encoder

    def written(self, table: str, doc_id: int, old: dict | None, doc: dict) -> dict:
        """`doc` about to replace `old` (None: a new record, or one put back)."""
        if old is not None:
            return self.stamper.changed(old, doc)
        key = stone_key(table, doc_id)
        stones = self._data().get(TOMBSTONES)
        stone = stones.pop(key, None) if stones else None
        if stone is None:
            return self.stamper.created(doc)
        self._on_change(TOMBSTONES, [int(key)])
        return self.stamper.revived(doc, stone)

    def removed(self, table: str, doc_id: int, old: dict) -> None:
        key = stone_key(table, doc_id)
        stones = self._data().setdefault(TOMBSTONES, {})
        stones[key] = self.stamper.tombstone(table, doc_id, old)
        self._on_change(TOMBSTONES, [int(key)])

    def buried(self, table: str, doc_id: int) -> bool:
        return stone_key(table, doc_id) in self._data().get(TOMBSTONES, {})
