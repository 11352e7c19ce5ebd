"""One change to the data as a value: what it is called, which records it adds,
replaces or removes, and what to tell the person once it is done.

Every change, from a key, a dialog, the review, the timer or an import, is an
`Edit` built by a plain function (contact_edits, block_edits, other_edits) and
applied in one place (`Repository.apply`, called by `PrizeApp.apply`). Undo is
the same edit turned around, so there is no undo function to get wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tui.model.record import Record

UNDO_DEPTH = 50  # edits `u` can take back


class Change:
    """One record before and after: `before` None adds it, `after` None removes it.
    A value, never changed once made. (A plain class, as `Edit` is a NamedTuple:
    a frozen dataclass compiles six methods, ~6M instructions, at every start.)"""

    __slots__ = ("before", "after")

    def __init__(self, before: Record | None, after: Record | None) -> None:
        if before is None and after is None:
            raise ValueError("a change needs a record before or after")
        if before is not None and after is not None and \
                (type(before) is not type(after) or before.id != after.id):
            raise ValueError("a change replaces one record by the same record")
        self.before = before
        self.after = after

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Change:
            return NotImplemented
        return (self.before, self.after) == (other.before, other.after)  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"Change(before={self.before!r}, after={self.after!r})"

    @property
    def record(self) -> Record:
        """The record as it is after the change (as it was, for a removal)."""
        record = self.after if self.after is not None else self.before
        assert record is not None  # (__init__)
        return record

    @property
    def table(self) -> str:
        return self.record.TABLE

    @property
    def added(self) -> bool:
        return self.before is None

    @property
    def removed(self) -> bool:
        return self.after is None

    def turned(self) -> Change:
        return Change(self.after, self.before)


def added(record: Record) -> Change:
    return Change(None, record)


def updated(before: Record, after: Record) -> Change:
    return Change(before, after)


def removed(record: Record) -> Change:
    return Change(record, None)


class Edit(NamedTuple):
    """A labelled list of changes, applied together or not at all.

    `notice` is said once the edit is applied; it may hold the person's own
    text, so it is always shown literally. An edit with no change only says it.
    """

    label: str
    changes: tuple[Change, ...] = ()
    notice: str = ""

    @classmethod
    def of(cls, label: str, changes: Iterable[Change | None], notice: str = "") -> Edit:
        """An edit of the changes that are not None (a field left as it was is no change)."""
        return cls(label, tuple(c for c in changes if c is not None), notice)

    @property
    def empty(self) -> bool:
        return not self.changes

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(c.table for c in self.changes)

    @property
    def contacts(self) -> frozenset[int]:
        """The contacts whose list row may change: those changed, and those whose
        history (an interaction, a meeting) changed."""
        ids: set[int] = set()
        for change in self.changes:
            for record in (change.before, change.after):
                if record is None:
                    continue
                if record.TABLE == "contacts" and record.id is not None:
                    ids.add(record.id)
                elif record.TABLE in ("interactions", "meetings"):
                    contact_id = getattr(record, "contact_id", None)
                    if contact_id is not None:
                        ids.add(contact_id)
        return frozenset(ids)

    def added_ids(self, table: str) -> list[int]:
        """Ids of the records of `table` this edit added (known once applied)."""
        return [c.after.id for c in self.changes
                if c.added and c.table == table and c.after is not None and c.after.id is not None]

    def undone(self) -> Edit:
        """The edit that takes this one back: each change turned, in reverse order."""
        return Edit(self.label, tuple(c.turned() for c in reversed(self.changes)))


class UndoStack:
    """The applied edits `u` takes back, newest last, at most UNDO_DEPTH."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []

    def push(self, edit: Edit) -> None:
        if not edit.empty:
            self.edits.append(edit)
            del self.edits[:-UNDO_DEPTH]

    def pop(self) -> Edit | None:
        return self.edits.pop() if self.edits else None

    def __len__(self) -> int:
        return len(self.edits)
