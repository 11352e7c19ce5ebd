"""An in-memory CalDAV calendar that keeps caldav_sync.Server's promises (ETags,
If-Match, If-None-Match, 412), and lets a test play the person's calendar app."""

from __future__ import annotations

import itertools
from datetime import datetime

from tui.store.caldav_sync import CalendarGone, Precondition, Unreachable

BASE = "http://fake.test/cal/"


class FakeServer:
    def __init__(self):
        self.events: dict[str, tuple[str, str]] = {}  # href → (etag, text)
        self._etags = itertools.count(1)
        self.ctag = 0
        self.down = False
        self.gone = False
        self.requests = 0
        self.writes = 0

    def _touch(self) -> str:
        if self.down:
            raise Unreachable("cannot reach the calendar server at fake.test")
        if self.gone:
            raise CalendarGone("the calendar is not on the server any more")
        self.requests += 1
        return f'"{next(self._etags)}"'

    # -- what the person's calendar app does -------------------------------------

    def put_text(self, href: str, text: str) -> str:
        etag = self._touch()
        self.events[href] = (etag, text)
        self.ctag += 1
        return etag

    def remove(self, href: str) -> None:
        self.events.pop(href)
        self.ctag += 1

    # -- caldav_sync.Server --------------------------------------------------------

    def probe(self) -> str:
        self._touch()
        return str(self.ctag)

    def listing(self, start: datetime, end: datetime) -> dict[str, str]:
        self._touch()
        return {href: etag for href, (etag, _) in self.events.items()}

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str]]:
        self._touch()
        return {h: self.events[h] for h in hrefs if h in self.events}

    def href_for(self, uid: str) -> str:
        return f"{BASE}{uid}.ics"

    def create(self, href: str, body: bytes) -> str:
        if href in self.events:
            self._touch()
            raise Precondition(href)
        self.writes += 1
        return self.put_text(href, body.decode())

    def update(self, href: str, body: bytes, etag: str) -> str:
        if self.events.get(href, ("",))[0] != etag:
            self._touch()
            raise Precondition(href)
        self.writes += 1
        return self.put_text(href, body.decode())

    def delete(self, href: str, etag: str) -> None:
        self._touch()
        if href not in self.events:
            return
        if self.events[href][0] != etag:
            raise Precondition(href)
        self.writes += 1
        self.remove(href)
