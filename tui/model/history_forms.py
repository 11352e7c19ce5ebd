"""The interaction, meeting and follow-up forms: raw text in, records out, and
what logging an interaction or booking a meeting does to the contact (stage,
hand-set follow-up), testable without a screen.

As in `contact_forms`, every field is validated at once and ValidationError
({field: reason}) names each field's reason; nothing is built half-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tui.model.contact_forms import pick
from tui.model.contacts import (
    INTERACTION_KINDS,
    MEETING_KINDS,
    Contact,
    Interaction,
    Meeting,
    Stage,
    at_least,
)
from tui.model.dates import format_duration, parse_date, parse_duration, parse_time
from tui.model.instants import combine_local, to_iso
from tui.model.validation import NOTES_MAX, clean_text, collect

# A channel an interaction kind implies when the form leaves it empty.
KIND_CHANNEL = {"call": "Phone", "video": "Video call", "in person": "In person", "email": "Email"}
TALKED = ("call", "video", "in person")


# -- interaction ---------------------------------------------------------------


@dataclass(frozen=True)
class InteractionInput:
    kind: str = ""
    channel: str = ""
    note: str = ""
    day: str = "today"
    time: str = ""


def interaction_from_input(form: InteractionInput, contact: Contact, now: datetime) -> Interaction:
    today = now.astimezone().date()
    values = collect({
        "kind": lambda: pick(form.kind, INTERACTION_KINDS, "the kind") if form.kind.strip()
        else "message",
        "channel": lambda: clean_text(form.channel, max_len=60, label="channel"),
        "note": lambda: clean_text(form.note, max_len=NOTES_MAX, label="the note"),
        "day": lambda: _not_after(parse_date(form.day or "today", today), today,
                                  "it already happened: today or earlier"),
        "time": lambda: parse_time(form.time) if form.time.strip() else None,
    })
    local_now = now.astimezone()
    at = combine_local(values["day"], values["time"] or local_now.time().replace(microsecond=0))
    channel = values["channel"] or KIND_CHANNEL.get(values["kind"], contact.channel)
    return Interaction(contact_id=contact.id, at=to_iso(at), channel=channel,
                       kind=values["kind"], note=values["note"])


def after_interaction(contact: Contact, interaction: Interaction) -> Contact:
    """The contact once this interaction is logged.

    The cadence restarts by itself (it is derived from the last interaction);
    a hand-set follow-up on or before the interaction's day is done and cleared;
    the stage moves forward when it is behind (never backwards).
    """
    day = datetime.fromisoformat(interaction.at).astimezone().date()
    changes: dict = {}
    if contact.follow_up and date.fromisoformat(contact.follow_up) <= day:
        changes["follow_up"] = None
    stage = Stage(contact.stage)
    floor = Stage.CONVERSATION if interaction.kind in TALKED else Stage.REACHED_OUT
    if at_least(stage, floor) is not stage:
        changes["stage"] = floor.value
    return contact.replace(**changes) if changes else contact


# -- meeting -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingInput:
    kind: str = ""
    day: str = ""
    time: str = ""
    length: str = "30m"
    place: str = ""
    note: str = ""


MEETING_ALIASES = {"call": "phone", "video call": "video", "visio": "video", "meet": "in person"}


def meeting_from_input(form: MeetingInput, contact_id: int | None, now: datetime) -> Meeting:
    today = now.astimezone().date()
    values = collect({
        "kind": lambda: pick(MEETING_ALIASES.get(form.kind.strip().lower(), form.kind),
                             MEETING_KINDS, "the kind"),
        "day": lambda: parse_date(form.day, today),
        "time": lambda: parse_time(form.time),
        "length": lambda: parse_duration(form.length),
        "place": lambda: clean_text(form.place, max_len=500, label="place or link"),
        "note": lambda: clean_text(form.note, max_len=NOTES_MAX, label="the note"),
    })
    at = combine_local(values["day"], values["time"])
    return Meeting(contact_id=contact_id, at=to_iso(at), minutes=values["length"],
                   kind=values["kind"], place=values["place"], note=values["note"],
                   booked=to_iso(min(now.astimezone().replace(microsecond=0), at)))


def meeting_input(meeting: Meeting) -> MeetingInput:
    at = datetime.fromisoformat(meeting.at).astimezone()
    return MeetingInput(kind=meeting.kind, day=at.date().isoformat(), time=f"{at:%H:%M}",
                        length=format_duration(meeting.minutes), place=meeting.place,
                        note=meeting.note)


def after_meeting(contact: Contact, meeting: Meeting, now: datetime) -> Contact:
    """A booked meeting moves the stage to at least "meeting booked" ("met" once it began)."""
    floor = Stage.MET if datetime.fromisoformat(meeting.at) <= now else Stage.MEETING_BOOKED
    stage = Stage(contact.stage)
    moved = at_least(stage, floor)
    return contact if moved is stage else contact.replace(stage=moved.value)


# -- follow-up -----------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """The `f` form's answer: a date, or None to clear the hand-set follow-up."""

    day: date | None


def follow_up_from_input(text: str, today: date) -> FollowUp:
    s = text.strip()
    if not s:
        return FollowUp(None)

    def check() -> date:
        day = parse_date(f"in {s} days" if s.isdigit() and len(s) <= 4 else s, today)
        if day < today:
            raise ValueError("a follow-up is today or later; empty clears it")
        return day

    return FollowUp(collect({"follow_up": check})["follow_up"])


def _not_after(day: date, limit: date, message: str) -> date:
    """`day`, or ValueError(message) when it is after `limit`."""
    if day > limit:
        raise ValueError(message)
    return day

