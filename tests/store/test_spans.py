"""The review, the report and the trends read a period's records through day
indexes (spans.py); their figures equal those worked out from whole tables,
including the records a span could miss: a repeating block begun long before,
a session running across days, a block timed days ahead of its day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import TODAY
from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Meeting
from tui.model.metrics import period_metrics
from tui.model.plan import goals_in_force
from tui.model.sessions import FocusSession
from tui.model.week_dates import iso_week_label
from tui.store import Repository
from tui.store.demo import write_demo
from tui.store.queries import records_for
from tui.store.spans import blocks_between, meetings_from

NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)


@pytest.fixture
def repo(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=40, weeks=6, seed=5, today=TODAY)
    early = repo.blocks.add(Block(channel="Reading", day="2025-01-06", start="07:00",
                                  minutes=25, rrule="FREQ=WEEKLY;BYDAY=TH"))
    # Thursday's block timed on the Monday before: ended three days before its day.
    repo.sessions.add(FocusSession(channel="Reading", started="2026-11-23T07:00:00+00:00",
                                   ended="2026-11-23T07:25:00+00:00", block_id=early.id,
                                   block_day="2026-11-26"))
    repo.marks.add(BlockMark(block_id=early.id, day="2026-11-26", state="done"))
    # Started four days before and still running.
    repo.sessions.add(FocusSession(channel="LinkedIn", started="2026-11-22T09:00:00+00:00"))
    # Ran from the day before into the day.
    repo.sessions.add(FocusSession(channel="Phone", started="2026-11-25T23:00:00+00:00",
                                   ended="2026-11-26T01:00:00+00:00"))
    yield repo
    repo.close()


def _whole(repo) -> dict:
    return {"blocks": repo.blocks.all(), "marks": repo.marks.all(),
            "sessions": repo.sessions.all(), "interactions": repo.interactions.all(),
            "meetings": repo.meetings.all(), "contacts": repo.contacts.all()}


def _figures(repo, start, days, records):
    goals = goals_in_force(repo.goals.all(), iso_week_label(start))
    return period_metrics(start, days, **records, goals=goals, tz=UTC, now=NOW)


@pytest.mark.parametrize("start, days", [(TODAY, 1), (TODAY - timedelta(days=3), 7),
                                         (date(2026, 11, 2), 28), (TODAY + timedelta(3), 1)])
def test_a_periods_figures_read_through_spans_equal_those_of_whole_tables(repo, start, days):
    last = start + timedelta(days=days - 1)
    spans = _figures(repo, start, days, records_for(repo, start, last))
    assert spans == _figures(repo, start, days, _whole(repo))


def test_each_record_a_span_could_miss_changes_the_figures(repo):
    """The records above matter: left out, today's figures differ (so the test
    above would catch a span that missed them)."""
    whole = _whole(repo)
    today = _figures(repo, TODAY, 1, whole)
    for table, left_out in [("blocks", lambda b: b.channel == "Reading"),
                            ("sessions", lambda s: s.channel == "Reading"),
                            ("sessions", lambda s: s.channel == "LinkedIn"),
                            ("sessions", lambda s: s.channel == "Phone")]:
        fewer = {**whole, table: [r for r in whole[table] if not left_out(r)]}
        assert _figures(repo, TODAY, 1, fewer) != today, table


def test_a_span_holds_repeating_blocks_begun_long_before_and_the_meetings_ahead(repo):
    blocks = blocks_between(repo, TODAY.isoformat(), TODAY.isoformat())
    assert any(b.channel == "Reading" and b.rrule for b in blocks)
    assert all(b.rrule or b.day == TODAY.isoformat() for b in blocks)
    later = repo.meetings.add(Meeting(at="2027-03-01T10:00:00+00:00"))
    ahead = meetings_from(repo, TODAY)
    assert later.id in {m.id for m in ahead}
    assert all(m.at[:10] >= (TODAY - timedelta(days=2)).isoformat() for m in ahead)


@pytest.mark.parametrize("zone", ["+14:00", "-12:00", "+00:00"])
def test_the_next_meetings_from_their_first_days_are_the_next_of_all(repo, zone):
    """The review lists the next five meetings: read from the days that hold them
    (and the slack after), they are the five next of every meeting ahead, for a
    clock in any zone and meetings stored with any offset."""
    offsets = ["+14:00", "-12:00", "+05:30", "+00:00"]
    for n in range(60):
        day = TODAY + timedelta(days=n // 3)
        repo.meetings.add(Meeting(at=f"{day.isoformat()}T{n * 5 % 24:02d}:30:00{offsets[n % 4]}"))
    midnight = datetime.fromisoformat(f"{TODAY.isoformat()}T00:00:00{zone}")

    def next_five(meetings) -> list:
        return sorted((at, m.id) for m in meetings
                      if (at := datetime.fromisoformat(m.at)) >= midnight)[:5]

    every, first = meetings_from(repo, TODAY), meetings_from(repo, TODAY, first=5)
    assert next_five(first) == next_five(every)
    assert len(first) < len(every)  # (only their days were read)
