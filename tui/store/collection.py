"""Typed access to one table: records in, records out, no TinyDB type leaks."""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from typing import Any, Generic, TypeVar

import orjson

from tui.model.record import Record, copy_value
from tui.store.ids import IdAllocator
from tui.store.indexes import NONE, patch_groups
from tui.store.packed import BIG, PackedTable, new_table
from tui.store.stamps import History
from tui.store.storage import MemoryStorage

R = TypeVar("R", bound=Record)

# One sequence for every collection: a reload builds new collections, whose
# versions must not repeat those of the ones they replace.
_versions = itertools.count(1)
_ABSENT = object()  # a field a stored document does not have


class Collection(Generic[R]):
    """One table as a list of `R` records, cached until the table changes.

    The cache matters for the small tables read on every frame (blocks,
    marks). The big ones (contacts, interactions) are never cached whole: 10k
    records would take more memory than the rest of the app. Screens read them
    with `values` and `where_field`, which build only what they need.
    """

    def __init__(self, storage: MemoryStorage, cls: type[R],
                 lock: threading.RLock, on_change: Callable, ids: IdAllocator,
                 history: History):
        self._storage = storage
        self._history = history  # stamps and tombstones, for merging copies (stamps.py)
        self._cacheable = cls.TABLE not in BIG
        self._ids = ids
        self._cls = cls
        self._lock = lock
        self._on_change = on_change
        self._cache: list[R] | None = None
        self._by_id: dict[int, R] | None = None
        self._indexes: dict[tuple, tuple[int, dict]] = {}  # (field, key) → (version, ids_by)
        self._later: dict[tuple, tuple[int, Callable]] = {}  # → (version, load): not parsed yet
        # Changes with every edit of the table: what is derived from the table
        # (an index, a week's rows) stays valid while it is the same.
        self.version = next(_versions)

    @property
    def table(self) -> str:
        return self._cls.TABLE

    @property
    def record_class(self) -> type[R]:
        return self._cls

    def all(self) -> list[R]:
        """Every record, in insertion order. Treat them as read-only: edit with `update`."""
        with self._lock:
            if self._cache is None:
                records = list(self._records().values())
                if not self._cacheable:
                    return records
                self._cache = records
            return self._cache

    def get(self, record_id: int) -> R | None:
        found = self.get_many((record_id,))  # (one record: the table is not built for it)
        return found[0] if found else None

    def get_many(self, record_ids: Iterable[int]) -> list[R]:
        """The records of `record_ids` that exist, in that order (a period's, found
        through an index): `get` for each, with the lock taken once."""
        with self._lock:
            if self._by_id is not None:
                return [r for r in map(self._by_id.get, record_ids) if r is not None]
            docs, from_doc = self._docs(), self._cls.from_doc
            if isinstance(docs, PackedTable):
                return [from_doc(doc, number) for number, doc in docs.by_numbers(record_ids)]
            return [from_doc(doc, number) for number in record_ids
                    if (doc := docs.get(str(number))) is not None]

    def stored_texts(self, groups: list[list[int]]) -> list[bytes]:
        """Each group of records as stored, in JSON, in one piece, without building
        one (store/week_memo.py hashes them): a packed table's rows, another table's
        documents encoded."""
        with self._lock:
            docs = self._docs()
            if isinstance(docs, PackedTable):
                return docs.rows_texts(groups)
            return [b"\n".join(b"%d %s" % (number, orjson.dumps(doc)) for number in ids
                                if (doc := docs.get(str(number))) is not None)
                    for ids in groups]

    def _docs(self) -> MutableMapping[str, dict]:
        """The stored documents by id (as text), read in place: never modify."""
        return self._storage.data.get(self._cls.TABLE, {})

    def _writable(self) -> MutableMapping[str, dict]:
        return self._storage.data.setdefault(self._cls.TABLE, new_table(self._cls.TABLE))

    def _records(self) -> dict[int, R]:
        if self._by_id is not None:
            return self._by_id
        # Straight from the stored documents: TinyDB's Table.all() would copy
        # each one into a Document first (10k dict copies for nothing).
        records = {int(k): self._cls.from_doc(doc, int(k)) for k, doc in self._docs().items()}
        if self._cacheable:
            self._by_id = records
        return records

    def values(self, *fields: str) -> Iterator[tuple]:
        """`fields` of every record, in order, without building the records when
        they are not built yet: for a list or a figure over a whole table (10k
        contacts, 20k interactions) that needs a few fields of each. Lists and
        dicts are copies, as in a record.

        An iterator, to be consumed at once (it holds the lock): one document
        at a time is decoded, so 20k never sit in memory together.
        """
        with self._lock:
            if self._by_id is not None:
                for r in list(self._by_id.values()):
                    yield tuple(copy_value(getattr(r, f)) for f in fields)
                return
            defaults = [self._default(f) for f in fields]
            docs = self._docs()
            # A packed table decodes each document anew: its values are the
            # caller's already (copying them was half a list reload at 10k).
            fresh = isinstance(docs, PackedTable)
            for doc_id, doc in docs.items():
                yield self._pick(doc_id, doc, fields, defaults, fresh)

    def fields_of(self, record_id: int, fields: Iterable[str]) -> tuple | None:
        """`fields` of one record (None when there is none), as `values` gives them."""
        fields = tuple(fields)
        with self._lock:
            if self._by_id is not None:
                record = self._by_id.get(record_id)
                return None if record is None else tuple(
                    copy_value(getattr(record, f)) for f in fields)
            docs = self._docs()
            doc = docs.get(str(record_id))
            if doc is None:
                return None
            return self._pick(str(record_id), doc, fields, [self._default(f) for f in fields],
                              isinstance(docs, PackedTable))

    @staticmethod
    def _pick(doc_id: str, doc: dict, fields: tuple[str, ...], defaults: list,
              fresh: bool) -> tuple:
        """`fields` of a stored document; its lists and dicts copied unless `fresh`
        (decoded for this call), a default's always (it is shared)."""
        return tuple([int(doc_id) if f == "id" else
                      (v if fresh else copy_value(v)) if (v := doc.get(f, _ABSENT)) is not _ABSENT
                      else copy_value(d)
                      for f, d in zip(fields, defaults, strict=True)])

    def _default(self, name: str):
        if name == "id":
            return None
        spec = self._cls.__dataclass_fields__[name]
        if spec.default_factory is not dataclasses.MISSING:
            return spec.default_factory()
        return None if spec.default is dataclasses.MISSING else spec.default

    def where_field(self, field: str, test: Callable[[Any], bool]) -> list[R]:
        """Records whose `field` passes `test`, in order. Until the whole table is
        built only those are (a week's meetings out of a year's, the running
        session out of hundreds), which keeps the first frame cheap."""
        with self._lock:
            if self._by_id is not None:
                return [r for r in self._by_id.values() if test(getattr(r, field))]
            default = self._default(field)
            table = self._docs()
            return [self._cls.from_doc(doc, int(doc_id)) for doc_id, doc in table.items()
                    if test(doc.get(field, default))]

    def index(self, field: str, key: Callable[[Any], Hashable]) -> dict[Hashable, list[int]]:
        """`ids_by(field, key)`, kept and patched by each edit (`key` a module-level
        function, so that it is the same one each time). Read it, never modify it;
        it changes with the table."""
        with self._lock:
            found = self._indexes.get((field, key))
            if found is None or found[0] != self.version:
                if (groups := self._adopted(field, key)) is not None:
                    return groups
                found = self._indexes[(field, key)] = (self.version, self.ids_by(field, key))
            return found[1]

    def current_indexes(self) -> dict[tuple, Any]:
        """The indexes that are up to date, by (field, key): kept for the next run.
        One not parsed yet is given as its loader (written again as it was read)."""
        with self._lock:
            found: dict[tuple, Any] = {k: load for k, (version, load) in self._later.items()
                                       if version == self.version}
            found.update((k, groups) for k, (version, groups) in self._indexes.items()
                         if version == self.version)
            return found

    def has_index(self, field: str, key: Callable) -> bool:
        """Whether `index(field, key)` is at hand without reading the table."""
        with self._lock:
            return any(k == (field, key) and version == self.version
                       for source in (self._indexes, self._later)
                       for k, (version, _) in source.items())

    def drop_index(self, field: str, key: Callable, version: int) -> None:
        """Let go of an index built as of `version` (memory: ~2 MiB at 20k records)."""
        with self._lock:
            if self._indexes.get((field, key), (None,))[0] == version:
                del self._indexes[(field, key)]

    def adopt_index_later(self, field: str, key: Callable[[Any], Hashable],
                          load: Callable[[], dict[Hashable, list[int]] | None],
                          version: int | None = None) -> None:
        """`load()` gives `index(field, key)` of the table as of `version` (now when
        None), or None (build it): called when the index is first needed."""
        with self._lock:
            version = self.version if version is None else version
            if version == self.version:
                self._later[(field, key)] = (version, load)

    def _adopted(self, field: str, key: Callable) -> dict | None:
        version, load = self._later.pop((field, key), (None, None))
        groups = load() if version == self.version else None
        if groups is not None:
            self._indexes[(field, key)] = (self.version, groups)
        return groups

    def ids_by(self, field: str, key: Callable[[Any], Hashable]) -> dict[Hashable, list[int]]:
        """Record ids grouped by `key(value of field)`, each group in table order,
        read without building the records: an index for the caller to keep
        while `version` is unchanged (a week's meetings found by their date
        instead of testing a year of them on each week shown)."""
        with self._lock:
            groups: dict[Hashable, list[int]] = {}
            if self._by_id is not None:
                for record_id, record in self._by_id.items():
                    groups.setdefault(key(getattr(record, field)), []).append(record_id)
                return groups
            default = self._default(field)
            for doc_id, doc in self._docs().items():
                groups.setdefault(key(doc.get(field, default)), []).append(int(doc_id))
            return groups

    def field_of(self, record_id: int, field: str, default: Any = None) -> Any:
        """One field of one record (`default` when there is no such record),
        without building the record: a name for each of a week's meetings."""
        found = self.fields_of(record_id, (field,))
        return default if found is None else found[0]

    def where(self, predicate: Callable[[R], bool]) -> list[R]:
        return [r for r in self.all() if predicate(r)]

    def __len__(self) -> int:
        with self._lock:
            return len(self._docs())

    def add(self, record: R) -> R:
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[R]) -> list[R]:
        records = list(records)
        docs = [_detached(r) for r in records]
        with self._lock:
            table = self._writable()
            ids = self._ids.allocate(self._cls.TABLE, table, len(docs))
            for doc, i in zip(docs, ids, strict=True):
                table[str(i)] = self._history.written(self._cls.TABLE, i, None, doc)
            stored = {i: self._cls.from_doc(d, i) for d, i in zip(docs, ids, strict=True)}
            self._changed(stored, before=dict.fromkeys(ids))
            return list(stored.values())  # as a reopen would read them

    def update(self, record: R) -> None:
        self.update_many([record])

    def update_many(self, records: Iterable[R]) -> list[R]:
        """Replace records by id (adding any that are missing), in one change; return
        them as stored."""
        docs = {r.id: _detached(r) for r in records}
        if None in docs:
            raise ValueError("cannot update a record that was never added")
        with self._lock:
            # In the storage's own mapping: TinyDB's table update would copy the
            # whole table twice (~4 ms at 10k), and unpack a packed one.
            table = self._writable()
            before = {i: table.get(str(i)) for i in docs}
            for i, doc in docs.items():
                table[str(i)] = self._history.written(self._cls.TABLE, i, before[i], doc)
            stored = {i: self._cls.from_doc(d, i) for i, d in docs.items()}
            self._changed(stored, before=before)
            return list(stored.values())

    def restore_many(self, records: Iterable[R]) -> None:
        """Put removed records back under their old ids (undo, JSON import)."""
        self.update_many(records)

    def remove(self, record_id: int) -> R | None:
        """Remove and return the record (keep it to undo with `restore`)."""
        found = self.remove_many([record_id])
        return found[0] if found else None

    def remove_many(self, record_ids: Iterable[int]) -> list[R]:
        with self._lock:
            docs = self._docs()  # (not _writable: removing nothing adds no empty table)
            before = {i: doc for i in record_ids if (doc := docs.get(str(i))) is not None}
            old = [self._cls.from_doc(doc, i) for i, doc in before.items()]
            if before:
                table = self._writable()
                for i, doc in before.items():
                    del table[str(i)]
                    self._history.removed(self._cls.TABLE, i, doc)
                self._ids.retire(self._cls.TABLE, list(before))
                self._changed(removed=list(before), before=before)
            return old

    def absorb(self, docs: dict[int, dict | None]) -> None:
        """Put documents as they are (None: remove), stamps included: what a merge
        brought from another copy, which is not a new edit to stamp."""
        with self._lock:
            table = self._writable()
            before = {i: table.get(str(i)) for i in docs}
            upserted = {}
            for i, doc in docs.items():
                if doc is None:
                    table.pop(str(i), None)
                else:
                    table[str(i)] = doc
                    upserted[i] = self._cls.from_doc(doc, i)
            gone = [i for i, doc in docs.items() if doc is None and before[i] is not None]
            self._changed(upserted, removed=gone, before=before)

    def restore(self, record: R) -> None:
        """Put a removed record back under its old id (undo)."""
        self.update(record)

    def _changed(self, upserted: dict[int, R] | None = None, removed=(),
                 before: dict[int, dict | None] | None = None) -> None:
        """`before`: the documents the edit replaced or removed (None: added), for
        the indexes; it may be left empty when there are none."""
        # Patch the cache instead of dropping it: rebuilding 10k records per edit
        # would cost more than the write itself.
        upserted = upserted or {}
        if self._by_id is not None:
            self._by_id.update(upserted)
            for record_id in removed:
                self._by_id.pop(record_id, None)
        self._cache = None
        # An index kept in the open cache and not parsed yet is parsed now, to be
        # patched with the others: dropped, it would be missing from the cache
        # written at quit, and the next start would build it again (~200 ms at 10k).
        for field, key in list(self._later):
            self._adopted(field, key)
        previous, self.version = self.version, next(_versions)
        for (field, key), (version, groups) in list(self._indexes.items()):
            if version != previous:
                continue  # already out of date: built again when next asked
            default = self._default(field)
            changes = [(i, NONE if doc is None else doc.get(field, default),
                        getattr(upserted[i], field) if i in upserted else NONE)
                       for i, doc in (before or {}).items()]
            if patch_groups(groups, key, changes):
                self._indexes[(field, key)] = (self.version, groups)
            else:
                del self._indexes[(field, key)]
        self._on_change(self._cls.TABLE, [*upserted, *removed])


def _detached(record: Record) -> dict:
    """The record's document as fresh JSON values the caller cannot reach.

    `to_doc` shares the record's lists and dicts; stored as is, a caller
    mutating its record later would change the data without an edit (no
    generation bump), and a value JSON cannot hold would only fail at flush,
    blocking every later save. The cached record is rebuilt from this copy,
    so it equals what a reopen reads.
    """
    return orjson.loads(orjson.dumps(record.to_doc()))
