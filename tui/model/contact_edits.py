"""The edits of the Contacts pane as plain functions: a contact added, edited,
moved along the pipeline, given a follow-up or deleted with its history, and an
interaction logged or a meeting booked with what each does to the contact."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from tui.model.contacts import (
    Contact,
    Interaction,
    Meeting,
    Stage,
    due_date,
    follow_up_words,
    next_stage,
    previous_stage,
)
from tui.model.edit import Edit, added, removed, updated
from tui.model.instants import to_iso
from tui.model.validation import printable


def _contact_change(before: Contact, after: Contact):
    return None if after == before else updated(before, after)


def next_follow_up(contact: Contact, interactions: Iterable[Interaction], today: date) -> str:
    """When the contact is next due, in words, given all of its interactions."""
    last = max((datetime.fromisoformat(i.at).astimezone().date() for i in interactions),
               default=None)
    return follow_up_words(due_date(contact, last), today)


def add_contact(contact: Contact) -> Edit:
    return Edit("add contact", (added(contact),), f"Added {printable(contact.name)}.")


def edit_contact(before: Contact, after: Contact) -> Edit:
    return Edit.of("edit contact", [_contact_change(before, after)])


def move_stage(contact: Contact, step: int) -> Edit:
    """One stage on (`step` > 0) or back; at either end, only a word why not."""
    stage = Stage(contact.stage)
    moved = next_stage(stage) if step > 0 else previous_stage(stage)
    if moved is stage:
        return Edit("stage change",
                    notice=f"Already at {'the last' if step > 0 else 'the first'} stage: {stage}.")
    return Edit("stage change", (updated(contact, contact.replace(stage=moved.value)),),
                f"{printable(contact.name)}: {stage} → {moved}")


def set_follow_up(contact: Contact, day: date | None, interactions: Iterable[Interaction],
                  today: date) -> Edit:
    """The hand-set follow-up (None clears it); the notice says when the contact is
    due now, which the cadence may make earlier."""
    after = contact.replace(follow_up=day.isoformat() if day else None)
    return Edit.of("follow-up", [_contact_change(contact, after)],
                   f"Next follow-up with {printable(contact.name)}: "
                   f"{next_follow_up(after, interactions, today)}.")


def delete_contact(contact: Contact, interactions: list[Interaction],
                   meetings: list[Meeting]) -> Edit:
    """The contact and its whole history (undo puts all of it back)."""
    history = f" with {len(interactions)} interactions and {len(meetings)} meetings"
    return Edit(
        "delete contact",
        (*map(removed, interactions), *map(removed, meetings), removed(contact)),
        f"Deleted {printable(contact.name)}{history if interactions or meetings else ''}. "
        "Press u to undo.",
    )


def log_interaction(contact: Contact, interaction: Interaction,
                    history: Iterable[Interaction], today: date) -> Edit:
    """The interaction, and the contact moved on by it (stage, a follow-up now done)."""
    from tui.model.history_forms import after_interaction  # (the forms: not at start-up)

    after = after_interaction(contact, interaction)
    moved = f" · now {after.stage}" if after.stage != contact.stage else ""
    return Edit.of(
        f"log {interaction.kind}",
        [added(interaction), _contact_change(contact, after)],
        f"Logged {interaction.kind} with {printable(contact.name)}{moved} · next follow-up "
        f"{next_follow_up(after, [*history, interaction], today)}.",
    )


def booked_when(at: str, now: datetime) -> str:
    """When a meeting starting `at` (stored ISO text) and entered `now` was booked:
    now, or its start if that is earlier (a meeting logged after it took place was
    booked by then at the latest)."""
    booked = now.astimezone().replace(microsecond=0)
    return to_iso(min(booked, datetime.fromisoformat(at)))


def book_meeting(contact: Contact, meeting: Meeting, now: datetime) -> Edit:
    """The meeting, booked `now` (`booked_when`: the week it counts as booked in),
    and the contact's stage moved to at least "meeting booked"."""
    from tui.model.history_forms import after_meeting

    meeting = meeting.replace(booked=booked_when(meeting.at, now))
    after = after_meeting(contact, meeting, now)
    at = datetime.fromisoformat(meeting.at).astimezone()
    return Edit.of(
        "book meeting",
        [added(meeting), _contact_change(contact, after)],
        f"{meeting.kind.capitalize()} meeting with {printable(contact.name)} on "
        f"{at:%a %d %b %H:%M} · stage {after.stage} · p: prep it (TIARA).",
    )
