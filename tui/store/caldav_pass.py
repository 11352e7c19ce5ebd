"""One pass of calendar sync, event by event: the rules caldav_sync's docstring
states, applied to what the server lists and what Prize wants there."""

from __future__ import annotations

from datetime import UTC, datetime, time

from tui.model.calendar_links import CALENDAR, PRIZE, CalendarLink
from tui.model.contacts import Meeting
from tui.model.edit import added, removed, updated
from tui.store import caldav_events as ev
from tui.store import caldav_sync as limits
from tui.store.caldav_sync import (
    Local,
    Outcome,
    Precondition,
    Server,
    SyncError,
)


class Pass:
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
        if len(listing) > limits.MAX_EVENTS:
            raise SyncError(f"the calendar holds {len(listing)} events in the sync window; "
                            f"Prize syncs at most {limits.MAX_EVENTS}: use a calendar of its own")
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
        if len(meetings) > limits.MASS_REMOVAL and len(meetings) * 2 > linked:
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
        record = ev.record_of(found.uid)
        if record is not None and found.uid not in self.links and self.local.deleted(*record):
            # Made by Prize for a record deleted here since, with no link left to
            # say so (a pass cut short before it was kept): removed as a link would be.
            if not self.dry:
                try:
                    self.server.delete(href, etag)
                except Precondition:
                    self.out.counts["conflicts"] += 1
                    return
            self.out.counts["push removed"] += 1
            return
        if ev.is_prizes(found.uid) or found.uid in self.links or not found.meeting_shaped:
            return  # Prize's own (another copy's), or not a meeting (all day, repeating)
        contact_id = ev.match_contact(found, self.local.contact_rows)
        # Booked when it was put in the calendar, else when Prize first saw it there;
        # never after it took place (an old event found at the first sync).
        booked = min(found.created or self.now.astimezone(UTC), found.start)
        meeting = Meeting(contact_id=contact_id, at=ev.meeting_at(found), minutes=found.minutes,
                          kind=ev.meeting_kind(found), place=found.place, note=found.title,
                          source="calendar",
                          booked=booked.astimezone().isoformat(timespec="seconds"))
        link = CalendarLink(uid=found.uid, href=href, etag=etag, kind="meeting",
                            origin=CALENDAR, digest=_times(meeting.at, meeting.minutes))
        self.out.new_meetings.append((meeting, link))
        self.out.counts["pull new"] += 1



def _times(at: str, minutes: int) -> str:
    """A calendar meeting's time as a link keeps it: "<UTC start>|<minutes>"."""
    return f"{datetime.fromisoformat(at).astimezone(UTC).isoformat()}|{minutes}"
