"""Blocks and meetings as an RFC 5545 calendar (``prize export ics``), built with `icalendar`.

What goes in:

- a one-off block: one VEVENT (a one-off that replaced an occurrence of a series also
  carries ``RELATED-TO`` with the series' UID; the series has an EXDATE for that day);
- a recurring block: ONE VEVENT with its RRULE (always ``WKST=MO``, as the planner
  expands it) and an EXDATE per skipped date. DTSTART is the series' first real
  occurrence. A series is exported whole, not clipped to the range, so that its UID
  keeps meaning the same series whatever range is exported (a calendar program that
  imports two exports updates the event instead of cutting it short);
- a meeting: one VEVENT, SUMMARY ``Meeting: <name> (<kind>)``, LOCATION the place.

Range: ``start``/``end`` are inclusive dates (either may be None: unbounded). A one-off
block is in range when its day is; a series when at least one of its occurrences is;
a meeting when its local date (in ``tz_name``) is.

Times: block times are wall-clock times in ``tz_name`` (by default the machine's IANA
zone, see ``local_zone_name``), written as ``DTSTART;TZID=<zone>`` with a VTIMEZONE
for every TZID used; in UTC they are written with ``Z`` and no VTIMEZONE. Meetings are
stored with an offset and converted to that zone. An RRULE's UNTIL is the end of the
last day in that zone, converted to UTC as RFC 5545 requires with a TZID DTSTART.

UIDs are stable across exports (``block-<id>@prize``, ``meeting-<id>@prize``);
DTSTAMP is the export instant in UTC. The library writes CRLF line ends, folds lines
at 75 octets and escapes commas, semicolons and newlines in text.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, vRecur

from tui.model.blocks import Block
from tui.model.contacts import Contact, Meeting
from tui.model.recurrence import MAX_INTERVAL, RFC_DAYS, occurrences, parse_rrule
from tui.store.atomic import atomic_write

PRODID = "-//Prize//Job search planner//EN"
UID_DOMAIN = "prize"
UTC_NAMES = frozenset({
    "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
})
# VTIMEZONE observances cover the events plus this many years (open-ended series).
_ZONE_YEARS_AHEAD = 10
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def block_uid(block_id: int) -> str:
    return f"block-{block_id}@{UID_DOMAIN}"


def meeting_uid(meeting_id: int) -> str:
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


# -- the zone ------------------------------------------------------------------


def _zone_key(text: str) -> str | None:
    """An IANA key from a TZ value or a zoneinfo path (":Europe/Paris", ".../zoneinfo/UTC")."""
    text = text.strip().lstrip(":")
    if "zoneinfo/" in text:
        text = text.rsplit("zoneinfo/", 1)[1]
    if not text or text.startswith("/") or ".." in text:
        return None
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return text


def local_zone_name() -> str:
    """The machine's IANA zone name: $TZ, then /etc/localtime's link, then /etc/timezone.

    "UTC" when none of them names a known zone (a POSIX rule like ``EST5EDT4`` in $TZ
    is not an IANA name and is skipped).
    """
    candidates = []
    if os.environ.get("TZ"):
        candidates.append(os.environ["TZ"])
    with contextlib.suppress(OSError):
        candidates.append(os.path.realpath("/etc/localtime"))
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for text in candidates:
        key = _zone_key(text)
        if key:
            return "UTC" if key in UTC_NAMES else key
    return "UTC"


def _zone(tz_name: str) -> tzinfo:
    if tz_name in UTC_NAMES:
        return UTC
    key = _zone_key(tz_name)
    if key is None:
        raise ValueError(f"unknown time zone {tz_name!r}: use an IANA name like Europe/Berlin")
    return ZoneInfo(key)


# -- building -------------------------------------------------------------------


def _text(value: str) -> str:
    """Plain text for a TEXT property: CRLF/CR become LF, other control characters go."""
    return _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def _at(day: date, start: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, start.replace(tzinfo=None, fold=0)).replace(tzinfo=zone)


def _end(begin: datetime, minutes: int, zone: tzinfo) -> datetime:
    """The end after `minutes` of real time (right across a DST change), in `zone`."""
    return (begin.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone)


def _in_range(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _block_summary(block: Block) -> str:
    title = f"{block.channel}: {block.activity}" if block.activity else block.channel
    return f"{title} – {block.target}" if block.target else title


def _first_occurrence(block: Block) -> date | None:
    """The series' first real date (dateutil counts `day` only if it matches the rule)."""
    first = block.first_day
    found = occurrences(first, block.rrule, first, first + timedelta(weeks=MAX_INTERVAL + 1))
    return found[0] if found else None


def _recur(block: Block, zone: tzinfo) -> vRecur:
    fields = parse_rrule(block.rrule)
    rule: dict = {"FREQ": "WEEKLY", "INTERVAL": fields["interval"], "WKST": "MO"}
    if fields["weekdays"] is not None:
        rule["BYDAY"] = [RFC_DAYS[d] for d in fields["weekdays"]]
    if fields["until"] is not None:
        last = _at(fields["until"], time(23, 59, 59), zone)
        rule["UNTIL"] = last.astimezone(UTC)
    if fields["count"] is not None:
        rule["COUNT"] = fields["count"]
    return vRecur(rule)


def _block_event(block: Block, zone: tzinfo, start: date | None, end: date | None,
                 stamp: datetime) -> Event | None:
    if block.id is None:
        return None
    begins = block.start_time
    exdates: list[date] = []
    if block.rrule:
        try:
            first = _first_occurrence(block)
            skipped = sorted({date.fromisoformat(d) for d in block.exdates})
            if first is None:
                return None
            if start is not None or end is not None:
                window_start = max(start, first) if start is not None else first
                # Unbounded end: past the last skipped date, one period always tells.
                window_end = end if end is not None else (
                    max([window_start, *skipped]) + timedelta(weeks=MAX_INTERVAL + 1))
                if not occurrences(block.first_day, block.rrule, window_start, window_end,
                                   skipped):
                    return None
            rule = _recur(block, zone)
        except ValueError:  # a rule outside what the planner writes: nothing to export
            return None
        exdates = [d for d in skipped if d >= first]
    else:
        first = block.first_day
        if not _in_range(first, start, end):
            return None
    event = Event()
    event.add("uid", block_uid(block.id))
    event.add("dtstamp", stamp)
    begin = _at(first, begins, zone)
    event.add("dtstart", begin)
    event.add("dtend", _end(begin, block.minutes, zone))
    event.add("summary", _text(_block_summary(block)))
    if block.notes:
        event.add("description", _text(block.notes))
    if block.channel:
        event.add("categories", [_text(block.channel)])
    if block.rrule:
        event.add("rrule", rule)
        if exdates:
            event.add("exdate", [_at(d, begins, zone) for d in exdates])
    elif block.series_id is not None:
        event.add("related-to", block_uid(block.series_id))
    return event


def _meeting_event(meeting: Meeting, contacts_by_id: Mapping[int, Contact], zone: tzinfo,
                   start: date | None, end: date | None, stamp: datetime,
                   private: bool = False) -> Event | None:
    if meeting.id is None:
        return None
    try:
        when = datetime.fromisoformat(meeting.at)
    except ValueError:
        return None
    if when.utcoffset() is None:
        when = when.replace(tzinfo=zone)
    begin = when.astimezone(zone)
    if not _in_range(begin.date(), start, end):
        return None
    contact = contacts_by_id.get(meeting.contact_id) if meeting.contact_id is not None else None
    summary = (f"Meeting: {contact.name} ({meeting.kind})" if contact and not private
               else f"Meeting ({meeting.kind})")
    event = Event()
    event.add("uid", meeting_uid(meeting.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", begin)
    event.add("dtend", _end(begin, meeting.minutes, zone))
    event.add("summary", _text(summary))
    if meeting.place:
        event.add("location", _text(meeting.place))
    about = []
    if contact is not None and not private:
        about.append(", ".join(p for p in (contact.role, contact.company) if p))
    about.append(meeting.note)
    description = "\n".join(p for p in about if p)
    if description:
        event.add("description", _text(description))
    event.add("categories", ["Meeting"])
    return event


def build_calendar(blocks: Iterable[Block], meetings: Iterable[Meeting],
                   contacts_by_id: Mapping[int, Contact], *, tz_name: str,
                   start: date | None, end: date | None, now: datetime) -> Calendar:
    """The calendar object (see the module docstring); `calendar_bytes` serialises it."""
    zone = _zone(tz_name)
    stamp = now.astimezone(UTC)
    events = [e for b in blocks if (e := _block_event(b, zone, start, end, stamp)) is not None]
    events.sort(key=lambda e: (e.decoded("dtstart"), str(e["uid"])))
    talks = [e for m in meetings
             if (e := _meeting_event(m, contacts_by_id, zone, start, end, stamp)) is not None]
    talks.sort(key=lambda e: (e.decoded("dtstart"), str(e["uid"])))
    return wrap_events(events + talks, tz_name=tz_name, now=now)


def block_event(block: Block, *, tz_name: str, now: datetime) -> Event | None:
    """One block as a VEVENT (a series with its RRULE and EXDATEs), whatever its dates."""
    return _block_event(block, _zone(tz_name), None, None, now.astimezone(UTC))


def meeting_event(meeting: Meeting, contact: Contact | None, *, tz_name: str, now: datetime,
                  private: bool = False) -> Event | None:
    """One meeting as a VEVENT; `private`: titled "Meeting (video)", no name, role or company."""
    contacts = {} if contact is None or contact.id is None else {contact.id: contact}
    return _meeting_event(meeting, contacts, _zone(tz_name), None, None,
                          now.astimezone(UTC), private)


def wrap_events(events: Iterable[Event], *, tz_name: str, now: datetime) -> Calendar:
    """A VCALENDAR holding `events`, with a VTIMEZONE for every zone they use."""
    zone = _zone(tz_name)
    stamp = now.astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Prize")
    for event in events:
        cal.add_component(event)
    if zone is not UTC and cal.events:
        years = [e.decoded("dtstart").year for e in cal.events]
        first = date(min(years), 1, 1)
        last = date(min(max(max(years), stamp.year) + _ZONE_YEARS_AHEAD, 9998), 1, 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
        missing = cal.get_missing_tzids()
        if missing:  # icalendar could not describe the zone: never write a dangling TZID
            raise ValueError(f"cannot describe the time zone {', '.join(sorted(missing))}")
    return cal


def calendar_bytes(blocks: Iterable[Block], meetings: Iterable[Meeting],
                   contacts_by_id: Mapping[int, Contact], *, tz_name: str,
                   start: date | None, end: date | None, now: datetime) -> bytes:
    """The RFC 5545 text (CRLF, folded) of the blocks and meetings in range."""
    cal = build_calendar(blocks, meetings, contacts_by_id, tz_name=tz_name,
                         start=start, end=end, now=now)
    return cal.to_ical()


def export_ics(repo, path: Path, *, start: date | None = None, end: date | None = None,
               tz_name: str | None = None, now: datetime | None = None) -> int:
    """Write the calendar to `path` (atomically, mode 0600); return the number of events."""
    contacts_by_id = {c.id: c for c in repo.contacts.all() if c.id is not None}
    cal = build_calendar(repo.blocks.all(), repo.meetings.all(), contacts_by_id,
                         tz_name=tz_name or local_zone_name(), start=start, end=end,
                         now=now or datetime.now(UTC))
    atomic_write(Path(path), cal.to_ical())
    return len(cal.events)
