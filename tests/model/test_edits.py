"""The edit functions, without Textual or a store: what each changes, says and undoes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tui.model import block_edits, contact_edits, daily_edits
from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.edit import UNDO_DEPTH, Change, Edit, UndoStack, added, removed, updated
from tui.model.plan import DailyReview, Settings, Template, WeekGoals
from tui.model.sessions import FocusSession

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
ANN = Contact(id=1, name="Ann [bold]Lee", stage="target")


def test_a_change_is_of_one_record():
    with pytest.raises(ValueError):
        Change(None, None)
    with pytest.raises(ValueError):
        Change(Contact(id=1, name="a"), Contact(id=2, name="a"))
    with pytest.raises(ValueError):
        Change(Contact(id=1, name="a"), Block(id=1, channel="x", day="2026-11-26"))


def test_undone_turns_each_change_in_reverse_order():
    log = Interaction(contact_id=1, at="2026-11-26T09:00:00+01:00", kind="call")
    edit = contact_edits.log_interaction(ANN, log, [], TODAY)
    back = edit.undone()
    assert [(c.before, c.after) for c in back.changes] == \
        [(c.after, c.before) for c in reversed(edit.changes)]
    assert back.undone().changes == edit.changes


def test_logging_a_call_adds_it_and_moves_the_stage():
    log = Interaction(contact_id=1, at="2026-11-26T09:00:00+01:00", kind="call")
    edit = contact_edits.log_interaction(ANN, log, [], TODAY)
    assert edit.tables == {"interactions", "contacts"}
    assert edit.contacts == {1}
    first, second = edit.changes
    assert first.added and first.after == log
    assert second.before == ANN and second.after.stage == "conversation"
    assert edit.label == "log call"
    assert "Ann [bold]Lee" in edit.notice and "now conversation" in edit.notice


def test_a_message_to_a_contact_already_talked_to_changes_only_the_log():
    talked = ANN.replace(stage="conversation")
    log = Interaction(contact_id=1, at="2026-11-26T09:00:00+01:00", kind="message")
    edit = contact_edits.log_interaction(talked, log, [], TODAY)
    assert [c.table for c in edit.changes] == ["interactions"]


def test_stage_at_the_end_says_why_and_changes_nothing():
    edit = contact_edits.move_stage(ANN, -1)
    assert edit.empty and "first stage" in edit.notice
    moved = contact_edits.move_stage(ANN, 1)
    assert moved.changes[0].after.stage == "reached out"


def test_delete_takes_the_history_and_undo_puts_the_contact_back_first():
    i = Interaction(id=5, contact_id=1, at="2026-11-20T09:00:00+01:00")
    m = Meeting(id=7, contact_id=1, at="2026-12-01T09:00:00+01:00")
    edit = contact_edits.delete_contact(ANN, [i], [m])
    assert all(c.removed for c in edit.changes)
    assert edit.changes[-1].before == ANN
    assert "1 interactions and 1 meetings" in edit.notice
    assert edit.undone().changes[0].after == ANN  # the contact before its history


def test_an_unchanged_form_is_no_edit():
    assert contact_edits.edit_contact(ANN, ANN.replace()).empty
    block = Block(id=3, channel="Email", day="2026-11-26")
    assert block_edits.edit_block(block, block.replace()).empty


def test_follow_up_says_when_even_when_unchanged():
    edit = contact_edits.set_follow_up(ANN, None, [], TODAY)
    assert edit.empty and edit.notice.startswith("Next follow-up with Ann")
    later = contact_edits.set_follow_up(ANN, date(2026, 12, 10), [], TODAY)
    assert later.changes[0].after.follow_up == "2026-12-10"


def test_booking_a_meeting_books_the_contact():
    meeting = Meeting(contact_id=1, at="2026-12-03T10:00:00+01:00", kind="video")
    edit = contact_edits.book_meeting(ANN, meeting, NOW)
    assert edit.changes[1].after.stage == "meeting booked"
    assert "Video meeting with Ann [bold]Lee on Thu 03 Dec 10:00" in edit.notice


def test_each_mark_has_its_state_and_the_same_again_takes_it_off():
    day = date(2026, 11, 26)
    first = block_edits.set_mark(None, 3, day, "done")
    mark = first.changes[0].after.replace(id=9)
    assert first.changes[0].added and mark.state == "done"
    partly = block_edits.set_mark(mark, 3, day, "partly")
    assert partly.changes[0].after.state == "partly" and partly.label == "mark partly"
    again = block_edits.set_mark(mark, 3, day, "done")  # x on a done block
    assert again.changes[0].removed and again.label == "mark open"
    assert block_edits.set_mark(None, 3, day, "").empty


def test_one_occurrence_is_skipped_in_the_series_and_a_one_off_added():
    series = Block(id=3, channel="Calls", day="2026-11-23", rrule="FREQ=WEEKLY;BYDAY=MO,TH")
    edited = series.replace(start="14:00")
    edit = block_edits.edit_occurrence(series, date(2026, 11, 26), edited)
    kept, one_off = edit.changes
    assert kept.after.exdates == ["2026-11-26"] and kept.after.rrule == series.rrule
    assert one_off.added and one_off.after.series_id == 3 and one_off.after.rrule == ""
    skip = block_edits.delete_occurrence(series, date(2026, 11, 26))
    assert skip.changes[0].after.exdates == ["2026-11-26"]


def test_copy_last_week_with_nothing_to_copy_only_says_so():
    edit = block_edits.copy_last_week([], date(2026, 11, 23))
    assert edit.empty and "no one-off blocks" in edit.notice
    blocks = [Block(id=1, channel="Email", day="2026-11-17")]
    copied = block_edits.copy_last_week(blocks, date(2026, 11, 23))
    assert [c.after.day for c in copied.changes] == ["2026-11-24"]


def test_goals_for_a_new_week_are_added_and_changed_ones_replaced():
    new = WeekGoals(week="2026-W48")
    assert block_edits.set_goals(new, new.replace(goals={"meetings": 2})).changes[0].added
    old = WeekGoals(id=4, week="2026-W48")
    assert block_edits.set_goals(old, old.replace(goals={"meetings": 2})).changes[0].before == old
    assert block_edits.set_goals(old, old.replace()).empty


def test_templates_and_sessions_and_settings():
    assert block_edits.save_template(Template(name="x", blocks=[])).empty
    session = FocusSession(channel="LinkedIn", started="2026-11-26T08:00:00+00:00")
    assert daily_edits.save_session(None, session).changes[0].added
    stored = session.replace(id=2)
    assert daily_edits.save_session(stored, stored.replace()).empty
    assert "Discarded the LinkedIn session" in daily_edits.discard_session(stored).notice
    settings = Settings(id=1)
    assert daily_edits.change_settings(settings, "theme", theme=settings.theme).empty
    edit = daily_edits.change_settings(settings, "theme", theme="nord")
    assert edit.changes[0].after.theme == "nord" and edit.changes[0].after.id == 1


def test_top_three_for_a_day_without_a_review():
    day = date(2026, 11, 27)
    assert daily_edits.set_top_three(None, day, []).empty
    edit = daily_edits.set_top_three(None, day, ["Call Ann"])
    assert edit.changes[0].after == DailyReview(day="2026-11-27", top3=["Call Ann"])
    review = DailyReview(id=2, day="2026-11-27", top3=["Call Ann"])
    assert daily_edits.set_top_three(review, day, ["Call Ann"]).empty


def test_contacts_of_an_edit_include_those_whose_history_changed():
    edit = Edit("x", (added(Meeting(contact_id=4, at="2026-12-01T09:00:00+01:00")),
                      removed(Interaction(id=2, contact_id=5, at="2026-12-01T09:00:00+01:00")),
                      updated(Contact(id=6, name="a"), Contact(id=6, name="b")),
                      added(Meeting(contact_id=None, at="2026-12-01T09:00:00+01:00"))))
    assert edit.contacts == {4, 5, 6}


def test_the_undo_stack_keeps_the_last_fifty_edits_and_no_empty_one():
    stack = UndoStack()
    stack.push(Edit("nothing"))
    assert len(stack) == 0
    for n in range(UNDO_DEPTH + 5):
        stack.push(Edit(str(n), (added(BlockMark(block_id=1, day="2026-11-26", state="done")),)))
    assert len(stack) == UNDO_DEPTH
    assert stack.pop().label == str(UNDO_DEPTH + 4)
