"""Settings, weekly budgets and result goals, daily reviews and templates."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from tui.model.record import Record, stored

GOAL_KINDS: dict[str, str] = {
    "meetings": "meetings booked",
    "contacts": "new targeted contacts",
    "conversations": "conversations",
    "articles": "articles or comments",
    "applications": "applications",
    "decision_makers": "conversations with decision makers",
}

DEFAULT_REMINDERS = [
    "Results, not hours: book one meeting today.",
    "Ten targeted contacts beat a hundred likes.",
    "Ask for a conversation, not a job.",
    "Follow up: most replies come after the second message.",
]


MAX_BACKUP_DAYS = 3650  # daily copies of the data file kept at most (Settings.backup_days)


@stored
class Settings(Record):
    TABLE = "settings"
    first_weekday: int = 0  # 0 = Monday
    weekly_hours_goal: float = 30.0
    reminders: list[str] = dataclasses.field(default_factory=lambda: list(DEFAULT_REMINDERS))
    theme: str = ""
    backup_days: int = 14
    pomodoro_work: int = 25
    pomodoro_break: int = 5
    pomodoro_long_break: int = 15
    pomodoro_long_every: int = 4
    quick_channel: str = "LinkedIn"
    quick_minutes: int = 30
    idle_minutes: int = 120
    overrun_minutes: int = 15
    bell: bool = True
    welcomed: bool = False  # the welcome on an empty file was seen
    # Calendar sync (SPEC §3.9): where, as whom, and how meeting titles read there.
    # Never the password: that is in the system keyring, or asked each time.
    calendar_url: str = ""  # the calendar collection's URL, once connected
    calendar_user: str = ""
    calendar_auth: str = ""  # the scheme the server asked for at connect ("basic", "digest")
    calendar_name: str = ""
    calendar_titles: str = "names"  # "names": "Meeting: Ada Lovelace (video)"; "private"
    calendar_ctag: str = ""  # the calendar's ctag or sync token at the last sync
    calendar_synced: str = ""  # ISO instant of the last sync that finished


@stored
class WeekGoals(Record):
    """Budgets (minutes per channel) and result goals for one ISO week."""

    TABLE = "goals"
    week: str  # "2026-W48"
    budgets: dict[str, int] = dataclasses.field(default_factory=dict)
    goals: dict[str, int] = dataclasses.field(default_factory=dict)


# A first week's plan that follows Prize's premise: most hours on conversations
# (calls, video, in person) and targeted outreach, few on scrolling feeds (minutes).
STARTING_BUDGETS = {"Phone": 240, "Video call": 180, "In person": 180, "Email": 240,
                    "LinkedIn": 240, "Applications": 240, "Research": 180,
                    "Articles & comments": 60, "Facebook": 30, "X/Twitter": 30}
STARTING_GOALS = {"meetings": 2, "contacts": 10, "conversations": 5, "articles": 1,
                  "applications": 5}


def goals_in_force(goals: Iterable[WeekGoals], week: str) -> WeekGoals | None:
    """The budgets and goals that hold in `week` ("2026-W49"): the latest set on or
    before it. They carry forward until changed, so a plan made once holds every week
    after; the one place every screen and report reads them from."""
    return max((g for g in goals if g.week <= week), key=lambda g: (g.week, g.id or 0),
               default=None)


@stored
class DailyReview(Record):
    TABLE = "reviews"
    day: str
    top3: list[str] = dataclasses.field(default_factory=list)
    note: str = ""


@stored
class Template(Record):
    """A saved week plan: block documents with a weekday offset instead of a date."""

    TABLE = "templates"
    name: str
    blocks: list[dict] = dataclasses.field(default_factory=list)


def reminder_for(reminders: list[str], ordinal: int) -> str:
    """The reminder shown on the day with this ordinal: one per day, rotating."""
    items = [r for r in reminders if r.strip()]
    return items[ordinal % len(items)] if items else ""
