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

from collections.abc import Iterable
from datetime import date

from tui.model.contact_list import LIST_FIELDS, Entry, ListedContact, build_entries, sort_entries

PATCH_LIMIT = 500  # more contacts touched (an import): one pass over all is quicker


class ContactIndex:
    """Entries of one repository's contacts, current as of its tables' versions."""

    def __init__(self, repo):
        self._repo = repo
        self._entries: list[Entry] | None = None
        self._version: tuple[int, int] | None = None  # (contacts, interactions) built from
        self._sorted: dict[str, list[Entry]] = {}  # by sort mode, for the entries as they are
        self._dumped: tuple[list, list] | None = None  # from the open cache, not built yet

    def _now(self) -> tuple[int, int]:
        return self._repo.contacts.version, self._repo.interactions.version

    @property
    def current(self) -> bool:
        return (self._entries is not None or self._dumped is not None) \
            and self._version == self._now()

    def entries(self, only: Iterable[int] | None = None) -> list[Entry]:
        """Every contact's entry, in table order. `only`: the contacts an edit
        touched since the last call (None: any may have), patched alone.
        Read the list, never modify it: it changes with the data."""
        with self._repo.lock:
            if self._dumped is not None and self._version == self._now():
                self._built()
            if self.current:
                return self._entries
            from tui.store.queries import last_seen  # (not needed when the cache had them)

            self._dumped = None  # (edited before they were built: of no use now)
            only = None if only is None else frozenset(only)
            if self._entries is None or only is None or len(only) > PATCH_LIMIT:
                listed = map(ListedContact._make, self._repo.contacts.values(*LIST_FIELDS))
                self._entries = build_entries(listed, last_seen(self._repo))
            else:
                self._patch(only)
            self._version, self._sorted = self._now(), {}
            return self._entries

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
        """The entries as JSON values, with their order by due date (the list's
        first sort), or None when they are out of date."""
        if not self.current:
            return None
        if self._dumped is not None:
            return {"rows": self._dumped[0], "due": self._dumped[1]}
        at = {id(e): i for i, e in enumerate(self._entries)}
        return {"rows": [[e.key, e.stage, e.due.toordinal() if e.due else 0, e.hay]
                         for e in self._entries],
                "due": [at[id(e)] for e in self.sorted_by("due")]}

    def load(self, dumped: dict) -> None:
        """Entries `dump` gave, for the data as it is now (checked now, built
        when first asked for: `prize report` never asks)."""
        rows, due = dumped["rows"], dumped["due"]
        if not isinstance(rows, list) or sorted(due) != list(range(len(rows))) or \
                any(len(row) != 4 for row in rows):
            raise ValueError("not the entries of this Prize")
        self._dumped = rows, due
        self._version = self._now()

    def _built(self) -> None:
        rows, due = self._dumped
        self._dumped = None
        stages: dict[str, str] = {}  # one string per stage, as build_entries shares them
        fromordinal = date.fromordinal
        entries = self._entries = [Entry(key, stages.setdefault(stage, stage),
                                         fromordinal(due) if due else None, hay)
                                   for key, stage, due, hay in rows]
        self._sorted = {"due": [entries[i] for i in due]}
