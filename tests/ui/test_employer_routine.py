"""The 3B7 routine as a new user meets it: reach out to one person at a top-five
employer, and five business days later the review names the next person to
try there; a reply makes that employer's status "advocate found"."""

from __future__ import annotations

import pytest

from tests.screen import fill, screen_text, type_text
from tests.ui.input_helpers import save_form as save
from tui.model.contacts import Contact
from tui.model.employers import Employer


@pytest.fixture
def acme(repo):
    repo.contacts.add(Contact(name="Ann Lee", company="Acme, Inc.", roles=["alumni"],
                              created="2026-11-01"))
    repo.contacts.add(Contact(name="Bob Roy", company="ACME Inc", roles=["peer"], priority=3,
                              created="2026-11-01"))
    repo.contacts.add(Contact(name="Cat Poe", company="Acme", created="2026-11-01"))
    repo.employers.add(Employer(name="Acme", motivation=3, posting="yes"))
    return repo


async def log_with(pilot, app, name: str, kind: str) -> None:
    await pilot.press("2", "slash")
    await type_text(pilot, name)
    await pilot.press("enter", "l")
    await pilot.pause()
    await fill(pilot, app, "kind", kind)
    await save(pilot, app)
    await pilot.press("slash", "escape")


async def test_reach_out_then_the_next_person_then_an_advocate(acme, make_app, clock):
    app = make_app(acme)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")  # Thursday 26 November
        await pilot.pause()
        assert "→ Acme: reach out to Ann Lee" in screen_text(app)  # an alum first
        await pilot.press("q")
        await log_with(pilot, app, "Ann", "message")
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert "3B7: ✓ done for today" in text
        assert "Acme: wait for Ann Lee: 0 of 3 business days" in text
        await pilot.press("q")
        clock.advance(days=7)  # Thursday 3 December: five business days later
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert text.index("3B7 today") < text.index("Today's blocks")  # listed first
        # Bob before Cat: a peer with a role comes before someone with none.
        assert "→ Acme: try Bob Roy next (3 business days, no reply from Ann Lee)" in text
        await pilot.press("q")
        await log_with(pilot, app, "Ann", "reply")
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "advocate found: Ann Lee" in text
        await pilot.press("q", "r")
        await pilot.pause()
        assert "3B7: ✓ done for today" in screen_text(app)


async def test_roles_typed_on_the_contact_form_count_in_the_week(repo, make_app, db_path):
    from tui.model.plan import WeekGoals

    repo.goals.add(WeekGoals(week="2026-W48", goals={"decision_makers": 2}))
    repo.contacts.add(Contact(name="Dee Park", company="Acme", created="2026-11-01"))
    app = make_app(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "e")
        await pilot.pause()
        await fill(pilot, app, "roles", "dm, alum")
        await save(pilot, app)
        await pilot.press("v")
        await pilot.pause()
        assert "Roles" in screen_text(app) and "decision maker, alumni" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await fill(pilot, app, "kind", "call")
        await save(pilot, app)
        await pilot.press("r", "w")
        await pilot.pause()
        text = screen_text(app)
        assert "conversations 1 (decision maker 1, alumni 1)" in text
        assert "conversations with decision makers" in text and "1 of 2" in text
    from tests.screen import on_disk

    [dee] = on_disk(db_path, "contacts")
    assert dee["roles"] == ["decision maker", "alumni"]
