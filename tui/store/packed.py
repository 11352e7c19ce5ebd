"""The big tables (contacts, interactions) kept in memory as their encoded rows.

TinyDB holds a table as a dict of dicts: at 10k contacts and 20k interactions
that is ~26 MiB of Python objects, more than Textual itself, for data of which
a screen shows a few dozen rows. A `PackedTable` keeps each document as the
bytes it has in the file (`"12":{...}`, ~7 MiB for the same data) and decodes
a document when it is read (~1 µs per contact). Its buffer is the table as
the file holds it, so writing it copies nothing, and reading the file is a
split of its lines: Prize writes these tables one document per line (see
`encode`), which is still plain TinyDB JSON.
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from itertools import accumulate, islice
from operator import lt
from typing import Any

import orjson

_VERSIONS = itertools.count()
# Row lengths and their sums: 4 bytes (a table of up to 2 GiB; 100k contacts are
# ~90 MB), not 8: ~0.7 MiB less at 30k contacts.
LENGTHS = "i"
BIG = ("contacts", "interactions")  # packed, and written last (head.py reads the rest first)
# Packed in memory too, though written in the head, on one line: at 30k contacts
# 2,700 meetings take 2.6 MiB as dicts and 0.7 as rows (read by day index: few decoded).
PACKED = (*BIG, "meetings")


class LayoutMismatch(Exception):
    """The bytes are not a table as Prize writes it: read the file the slow way."""


class PackedTable(MutableMapping[str, dict]):
    """Document id (text, as in TinyDB) → document, stored encoded. Reads
    return fresh dicts.

    The rows live in one buffer, in table order, each followed by ",\\n": the
    buffer is the table as the file holds it, so writing it is one copy. No
    Python object per document (a bytes object and an int key per row would
    add ~3 MiB at 10k contacts, and scatter small blocks that pin memory):
    arrays hold each position's id and length (0 once removed), and a Fenwick
    tree over the lengths finds where a row starts in O(log n), so a row is
    replaced or removed in place.

    A buffer is shared, never changed in place, once something else may read
    it: a table read from a file starts as a view of the file's bytes (no copy,
    which halves the memory the load needs), and `parts` lends the buffer to a
    write running in another thread. The next change then copies it first.
    `version` changes with every change (unique across tables), for the
    encoder's checksum cache.
    """

    __slots__ = ("_buf", "_shared", "_ids", "_lens", "_tree", "_where", "_live", "version")

    def __init__(self, docs: Mapping[str, dict] | None = None):
        self._buf: bytearray | memoryview = bytearray()
        self._shared = False
        self._ids, self._lens = array("q"), array(LENGTHS)
        self._tree = array(LENGTHS, [0])  # Fenwick tree over _lens, 1-based
        self._where: dict[int, int] | None = None  # id → position, once ids are not ascending
        self._live = 0
        self.version = next(_VERSIONS)
        for doc_id, doc in (docs or {}).items():
            self[doc_id] = doc

    # -- positions ----------------------------------------------------------------

    def _position(self, number: int) -> int | None:
        if self._where is not None:
            at = self._where.get(number)
        else:
            at = bisect_left(self._ids, number)
            if at == len(self._ids) or self._ids[at] != number:
                return None
        return at if at is not None and self._lens[at] else None

    def _start(self, at: int) -> int:
        """Where the row at position `at` starts: the lengths before it, summed."""
        total, tree = 0, self._tree
        while at > 0:
            total += tree[at]
            at &= at - 1
        return total

    def _grow(self, at: int, delta: int) -> None:
        tree, size = self._tree, len(self._tree)
        at += 1
        while at < size:
            tree[at] += delta
            at += at & -at

    def _row(self, at: int, start: int | None = None) -> memoryview:
        start = self._start(at) if start is None else start
        return memoryview(self._buf)[start:start + self._lens[at] - 2]

    def _positions(self) -> Iterator[tuple[int, int]]:
        """(position, start) of every row, in order."""
        start, lens = 0, self._lens
        for at in range(len(lens)):
            if lens[at]:
                yield at, start
                start += lens[at]

    def _append(self, number: int, length: int) -> None:
        if self._ids and number <= self._ids[-1] and self._where is None:
            self._where = {n: i for i, n in enumerate(self._ids)}  # a restored old id
        if self._where is not None:
            self._where[number] = len(self._ids)
        at = len(self._ids)  # the tree node of position `at` covers (at+1 - lowbit, at+1]
        low = (at + 1) & -(at + 1)
        self._tree.append(length + self._start(at) - self._start(at + 1 - low))
        self._ids.append(number)
        self._lens.append(length)
        self._live += 1

    # -- the mapping --------------------------------------------------------------

    def __getitem__(self, doc_id: str) -> dict:
        at = self._position(_number(doc_id))
        if at is None:
            raise KeyError(doc_id)
        return orjson.loads(self._row(at)[len(doc_id) + 3:])  # past `"id":`

    def by_numbers(self, numbers: Iterable[int]) -> list[tuple[int, dict]]:
        """(id, document) of each of the ids `numbers` that is here, in that order:
        for records' own ids, ints, with no text to check, the buffer viewed once
        (a week's ~600 records for the review: ~40% of each read went to that)."""
        buf, lens, found = memoryview(self._buf), self._lens, []
        for number in numbers:
            # (not an id, such as None for a record not stored yet: none here)
            at = self._position(number) if number.__class__ is int else None
            if at is not None:
                start = self._start(at)
                found.append((number, orjson.loads(  # past `"id":`
                    buf[start + len(str(number)) + 3:start + lens[at] - 2])))
        return found

    def rows_texts(self, groups: list[list[int]]) -> list[bytes]:
        """The rows of each group of ids (those here), as stored, each group in one
        piece: the weeks of a fingerprint, none decoded. Where each row lies is
        worked out once for all the groups (a search and a sum per row: ~2.5 µs)."""
        ids, lens = self._ids, self._lens
        where = self._where if self._where is not None else \
            {number: at for at, number in enumerate(ids)}
        starts, buf, texts = [0, *accumulate(lens)], memoryview(self._buf), []
        for numbers in groups:
            parts = []
            for number in numbers:
                at = where.get(number)
                if at is not None and lens[at]:
                    parts.append(buf[starts[at]:starts[at] + lens[at]])
            texts.append(b"".join(parts))
        return texts

    def _own(self) -> bytearray:
        """The buffer, to be changed: copied first if it is shared."""
        self.version = next(_VERSIONS)
        if isinstance(self._buf, memoryview):
            # The file's bytes end with the last row's "\n"; an own buffer with ",\n".
            size = len(self._buf)
            owned = bytearray(size + 1)  # at its final size: growing it would copy it again
            owned[:size - 1] = self._buf[:-1]
            owned[size - 1:] = b",\n"
            self._buf = owned
        elif self._shared:
            self._buf = bytearray(self._buf)
        self._shared = False
        return self._buf

    def _splice(self, start: int, end: int, row: bytes) -> None:
        """Put `row` in place of the buffer's bytes from `start` to `end`."""
        buf = self._own()
        try:
            buf[start:end] = row
        except BufferError:
            # A view of it outlived its write (a failed save's traceback still
            # held): change a copy, leave that view as it was.
            self._buf = buf = bytearray(buf)
            buf[start:end] = row

    def __setitem__(self, doc_id: str, doc: dict) -> None:
        number = _number(doc_id)
        row = b'"' + doc_id.encode() + b'":' + orjson.dumps(doc) + b",\n"
        at = self._position(number)
        if at is None:
            end = len(self._buf) + (1 if isinstance(self._buf, memoryview) else 0)
            self._splice(end, end, row)  # (a view is one byte short: see _own)
            self._append(number, len(row))
            return
        start = self._start(at)
        self._splice(start, start + self._lens[at], row)  # the rest moves up or down
        self._grow(at, len(row) - self._lens[at])
        self._lens[at] = len(row)

    def __delitem__(self, doc_id: str) -> None:
        at = self._position(_number(doc_id))
        if at is None:
            raise KeyError(doc_id)
        start = self._start(at)
        self._splice(start, start + self._lens[at], b"")
        self._grow(at, -self._lens[at])
        self._lens[at] = 0
        self._live -= 1

    def __iter__(self) -> Iterator[str]:
        ids = self._ids
        return (str(ids[at]) for at, _ in self._positions())

    def __len__(self) -> int:
        return self._live

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and is_doc_id(doc_id) \
            and self._position(int(doc_id)) is not None

    def items(self) -> Iterator[tuple[str, dict]]:  # type: ignore[override]
        loads, ids, version = orjson.loads, self._ids, self.version
        for at, start in self._positions():
            if self.version != version:  # the offsets walked are no longer true
                raise RuntimeError("PackedTable changed during iteration")
            doc_id = str(ids[at])
            yield doc_id, loads(self._row(at, start)[len(doc_id) + 3:])

    def values(self) -> Iterator[dict]:  # type: ignore[override]
        return (doc for _, doc in self.items())

    def parts(self) -> list[bytes | memoryview]:
        """The table as it is written in the file, one document per line, in
        parts to write one after the other: the rows are not copied, and stay
        as they are until the write is done (see `_own`)."""
        if not self._live:
            return [b"{}"]
        self._shared = True
        end = -1 if isinstance(self._buf, memoryview) else -2  # the last row's separator
        return [b"{\n", memoryview(self._buf)[:end], b"\n}"]

    def written(self) -> None:
        """The write that `parts` lent the rows to is over, and its views are
        gone: the rows may change in place again, without a copy (~1 ms at 10k)."""
        if not isinstance(self._buf, memoryview):
            self._shared = False

    def encoded(self) -> bytes:
        """The table as it is written in the file, in one piece."""
        shared = self._shared
        joined = b"".join(self.parts())  # (the views end here: nothing stays lent)
        self._shared = shared
        return joined

    def one_line(self) -> bytes:
        """The table as a head line holds it: `orjson.dumps` of it as a dict, built
        from the rows (a newline is never inside one: orjson escapes it)."""
        whole = self.encoded()
        return whole if whole == b"{}" else b"{" + whole[2:-2].replace(b",\n", b",") + b"}"

    @classmethod
    def of(cls, docs: Mapping[str, dict]) -> PackedTable:
        """`docs` packed at once: ~4× quicker than one `__setitem__` each."""
        if not docs:
            return cls()
        rows = b",\n".join([b'"' + k.encode() + b'":' + orjson.dumps(v) for k, v in docs.items()])
        return cls.read(b"{\n" + rows + b"\n}", 0, None)[0]

    def layout(self) -> dict:
        """Where the rows lie in the buffer (ids, lengths, the lengths' tree, and
        whether the ids ascend), to find them again in the same bytes without a
        search (open_cache.py, packed_rows.kept)."""
        return {"ids": self._ids, "lens": self._lens, "tree": self._tree,
                "ascending": self._where is None}

    @classmethod
    def read(cls, raw: bytes, start: int, check: Callable[[str, dict], str | None] | None,
             layout: dict | None = None) -> tuple[PackedTable, int]:
        """The table encoded at `raw[start:]`; (table, offset just past it).

        Each document is parsed on its own and checked with `check(doc_id, doc)`
        (a problem raises ValueError), then only its bytes are kept: the whole
        table is never in memory as objects. Anything but Prize's own layout,
        written exactly as Prize writes it, raises LayoutMismatch.

        `check` None: the bytes are known to be a file Prize wrote or checked
        (open_cache.py), so the rows are only found, not parsed (~30× faster);
        with the `layout` kept for those bytes, not even searched for.
        """
        from tui.store import packed_rows

        table = cls()
        if raw.startswith(b"{}", start):
            return table, start + 2
        if not raw.startswith(b"{\n", start):
            raise LayoutMismatch("not one document per line")
        base = start + 2
        if check is None and layout is not None:
            # (where the table ends, from its rows' lengths: a search of 25 MB for
            # "\n}" took ~40 ms at 30k contacts)
            ids, lens, tree, close = packed_rows.kept(raw, base, layout)
        else:
            close = raw.find(b"\n}", start)  # a newline is never inside a row
            if close < 0:
                raise LayoutMismatch("table not closed")
            ids, lens = (packed_rows.found(raw, base, close) if check is None
                         else packed_rows.checked(raw, base, close, check))
            tree = packed_rows.fenwick(lens)
        if ids:  # (else "{\n}": no rows)
            # The rows as they are in the file, separators and all: a view, no copy
            # (to the last row's "\n").
            table._buf, table._ids, table._lens, table._tree = \
                memoryview(raw)[base:close + 1], ids, lens, tree
            table._live = len(lens) - lens.count(0)
            ascending = layout["ascending"] if check is None and layout is not None else \
                all(map(lt, ids, islice(ids, 1, None)))  # (in C: 31k ids in ~1 ms)
            if not ascending:
                table._where = {n: i for i, n in enumerate(ids)}
        return table, close + 2


def is_doc_id(doc_id: str) -> bool:
    """A document id as TinyDB writes one: "12", not "012", " 12" or "²"."""
    # Up to 2**63 - 1, what the id arrays hold (ids.py gives out 19-digit ones).
    return (doc_id.isascii() and doc_id.isdigit() and len(doc_id) <= 19
            and (doc_id == "0" or not doc_id.startswith("0")) and int(doc_id) < 2**63)


def _number(doc_id: str) -> int:
    if not is_doc_id(doc_id):
        raise KeyError(doc_id)
    return int(doc_id)


def encode(table: Mapping[str, Any]) -> list[bytes | memoryview]:
    """A big table as Prize writes it, whether packed or a plain dict, in parts."""
    return (table if isinstance(table, PackedTable) else PackedTable(table)).parts()


def pack(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with its PACKED tables packed (in place; packed tables are kept)."""
    for name in PACKED:
        table = data.get(name)
        if table is not None and not isinstance(table, PackedTable):
            data[name] = PackedTable.of(table)
    return data


def new_table(name: str) -> MutableMapping[str, dict]:
    return PackedTable() if name in PACKED else {}
