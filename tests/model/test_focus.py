"""Tests for the focus clock (tui.model.focus, focus_time, focus_records): pure functions
of stored UTC instants."""

from datetime import UTC, datetime, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.focus import (
    cycle_mode,
    extend,
    pause,
    resume,
    start_session,
    stop,
    toggle,
    touch,
    trim_idle,
)
from tui.model.focus_records import (
    NOTHING,
    add_past_session,
    correct_session,
    validate_outcome,
)
from tui.model.focus_time import (
    PomodoroPhase,
    elapsed,
    idle_tail,
    is_far_past_plan,
    last_activity,
    monotonic_now,
    overrun,
    pomodoro_phase,
    remaining,
)
from tui.model.plan import Settings
from tui.model.sessions import FocusSession
from tui.model.validation import ValidationError

FAST = settings(max_examples=200, deadline=None)
PARIS = tz.gettz("Europe/Paris")
T0 = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)  # Thursday 09:30 in Paris
SETTINGS = Settings()


def at(minutes: float = 0, seconds: float = 0) -> datetime:
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def mins(n: float) -> timedelta:
    return timedelta(minutes=n)


def started(**kw) -> FocusSession:
    return start_session("LinkedIn", T0, **kw)


# ----------------------------------------------------------------- start


def test_start_session_stores_utc_and_fields():
    s = start_session("LinkedIn", T0.astimezone(PARIS), mode="pomodoro", planned_minutes=50,
                      block_id=7, block_day="2026-11-26", contact_id=3)
    assert s.started == "2026-11-26T08:30:00+00:00"
    assert (s.channel, s.mode, s.planned_minutes) == ("LinkedIn", "pomodoro", 50)
    assert (s.block_id, s.block_day, s.contact_id) == (7, "2026-11-26", 3)
    assert s.running and not s.paused and s.pauses == [] and s.outcome is None
    assert elapsed(s, at(12)) == mins(12)
    assert remaining(s, at(12)) == mins(38)


def test_start_session_accepts_a_date_for_the_block_day():
    from datetime import date

    assert started(block_day=date(2026, 11, 26)).block_day == "2026-11-26"


def test_start_session_strips_the_channel():
    assert start_session("  X lists ", T0).channel == "X lists"


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"channel": ""}, {"channel"}),
        ({"channel": "   "}, {"channel"}),
        ({"channel": "a\x1bb"}, {"channel"}),
        ({"channel": "x" * 500}, {"channel"}),
        ({"planned_minutes": 0}, {"planned_minutes"}),
        ({"planned_minutes": -5}, {"planned_minutes"}),
        ({"planned_minutes": 24 * 60 + 1}, {"planned_minutes"}),
        ({"planned_minutes": 2.5}, {"planned_minutes"}),
        ({"planned_minutes": True}, {"planned_minutes"}),
        ({"mode": "stopwatch"}, {"mode"}),
        ({"channel": "", "planned_minutes": 0, "mode": "?"},
         {"channel", "planned_minutes", "mode"}),
    ],
)
def test_start_session_refuses_bad_input(kwargs, fields):
    args = {"channel": "LinkedIn", **kwargs}
    channel = args.pop("channel")
    with pytest.raises(ValidationError) as info:
        start_session(channel, T0, **args)
    assert set(info.value.errors) == fields
    assert all(info.value.errors.values())


def test_start_session_limits_are_inclusive():
    assert started(planned_minutes=1).planned_minutes == 1
    assert started(planned_minutes=24 * 60).planned_minutes == 24 * 60


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        start_session("LinkedIn", datetime(2026, 11, 26, 9, 30))
    with pytest.raises(ValueError, match="time zone"):
        elapsed(started(), datetime(2026, 11, 26, 9, 30))


# ----------------------------------------------------------------- keys


def test_pause_resume_excludes_the_paused_span():
    s = pause(started(), at(10))
    assert s.paused and s.pauses == [["2026-11-26T08:40:00+00:00", None]]
    assert elapsed(s, at(25)) == mins(10)
    s = resume(s, at(25))
    assert not s.paused and s.pauses[-1][1] == "2026-11-26T08:55:00+00:00"
    assert elapsed(s, at(40)) == mins(25)
    assert remaining(s, at(40)) == mins(5)


def test_functions_never_mutate_their_argument():
    s = pause(started(), at(5))
    snapshot = s.to_doc()
    r = resume(s, at(8))
    assert s.to_doc() == snapshot and s.paused
    assert r.pauses is not s.pauses and r.pauses[0] is not s.pauses[0]
    done = stop(r, at(20), {"contacts": 1})
    done.outcome["contacts"] = 99
    again = stop(done, at(30))
    assert again.outcome == {"contacts": 99} and again.outcome is not done.outcome
    for fn in (lambda x: pause(x, at(30)), lambda x: touch(x, at(30)), cycle_mode,
               lambda x: extend(x, 5, at(30)), lambda x: toggle(x, at(30))):
        out = fn(r)
        assert out is not r and r.to_doc() == resume(s, at(8)).to_doc()


def test_toggle_alternates():
    s = toggle(started(), at(1))
    assert s.paused
    s = toggle(s, at(3))
    assert not s.paused and elapsed(s, at(10)) == mins(8)


def test_pause_twice_and_resume_when_running_change_nothing():
    s = pause(started(), at(1))
    assert pause(s, at(5)).to_doc() == s.to_doc()
    r = started()
    assert resume(r, at(5)).to_doc() == r.to_doc()


def test_keys_on_a_stopped_session_change_nothing():
    s = stop(started(), at(20))
    for out in (pause(s, at(30)), resume(s, at(30)), toggle(s, at(30)), touch(s, at(30)),
                extend(s, 5, at(30))):
        assert out.to_doc() == s.to_doc()


def test_keys_record_the_last_key():
    s = pause(started(), at(3))
    assert s.last_key == "2026-11-26T08:33:00+00:00"
    s = touch(s, at(4))
    assert s.last_key == "2026-11-26T08:34:00+00:00"
    s = extend(resume(s, at(6)), 5, at(7))
    assert s.last_key == "2026-11-26T08:37:00+00:00"


def test_extend_adds_and_removes_five_minutes_within_limits():
    s = started(planned_minutes=30)
    assert extend(s, 5, at()).planned_minutes == 35
    assert extend(s, -5, at()).planned_minutes == 25
    tiny = started(planned_minutes=3)
    assert extend(tiny, -5, at()).planned_minutes == 1
    assert extend(extend(tiny, -5, at()), -5, at()).planned_minutes == 1
    huge = started(planned_minutes=24 * 60 - 2)
    assert extend(huge, 5, at()).planned_minutes == 24 * 60
    with pytest.raises(ValueError):
        extend(s, 2.5, at())


def test_extend_may_drop_below_elapsed_which_shows_as_over():
    s = extend(extend(started(planned_minutes=30), -5, at(20)), -5, at(20))
    assert s.planned_minutes == 20
    s = extend(s, -5, at(20))
    assert remaining(s, at(20)) == -mins(5)
    assert overrun(s, at(20), SETTINGS) == mins(5)


def test_cycle_mode():
    s = started()
    modes = []
    for _ in range(4):
        s = cycle_mode(s)
        modes.append(s.mode)
    assert modes == ["pomodoro", "count-up", "countdown", "pomodoro"]
    assert cycle_mode(started().replace(mode="weird")).mode == "countdown"


def test_stop_closes_an_open_pause_and_freezes_elapsed():
    s = stop(pause(started(), at(10)), at(30))
    assert not s.running and not s.paused
    assert s.ended == "2026-11-26T09:00:00+00:00"
    assert s.pauses == [["2026-11-26T08:40:00+00:00", "2026-11-26T09:00:00+00:00"]]
    assert elapsed(s, at(30)) == elapsed(s, at(500)) == mins(10)


def test_stop_stores_the_outcome_and_stopping_again_keeps_the_end():
    s = stop(started(), at(20), {"contacts": 2, "replies": 0, "meetings": 1, "note": ""})
    assert s.outcome["meetings"] == 1
    again = stop(s, at(90), dict(NOTHING))
    assert again.ended == s.ended and again.outcome == {}
    assert stop(again, at(99)).outcome == {}


# ----------------------------------------------------------------- clock backwards


def test_monotonic_now_never_goes_before_a_stored_instant():
    s = touch(pause(started(), at(10)), at(12))
    assert monotonic_now(s, at(5)) == at(12)
    assert monotonic_now(s, at(-60)) == at(12)
    assert monotonic_now(s, at(20)) == at(20)
    assert monotonic_now(s, at(20).astimezone(PARIS)).tzinfo == UTC


def test_clock_backwards_while_running_does_not_go_negative():
    s = started()
    assert elapsed(s, at(-30)) == timedelta()
    s = touch(s, at(10))
    assert elapsed(s, at(2)) == mins(10)  # the clock went back 8 minutes: time stands still


def test_clock_backwards_while_paused_does_not_double_time():
    s = pause(started(), at(10))
    s = resume(s, at(5))  # clock moved back: the pause is closed at its own start
    assert s.pauses[-1] == [s.pauses[-1][0], s.pauses[-1][0]]
    assert elapsed(s, at(10)) == mins(10)
    assert elapsed(s, at(15)) == mins(15)


def test_stop_with_clock_backwards_stops_at_latest_instant():
    s = stop(touch(started(), at(20)), at(3))
    assert s.ended == "2026-11-26T08:50:00+00:00"
    assert elapsed(s, at(100)) == mins(20)


# ----------------------------------------------------------------- DST


@pytest.mark.parametrize(
    ("start_utc", "end_utc"),
    [
        # autumn: 03:00 CEST -> 02:00 CET at 01:00 UTC on 25 Oct 2026
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
        # spring: 02:00 CET -> 03:00 CEST at 01:00 UTC on 29 Mar 2026
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    ],
)
def test_dst_switch_does_not_change_elapsed(start_utc, end_utc):
    start_local, end_local = start_utc.astimezone(PARIS), end_utc.astimezone(PARIS)
    s = start_session("LinkedIn", start_local, planned_minutes=90)
    assert s.started.endswith("+00:00")
    # the wall clock shows 0 or 2 hours between the two readings; real time is 1 hour
    assert elapsed(s, end_local) == elapsed(s, end_utc) == timedelta(hours=1)
    paused = resume(pause(s, start_local + timedelta(minutes=10)), end_local)
    assert elapsed(paused, end_utc) == mins(10)
    done = stop(s, end_local)
    assert done.ended == end_utc.isoformat()
    assert elapsed(done, end_utc + timedelta(days=3)) == timedelta(hours=1)


def test_session_crossing_autumn_fold_local_wall_times():
    # 02:30 CEST (first) to 02:30 CET (second): same wall time, one hour apart
    first = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS)
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS)
    s = start_session("LinkedIn", first)
    assert elapsed(s, second) == timedelta(hours=1)


# ----------------------------------------------------------------- properties

ACTIONS = st.sampled_from(["pause", "resume", "toggle", "extend+", "extend-", "touch", "mode"])
STEPS = st.lists(
    st.tuples(ACTIONS, st.integers(min_value=-600, max_value=3600)), max_size=25
)


def apply(s: FocusSession, action: str, now: datetime) -> FocusSession:
    return {
        "pause": lambda: pause(s, now),
        "resume": lambda: resume(s, now),
        "toggle": lambda: toggle(s, now),
        "extend+": lambda: extend(s, 5, now),
        "extend-": lambda: extend(s, -5, now),
        "touch": lambda: touch(s, now),
        "mode": lambda: cycle_mode(s),
    }[action]()


@FAST
@given(STEPS, st.integers(min_value=-600, max_value=3600))
def test_elapsed_is_never_negative_nor_more_than_wall_time(steps, probe):
    """Arbitrary key presses at arbitrary (also backwards-moving) instants."""
    s = started()
    now = T0
    for action, delta in steps:
        now = now + timedelta(seconds=delta)  # delta < 0: the clock moved back
        before = elapsed(s, now)
        s = apply(s, action, now)
        e = elapsed(s, now)
        assert e == before  # a key never adds or removes time at the instant it is pressed
        assert timedelta() <= e <= monotonic_now(s, now) - T0
        for pair in s.pauses:  # stored pauses are well formed and ordered
            assert pair[1] is None or pair[0] <= pair[1]
    later = now + timedelta(seconds=probe)
    e = elapsed(s, later)
    assert timedelta() <= e <= monotonic_now(s, later) - T0
    if probe >= 0:  # for one stored session, time never runs backwards
        assert e >= elapsed(s, now)
    assert elapsed(stop(s, later), later + timedelta(days=2)) == elapsed(s, later)


@FAST
@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
)
def test_pause_of_k_reduces_elapsed_by_exactly_k(before, k, after):
    s = started()
    paused_at = at(seconds=before)
    p = resume(pause(s, paused_at), paused_at + timedelta(seconds=k))
    probe = paused_at + timedelta(seconds=k + after)
    assert elapsed(s, probe) - elapsed(p, probe) == timedelta(seconds=k)


@FAST
@given(STEPS, st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_stopped_elapsed_stays_fixed(steps, g1, g2):
    s = started()
    now = T0
    for action, delta in steps:
        now += timedelta(seconds=delta)
        s = apply(s, action, now)
    done = stop(s, now)
    fixed = elapsed(done, now)
    assert elapsed(done, now + timedelta(seconds=g1)) == fixed
    assert elapsed(done, now + timedelta(seconds=g1 + g2)) == fixed
    assert elapsed(done, now - timedelta(seconds=g1)) == fixed


@FAST
@given(STEPS)
def test_session_round_trips_through_its_document(steps):
    s = started()
    now = T0
    for action, delta in steps:
        now += timedelta(seconds=delta)
        s = apply(s, action, now)
        back = FocusSession.from_doc(s.to_doc())
        assert back == s
        assert elapsed(back, now) == elapsed(s, now)


# ----------------------------------------------------------------- pomodoro


def phase(minutes: float, settings: Settings = SETTINGS) -> PomodoroPhase:
    return pomodoro_phase(started(mode="pomodoro", planned_minutes=240), at(minutes), settings)


@pytest.mark.parametrize(
    ("minute", "kind", "index", "phase_elapsed", "phase_remaining"),
    [
        (0, "work", 1, 0, 25),
        (24.99, "work", 1, 24.99, 0.01),
        (25, "break", 1, 0, 5),
        (29.5, "break", 1, 4.5, 0.5),
        (30, "work", 2, 0, 25),
        (55, "break", 2, 0, 5),
        (60, "work", 3, 0, 25),
        (85, "break", 3, 0, 5),
        (90, "work", 4, 0, 25),
        (115, "long break", 4, 0, 15),  # the 4th break is the long one
        (129, "long break", 4, 14, 1),
        (130, "work", 5, 0, 25),
        (155, "break", 5, 0, 5),
        (130 + 115, "long break", 8, 0, 15),
        (130 * 2, "work", 9, 0, 25),
        (130 * 2 + 115, "long break", 12, 0, 15),
    ],
)
def test_pomodoro_phase_boundaries(minute, kind, index, phase_elapsed, phase_remaining):
    p = phase(minute)
    assert (p.kind, p.index) == (kind, index)
    assert p.phase_elapsed == mins(phase_elapsed)
    assert p.phase_remaining == mins(phase_remaining)


def test_pomodoro_phase_is_frozen_by_a_pause():
    s = pause(started(mode="pomodoro"), at(20))
    s = resume(s, at(50))  # 30 paused minutes
    p = pomodoro_phase(s, at(55), SETTINGS)  # 25 active minutes
    assert (p.kind, p.index, p.phase_elapsed) == ("break", 1, timedelta())


def test_pomodoro_custom_settings_and_zero_break():
    custom = Settings(pomodoro_work=50, pomodoro_break=10, pomodoro_long_break=30,
                      pomodoro_long_every=2)
    assert phase(50, custom).kind == "break"
    assert (phase(110, custom).kind, phase(110, custom).index) == ("long break", 2)
    assert (phase(140, custom).kind, phase(140, custom).index) == ("work", 3)
    no_break = Settings(pomodoro_break=0, pomodoro_long_break=0, pomodoro_long_every=1)
    assert (phase(25, no_break).kind, phase(25, no_break).index) == ("work", 2)
    broken = Settings(pomodoro_work=0, pomodoro_long_every=0)
    assert phase(0, broken).kind == "work"  # nonsense settings do not crash


@FAST
@given(st.integers(min_value=0, max_value=10**6))
def test_pomodoro_phase_is_consistent(seconds):
    p = pomodoro_phase(started(mode="pomodoro"), at(seconds=seconds), SETTINGS)
    length = {"work": 25, "break": 5, "long break": 15}[p.kind]
    assert p.phase_elapsed + p.phase_remaining == mins(length)
    assert timedelta() <= p.phase_elapsed < mins(length)
    assert (p.kind == "long break") == (p.index % 4 == 0 and p.kind != "work")
    assert p.index >= 1


# ----------------------------------------------------------------- idle


def test_idle_tail_after_idle_minutes():
    s = touch(started(), at(30))
    assert idle_tail(s, at(30 + 120), SETTINGS) is None  # exactly the limit: not yet
    assert idle_tail(s, at(30 + 121), SETTINGS) == mins(121)
    assert idle_tail(touch(s, at(100)), at(30 + 121), SETTINGS) is None


def test_idle_counts_from_start_or_last_resume():
    s = started()
    assert idle_tail(s, at(121), SETTINGS) == mins(121)
    s = resume(pause(s, at(10)), at(200))
    assert idle_tail(s, at(250), SETTINGS) is None
    assert idle_tail(s.replace(last_key=None), at(321), SETTINGS) == mins(121)


def test_paused_or_stopped_sessions_are_never_idle():
    assert idle_tail(pause(started(), at(5)), at(900), SETTINGS) is None
    assert idle_tail(stop(started(), at(5)), at(900), SETTINGS) is None
    assert idle_tail(started(), at(900), Settings(idle_minutes=0)) is None


def test_idle_with_the_clock_moved_back():
    s = touch(started(), at(30))
    assert idle_tail(s, at(-500), SETTINGS) is None


def test_trim_idle_stops_at_the_last_activity():
    s = touch(pause(started(), at(10)), at(12))
    s = touch(resume(s, at(20)), at(40))
    assert last_activity(s) == at(40)
    trimmed = trim_idle(s, at(400), SETTINGS)
    assert trimmed.ended == at(40).isoformat()
    assert elapsed(trimmed, at(400)) == mins(30)
    assert idle_tail(trimmed, at(500), SETTINGS) is None


def test_trim_idle_on_paused_and_stopped():
    p = trim_idle(pause(started(), at(10)), at(400), SETTINGS)
    assert not p.running and elapsed(p, at(999)) == mins(10)
    done = stop(started(), at(10))
    assert trim_idle(done, at(400), SETTINGS).to_doc() == done.to_doc()


# ----------------------------------------------------------------- overrun


def test_overrun_and_far_past_plan():
    s = started(planned_minutes=30)
    assert overrun(s, at(29), SETTINGS) == timedelta()
    assert overrun(s, at(30), SETTINGS) == timedelta()
    assert overrun(s, at(44), SETTINGS) == mins(14)
    assert not is_far_past_plan(s, at(44), SETTINGS)
    assert is_far_past_plan(s, at(45), SETTINGS)
    assert overrun(s.replace(mode="pomodoro"), at(50), SETTINGS) == mins(20)
    assert overrun(s.replace(mode="count-up"), at(500), SETTINGS) == timedelta()
    assert not is_far_past_plan(s.replace(mode="count-up"), at(500), SETTINGS)
    zero = Settings(overrun_minutes=0)
    assert not is_far_past_plan(s, at(30), zero)
    assert is_far_past_plan(s, at(30, seconds=1), zero)


def test_overrun_ignores_paused_time():
    s = resume(pause(started(planned_minutes=30), at(10)), at(40))
    assert overrun(s, at(55), SETTINGS) == timedelta()  # 25 active minutes
    assert overrun(s, at(65), SETTINGS) == mins(5)
    assert not is_far_past_plan(s, at(74), SETTINGS)
    assert is_far_past_plan(s, at(75), SETTINGS)


# ----------------------------------------------------------------- after the fact


def test_add_past_session_from_local_time():
    now = at(120)  # 11:30 Paris
    start = datetime(2026, 11, 26, 9, 10, tzinfo=PARIS)
    s = add_past_session("LinkedIn", start, 45, now, block_id=4, contact_id=2)
    assert s.started == "2026-11-26T08:10:00+00:00"
    assert s.ended == "2026-11-26T08:55:00+00:00"
    assert (s.planned_minutes, s.mode, s.block_id, s.contact_id) == (45, "countdown", 4, 2)
    assert not s.running and s.outcome is None
    assert elapsed(s, now) == mins(45) and overrun(s, now, SETTINGS) == timedelta()


def test_add_past_session_naive_start_uses_the_given_zone():
    s = add_past_session("LinkedIn", datetime(2026, 11, 26, 9, 10), 30, at(120), tz=PARIS)
    assert s.started == "2026-11-26T08:10:00+00:00"


def test_add_past_session_may_end_exactly_now():
    s = add_past_session("LinkedIn", at(-30), 30, at())
    assert s.ended == T0.isoformat()


@pytest.mark.parametrize(
    ("channel", "start", "minutes", "fields"),
    [
        ("", at(-60), 30, {"channel"}),
        ("LinkedIn", at(1), 30, {"start"}),
        ("LinkedIn", at(-60), 0, {"minutes"}),
        ("LinkedIn", at(-60 * 30), 24 * 60 + 1, {"minutes"}),
        ("LinkedIn", at(-20), 30, {"minutes"}),
        ("", at(5), -1, {"channel", "start", "minutes"}),
    ],
)
def test_add_past_session_refuses(channel, start, minutes, fields):
    with pytest.raises(ValidationError) as info:
        add_past_session(channel, start, minutes, at())
    assert set(info.value.errors) == fields


def test_add_past_session_end_after_now_names_the_local_end():
    with pytest.raises(ValidationError) as info:
        add_past_session("LinkedIn", at(-20).astimezone(PARIS), 30, at())
    assert "09:40" in info.value.errors["minutes"]


def test_correct_session_moves_and_resizes_as_one_span():
    s = stop(resume(pause(started(), at(10)), at(20)), at(40))  # 30 active minutes
    moved = correct_session(s, started=at(-60))
    assert moved.started == at(-60).isoformat() and moved.ended == at(-30).isoformat()
    assert moved.pauses == [] and elapsed(moved, at(500)) == mins(30)
    resized = correct_session(s, minutes=45)
    assert resized.started == s.started and elapsed(resized, at(500)) == mins(45)
    both = correct_session(s, started=datetime(2026, 11, 26, 8, 0), minutes=20, tz=PARIS)
    assert both.started == "2026-11-26T07:00:00+00:00"
    assert both.ended == "2026-11-26T07:20:00+00:00"
    assert s.pauses  # the argument is untouched


def test_correct_session_refusals():
    with pytest.raises(ValueError, match="stop"):
        correct_session(started(), minutes=5)
    s = stop(started(), at(30))
    with pytest.raises(ValidationError) as info:
        correct_session(s, minutes=0)
    assert set(info.value.errors) == {"minutes"}
    with pytest.raises(ValidationError) as info:
        correct_session(s, started=at(60), now=at(40))
    assert set(info.value.errors) == {"start"}
    with pytest.raises(ValidationError) as info:
        correct_session(s, minutes=50, now=at(40))
    assert set(info.value.errors) == {"minutes"}
    assert correct_session(s, minutes=40, now=at(40)).ended == at(40).isoformat()


# ----------------------------------------------------------------- outcome


def test_validate_outcome_parses_numbers_and_note():
    assert validate_outcome(" 3", "", "1 ", "  booked a call ") == {
        "contacts": 3, "replies": 0, "meetings": 1, "note": "booked a call",
    }
    assert validate_outcome("", "", "", "") == {
        "contacts": 0, "replies": 0, "meetings": 0, "note": "",
    }
    assert validate_outcome("999", "007", "0", "x" * 500)["replies"] == 7
    assert NOTHING == {}


def test_validate_outcome_lists_every_bad_field():
    with pytest.raises(ValidationError) as info:
        validate_outcome("-1", "2.5", "1000", "x" * 501)
    assert set(info.value.errors) == {"contacts", "replies", "meetings", "note"}
    with pytest.raises(ValidationError) as info:
        validate_outcome("three", "²", "1e3", "a\x1b[31mb")
    assert set(info.value.errors) == {"contacts", "replies", "meetings", "note"}
    with pytest.raises(ValidationError) as info:
        validate_outcome("1", "1", "1", "line\nbreak")
    assert set(info.value.errors) == {"note"}
