"""Meeting prep (the TIARA questions) before, and a debrief after that ends in a
next step: the contact's follow-up, and the person they suggested to reach."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.screen import fill, on_disk, screen_text
from tui.model.contacts import Contact, Meeting
from tui.model.tiara import (
    DebriefInput,
    debrief_edit,
    debrief_from_input,
    meeting_to_open,
    prep_from_meeting,
    with_prep,
)
from tui.model.validation import ValidationError

NOW = datetime.fromisoformat("2026-11-26T09:30:00+01:00")


def test_prep_note_round_trips_and_keeps_other_notes():
    m = Meeting(contact_id=1, at="2026-11-27T10:00:00+01:00", note="bring the CV")
    prepped = with_prep(m, {"trends": "AI in  audits?", "advice": "what to learn"})
    assert prepped.note == ("bring the CV\nTIARA prep:\n- Trends: AI in audits?\n"
                            "- Advice: what to learn")
    assert prep_from_meeting(prepped) == {"trends": "AI in audits?", "advice": "what to learn"}
    again = with_prep(prepped, {"insights": "surprises"})
    assert again.note == "bring the CV\nTIARA prep:\n- Insights: surprises"


def test_which_meeting_p_opens():
    past = Meeting(id=1, contact_id=1, at="2026-11-20T10:00:00+01:00")
    running = Meeting(id=2, contact_id=1, at="2026-11-26T09:00:00+01:00", minutes=60)
    assert meeting_to_open([past, running], NOW) == ("prep", running)
    assert meeting_to_open([past], NOW) == ("debrief", past)
    assert meeting_to_open([], NOW) is None


def test_debrief_needs_a_next_step_and_a_follow_up_not_past():
    with pytest.raises(ValidationError) as caught:
        debrief_from_input(DebriefInput(referral="maybe", follow_up="2026-11-01"),
                           date(2026, 11, 26))
    assert set(caught.value.errors) == {"referral", "next_step", "follow_up"}
    d = debrief_from_input(DebriefInput(next_step="send the case study", suggested="Bo Ek",
                                        referral="y"), date(2026, 11, 26))
    ann = Contact(id=1, name="Ann Lee", company="Acme", stage="meeting booked")
    m = Meeting(id=3, contact_id=1, at="2026-11-25T10:00:00+01:00")
    edit = debrief_edit(ann, m, d, NOW)
    meeting, contact, new = (c.after for c in edit.changes)
    assert meeting.note == ("Debrief: suggested: Bo Ek · referral asked: yes · "
                            "next: send the case study (29 Nov)")
    assert (contact.stage, contact.next_action, contact.follow_up) == (
        "met", "send the case study", "2026-11-29")
    assert (new.name, new.company, new.follow_up) == ("Bo Ek", "Acme", "2026-11-29")


async def test_prep_then_debrief_from_the_contacts_pane(repo, make_app, clock, db_path):
    ann = repo.contacts.add(Contact(name="Ann Lee", company="Acme", created="2026-11-01"))
    repo.meetings.add(Meeting(contact_id=ann.id, at="2026-11-27T10:00:00+01:00"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "p")
        await pilot.pause()
        text = screen_text(app)
        assert "the TIARA questions to ask" in text
        assert "What trends are shaping the work at Acme right now?" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        [m] = on_disk(db_path, "meetings")
        assert m["note"].startswith("TIARA prep:\n- Trends: What trends are shaping")
        clock.advance(days=1, hours=3)  # Friday, after the meeting
        await pilot.press("p")
        await pilot.pause()
        assert "Debrief: Ann Lee" in screen_text(app)
        await fill(pilot, app, "suggested", "Bo Ek")
        await fill(pilot, app, "next_step", "send Bo a note")
        await fill(pilot, app, "follow_up", "mon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
    contacts = {c["name"]: c for c in on_disk(db_path, "contacts")}
    assert contacts["Ann Lee"]["follow_up"] == "2026-11-30"
    assert contacts["Ann Lee"]["next_action"] == "send Bo a note"
    assert contacts["Bo Ek"]["company"] == "Acme"
    assert "Debrief: suggested: Bo Ek · next: send Bo a note (30 Nov)" in \
        on_disk(db_path, "meetings")[0]["note"]
