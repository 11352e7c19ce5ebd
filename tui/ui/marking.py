"""Marking a block occurrence done / partly / missed, shared by the week and the review."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tui.model.block_edits import set_mark

if TYPE_CHECKING:
    from tui.ui.app import PrizeApp


def mark_occurrence(app: PrizeApp, block_id: int, day: date, state: str = "done") -> None:
    """Mark the occurrence `state` as one edit (the same state again takes it off)."""
    key = day.isoformat()
    found = app.repo.marks.where(lambda m: m.block_id == block_id and m.day == key)
    app.apply(set_mark(found[0] if found else None, block_id, day, state))
