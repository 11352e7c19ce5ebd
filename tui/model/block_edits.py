"""The edits of the Strategy pane as plain functions: blocks added, edited,
duplicated and deleted (one occurrence or a whole series), occurrences marked,
the week's budgets and goals, last week copied forward, templates."""

from __future__ import annotations

from datetime import date, timedelta

from tui.model.blocks import Block, BlockMark
from tui.model.edit import Edit, added, removed, updated
from tui.model.plan import Template, WeekGoals
from tui.model.planning import (
    apply_template,
    copy_week_forward,
    detach_occurrence,
    repeat_text,
    skip_occurrence,
)
from tui.model.validation import printable


def add_block(block: Block) -> Edit:
    when = f"on {block.first_day:%a %d %b}"
    if block.rrule:
        days = repeat_text(block.rrule)[0].replace(" ", ", ")
        when = f"every {days}, from {block.first_day:%a %d %b}"
    return Edit("add block", (added(block),), f"Added {printable(block.channel)} {when}.")


def edit_block(before: Block, after: Block) -> Edit:
    """The whole block (every occurrence of a series)."""
    return Edit.of("edit block", [None if after == before else updated(before, after)])


def edit_occurrence(series: Block, day: date, edited: Block) -> Edit:
    """One occurrence of a series: skipped in the series, a one-off in its place."""
    kept, one_off = detach_occurrence(series, day, edited.replace(rrule=""))
    return Edit("edit block", (updated(series, kept), added(one_off)))


def duplicate_block(block: Block, day: date) -> Edit:
    """A one-off copy of the occurrence on `day`, the day after."""
    copy = block.replace(id=None, rrule="", exdates=[], series_id=None,
                         day=(day + timedelta(days=1)).isoformat())
    return Edit("duplicate block", (added(copy),),
                f"Duplicated to {copy.first_day:%a %d %b} at {copy.start}.")


def delete_block(block: Block) -> Edit:
    return Edit("delete block", (removed(block),), "Deleted. Press u to undo.")


def delete_occurrence(series: Block, day: date) -> Edit:
    return Edit("delete block", (updated(series, skip_occurrence(series, day)),),
                "Deleted. Press u to undo.")


def set_mark(mark: BlockMark | None, block_id: int, day: date, state: str) -> Edit:
    """The occurrence marked `state` ("done", "partly", "missed"); the same state
    again, or "", takes the mark off (x on a done block: not done after all)."""
    if mark is not None and (state == mark.state or not state):
        return Edit("mark open", (removed(mark),), "Mark taken off.")
    if not state:
        return Edit("mark open")
    if mark is None:
        return Edit(f"mark {state}",
                    (added(BlockMark(block_id=block_id, day=day.isoformat(), state=state)),))
    return Edit(f"mark {state}", (updated(mark, mark.replace(state=state)),))


def set_goals(before: WeekGoals, after: WeekGoals) -> Edit:
    """The week's budgets and goals (`before` without an id: the week had none)."""
    if before.id is None:
        return Edit("budgets and goals", (added(after.replace(id=None)),))
    return Edit.of("budgets and goals", [None if after == before else updated(before, after)])


def copy_last_week(blocks: list[Block], week: date) -> Edit:
    copies = copy_week_forward(blocks, week - timedelta(days=7))
    if not copies:
        return Edit("copy last week", notice="Last week has no one-off blocks to copy "
                                             "(recurring ones continue anyway).")
    return Edit("copy last week", tuple(map(added, copies)),
                f"Copied {len(copies)} blocks from last week.")


def save_template(template: Template) -> Edit:
    if not template.blocks:
        return Edit("save template", notice="This week has no one-off blocks to save.")
    return Edit("save template", (added(template),),
                f"Saved {len(template.blocks)} blocks as template {printable(template.name)!r}.")


def use_template(template: Template, week: date) -> Edit:
    made = apply_template(template, week)
    return Edit("apply template", tuple(map(added, made)),
                f"Added {len(made)} blocks from the template.")
