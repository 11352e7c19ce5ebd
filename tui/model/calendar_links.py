"""What Prize knows about the events it shares with a CalDAV calendar (SPEC §3.9).

One `CalendarLink` per calendar event that Prize created (a block or a meeting it
pushed) or took in (an event made in the calendar, pulled as a meeting): its
UID, where it lives on the server (href), the ETag the server last gave it, and
a digest of what Prize last wrote (so a change in Prize is told from a change on
the server without fetching anything).

The links are sync state, not the person's data: they never hold the password
(that stays in the system keyring), and losing them costs a re-sync (every
create then meets the event that is already there and adopts it).
"""

from __future__ import annotations

from tui.model.record import Record, stored

PRIZE = "prize"  # Prize created the event: Prize may change and delete it
CALENDAR = "calendar"  # made in the calendar: Prize reads it, never writes or deletes it


@stored
class CalendarLink(Record):
    TABLE = "calendar_links"
    uid: str
    href: str = ""  # the event's URL on the server (absolute)
    etag: str = ""  # as the server last gave it
    kind: str = "meeting"  # "block" or "meeting"
    record_id: int | None = None  # the block or meeting; None: dropped in Prize, kept ignored
    origin: str = PRIZE
    # PRIZE: a digest of what Prize last wrote. CALENDAR: the event's time as last read
    # ("<UTC start>|<minutes>"), which the meeting's time is kept to.
    digest: str = ""
