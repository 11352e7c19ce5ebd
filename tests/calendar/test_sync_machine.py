"""The sync rules as a state machine: Prize and the calendar app both edit at random,
sync runs now and then (sometimes cut short by the server going away), and after
each finished sync both sides agree and a second sync changes nothing."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.calendar.fake_server import BASE, FakeServer
from tests.calendar.test_sync_rules import interview
from tests.conftest import NOW
from tui.model.blocks import Block
from tui.model.contacts import Meeting
from tui.model.edit import Edit, added, removed, updated
from tui.store import Repository
from tui.store.caldav_events import is_prizes, read_event
from tui.store.caldav_sync import SyncError, sync_repo

DAYS = st.integers(-10, 30)
HOURS = st.integers(8, 18)


class SyncMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.repo = Repository.open(Path(self.folder.name) / "prize.json")
        self.server = FakeServer()
        self.foreign = 0
        self.synced = False  # both sides as the last finished sync left them

    def teardown(self):
        self.repo.close()
        self.folder.cleanup()

    def _sync(self):
        return sync_repo(self.repo, self.server, now=NOW, tz_name="Europe/Paris")

    # -- Prize ---------------------------------------------------------------------

    @rule(day=DAYS, hour=HOURS, weekly=st.booleans())
    def add_block(self, day, hour, weekly):
        block = Block(channel="LinkedIn", day=(NOW.date() + timedelta(days=day)).isoformat(),
                      start=f"{hour:02d}:00", rrule="FREQ=WEEKLY" if weekly else "")
        self.repo.apply(Edit("add", (added(block),)))
        self.synced = False

    @rule(day=DAYS, hour=HOURS)
    def add_meeting(self, day, hour):
        at = (NOW + timedelta(days=day)).replace(hour=hour, minute=0).astimezone()
        self.repo.apply(Edit("add", (added(Meeting(at=at.isoformat())),)))
        self.synced = False

    @precondition(lambda self: self.repo.blocks.all() or self.repo.meetings.all())
    @rule(data=st.data(), delete=st.booleans())
    def change_in_prize(self, data, delete):
        record = data.draw(st.sampled_from(self.repo.blocks.all() + self.repo.meetings.all()))
        if delete:
            change = removed(record)
        elif isinstance(record, Block):
            change = updated(record, record.replace(minutes=record.minutes + 15))
        else:
            at = datetime.fromisoformat(record.at) + timedelta(hours=1)
            change = updated(record, record.replace(at=at.isoformat()))
        self.repo.apply(Edit("change", (change,)))
        self.synced = False

    # -- the calendar app -------------------------------------------------------------

    @rule(day=DAYS, hour=HOURS)
    def add_in_calendar(self, day, hour):
        self.foreign += 1
        when = (NOW + timedelta(days=day)).replace(hour=hour, minute=0)
        text = interview(when.astimezone(UTC)).replace("interview-1@", f"i-{self.foreign}@")
        self.server.put_text(f"{BASE}f{self.foreign}.ics", text)
        self.synced = False

    @precondition(lambda self: self.server.events)
    @rule(data=st.data(), delete=st.booleans())
    def change_in_calendar(self, data, delete):
        href = data.draw(st.sampled_from(sorted(self.server.events)))
        if delete:
            self.server.remove(href)
        else:
            text = self.server.events[href][1]
            found = read_event(text)
            if found.start is None:
                return
            old = found.start.strftime("%Y%m%dT%H%M%SZ")
            new = (found.start + timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ")
            if old in text:
                self.server.put_text(href, text.replace(old, new))
            else:
                self.server.put_text(href, text.replace("SUMMARY:", "SUMMARY:Changed "))
        self.synced = False

    # -- sync ----------------------------------------------------------------------

    @rule()
    def sync(self):
        self._sync()
        second = self._sync()
        assert second.summary() == "Calendar synced: nothing to change.", second.summary()
        self.synced = True

    @rule(cut=st.integers(1, 4))
    def sync_cut_short(self, cut):
        generation, calls = self.repo.generation, [0]
        real = self.server._touch

        def touch():
            calls[0] += 1
            if calls[0] > cut:
                self.server.down = True
            return real()

        self.server._touch = touch
        try:
            self._sync()
        except SyncError:
            assert self.repo.generation == generation  # nothing applied
            self.synced = False
        finally:
            self.server._touch = real
            self.server.down = False

    # -- what holds after a finished sync -------------------------------------------------

    @invariant()
    def both_sides_agree(self):
        if not self.synced:
            return
        on_server = {}
        for href, (_, text) in self.server.events.items():
            found = read_event(text)
            on_server[found.uid] = (href, found)
        blocks = {b.id for b in self.repo.blocks.all()}
        for block_id in blocks:
            assert f"block-{block_id}@prize" in on_server
        for meeting in self.repo.meetings.all():
            if meeting.source == "calendar":
                link = next(link for link in self.repo.calendar_links.all()
                            if link.record_id == meeting.id and link.origin == "calendar")
                found = on_server[link.uid][1]
            else:
                found = on_server[f"meeting-{meeting.id}@prize"][1]
            assert found.start == datetime.fromisoformat(meeting.at)
        prize_ids = {f"block-{i}@prize" for i in blocks} | {
            f"meeting-{m.id}@prize" for m in self.repo.meetings.all() if m.source != "calendar"}
        for uid in on_server:
            if is_prizes(uid):
                assert uid in prize_ids  # what Prize deleted is gone from the calendar
        pulled = {link.uid for link in self.repo.calendar_links.all() if link.origin == "calendar"}
        assert {uid for uid in on_server if not is_prizes(uid)} <= pulled  # every one taken in


TestSyncMachine = SyncMachine.TestCase
TestSyncMachine.settings = settings(max_examples=40, stateful_step_count=12, deadline=None,
                                    suppress_health_check=[HealthCheck.too_slow])
