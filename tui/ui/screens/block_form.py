"""Add or edit a time block (one-off or recurring)."""

from __future__ import annotations

from datetime import date

from tui.model.blocks import Block
from tui.model.contacts import CHANNELS
from tui.model.planning import BlockInput, block_from_input, block_input
from tui.ui.forms import Field, FormScreen

ACTIVITIES = (
    "Comment on industry news", "Engage in LinkedIn groups", "Message targeted contacts",
    "Write an article", "Research target companies", "Follow-up calls", "Apply to roles",
)


class BlockForm(FormScreen[Block]):
    def __init__(self, *, day: date, today: date, block: Block | None = None,
                 channels: tuple[str, ...] = CHANNELS, title: str | None = None,
                 week: date | None = None):
        super().__init__()
        self.day, self.today, self.block = day, today, block
        self.week = week  # the week on screen: where a new series starts
        self.channels = tuple(dict.fromkeys((*CHANNELS, *channels)))
        self.form_title = title or ("Edit block" if block else "New block")

    def fields(self) -> list[Field]:
        if self.block is not None:
            f = block_input(self.block, self.day)
        else:
            f = BlockInput("", "", "", self.day.isoformat(), "09:00", "45m")
        return [
            Field("channel", "Channel", f.channel, "LinkedIn, Email, Phone… or your own",
                  self.channels),
            Field("activity", "Activity", f.activity, "what you will do", ACTIVITIES),
            Field("target", "Target", f.target, "industry, company, location or field"),
            Field("day", "Day", f.day, "2026-12-03, dec 3, tomorrow, next mon, +3d"),
            Field("start", "Start", f.start, "14:30 or 2pm"),
            Field("duration", "Duration", f.duration, "45m, 1h30"),
            Field("repeat_days", "Repeat on", f.repeat_days, "empty = once; tue thu; mon-fri"),
            Field("every", "Every N weeks", f.every, "1"),
            Field("until", "Until", f.until, "a date, or empty"),
            Field("times", "Times", f.times, "a count, or empty"),
            Field("notes", "Notes", f.notes, ""),
        ]

    def build(self, values: dict[str, str]) -> Block:
        return block_from_input(BlockInput(**values), self.today, base=self.block,
                                week=self.week)
