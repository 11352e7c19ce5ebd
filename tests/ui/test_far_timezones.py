"""Time, as the user sees it in the running app (issue #9).

* A machine far from UTC (UTC+14, UTC−11, UTC−3:30, UTC+5:45), at an instant when
  the local date is not the UTC date: the week, today's marker, a block typed for
  "today", a running session, the review's "today" and a booked meeting all follow
  the local date and the local wall clock.
* The DST switches of Europe/Paris (29 March and 25 October 2026): a running
  session counts real time, and a daily block stays at its local time all week.
* A clock moved backwards during a session.
* ISO week 53 (28 December 2026 – 3 January 2027) and the year boundary.

The process time zone is switched with ``TZ`` + ``time.tzset()`` and put back to
the suite's Europe/Paris afterwards (see conftest).
"""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.screen import fill, on_disk, screen_text
from tests.ui.focus_helpers import clock_line, digits, flushed, tick
from tui.model import focus
from tui.model.blocks import Block
from tui.model.contacts import Contact, Meeting
from tui.model.sessions import FocusSession
from tui.store import Repository
from tui.ui.widgets.top_bar import TopBar
from tui.ui.widgets.week_view import WeekView

SUITE_ZONE = "Europe/Paris"


def set_zone(name: str) -> None:
    os.environ["TZ"] = name
    time.tzset()


@pytest.fixture
def zone():
    """Switch the process time zone for one test; the suite's zone comes back after."""
    yield set_zone
    set_zone(SUITE_ZONE)


# Instants when the local date is not the UTC date, at an ordinary local hour.
FAR = {
    # zone: (the instant, local date, local "HH:MM", the offset as stored)
    "Pacific/Kiritimati": (datetime(2026, 11, 26, 20, 0, tzinfo=UTC),
                           date(2026, 11, 27), "10:00", "+14:00"),
    # Sunday evening locally, Monday (next ISO week) in UTC.
    "Pacific/Pago_Pago": (datetime(2026, 11, 30, 5, 0, tzinfo=UTC),
                          date(2026, 11, 29), "18:00", "-11:00"),
    "America/St_Johns": (datetime(2026, 11, 27, 2, 0, tzinfo=UTC),
                         date(2026, 11, 26), "22:30", "-03:30"),
    "Asia/Kathmandu": (datetime(2026, 11, 26, 23, 45, tzinfo=UTC),
                       date(2026, 11, 27), "05:30", "+05:45"),
}


def week(app) -> WeekView:
    return app.screen.query_one(WeekView)


def top_bar(app) -> str:
    return str(app.screen.query_one(TopBar).render())


def entries(app, day: date) -> list[tuple[str, str]]:
    return [(e.start, e.title) for e in dict(week(app).days)[day]]


async def save(pilot, app) -> None:
    await pilot.press("ctrl+s")
    await flushed(pilot, app)


@pytest.fixture(params=list(FAR))
def far(request, zone, clock):
    """The process in a far zone, the fake clock at an instant when local and UTC dates differ."""
    name = request.param
    instant, local_day, wall, offset = FAR[name]
    zone(name)
    clock.now = instant
    assert instant.date() != local_day
    assert instant.astimezone().date() == local_day and f"{instant.astimezone():%H:%M}" == wall
    return local_day, wall, offset


# -- a machine far from UTC -------------------------------------------------------


async def test_the_week_and_today_are_the_local_ones(far, repo, make_app, db_path):
    today, wall, _ = far
    monday = today - timedelta(days=today.weekday())
    iso_year, iso_week, _ = today.isocalendar()
    repo.blocks.add(Block(channel="Email", activity="Yesterday's", day=str(today - timedelta(1)),
                          start="08:00", minutes=30))
    app = make_app(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert week(app).today == today and week(app).days[0][0] == monday
        assert week(app).selected_day == today  # the cursor starts on today
        assert f"{iso_year}-W{iso_week:02d} (this week)" in top_bar(app)
        text = screen_text(app)
        marked = re.findall(r"\w{3} \d\d \w{3} ◆ today", text)
        assert marked == [f"{today:%a %d %b} ◆ today"]
        # A block typed for "today" at "9am" lands on the local today, at 09:00.
        await pilot.press("a")
        await fill(pilot, app, "channel", "LinkedIn")
        await fill(pilot, app, "activity", "Local today")
        await fill(pilot, app, "day", "today")
        await fill(pilot, app, "start", "9am")
        await save(pilot, app)
        assert entries(app, today) == [("09:00", "Local today")]
        assert entries(app, today - timedelta(1)) == [("08:00", "Yesterday's")]
        await pilot.press("3")  # no session: the clock shows the local date and time
        assert (clock_line(app, "now"), digits(app)) == (f"{today:%a %d %b}", wall)
    [doc] = [d for d in on_disk(db_path, "blocks") if d["activity"] == "Local today"]
    assert (doc["day"], doc["start"]) == (today.isoformat(), "09:00")


async def test_a_running_session_shows_real_elapsed_time(far, repo, make_app, clock, db_path):
    today, wall, _ = far
    repo.sessions.add(focus.start_session("LinkedIn", clock() - timedelta(minutes=25),
                                          planned_minutes=30))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        assert digits(app) == "05:00"
        assert clock_line(app, "now") == f"{today:%a %d %b} · {wall}"
        clock.advance(minutes=7)
        await tick(pilot, app)
        assert digits(app) == "+02:00"
        assert clock_line(app, "state") == "countdown · 02:00 over the 30m plan"


async def test_the_review_counts_the_local_day(far, repo, make_app, clock):
    """A session earlier today (local) counts today; one late last night (local) does not,
    whatever their UTC dates."""
    today, _, _ = far
    now = clock()
    midnight = datetime.combine(today, datetime.min.time()).astimezone()
    repo.sessions.add(FocusSession(
        channel="LinkedIn", planned_minutes=15, started=(now - timedelta(minutes=20)).isoformat(),
        ended=(now - timedelta(minutes=5)).isoformat(),
        outcome={"contacts": 2, "replies": 0, "meetings": 0, "note": ""}))
    repo.sessions.add(FocusSession(
        channel="Email", planned_minutes=30,
        started=(midnight - timedelta(minutes=40)).astimezone(UTC).isoformat(),
        ended=(midnight - timedelta(minutes=10)).astimezone(UTC).isoformat(),
        outcome={"contacts": 0, "replies": 0, "meetings": 1, "note": ""}))
    repo.blocks.add(Block(channel="LinkedIn", activity="Today's", day=today.isoformat(),
                          start="00:30", minutes=20))
    app = make_app(repo, start="review")
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"Review · {today:%A %d %B}" in text
        channels, results = str(app.screen.query_one("#figures").render()).split("Results")
        assert "LinkedIn" in channels and "15m of 20m" in channels
        assert "Email" not in channels
        assert "contacts reached 2" in results and "meetings booked 0" in results
        assert "00:30   20m LinkedIn · Today's" in text


async def test_a_meeting_booked_for_a_local_time_shows_at_that_time(far, repo, make_app,
                                                                    db_path):
    today, _, offset = far
    tomorrow = today + timedelta(days=1)
    repo.contacts.add(Contact(name="Ann Lee", company="Acme"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "m")
        await fill(pilot, app, "kind", "video")
        await fill(pilot, app, "day", "tomorrow")
        await fill(pilot, app, "time", "14:00")
        await save(pilot, app)
        await pilot.press("1")
        if tomorrow.weekday() == 0:  # Sunday today: the meeting is in next week
            await pilot.press("]")
        assert entries(app, tomorrow) == [("14:00", "Meeting: Ann Lee")]
        await pilot.press("t")
    [doc] = on_disk(db_path, "meetings")
    assert doc["at"] == f"{tomorrow.isoformat()}T14:00:00{offset}"
    assert datetime.fromisoformat(doc["at"]).astimezone().strftime("%H:%M") == "14:00"


async def test_a_restart_in_another_zone_keeps_the_instants(zone, db_path, make_app, clock):
    """A session and a meeting stored in Paris are the same instants in Kiritimati."""
    repo = Repository.open(db_path, today=date(2026, 11, 26))
    try:
        ann = repo.contacts.add(Contact(name="Ann Lee"))
        repo.meetings.add(Meeting(contact_id=ann.id, at="2026-11-26T15:00:00+01:00", minutes=30))
        repo.sessions.add(focus.start_session("Email", clock() - timedelta(minutes=10),
                                              planned_minutes=30))
        repo.flush()
    finally:
        repo.close()
    zone("Pacific/Kiritimati")  # 15:00 in Paris is 04:00 the next day there
    repo = Repository.open(db_path, today=date(2026, 11, 26))
    try:
        app = make_app(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert entries(app, date(2026, 11, 27)) == [("04:00", "Meeting: Ann Lee")]
            assert entries(app, date(2026, 11, 26)) == []
            await pilot.press("3")
            assert digits(app) == "20:00"
    finally:
        repo.close()


# -- daylight saving time (Europe/Paris) --------------------------------------------

DST = {
    # spring forward: 02:00 CET → 03:00 CEST at 01:00 UTC
    "forward": datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
    # fall back: 03:00 CEST → 02:00 CET at 01:00 UTC
    "back": datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
}


@pytest.mark.parametrize(("switch", "walls"), [("forward", ("01:30", "03:30")),
                                               ("back", ("02:30", "02:30"))])
async def test_a_session_across_a_dst_switch_counts_real_time(switch, walls, db_path, make_app,
                                                              clock):
    clock.now = DST[switch]
    repo = Repository.open(db_path, today=clock().date())
    try:
        repo.sessions.add(focus.start_session("LinkedIn", clock(), planned_minutes=90))
        async with make_app(repo, start="timer").run_test(size=(80, 24)) as pilot:
            app = pilot.app
            assert digits(app) == "1:30:00"
            assert clock_line(app, "now").endswith(walls[0])
            for _ in range(4):  # a quarter of an hour at a time, through the switch
                clock.advance(minutes=15)
                await tick(pilot, app)
            # The wall clock moved by 2 hours (spring) or 0 (autumn); one hour went by.
            assert clock_line(app, "now").endswith(walls[1])
            assert digits(app) == "30:00"
            assert "1:00:00 of 1h30" in clock_line(app, "state")
            await flushed(pilot, app)
    finally:
        repo.close()
    repo = Repository.open(db_path, today=clock().date())  # and after a restart
    try:
        async with make_app(repo, start="timer").run_test(size=(80, 24)) as pilot:
            assert digits(pilot.app) == "30:00"
    finally:
        repo.close()


@pytest.mark.parametrize(("switch", "sunday"), [("forward", date(2026, 3, 29)),
                                                ("back", date(2026, 10, 25))])
async def test_a_daily_block_keeps_its_local_time_in_a_dst_week(switch, sunday, repo, make_app,
                                                                clock):
    clock.now = DST[switch] - timedelta(days=3)  # Thursday of the week of the switch
    monday = sunday - timedelta(days=6)
    repo.blocks.add(Block(channel="LinkedIn", activity="Daily", day=str(monday - timedelta(7)),
                          start="09:00", minutes=30,
                          rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"))
    ann = repo.contacts.add(Contact(name="Ann Lee"))
    # 09:30 local on Saturday (before the switch) and on Monday after it: different UTC hours.
    for day in (sunday - timedelta(1), sunday + timedelta(1)):
        local = datetime.combine(day, datetime.min.time().replace(hour=9, minute=30)).astimezone()
        repo.meetings.add(Meeting(contact_id=ann.id, at=local.astimezone(UTC).isoformat(),
                                  minutes=30))
    app = make_app(repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        shown = dict(week(app).days)
        assert sorted(shown) == [monday + timedelta(i) for i in range(7)]
        for day in shown:
            assert [e.start for e in shown[day] if e.kind == "block"] == ["09:00"], day
        assert entries(app, sunday - timedelta(1)) == [("09:00", "Daily"),
                                                       ("09:30", "Meeting: Ann Lee")]
        await pilot.press("]")
        shown = dict(week(app).days)
        assert all([e.start for e in shown[d] if e.kind == "block"] == ["09:00"] for d in shown)
        assert entries(app, sunday + timedelta(1)) == [("09:00", "Daily"),
                                                       ("09:30", "Meeting: Ann Lee")]


# -- a clock moved backwards ---------------------------------------------------------


async def test_a_clock_moved_back_never_shows_negative_time(repo, make_app, clock):
    repo.sessions.add(focus.start_session("LinkedIn", clock(), planned_minutes=30,
                                          mode="count-up"))
    app = make_app(repo, start="timer")
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(minutes=10)
        await tick(pilot, app)
        assert digits(app) == "10:00"
        clock.advance(hours=-3)  # before the session began
        await tick(pilot, app)
        assert not digits(app).startswith("-")
        assert not re.search(r"-\d", clock_line(app, "state"))
        clock.advance(hours=3, minutes=5)  # back to real time, five minutes later
        await tick(pilot, app)
        assert digits(app) == "15:00"


async def test_a_clock_moved_back_does_not_make_the_digits_jump_back(repo, make_app, clock):
    repo.sessions.add(focus.start_session("LinkedIn", clock(), planned_minutes=30,
                                          mode="count-up"))
    app = make_app(repo, start="timer")
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(minutes=10)
        await tick(pilot, app)
        assert digits(app) == "10:00"
        clock.advance(minutes=-30)
        await tick(pilot, app)
        assert digits(app) == "10:00"  # stands still until real time catches up


# -- ISO week 53 and the year boundary ---------------------------------------------


@pytest.mark.parametrize(("name", "instant"), [
    (SUITE_ZONE, datetime(2026, 12, 31, 9, 0, tzinfo=UTC)),
    # Sunday 3 January 2027 at 18:00 locally (still 2026-W53); Monday 2027-W01 in UTC.
    ("Pacific/Pago_Pago", datetime(2027, 1, 4, 5, 0, tzinfo=UTC)),
])
async def test_week_53_and_the_year_boundary(name, instant, zone, repo, make_app, clock,
                                             db_path):
    zone(name)
    clock.now = instant
    repo.blocks.add(Block(channel="Email", activity="Thursdays", day="2026-12-17",
                          start="10:00", minutes=30, rrule="FREQ=WEEKLY;BYDAY=TH"))
    repo.blocks.add(Block(channel="Phone", activity="New year", day="2027-01-01",
                          start="11:00", minutes=30))
    app = make_app(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "2026-W53 (this week) · 28 Dec 2026 – 3 Jan 2027" in top_bar(app)
        assert entries(app, date(2026, 12, 31)) == [("10:00", "Thursdays")]
        assert entries(app, date(2027, 1, 1)) == [("11:00", "New year")]
        await pilot.press("]")
        assert "2027-W01 · 4–10 Jan 2027" in top_bar(app)
        assert entries(app, date(2027, 1, 7)) == [("10:00", "Thursdays")]
        await pilot.press("[", "[")
        assert "2026-W52 · 21–27 Dec 2026" in top_bar(app)
        await pilot.press("]")
        assert "2026-W53 (this week)" in top_bar(app)
        await pilot.press("]", "]", "t")
        assert "2026-W53 (this week)" in top_bar(app)
        # Budgets and goals belong to the ISO week, 53 included.
        await pilot.press("b")
        await fill(pilot, app, "goal-meetings", "2")
        await save(pilot, app)
    [goals] = on_disk(db_path, "goals")
    assert goals["week"] == "2026-W53" and goals["goals"] == {"meetings": 2}


async def test_follow_ups_and_a_logged_call_use_the_local_day(far, repo, make_app, clock,
                                                             db_path):
    """Due today means the local today; a call logged with the form's defaults is at
    the local date and time, stored with the local offset."""
    from tui.ui.widgets.contact_table import ContactTable

    today, wall, offset = far
    utc_today = clock().date()
    repo.contacts.add(Contact(name="Due locally", follow_up=today.isoformat()))
    repo.contacts.add(Contact(name="Due in UTC", follow_up=utc_today.isoformat()))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(ContactTable)
        due = {cells[1]: cells[0] for cells in map(table.row_cells, table.rows)}
        assert due["Due locally"] == "* today"
        assert due["Due in UTC"] != "* today"
        await pilot.press("l")
        await fill(pilot, app, "kind", "call")
        assert app.screen.query_one("#field-day").value == today.isoformat()
        assert app.screen.query_one("#field-time").value == wall
        await save(pilot, app)
    [doc] = on_disk(db_path, "interactions")
    assert doc["at"] == f"{today.isoformat()}T{wall}:00{offset}"
