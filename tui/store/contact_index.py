"""The contact list's entries, derived from the contacts and their interactions.

One `Entry` per contact (contact_list.py): its stage, its next follow-up and
the text a search looks in. The contact list sorts and filters them; the
review's follow-ups read who is due from them, so the two always agree.
Deriving them reads every contact and every interaction (~100 ms at 10k
contacts), so they are kept: patched for the contacts an edit touched, built
again only when they are out of date, and kept in the open cache between runs
(open_cache.py) so that opening the file shows the list without deriving it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import islice, repeat
from operator import le

from tui.model.contact_list import LIST_FIELDS, Entry, ListedContact, build_entries, sort_entries

PATCH_LIMIT = 500  # more contacts touched (an import): one pass over all is quicker


class ContactIndex:
    """Entries of one repository's contacts, current as of its tables' versions."""

    def __init__(self, repo):
        self._repo = repo
        self._entries: list[Entry] | None = None
        self._version: tuple[int, int] | None = None  # (contacts, interactions) built from
        self._sorted: dict[str, list[Entry]] = {}  # by sort mode, for the entries as they are
        self._later: Callable[..., dict | None] | None = None  # from the open cache, not built yet

    def _now(self) -> tuple[int, int]:
        return self._repo.contacts.version, self._repo.interactions.version

    @property
    def current(self) -> bool:
        return (self._entries is not None or self._later is not None) \
            and self._version == self._now()

    def entries(self, only: Iterable[int] | None = None) -> list[Entry]:
        """Every contact's entry, in table order. `only`: the contacts an edit
        touched since the last call (None: any may have), patched alone.
        Read the list, never modify it: it changes with the data."""
        with self._repo.lock:
            if self._later is not None and self._version == self._now() and self._built():
                return self._entries
            if self.current:
                return self._entries
            from tui.store.queries import last_seen  # (not needed when the cache had them)

            self._later = None  # (edited before they were built: of no use now)
            only = None if only is None else frozenset(only)
            if self._entries is None or only is None or len(only) > PATCH_LIMIT:
                listed = map(ListedContact._make, self._repo.contacts.values(*LIST_FIELDS))
                self._entries = build_entries(listed, last_seen(self._repo))
            else:
                self._patch(only)
            self._version, self._sorted = self._now(), {}
            return self._entries

    def due_by(self, day: date) -> list[tuple[date, int]]:
        """(due date, key) of each contact due on or before `day`, in the list's
        order (by date, then name): from the entries, or while they are not
        built yet, from the open cache's columns, its order among them, without
        building them or reading a name (the review shows 30 of the 1,500 due of
        10,000: queries.followups_due)."""
        with self._repo.lock:
            if self._later is not None and self._version == self._now():
                found = _due_in_columns(self._later(texts=False), day)
                if found is not None:
                    return found
            return [(e.due, e.key) for e in self.sorted_by("due")
                    if e.due is not None and e.due <= day]

    def sorted_by(self, mode: str) -> list[Entry]:
        """The entries as `entries()` gives them, sorted as the list sorts them."""
        entries = self.entries()
        found = self._sorted.get(mode)
        if found is None:
            found = self._sorted[mode] = sort_entries(entries, mode)
        return found

    def _patch(self, keys: frozenset[int]) -> None:
        from tui.store.queries import last_seen_of

        repo, entries = self._repo, list(self._entries)  # a new list: callers keep the old
        seen = last_seen_of(repo, keys)
        at = {entry.key: i for i, entry in enumerate(entries)}
        gone = []
        for key in keys:
            found = repo.contacts.fields_of(key, LIST_FIELDS)
            entry = build_entries([ListedContact._make(found)], seen)[0] if found else None
            if key not in at:
                if entry is not None:
                    entries.append(entry)
            elif entry is None:
                gone.append(at[key])
            else:
                entries[at[key]] = entry
        for i in sorted(gone, reverse=True):
            del entries[i]
        self._entries = entries

    # -- the open cache -----------------------------------------------------------

    def dump(self) -> dict | None:
        """The entries as columns (ids, due dates as ordinals with 0 for none,
        stages as numbers into their names, search texts) with
        their order by due date (the list's first sort), or None when they are
        out of date. Columns: at 30k contacts a list per entry took ~60 ms to
        parse again; the search texts, kept as one string split again ~3 ms
        where a JSON list of them took ~13 (open_cache.Kept.texts)."""
        if not self.current:
            return None
        if self._later is not None:
            self.entries()
            if not self.current:
                return None
        entries = self._entries
        at = {id(e): i for i, e in enumerate(entries)}
        names = sorted({e.stage for e in entries})
        code = {name: i for i, name in enumerate(names)}
        return {"keys": array("q", [e.key for e in entries]),
                "due": array("q", [e.due.toordinal() if e.due else 0 for e in entries]),
                "order": array("q", [at[id(e)] for e in self.sorted_by("due")]),
                "stage": array("q", [code[e.stage] for e in entries]), "stage_names": names,
                "hay": [e.hay for e in entries]}

    def load_later(self, load: Callable[..., dict | None]) -> None:
        """`load()` gives what `dump` gave, for the data as it is now (or None;
        `load(texts=False)`: without the search texts): built when first asked
        for (`prize report` never asks)."""
        self._later, self._version = load, self._now()

    def first_rows(self, today: date) -> tuple[Sequence[Entry], int] | None:
        """The list as it first shows (by due date), and how many are due by
        `today`, from the open cache's columns while the entries are not built:
        rows made when drawn, without search texts (the first frame shows 14 of
        10,000; building all of them, texts and all, takes ~11 ms). None once
        they are built, or when the columns are unusable."""
        with self._repo.lock:
            if self._later is None or self._version != self._now():
                return None
            dumped = self._later(texts=False)
            if not _usable(dumped, texts=False):
                return None
        limit = today.toordinal()
        due = sum(1 for d in dumped["due"] if 0 < d <= limit)
        return _InDueOrder(dumped), due

    def _built(self) -> bool:
        """The entries `_later` gives, if they are those of a Prize like this one."""
        dumped, self._later = self._later(), None
        if not _usable(dumped, texts=True):
            return False
        keys, dues, order, codes = (dumped[k] for k in ("keys", "due", "order", "stage"))
        names, hays = dumped["stage_names"], dumped["hay"]
        days = {d: date.fromordinal(d) for d in set(dues) if d}  # one object a day (~1 MiB at 30k)
        # (no list of stages or of dates on the way: ~0.5 MiB less at the peak, 30k)
        entries = self._entries = list(map(tuple.__new__, repeat(Entry), zip(
            keys, map(names.__getitem__, codes), map(days.get, dues), hays, strict=True)))
        self._sorted = {"due": [entries[i] for i in order]}
        del dumped, keys, dues, order, codes, names, hays, days
        from tui.store.memory import release_free_memory

        release_free_memory()  # what reading the columns freed, before the first frame
        return True


def _usable(dumped: dict | None, texts: bool) -> bool:
    """Whether `dump`'s columns (with the search texts or without) fit together."""
    try:
        keys, dues, order, codes = (dumped[k] for k in ("keys", "due", "order", "stage"))
        names = dumped["stage_names"]
        count = len(keys)
        return isinstance(names, list) and \
            count == len(dues) == len(order) == len(codes) and \
            (not texts or count == len(dumped["hay"])) and \
            (not count or (min(codes) >= 0 and max(codes) < len(names) and min(order) >= 0
                           and _is_permutation(order)))
    except (KeyError, TypeError, AttributeError, IndexError):
        return False


class _InDueOrder(Sequence):
    """`dump`'s columns as the list's rows by due date, each made when asked for."""

    def __init__(self, dumped: dict):
        self._keys, self._dues, self._order = dumped["keys"], dumped["due"], dumped["order"]
        self._codes, self._names = dumped["stage"], dumped["stage_names"]

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        at = self._order[index]
        due = self._dues[at]
        return Entry(self._keys[at], self._names[self._codes[at]],
                     date.fromordinal(due) if due else None, "")


def _is_permutation(order: array) -> bool:
    """Whether `order` holds each of 0 … len - 1 once (IndexError past the end).
    Marked in bytes: a set of them took ~2 MiB at 30k contacts, at the peak."""
    seen = bytearray(len(order))
    deque(map(seen.__setitem__, order, repeat(1)), maxlen=0)
    return seen.count(0) == 0


def _due_in_columns(dumped: dict | None, day: date) -> list[tuple[date, int]] | None:
    """`ContactIndex.due_by` read from `dump`'s columns, or None if they are
    unusable (or their order is not by due date: then no list ever had it)."""
    if not _usable(dumped, texts=False):
        return None
    keys, order = dumped["keys"], dumped["order"]
    dues = list(map(dumped["due"].__getitem__, order))  # (in C: ~10× a loop)
    dated = dues.index(0) if 0 in dues else len(dues)  # (no date: last in the list)
    if dues.count(0) != len(dues) - dated or \
            not all(map(le, dues[:dated], islice(dues, 1, dated))):
        return None
    days: dict[int, date] = {}
    due = bisect_right(dues, day.toordinal(), 0, dated)
    return [(days.get(d) or days.setdefault(d, date.fromordinal(d)), keys[at])
            for d, at in zip(dues[:due], order[:due], strict=True)]
