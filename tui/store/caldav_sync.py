"""One two-way pass between Prize and a CalDAV calendar (SPEC §3.9), over a small
server interface (`Server`) that the caldav library adapter and the tests' in-memory
fake both provide.

The rules, in the window of caldav_events.window:

- push: each block and meeting Prize has (caldav_events.wanted_events); a new one
  is created with If-None-Match (an event of that UID already there is adopted and
  then updated), a changed one updated with If-Match and the stored ETag; one
  deleted in Prize is deleted from the calendar (If-Match). Prize never writes or
  deletes an event it did not create.
- a Prize block changed or deleted in the calendar is put back (Prize's plan is
  Prize's); a Prize meeting moved in the calendar moves in Prize, deleted there it
  is removed; moved on both sides, Prize's time wins and it counts as a conflict.
- pull: a timed, non-repeating event Prize did not create becomes a meeting
  (source "calendar", linked to a contact by attendee email or name in the title);
  moved or deleted there, the meeting moves or goes. Its time is the calendar's:
  changed in Prize, it is set back at the next pass (its other fields are Prize's).
- nothing changed on either side (the calendar's ctag or sync token as last seen,
  no record changed in Prize): one request, no listing.

The pass only reads Prize's data; what it would change is returned as edits
(`Outcome`), which the caller applies (Repository.apply / PrizeApp.apply). A pass
that fails raises SyncError before anything is applied: the data file stays as it
was, and the next pass starts again from the server's state (a create that finds
its event made by the failed pass adopts it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from tui.model.blocks import Block
from tui.model.calendar_links import CalendarLink
from tui.model.contacts import Contact, Meeting
from tui.model.edit import Change, Edit, added
from tui.model.plan import Settings

MAX_EVENTS = 5000  # events in the window a calendar may hold; more: refused whole
MASS_REMOVAL = 5  # meetings that vanish at once, above which nothing is removed


class SyncError(Exception):
    """One line for the person; nothing was applied."""


class AuthFailed(SyncError):
    pass


class Unreachable(SyncError):
    pass


class CalendarGone(SyncError):
    pass


class Precondition(Exception):
    """412: the event is not as the ETag said (changed, or there, or gone)."""


class Server(Protocol):
    def probe(self) -> str:
        """The calendar's ctag or sync token ("" when it has neither)."""

    def listing(self, start: datetime, end: datetime) -> dict[str, str]:
        """href → ETag of the events that touch [start, end)."""

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str]]:
        """href → (ETag, iCalendar text); an href that is gone is left out."""

    def href_for(self, uid: str) -> str: ...

    def create(self, href: str, body: bytes) -> str:
        """PUT with If-None-Match: *; the new ETag. Precondition when it exists."""

    def update(self, href: str, body: bytes, etag: str) -> str:
        """PUT with If-Match; the new ETag. Precondition when it is not `etag`."""

    def delete(self, href: str, etag: str) -> None:
        """DELETE with If-Match (gone already: done). Precondition when changed."""


@dataclass
class Local:
    """What a pass reads of Prize's data."""

    blocks: list[Block]
    meetings: list[Meeting]
    contacts: dict[int, Contact]
    contact_rows: list[tuple[int, str, str]]  # (id, name, email) for matching
    links: list[CalendarLink]
    settings: Settings
    # Whether a record was deleted in Prize (its tombstone): an event Prize made
    # for it is removed even when no link remembers it (a pass cut short).
    deleted: Callable[[str, int], bool] = lambda table, record_id: False

    @classmethod
    def of(cls, repo) -> Local:
        with repo.lock:
            meetings = list(repo.meetings.all())
            wanted = {m.contact_id for m in meetings if m.contact_id is not None}
            contacts = {i: c for i in wanted if (c := repo.contacts.get(i)) is not None}
            rows = list(repo.contacts.values("id", "name", "email"))
            return cls(list(repo.blocks.all()), meetings, contacts, rows,
                       list(repo.calendar_links.all()), repo.settings(), repo.was_deleted)


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)
    new_meetings: list[tuple[Meeting, CalendarLink]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    dry_run: bool = False

    @property
    def empty(self) -> bool:
        return not self.changes and not self.new_meetings

    def summary(self) -> str:
        c = self.counts
        line = (f"pushed {c['push new']} new, {c['push changed']} changed, "
                f"{c['push removed']} removed; pulled {c['pull new']} new, "
                f"{c['pull changed']} changed, {c['pull removed']} removed; "
                f"{c['conflicts']} conflict{'' if c['conflicts'] == 1 else 's'}")
        if c["put back"]:
            line += f"; {c['put back']} block{'' if c['put back'] == 1 else 's'} changed in " \
                    "the calendar put back"
        if c["set back"]:
            line += f"; {c['set back']} meeting{'' if c['set back'] == 1 else 's'} from the " \
                    "calendar set back to the time it has there"
        if c["unreadable"]:
            line += f"; {c['unreadable']} event{'' if c['unreadable'] == 1 else 's'} " \
                    "the server sent could not be read (skipped)"
        if not sum(c.values()):
            return "Dry run: nothing to change." if self.dry_run else \
                "Calendar synced: nothing to change."
        if self.dry_run:
            return f"Dry run, nothing changed: would have {line}."
        return f"Calendar synced: {line}."


def sync(server: Server, local: Local, *, now: datetime, tz_name: str,
         dry_run: bool = False) -> Outcome:
    """One pass (see the module docstring). Raises SyncError."""
    from tui.store.caldav_pass import Pass

    return Pass(server, local, now, tz_name, dry_run).run()


def apply_outcome(outcome: Outcome, apply: Callable[[Edit], Edit | None]) -> None:
    """Apply a pass's edits: the changes, then the new meetings and their links
    (which need the meetings' ids)."""
    if outcome.dry_run or outcome.empty:
        return
    if outcome.changes and apply(Edit("calendar sync", tuple(outcome.changes))) is None:
        return
    if outcome.new_meetings:
        made = apply(Edit("calendar sync", tuple(added(m) for m, _ in outcome.new_meetings)))
        if made is None:
            return
        ids = made.added_ids("meetings")
        links = [added(link.replace(record_id=i))
                 for (_, link), i in zip(outcome.new_meetings, ids, strict=True)]
        apply(Edit("calendar sync", tuple(links)))


def sync_repo(repo, server: Server, *, now: datetime, tz_name: str | None = None,
              dry_run: bool = False) -> Outcome:
    """A pass over `repo`'s data, its edits applied with `repo.apply` (not flushed)."""
    from tui.store.export_ics import local_zone_name

    outcome = sync(server, Local.of(repo), now=now, tz_name=tz_name or local_zone_name(),
                   dry_run=dry_run)
    apply_outcome(outcome, repo.apply)
    return outcome
