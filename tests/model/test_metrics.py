"""Tests for tui.model.metrics and tui.model.verdict, with hand-computed figures, and for
the follow-ups (tui.model.contacts) and text charts (tui.model.text_charts) the review shows."""

import random
import time as clock
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import (
    Contact,
    Interaction,
    Meeting,
    due_date,
    followups,
    last_interaction_dates,
)
from tui.model.metrics import period_metrics, period_records
from tui.model.period_figures import BlockCounts
from tui.model.plan import WeekGoals
from tui.model.recurrence import build_rrule
from tui.model.sessions import FocusSession
from tui.model.text_charts import bar, sparkline
from tui.model.verdict import verdict

PARIS = tz.gettz("Europe/Paris")
MON = date(2026, 11, 23)  # ISO week 2026-W48
SUNDAY_NIGHT = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)  # 23:00 in Paris


def local(d: date, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(d.year, d.month, d.day, h, m, tzinfo=PARIS)


def day(n: int) -> date:
    return MON + timedelta(days=n)


def session(channel, start: datetime, minutes, outcome=None, *, pauses=(), running=False,
            **extra) -> FocusSession:
    start = start.astimezone(UTC)
    paused = sum(p for _, p in pauses)
    end = start + timedelta(minutes=minutes + paused)
    pairs = [[(start + timedelta(minutes=at)).isoformat(),
              (start + timedelta(minutes=at + p)).isoformat()] for at, p in pauses]
    return FocusSession(channel=channel, started=start.isoformat(), pauses=pairs,
                        ended=None if running else end.isoformat(), outcome=outcome, **extra)


def figures(start=MON, days=7, *, blocks=(), marks=(), sessions=(), interactions=(),
            meetings=(), contacts=(), goals=None, now=SUNDAY_NIGHT, zone=PARIS):
    return period_metrics(start, days, blocks=list(blocks), marks=list(marks),
                          sessions=list(sessions), interactions=list(interactions),
                          meetings=list(meetings), contacts=list(contacts), goals=goals,
                          tz=zone, now=now)


def week_goals(budgets=None, **goals) -> WeekGoals:
    return WeekGoals(week="2026-W48", budgets=budgets or {}, goals=goals)


# -- rule 1: nothing at all ---------------------------------------------------------------


def test_empty_week_says_plan_the_first_block():
    m = figures(goals=week_goals({"LinkedIn": 300}, meetings=2))
    assert (m.spent_minutes, m.planned_minutes, m.networking_minutes) == (0, 0, 0)
    assert m.daily_spent == [0] * 7 and m.dates[0] == MON and m.end == day(6)
    assert m.blocks == BlockCounts() and m.goals["meetings"].goal == 2
    assert m.channels["LinkedIn"].budget_minutes == 300
    assert m.channels["LinkedIn"].results_per_hour is None
    v = verdict(m, day=False)
    assert v.rule == "empty" and v.reasons == []
    assert v.headline == "Nothing planned or logged yet: plan the week's first block."
    d = verdict(figures(day(3), 1), day=True)
    assert d.headline == "Nothing planned or logged yet: plan today's first block."


# -- rule 2: busy, not productive ----------------------------------------------------------


def test_five_hours_of_linkedin_and_no_meeting_is_busy_not_productive():
    plan = [Block(id=1, channel="LinkedIn", day=MON.isoformat(), start="09:00", minutes=60,
                  rrule=build_rrule([0, 1, 2, 3]))]  # 4 h planned Mon–Thu
    work = [session("LinkedIn", local(day(i), "09:00"), 60, {}) for i in range(5)]
    work.append(session("Research", local(day(2), "14:00"), 45, {}))
    m = figures(blocks=plan, sessions=work)
    li = m.channels["LinkedIn"]
    assert (li.planned_minutes, li.spent_minutes, li.overrun_minutes) == (240, 300, 60)
    assert (li.results, li.results_per_hour) == (0, 0.0)
    assert m.networking_minutes == 300 and m.spent_minutes == 345
    assert m.blocks == BlockCounts(open=4)
    v = verdict(m, day=False)
    assert v.rule == "busy"
    assert v.headline == "Busy, not productive: 5h on LinkedIn and no meeting or conversation."
    assert v.reasons == [
        "5h networking online (LinkedIn 5h), no meeting booked and no conversation held.",
        "0 contacts reached in 5h online (0.0 an hour; aim for at least 1).",
    ]


def test_busy_names_the_networking_channel_that_took_the_most_time():
    work = [session("Facebook", local(day(0), "09:00"), 50, {}),
            session("X/Twitter", local(day(1), "09:00"), 80, {}),
            session("Research", local(day(1), "11:00"), 300, {})]
    v = verdict(figures(sessions=work), day=False)
    assert v.headline == "Busy, not productive: 1h20 on X/Twitter and no meeting or conversation."


def test_one_call_is_enough_to_not_be_busy_and_the_day_threshold_is_one_hour():
    work = [session("LinkedIn", local(day(1), "09:00"), 70, {"contacts": 2})]
    m = figures(day(1), 1, sessions=work)
    assert verdict(m, day=True).headline.startswith("Busy, not productive: 1h10 on LinkedIn")
    call = Interaction(contact_id=5, at=local(day(1), "16:00").isoformat(), kind="call")
    m = figures(day(1), 1, sessions=work, interactions=[call])
    assert m.conversations == 1
    v = verdict(m, day=True)
    assert v.rule == "success"
    assert v.headline == "Productive day: 1 conversation, 2 contacts reached."


# -- rule 3: over budget ---------------------------------------------------------------------


def test_a_channel_over_its_budget_is_named_with_the_excess():
    work = [session("LinkedIn", local(day(i), "09:00"), 78, {"contacts": 3, "meetings": 0})
            for i in range(5)]  # 6h30
    work.append(session("Email", local(day(0), "15:00"), 30, {"replies": 1, "meetings": 1}))
    m = figures(sessions=work, goals=week_goals({"LinkedIn": 300, "Email": 60}, meetings=2))
    li = m.channels["LinkedIn"]
    assert (li.spent_minutes, li.budget_minutes, li.over_budget_minutes) == (390, 300, 90)
    assert li.results == 15 and li.results_per_hour == pytest.approx(15 / 6.5)
    assert m.channels["Email"].over_budget_minutes == 0
    assert (m.meetings_reported, m.meetings_booked, m.replies) == (1, 1, 1)
    v = verdict(m, day=False)
    assert (v.rule, v.headline) == ("budget", "Over budget on LinkedIn by 1h30.")
    assert v.reasons == ["LinkedIn over budget by 1h30 (6h30 of 5h).", "Meetings booked: 1 of 2."]


def test_two_channels_over_budget_are_listed_biggest_first():
    work = [session("Facebook", local(day(0), "09:00"), 90, {"contacts": 3}),
            session("Email", local(day(1), "09:00"), 100, {"meetings": 1})]
    v = verdict(figures(sessions=work, goals=week_goals({"Facebook": 60, "Email": 30})),
                day=False)
    assert v.headline == "Over budget on 2 channels: Email, Facebook."
    assert v.reasons[:2] == ["Email over budget by 1h10 (1h40 of 30m).",
                             "Facebook over budget by 30m (1h30 of 1h)."]


# -- rule 5: goals met ---------------------------------------------------------------------


def test_a_productive_week_meets_every_goal():
    blocks = [Block(id=1, channel="Articles & comments", day=day(2).isoformat(), minutes=60),
              Block(id=2, channel="Applications", day=day(3).isoformat(), minutes=90),
              Block(id=3, channel="Applications", day=day(4).isoformat(), minutes=60),
              Block(id=4, channel="Research", day=day(4).isoformat(), start="14:00"),
              Block(id=5, channel="Research", day=day(5).isoformat())]
    marks = [BlockMark(block_id=1, day=day(2).isoformat(), state="done"),
             BlockMark(block_id=2, day=day(3).isoformat(), state="done"),
             BlockMark(block_id=3, day=day(4).isoformat(), state="done"),
             BlockMark(block_id=4, day=day(4).isoformat(), state="missed"),
             BlockMark(block_id=9, day=day(4).isoformat(), state="done")]  # no such block
    work = [session("LinkedIn", local(day(0), "10:00"), 120,
                    {"contacts": 4, "replies": 2, "meetings": 1, "note": ""}),
            session("Applications", local(day(3), "09:00"), 90, {"applications": 2},
                    block_id=2, block_day=day(3).isoformat())]
    meetings = [Meeting(contact_id=1, at=local(day(1), "11:00").isoformat()),
                Meeting(contact_id=2, at=local(day(4), "15:00").isoformat(), kind="phone"),
                Meeting(contact_id=3, at=local(day(6), "23:30").isoformat()),  # after now
                Meeting(contact_id=4, at=local(day(7), "10:00").isoformat())]  # next week
    talks = [Interaction(contact_id=1, at=local(day(1), "11:05").isoformat(), kind="video"),
             Interaction(contact_id=3, at=local(day(2), "17:00").isoformat(), kind="call"),
             Interaction(contact_id=3, at=local(day(2), "18:00").isoformat(), kind="message")]
    people = [Contact(id=i, name=f"P{i}", created=c) for i, c in
              enumerate(["2026-11-20", "2026-11-23", "2026-11-25", "2026-11-29",
                         "2026-11-30", ""], 1)]
    goals = week_goals(meetings=2, contacts=3, conversations=3, articles=1, applications=3)
    m = figures(blocks=blocks, marks=marks, sessions=work, interactions=talks,
                meetings=meetings, contacts=people, goals=goals)
    assert (m.meetings_scheduled, m.meetings_reported, m.meetings_booked) == (3, 1, 3)
    assert m.meetings_held == 2
    assert m.conversations == 3  # video + call + the Friday meeting (Tuesday's counted once)
    assert m.new_contacts == 3
    assert (m.articles, m.applications) == (1, 3)  # 2 reported + Friday's block without one
    assert m.blocks == BlockCounts(done=3, missed=1, open=1)
    assert m.contacts_reached == 4 and m.replies == 2
    assert {k: g.actual for k, g in m.goals.items()} == {
        "meetings": 3, "contacts": 3, "conversations": 3, "articles": 1, "applications": 3,
        "decision_makers": 0}  # (the roles are counted by role_figures, with the contacts)
    assert all(g.met for g in m.goals.values() if g.goal is not None)
    v = verdict(m, day=False)
    assert (v.rule, v.headline) == ("success", "Productive: every goal met this week.")
    assert v.reasons[0].startswith("Goals met: meetings booked 3 of 2; new targeted contacts")


def test_meetings_goal_met_but_others_behind_is_on_track():
    meetings = [Meeting(contact_id=1, at=local(day(1), "11:00").isoformat())]
    v = verdict(figures(meetings=meetings, goals=week_goals(meetings=1, conversations=4)),
                day=False)
    assert (v.rule, v.headline) == ("success", "On track: 1 meeting booked (goal 1).")
    assert v.reasons == ["Conversations: 1 of 4."]


# -- rule 6 and the fallback -----------------------------------------------------------------


def test_missed_blocks_and_behind_on_meetings():
    blocks = [Block(id=i, channel="Research", day=day(i).isoformat(), minutes=30)
              for i in range(1, 5)]
    marks = [BlockMark(block_id=i, day=day(i).isoformat(), state=s)
             for i, s in ((1, "missed"), (2, "missed"), (3, "partly"))]
    m = figures(blocks=blocks, marks=marks, goals=week_goals(meetings=2, articles=1))
    assert m.blocks == BlockCounts(partly=1, missed=2, open=1)
    v = verdict(m, day=False)
    assert (v.rule, v.headline) == ("missed", "Plan slipping: 2 of 3 blocks missed.")
    assert v.reasons == ["2 of 3 blocks missed.", "Meetings booked: 0 of 2.",
                         "Articles or comments: 0 of 1."]
    m = figures(blocks=blocks, marks=marks[2:], goals=week_goals(meetings=2))
    assert verdict(m, day=False).headline == "Behind on meetings: 0 of 2 booked."
    assert verdict(figures(day(3), 1, blocks=blocks), day=True).headline == (
        "No meeting or conversation yet today.")


def test_low_yield_is_named_when_online_time_reaches_few_people():
    work = [session("LinkedIn", local(day(0), "09:00"), 90, {"contacts": 1, "meetings": 1})]
    v = verdict(figures(sessions=work), day=False)
    assert (v.rule, v.headline) == ("yield", "Low yield: 0.7 contacts reached per hour online.")
    assert v.reasons == ["1 contact reached in 1h30 online (0.7 an hour; aim for at least 1)."]


# -- time: DST, midnight, pauses, running sessions ----------------------------------------


def test_a_session_over_the_autumn_dst_change_counts_real_elapsed_time():
    sunday = date(2026, 10, 25)  # 03:00 CEST becomes 02:00 CET
    start = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)  # 01:30 CEST
    end = datetime(2026, 10, 25, 2, 30, tzinfo=UTC)  # 03:30 CET
    assert start.astimezone(PARIS).strftime("%H:%M %Z") == "01:30 CEST"
    assert end.astimezone(PARIS).strftime("%H:%M %Z") == "03:30 CET"
    s = FocusSession(channel="LinkedIn", started=start.isoformat(), ended=end.isoformat(),
                     outcome={"contacts": 3})
    now = datetime(2026, 10, 26, 12, tzinfo=UTC)
    week = figures(date(2026, 10, 19), 7, sessions=[s], now=now)
    assert week.spent_minutes == 180 and week.daily_spent == [0] * 6 + [180]
    assert week.daily_results == [0] * 6 + [3]
    one = figures(sunday, 1, sessions=[s], now=now)
    assert one.spent_minutes == 180 and one.channels["LinkedIn"].results_per_hour == 1.0
    # 23:30–00:30 CET across the next midnight: half on each day.
    late = session("Email", datetime(2026, 10, 25, 23, 30, tzinfo=PARIS), 60)
    split = figures(date(2026, 10, 25), 2, sessions=[late], now=now)
    assert split.daily_spent == [30, 30]
    assert figures(date(2026, 10, 26), 1, sessions=[late], now=now).spent_minutes == 30


def test_per_day_series_pauses_and_a_running_session():
    now = local(day(3), "10:30").astimezone(UTC)
    work = [session("LinkedIn", local(day(0), "09:00"), 60, {"contacts": 2, "replies": 1}),
            session("Email", local(day(2), "14:00"), 45, {"contacts": 1}, pauses=[(20, 15)]),
            session("Phone", local(day(3), "10:00"), 0, running=True),
            session("Research", local(day(-1), "23:45"), 30, {"contacts": 9})]  # starts before
    call = Interaction(contact_id=1, at=local(day(2), "16:00").isoformat(), kind="call")
    m = figures(sessions=work, interactions=[call], now=now)
    assert m.daily_spent == [75, 0, 45, 30, 0, 0, 0]  # Monday: 60 + research after midnight
    assert m.daily_results == [3, 0, 2, 0, 0, 0, 0]  # Sunday's research results stay Sunday's
    assert m.channels["Email"].spent_minutes == 45
    assert m.channels["Phone"].spent_minutes == 30 and m.channels["Research"].results == 0
    assert m.channels["Research"].spent_minutes == 15
    assert sparkline(m.daily_spent) == "█▁▆▄▁▁▁"
    exact = work[1].elapsed(now).total_seconds() / 60
    assert exact == 45


def test_damaged_records_are_left_out_not_fatal():
    bad = FocusSession(channel="LinkedIn", started="2026-11-24T09:00:00+00:00",
                       ended="not a time")
    odd = Interaction(contact_id=1, at="2026-11-24Tnope", kind="call")
    broken_pause = session("Email", local(day(1), "09:00"), 30, {"contacts": 4})
    broken_pause.pauses = [["2026-11-24T09:10:00+00:00"]]
    m = figures(sessions=[bad, broken_pause], interactions=[odd],
                meetings=[Meeting(contact_id=None, at="2026-11-24 garbage")])
    assert (m.spent_minutes, m.conversations, m.meetings_booked) == (0, 0, 0)
    assert m.contacts_reached == 0


def test_a_session_logged_afterwards_with_no_duration_still_counts_its_results():
    s = session("Phone", local(day(2), "10:00"), 0, {"contacts": 1, "meetings": 1})
    m = figures(sessions=[s])
    assert (m.spent_minutes, m.contacts_reached, m.meetings_booked) == (0, 1, 1)
    assert m.channels["Phone"].results_per_hour is None and m.daily_results[2] == 2


# -- follow-ups, sparkline, bar --------------------------------------------------------------


def test_followups_split_overdue_and_today_sorted():
    today = date(2026, 11, 26)
    people = [Contact(id=1, name="zoe", follow_up="2026-11-20"),
              Contact(id=2, name="Adam", follow_up="2026-11-20"),
              Contact(id=3, name="Bea", follow_up="2026-11-26"),
              Contact(id=4, name="Carl", follow_up="2026-11-27"),
              Contact(id=5, name="Dan"),
              Contact(id=6, name="Eve", cadence_days=7, created="2026-11-01"),
              Contact(id=7, name="Fay", cadence_days=7, created="2026-11-01"),
              Contact(id=8, name="Gus", cadence_days=7)]
    talks = [Interaction(contact_id=6, at="2026-11-18T23:30:00+00:00"),  # 19 Nov in Paris
             Interaction(contact_id=6, at="2026-11-10T10:00:00+01:00"),
             Interaction(contact_id=7, at="2026-11-25T09:00:00-05:00"),
             Interaction(contact_id=8, at="2024-03-30T23:30:00+00:00")]  # 31 Mar in Paris
    overdue, due = followups(people, last_interaction_dates(talks, PARIS), today)
    assert [(d.isoformat(), c.name) for d, c in overdue] == [
        ("2024-04-07", "Gus"), ("2026-11-20", "Adam"), ("2026-11-20", "zoe")]
    assert [(d.isoformat(), c.name) for d, c in due] == [("2026-11-26", "Bea"),
                                                         ("2026-11-26", "Eve")]
    # Without a zone: the machine's (Paris in tests), same as last_interaction_dates.
    assert followups(people, last_interaction_dates(talks), today) == (overdue, due)
    assert last_interaction_dates(talks)[6] == date(2026, 11, 19)


@pytest.mark.parametrize(("values", "expected"), [
    ([], ""), ([0, 0, 0], "▁▁▁"), ([5], "█"), ([0, 1, 100], "▁▂█"),
    ([0, 1, 2, 3, 4, 5, 6], "▁▃▄▅▆▇█"), ([-3, 2, 4], "▁▅█"), ([10, 50, 100], "▃▅█"),
])
def test_sparkline(values, expected):
    assert sparkline(values) == expected


@pytest.mark.parametrize(("args", "expected"), [
    ((0, 10, 5), "░░░░░"), ((5, 10, 4), "██░░"), ((10, 10, 3), "███"), ((15, 10, 3), "███"),
    ((0.1, 100, 5), "█░░░░"), ((3, 0, 3), "░░░"), ((1, 1, 0), ""), ((-2, 5, 2), "░░"),
])
def test_bar(args, expected):
    assert bar(*args) == expected


# -- a year of data ----------------------------------------------------------------------


def test_a_week_of_a_year_sized_store_is_fast():
    r = random.Random(7)
    first = date(2026, 1, 5)
    base = datetime(2026, 1, 5, 7, tzinfo=UTC)
    contacts = [Contact(id=i, name=f"Person {i}", cadence_days=r.choice((None, 7, 14)),
                        follow_up=(first + timedelta(r.randrange(364))).isoformat()
                        if r.random() < .2 else None,
                        created=(first + timedelta(r.randrange(364))).isoformat())
                for i in range(1, 10_001)]
    offsets = [timedelta(hours=h) for h in (-5, 0, 1, 2)]
    interactions = [Interaction(contact_id=i, at=f"2024-0{i}-28T23:30:00+00:00")
                    for i in range(1, 10)]  # long ago: outside the bisected span
    interactions += [Interaction(
        contact_id=r.randrange(1, 10_001), kind=r.choice(("message", "call", "video", "email")),
        at=(base + timedelta(minutes=r.randrange(364 * 1440))).astimezone(
            tz.tzoffset(None, r.choice(offsets))).isoformat()) for _ in range(20_000)]
    blocks = [Block(id=i, channel=r.choice(("LinkedIn", "Email", "Applications", "Research")),
                    day=(first + timedelta(r.randrange(364))).isoformat(),
                    start=f"{r.randrange(8, 17):02d}:00", minutes=r.choice((30, 60, 90)))
              for i in range(1, 598)]
    blocks += [Block(id=600 + i, channel="LinkedIn", day=first.isoformat(),
                     rrule=build_rrule([i, i + 2])) for i in range(3)]
    marks = [BlockMark(block_id=b.id, day=b.day, state=r.choice(("done", "partly", "missed")))
             for b in blocks[:500]]
    sessions = [session(r.choice(("LinkedIn", "Email", "Phone")),
                        base + timedelta(minutes=r.randrange(364 * 1440)), r.randrange(10, 120),
                        {"contacts": r.randrange(5), "replies": r.randrange(3)})
                for _ in range(500)]
    meetings = [Meeting(contact_id=r.randrange(1, 10_001),
                        at=(base + timedelta(minutes=r.randrange(364 * 1440))).isoformat())
                for _ in range(300)]
    week = date(2026, 11, 23)
    now = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    t0 = clock.perf_counter()
    m = figures(week, 7, blocks=blocks, marks=marks, sessions=sessions,
                interactions=interactions, meetings=meetings, contacts=contacts,
                goals=week_goals({"LinkedIn": 300}, meetings=2), now=now)
    v = verdict(m, day=False)
    t1 = clock.perf_counter()
    overdue, due = followups(contacts, last_interaction_dates(interactions, PARIS), now.date())
    t2 = clock.perf_counter()
    seen = last_interaction_dates(interactions)  # the machine's zone is Paris in tests
    expected = sorted((d, c.id) for c in contacts
                      if (d := due_date(c, seen.get(c.id))) and d <= now.date())
    assert sorted((d, c.id) for d, c in overdue + due) == expected
    print(f"\nweek metrics + verdict: {(t1 - t0) * 1000:.1f} ms; "
          f"follow-ups over 10k contacts / 20k interactions: {(t2 - t1) * 1000:.1f} ms")
    assert m.spent_minutes > 0 and v.headline and overdue
    assert t1 - t0 < 1.0 and t2 - t1 < 1.0


def test_spent_time_agrees_with_the_sessions_own_elapsed_time():
    now = local(day(2), "12:00").astimezone(UTC)
    paused = session("LinkedIn", local(day(1), "09:00"), 50, {}, pauses=[(10, 5), (30, 20)])
    running = session("Email", local(day(2), "11:00"), 0, running=True)
    running.pauses = [[local(day(2), "11:40").astimezone(UTC).isoformat(), None]]  # paused now
    for s in (paused, running):
        m = figures(sessions=[s], now=now)
        assert m.spent_minutes == round(s.elapsed(now).total_seconds() / 60)
    assert figures(sessions=[running], now=now).spent_minutes == 40


_instant = st.builds(lambda minutes, hours: (datetime(2026, 11, 16, tzinfo=UTC) + timedelta(
    minutes=minutes)).astimezone(tz.tzoffset(None, hours * 3600)).isoformat(),
    st.integers(0, 28 * 1440), st.sampled_from([-10, -5, 0, 1, 2, 12, 14]))


@settings(max_examples=80, deadline=None)
@given(talks=st.lists(st.tuples(st.integers(1, 4), _instant, st.sampled_from(
           ["call", "video", "message", "in person"])), max_size=12),
       meetings=st.lists(st.tuples(st.integers(1, 4), _instant, _instant), max_size=8),
       marks=st.lists(st.integers(0, 27), max_size=6),
       created=st.lists(st.integers(0, 27), max_size=6), week=st.integers(0, 3),
       zone=st.sampled_from([PARIS, tz.gettz("Pacific/Kiritimati"), tz.gettz("America/Adak")]))
def test_each_week_given_its_own_records_has_the_figures_of_the_whole_span(
        talks, meetings, marks, created, week, zone):
    """The trends pass each week only its records (period_records): the figures
    must be those of the whole span's lists."""
    first = date(2026, 11, 16)
    block = Block(id=1, channel="LinkedIn", day=first.isoformat(), start="09:00", minutes=60,
                  rrule=build_rrule([0, 2, 4]))
    records = dict(
        blocks=[block], sessions=[session("LinkedIn", local(first, "09:00"), 30)],
        marks=[BlockMark(block_id=1, day=(first + timedelta(d)).isoformat(), state="done")
               for d in marks],
        interactions=[Interaction(contact_id=c, at=at, kind=k) for c, at, k in talks],
        meetings=[Meeting(contact_id=c, at=at, booked=booked) for c, at, booked in meetings],
        contacts=[Contact(name="N", created=(first + timedelta(d)).isoformat()) for d in created])
    start, now = first + timedelta(weeks=week), datetime(2026, 12, 1, 12, tzinfo=UTC)
    whole = period_metrics(start, 7, **records, goals=None, tz=zone, now=now)
    own = period_metrics(start, 7, **period_records(records, start, 7), goals=None, tz=zone,
                         now=now)
    assert own == whole
