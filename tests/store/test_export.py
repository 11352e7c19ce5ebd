"""Exports: the ICS calendar, the work-search log, the contacts CSV and the JSON backup."""

from __future__ import annotations

import csv
import io
import re
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from icalendar import Calendar

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.plan import Settings
from tui.model.recurrence import build_rrule, occurrences
from tui.store.demo import write_demo
from tui.store.export_csv import WORKLOG_COLUMNS, export_contacts_csv, export_worklog
from tui.store.export_ics import block_uid, calendar_bytes, export_ics, local_zone_name, meeting_uid
from tui.store.json_backup import TABLES, export_json, import_json
from tui.store.repository import Repository
from tui.store.schema import SCHEMA_VERSION

BERLIN = "Europe/Berlin"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
TRICKY = "Coffee, cake; then\nquestions"


@pytest.fixture
def open_repo(tmp_path: Path):
    opened = []

    def make(name: str = "prize.json") -> Repository:
        repo = Repository.open(tmp_path / "data" / name, today=date(2026, 11, 26), backup_days=0)
        opened.append(repo)
        return repo

    yield make
    for repo in opened:
        repo.close()


@pytest.fixture
def repo(open_repo) -> Repository:
    return open_repo()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- ICS ----------------------------------------------------------------------------


@pytest.fixture
def plan(repo: Repository) -> Repository:
    """A small plan around the DST change of 25 Oct 2026 in Berlin."""
    ada = repo.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines",
                                    role="Engineer"))
    # Tue and Thu 09:00, 45 min, from Tue 13 Oct 2026; Thu 22 Oct skipped.
    series = repo.blocks.add(Block(
        channel="LinkedIn", activity="Engage in groups", target="fintech in Berlin",
        day="2026-10-13", start="09:00", minutes=45,
        rrule=build_rrule([1, 3]), exdates=["2026-10-22"]))
    repo.blocks.add(Block(channel="Research", activity="Moved research", day="2026-10-22",
                          start="15:00", minutes=60, series_id=series.id))
    repo.blocks.add(Block(channel="Applications", activity=TRICKY, target="Zoë & Søn GmbH",
                          day="2026-10-27", start="10:30", minutes=90, notes="line 1\nline 2"))
    repo.blocks.add(Block(channel="Phone", activity="Calls", day="2026-12-01", start="11:00",
                          minutes=30))
    # Ends: every second Wednesday until 30 Dec 2026.
    repo.blocks.add(Block(channel="Research", activity="Long title " + "é" * 80,
                          day="2026-11-04", start="14:00", minutes=60,
                          rrule=build_rrule([2], interval=2, until=date(2026, 12, 30))))
    repo.meetings.add(Meeting(contact_id=ada.id, at="2026-10-28T13:00:00+00:00", minutes=30,
                              kind="video", place="https://meet.example/abc-defg-hij",
                              note="Bring, questions; ok"))
    repo.meetings.add(Meeting(contact_id=None, at="2026-10-29T08:00:00+00:00", kind="phone"))
    return repo


@pytest.fixture
def uid(plan: Repository) -> dict[str, str]:
    """The UID of each event of the plan, by what it is and the order it was added in:
    "block 1" is the Tue/Thu series, "block 2" the one-off that moved its 22 Oct, …,
    "meeting 1" the video call with Ada, "meeting 2" the phone call."""
    found = {f"block {n}": block_uid(b.id) for n, b in enumerate(plan.blocks.all(), 1)}
    found |= {f"meeting {n}": meeting_uid(m.id) for n, m in enumerate(plan.meetings.all(), 1)}
    return found


def export(repo: Repository, tmp_path: Path, name: str = "plan.ics", **kw) -> tuple[int, bytes]:
    path = tmp_path / name
    kw.setdefault("tz_name", BERLIN)
    kw.setdefault("now", NOW)
    count = export_ics(repo, path, **kw)
    return count, path.read_bytes()


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def vevents(lines: list[str]) -> list[list[str]]:
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return events


def prop(line: str) -> str:
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()


def check_structure(data: bytes) -> None:
    """RFC 5545 by hand: CRLF, 75-octet lines, UID/DTSTAMP once per event, zones declared."""
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    raw_lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in raw_lines), max(raw_lines, key=len)
    for line in raw_lines:
        line.decode("utf-8")  # folding never splits a character
    lines = unfold(data)
    assert lines.count("BEGIN:VCALENDAR") == 1
    head = lines[: lines.index("BEGIN:VTIMEZONE") if "BEGIN:VTIMEZONE" in lines else None]
    assert "VERSION:2.0" in head and "PRODID:-//Prize//Job search planner//EN" in head
    for event in vevents(lines):
        names = [prop(line) for line in event]
        assert names.count("UID") == 1 and names.count("DTSTAMP") == 1
        assert names.count("DTSTART") == 1
        stamp = next(line for line in event if prop(line) == "DTSTAMP")
        assert re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", stamp)
    used = {m for line in lines for m in re.findall(r";TZID=([^;:]+)", line)}
    declared = {line[5:] for line in lines if line.startswith("TZID:")}
    assert used <= declared
    assert lines.count("BEGIN:VTIMEZONE") == len(declared)


def test_ics_parses_back_with_one_uid_and_dtstamp_per_event(plan, tmp_path):
    count, data = export(plan, tmp_path)
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert count == len(events) == 7
    assert not cal.errors and not any(e.errors for e in cal.walk())
    for event in events:
        uids = [v for k, v in event.property_items(recursive=False) if k == "UID"]
        stamps = [v for k, v in event.property_items(recursive=False) if k == "DTSTAMP"]
        assert len(uids) == 1 and len(stamps) == 1
        assert event.decoded("dtstamp") == NOW
    assert str(cal["prodid"]) == "-//Prize//Job search planner//EN"
    assert str(cal["version"]) == "2.0"
    check_structure(data)


def test_ics_uids_are_stable_across_exports(plan, tmp_path):
    _, first = export(plan, tmp_path, "a.ics")
    _, second = export(plan, tmp_path, "b.ics", now=NOW + timedelta(days=3))
    uids = [sorted(str(e["uid"]) for e in Calendar.from_ical(d).walk("VEVENT"))
            for d in (first, second)]
    assert uids[0] == uids[1]
    # Made of the records' ids, which never change: the same event, the same UID.
    assert uids[0] == sorted([f"block-{b.id}@prize" for b in plan.blocks.all()]
                             + [f"meeting-{m.id}@prize" for m in plan.meetings.all()])
    stamps = {str(e.decoded("dtstamp")) for e in Calendar.from_ical(second).walk("VEVENT")}
    assert stamps == {str(NOW + timedelta(days=3))}


def test_ics_recurring_block_is_one_event_with_rrule_and_exdate(plan, uid, tmp_path):
    _, data = export(plan, tmp_path)
    lines = unfold(data)
    series = [e for e in vevents(lines) if f"UID:{uid['block 1']}" in e]
    assert len(series) == 1
    event = series[0]
    assert "DTSTART;TZID=Europe/Berlin:20261013T090000" in event
    assert "DTEND;TZID=Europe/Berlin:20261013T094500" in event
    assert "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;WKST=MO" in event
    assert "EXDATE;TZID=Europe/Berlin:20261022T090000" in event
    # The one-off that replaced the skipped Thursday points at its series.
    moved = next(e for e in vevents(lines) if f"UID:{uid['block 2']}" in e)
    assert f"RELATED-TO:{uid['block 1']}" in moved
    assert not any(p.startswith("RRULE") for p in moved)
    # UNTIL is the end of 30 Dec in Berlin, in UTC as RFC 5545 asks with a TZID start.
    until = next(e for e in vevents(lines) if f"UID:{uid['block 5']}" in e)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261230T225959Z;INTERVAL=2;BYDAY=WE;WKST=MO" in until


def test_ics_declares_a_vtimezone_for_every_tzid(plan, tmp_path):
    _, data = export(plan, tmp_path)
    cal = Calendar.from_ical(data)
    assert cal.get_missing_tzids() == set()
    assert [tz.tz_name for tz in cal.timezones] == [BERLIN]
    assert cal.get_used_tzids() == {BERLIN}
    # Both offsets of the year are described (summer before 25 Oct, winter after).
    offsets = {sub.decoded("TZOFFSETTO") for tz in cal.timezones for sub in tz.subcomponents}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_ics_crlf_and_75_octet_folding(plan, uid, tmp_path):
    _, data = export(plan, tmp_path)
    check_structure(data)
    assert any(line.startswith(b" ") for line in data.split(b"\r\n"))  # something was folded
    long_title = next(e for e in Calendar.from_ical(data).walk("VEVENT")
                      if str(e["uid"]) == uid["block 5"])
    assert str(long_title["summary"]) == "Research: Long title " + "é" * 80


def test_ics_user_text_round_trips(plan, uid, tmp_path):
    _, data = export(plan, tmp_path)
    assert b"SUMMARY:Applications: Coffee\\, cake\\; then\\nquestions" in data.replace(
        b"\r\n ", b"")
    events = {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    block = events[uid["block 3"]]
    assert str(block["summary"]) == f"Applications: {TRICKY} – Zoë & Søn GmbH"
    assert str(block["description"]) == "line 1\nline 2"
    meeting = events[uid["meeting 1"]]
    assert str(meeting["summary"]) == "Meeting: Ada Lovelace (video)"
    assert str(meeting["location"]) == "https://meet.example/abc-defg-hij"
    assert "Bring, questions; ok" in str(meeting["description"])
    assert str(events[uid["meeting 2"]]["summary"]) == "Meeting (phone)"


def test_ics_meeting_times_are_converted_to_the_zone(plan, uid, tmp_path):
    _, data = export(plan, tmp_path)
    events = {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    start = events[uid["meeting 1"]].decoded("dtstart")
    assert start == datetime(2026, 10, 28, 13, tzinfo=UTC)
    assert start.replace(tzinfo=None) == datetime(2026, 10, 28, 14)  # CET, after the change
    assert events[uid["meeting 1"]].decoded("dtend") - start == timedelta(minutes=30)


def test_ics_second_parser_vobject_expands_like_the_planner(plan, uid, tmp_path):
    vobject = pytest.importorskip("vobject")
    _, data = export(plan, tmp_path)
    cal = vobject.readOne(data.decode("utf-8"))
    events = {e.uid.value: e for e in cal.vevent_list}
    assert len(events) == 7
    series = events[uid["block 1"]]
    # Expanded by vobject with our VTIMEZONE: 09:00 wall clock on both sides of DST.
    got = [dt for dt in series.getrruleset() if dt.date() <= date(2026, 11, 5)]
    want = occurrences(date(2026, 10, 13), build_rrule([1, 3]), date(2026, 10, 13),
                       date(2026, 11, 5), [date(2026, 10, 22)])
    assert [dt.date() for dt in got] == want
    berlin = ZoneInfo(BERLIN)
    assert all(dt.astimezone(berlin).strftime("%H:%M") == "09:00" for dt in got)
    assert {dt.utcoffset() for dt in got} == {timedelta(hours=2), timedelta(hours=1)}
    until = events[uid["block 5"]]
    assert [dt.date() for dt in until.getrruleset()] == occurrences(
        date(2026, 11, 4), build_rrule([2], interval=2, until=date(2026, 12, 30)),
        date(2026, 11, 4), date(2027, 12, 31))
    assert events[uid["block 3"]].summary.value == f"Applications: {TRICKY} – Zoë & Søn GmbH"


def test_ics_range_keeps_series_with_an_occurrence_in_it(plan, uid, tmp_path):
    count, data = export(plan, tmp_path, start=date(2026, 10, 26), end=date(2026, 11, 1))
    uids = {str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")}
    assert uids == {uid["block 1"], uid["block 3"], uid["meeting 1"], uid["meeting 2"]}
    assert count == 4
    # The week of 30 Nov: the one-off call, both series; no meetings.
    _, data = export(plan, tmp_path, "b.ics", start=date(2026, 11, 30), end=date(2026, 12, 6))
    uids = {str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")}
    assert uids == {uid["block 1"], uid["block 4"], uid["block 5"]}
    # After the bounded series ended, only the open-ended one remains.
    _, data = export(plan, tmp_path, "c.ics", start=date(2027, 1, 1))
    uids = {str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")}
    assert uids == {uid["block 1"]}


def test_ics_in_utc_uses_z_times_and_no_vtimezone(plan, tmp_path):
    _, data = export(plan, tmp_path, tz_name="UTC")
    check_structure(data)
    assert b"TZID" not in data and b"VTIMEZONE" not in data
    assert b"DTSTART:20261013T090000Z" in data
    assert b"EXDATE:20261022T090000Z" in data


def test_ics_default_zone_is_the_local_one(plan, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone_name() == "America/New_York"
    _, data = export(plan, tmp_path, tz_name=None)
    assert b"DTSTART;TZID=America/New_York:20261013T090000" in data
    assert Calendar.from_ical(data).get_missing_tzids() == set()
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert local_zone_name() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Etc/UTC")
    assert local_zone_name() == "UTC"


def test_ics_unknown_zone_is_refused(plan, tmp_path):
    with pytest.raises(ValueError, match="unknown time zone"):
        export(plan, tmp_path, tz_name="Mars/Olympus_Mons")


def test_ics_file_is_private_and_empty_calendar_is_valid(repo, tmp_path):
    count, data = export(repo, tmp_path)
    assert count == 0
    check_structure(data)
    assert Calendar.from_ical(data).walk("VEVENT") == []
    assert mode(tmp_path / "plan.ics") == 0o600


def test_calendar_bytes_without_a_repository():
    block = Block(id=9, channel="Calls", day="2026-11-24", start="23:30", minutes=60)
    data = calendar_bytes([block], [], {}, tz_name=BERLIN, start=None, end=None, now=NOW)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["uid"]) == "block-9@prize"
    assert event.decoded("dtend").replace(tzinfo=None) == datetime(2026, 11, 25, 0, 30)


# -- work-search log ------------------------------------------------------------------


def read_csv(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return raw, list(csv.reader(io.StringIO(text, newline="")))


def test_worklog_rows_and_methods(repo, tmp_path):
    ann = repo.contacts.add(Contact(name="Ann Smith", company="Acme, Inc."))
    bob = repo.contacts.add(Contact(name="Bob Jones", company="Globex"))
    at = "2026-11-{:02d}T12:00:00+00:00".format
    kinds = ["message", "email", "comment", "call", "video", "in person"]
    for day, kind in enumerate(kinds, start=2):
        repo.interactions.add(Interaction(contact_id=ann.id, at=at(day), channel="LinkedIn",
                                          kind=kind, note=f"note {kind}"))
    repo.interactions.add(Interaction(contact_id=ann.id, at=at(20), kind="call"))  # out
    repo.meetings.add(Meeting(contact_id=bob.id, at=at(10), kind="phone", note="went well"))
    repo.meetings.add(Meeting(contact_id=bob.id, at="2026-11-28T09:00:00+00:00",
                              kind="in person", place="Café Zentral"))
    apply = repo.blocks.add(Block(channel="Applications", activity="Apply to 3 roles",
                                  target="Initech", day="2026-11-02", start="08:00",
                                  rrule=build_rrule([0])))
    other = repo.blocks.add(Block(channel="LinkedIn", target="Hooli", day="2026-11-03"))
    repo.marks.add(BlockMark(block_id=apply.id, day="2026-11-09", state="done"))
    repo.marks.add(BlockMark(block_id=apply.id, day="2026-11-16", state="missed"))
    repo.marks.add(BlockMark(block_id=other.id, day="2026-11-03", state="done"))
    path = tmp_path / "log.csv"
    n = export_worklog(repo, path, start=date(2026, 11, 1), end=date(2026, 11, 30), now=NOW)
    raw, rows = read_csv(path)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert rows[0] == list(WORKLOG_COLUMNS) == [
        "Date", "Employer", "Person contacted", "Method", "Position or purpose", "Result"]
    assert n == len(rows) - 1 == 10
    assert rows[1:] == [
        ["2026-11-02", "Acme, Inc.", "Ann Smith", "online", "Networking: LinkedIn",
         "note message"],
        ["2026-11-03", "Acme, Inc.", "Ann Smith", "online", "Networking: LinkedIn", "note email"],
        ["2026-11-04", "Acme, Inc.", "Ann Smith", "online", "Networking: LinkedIn",
         "note comment"],
        ["2026-11-05", "Acme, Inc.", "Ann Smith", "phone", "Networking: LinkedIn", "note call"],
        ["2026-11-06", "Acme, Inc.", "Ann Smith", "video call", "Networking: LinkedIn",
         "note video"],
        ["2026-11-07", "Acme, Inc.", "Ann Smith", "in person", "Networking: LinkedIn",
         "note in person"],
        ["2026-11-09", "Initech", "", "online", "Application: Apply to 3 roles",
         "application sent"],
        ["2026-11-10", "Globex", "Bob Jones", "phone", "Networking meeting",
         "meeting held: went well"],
        ["2026-11-20", "Acme, Inc.", "Ann Smith", "phone", "Networking", ""],
        ["2026-11-28", "Globex", "Bob Jones", "in person", "Networking meeting: Café Zentral",
         "meeting scheduled"],
    ]
    assert mode(path) == 0o600
    # The range is inclusive and applies to every source.
    n = export_worklog(repo, path, start=date(2026, 11, 9), end=date(2026, 11, 10), now=NOW)
    _, rows = read_csv(path)
    assert n == 2 and [r[0] for r in rows[1:]] == ["2026-11-09", "2026-11-10"]


def test_worklog_refuses_a_reversed_range(repo, tmp_path):
    with pytest.raises(ValueError, match="before"):
        export_worklog(repo, tmp_path / "log.csv", start=date(2026, 11, 9), end=date(2026, 11, 1))


# -- contacts CSV ------------------------------------------------------------------------


def test_contacts_csv_is_spreadsheet_safe(repo, tmp_path):
    evil = repo.contacts.add(Contact(
        name='=HYPERLINK("x")', company="+SUM(A1)", role="-2+3", industry="@cmd",
        location="\tTabbed", notes="Zoë Ørsted, naïve café", phone="+49 30 1234",
        tags=["a", "b"], cadence_days=14, created="2026-10-01", stage="connected"))
    plain = repo.contacts.add(Contact(name="Plain Person", follow_up="2026-11-20"))
    repo.interactions.add(Interaction(contact_id=evil.id, at="2026-11-01T12:00:00+00:00"))
    path = tmp_path / "contacts.csv"
    assert export_contacts_csv(repo, path, today=date(2026, 11, 26)) == 2
    raw, rows = read_csv(path)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 3 and b"\n" not in raw.replace(b"\r\n", b"")
    header, *body = rows
    assert header[:3] == ["id", "name", "company"]
    assert header[-3:] == ["next_follow_up", "follow_up_status", "last_interaction"]
    first = dict(zip(header, body[0], strict=True))
    assert first["name"] == '\'=HYPERLINK("x")'
    assert first["company"] == "'+SUM(A1)"
    assert first["role"] == "'-2+3"
    assert first["industry"] == "'@cmd"
    assert first["location"] == "'\tTabbed"
    assert first["phone"] == "'+49 30 1234"
    assert first["notes"] == "Zoë Ørsted, naïve café"
    assert first["tags"] == "a; b"
    assert first["stage"] == "connected"
    assert first["last_interaction"] == "2026-11-01"
    assert first["next_follow_up"] == "2026-11-15"  # cadence from the last interaction
    assert first["follow_up_status"] == "overdue by 11 days"
    second = dict(zip(header, body[1], strict=True))
    assert second["next_follow_up"] == "2026-11-20" and second["last_interaction"] == ""
    assert second["cadence_days"] == "" and second["id"] == str(plain.id)
    assert mode(path) == 0o600


# -- JSON --------------------------------------------------------------------------------


def all_records(repo: Repository) -> dict[str, dict]:
    return {name: {r.id: r for r in getattr(repo, name).all()} for name in TABLES}


def test_json_round_trip_keeps_every_record_and_id(open_repo, tmp_path):
    source = open_repo("source.json")
    write_demo(source, contacts=50, weeks=2, seed=3, today=date(2026, 11, 26))
    ids = [c.id for c in source.contacts.all()]
    source.contacts.remove_many([ids[2], ids[3], ids[9]])  # gaps in the ids must survive
    source.interactions.remove(source.interactions.all()[0].id)
    source.save_settings(source.settings().replace(theme="nord", first_weekday=6))
    path = tmp_path / "backup.json"
    counts = export_json(source, path, now=NOW)
    assert mode(path) == 0o600
    data = orjson.loads(path.read_bytes())
    assert data["format"] == "prize-export" and data["version"] == 1
    assert data["exported_at"] == "2026-11-26T12:00:00+00:00"
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(data["tables"]) == set(TABLES)
    assert data["tables"]["contacts"][0]["id"] == ids[0]
    assert counts["contacts"] == 47 and counts["settings"] == 1

    target = open_repo("target.json")
    assert import_json(target, path, dry_run=True) == counts
    assert all(len(getattr(target, name)) == 0 for name in TABLES)
    assert import_json(target, path, dry_run=False) == counts
    assert all_records(target) == all_records(source)
    assert target.settings() == source.settings()
    assert not target.dirty  # flushed
    target.close()
    reopened = Repository.open(target.path, backup_days=0)
    try:
        assert all_records(reopened) == all_records(source)
        # A new record takes none of the restored ids.
        added = reopened.contacts.add(Contact(name="New"))
        assert added.id not in all_records(source)["contacts"]
    finally:
        reopened.close()


def test_json_import_refuses_a_repository_with_data(open_repo, tmp_path):
    source = open_repo("source.json")
    source.contacts.add(Contact(name="Ann"))
    export_json(source, tmp_path / "backup.json")
    with pytest.raises(ValueError, match="already holds data; import a backup into a new file "
                                         "with --db"):
        import_json(source, tmp_path / "backup.json", dry_run=True)


HEAD = b'{"format": "prize-export", "version": 1, "schema_version": 1, '


@pytest.mark.parametrize(("content", "message"), [
    (b"not json", "not valid JSON"),
    (b"[]", 'no "format"'),
    (b'{"format": "other"}', 'no "format"'),
    (b'{"format": "prize-export", "version": 2, "schema_version": 1, "tables": {}}',
     "newer Prize"),
    (b'{"format": "prize-export", "version": 1, "schema_version": 99, "tables": {}}',
     "newer Prize"),
    (b'{"format": "prize-export", "version": "1", "schema_version": 1, "tables": {}}',
     "bad format version"),
    (b'{"format": "prize-export", "version": 1, "schema_version": 1, "tables": []}',
     '"tables" is not'),
    (b'{"format": "prize-export", "version": 1, "schema_version": 1, "tables": {"x": []}}',
     "unknown table 'x'"),
    (HEAD + b'"tables": {"contacts": [{"name": "A"}]}}', "bad id"),
    (HEAD + b'"tables": {"contacts": [{"id": 1, "name": "A"}, {"id": 1, "name": "B"}]}}',
     "twice"),
    (HEAD + b'"tables": {"contacts": [{"id": 1}]}}', "1 of table 'contacts'"),
    (HEAD + b'"settings": [], "tables": {}}', '"settings" is not'),
])
def test_json_import_refuses_a_wrong_file(repo, tmp_path, content, message):
    path = tmp_path / "wrong.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        import_json(repo, path, dry_run=False)
    assert "\n" not in str(info.value)
    assert len(repo.contacts) == 0


def test_json_import_migrates_an_older_schema(repo, tmp_path):
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps({
        "format": "prize-export", "version": 1, "schema_version": 0,
        "settings": Settings().to_doc(),
        "tables": {"contacts": [{"id": 4, "full_name": "Old Timer", "stage": "REACHED_OUT"}]},
    }))
    counts = import_json(repo, path, dry_run=False)
    assert counts["contacts"] == 1
    (contact,) = repo.contacts.all()
    assert (contact.id, contact.name, contact.stage) == (4, "Old Timer", "reached out")


def test_ics_series_starts_on_its_first_real_occurrence():
    """dateutil counts a first day only if it matches; RFC 5545 always counts DTSTART."""
    from dateutil.rrule import rrulestr

    rule = build_rrule([1, 3], count=3)
    block = Block(id=3, channel="LinkedIn", day="2026-11-23", start="09:00", minutes=30,
                  rrule=rule)  # a Monday, the rule says Tue and Thu
    data = calendar_bytes([block], [], {}, tz_name=BERLIN, start=None, end=None, now=NOW)
    check_structure(data)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    dtstart = event.decoded("dtstart")
    assert dtstart.replace(tzinfo=None) == datetime(2026, 11, 24, 9)
    expanded = rrulestr(event["rrule"].to_ical().decode(), dtstart=dtstart)
    assert [d.date() for d in expanded] == occurrences(
        date(2026, 11, 23), rule, date(2026, 11, 23), date(2027, 1, 1))
