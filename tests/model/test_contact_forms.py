"""The contact, interaction, meeting and follow-up forms: validation and effects."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tui.model.contact_forms import (
    ContactInput,
    cadence_text,
    contact_from_input,
    contact_input,
    parse_cadence,
    parse_email,
    parse_stage,
    parse_tags,
    pick,
)
from tui.model.contacts import Contact, Stage, due_date
from tui.model.history_forms import (
    FollowUp,
    InteractionInput,
    MeetingInput,
    after_interaction,
    after_meeting,
    follow_up_from_input,
    interaction_from_input,
    meeting_from_input,
)
from tui.model.validation import ValidationError

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)  # 09:30 in Paris (conftest TZ)


def test_a_full_contact_is_built_with_every_field():
    form = ContactInput(
        name="  Ann Lee ", company="Acme, Inc", role="CTO", industry="fintech",
        location="Paris", channel="LinkedIn", url="https://linkedin.com/in/ann",
        email="ann@acme.io", phone="+33 1 23 45 67 89", tags="fintech, Paris, FinTech",
        priority="2", stage="conv", next_action="send deck", follow_up="dec 3",
        cadence="every 2 weeks", notes="met at meetup ⏎ likes Rust",
    )
    c = contact_from_input(form, TODAY)
    assert c.name == "Ann Lee" and c.company == "Acme, Inc"
    assert c.tags == ["fintech", "Paris"]
    assert (c.priority, c.stage, c.cadence_days) == (2, "conversation", 14)
    assert c.follow_up == "2026-12-03"
    assert c.notes == "met at meetup\nlikes Rust"
    assert (c.source, c.created) == ("manual", "2026-11-26")
    # and back to the form, and again: the same contact
    again = contact_from_input(contact_input(c), TODAY, base=c)
    assert again == c


def test_every_bad_field_is_reported_at_once_and_nothing_built():
    form = ContactInput(name="", email="ann.example.com", priority="5", stage="boss",
                        follow_up="31 feb", cadence="sometimes", url="http://a b",
                        phone="call me", tags="ok, \x1b[31mred")
    with pytest.raises(ValidationError) as err:
        contact_from_input(form, TODAY)
    errors = err.value.errors
    assert set(errors) == {"name", "email", "priority", "stage", "follow_up", "cadence",
                           "url", "phone", "tags"}
    assert "cannot be empty" in errors["name"]
    assert "February" in errors["follow_up"]


def test_name_length_and_control_characters():
    with pytest.raises(ValidationError) as err:
        contact_from_input(ContactInput(name="x" * 201), TODAY)
    assert "keep it under 200" in err.value.errors["name"]
    with pytest.raises(ValidationError):
        contact_from_input(ContactInput(name="Ann\x07"), TODAY)
    # markup-looking names are kept literally
    assert contact_from_input(ContactInput(name="[bold]Ann"), TODAY).name == "[bold]Ann"


@pytest.mark.parametrize("text, days", [
    ("14", 14), ("14d", 14), ("every 14 days", 14), ("Every 2 weeks", 14), ("weekly", 7),
    ("every week", 7), ("", None), ("365", 365),
])
def test_cadence(text, days):
    assert parse_cadence(text) == days
    if days:
        assert parse_cadence(cadence_text(days)) == days


@pytest.mark.parametrize("text", ["0", "366", "every", "often", "-3", "99999999"])
def test_bad_cadence(text):
    with pytest.raises(ValueError):
        parse_cadence(text)


@pytest.mark.parametrize("text, ok", [
    ("ann@acme.io", True), ("a.b+c@mail.co.uk", True), ("", True), ("ann@acme", False),
    ("@acme.io", False), ("ann@@acme.io", False), ("ann acme@x.io", False), ("ann@.io", False),
])
def test_email(text, ok):
    if ok:
        assert parse_email(text) == text
    else:
        with pytest.raises(ValueError):
            parse_email(text)


def test_stage_and_choices_accept_unique_prefixes():
    assert parse_stage("reached_out") is Stage.REACHED_OUT
    assert parse_stage("MEETING") is Stage.MEETING_BOOKED
    assert parse_stage("met") is Stage.MET
    with pytest.raises(ValueError):
        parse_stage("me")  # met or meeting booked?
    assert pick("in-person", ("phone", "video", "in person"), "kind") == "in person"
    assert parse_tags(" a ,, b ,A") == ["a", "b"]


def test_interaction_defaults_to_now_and_derives_the_channel():
    contact = Contact(id=3, name="Ann", channel="LinkedIn")
    call = interaction_from_input(InteractionInput(kind="call"), contact, NOW)
    assert (call.contact_id, call.kind, call.channel) == (3, "call", "Phone")
    assert call.at == "2026-11-26T09:30:00+01:00"
    message = interaction_from_input(InteractionInput(day="yesterday", time="18:05"), contact, NOW)
    assert (message.kind, message.channel) == ("message", "LinkedIn")
    assert message.at == "2026-11-25T18:05:00+01:00"


def test_interaction_errors():
    with pytest.raises(ValidationError) as err:
        interaction_from_input(InteractionInput(kind="c", day="tomorrow", time="25:00"),
                               Contact(id=1, name="Ann"), NOW)
    assert set(err.value.errors) == {"kind", "day", "time"}


def test_logging_restarts_cadence_clears_old_follow_up_and_advances_stage():
    contact = Contact(id=1, name="Ann", cadence_days=14, created="2026-10-01",
                      follow_up="2026-11-20")
    assert due_date(contact, None) == date(2026, 10, 15)
    call = interaction_from_input(InteractionInput(kind="call"), contact, NOW)
    after = after_interaction(contact, call)
    assert after.follow_up is None
    assert after.stage == "conversation"
    assert due_date(after, TODAY) == date(2026, 12, 10)
    # a message on a target only moves it to "reached out"; never moves backwards
    msg = interaction_from_input(InteractionInput(kind="message"), contact, NOW)
    assert after_interaction(contact, msg).stage == "reached out"
    met = contact.replace(stage="met", follow_up="2026-12-24")
    assert after_interaction(met, msg) is met


def test_meeting_moves_stage_forward():
    contact = Contact(id=4, name="Bo", stage="reached out")
    form = MeetingInput(kind="v", day="dec 1", time="2pm", length="45m", place="https://meet")
    meeting = meeting_from_input(form, 4, NOW)
    assert (meeting.kind, meeting.minutes, meeting.at) == ("video", 45, "2026-12-01T14:00:00+01:00")
    assert after_meeting(contact, meeting, NOW).stage == "meeting booked"
    past = meeting_from_input(MeetingInput(kind="in person", day="yesterday", time="10:00"), 4, NOW)
    assert after_meeting(contact, past, NOW).stage == "met"
    referral = contact.replace(stage="referral")
    assert after_meeting(referral, meeting, NOW) is referral


def test_meeting_errors():
    with pytest.raises(ValidationError) as err:
        meeting_from_input(MeetingInput(kind="fax", day="", time="9:5", length="0"), 1, NOW)
    assert set(err.value.errors) == {"kind", "day", "time", "length"}


def test_follow_up_form():
    assert follow_up_from_input("", TODAY) == FollowUp(None)
    assert follow_up_from_input("in 5 days", TODAY) == FollowUp(date(2026, 12, 1))
    assert follow_up_from_input("5", TODAY) == FollowUp(date(2026, 12, 1))
    assert follow_up_from_input("dec 3", TODAY) == FollowUp(date(2026, 12, 3))
    for bad in ("yesterday", "31 feb", "soon"):
        with pytest.raises(ValidationError) as err:
            follow_up_from_input(bad, TODAY)
        assert "follow_up" in err.value.errors
