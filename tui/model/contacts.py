"""Contacts, the pipeline, interactions, meetings and the follow-up cadence."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Protocol, TypeVar

from tui.model.record import Record, stored

C = TypeVar("C")  # a contact, or the few fields of one that a list needs


class Stage(StrEnum):
    TARGET = "target"
    REACHED_OUT = "reached out"
    CONNECTED = "connected"
    CONVERSATION = "conversation"
    MEETING_BOOKED = "meeting booked"
    MET = "met"
    REFERRAL = "referral"
    DORMANT = "dormant"


PIPELINE: tuple[Stage, ...] = tuple(s for s in Stage if s is not Stage.DORMANT)

CHANNELS: tuple[str, ...] = (
    "LinkedIn",
    "Facebook",
    "X/Twitter",
    "Email",
    "Phone",
    "Video call",
    "In person",
    "Articles & comments",
    "Applications",
    "Research",
)

INTERACTION_KINDS: tuple[str, ...] = (
    "message", "comment", "call", "video", "in person", "email", "reply",
)
MEETING_KINDS: tuple[str, ...] = ("phone", "video", "in person")


def next_stage(stage: Stage) -> Stage:
    """One step forward along the pipeline; dormant contacts restart as reached out."""
    if stage is Stage.DORMANT:
        return Stage.REACHED_OUT
    i = PIPELINE.index(stage)
    return PIPELINE[min(i + 1, len(PIPELINE) - 1)]


def previous_stage(stage: Stage) -> Stage:
    if stage is Stage.DORMANT:
        return Stage.TARGET
    i = PIPELINE.index(stage)
    return PIPELINE[max(i - 1, 0)]


def at_least(stage: Stage, floor: Stage) -> Stage:
    """`stage`, moved forward to `floor` when it is behind (dormant counts as behind)."""
    if stage is Stage.DORMANT or PIPELINE.index(stage) < PIPELINE.index(floor):
        return floor
    return stage


@stored
class Contact(Record):
    TABLE = "contacts"
    name: str
    company: str = ""
    role: str = ""
    industry: str = ""
    location: str = ""
    channel: str = ""
    url: str = ""
    email: str = ""
    phone: str = ""
    tags: list[str] = dataclasses.field(default_factory=list)
    priority: int = 0
    notes: str = ""
    source: str = "manual"
    stage: str = Stage.TARGET.value
    next_action: str = ""
    follow_up: str | None = None  # ISO date set by hand; the cadence may come earlier
    cadence_days: int | None = None
    created: str = ""  # ISO date
    roles: list[str] = dataclasses.field(default_factory=list)  # roles.ROLES: insider, peer…


@stored
class Interaction(Record):
    TABLE = "interactions"
    contact_id: int
    at: str  # ISO 8601 with offset
    channel: str = ""
    kind: str = "message"
    note: str = ""


@stored
class Meeting(Record):
    TABLE = "meetings"
    contact_id: int | None = None  # a meeting may be with someone not in the contacts
    at: str  # ISO 8601 with offset
    minutes: int = 30
    kind: str = "video"
    place: str = ""  # address or link
    note: str = ""
    booked: str = ""  # ISO 8601 with offset: when it was booked ("" = not known: `at`)
    source: str = ""  # "calendar": taken in from the person's calendar (calendar sync)

    @property
    def booked_at(self) -> str:
        """When the meeting was booked, as stored ISO text; the meeting's own start
        when that is not known (a record from elsewhere, e.g. a calendar)."""
        return self.booked or self.at


class FollowUpFields(Protocol):
    """What the next follow-up depends on: a Contact, or a row of its fields."""

    follow_up: str | None
    cadence_days: int | None
    created: str


def due_date(contact: FollowUpFields, last_interaction: date | None) -> date | None:
    """The next follow-up: the earlier of the date set by hand and the cadence.

    The cadence restarts from the last interaction on any channel; it is
    derived here each time and never stored.
    """
    candidates: list[date] = []
    if contact.follow_up:
        candidates.append(date.fromisoformat(contact.follow_up))
    if contact.cadence_days:
        since = last_interaction or (
            date.fromisoformat(contact.created) if contact.created else None
        )
        if since is not None:
            candidates.append(since + timedelta(days=contact.cadence_days))
    if not candidates:
        return None
    if contact.follow_up and last_interaction is not None:
        manual = date.fromisoformat(contact.follow_up)
        # A hand-set follow-up is done once the contact was reached on or after it.
        if last_interaction >= manual and len(candidates) > 1:
            candidates.remove(manual)
    return min(candidates)


def due_label(due: date | None, today: date) -> str:
    """Words, not colour, for how urgent a follow-up is."""
    if due is None:
        return ""
    days = (due - today).days
    if days < 0:
        return f"! {-days}d late"
    if days == 0:
        return "* today"
    if days == 1:
        return "tomorrow"
    return due.strftime("%d %b")


def followups(
    contacts: Iterable[Contact], last_day: dict[int, date], today: date,
) -> tuple[list[tuple[date, Contact]], list[tuple[date, Contact]]]:
    """(overdue, due today): follow-ups on or before `today`, oldest first, then by name.

    `last_day` is each contact's last interaction date, as `last_interaction_dates`
    gives it (in the zone the caller chose).
    """
    return split_due(((due_date(c, last_day.get(c.id)), c) for c in contacts), today)


def split_due(pairs: Iterable[tuple[date | None, C]], today: date,
              ) -> tuple[list[tuple[date, C]], list[tuple[date, C]]]:
    """(overdue, due today) of (follow-up date, contact) pairs, oldest first, then by name."""
    overdue, due_today = [], []
    for when, contact in pairs:
        if when is not None and when <= today:
            (overdue if when < today else due_today).append((when, contact))

    def key(item):
        return item[0], item[1].name.casefold(), item[1].id or 0

    return sorted(overdue, key=key), sorted(due_today, key=key)


def last_interaction_dates(interactions: Iterable[Interaction],
                           tz: tzinfo | None = None) -> dict[int, date]:
    """Latest interaction date per contact id, in `tz` (the machine's zone when None)."""
    return latest_dates(((item.contact_id, item.at) for item in interactions), tz)


def latest_dates(pairs: Iterable[tuple[int, str]], tz: tzinfo | None = None) -> dict[int, date]:
    """Latest date per contact id in `tz` (the machine's zone when None), from
    (contact id, ISO 8601 instant) pairs. The one place this is worked out: the
    contact list and the review's follow-ups must agree on who is due."""
    from dateutil.tz import tzlocal  # (2 ms to import: not before the first frame)

    if isinstance(tz, tzlocal):
        tz = None  # the same zone, read by the C library: ~20× faster than dateutil's
    latest_at: dict[int, datetime] = {}
    for contact_id, at in pairs:
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:  # text without an offset: the machine's local time
            when = when.astimezone()
        if contact_id not in latest_at or when > latest_at[contact_id]:
            latest_at[contact_id] = when
    # The local date of the latest instant is the latest local date.
    return {contact_id: when.astimezone(tz).date() for contact_id, when in latest_at.items()}


def follow_up_words(due: date | None, today: date) -> str:
    """`! 3d late (23 Nov)`, `* today`, `10 Dec (in 14 days)` or `none`."""
    if due is None:
        return "none"
    label = due_label(due, today)
    days = (due - today).days
    if days < 0:
        return f"{label} ({due:%d %b})"
    if days <= 1:
        return label
    return f"{label} (in {days} days)"
