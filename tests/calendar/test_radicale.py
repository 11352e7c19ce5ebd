"""`prize calendar` against real CalDAV servers (Radicale with htpasswd auth, and
Xandikos) on 127.0.0.1, read back with the caldav library as another calendar app
would."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.calendar.conftest import PASSWORD, SERVERS, USER
from tests.calendar.helpers import MONDAY, TODAY, connected, edit, events, plan, prize, records
from tui.model.contacts import Contact
from tui.model.edit import added, removed, updated
from tui.store import Repository


def test_push_read_back_expanded_then_second_sync_changes_nothing(capsys, db, dav,
                                                                  calendar_name):
    calendar = connected(capsys, db, dav, calendar_name)
    plan(db)
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert code == 0
    assert out == ("Calendar synced: pushed 2 new, 0 changed, 0 removed; pulled 0 new, "
                   "0 changed, 0 removed; 0 conflicts.")
    # Two weeks expanded: Mon, Wed (moved to 11:00), next Wed (next Mon skipped); Thu meeting.
    week = events(calendar, MONDAY, 14)
    starts = [(c.decoded("dtstart").date(), c.decoded("dtstart").hour, str(c["summary"]))
              for c in week]
    assert starts == [
        (MONDAY, 9, "LinkedIn: groups"),
        (MONDAY + timedelta(days=2), 11, "LinkedIn: groups"),
        (MONDAY + timedelta(days=3), 14, "Meeting: Ada Lovelace (video)"),
        (MONDAY + timedelta(days=9), 9, "LinkedIn: groups"),
    ]
    before = db.read_bytes()
    started = time.perf_counter()
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    took = time.perf_counter() - started
    assert (code, out) == (0, "Calendar synced: nothing to change.")
    assert db.read_bytes() == before
    assert took < 1.0


INTERVIEW = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Recruiter//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20261101T100000Z
DTSTART:{start:%Y%m%dT%H%M%SZ}
DTEND:{end:%Y%m%dT%H%M%SZ}
SUMMARY:Interview: Grace Hopper
LOCATION:Main St 1
ATTENDEE:mailto:grace@example.com
END:VEVENT
END:VCALENDAR
"""


def interview(uid: str, start: datetime, minutes: int = 60) -> str:
    return INTERVIEW.format(uid=uid, start=start, end=start + timedelta(minutes=minutes))


def test_interview_added_moved_and_deleted_on_server(capsys, db, dav, calendar_name):
    calendar = connected(capsys, db, dav, calendar_name)
    (grace,) = edit(db, added(Contact(name="Grace Hopper", email="Grace@Example.com")))
    when = datetime.combine(TODAY + timedelta(days=1), datetime.min.time(), UTC).replace(hour=9)
    calendar.save_event(interview("int-1@recruiter.example", when))
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "pulled 1 new" in out
    (meeting,) = records(db, "meetings")
    assert (meeting.contact_id, meeting.source, meeting.kind, meeting.minutes) == \
        (grace.id, "calendar", "in person", 60)
    assert datetime.fromisoformat(meeting.at) == when
    # It counts as booked in this week's figures (it came into the calendar now),
    # as the review and the trends show them.
    from tui.store.queries import metrics_for

    now = datetime.now(UTC)
    monday = now.astimezone().date() - timedelta(days=now.astimezone().weekday())
    metrics = metrics_for(Repository.open_read_only(db), monday, 7,
                          tz=now.astimezone().tzinfo, now=now)
    assert metrics.meetings_booked == 1
    # Moved on the server: moved in Prize.
    event = calendar.event_by_uid("int-1@recruiter.example")
    event.data = interview("int-1@recruiter.example", when + timedelta(hours=3), 30)
    event.save()
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "pulled 0 new, 1 changed" in out
    (meeting,) = records(db, "meetings")
    assert datetime.fromisoformat(meeting.at) == when + timedelta(hours=3)
    assert meeting.minutes == 30
    # Deleted on the server: gone from Prize.
    calendar.event_by_uid("int-1@recruiter.example").delete()
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "1 removed; 0 conflicts" in out
    assert records(db, "meetings") == []


def test_meeting_moved_in_both_places_and_deletion_both_ways(capsys, db, dav,
                                                              calendar_name):
    calendar = connected(capsys, db, dav, calendar_name)
    series, _, meeting = plan(db)
    prize(capsys, "calendar", "sync", "--db", str(db))
    # Moved in the calendar app only: Prize follows.
    uid = f"meeting-{meeting.id}@prize"
    event = calendar.event_by_uid(uid)
    component = event.icalendar_component
    start = component.decoded("dtstart")
    component["dtstart"].dt = start + timedelta(hours=2)
    component["dtend"].dt = component.decoded("dtend") + timedelta(hours=2)
    event.save()
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "pulled 0 new, 1 changed" in out
    (now_meeting,) = records(db, "meetings")
    assert datetime.fromisoformat(now_meeting.at) == start + timedelta(hours=2)
    # Moved in both: Prize's time wins, counted as a conflict.
    event = calendar.event_by_uid(uid)
    component = event.icalendar_component
    component["dtstart"].dt = start + timedelta(hours=4)
    component["dtend"].dt = start + timedelta(hours=4, minutes=30)
    event.save()
    mine = (start - timedelta(hours=1)).astimezone()
    edit(db, updated(now_meeting, now_meeting.replace(at=mine.isoformat())))
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "1 conflict" in out
    assert calendar.event_by_uid(uid).icalendar_component.decoded("dtstart") == mine
    # Deleted in Prize: deleted in the calendar.
    (now_meeting,) = records(db, "meetings")
    edit(db, removed(now_meeting))
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "pushed 0 new, 0 changed, 1 removed" in out
    assert [str(e.icalendar_component["uid"]) for e in calendar.events()] == \
        [f"block-{series.id}@prize"]
    # A block deleted in the calendar is Prize's: put back.
    calendar.event_by_uid(f"block-{series.id}@prize").delete()
    code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
    assert "1 block changed in the calendar put back" in out
    assert len(calendar.events()) == 1


def test_wrong_password_is_one_line_and_changes_nothing(capsys, db, radicale, calendar_name,
                                                        monkeypatch):
    connected(capsys, db, radicale, calendar_name)
    plan(db)
    before = db.read_bytes()
    monkeypatch.setenv("PRIZE_CALDAV_PASSWORD", "wrong")
    code, out, err = prize(capsys, "calendar", "sync", "--db", str(db))
    assert code == 2 and out == ""
    assert err == (f"prize: calendar sync: the calendar server at {radicale.url[7:-1]} refused "
                   f"user '{USER}': check the user and password; nothing was changed")
    assert db.read_bytes() == before
    code, _, err = prize(capsys, "calendar", "connect", radicale.url, "--user", USER,
                         "--db", str(db))
    assert code == 2 and "refused user" in err and "\n" not in err


@pytest.mark.parametrize("kind", sorted(SERVERS))
def test_server_stopped_mid_sync_then_next_sync_finishes(capsys, db, tmp_path, monkeypatch,
                                                         kind):
    from tui.store.caldav_client import CalDAVServer

    if kind != "radicale":
        pytest.importorskip(kind)
    start = SERVERS[kind]
    server = start(tmp_path / kind)
    try:
        connected(capsys, db, server, "Prize")
        plan(db)
        before = db.read_bytes()
        real_create = CalDAVServer.create

        def create_then_stop(self, href, body):
            etag = real_create(self, href, body)
            server.stop()
            return etag

        monkeypatch.setattr(CalDAVServer, "create", create_then_stop)
        code, out, err = prize(capsys, "calendar", "sync", "--db", str(db))
        assert code == 2 and "\n" not in err
        assert err.startswith("prize: calendar sync: cannot reach the calendar server")
        assert db.read_bytes() == before
        monkeypatch.setattr(CalDAVServer, "create", real_create)
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        server = start(tmp_path / kind, port=port)
        code, out, err = prize(capsys, "calendar", "sync", "--db", str(db))
        assert code == 0, err
        assert "pushed 2 new" in out and "0 conflicts" in out
        code, out, _ = prize(capsys, "calendar", "sync", "--db", str(db))
        assert out == "Calendar synced: nothing to change."
    finally:
        server.stop()


def test_status_and_disconnect(capsys, db, radicale, calendar_name, memory_keyring,
                               monkeypatch):
    monkeypatch.delenv("PRIZE_CALDAV_PASSWORD")
    monkeypatch.setattr("tui.calendar_command._ask", lambda prompt: PASSWORD)
    connected(capsys, db, radicale, calendar_name)
    assert list(memory_keyring.passwords.values()) == [PASSWORD]
    assert PASSWORD not in db.read_text()
    code, out, _ = prize(capsys, "calendar", "status", "--db", str(db))
    assert f"Calendar {calendar_name!r} at {radicale.url}" in out
    assert "password in the system keyring" in out and "never synced" in out
    code, out, _ = prize(capsys, "calendar", "disconnect", "--db", str(db))
    assert out.startswith("Disconnected from")
    assert memory_keyring.passwords == {}
    code, out, _ = prize(capsys, "calendar", "status", "--db", str(db))
    assert out.startswith("No calendar connected")
