"""Another copy of the data taken into the one in memory (merge.py does the merging):
what it changes for the person, as an `Edit` the screens are told of, and the
conflicts it found, for a notice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.model.edit import Change, Edit
from tui.model.record import Record
from tui.store.merge import merge, plain

if TYPE_CHECKING:
    from tui.store.repository import Repository
from tui.store.stamps import CONFLICTS, TOMBSTONES

# Tables a merge leaves only when they hold something (no empty ones written).
BOOKKEEPING = (TOMBSTONES, CONFLICTS)


@dataclass
class MergeNews:
    """What merging another copy brought: `edit` holds each record it added,
    changed or removed in memory (not for undo: it is the other copy's)."""

    source: str
    edit: Edit
    conflicts: list[dict] = field(default_factory=list)
    tables: frozenset[str] = frozenset()  # every table that changed, bookkeeping too
    same_as_other: bool = False  # the merged data is the other copy's, as it is
    generation: int = 0  # the repository's, just after the merge went into memory

    @property
    def summary(self) -> str:
        added = sum(1 for c in self.edit.changes if c.added)
        removed = sum(1 for c in self.edit.changes if c.removed)
        changed = len(self.edit.changes) - added - removed
        parts = [f"{n} {word}" for n, word in ((added, "added"), (changed, "changed"),
                                              (removed, "removed")) if n]
        return ", ".join(parts) or "nothing new"


    def by_table(self) -> list[str]:
        """One line per table: `contacts: 3 added, 1 changed`."""
        counts: dict[str, dict[str, int]] = {}
        for c in self.edit.changes:
            kind = "added" if c.added else "removed" if c.removed else "changed"
            row = counts.setdefault(c.table, {})
            row[kind] = row.get(kind, 0) + 1
        return [f"{table}: " + ", ".join(f"{n} {kind}" for kind, n in row.items())
                for table, row in counts.items()]


def tidy(data: dict) -> dict:
    for name in BOOKKEEPING:
        if not data.get(name):
            data.pop(name, None)
    return data


def merged_with(memory: Mapping[str, Mapping[str, dict]], other: dict,
                classes: Mapping[str, type[Record]], source: str
                ) -> tuple[dict, MergeNews, dict[str, list[str]], bool]:
    """(the merged database, the news of what it changes in `memory`, the ids that
    changed per table, whether the merged database is `other` as it is)."""
    memory, other = plain(memory), plain(other)
    merged = merge(memory, other)
    data = tidy(merged.data)
    changes: list[Change] = []
    changed: dict[str, list[str]] = {}
    for name in dict.fromkeys([*memory, *data]):
        before, after = memory.get(name, {}), data.get(name, {})
        cls = classes.get(name)
        for doc_id in dict.fromkeys([*before, *after]):
            old, new = before.get(doc_id), after.get(doc_id)
            if old == new:
                continue
            changed.setdefault(name, []).append(doc_id)
            if cls is not None:
                changes.append(Change(None if old is None else cls.from_doc(old, int(doc_id)),
                                      None if new is None else cls.from_doc(new, int(doc_id))))
    news = MergeNews(source, Edit(f"merged from {source}", tuple(changes)), merged.conflicts,
                     frozenset(changed))
    return data, news, changed, same_data(data, other)


def same_data(a: Mapping[str, Mapping[str, dict]], b: Mapping[str, Mapping[str, dict]]) -> bool:
    """Do the two hold the same documents (empty tables aside)?"""
    names = {n for n, t in a.items() if t} | {n for n, t in b.items() if t}
    return all(dict(a.get(n, {}).items()) == dict(b.get(n, {}).items()) for n in names)


def take_into(repo: Repository, data: dict, source: str) -> MergeNews:
    """Merge another copy's `data` into the repository's memory: the merge runs on a
    snapshot, off the repository's lock (the screens keep reading meanwhile), and
    only what changed is written into memory; merged again if an edit came in
    between. Sets `news.same_as_other`: the result is `data` as it is."""
    for _ in range(3):
        with repo.lock:
            generation, memory = repo.generation, plain(repo.raw_data())
        merged, news, changed, same = merged_with(memory, data, repo.record_classes(), source)
        with repo.lock:
            if repo.generation == generation:
                repo.absorb(merged, changed)
                news.same_as_other, news.generation = same, repo.generation
                return news
    with repo.lock:  # edits keep coming: merge under the lock this time
        merged, news, changed, same = merged_with(repo.raw_data(), data,
                                                  repo.record_classes(), source)
        repo.absorb(merged, changed)
        news.same_as_other, news.generation = same, repo.generation
        return news
