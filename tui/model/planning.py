"""Planning operations on blocks: the block form, one occurrence vs the series,
copying a week forward, templates, and the budget summary's warnings.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from tui.model.blocks import Block
from tui.model.dates import (
    WEEKDAY_ABBR,
    format_duration,
    parse_date,
    parse_duration,
    parse_time,
    weekday_number,
)
from tui.model.plan import GOAL_KINDS, Template, WeekGoals
from tui.model.recurrence import build_rrule, parse_rrule
from tui.model.validation import NAME_MAX, NOTES_MAX, clean_text, collect, quoted

# Which channels a result goal needs time on, for "goal with no block aimed at it".
GOAL_CHANNELS: dict[str, tuple[str, ...]] = {
    "meetings": ("LinkedIn", "Email", "Phone", "Video call", "In person", "Facebook", "X/Twitter"),
    "contacts": ("LinkedIn", "Facebook", "X/Twitter", "Email", "In person"),
    "conversations": ("LinkedIn", "Email", "Phone", "Video call", "In person"),
    "articles": ("Articles & comments",),
    "applications": ("Applications",),
}


def parse_weekdays(text: str) -> list[int] | None:
    """`tue thu`, `tue,thu`, `weekdays`, `mon-fri` → [1, 3]; empty → None (no repeat)."""
    words = [w for w in re.split(r"[\s,;/]+", text.strip().lower()) if w]
    if not words:
        return None
    days: set[int] = set()
    for word in words:
        if word in ("weekdays", "workdays"):
            days.update(range(5))
            continue
        if word in ("daily", "everyday", "all"):
            days.update(range(7))
            continue
        if "-" in word:
            first, _, last = word.partition("-")
            a, b = weekday_number(first), weekday_number(last)
            if a is None or b is None or b < a:
                raise ValueError(f"{quoted(word)} is not a range of days: try mon-fri")
            days.update(range(a, b + 1))
            continue
        number = weekday_number(word)
        if number is None:
            raise ValueError(f"{quoted(word)} is not a weekday: try tue thu, or mon-fri")
        days.add(number)
    return sorted(days)


def repeat_text(rule: str) -> tuple[str, str, str, str]:
    """Form texts (days, every N weeks, until, times) for an existing rule."""
    if not rule:
        return "", "1", "", ""
    fields = parse_rrule(rule)
    days = " ".join(WEEKDAY_ABBR[d].lower() for d in fields["weekdays"] or [])
    until = fields["until"].isoformat() if fields["until"] else ""
    count = str(fields["count"]) if fields["count"] else ""
    return days, str(fields["interval"]), until, count


class BlockInput(NamedTuple):
    """What the block form typed, as raw text."""

    channel: str
    activity: str
    target: str
    day: str
    start: str
    duration: str
    repeat_days: str = ""
    every: str = "1"
    until: str = ""
    times: str = ""
    notes: str = ""


def block_from_input(form: BlockInput, today: date, base: Block | None = None,
                     week: date | None = None) -> Block:
    """Validate every field at once; ValidationError maps field → reason.

    A new series starts on its first day in `week` (the week on screen) unless the
    Day typed is one of its days: `]` then a Mon/Wed/Fri series with the cursor on
    Sunday starts on that week's Monday, not the Monday after."""
    values = collect({
        "channel": lambda: clean_text(form.channel, required=True, max_len=60, label="channel"),
        "activity": lambda: clean_text(form.activity, max_len=NAME_MAX, label="activity"),
        "target": lambda: clean_text(form.target, max_len=NAME_MAX, label="target"),
        "day": lambda: parse_date(form.day, today),
        "start": lambda: parse_time(form.start),
        "duration": lambda: parse_duration(form.duration),
        "repeat_days": lambda: parse_weekdays(form.repeat_days),
        "every": lambda: _whole(form.every or "1", 1, 52, "weeks"),
        "until": lambda: parse_date(form.until, today) if form.until.strip() else None,
        "times": lambda: _whole(form.times, 1, 500, "times") if form.times.strip() else None,
        "notes": lambda: clean_text(form.notes, max_len=NOTES_MAX, multiline=True, label="notes"),
    })
    rule = ""
    extra = {}
    if values["repeat_days"] is not None:
        if values["until"] is not None and values["until"] < values["day"]:
            extra["until"] = "the series cannot end before its first day"
        if values["until"] is not None and values["times"] is not None:
            extra["times"] = "choose an end date or a number of times, not both"
        if not extra:
            rule = build_rrule(
                values["repeat_days"], values["every"], values["until"], values["times"]
            )
    elif values["until"] is not None or values["times"] is not None or values["every"] != 1:
        extra["repeat_days"] = "say which days it repeats on (e.g. tue thu), or clear the end"
    if rule and week is not None and values["day"].weekday() not in values["repeat_days"]:
        values["day"] = first_in_week(week, values["repeat_days"])
    start_minutes = values["start"].hour * 60 + values["start"].minute
    if start_minutes + values["duration"] > 24 * 60:
        extra["duration"] = "a block ends by midnight; shorten it or start earlier"
    if extra:
        from tui.model.validation import ValidationError

        raise ValidationError(extra)
    fields = dict(
        channel=values["channel"], activity=values["activity"], target=values["target"],
        day=values["day"].isoformat(), start=f"{values['start']:%H:%M}",
        minutes=values["duration"], rrule=rule, notes=values["notes"],
    )
    if base is None:
        return Block(**fields)
    exdates = base.exdates if rule and base.rrule else []
    return base.replace(**fields, exdates=list(exdates))


def first_in_week(week: date, weekdays: list[int]) -> date:
    """The first day of the week starting on `week` that falls on one of `weekdays`."""
    return next(week + timedelta(days=n) for n in range(7)
                if (week + timedelta(days=n)).weekday() in weekdays)


def block_input(block: Block, day: date | None = None) -> BlockInput:
    days, every, until, times = repeat_text(block.rrule)
    return BlockInput(
        channel=block.channel, activity=block.activity, target=block.target,
        day=(day or block.first_day).isoformat(), start=block.start,
        duration=format_duration(block.minutes), repeat_days=days, every=every,
        until=until, times=times, notes=block.notes,
    )


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"a whole number of {what}, {low} to {high}") from None
    if not low <= value <= high:
        raise ValueError(f"a whole number of {what}, {low} to {high}")
    return value


# -- one occurrence or the whole series ---------------------------------------


def skip_occurrence(series: Block, day: date) -> Block:
    """The series without the occurrence on `day` (an EXDATE); the rest is unchanged."""
    return series.replace(exdates=sorted({*series.exdates, day.isoformat()}))


def detach_occurrence(series: Block, day: date, edited: Block) -> tuple[Block, Block]:
    """Edit one occurrence: skip it in the series and add a one-off in its place."""
    one_off = edited.replace(id=None, rrule="", exdates=[], series_id=series.id)
    return skip_occurrence(series, day), one_off


def copy_week_forward(blocks: list[Block], last_week: date) -> list[Block]:
    """Last week's one-off blocks, a week later. Recurring ones already continue;
    one-offs that replaced an occurrence of a series stay where they were."""
    end = last_week + timedelta(days=6)
    return [
        b.replace(id=None, day=(b.first_day + timedelta(days=7)).isoformat(), exdates=[])
        for b in blocks
        if not b.rrule and b.series_id is None and last_week <= b.first_day <= end
    ]


def template_from_week(blocks: list[Block], week: date, name: str) -> Template:
    name = clean_text(name, required=True, max_len=80, label="template name")
    end = week + timedelta(days=6)
    items = []
    for b in blocks:
        if not b.rrule and week <= b.first_day <= end:
            doc = b.to_doc()
            doc["offset"] = (b.first_day - week).days
            for key in ("day", "exdates", "series_id", "rrule"):
                doc.pop(key, None)
            items.append(doc)
    return Template(name=name, blocks=items)


def apply_template(template: Template, week: date) -> list[Block]:
    made = []
    for doc in template.blocks:
        fields = {k: v for k, v in doc.items() if k != "offset"}
        day = week + timedelta(days=int(doc.get("offset", 0)))
        made.append(Block.from_doc({**fields, "day": day.isoformat()}))
    return made


# -- budgets and goals ----------------------------------------------------------


def budget_warnings(planned: dict[str, int], goals: WeekGoals | None) -> list[str]:
    """Plain-words warnings: over-budget channels, and result goals with no time aimed at them."""
    if goals is None:
        return []
    warnings = []
    for channel, budget in sorted(goals.budgets.items()):
        minutes = planned.get(channel, 0)
        if budget and minutes > budget:
            warnings.append(
                f"⚠ {channel}: {format_duration(minutes)} planned, over its "
                f"{format_duration(budget)} budget by {format_duration(minutes - budget)}"
            )
    for kind, target in goals.goals.items():
        channels = GOAL_CHANNELS.get(kind, ())
        if target and channels and not any(planned.get(c, 0) for c in channels):
            warnings.append(
                f"⚠ goal of {target} {GOAL_KINDS.get(kind, kind)} but no block aimed at it "
                f"({' / '.join(channels[:3])}…)"
                if len(channels) > 3
                else f"⚠ goal of {target} {GOAL_KINDS.get(kind, kind)} but no "
                f"{' or '.join(channels)} block this week"
            )
    return warnings
