"""Tests for tui.model.budget: minutes per channel and the 80%/100% budget guard."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.budget import (
    budget_state,
    channel_minutes,
    crossed_thresholds,
    day_minutes,
    week_minutes,
)
from tui.model.focus import pause, resume, start_session, stop
from tui.model.focus_records import add_past_session

FAST = settings(max_examples=300, deadline=None)
PARIS = tz.gettz("Europe/Paris")
NEW_YORK = tz.gettz("America/New_York")
MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Thursday 15:00 Paris
LATER = datetime(2026, 12, 31, tzinfo=UTC)


def past(channel: str, y, mo, d, h, mi, minutes, zone=PARIS):
    start = datetime(y, mo, d, h, mi, tzinfo=zone)
    return add_past_session(channel, start, minutes, LATER)


SESSIONS = [
    past("LinkedIn", 2026, 11, 23, 9, 0, 45),
    past("LinkedIn", 2026, 11, 24, 9, 0, 30),
    past("X", 2026, 11, 24, 10, 0, 20),
    past("LinkedIn", 2026, 11, 22, 23, 50, 30),  # Sunday before: previous week
    past("LinkedIn", 2026, 11, 29, 23, 30, 40),  # Sunday 23:30 -> Monday: counts Sunday
]


def test_week_and_channel_minutes():
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert channel_minutes(SESSIONS, "LinkedIn", MONDAY, PARIS, now) == 45 + 30 + 40
    assert channel_minutes(SESSIONS, "X", MONDAY, PARIS, now) == 20
    assert channel_minutes(SESSIONS, "Facebook", MONDAY, PARIS, now) == 0
    assert channel_minutes(SESSIONS, "linkedin", MONDAY, PARIS, now) == 0  # exact names
    assert channel_minutes(SESSIONS, "LinkedIn", MONDAY - timedelta(days=7), PARIS, now) == 30
    assert week_minutes(SESSIONS, MONDAY, PARIS, now) == {"LinkedIn": 115, "X": 20}


def test_local_date_depends_on_the_zone():
    # Monday 00:30 in Paris is still Sunday evening in New York.
    s = past("LinkedIn", 2026, 11, 23, 0, 30, 30)
    assert channel_minutes([s], "LinkedIn", MONDAY, PARIS, NOW) == 30
    assert channel_minutes([s], "LinkedIn", MONDAY, NEW_YORK, NOW) == 0


def test_running_session_counts_up_to_now_and_pauses_do_not():
    s = start_session("LinkedIn", NOW - timedelta(minutes=50))
    s = resume(pause(s, NOW - timedelta(minutes=40)), NOW - timedelta(minutes=30))
    assert channel_minutes([s], "LinkedIn", MONDAY, PARIS, NOW) == 40
    # a clock moved back before the resume: time stands still at the resume (10 active)
    assert channel_minutes([s], "LinkedIn", MONDAY, PARIS, NOW - timedelta(hours=5)) == 10


def test_seconds_are_summed_before_flooring():
    start = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    halves = [
        stop(start_session("X", start + timedelta(hours=i)),
             start + timedelta(hours=i, seconds=30))
        for i in range(4)
    ]
    assert channel_minutes(halves, "X", MONDAY, PARIS, NOW) == 2
    assert day_minutes(halves, date(2026, 11, 24), PARIS, NOW) == {"X": 2}


def test_day_minutes():
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert day_minutes(SESSIONS, date(2026, 11, 24), PARIS, now) == {"LinkedIn": 30, "X": 20}
    assert day_minutes(SESSIONS, date(2026, 11, 29), PARIS, now) == {"LinkedIn": 40}
    assert day_minutes(SESSIONS, date(2026, 11, 25), PARIS, now) == {}


def test_dst_week_counts_real_minutes():
    # Europe/Paris falls back on Sunday 25 Oct 2026: a session 01:30-03:30 wall clock
    # (CEST then CET) lasts three real hours.
    start = datetime(2026, 10, 25, 1, 30, tzinfo=PARIS)
    s = stop(start_session("LinkedIn", start), datetime(2026, 10, 25, 3, 30, tzinfo=PARIS))
    now = datetime(2026, 10, 26, tzinfo=UTC)
    assert channel_minutes([s], "LinkedIn", date(2026, 10, 19), PARIS, now) == 180


@pytest.mark.parametrize(
    ("spent", "budget", "state"),
    [
        (0, 600, ""),
        (479, 600, ""),
        (480, 600, "80%"),
        (599, 600, "80%"),
        (600, 600, "100%"),
        (900, 600, "100%"),
        (7, 10, ""),
        (8, 10, "80%"),
        (4, 5, "80%"),
        (3, 5, ""),
        (100, 0, ""),
        (100, None, ""),
        (100, -5, ""),
    ],
)
def test_budget_state(spent, budget, state):
    assert budget_state(spent, budget) == state


@pytest.mark.parametrize(
    ("before", "after", "budget", "crossed"),
    [
        (0, 479, 600, []),
        (479, 480, 600, ["80%"]),
        (480, 481, 600, []),
        (599, 600, 600, ["100%"]),
        (600, 700, 600, []),
        (100, 700, 600, ["80%", "100%"]),
        (700, 100, 600, []),
        (0, 100, 0, []),
        (0, 100, None, []),
    ],
)
def test_crossed_thresholds(before, after, budget, crossed):
    assert crossed_thresholds(before, after, budget) == crossed


@FAST
@given(
    st.integers(min_value=1, max_value=3000),
    st.lists(st.integers(min_value=0, max_value=120), max_size=60),
)
def test_each_threshold_is_crossed_exactly_once_as_time_grows(budget, increments):
    readings = [0]
    for inc in increments:
        readings.append(readings[-1] + inc)
    bells = []
    for before, after in itertools.pairwise(readings):
        bells += crossed_thresholds(before, after, budget)
    final = budget_state(readings[-1], budget)
    expected = {"": [], "80%": ["80%"], "100%": ["80%", "100%"]}[final]
    assert bells == expected


@FAST
@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=0, max_value=10**5))
def test_state_and_crossings_agree(spent, budget):
    state = budget_state(spent, budget)
    crossed = crossed_thresholds(0, spent, budget)
    assert (crossed[-1] if crossed else "") == state
