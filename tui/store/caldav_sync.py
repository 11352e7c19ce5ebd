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
from datetime import UTC, datetime, time
from typing import Protocol

from tui.model.blocks import Block
from tui.model.calendar_links import CALENDAR, PRIZE, CalendarLink
from tui.model.contacts import Contact, Meeting
from tui.model.edit import Change, Edit, added, removed, updated
from tui.model.plan import Settings
from tui.store import caldav_events as ev

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

    @classmethod
    def of(cls, repo) -> Local:
        with repo.lock:
            meetings = list(repo.meetings.all())
            wanted = {m.contact_id for m in meetings if m.contact_id is not None}
            contacts = {i: c for i in wanted if (c := repo.contacts.get(i)) is not None}
            rows = list(repo.contacts.values("id", "name", "email"))
            return cls(list(repo.blocks.all()), meetings, contacts, rows,
                       list(repo.calendar_links.all()), repo.settings())


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
        if self.dry_run:
            return f"Dry run, nothing changed: would have {line}."
        if not sum(c.values()):
            return "Calendar synced: nothing to change."
        return f"Calendar synced: {line}."


def sync(server: Server, local: Local, *, now: datetime, tz_name: str,
         dry_run: bool = False) -> Outcome:
    """One pass (see the module docstring). Raises SyncError."""
    pass_ = _Pass(server, local, now, tz_name, dry_run)
    return pass_.run()


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


class _Pass:
    def __init__(self, server: Server, local: Local, now: datetime, tz_name: str,
                 dry_run: bool):
        self.server, self.local, self.now, self.dry = server, local, now, dry_run
        self.tz_name = tz_name
        self.out = Outcome(dry_run=dry_run)
        self.today = now.astimezone().date()
        private = local.settings.calendar_titles == "private"
        self.wanted = ev.wanted_events(local.blocks, local.meetings, local.contacts,
                                       today=self.today, tz_name=tz_name, now=now,
                                       private=private)
        self.links = {link.uid: link for link in local.links}
        self.meetings = {m.id: m for m in local.meetings if m.id is not None}
        self.blocks = {b.id for b in local.blocks if b.id is not None}

    def _alive(self, link: CalendarLink) -> bool:
        ids = self.blocks if link.kind == "block" else self.meetings
        return link.record_id is not None and link.record_id in ids

    def _local_news(self) -> bool:
        for uid, want in self.wanted.items():
            link = self.links.get(uid)
            if link is None or link.digest != want.digest:
                return True
        return any(link.origin == PRIZE and not self._alive(link) or self._moved_here(link)
                   for link in self.links.values())

    def _moved_here(self, link: CalendarLink) -> bool:
        """A meeting taken from the calendar whose time was changed in Prize."""
        if link.origin != CALENDAR or not self._alive(link) or "|" not in link.digest:
            return False
        meeting = self.meetings[link.record_id]
        return _times(meeting.at, meeting.minutes) != link.digest

    def run(self) -> Outcome:
        ctag = self.server.probe()
        if ctag and ctag == self.local.settings.calendar_ctag and not self._local_news():
            return self.out
        start, end = ev.window(self.today)
        listing = self.server.listing(datetime.combine(start, time(), UTC),
                                      datetime.combine(end, time(23, 59), UTC))
        if len(listing) > MAX_EVENTS:
            raise SyncError(f"the calendar holds {len(listing)} events in the sync window; "
                            f"Prize syncs at most {MAX_EVENTS}: use a calendar of its own")
        by_href = {link.href: link for link in self.links.values() if link.href}
        wanted_hrefs = {self.server.href_for(uid): uid for uid in self.wanted}
        to_fetch = [h for h, etag in listing.items()
                    if (link := by_href.get(h)) is None and h not in wanted_hrefs
                    or link is not None and link.etag != etag]
        # Linked events the listing lacks: deleted there, or moved out of the window.
        missing = [link.href for link in self.links.values() if link.href not in listing
                   and (link.uid in self.wanted or link.origin == CALENDAR and self._alive(link))]
        fetched = self.server.fetch(to_fetch + missing) if to_fetch or missing else {}
        gone = {h for h in missing if h not in fetched}
        self._guard(gone)
        for uid, want in self.wanted.items():
            self._push(want, self.links.get(uid), listing, fetched, gone)
        for link in list(self.links.values()):
            if link.uid not in self.wanted:
                self._leftover(link, listing, fetched, gone)
        for href in listing:
            if href not in by_href and href not in wanted_hrefs and href in fetched:
                self._pull_new(href, *fetched[href])
        if not self.dry and (self.out.changes or self.out.new_meetings or self.out.counts
                             or ctag != self.local.settings.calendar_ctag):
            settings = self.local.settings
            after = settings.replace(id=settings.id or 1, calendar_ctag=self.server.probe(),
                                     calendar_synced=self.now.astimezone(UTC).isoformat())
            self.out.changes.append(updated(settings.replace(id=settings.id or 1), after))
        return self.out

    def _guard(self, gone: set[str]) -> None:
        """Never remove many meetings at once on what may be a bad listing."""
        meetings = [link for link in self.links.values()
                    if link.href in gone and link.kind == "meeting" and self._alive(link)]
        linked = sum(1 for link in self.links.values() if link.kind == "meeting")
        if len(meetings) > MASS_REMOVAL and len(meetings) * 2 > linked:
            raise SyncError(f"{len(meetings)} of Prize's {linked} calendar meetings vanished "
                            "from the calendar at once; nothing was removed. Check the "
                            "calendar, then sync again")

    # -- one event each ---------------------------------------------------------------

    def _link(self, before: CalendarLink | None, after: CalendarLink | None) -> None:
        if before is None and after is not None:
            self.out.changes.append(added(after))
        elif before is not None and after is None:
            self.out.changes.append(removed(before))
        elif before is not None and after is not None and before != after:
            self.out.changes.append(updated(before, after))

    def _write(self, href: str, body: bytes, etag: str | None) -> str | None:
        """Create (etag None) or update; the new ETag, or None on a 412 (a conflict,
        settled by the next pass, which reads the event again)."""
        if self.dry:
            return etag or "dry-run"
        try:
            if etag is None:
                return self.server.create(href, body)
            return self.server.update(href, body, etag)
        except Precondition:
            if etag is not None:
                self.out.counts["conflicts"] += 1
                return None
        # Created already (a pass that failed half-way, another machine): adopt it.
        found = self.server.fetch([href]).get(href)
        if found is None:
            self.out.counts["conflicts"] += 1
            return None
        return self._write(href, body, found[0])

    def _push(self, want: ev.Wanted, link: CalendarLink | None, listing: dict[str, str],
              fetched: dict[str, tuple[str, str]], gone: set[str]) -> None:
        if link is None:
            href = self.server.href_for(want.uid)
            etag = self._write(href, want.body, None)
            if etag is not None:
                self.out.counts["push new"] += 1
                self._link(None, CalendarLink(uid=want.uid, href=href, etag=etag,
                                              kind=want.kind, record_id=want.record_id,
                                              origin=PRIZE, digest=want.digest))
            return
        now_etag = listing.get(link.href) or (fetched.get(link.href) or ("",))[0]
        mine = link.digest != want.digest
        if link.href in gone:
            if want.kind == "meeting" and not mine:
                self._remove_meeting(link, "pull removed")
                return
            etag = self._write(link.href, want.body, None)
            self.out.counts["put back" if want.kind == "block" else "conflicts"] += etag is not None
        elif now_etag and now_etag != link.etag:
            theirs = fetched.get(link.href)
            if want.kind == "meeting" and theirs is not None and not mine:
                self._moved_there(link, want, theirs)
                return
            etag = self._write(link.href, want.body, now_etag)
            self.out.counts["put back" if want.kind == "block" else "conflicts"] += etag is not None
        elif mine:
            etag = self._write(link.href, want.body, link.etag)
            self.out.counts["push changed"] += etag is not None
        else:
            return
        if etag is not None:
            self._link(link, link.replace(etag=etag, digest=want.digest, record_id=want.record_id))

    def _moved_there(self, link: CalendarLink, want: ev.Wanted, theirs: tuple[str, str]) -> None:
        """A Prize meeting changed in the calendar: its time and length come to Prize."""
        etag, text = theirs
        try:
            found = ev.read_event(text)
        except ev.Unreadable:
            self.out.counts["unreadable"] += 1
            return
        meeting = self.meetings[want.record_id]
        if found.start is None:
            return
        after = meeting.replace(at=ev.meeting_at(found), minutes=found.minutes)
        if (datetime.fromisoformat(after.at), after.minutes) != \
                (datetime.fromisoformat(meeting.at), meeting.minutes):
            self.out.changes.append(updated(meeting, after))
            self.out.counts["pull changed"] += 1
            contact = self.local.contacts.get(after.contact_id) \
                if after.contact_id is not None else None
            moved = ev.wanted_events([], [after], {contact.id: contact} if contact else {},
                                     today=self.today, tz_name=self.tz_name, now=self.now,
                                     private=self.local.settings.calendar_titles == "private")
            digest = moved[link.uid].digest if link.uid in moved else ""
        else:
            digest = want.digest
        self._link(link, link.replace(etag=etag, digest=digest))

    def _remove_meeting(self, link: CalendarLink, count: str) -> None:
        meeting = self.meetings.get(link.record_id) if link.record_id is not None else None
        if meeting is not None:
            self.out.changes.append(removed(meeting))
            self.out.counts[count] += 1
        self._link(link, None)

    def _leftover(self, link: CalendarLink, listing: dict[str, str],
                  fetched: dict[str, tuple[str, str]], gone: set[str]) -> None:
        """A link with nothing to push: deleted in Prize, out of the window, or pulled."""
        if link.origin == PRIZE:
            if self._alive(link):
                return  # out of the window: left as it is on both sides
            if not self.dry:
                try:
                    self.server.delete(link.href, listing.get(link.href, link.etag))
                except Precondition:
                    self.out.counts["conflicts"] += 1
                    return
            self.out.counts["push removed"] += 1
            self._link(link, None)
            return
        if link.href in gone:
            self._remove_meeting(link, "pull removed")
            return
        theirs = fetched.get(link.href)
        if theirs is None:
            if self._moved_here(link):  # the calendar's event: its time is the calendar's
                meeting = self.meetings[link.record_id]
                at, minutes = link.digest.split("|")
                back = datetime.fromisoformat(at).astimezone().isoformat()
                self.out.changes.append(updated(meeting, meeting.replace(
                    at=back, minutes=int(minutes))))
                self.out.counts["set back"] += 1
            return
        etag, text = theirs
        try:
            found = ev.read_event(text)
        except ev.Unreadable:
            self.out.counts["unreadable"] += 1
            return
        meeting = self.meetings.get(link.record_id) if link.record_id is not None else None
        if meeting is not None and found.meeting_shaped:
            after = meeting.replace(at=ev.meeting_at(found), minutes=found.minutes,
                                    place=found.place or meeting.place,
                                    note=found.title or meeting.note)
            if after != meeting:
                self.out.changes.append(updated(meeting, after))
                self.out.counts["pull changed"] += 1
            self._link(link, link.replace(etag=etag, digest=_times(after.at, after.minutes)))
            return
        self._link(link, link.replace(etag=etag))

    def _pull_new(self, href: str, etag: str, text: str) -> None:
        try:
            found = ev.read_event(text)
        except ev.Unreadable:
            self.out.counts["unreadable"] += 1
            return
        if ev.is_prizes(found.uid) or found.uid in self.links or not found.meeting_shaped:
            return  # Prize's own (another copy's), or not a meeting (all day, repeating)
        contact_id = ev.match_contact(found, self.local.contact_rows)
        meeting = Meeting(contact_id=contact_id, at=ev.meeting_at(found), minutes=found.minutes,
                          kind=ev.meeting_kind(found), place=found.place, note=found.title,
                          source="calendar")
        link = CalendarLink(uid=found.uid, href=href, etag=etag, kind="meeting",
                            origin=CALENDAR, digest=_times(meeting.at, meeting.minutes))
        self.out.new_meetings.append((meeting, link))
        self.out.counts["pull new"] += 1



def _times(at: str, minutes: int) -> str:
    """A calendar meeting's time as a link keeps it: "<UTC start>|<minutes>"."""
    return f"{datetime.fromisoformat(at).astimezone(UTC).isoformat()}|{minutes}"


def sync_repo(repo, server: Server, *, now: datetime, tz_name: str | None = None,
              dry_run: bool = False) -> Outcome:
    """A pass over `repo`'s data, its edits applied with `repo.apply` (not flushed)."""
    from tui.store.export_ics import local_zone_name

    outcome = sync(server, Local.of(repo), now=now, tz_name=tz_name or local_zone_name(),
                   dry_run=dry_run)
    apply_outcome(outcome, repo.apply)
    return outcome
