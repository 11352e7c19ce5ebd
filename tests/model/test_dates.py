"""Tests for tui.model.dates (what people type), week_dates (week maths) and instants
(ISO storage, DST)."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.dates import MONTHS, format_duration, parse_date, parse_duration, parse_time
from tui.model.instants import combine_local, from_iso, local_tz, now_utc, to_iso
from tui.model.week_dates import (
    iso_week_label,
    parse_iso_week,
    week_days,
    week_range_label,
    week_start,
)

TODAY = date(2026, 11, 26)  # a Thursday in November
FAST = settings(max_examples=200, deadline=None)
PARIS, NEW_YORK = tz.gettz("Europe/Paris"), tz.gettz("America/New_York")
safe_dates = st.dates(min_value=date(2, 1, 1), max_value=date(9990, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("2026/12/3", date(2026, 12, 3)),
        ("20261203", date(2026, 12, 3)),
        ("dec 3", date(2026, 12, 3)),
        ("3 dec", date(2026, 12, 3)),
        ("Dec 3 2026", date(2026, 12, 3)),
        ("3 December", date(2026, 12, 3)),
        ("December 3rd, 2026", date(2026, 12, 3)),
        ("3-dec-2026", date(2026, 12, 3)),
        ("Sept 1", date(2027, 9, 1)),
        ("  DEC 3  ", date(2026, 12, 3)),
        ("nov 26", TODAY),  # on or after today: today itself
        ("nov 25", date(2027, 11, 25)),
        ("jan 5", date(2027, 1, 5)),
        ("feb 29", date(2028, 2, 29)),  # the next Feb 29 that exists
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 25)),
        ("mon", date(2026, 11, 30)),
        ("monday", date(2026, 11, 30)),
        ("next mon", date(2026, 11, 30)),
        ("thu", date(2026, 12, 3)),  # strictly after today, never today
        ("next thursday", date(2026, 12, 3)),
        ("fri", date(2026, 11, 27)),
        ("+3d", date(2026, 11, 29)),
        ("+2w", date(2026, 12, 10)),
        ("-1d", date(2026, 11, 25)),
        ("+3", date(2026, 11, 29)),
        ("+1mo", date(2026, 12, 26)),
        ("in 3 days", date(2026, 11, 29)),
        ("in 2 weeks", date(2026, 12, 10)),
    ],
)
def test_parse_date_accepts(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31 feb", "February has at most 29 days"),
        ("feb 30", "February has at most 29 days"),
        ("2026-02-29", "February has 28 days in 2026"),
        ("2027-02-29", "February has 28 days in 2027"),
        ("2026-04-31", "April has 30 days"),
        ("apr 31", "April has at most 30 days"),
        ("2026-13-01", "months go from 01 to 12"),
        ("2026-12-00", "days start at 1"),
        ("dec 32", "days go from 1 to 31"),
        ("", "empty date"),
        ("   ", "empty date"),
        ("banana 3", "not a month"),
        ("3", "a number alone is not a date"),
        ("12/03", "ambiguous"),
        ("3/12/2026", "ambiguous"),
        ("garbage", "not a date: try 2026-12-03, dec 3, tomorrow, next mon or +3d"),
        ("dec 2026", "add the day"),
        ("dec 3 26", "write the year in full"),
        ("+3x", "unknown unit"),
        ("+99999999d", "out of range"),
        ("dec 3 2026 extra", "not a date"),
        ("next", "not a date"),
    ],
)
def test_parse_date_rejects_with_reason(text, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_date(text, TODAY)


def test_parse_date_out_of_range_is_value_error():
    with pytest.raises(ValueError, match="out of range"):
        parse_date("+1d", date.max)
    with pytest.raises(ValueError, match="out of range"):
        parse_date("-1d", date.min)


@FAST
@given(d=st.dates(), today=st.dates())
def test_iso_round_trip(d, today):
    assert parse_date(d.isoformat(), today) == d


@FAST
@given(d=safe_dates, today=safe_dates, day_first=st.booleans())
def test_month_day_is_next_such_date(d, today, day_first):
    month = MONTHS[d.month - 1][:3]
    text = f"{d.day} {month}" if day_first else f"{month} {d.day}"
    expected = today
    while (expected.month, expected.day) != (d.month, d.day):
        expected += timedelta(days=1)
    assert parse_date(text, today) == expected


@FAST
@given(today=safe_dates, weekday=st.integers(0, 6), prefix=st.sampled_from(["", "next "]))
def test_weekday_is_strictly_after_today(today, weekday, prefix):
    name = ["mon", "tuesday", "wed", "thursday", "fri", "sat", "sunday"][weekday]
    result = parse_date(prefix + name, today)
    assert result.weekday() == weekday
    assert 1 <= (result - today).days <= 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("9", time(9)),
        ("2pm", time(14)),
        ("2:30 pm", time(14, 30)),
        ("2 P.M.", time(14)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("11:59pm", time(23, 59)),
        ("14h30", time(14, 30)),
        ("noon", time(12)),
        ("midnight", time(0)),
        ("00:00", time(0)),
    ],
)
def test_parse_time_accepts(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25:00", "hours go from 00 to 23"),
        ("24:00", "hours go from 00 to 23"),
        ("12:60", "minutes go from 00 to 59"),
        ("13pm", "with am/pm, hours go from 1 to 12"),
        ("0am", "with am/pm"),
        ("9:5", "two digits"),
        ("", "empty time"),
        ("soon", "not a time"),
        ("-1", "not a time"),
    ],
)
def test_parse_time_rejects_with_reason(text, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_time(text)


def test_parse_time_round_trips_every_minute_of_the_day():
    for minute in range(24 * 60):
        t = time(*divmod(minute, 60))
        assert parse_time(t.strftime("%H:%M")) == t
        if not 1 <= t.hour <= 6:  # "2:00" is asked about (tests/model/test_time_parsing.py)
            assert parse_time(f"{t.hour}:{t.minute:02d}") == t


@FAST
@given(t=st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_parse_time_round_trips_12_hour_clock(t):
    hour = t.hour % 12 or 12
    assert parse_time(f"{hour}:{t.minute:02d}{'pm' if t.hour >= 12 else 'am'}") == t


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45), ("45m", 45), ("45 min", 45), ("1h", 60), ("1h30", 90), ("1h 30m", 90),
        ("1:30", 90), ("90 minutes", 90), ("1.5h", 90), ("2 hours", 120),
        ("1 hour 30 minutes", 90), ("1h05", 65), ("24h", 1440), (" 1440 ", 1440),
    ],
)
def test_parse_duration_accepts(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "more than zero"), ("0h", "more than zero"), ("-30", "more than zero"),
        ("-1h", "more than zero"), ("25h", "at most 24h"), ("1441", "at most 24h"),
        ("1:75", "00 to 59"), ("1h 75", "00 to 59"), ("1.3333h", "whole minutes"),
        ("abc", "not a duration"), ("1.5", "not a duration"), ("", "empty duration"),
    ],
)
def test_parse_duration_rejects_with_reason(text, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_duration(text)


def test_format_duration():
    assert [format_duration(m) for m in (0, 45, 60, 90, 65, 1440)] == [
        "0m", "45m", "1h", "1h30", "1h05", "24h"]
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            format_duration(bad)


def test_format_then_parse_duration_round_trips():
    for minutes in range(1, 24 * 60 + 1):
        assert parse_duration(format_duration(minutes)) == minutes


@FAST
@given(d=safe_dates, first_weekday=st.integers(0, 6))
def test_week_start_properties(d, first_weekday):
    start = week_start(d, first_weekday)
    assert start.weekday() == first_weekday
    assert 0 <= (d - start).days <= 6
    assert d in week_days(start)


def test_week_start_examples_and_bad_weekday():
    assert week_start(date(2026, 11, 26)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 26), 6) == date(2026, 11, 22)
    assert week_start(date(2026, 11, 22), 6) == date(2026, 11, 22)
    with pytest.raises(ValueError):
        week_start(TODAY, 7)


def test_week_days():
    days = week_days(date(2026, 12, 28))
    assert len(days) == 7 and days[0] == date(2026, 12, 28) and days[-1] == date(2027, 1, 3)


def test_iso_week_labels_and_parsing():
    assert iso_week_label(date(2026, 11, 26)) == "2026-W48"
    assert iso_week_label(date(2027, 1, 1)) == "2026-W53"  # ISO year differs
    assert iso_week_label(date(2024, 12, 30)) == "2025-W01"
    assert parse_iso_week("2026-W48") == date(2026, 11, 23)
    assert parse_iso_week(" 2026w48 ") == date(2026, 11, 23)
    assert parse_iso_week("2026-W53") == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2026-W54", "01 to 53"), ("2026-W00", "01 to 53"), ("2027-W53", "2027 has 52 ISO weeks"),
     ("W48", "not an ISO week"), ("", "not an ISO week")],
)
def test_parse_iso_week_rejects(text, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_iso_week(text)


@FAST
@given(d=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 24)))
def test_iso_week_label_round_trip(d):
    label = iso_week_label(d)
    monday = parse_iso_week(label)
    assert iso_week_label(monday) == label
    assert monday.weekday() == 0 and 0 <= (d - monday).days <= 6


def test_week_range_label():
    assert week_range_label(date(2026, 11, 23)) == "23–29 Nov 2026"
    assert week_range_label(date(2026, 11, 30)) == "30 Nov – 6 Dec 2026"
    assert week_range_label(date(2026, 12, 28)) == "28 Dec 2026 – 3 Jan 2027"


def test_now_utc_is_aware_utc():
    now = now_utc()
    assert now.utcoffset() == timedelta(0)


def test_to_iso_refuses_naive_and_from_iso_refuses_offsetless():
    with pytest.raises(ValueError, match="time zone"):
        to_iso(datetime(2026, 1, 1, 9))
    with pytest.raises(ValueError, match="no offset"):
        from_iso("2026-01-01T09:00:00")
    with pytest.raises(ValueError, match="not an ISO 8601"):
        from_iso("yesterday-ish")
    assert from_iso("2026-01-01T09:00:00Z") == datetime(2026, 1, 1, 9, tzinfo=UTC)


@FAST
@given(dt=st.datetimes(timezones=st.timezones()))
def test_iso_round_trip_for_aware_datetimes(dt):
    back = from_iso(to_iso(dt))
    assert back.utcoffset() == dt.utcoffset()
    assert back.replace(tzinfo=None) == dt.replace(tzinfo=None, fold=0)
    assert to_iso(back) == to_iso(dt)


def test_local_tz_and_default_zone():
    assert combine_local(TODAY, time(9)).tzinfo == local_tz()


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected_wall", "offset_hours"),
    [
        (PARIS, date(2026, 3, 29), time(2, 30), time(3, 30), 2),  # gap: shifted forward
        (PARIS, date(2026, 10, 25), time(2, 30), time(2, 30), 2),  # overlap: first (summer)
        (NEW_YORK, date(2026, 3, 8), time(2, 15), time(3, 15), -4),
        (NEW_YORK, date(2026, 11, 1), time(1, 30), time(1, 30), -4),
    ],
)
def test_combine_local_dst_edges(zone, day, wall, expected_wall, offset_hours):
    dt = combine_local(day, wall, zone)
    assert dt.date() == day and dt.timetz().replace(tzinfo=None) == expected_wall
    assert dt.utcoffset() == timedelta(hours=offset_hours)


@FAST
@given(
    zone=st.sampled_from([PARIS, NEW_YORK]),
    day=st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 11, 15)),
    wall=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_combine_local_keeps_wall_clock(zone, day, wall):
    dt = combine_local(day, wall, zone)
    naive = datetime.combine(day, wall)
    assert dt.tzinfo is zone
    as_utc = dt.astimezone(UTC)
    assert as_utc.astimezone(zone).replace(tzinfo=None) == dt.replace(tzinfo=None)  # it exists
    if tz.datetime_exists(naive, tz=zone):
        assert dt.replace(tzinfo=None) == naive  # same wall-clock time
        # first occurrence: no earlier instant shows this wall-clock time
        earlier = (as_utc - timedelta(hours=1)).astimezone(zone).replace(tzinfo=None)
        assert earlier != naive
    else:
        assert naive < dt.replace(tzinfo=None) <= naive + timedelta(hours=1)
