"""The calendar events of calendar sync (SPEC §3.9): what Prize puts in the calendar,
built with the ICS export's own code, and what it reads back from one.

Push: a block is one event (a series: one resource with its RRULE, an EXDATE per
skipped day, and a RECURRENCE-ID override for each occurrence changed in Prize,
that is each one-off that replaced a day of the series); a meeting is one event.
Each has the export's stable UID. A `Wanted` carries the body and a digest of it
without DTSTAMP (which changes on every build), so a change in Prize is seen
without asking the server.

Pull: an event made in the calendar is read as a `Found` (start, length, title,
place, attendees) when it is meeting-shaped: a timed, non-repeating event.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from tui.model.blocks import Block
from tui.model.contacts import Contact, Meeting
from tui.model.recurrence import occurrences
from tui.store.export_ics import (
    UID_DOMAIN,
    block_event,
    block_uid,
    meeting_event,
    meeting_uid,
    wrap_events,
)

WEEKS_BACK = 4
WEEKS_AHEAD = 12
_DTSTAMP = re.compile(rb"^DTSTAMP[:;].*?\r\n(?![ \t])", re.MULTILINE | re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORDS = re.compile(r"[^\w@.]+")


def window(today: date) -> tuple[date, date]:
    """The days sync looks at: 4 weeks back to 12 weeks ahead, both inclusive."""
    return today - timedelta(weeks=WEEKS_BACK), today + timedelta(weeks=WEEKS_AHEAD)


def is_prizes(uid: str) -> bool:
    return uid.endswith(f"@{UID_DOMAIN}")


def record_of(uid: str) -> tuple[str, int] | None:
    """(table, record id) of an event Prize made ("meeting-12@prize"), else None."""
    kind, _, rest = uid.partition("-")
    number = rest.removesuffix(f"@{UID_DOMAIN}")
    table = {"block": "blocks", "meeting": "meetings"}.get(kind)
    return (table, int(number)) if table and is_prizes(uid) and number.isdigit() else None


def digest(body: bytes) -> str:
    """What identifies a body Prize wrote, whenever it was built (DTSTAMP left out)."""
    return hashlib.sha256(_DTSTAMP.sub(b"", body)).hexdigest()[:24]


@dataclass(frozen=True)
class Wanted:
    """An event as Prize wants it in the calendar."""

    uid: str
    kind: str  # "block" or "meeting"
    record_id: int
    body: bytes

    @property
    def digest(self) -> str:
        return digest(self.body)


def wanted_events(blocks: Iterable[Block], meetings: Iterable[Meeting],
                  contacts: Mapping[int, Contact], *, today: date, tz_name: str,
                  now: datetime, private: bool) -> dict[str, Wanted]:
    """Every block and meeting with a day in the window, by UID."""
    start, end = window(today)
    blocks = [b for b in blocks if b.id is not None]
    series = {b.id: b for b in blocks if b.rrule}
    overrides: dict[int, list[tuple[date, Block]]] = {}
    for block in blocks:
        if block.rrule or block.series_id not in series:
            continue
        master = series[block.series_id]
        day = _replaced_day(master, block, overrides.get(master.id, []))
        if day is not None:
            overrides.setdefault(master.id, []).append((day, block))
    overridden = {b.id for found in overrides.values() for _, b in found}
    out: dict[str, Wanted] = {}
    for block in blocks:
        if block.id in overridden:
            continue
        try:
            in_window = bool(occurrences(block.first_day, block.rrule, start, end,
                                         [date.fromisoformat(d) for d in block.exdates]))
        except ValueError:
            continue
        if not in_window:
            continue
        body = _block_body(block, overrides.get(block.id, []), tz_name, now)
        if body is not None:
            out[block_uid(block.id)] = Wanted(block_uid(block.id), "block", block.id, body)
    for meeting in meetings:
        if meeting.id is None or meeting.source == "calendar":
            continue  # (an event made in the calendar is the calendar's: never written)
        try:
            day = datetime.fromisoformat(meeting.at).astimezone().date()
        except ValueError:
            continue
        if not start <= day <= end:
            continue
        contact = contacts.get(meeting.contact_id) if meeting.contact_id is not None else None
        event = meeting_event(meeting, contact, tz_name=tz_name, now=now, private=private)
        if event is not None:
            uid = meeting_uid(meeting.id)
            body = wrap_events([event], tz_name=tz_name, now=now).to_ical()
            out[uid] = Wanted(uid, "meeting", meeting.id, body)
    return out


def _replaced_day(series: Block, one_off: Block, taken: list[tuple[date, Block]]) -> date | None:
    """The day of the series a one-off replaced: its own day when skipped there, else
    the nearest skipped day within a week not replaced already (None: not found)."""
    used = {d for d, _ in taken}
    skipped = sorted(date.fromisoformat(d) for d in series.exdates)
    free = [d for d in skipped if d not in used and d >= series.first_day]
    if one_off.first_day in free:
        return one_off.first_day
    near = [d for d in free if abs((d - one_off.first_day).days) <= 6]
    return min(near, key=lambda d: (abs((d - one_off.first_day).days), d)) if near else None


def _block_body(block: Block, overrides: list[tuple[date, Block]], tz_name: str,
                now: datetime) -> bytes | None:
    moved = {d.isoformat() for d, _ in overrides}
    master = block_event(block.replace(exdates=[d for d in block.exdates if d not in moved]),
                         tz_name=tz_name, now=now)
    if master is None:
        return None
    events = [master]
    start = master.decoded("dtstart")
    for day, one_off in sorted(overrides, key=lambda pair: pair[0]):
        event = block_event(one_off.replace(series_id=None), tz_name=tz_name, now=now)
        if event is None:
            continue
        event["uid"] = master["uid"]
        event.add("recurrence-id", datetime.combine(day, start.timetz()))
        events.append(event)
    return wrap_events(events, tz_name=tz_name, now=now).to_ical()


# -- reading ---------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A calendar event as Prize reads it."""

    uid: str
    start: datetime | None  # None: an all-day event
    minutes: int
    title: str
    place: str
    emails: tuple[str, ...]
    repeats: bool
    created: datetime | None = None  # when it was put in the calendar (CREATED), if said

    @property
    def meeting_shaped(self) -> bool:
        return self.start is not None and not self.repeats


class Unreadable(ValueError):
    """The server returned an event Prize cannot read."""


def read_event(text: str) -> Found:
    """The main event (the one without RECURRENCE-ID) of a calendar resource."""
    try:
        cal = Calendar.from_ical(text)
        events = [e for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e]
        if not events:
            raise Unreadable("no event in it")
        event: Event = events[0]
        uid = str(event.get("uid", ""))
        start = event.decoded("dtstart")
        if "DTEND" in event:
            length = event.decoded("dtend") - start
        elif "DURATION" in event:
            length = event.decoded("duration")
        else:
            length = timedelta(minutes=30)
    except Unreadable:
        raise
    except Exception as exc:  # icalendar raises many kinds on bad input
        raise Unreadable(str(exc)[:80]) from None
    if not uid:
        raise Unreadable("the event has no UID")
    timed = isinstance(start, datetime)
    if timed and start.tzinfo is None:
        start = start.astimezone()  # floating time: the machine's zone
    attendees = event.get("attendee", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    emails = tuple(str(a).removeprefix("mailto:").removeprefix("MAILTO:").strip().casefold()
                   for a in attendees)
    return Found(
        uid=uid,
        start=start.astimezone(UTC) if timed else None,
        minutes=max(1, min(int(length.total_seconds() // 60), 24 * 60)),
        title=clean(str(event.get("summary", ""))),
        place=clean(str(event.get("location", ""))),
        emails=emails,
        repeats="RRULE" in event or "RDATE" in event,
        created=_created(event),
    )


def _created(event: Event) -> datetime | None:
    try:
        created = event.decoded("created") if "CREATED" in event else None
    except Exception:  # icalendar raises many kinds on bad input; the date is optional
        return None
    if not isinstance(created, datetime):
        return None
    return (created if created.tzinfo else created.astimezone()).astimezone(UTC)


def clean(text: str, limit: int = 300) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))[:limit]


def meeting_at(found: Found) -> str:
    """`at` as a meeting stores it, of an event read from the calendar."""
    assert found.start is not None
    return found.start.astimezone().isoformat()


def meeting_kind(found: Found) -> str:
    title = found.title.casefold()
    if "://" in found.place or any(w in title for w in ("zoom", "meet", "teams", "video")):
        return "video"
    if any(w in title for w in ("call", "phone")):
        return "phone"
    return "in person" if found.place else "video"


def match_contact(found: Found, contacts: Iterable[tuple[int, str, str]]) -> int | None:
    """The contact an event is with: an attendee's email, else the longest contact
    name the title holds as whole words. `contacts`: (id, name, email) rows."""
    title = " " + _WORDS.sub(" ", found.title.casefold()) + " "
    best: tuple[int, int] | None = None
    for contact_id, name, email in contacts:
        if email and email.strip().casefold() in found.emails:
            return contact_id
        words = _WORDS.sub(" ", name.casefold()).strip()
        if len(words) >= 4 and f" {words} " in title and (best is None or len(words) > best[0]):
            best = (len(words), contact_id)
    return best[1] if best else None
