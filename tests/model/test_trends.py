"""Tests for tui.model.trends: booked and held across week, year and zone boundaries;
yield per hour, shares, the funnel and the suggestions, on hand-computed figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil import tz

from tui.model.contact_edits import book_meeting, booked_when
from tui.model.contacts import Contact, Meeting
from tui.model.metrics import period_metrics
from tui.model.sessions import FocusSession
from tui.model.trends import MIN_HOURS, MIN_RESULTS, trends
from tui.model.trends_report import trends_csv, trends_data, trends_markdown

PARIS = tz.gettz("Europe/Paris")
NEW_YORK = tz.gettz("America/New_York")
MON = date(2026, 11, 23)  # 2026-W48


def week(start: date, *, sessions=(), meetings=(), zone=PARIS, now=None):
    now = now or datetime(2027, 3, 1, tzinfo=UTC)
    return period_metrics(start, 7, blocks=[], marks=[], sessions=list(sessions),
                          interactions=[], meetings=list(meetings), contacts=[], goals=None,
                          tz=zone, now=now)


def session(channel: str, start: datetime, minutes: int, **outcome) -> FocusSession:
    start = start.astimezone(UTC)
    return FocusSession(channel=channel, started=start.isoformat(),
                        ended=(start + timedelta(minutes=minutes)).isoformat(),
                        outcome=outcome or None)


def at(d: date, hh: int, mm: int = 0, zone=PARIS) -> datetime:
    return datetime(d.year, d.month, d.day, hh, mm, tzinfo=zone)


# -- booked and held ----------------------------------------------------------------


def test_a_meeting_booked_on_sunday_night_for_next_week_is_booked_then_held_later():
    m = Meeting(at=at(MON + timedelta(days=8), 10).isoformat(),
                booked=at(MON + timedelta(days=6), 23, 30).isoformat())
    this, after = week(MON, meetings=[m]), week(MON + timedelta(days=7), meetings=[m])
    assert (this.meetings_booked, this.meetings_held) == (1, 0)
    assert (after.meetings_booked, after.meetings_held) == (0, 1)


def test_booked_in_the_last_iso_week_of_a_year_held_in_the_first_of_the_next():
    w53 = date(2026, 12, 28)  # 2026 has 53 ISO weeks; 2027-W01 starts on 4 January
    m = Meeting(at=at(date(2027, 1, 5), 9).isoformat(),
                booked=at(date(2026, 12, 31), 16).isoformat())
    t = trends([week(w53, meetings=[m]), week(date(2027, 1, 4), meetings=[m])])
    assert [w.week for w in t.weeks] == ["2026-W53", "2027-W01"]
    assert t.meetings_by_week == [1, 0]
    assert [w.meetings_held for w in t.weeks] == [0, 1]


def test_the_week_a_meeting_was_booked_in_depends_on_the_zone():
    # Sunday 23:30 UTC is Monday 00:30 in Paris and Sunday 18:30 in New York.
    m = Meeting(at="2026-12-20T15:00:00+00:00", booked="2026-11-29T23:30:00+00:00")
    for zone, booked in ((PARIS, (0, 1)), (NEW_YORK, (1, 0))):
        figures = [week(MON, meetings=[m], zone=zone), week(MON + timedelta(days=7),
                                                           meetings=[m], zone=zone)]
        assert tuple(f.meetings_booked for f in figures) == booked


def test_a_meeting_without_a_booking_date_counts_as_booked_when_it_takes_place():
    m = Meeting(at=at(MON + timedelta(days=2), 10).isoformat())
    assert week(MON, meetings=[m]).meetings_booked == 1


def test_a_meeting_not_yet_held_is_booked_but_not_held():
    now = at(MON + timedelta(days=2), 12)
    m = Meeting(at=at(MON + timedelta(days=4), 10).isoformat(), booked=now.isoformat())
    f = week(MON, meetings=[m], now=now)
    assert (f.meetings_booked, f.meetings_held, f.meetings_scheduled) == (1, 0, 1)


def test_booking_today_for_next_month_records_now_and_moves_the_stage():
    now = at(MON + timedelta(days=1), 9, 41)
    ann = Contact(id=3, name="Ann", stage="connected")
    meeting = Meeting(contact_id=3, at=at(date(2026, 12, 22), 10).isoformat())
    edit = book_meeting(ann, meeting, now)
    booked = edit.changes[0].after
    assert booked.booked == now.isoformat()
    assert week(MON, meetings=[booked]).meetings_booked == 1
    assert week(date(2026, 12, 21), meetings=[booked]).meetings_booked == 0
    # A meeting entered after it took place was booked by then at the latest.
    past = Meeting(at=at(MON, 10).isoformat())
    assert booked_when(past.at, now) == past.at


def test_meetings_told_at_a_session_and_entered_are_not_counted_twice():
    told = session("Email", at(MON, 9), 60, meetings=1)
    entered = Meeting(at=at(MON + timedelta(days=9), 10).isoformat(),
                      booked=at(MON, 10).isoformat())
    assert week(MON, sessions=[told], meetings=[entered]).meetings_booked == 1
    other = Meeting(at=entered.at, booked=at(MON, 11).isoformat())
    assert week(MON, sessions=[told], meetings=[entered, other]).meetings_booked == 2


# -- yield, shares, funnel --------------------------------------------------------------


def _eight_weeks():
    """In person: 1 h a week, 1 meeting and 2 contacts each; LinkedIn 4 h a week, 6
    contacts, 1 reply and a meeting in one week out of eight."""
    weeks = []
    for k in range(8):
        mon = MON + timedelta(weeks=k)
        work = [session("In person", at(mon, 18), 60, meetings=1, contacts=2),
                session("LinkedIn", at(mon, 9), 240, contacts=6, replies=1,
                        meetings=int(k == 3)),
                session("Research", at(mon + timedelta(days=1), 9), 120)]
        weeks.append(week(mon, sessions=work))
    return trends(weeks)


def test_yield_per_hour_and_shares_over_the_span():
    t = _eight_weeks()
    by = {c.channel: c for c in t.channels}
    assert [c.channel for c in t.channels] == ["LinkedIn", "Research", "In person"]
    li, ip = by["LinkedIn"], by["In person"]
    assert (li.spent_minutes, li.results, li.meetings) == (1920, 57, 1)
    assert li.meetings_per_hour == pytest.approx(1 / 32)
    assert ip.meetings_per_hour == pytest.approx(1.0)
    assert ip.results_per_hour == pytest.approx(3.0)
    assert li.time_share == pytest.approx(32 / 56) and ip.time_share == pytest.approx(8 / 56)
    assert li.results_share == pytest.approx(57 / 81) and by["Research"].results_share == 0
    assert li.weekly_minutes == [240] * 8
    assert t.hours_by_week == [7.0] * 8
    assert t.meetings_by_week == [1, 1, 1, 2, 1, 1, 1, 1]


def test_the_funnel_and_its_rates():
    t = _eight_weeks()
    steps = [(s.label, s.count) for s in t.funnel]
    assert steps == [("contacts reached", 64), ("replies", 8), ("conversations", 0),
                     ("meetings booked", 9), ("meetings held", 0)]
    assert t.funnel[0].rate is None and t.funnel[1].rate == pytest.approx(8 / 64)
    assert t.funnel[3].rate is None  # after a step of 0: no rate, not a division by 0
    assert t.funnel[4].rate == 0


def test_the_suggestion_follows_from_meetings_per_hour():
    t = _eight_weeks()
    assert t.suggestions[0] == ("In person: 1.0 meetings per hour over 8 weeks; LinkedIn: "
                                "0.03. Move two LinkedIn hours a week to In person.")
    assert len(t.suggestions) <= 2 and t.too_few == ""
    assert all("Research" not in s for s in t.suggestions)  # not outreach: not compared


def test_no_suggestion_below_the_threshold_and_it_says_why():
    little = [session("In person", at(MON, 18), 60, meetings=1),
              session("LinkedIn", at(MON, 9), MIN_HOURS * 60 - 1, contacts=1)]
    t = trends([week(MON, sessions=little)])
    assert t.suggestions == []
    assert f"{MIN_HOURS} h" in t.too_few and f"{MIN_RESULTS} results" in t.too_few
    assert "No suggestion" in trends_markdown(t)
    # Equal yields: nothing to move either.
    even = [session("Email", at(MON, 9), 180, contacts=6), session("Phone", at(MON, 14), 180,
                                                                    contacts=6)]
    assert trends([week(MON, sessions=even)]).suggestions == []


def test_outputs_carry_the_same_rows():
    t = _eight_weeks()
    csv_rows = trends_csv(t).splitlines()
    assert csv_rows[0].startswith("week,channel,planned_minutes,spent_minutes,")
    assert csv_rows[1].startswith("2026-W48,")
    data = trends_data(t)
    assert sum(len(w["channels"]) for w in data["weeks"]) == len(csv_rows) - 1 == len(t.rows)
    assert data["funnel"][1] == {"step": "replies", "count": 8, "rate": 0.125}
    md = trends_markdown(t)
    assert "2026-W48 to 2027-W02" in md and "█" in md


def test_an_empty_span_is_all_zeros_and_no_suggestion():
    t = trends([week(MON), week(MON + timedelta(days=7))])
    assert t.rows == [] and t.channels == [] and t.suggestions == []
    assert [s.count for s in t.funnel] == [0] * 5
    assert "0m" in trends_markdown(t)


def test_the_suggestion_never_moves_more_time_than_the_channel_takes():
    weeks = []
    for k in range(8):
        mon = MON + timedelta(weeks=k)
        work = [session("In person", at(mon, 18), 60, meetings=1),
                session("X/Twitter\x1b[31m", at(mon, 9), 20, contacts=int(k == 0))]
        weeks.append(week(mon, sessions=work))
    [said] = trends(weeks).suggestions
    # (A control character in a channel's name is shown, not sent to the terminal.)
    assert said.endswith("Move X/Twitter\\x1b[31m's 20 minutes a week to In person.")
