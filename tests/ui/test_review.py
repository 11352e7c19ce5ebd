"""A morning review, typed as a user would: verdict, marks, top three, week view."""

from __future__ import annotations

import orjson
import pytest

from tests.screen import screen_text, without_stamps
from tui.model.blocks import Block
from tui.model.sessions import FocusSession


def _plan_a_busy_day(repo):
    block = repo.blocks.add(Block(channel="LinkedIn", activity="Comment on news", day="2026-11-26",
                                  start="08:00", minutes=60))
    # Two hours on LinkedIn this morning, and nothing came of it.
    repo.sessions.add(FocusSession(channel="LinkedIn", planned_minutes=120,
                                   started="2026-11-26T06:00:00+00:00",
                                   ended="2026-11-26T08:00:00+00:00", outcome={}))
    return block


async def test_verdict_names_the_gap(repo, make_app):
    _plan_a_busy_day(repo)
    app = make_app(repo, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        verdict = str(app.screen.query_one("#verdict").render())
        assert "Busy, not productive" in verdict and "LinkedIn" in verdict


async def test_mark_blocks_and_type_top_three(repo, make_app, db_path):
    block = _plan_a_busy_day(repo)
    app = make_app(repo, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "✓ done" in screen_text(app)
        await pilot.press("p")
        assert [m.state for m in repo.marks.all()] == ["partly"]
        app.screen.query_one("#top-1").focus()
        for ch in "Call Ann":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
        for ch in "Apply Acme":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    data = orjson.loads(db_path.read_bytes())
    [review] = data["reviews"].values()
    assert without_stamps(review) == {"day": "2026-11-27", "top3": ["Call Ann", "Apply Acme"],
                                      "note": ""}
    [mark] = data["marks"].values()
    assert without_stamps(mark) == {"block_id": block.id, "day": "2026-11-26", "state": "partly"}


async def test_week_view_shows_day_by_day(repo, make_app):
    _plan_a_busy_day(repo)
    app = make_app(repo, start="review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "Day by day" in text and "week of Monday 23 November" in text
        await pilot.press("w")
        await pilot.pause()
        assert "Day by day" not in screen_text(app)


async def test_q_quits_when_review_is_the_first_screen(repo, make_app):
    app = make_app(repo, start="review")
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert not app.is_running


async def log_a_call(pilot, app) -> None:
    """`l` on the highlighted follow-up, `call` typed as the kind, saved."""
    from tests.screen import fill

    await pilot.press("l")
    await pilot.pause()
    await fill(pilot, app, "kind", "call")
    await pilot.press("ctrl+s")
    await pilot.pause()
    await app.workers.wait_for_complete()


async def test_log_a_call_from_the_follow_ups_in_the_review(repo, make_app):
    from tui.model.contacts import Contact
    from tui.ui.widgets.followup_list import FollowUpList

    ann = repo.contacts.add(Contact(name="Ann Lee", company="Acme", follow_up="2026-11-20",
                                    cadence_days=14))
    app = make_app(repo, start="review")
    async with app.run_test(size=(100, 40)) as pilot:
        followups = app.screen.query_one(FollowUpList)
        assert "! 6d late  Ann Lee · Acme" in str(followups.get_option_at_index(0).prompt)
        followups.focus()
        await log_a_call(pilot, app)
        assert [i.kind for i in repo.interactions.all()] == ["call"]
        assert repo.contacts.get(ann.id).stage == "conversation"
        # Nobody is due any more: the cadence restarted from today's call.
        assert "Nobody is due" in str(followups.get_option_at_index(0).prompt)


async def test_the_top_three_come_back_and_q_typed_at_once_keeps_them(repo, make_app, db_path):
    """The three fields come just after the first frame (below its fold): the
    ones typed yesterday are in them, and leaving before they came loses none."""
    from datetime import date

    from tests.ui.input_helpers import burst
    from tui.model.daily_edits import set_top_three

    tomorrow = date(2026, 11, 27)
    repo.apply(set_top_three(None, tomorrow, ["Call Ann", "Apply Acme"]))
    repo.flush()
    app = make_app(repo, start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert [app.screen.query_one(f"#top-{n}").value for n in (1, 2, 3)] == [
            "Call Ann", "Apply Acme", ""]
    app = make_app(repo, start="review")
    async with app.run_test(size=(120, 40)):
        burst(app, "q")  # before anything was handled
    assert not app.is_running
    [review] = orjson.loads(db_path.read_bytes())["reviews"].values()
    assert review["top3"] == ["Call Ann", "Apply Acme"]


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_the_review_opened_from_the_planner_starts_at_its_top(demo_repo, make_app, size):
    app = make_app(demo_repo)
    async with app.run_test(size=size) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        review = app.screen.query_one("#review")
        assert review.scroll_y == 0  # the verdict first, not scrolled past it
        assert app.focused is app.screen.query_one("#today-blocks")  # x, p, m act at once


async def test_a_call_logged_from_the_follow_ups_reads_the_history_by_contact(
        repo, make_app, monkeypatch):
    """Logging from the review's follow-ups reads the person's history through the
    index by contact: reading every interaction for one person took ~0.2 s at 10k."""
    from tui.model.contacts import Contact, Interaction
    from tui.ui.widgets.followup_list import FollowUpList

    ann = repo.contacts.add(Contact(name="Ann Lee", follow_up="2026-11-20", cadence_days=14))
    bo = repo.contacts.add(Contact(name="Bo Chen"))
    repo.interactions.add_many([
        Interaction(contact_id=ann.id, at="2026-11-10T09:00:00+01:00", kind="message"),
        Interaction(contact_id=bo.id, at="2026-11-11T09:00:00+01:00", kind="call")])
    app = make_app(repo, start="review")
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one(FollowUpList).focus()

        def whole_table(*args):
            raise AssertionError("every interaction read for one person")

        monkeypatch.setattr(repo.interactions, "where_field", whole_table)
        monkeypatch.setattr(repo.interactions, "all", whole_table)
        await log_a_call(pilot, app)
        monkeypatch.undo()
        assert sorted(i.kind for i in repo.interactions.all()) == ["call", "call", "message"]
        assert repo.contacts.get(ann.id).stage == "conversation"
