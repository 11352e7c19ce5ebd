"""Tests for tui.model.recurrence: weekly RRULEs built, parsed, expanded and described."""

from datetime import date, time, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.recurrence import (
    build_rrule,
    describe_rrule,
    occurrence_datetimes,
    occurrences,
    parse_rrule,
)

FAST = settings(max_examples=300, deadline=None)
THU = date(2026, 11, 26)


def reference(first, fields, window_start, window_end, exdates=()):
    """Day-by-day model: weekday in the set, week parity from the week of `first`, until/count."""
    days = fields["weekdays"] if fields["weekdays"] is not None else [first.weekday()]
    first_monday = first - timedelta(days=first.weekday())
    found, seen, d = [], 0, first
    while d <= window_end:
        if fields["until"] is not None and d > fields["until"]:
            break
        week = (d - first_monday).days // 7
        if d.weekday() in days and week % fields["interval"] == 0:
            seen += 1
            if fields["count"] is not None and seen > fields["count"]:
                break
            if d >= window_start and d not in exdates:
                found.append(d)
        d += timedelta(days=1)
    return found


def test_build_rrule_examples():
    assert build_rrule([3, 1], until=date(2027, 1, 1)) == (
        "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;UNTIL=20270101T235959")
    assert build_rrule([4], count=10) == "FREQ=WEEKLY;INTERVAL=1;BYDAY=FR;COUNT=10"
    assert build_rrule([0, 0], interval=2) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
    assert build_rrule() == "FREQ=WEEKLY;INTERVAL=1"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"weekdays": []}, "at least one weekday"),
        ({"weekdays": [7]}, "0 \\(Monday\\) to 6"),
        ({"weekdays": [-1]}, "0 \\(Monday\\) to 6"),
        ({"interval": 0}, "1 to 52 weeks"),
        ({"interval": 53}, "1 to 52 weeks"),
        ({"interval": True}, "1 to 52 weeks"),
        ({"count": 0}, "at least once"),
        ({"until": date(2027, 1, 1), "count": 3}, "not both"),
    ],
)
def test_build_rrule_rejects(kwargs, reason):
    with pytest.raises(ValueError, match=reason):
        build_rrule(**kwargs)


def test_parse_rrule_examples():
    assert parse_rrule("RRULE:FREQ=WEEKLY;BYDAY=TH,TU;UNTIL=20270101T235959Z") == {
        "weekdays": [1, 3], "interval": 1, "until": date(2027, 1, 1), "count": None}
    assert parse_rrule("freq=weekly;interval=3;count=5;wkst=MO") == {
        "weekdays": None, "interval": 3, "until": None, "count": 5}
    assert parse_rrule("FREQ=WEEKLY;UNTIL=20270301")["until"] == date(2027, 3, 1)


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("", "empty repeat rule"),
        ("FREQ=DAILY", "only weekly"),
        ("INTERVAL=2", "only weekly"),
        ("FREQ=WEEKLY;INTERVAL=0", "1 to 52 weeks"),
        ("FREQ=WEEKLY;INTERVAL=x", "bad INTERVAL"),
        ("FREQ=WEEKLY;BYDAY=1MO", "bad BYDAY"),
        ("FREQ=WEEKLY;UNTIL=2027", "bad UNTIL"),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20270101", "not both"),
        ("FREQ=WEEKLY;BYMONTH=1", "unsupported"),
        ("FREQ=WEEKLY;WKST=SU", "start on Monday"),
        ("FREQ=WEEKLY;FREQ=WEEKLY", "cannot read"),
        ("garbage", "cannot read"),
    ],
)
def test_parse_rrule_rejects(rule, reason):
    with pytest.raises(ValueError, match=reason):
        parse_rrule(rule)


rule_fields = st.fixed_dictionaries({
    "weekdays": st.none() | st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
    "interval": st.integers(1, 52),
    "end": st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)) | st.integers(1, 500),
})


def _kwargs(fields):
    end = fields["end"]
    return {
        "weekdays": fields["weekdays"], "interval": fields["interval"],
        "until": end if isinstance(end, date) else None,
        "count": end if isinstance(end, int) else None,
    }


@FAST
@given(fields=rule_fields)
def test_parse_inverts_build(fields):
    kwargs = _kwargs(fields)
    parsed = parse_rrule(build_rrule(**kwargs))
    expected = dict(kwargs, weekdays=sorted(kwargs["weekdays"]) if kwargs["weekdays"] else None)
    assert parsed == expected
    assert build_rrule(**parsed) == build_rrule(**kwargs)


def test_occurrences_every_tue_and_thu():
    rule = build_rrule([1, 3])
    assert occurrences(date(2026, 11, 3), rule, date(2026, 11, 23), date(2026, 11, 29)) == [
        date(2026, 11, 24), THU]


def test_occurrences_every_other_week_counts_from_the_first_week():
    rule = build_rrule([0], interval=2)
    got = occurrences(date(2026, 1, 1), rule, date(2026, 1, 1), date(2026, 2, 28))
    assert got == [date(2026, 1, 12), date(2026, 1, 26), date(2026, 2, 9), date(2026, 2, 23)]


def test_empty_rule_is_a_single_occurrence():
    assert occurrences(THU, "", date(2026, 11, 23), date(2026, 11, 29)) == [THU]
    assert occurrences(THU, "  ", date(2026, 11, 30), date(2026, 12, 6)) == []
    assert occurrences(THU, "", date(2026, 11, 23), date(2026, 11, 29), [THU]) == []


def test_no_byday_repeats_on_the_first_weekday():
    got = occurrences(THU, build_rrule(), date(2026, 11, 1), date(2026, 12, 10))
    assert got == [THU, date(2026, 12, 3), date(2026, 12, 10)]


def test_until_is_inclusive_and_exdates_skip_without_extending_count():
    until = build_rrule([3], until=date(2026, 12, 10))
    assert occurrences(THU, until, THU, date(2027, 1, 31))[-1] == date(2026, 12, 10)
    counted = build_rrule([3], count=3)
    assert occurrences(THU, counted, THU, date(2027, 1, 31), [date(2026, 12, 3)]) == [
        THU, date(2026, 12, 10)]


def test_first_counts_only_if_it_matches():
    assert occurrences(THU, build_rrule([0]), THU, date(2026, 12, 1)) == [date(2026, 11, 30)]


def test_reversed_window_is_empty():
    assert occurrences(THU, build_rrule([3]), date(2026, 12, 1), date(2026, 11, 1)) == []


def test_series_begun_decades_ago_matches_reference():
    first = date(1990, 1, 3)
    for kwargs in ({"weekdays": [1, 4], "interval": 3}, {"weekdays": [2], "count": 2000},
                   {"weekdays": [0, 2, 4], "interval": 2, "count": 3000}):
        rule = build_rrule(**kwargs)
        window = (date(2026, 11, 23), date(2026, 11, 29))
        assert occurrences(first, rule, *window) == reference(first, parse_rrule(rule), *window)


@FAST
@given(
    fields=rule_fields,
    first=st.dates(date(2020, 1, 1), date(2027, 12, 31)),
    offset=st.integers(-60, 1200),
    length=st.integers(0, 45),
    until_days=st.integers(-10, 1000),
    skip=st.lists(st.integers(0, 60), max_size=5),
)
def test_occurrences_match_reference_model(fields, first, offset, length, until_days, skip):
    kwargs = _kwargs(fields)
    if kwargs["until"] is not None:
        kwargs["until"] = first + timedelta(days=until_days)
    rule = build_rrule(**kwargs)
    window_start = first + timedelta(days=offset)
    window_end = window_start + timedelta(days=length)
    exdates = {window_start + timedelta(days=k) for k in skip}
    got = occurrences(first, rule, window_start, window_end, exdates)
    assert got == reference(first, parse_rrule(rule), window_start, window_end, exdates)


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/New_York"])
def test_occurrence_datetimes_keep_wall_clock_across_dst(zone):
    zone = tz.gettz(zone)
    rule = build_rrule([1, 3])
    got = occurrence_datetimes(date(2026, 3, 1), time(9), rule, date(2026, 3, 1),
                               date(2026, 11, 30), tz=zone)
    assert len(got) > 60
    assert {dt.time() for dt in got} == {time(9)}
    assert len({dt.utcoffset() for dt in got}) == 2  # both winter and summer time


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"weekdays": [1, 3]}, "every Tue and Thu"),
        ({"weekdays": [0], "interval": 2}, "every 2 weeks on Mon"),
        ({"weekdays": [1], "until": date(2027, 3, 1)}, "every Tue, until 1 Mar 2027"),
        ({"weekdays": [4], "count": 10}, "every Fri, 10 times"),
        ({"weekdays": [4], "count": 1}, "every Fri, once"),
        ({"weekdays": [0, 2, 4]}, "every Mon, Wed and Fri"),
        ({"weekdays": list(range(5))}, "every weekday"),
        ({"weekdays": list(range(7))}, "every day"),
        ({"weekdays": list(range(7)), "interval": 2}, "every 2 weeks, all week"),
        ({}, "every week"),
        ({"interval": 3}, "every 3 weeks"),
    ],
)
def test_describe_rrule(kwargs, text):
    assert describe_rrule(build_rrule(**kwargs)) == text


def test_describe_empty_and_bad_rules():
    assert describe_rrule("") == ""
    with pytest.raises(ValueError):
        describe_rrule("FREQ=DAILY")
