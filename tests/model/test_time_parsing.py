"""Times as people type them (`parse_time`): properties over every minute of the day.

The rule under test (issue "A kind first hour", point 6): "2:00" with no am/pm was
saved as 02:00 at night without a word. A job search happens by day, so an hour of
1 to 6 written with one digit and no am/pm is asked about beside the field; a
leading zero (`02:00`), am/pm (`2am`, `2pm`), `0:30` and hours from 7 are taken
as written.
"""

from __future__ import annotations

import re
from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.dates import parse_time

FAST = settings(max_examples=300, deadline=None)
minutes_of_day = st.times().map(lambda t: t.replace(second=0, microsecond=0))
night_hours = st.integers(min_value=1, max_value=6)
minutes = st.integers(min_value=0, max_value=59)


def spellings(hour: int, minute: int) -> list[str]:
    """The ways a person writes an hour and minute without am/pm and without a
    leading zero: `2:30`, `2.30`, `2h30`, `230`, and for a whole hour `2`, `2h`."""
    forms = [f"{hour}:{minute:02d}", f"{hour}.{minute:02d}", f"{hour}h{minute:02d}",
             f"{hour}{minute:02d}"]
    if minute == 0:
        forms += [f"{hour}", f"{hour}h"]
    return forms


@FAST
@given(t=minutes_of_day)
def test_a_24_hour_time_with_two_digit_hours_is_taken_as_written(t):
    assert parse_time(f"{t:%H:%M}") == t
    assert parse_time(f"{t:%H%M}") == t
    assert parse_time(f"{t:%Hh%M}") == t


@FAST
@given(t=minutes_of_day, space=st.sampled_from(["", " "]),
       am_pm=st.sampled_from([("am", "pm"), ("AM", "PM"), ("a", "p"), ("a.m.", "p.m.")]))
def test_am_or_pm_settles_every_hour(t, space, am_pm):
    hour = t.hour % 12 or 12
    word = am_pm[1] if t.hour >= 12 else am_pm[0]
    assert parse_time(f"{hour}:{t.minute:02d}{space}{word}") == t
    if t.minute == 0:
        assert parse_time(f"{hour}{space}{word}") == t


@FAST
@given(hour=st.sampled_from([0, *range(7, 24)]), minute=minutes, data=st.data())
def test_a_one_digit_hour_outside_the_night_is_taken_as_written(hour, minute, data):
    """7:30 is a morning, 0:30 can only be the night, 13:00 and up are afternoons."""
    text = data.draw(st.sampled_from(spellings(hour, minute)))
    assert parse_time(text) == time(hour, minute)


@FAST
@given(hour=night_hours, minute=minutes, data=st.data())
def test_a_night_hour_without_am_pm_is_asked_about(hour, minute, data):
    text = data.draw(st.sampled_from(spellings(hour, minute)))
    with pytest.raises(ValueError, match="at night?") as raised:
        parse_time(text)
    message = str(raised.value)
    # The question offers the afternoon two ways and the night with a leading zero;
    # each spelling it offers is read back as what it says.
    offered = re.findall(r"\b\d{1,2}(?::\d{2})?(?:pm)?\b", message.split("?", 1)[1])
    assert [parse_time(o) for o in offered] == [
        time(hour + 12, minute), time(hour + 12, minute), time(hour, minute)]
    assert len(message) <= 60  # one short line beside the field


@FAST
@given(hour=night_hours, minute=minutes)
def test_the_night_is_taken_when_written_with_a_leading_zero_or_am(hour, minute):
    assert parse_time(f"0{hour}:{minute:02d}") == time(hour, minute)
    assert parse_time(f"{hour}:{minute:02d}am") == time(hour, minute)
    assert parse_time(f"{hour}:{minute:02d}pm") == time(hour + 12, minute)


@FAST
@given(text=st.text(max_size=12))
def test_any_text_gives_a_whole_minute_or_a_short_reason(text):
    try:
        parsed = parse_time(text)
    except ValueError as exc:
        assert str(exc) and len(str(exc)) <= 80
    else:
        assert parsed.second == 0 and parsed.microsecond == 0


@FAST
@given(t=minutes_of_day, before=st.sampled_from(["", " ", "  "]),
       after=st.sampled_from(["", " ", "\t"]))
def test_spaces_around_a_time_change_nothing(t, before, after):
    assert parse_time(f"{before}{t:%H:%M}{after}") == t


def test_the_question_names_what_was_typed():
    with pytest.raises(ValueError) as raised:
        parse_time("2:00")
    assert str(raised.value) == "2:00 at night? write 14:00 or 2pm (or 02:00 for night)"
    with pytest.raises(ValueError) as raised:
        parse_time("6.45")
    assert str(raised.value) == "6:45 at night? write 18:45 or 6:45pm (or 06:45 for night)"
