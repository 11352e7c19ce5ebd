"""A kind first hour: the frictions a new user hit planning a week (issue "A kind
first hour"), each typed as the user typed it."""

from __future__ import annotations

from tests.screen import fill, on_disk, screen_text
from tui.ui.widgets.week_view import WeekView


async def test_a_series_added_after_paging_starts_in_the_week_on_screen(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("]")  # the week of Mon 30 Nov
        view = app.screen.query_one(WeekView)
        while view.selected_day is None or view.selected_day.weekday() != 6:
            await pilot.press("l")  # the cursor on Sunday 6 Dec, as the user had it
        await pilot.press("a")
        await fill(pilot, app, "channel", "Email")
        await fill(pilot, app, "repeat_days", "mon wed fri")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [block] = repo.blocks.all()
        assert block.day == "2026-11-30"  # that week's Monday, not the next one
        days = [d.isoformat() for d, entries in view.days if entries]
        assert days == ["2026-11-30", "2026-12-02", "2026-12-04"]
        assert "Added Email every mon, wed, fri, from Mon 30 Nov." in " ".join(
            line.strip("│▌ ") for line in screen_text(app).splitlines())


async def test_the_day_typed_wins_when_it_is_one_of_the_series_days(repo, make_app):
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill(pilot, app, "channel", "Calls")
        await fill(pilot, app, "day", "2026-12-09")
        await fill(pilot, app, "repeat_days", "mon wed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert [d["day"] for d in on_disk(repo.path, "blocks")] == ["2026-12-09"]


async def test_budgets_and_goals_carry_forward_until_changed(repo, make_app, db_path):
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        email = app.screen.channels.index("Email")
        await fill(pilot, app, f"budget-{email}", "1h30")
        await fill(pilot, app, "goal-meetings", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("]", "]")  # two weeks on, nothing set there
        await pilot.pause()
        text = screen_text(app)
        assert "Email: 0m of 1h30" in text and "(no budget)" not in text
        assert "Planned 0h of 1h30 budgeted" in text
        await pilot.press("b")
        await pilot.pause()
        await pilot.pause()
        assert "from 2026-W50 on · carried from 2026-W48" in screen_text(app)
        await fill(pilot, app, "goal-meetings", "3")  # changed from this week on
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
    weeks = {d["week"]: d["goals"].get("meetings") for d in on_disk(db_path, "goals")}
    assert weeks == {"2026-W48": 2, "2026-W50": 3}


async def test_the_review_and_the_report_read_the_same_goals(repo, make_app, db_path, tmp_path):
    from tests.test_cli import prize
    from tui.model.contacts import Contact, Meeting
    from tui.model.plan import WeekGoals

    repo.goals.add(WeekGoals(week="2026-W47", goals={"meetings": 1}))  # set last week
    ann = repo.contacts.add(Contact(name="Ann"))
    repo.meetings.add(Meeting(contact_id=ann.id, at="2026-11-27T10:00:00+01:00"))
    repo.flush()
    app = make_app(repo, start="review")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "No goals set" not in text and "meetings booked" in text
    out = prize("report", "--week", "2026-W48", "--db", str(db_path), home=tmp_path)
    assert "| meetings booked | 1 | 1 | met |" in out.stdout
    assert "(goal 1)" in out.stdout or "every goal met" in out.stdout


async def test_the_cursor_shows_on_an_empty_day_and_says_what_a_does(repo, make_app):
    from tui.model.blocks import Block

    repo.blocks.add(Block(channel="Email", day="2026-11-24", start="09:00"))
    app = make_app(repo)
    async with app.run_test(size=(120, 30)) as pilot:  # wide: the week in columns
        await pilot.pause()
        view = app.screen.query_one(WeekView)
        assert view.selected_day.isoformat() == "2026-11-26"  # today: nothing planned
        assert "— a adds" in screen_text(app)
        await pilot.press("h", "h")  # Tuesday, with its block: the cursor is on it
        assert "— a adds" not in screen_text(app)


async def test_the_review_marks_each_state_by_its_key_and_done_reads_done(repo, make_app):
    from tui.model.blocks import Block

    repo.blocks.add(Block(channel="LinkedIn", activity="Groups", day="2026-11-26",
                          start="08:00", minutes=45))
    app = make_app(repo, start="review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("m")
        assert [m.state for m in repo.marks.all()] == ["missed"]
        await pilot.press("x")  # straight to done: no cycling past it
        await pilot.pause()
        assert [m.state for m in repo.marks.all()] == ["done"]
        text = screen_text(app)
        assert "✓ done    08:00" in text and "✓ 45m done, untimed" in text
        await pilot.press("x")  # done again: not done after all
        assert repo.marks.all() == []


async def test_space_in_the_strategy_pane_pauses_the_running_session(repo, make_app, clock):
    from tui.model.sessions import FocusSession

    repo.sessions.add(FocusSession(channel="LinkedIn", planned_minutes=30,
                                   started="2026-11-26T08:20:00+00:00"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "space")  # in the Strategy pane
        await pilot.pause()
        [s] = repo.sessions.all()
        assert s.paused, s


async def test_the_welcome_leads_into_planning_once(repo, make_app, db_path):
    from tui.model.plan import STARTING_BUDGETS

    app = make_app(repo, welcome=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Welcome to Prize" in screen_text(app)
        assert "1  Plan this week" in screen_text(app)
        await pilot.press("1")
        for _ in range(20):  # the budgets form opens from a worker
            await pilot.pause()
            if "Budgets and goals from 2026-W48" in screen_text(app):
                break
        assert "Budgets and goals from 2026-W48" in screen_text(app)
        await pilot.press("ctrl+s")  # the starting plan as it is
        await pilot.pause()
        await app.workers.wait_for_complete()
    [goals] = on_disk(db_path, "goals")
    assert goals["budgets"] == STARTING_BUDGETS and goals["goals"]["meetings"] == 2
    assert [s["welcomed"] for s in on_disk(db_path, "settings")] == [True]
    again = make_app(repo, welcome=True)  # never again
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Welcome to Prize" not in screen_text(again)


async def test_no_welcome_on_a_file_with_data_and_escape_dismisses_it(repo, make_app, db_path):
    from tui.model.contacts import Contact

    app = make_app(repo, welcome=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Welcome to Prize" not in screen_text(app)
        await app.workers.wait_for_complete()
    assert [s["welcomed"] for s in on_disk(db_path, "settings")] == [True]
    other = db_path.with_name("other.json")
    from tui.store import Repository

    full = Repository.open(other)
    full.contacts.add(Contact(name="Ann"))
    app = make_app(full, welcome=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Welcome to Prize" not in screen_text(app)
    full.close()


async def test_pagedown_reaches_the_top_three_at_80x24(repo, make_app):
    from tui.model.blocks import Block

    for hour in range(8, 16):
        repo.blocks.add(Block(channel="Email", day="2026-11-26", start=f"{hour:02d}:00"))
    app = make_app(repo, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Tomorrow's top three" not in screen_text(app)
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert "Tomorrow's top three" in screen_text(app)


async def test_the_selected_blocks_whole_text_is_readable_in_columns(repo, make_app):
    from tui.model.blocks import Block

    repo.blocks.add(Block(channel="Articles & comments", activity="Comment on 5 recruiter posts",
                          target="fintech in Berlin", day="2026-11-26", start="10:00"))
    app = make_app(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Comment on 5 recruiter posts" not in text.split("▸")[0]  # the cell cuts it
        [whole] = [line for line in text.splitlines() if "▸" in line]
        assert whole.strip("│ ").startswith("▸ Thu 10:00")
        assert "Articles & comments · Comment on 5 recruiter posts → fintech in Berlin" in whole


async def test_a_notice_takes_the_last_line_and_leaves_the_contact_list_whole(repo, make_app):
    from tui.model.contacts import Contact
    from tui.ui.widgets.contacts_pane import ContactsPane

    for i in range(12):
        repo.contacts.add(Contact(name=f"Person {i:02d}", stage="connected"))
    app = make_app(repo)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2", ">")  # a stage change: its notice is shown
        await pilot.pause()
        footer = app.screen.query_one(ContactsPane).region.bottom - 1
        lines = screen_text(app).splitlines()
        assert "12 contacts" in lines[footer]  # the list's footer, not under a notice
        assert "Person 00: connected → conversation" in lines[-1]
