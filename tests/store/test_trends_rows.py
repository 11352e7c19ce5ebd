"""Property: the trends are the weekly reports, week by week and channel by channel,
whether from the repository in use or from the file opened read-only as `prize
trends` opens it, in any zone;
and each meeting record counts as booked once, in the week it was booked."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.report import channel_rows
from tui.model.sessions import FocusSession
from tui.model.week_dates import iso_week_label
from tui.store import Repository
from tui.store.trend_queries import trends_for, week_starts

ZONES = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "UTC"]
LAST = date(2027, 1, 6)  # the span crosses the turn of the year (2026 has 53 ISO weeks)
WEEKS = 4
FIRST = week_starts(LAST, WEEKS)[0]
NOW = datetime(2027, 1, 6, 12, 0, tzinfo=UTC)

minutes_in = st.integers(-3 * 24 * 60, (WEEKS * 7 + 3) * 24 * 60)  # a little beyond the span


def instant(offset_minutes: int) -> datetime:
    return datetime.combine(FIRST, datetime.min.time(), UTC) + timedelta(minutes=offset_minutes)


sessions = st.lists(st.builds(
    lambda channel, at, length, c, r, m: FocusSession(
        channel=channel, started=instant(at).isoformat(),
        ended=instant(at + length).isoformat(),
        outcome={"contacts": c, "replies": r, "meetings": m}),
    st.sampled_from(["LinkedIn", "In person", "Email", "My own channel"]), minutes_in,
    st.integers(1, 600), st.integers(0, 4), st.integers(0, 2), st.integers(0, 1)), max_size=25)
meetings = st.lists(st.builds(
    lambda at, before, zone_name: Meeting(
        at=instant(at).astimezone(tz.gettz(zone_name)).isoformat(),
        booked="" if before is None else instant(at - before).isoformat()),
    minutes_in, st.none() | st.integers(0, 40 * 24 * 60), st.sampled_from(ZONES)), max_size=15)
talks = st.lists(st.tuples(minutes_in, st.sampled_from(["call", "message", "video", "email"])),
                 max_size=15)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(work=sessions, booked=meetings, talked=talks, zone_name=st.sampled_from(ZONES))
def test_trends_rows_are_the_weekly_reports(tmp_path, work, booked, talked, zone_name):
    zone = tz.gettz(zone_name)
    path = tmp_path / f"{uuid.uuid4().hex}.json"
    repo = Repository.open(path, backup_days=0)
    try:
        ann = repo.contacts.add(Contact(name="Ann", created="2026-12-20"))
        repo.sessions.add_many(work)
        repo.meetings.add_many([m.replace(contact_id=ann.id) for m in booked])
        repo.interactions.add_many([Interaction(contact_id=ann.id, at=instant(t).isoformat(),
                                                kind=k) for t, k in talked])
        repo.flush()
        whole = trends_for(repo, LAST, WEEKS, tz=zone, now=NOW)
        read = trends_for(Repository.open_read_only(path), LAST, WEEKS, tz=zone, now=NOW)
        assert read == whole
        from tui.store.queries import metrics_for

        reports = [metrics_for(repo, start, 7, tz=zone, now=NOW)
                   for start in week_starts(LAST, WEEKS)]
    finally:
        repo.close()
    for m, week in zip(reports, whole.weeks, strict=True):
        assert week.week == iso_week_label(m.start)
        mine = [r for r in whole.rows if r.week == week.week]
        assert [{k: v for k, v in vars(r).items() if k != "week"} for r in mine] == channel_rows(m)
        assert (week.spent_minutes, week.meetings_booked) == (m.spent_minutes, m.meetings_booked)
    for step, field in zip(whole.funnel, ("contacts_reached", "replies", "conversations",
                                          "meetings_booked", "meetings_held"), strict=True):
        assert step.count == sum(getattr(m, field) for m in reports)
    spent = {c.channel: c.spent_minutes for c in whole.channels}
    assert spent == {ch: sum(r.spent_minutes for r in whole.rows if r.channel == ch)
                     for ch in spent}
    # With no meeting told at a session, each record is booked once, in its week.
    if not any(s.outcome["meetings"] for s in work):
        start = datetime.combine(FIRST, datetime.min.time(), zone)
        end = start + timedelta(weeks=WEEKS)
        inside = sum(start <= datetime.fromisoformat(m.booked_at).astimezone(zone) < end
                     for m in booked)
        assert sum(whole.meetings_by_week) == inside
