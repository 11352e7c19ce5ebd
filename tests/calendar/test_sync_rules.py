"""The sync rules over the in-memory fake calendar (fast; Radicale tests prove the
same against a real server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.calendar.fake_server import BASE, FakeServer
from tests.conftest import NOW
from tui.model.blocks import Block
from tui.model.contacts import Contact, Meeting
from tui.model.edit import Edit, added, removed, updated
from tui.store import Repository
from tui.store.caldav_events import read_event
from tui.store.caldav_sync import SyncError, sync_repo

TZ = "Europe/Paris"


def run(repo, server, **kw):
    outcome = sync_repo(repo, server, now=NOW, tz_name=TZ, **kw)
    repo.flush()
    return outcome


def add(repo, record):
    return repo.apply(Edit("add", (added(record),))).changes[0].after


INTERVIEW = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//EN\r
BEGIN:VEVENT\r
UID:interview-1@example.com\r
DTSTAMP:20261120T100000Z\r
DTSTART:{start}\r
DTEND:{end}\r
SUMMARY:Interview with Grace Hopper\r
LOCATION:https://meet.example.com/x\r
ATTENDEE:mailto:recruiter@example.com\r
END:VEVENT\r
END:VCALENDAR\r
"""


def interview(start: datetime, minutes: int = 45) -> str:
    fmt = "%Y%m%dT%H%M%SZ"
    return INTERVIEW.format(start=start.strftime(fmt),
                            end=(start + timedelta(minutes=minutes)).strftime(fmt))


@pytest.fixture
def plan(repo: Repository):
    series = add(repo, Block(channel="LinkedIn", day="2026-11-23", start="09:00", minutes=60,
                             rrule="FREQ=WEEKLY;BYDAY=MO,WE"))
    ada = add(repo, Contact(name="Ada Lovelace", email="ada@example.com"))
    meeting = add(repo, Meeting(contact_id=ada.id, at="2026-11-27T14:00:00+01:00",
                                minutes=30, kind="video"))
    return series, ada, meeting


def test_push_then_nothing_to_do(repo, plan):
    server = FakeServer()
    first = run(repo, server)
    assert first.counts["push new"] == 2
    assert len(server.events) == 2
    texts = "".join(t for _, t in server.events.values())
    assert "RRULE:FREQ=WEEKLY" in texts and "Meeting: Ada Lovelace (video)" in texts
    assert "BEGIN:VTIMEZONE" in texts
    generation, requests = repo.generation, server.requests
    second = run(repo, server)
    assert second.summary() == "Calendar synced: nothing to change."
    assert repo.generation == generation  # nothing written to the data file
    assert server.requests == requests + 1  # the ctag only


def test_private_titles(repo, plan):
    settings = repo.settings()
    repo.apply(Edit("s", (updated(settings, settings.replace(calendar_titles="private")),)))
    server = FakeServer()
    run(repo, server)
    texts = "".join(t for _, t in server.events.values())
    assert "Ada" not in texts and "SUMMARY:Meeting (video)" in texts


def test_interview_added_in_calendar_is_pulled_and_linked(repo, plan):
    server = FakeServer()
    run(repo, server)
    add(repo, Contact(name="Grace Hopper"))
    server.put_text(BASE + "x1.ics", interview(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)))
    outcome = run(repo, server)
    assert outcome.counts["pull new"] == 1
    pulled = [m for m in repo.meetings.all() if m.source == "calendar"]
    assert len(pulled) == 1
    grace = next(c for c in repo.contacts.all() if c.name == "Grace Hopper")
    assert pulled[0].contact_id == grace.id
    assert pulled[0].minutes == 45 and pulled[0].kind == "video"
    assert datetime.fromisoformat(pulled[0].at) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert run(repo, server).summary() == "Calendar synced: nothing to change."
    # moved in the calendar: moved in Prize; deleted there: gone in Prize
    server.put_text(BASE + "x1.ics", interview(datetime(2026, 12, 2, 10, 0, tzinfo=UTC), 60))
    assert run(repo, server).counts["pull changed"] == 1
    moved = repo.meetings.get(pulled[0].id)
    assert datetime.fromisoformat(moved.at) == datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    server.remove(BASE + "x1.ics")
    assert run(repo, server).counts["pull removed"] == 1
    assert repo.meetings.get(pulled[0].id) is None
    assert len(server.events) == 2  # Prize's own are still there


def test_block_changed_in_calendar_is_put_back(repo, plan):
    series, _, _ = plan
    server = FakeServer()
    run(repo, server)
    href = BASE + f"block-{series.id}@prize.ics"
    etag, text = server.events[href]
    server.put_text(href, text.replace("LinkedIn", "Something else"))
    outcome = run(repo, server)
    assert outcome.counts["put back"] == 1
    assert "put back" in outcome.summary()
    assert "LinkedIn" in server.events[href][1]
    server.remove(href)
    assert run(repo, server).counts["put back"] == 1
    assert href in server.events


def test_meeting_moved_in_calendar_moves_in_prize(repo, plan):
    _, _, meeting = plan
    server = FakeServer()
    run(repo, server)
    href = BASE + f"meeting-{meeting.id}@prize.ics"
    _, text = server.events[href]
    server.put_text(href, text.replace("T140000", "T160000"))
    outcome = run(repo, server)
    assert outcome.counts["pull changed"] == 1
    assert datetime.fromisoformat(repo.meetings.get(meeting.id).at).hour == 16
    assert run(repo, server).summary() == "Calendar synced: nothing to change."


def test_meeting_moved_in_both_places_prize_wins(repo, plan):
    _, _, meeting = plan
    server = FakeServer()
    run(repo, server)
    href = BASE + f"meeting-{meeting.id}@prize.ics"
    server.put_text(href, server.events[href][1].replace("T140000", "T160000"))
    repo.apply(Edit("move", (updated(meeting, meeting.replace(at="2026-11-27T11:00:00+01:00")),)))
    outcome = run(repo, server)
    assert outcome.counts["conflicts"] == 1
    assert "T110000" in server.events[href][1]
    assert repo.meetings.get(meeting.id).at == "2026-11-27T11:00:00+01:00"


def test_deleted_in_prize_is_deleted_in_calendar(repo, plan):
    series, _, meeting = plan
    server = FakeServer()
    run(repo, server)
    repo.apply(Edit("del", (removed(repo.blocks.get(series.id)),
                            removed(repo.meetings.get(meeting.id)))))
    outcome = run(repo, server)
    assert outcome.counts["push removed"] == 2
    assert server.events == {}
    assert repo.calendar_links.all() == []


def test_never_deletes_events_prize_did_not_create(repo, plan):
    server = FakeServer()
    server.put_text(BASE + "x1.ics", interview(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)))
    run(repo, server)
    pulled = next(m for m in repo.meetings.all() if m.source == "calendar")
    repo.apply(Edit("del", (removed(pulled),)))
    run(repo, server)
    assert BASE + "x1.ics" in server.events
    assert run(repo, server).counts["pull new"] == 0  # not taken in again either


def test_dry_run_changes_nothing(repo, plan):
    server = FakeServer()
    server.put_text(BASE + "x1.ics", interview(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)))
    generation = repo.generation
    outcome = run(repo, server, dry_run=True)
    assert outcome.summary().startswith("Dry run, nothing changed: would have pushed 2 new")
    assert "pulled 1 new" in outcome.summary()
    assert server.writes == 0 and repo.generation == generation


def test_server_down_changes_nothing_and_next_sync_catches_up(repo, plan):
    server = FakeServer()
    server.down = True
    generation = repo.generation
    with pytest.raises(SyncError, match="cannot reach"):
        run(repo, server)
    assert repo.generation == generation
    server.down = False
    assert run(repo, server).counts["push new"] == 2


def test_a_pass_cut_short_is_adopted_by_the_next(repo, plan):
    server = FakeServer()
    real_update = server.create
    calls = []

    def failing_create(href, body):
        calls.append(href)
        if len(calls) == 2:
            server.down = True
        return real_update(href, body)

    server.create = failing_create
    generation = repo.generation
    with pytest.raises(SyncError):
        run(repo, server)
    assert repo.generation == generation and len(server.events) == 1
    server.down = False
    server.create = real_update
    outcome = run(repo, server)
    assert len(server.events) == 2 and outcome.counts["conflicts"] == 0
    assert run(repo, server).summary() == "Calendar synced: nothing to change."


def test_calendar_gone_is_one_line(repo, plan):
    server = FakeServer()
    run(repo, server)
    server.gone = True
    with pytest.raises(SyncError, match="not on the server"):
        run(repo, server)


def test_unreadable_event_is_skipped_and_said(repo, plan):
    server = FakeServer()
    server.put_text(BASE + "bad.ics", "this is not a calendar")
    outcome = run(repo, server)
    assert outcome.counts["unreadable"] == 1 and "could not be read" in outcome.summary()
    assert outcome.counts["push new"] == 2


def test_no_mass_removal_on_an_emptied_calendar(repo, plan):
    server = FakeServer()
    for n in range(8):
        server.put_text(BASE + f"x{n}.ics", interview(
            datetime(2026, 12, 1, 9, 0, tzinfo=UTC) + timedelta(days=n)).replace(
            "interview-1@", f"interview-{n}@"))
    run(repo, server)
    before = len(repo.meetings.all())
    generation = repo.generation
    server.events.clear()
    server.ctag += 1
    with pytest.raises(SyncError, match="vanished"):
        run(repo, server)
    assert len(repo.meetings.all()) == before and repo.generation == generation


def test_time_of_a_calendar_meeting_changed_in_prize_is_set_back(repo, plan):
    server = FakeServer()
    when = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    server.put_text(BASE + "x1.ics", interview(when))
    run(repo, server)
    pulled = next(m for m in repo.meetings.all() if m.source == "calendar")
    repo.apply(Edit("move", (updated(pulled, pulled.replace(
        at="2026-12-01T15:00:00+01:00", note="my own words")),)))
    outcome = run(repo, server)
    assert outcome.counts["set back"] == 1 and "set back to the time it has there" in \
        outcome.summary()
    back = repo.meetings.get(pulled.id)
    assert datetime.fromisoformat(back.at) == when and back.note == "my own words"
    assert server.writes == 2  # Prize's two pushes of the first sync; the event untouched
    assert run(repo, server).summary() == "Calendar synced: nothing to change."


def test_dry_run_with_nothing_to_do_says_so(repo, plan):
    server = FakeServer()
    run(repo, server)
    assert run(repo, server, dry_run=True).summary() == "Dry run: nothing to change."


@pytest.mark.parametrize("created, booked", [
    (None, NOW),  # not said: when Prize first saw it in the calendar
    ("CREATED:20261124T080000Z\r\n", datetime(2026, 11, 24, 8, 0, tzinfo=UTC)),
])
def test_an_interview_from_the_calendar_counts_as_booked_when_it_was_put_there(
        repo, plan, created, booked):
    """So the week the recruiter booked it has its meeting booked (trends, review)."""
    server = FakeServer()
    run(repo, server)
    text = interview(datetime(2026, 12, 15, 9, 0, tzinfo=UTC))
    if created:
        text = text.replace("SUMMARY:", created + "SUMMARY:")
    server.put_text(BASE + "x2.ics", text)
    run(repo, server)
    [pulled] = [m for m in repo.meetings.all() if m.source == "calendar"]
    assert datetime.fromisoformat(pulled.booked) == booked
    assert datetime.fromisoformat(pulled.at) == datetime(2026, 12, 15, 9, 0, tzinfo=UTC)


def test_an_event_made_for_a_record_deleted_since_a_pass_cut_short_is_removed(repo, plan):
    """Found by the state machine: the pass that created the event failed before
    its link was kept, then the meeting was deleted in Prize: the event stayed."""
    series, ada, meeting = plan
    server = FakeServer()
    real_create, made = server.create, []

    def create_then_go_away(href, body):
        made.append(href)
        etag = real_create(href, body)
        server.down = True  # the answer comes, then the server goes
        return etag

    server.create = create_then_go_away
    with pytest.raises(SyncError):
        run(repo, server)
    server.down, server.create = False, real_create
    assert len(server.events) == 1 and not repo.calendar_links.all()  # made, not linked
    [made_uid] = [read_event(text).uid for _, text in server.events.values()]
    deleted = repo.apply(Edit("delete", (removed(repo.meetings.get(meeting.id)
                                                 if made_uid.startswith("meeting-")
                                                 else repo.blocks.get(series.id)),)))
    assert deleted
    outcome = run(repo, server)
    assert made_uid not in {read_event(text).uid for _, text in server.events.values()}
    assert outcome.counts["push removed"] == 1
