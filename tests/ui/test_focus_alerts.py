"""What the focus clock says on its own: budget thresholds, plan end, overrun, pomodoro."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW
from tests.ui.focus_helpers import clock_line, digits, listen, running, tick
from tui.model import focus
from tui.model.plan import WeekGoals


async def test_pomodoro_switches_to_a_break_at_25_minutes(repo, make_app, clock):
    running(repo, mode="pomodoro", planned_minutes=60)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        said, bells = listen(app)
        assert digits(app) == "25:00"
        clock.advance(minutes=24, seconds=59)
        await tick(pilot, app)
        assert digits(app) == "00:01"
        assert "pomodoro work 1" in clock_line(app, "state")
        clock.advance(seconds=1)
        await tick(pilot, app)
        assert digits(app) == "05:00"
        assert "pomodoro break 1 · 25:00 of 1h" in clock_line(app, "state")
        assert said == ["Pomodoro: break, 5m"] and bells == [1]


async def test_budget_warnings_at_80_and_100_percent_fire_once(repo, make_app, clock):
    repo.goals.add(WeekGoals(week="2026-W48", budgets={"LinkedIn": 300}))
    done = focus.start_session("LinkedIn", NOW - timedelta(hours=5), planned_minutes=200)
    repo.sessions.add(focus.stop(done, NOW - timedelta(hours=5) + timedelta(minutes=200), {}))
    running(repo, planned_minutes=120)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        said, bells = listen(app)
        await tick(pilot, app)
        assert "week 3h20 of 5h (66%)" in clock_line(app, "usage")
        clock.advance(minutes=39)
        await tick(pilot, app)
        assert said == []
        clock.advance(minutes=1)
        await tick(pilot, app)
        await tick(pilot, app)
        assert said == ["LinkedIn: 80% of this week's 5h budget used"]
        clock.advance(minutes=59)
        await tick(pilot, app)
        assert len(said) == 1
        clock.advance(minutes=1)
        await tick(pilot, app)
        clock.advance(minutes=5)
        await tick(pilot, app)
        assert said == ["LinkedIn: 80% of this week's 5h budget used",
                        "LinkedIn: 100% of this week's 5h budget used"]
        assert bells == [1, 1]
        assert "week 5h05 of 5h (101%)" in clock_line(app, "usage")


async def test_plan_end_and_overrun_are_said_once_and_the_bell_can_be_off(repo, make_app, clock):
    repo.save_settings(repo.settings().replace(bell=False, overrun_minutes=15))
    running(repo)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        said, bells = listen(app)
        clock.advance(minutes=30)
        await tick(pilot, app)
        assert said == ["LinkedIn: the 30m planned are up. s stops, + adds five minutes"]
        clock.advance(minutes=15)
        await tick(pilot, app)
        await tick(pilot, app)
        assert said[1:] == ["LinkedIn: 15:00 past the plan"]
        assert digits(app) == "+15:00"
        assert "15:00 over the 30m plan" in clock_line(app, "state")
        assert bells == []
