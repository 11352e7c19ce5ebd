"""Applying an `Edit` to the repository's collections: all of it or none of it.

Each change is first checked against the record as it is now (a record edited
or removed since the edit was built, by another screen or a merge from disk,
refuses the whole edit), then the changes are applied in order, a run of
changes to one table at a time (an import of 5,000 contacts is one table
write, not 5,000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import orjson

from tui.model.edit import Change, Edit
from tui.model.plan import Settings
from tui.model.record import Record
from tui.store.collection import Collection
from tui.store.errors import StaleEdit

# What a record is called in the one line that says an edit was refused.
NAMES = {"contacts": "the contact", "interactions": "the interaction", "meetings": "the meeting",
         "blocks": "the block", "marks": "the block's mark", "goals": "the week's goals",
         "templates": "the template", "sessions": "the focus session",
         "reviews": "the review", "settings": "the settings", "employers": "the employer"}


def check(collections: Mapping[str, Collection], edit: Edit) -> None:
    """Raise StaleEdit unless every change starts from the record as it is now."""
    for change in edit.changes:
        collection = collections[change.table]
        record = change.record
        current = collection.get(record.id) if record.id is not None else None
        if current is None and change.table == "settings":
            current = Settings(id=1)  # never saved: the defaults are what was shown
        if not _same(current, change.before):
            name = getattr(record, "name", "") if change.table == "contacts" else ""
            raise StaleEdit(edit.label, f"{NAMES.get(change.table, 'a record')}"
                                        f"{f' {name!r}' if name else ''}")


def _same(current: Record | None, expected: Record | None) -> bool:
    if current is None or expected is None:
        return current is expected
    # As JSON: a record built by a form may hold a tuple where the stored one has a list.
    return current == expected or orjson.dumps(current.to_doc()) == orjson.dumps(expected.to_doc())


def apply(collections: Mapping[str, Collection], edit: Edit) -> Edit:
    """Apply `edit` (checked first); return it as applied: new records with their
    ids, every record as the store now holds it. The caller holds the lock."""
    check(collections, edit)
    applied: list[Change] = []
    for table, kind, run in _runs(edit.changes):
        collection = collections[table]
        if kind == "remove":
            collection.remove_many([c.record.id for c in run])
            applied += run
            continue
        write: Callable = collection.add_many if kind == "add" else collection.update_many
        stored = write([c.after for c in run])
        applied += [Change(c.before, s) for c, s in zip(run, stored, strict=True)]
    return Edit(edit.label, tuple(applied), edit.notice)


def _runs(changes: tuple[Change, ...]) -> Iterator[tuple[str, str, list[Change]]]:
    """Consecutive changes of one table and one kind (add a new record, put one
    under its id, remove one), in order."""
    run: list[Change] = []
    key: tuple[str, str] | None = None
    for change in changes:
        kind = "remove" if change.removed else \
            "add" if change.after is not None and change.after.id is None else "put"
        if (change.table, kind) != key:
            if run and key is not None:
                yield (*key, run)
            run, key = [], (change.table, kind)
        run.append(change)
    if run and key is not None:
        yield (*key, run)
