"""Helpers of the calendar tests: `prize` run in-process, edits to a data file, a
connected calendar, and a plan with a series that has a skipped and a moved day."""

from __future__ import annotations

import gc
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.calendar.conftest import PASSWORD, USER
from tui.model.block_edits import edit_occurrence
from tui.model.blocks import Block
from tui.model.contacts import Contact, Meeting
from tui.model.edit import Edit, added, updated
from tui.model.planning import skip_occurrence
from tui.store import Repository

# The tests run at the real time: the plan is placed in this week and the next.
TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())


def prize(capsys, *argv: str) -> tuple[int, str, str]:
    from tui.cli import main

    try:
        code = main(list(argv))
    finally:
        gc.enable()  # (main turns the collector off for short commands)
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def edit(db: Path, *changes):
    repo = Repository.open(db)
    try:
        done = repo.apply(Edit("test", tuple(changes)))
        repo.flush()
    finally:
        repo.close()
    return [c.after for c in done.changes]


def records(db: Path, table: str) -> list:
    return Repository.open_read_only(db).tables()[table].all()


def connected(capsys, db: Path, server, name: str) -> object:
    code, out, err = prize(capsys, "calendar", "connect", server.url, "--user", USER,
                           "--calendar", name, "--db", str(db))
    assert code == 0, err
    assert out.startswith(f"Connected to the calendar {name!r}")
    from caldav import DAVClient

    url = Repository.open_read_only(db).settings().calendar_url
    return DAVClient(url=url, username=USER, password=PASSWORD).calendar(url=url)


def plan(db: Path):
    """A series (Mon/Wed 09:00) with one Monday skipped and one Wednesday moved to
    11:00, and a meeting with Ada on Thursday."""
    series, ada = edit(db, added(Block(channel="LinkedIn", activity="groups",
                                       day=MONDAY.isoformat(), start="09:00", minutes=60,
                                       rrule="FREQ=WEEKLY;BYDAY=MO,WE")),
                       added(Contact(name="Ada Lovelace", email="ada@example.com")))
    wednesday = MONDAY + timedelta(days=2)
    next_monday = MONDAY + timedelta(days=7)
    skipped = skip_occurrence(series, next_monday)
    moved = edit_occurrence(skipped, wednesday,
                            series.replace(start="11:00", day=wednesday.isoformat()))
    edit(db, updated(series, skipped))
    edit(db, *moved.changes)
    at = datetime.combine(MONDAY + timedelta(days=3), datetime.min.time()).replace(
        hour=14).astimezone()
    (meeting,) = edit(db, added(Meeting(contact_id=ada.id, at=at.isoformat(), minutes=30)))
    return series, ada, meeting


def events(calendar, start: date, days: int) -> list:
    found = calendar.search(start=datetime.combine(start, datetime.min.time()).astimezone(),
                            end=datetime.combine(start + timedelta(days=days),
                                                 datetime.min.time()).astimezone(),
                            event=True, expand=True)
    return sorted((e.icalendar_component for e in found), key=lambda c: c.decoded("dtstart"))


