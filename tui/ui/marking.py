"""Marking a block occurrence done / partly / missed, shared by the week and the review."""

from __future__ import annotations

from datetime import date

from tui.model.blocks import BLOCK_STATES, BlockMark

CYCLE = ("", *BLOCK_STATES)


def cycle_mark(app, block_id: int, day: date) -> str:
    """Move the mark of one occurrence to the next state (none → done → partly → missed →
    none), with undo; returns the new state."""
    repo, key = app.repo, day.isoformat()
    found = repo.marks.where(lambda m: m.block_id == block_id and m.day == key)
    old = found[0] if found else None
    state = CYCLE[(CYCLE.index(old.state if old else "") + 1) % len(CYCLE)]
    if old is not None:
        repo.marks.remove(old.id)
    new = repo.marks.add(BlockMark(block_id=block_id, day=key, state=state)) if state else None

    def undo():
        if new is not None:
            repo.marks.remove(new.id)
        if old is not None:
            repo.marks.restore(old)
        return ("marks",)

    app.push_undo(f"mark {state or 'open'}", undo)
    app.changed("marks")
    return state
