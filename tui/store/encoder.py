"""TinyDB JSON of the whole database, re-encoding only what changed since the last write.

A durable edit rewrites the whole file (that is what keeps it plain TinyDB
JSON), but it need not re-encode it: tables that did not change keep their
bytes, and a table that did keeps the bytes of every document but the edited
ones. At 10k contacts this turns ~4 ms of encoding per edit into ~1 ms of joins.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

import orjson

from tui.store import packed

# The big tables go last and every table starts on its own line, so that the
# head of the file (settings and the week's small tables) can be read without
# parsing megabytes of contacts (head.py); the big ones have one document per
# line (packed.py). Still plain JSON: TinyDB reads it.
LAST = packed.BIG


def table_order(data: dict[str, Any]) -> list[str]:
    return sorted(data, key=lambda name: LAST.index(name) + 1 if name in LAST else 0)


def _table_key(i: int, name: str) -> bytes:
    return (b",\n" if i else b"\n") + orjson.dumps(name) + b":"


def _encode_table(name: str, table: dict[str, Any]) -> bytes:
    if name in LAST:
        return b"".join(packed.encode(table))
    return table.one_line() if isinstance(table, packed.PackedTable) else orjson.dumps(table)


def encode_whole(data: dict[str, dict[str, Any]]) -> bytes:
    """The file for `data`, encoded at once (what DatabaseEncoder writes piece by piece)."""
    return b"{" + b"".join(_table_key(i, name) + _encode_table(name, data[name])
                           for i, name in enumerate(table_order(data))) + b"}"


def _item(doc_id: str, doc: dict[str, Any]) -> bytes:
    return b'"' + doc_id.encode() + b'":' + orjson.dumps(doc)


class DatabaseEncoder:
    def __init__(self) -> None:
        self._tables: dict[str, bytes] = {}  # unchanged tables, encoded whole
        self._docs: dict[str, dict[str, bytes]] = {}  # changed tables, per document
        self._stale: dict[str, set[str]] = {}  # document ids to re-encode, per table
        self._crcs: dict[str, int] = {}  # CRC-32 of each encoded table in _tables
        self._versions: dict[str, int] = {}  # a big table's version when its CRC was taken
        self.digest: list[tuple[int, int]] = []  # (length, CRC-32) of each part last encoded

    def changed(self, table: str, ids: Iterable[int]) -> None:
        """Documents `ids` of `table` were added, replaced or removed."""
        self._tables.pop(table, None)
        self._stale.setdefault(table, set()).update(str(i) for i in ids)

    def encode(self, data: dict[str, dict[str, Any]]) -> list[bytes | memoryview]:
        """The database as TinyDB writes it, {"table": {"id": {...}, ...}, ...}, in
        pieces to be written one after the other (see atomic.atomic_write)."""
        parts = [b"{"]
        digest = [(1, zlib.crc32(b"{"))]
        for i, name in enumerate(table_order(data)):
            key = _table_key(i, name)
            table = self._big_table(name, data[name]) if name in LAST \
                else [self._table(name, data[name])]
            parts += (key, *table)
            size = sum(len(part) for part in table)
            digest += ((len(key), zlib.crc32(key)), (size, self._crcs[name]))
        parts.append(b"}")
        digest.append((1, zlib.crc32(b"}")))
        self.digest = digest
        for name in self._tables.keys() - data.keys():
            del self._tables[name]
            self._crcs.pop(name, None)
        return parts

    def _table(self, name: str, table: dict[str, Any]) -> bytes:
        stale = self._stale.pop(name, None)
        if stale is None:  # unchanged since the last write: same bytes
            if name not in self._tables:
                self._keep(name, _encode_table(name, table))
            return self._tables[name]
        docs = self._docs.get(name)
        if docs is None:  # first change to this table: encode it per document, once
            docs = self._docs[name] = {k: _item(k, v) for k, v in table.items()}
        else:
            for doc_id in stale or ():
                if doc_id in table:
                    docs[doc_id] = _item(doc_id, table[doc_id])
                else:
                    docs.pop(doc_id, None)
            if list(docs) != list(table):
                # Keep the table's own order: a document removed and put back since
                # the last write moved to the end, and new ones go where TinyDB put them.
                docs = self._docs[name] = {k: docs.get(k) or _item(k, v) for k, v in table.items()}
        self._keep(name, b"{" + b",".join(docs.values()) + b"}")
        return self._tables[name]

    def _big_table(self, name: str, table: Any) -> list[bytes | memoryview]:
        """A packed table's rows are encoded already: written from where they
        are (a copy would double the memory the table takes while it is
        written). Its checksum is kept until the table changes."""
        self._stale.pop(name, None)
        parts = packed.encode(table)
        version = getattr(table, "version", None)
        if version is None or self._versions.get(name) != version:
            crc = 0
            for part in parts:
                crc = zlib.crc32(part, crc)
            self._crcs[name] = crc
            self._versions[name] = version
        return parts

    def _keep(self, name: str, encoded: bytes) -> None:
        # The CRC lets the repository tell its own bytes on disk from another
        # program's, without keeping a copy of the file (Repository._check_unchanged).
        self._tables[name] = encoded
        self._crcs[name] = zlib.crc32(encoded)
