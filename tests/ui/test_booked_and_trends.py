"""The Trends screen and the new "booked" as a user meets them: a meeting booked today
for next month counts as booked this week, in the review and in the trends."""

from __future__ import annotations

from tests.screen import fill, from_palette, on_disk, screen_text
from tui.model.contacts import Contact
from tui.ui.screens.review import ReviewScreen
from tui.ui.screens.trends import TrendsScreen


async def _settle(pilot, app) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _line(app, start: str) -> str:
    return next(line for line in screen_text(app).splitlines() if start in line)


async def test_a_meeting_booked_today_for_next_month_is_booked_this_week(repo, make_app,
                                                                        db_path):
    repo.contacts.add(Contact(name="Ann Lee", company="Acme", stage="connected"))
    repo.flush()
    app = make_app(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r", "w")  # the review, this week
        assert isinstance(app.screen, ReviewScreen)
        assert "meetings booked 0 · held 0" in _line(app, "meetings booked")
        await pilot.press("g")  # the trends, from the review
        await _settle(pilot, app)
        assert isinstance(app.screen, TrendsScreen)
        assert app.screen.shown.meetings_by_week[-1] == 0
        await pilot.press("q", "q")  # back to the review, back to the planner
        # Thursday 26 November: book a video call for 28 December (2026-W53).
        await pilot.press("2", "m")
        await fill(pilot, app, "kind", "video")
        await fill(pilot, app, "day", "dec 28")
        await fill(pilot, app, "time", "10:00")
        await pilot.press("ctrl+s")
        await _settle(pilot, app)
        await pilot.press("r", "w")
        assert "meetings booked 1 · held 0" in _line(app, "meetings booked")
        await pilot.press("g")
        await _settle(pilot, app)
        shown = app.screen.shown
        assert shown.weeks[-1].week == "2026-W48" and shown.meetings_by_week[-1] == 1
        assert "0 → 1 · 1 in all" in _line(app, "Meetings booked")
        funnel = {s.label: s.count for s in shown.funnel}
        assert (funnel["meetings booked"], funnel["meetings held"]) == (1, 0)
    [meeting] = on_disk(db_path, "meetings")
    assert meeting["at"] == "2026-12-28T10:00:00+01:00"
    assert meeting["booked"] == "2026-11-26T09:30:00+01:00"


async def test_trends_from_the_palette_and_the_span_keys(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await from_palette(pilot, app, "Trends")
        await _settle(pilot, app)
        assert isinstance(app.screen, TrendsScreen)
        assert len(app.screen.shown.weeks) == 8
        assert "No suggestion" in screen_text(app)  # an empty file: too few figures
        await pilot.press("plus")
        await _settle(pilot, app)
        assert len(app.screen.shown.weeks) == 13
        await pilot.press("minus", "minus")
        await _settle(pilot, app)
        assert len(app.screen.shown.weeks) == 4
        assert "2026-W45 to 2026-W48 (4 weeks)" in screen_text(app)
        await pilot.press("q")
        assert not isinstance(app.screen, TrendsScreen)
