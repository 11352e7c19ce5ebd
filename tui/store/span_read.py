"""A read-only repository for the figures of a span of days, read from the file
without parsing what the span does not need: for `prize trends`.

The small tables (plan, sessions, meetings, goals…) come whole from the file's
head; of the big ones (contacts, interactions: one document per line, see
head.py), only the lines whose day field falls in the span are parsed. A day is
found with a byte search on the line: inside a JSON string a quote is escaped,
so `"at":"` only ever starts the key itself. A year of 20k interactions is
scanned in milliseconds, and only the span's few thousand are built.

Anything the shortcut cannot vouch for — another program's layout, an older
schema, a document it reads that the app could not use — falls back to the full
read (`Repository.open_read_only`), which migrates, checks and refuses as usual.
(A record outside what is read is not checked: the app and `prize report`,
which read it, do.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any

import orjson

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.plan import WeekGoals
from tui.model.sessions import FocusSession
from tui.store import schema
from tui.store.head import head_tables
from tui.store.packed import BIG

# The day that puts a big table's record in a span ("at" of an interaction,
# "created" of a contact); each record with it outside the span is left unread.
DAY_FIELD = {"interactions": rb'"at":"(\d{4}-\d\d-\d\d)',
             "contacts": rb'"created":"(\d{4}-\d\d-\d\d)'}


class SpanTable:
    """The records of one table that a span's figures read: what
    `queries.metrics_for` asks of a table (`all`, `get`, `index`). A record is
    built when it is first asked for, so a year of marks costs only its span's."""

    def __init__(self, cls: type, docs: dict[str, dict]):
        self._cls, self._docs = cls, {int(k): d for k, d in docs.items()}
        self._built: dict[int, Any] = {}
        self._indexes: dict = {}

    def all(self) -> list:
        return [self.get(record_id) for record_id in self._docs]

    def get(self, record_id: int) -> Any:
        record = self._built.get(record_id)
        if record is None and (doc := self._docs.get(record_id)) is not None:
            record = self._built[record_id] = self._cls.from_doc(doc, record_id)
        return record

    def index(self, field: str, key: Callable[[Any], Hashable]) -> dict[Hashable, list[int]]:
        found = self._indexes.get((field, key))
        if found is None:
            found = self._indexes[(field, key)] = {}
            for record_id, doc in self._docs.items():
                found.setdefault(key(doc.get(field)), []).append(record_id)
        return found


class SpanData:
    """Every record of the small tables, and the span's records of the big ones read."""

    def __init__(self, data: dict[str, dict]):
        for name, cls in (("blocks", Block), ("marks", BlockMark), ("goals", WeekGoals),
                          ("contacts", Contact), ("interactions", Interaction),
                          ("meetings", Meeting), ("sessions", FocusSession)):
            setattr(self, name, SpanTable(cls, data.get(name) or {}))


def _rows(raw: bytes, name: str, lo: bytes, hi: bytes,
          keep: re.Pattern | None = None) -> dict[str, dict] | None:
    """The documents of big table `name` whose day is from `lo` to `hi` (and whose
    line matches `keep`, if given); None if the table is not laid out one document
    per line."""
    start = raw.find(b'\n"' + name.encode() + b'":')
    if start < 0:
        return {}
    start = raw.index(b":", start + 2) + 1
    if raw.startswith(b"{}", start):
        return {}
    end = raw.find(b"\n}", start)
    if not raw.startswith(b"{\n", start) or end < 0:
        return None
    found: dict[str, dict] = {}
    for match in re.compile(DAY_FIELD[name]).finditer(raw, start, end):
        if not lo <= match[1] <= hi:
            continue
        first = raw.rfind(b"\n", start, match.start()) + 1
        last = raw.find(b"\n", match.end(), end + 1)
        colon = raw.find(b'":', first, last)
        if raw[first] != 0x22 or colon < 0:  # a line starts with its id, in quotes
            return None
        if keep is not None and not keep.search(raw, colon, last):
            continue
        try:
            doc = orjson.loads(raw[colon + 2:last].rstrip(b","))
        except orjson.JSONDecodeError:
            return None
        if not isinstance(doc, dict):
            return None
        found[raw[first + 1:colon].decode()] = doc
    return found


def open_span(path: Path, first: str, last: str, *, kinds: Iterable[str] | None = None,
              big: Iterable[str] = BIG):
    """The records the figures of days `first` to `last` (ISO dates) read: every
    small table, and of the big tables named in `big`, the contacts created and
    interactions made in those days (only those of `kinds`, when given: the
    figures count conversations only); a big table not named is left empty.
    A `SpanData`, or a read-only Repository when the shortcut does not apply."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        return _whole(path)  # which says why, in one line
    data = head_tables(raw)  # checked, at this schema, or None
    if data is None:
        return _whole(path)
    lo, hi = first.encode(), last.encode()
    keep = None if kinds is None else re.compile(
        b'"kind":(?:' + b"|".join(re.escape(orjson.dumps(k)) for k in sorted(kinds)) + b")[,}]")
    for name in big:
        rows = _rows(raw, name, lo, hi, keep if name == "interactions" else None)
        if rows is None or any(schema.document_problem(name, k, d) for k, d in rows.items()):
            return _whole(path)
        data[name] = rows
    return SpanData(data)


def _whole(path: Path):
    from tui.store.repository import Repository  # (only when needed: ~25 ms to import)

    return Repository.open_read_only(path)
