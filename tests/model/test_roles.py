"""Contact roles: typed forgivingly, counted per conversation, the decision-maker goal."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil.tz import gettz

from tui.model.contact_forms import ContactInput, contact_from_input
from tui.model.contacts import Interaction, Meeting
from tui.model.metrics import period_metrics
from tui.model.plan import WeekGoals
from tui.model.report import report_data, report_markdown
from tui.model.role_figures import conversations_by_role, with_roles
from tui.model.roles import parse_roles, try_rank
from tui.model.validation import ValidationError
from tui.model.verdict import verdict

PARIS = gettz("Europe/Paris")
MON = date(2026, 11, 23)
NOW = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)


def at(d: int, hhmm: str) -> str:
    h, m = map(int, hhmm.split(":"))
    return datetime.combine(MON + timedelta(days=d), time(h, m), tzinfo=PARIS).isoformat()


def test_roles_are_typed_as_words_or_their_start():
    assert parse_roles("Decision-Maker, alum,insider , INS") == [
        "decision maker", "alumni", "insider"]
    assert parse_roles(" ") == []
    with pytest.raises(ValueError, match="roles are: decision maker"):
        parse_roles("boss")
    assert try_rank(["recruiter", "alumni"]) < try_rank(["peer"]) < try_rank([])


def test_the_contact_form_keeps_roles_and_names_a_bad_one():
    c = contact_from_input(ContactInput(name="Ann", roles="dm, peer"), MON)
    assert c.roles == ["decision maker", "peer"]
    with pytest.raises(ValidationError) as caught:
        contact_from_input(ContactInput(name="Ann", roles="chief"), MON)
    assert set(caught.value.errors) == {"roles"}


def test_conversations_by_role_once_per_person_and_day():
    roles = {1: ("decision maker",), 2: ("insider", "alumni"), 3: ()}
    interactions = [
        Interaction(contact_id=1, at=at(0, "10:00"), kind="call"),
        Interaction(contact_id=2, at=at(1, "10:00"), kind="video"),
        Interaction(contact_id=2, at=at(1, "12:00"), kind="message"),  # not a conversation
        Interaction(contact_id=1, at=at(8, "10:00"), kind="call"),  # next week
    ]
    meetings = [
        Meeting(contact_id=1, at=at(0, "15:00")),  # the same day as the call: once
        Meeting(contact_id=1, at=at(3, "15:00")),  # held Thursday
        Meeting(contact_id=2, at=at(7, "09:00")),  # not held yet, and next week
        Meeting(contact_id=None, at=at(2, "09:00")),
    ]
    by_role = conversations_by_role(interactions, meetings, roles, MON, date(2026, 11, 29),
                                    NOW, PARIS)
    assert by_role == {"decision maker": 2, "insider": 1, "alumni": 1}


@pytest.mark.parametrize("machine", ["UTC", "Pacific/Auckland", "America/New_York"])
def test_a_meeting_without_an_offset_is_held_in_the_zone_its_day_is_read_in(
        monkeypatch, machine):
    """Its day and whether it began are both read in `tz` (as the period's held
    meetings are): not its day in `tz` and its start in the machine's zone."""
    import time as clock

    monkeypatch.setenv("TZ", machine)
    clock.tzset()
    try:
        meeting = Meeting(contact_id=1, at="2026-11-26T18:00:00")  # no offset: Paris
        before = datetime(2026, 11, 26, 16, 59, tzinfo=UTC)  # 17:59 in Paris
        after = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
        by_role = [conversations_by_role([], [meeting], {1: ("peer",)}, MON,
                                         date(2026, 11, 29), now, PARIS)
                   for now in (before, after)]
        assert by_role == [{}, {"peer": 1}]
        m = period_metrics(MON, 7, blocks=[], marks=[], sessions=[], interactions=[],
                           meetings=[meeting], contacts=[], goals=None, tz=PARIS, now=after)
        assert m.meetings_held == 1
    finally:
        monkeypatch.undo()
        clock.tzset()


def test_the_decision_maker_goal_and_the_report():
    goals = WeekGoals(week="2026-W48", goals={"decision_makers": 3, "meetings": 1})
    m = period_metrics(MON, 7, blocks=[], marks=[], sessions=[], interactions=[],
                       meetings=[], contacts=[], goals=goals, tz=PARIS, now=NOW)
    m = with_roles(m, {"decision maker": 2, "peer": 1})
    figure = m.goals["decision_makers"]
    assert (figure.label, figure.goal, figure.actual, figure.met) == (
        "conversations with decision makers", 3, 2, False)
    text = report_markdown(m, verdict(m, day=False))
    assert "conversations 0 (decision maker 2, peer 1)" in text
    assert "| conversations with decision makers | 3 | 2 |  |" in text
    data = report_data(m, verdict(m, day=False))
    assert data["results"]["conversations_by_role"] == {"decision maker": 2, "peer": 1}
    assert data["goals"]["decision_makers"] == {"goal": 3, "actual": 2, "met": False}
