"""The Employers view, typed as a user types: the LAMP list from the contacts,
scoring, the top five worked, search, merge and split, delete and undo."""

from __future__ import annotations

import pytest

from tests.screen import fill, on_disk, screen_text, type_text, without_stamps
from tests.ui.input_helpers import save_form as save
from tui.model.contacts import Contact
from tui.model.employers import Employer


@pytest.fixture
def known(repo):
    for name, company in [("Ann Lee", "Acme, Inc."), ("Bob Roy", "ACME Inc"),
                          ("Cat Poe", "Acme Labs"), ("Dan Oz", "Globex"),
                          ("Eve Ash", "Initech LLC"), ("Fay Lu", "Initech")]:
        repo.contacts.add(Contact(name=name, company=company, created="2026-11-01"))
    return repo


def rows(app) -> list[str]:
    """The list's lines as shown (the screenshot's text loses runs of spaces)."""
    from tui.ui.widgets.employer_list import EmployerList

    listing = app.screen.query_one(EmployerList)
    return [str(option.prompt) for option in listing.options]


async def test_the_list_counts_the_people_known_at_each_company(known, make_app):
    app = make_app(known)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "Employers · LAMP list" in text
        # "Acme, Inc." and "ACME Inc" are one employer; "Initech LLC" and "Initech" too.
        assert [line.split() for line in rows(app)] == [
            ["Acme,", "Inc.", "–", "?", "2"], ["Initech", "LLC", "–", "?", "2"],
            ["Acme", "Labs", "–", "?", "1"], ["Globex", "–", "?", "1"]]
        assert "you know 2 people there: Ann Lee, Bob Roy" in text


async def test_scoring_puts_an_employer_first_and_working_and_saves_it(known, make_app,
                                                                      db_path):
    app = make_app(known)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.press("slash")
        await type_text(pilot, "globex")
        await pilot.press("enter")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, app, "motivation", "3")
        await fill(pilot, app, "posting", "yes")
        await save(pilot, app)
        await pilot.press("escape")  # the search cleared
        await pilot.pause()
        first = [line for line in rows(app) if line.startswith("★")]
        assert first == [rows(app)[0]]
        assert first[0].split() == ["★", "Globex", "3", "yes", "1", "working", "·", "reach",
                                    "out", "to", "Dan", "Oz"]
    [doc] = on_disk(db_path, "employers")
    assert without_stamps(doc) | {"created": ""} == {
        "name": "Globex", "motivation": 3, "posting": "yes", "notes": "", "aliases": [],
        "created": ""}


async def test_only_the_top_five_scored_are_working(repo, make_app):
    for i, motivation in enumerate([1, 3, 2, 3, 1, 2, 0]):
        repo.employers.add(Employer(name=f"Firm {i}", motivation=motivation))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        lines = rows(app)
        # motivation 3 (Firm 1, Firm 3), 2 (2, 5), 1 (0, 4), then the one not scored
        assert [line.split("Firm ")[1][0] for line in lines] == list("1325046")
        assert [("★" in line) for line in lines] == [True] * 5 + [False] * 2


async def test_merge_then_split_then_delete_and_undo(known, make_app, db_path):
    app = make_app(known)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "Acme Labs" in screen_text(app)
        await pilot.press("m")  # on the first line: Acme, Inc. (two people)
        await pilot.pause()
        await type_text(pilot, "Acme Labs")
        await save(pilot, app)
        text = screen_text(app)
        assert "Acme Labs" in text and "also counted: Acme Labs" in text
        assert "you know 3 people there" in text
        [doc] = on_disk(db_path, "employers")
        assert doc["aliases"] == ["Acme Labs"]
        await pilot.press("s")
        await pilot.pause()
        await type_text(pilot, "Acme Labs")
        await save(pilot, app)
        assert "you know 2 people there" in screen_text(app)
        assert on_disk(db_path, "employers")[0]["aliases"] == []
        await pilot.press("d")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert on_disk(db_path, "employers") == []
        assert "Acme, Inc." in screen_text(app)  # still listed: two contacts work there
        await pilot.press("u")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(on_disk(db_path, "employers")) == 1


async def test_an_unscored_company_has_no_record_to_delete(known, make_app, db_path):
    app = make_app(known)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("4", "d")
        await pilot.pause()
        assert "has no record" in screen_text(app)
        assert on_disk(db_path, "employers") == []
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"


async def test_adding_an_employer_listed_already_says_so(repo, make_app, db_path):
    repo.employers.add(Employer(name="Acme", motivation=2))
    app = make_app(repo)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        await type_text(pilot, "ACME, Inc.")
        await save(pilot, app)
        assert "Acme is listed already: e edits it." in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Globex")
        await save(pilot, app)
    assert sorted(d["name"] for d in on_disk(db_path, "employers")) == ["Acme", "Globex"]


async def test_names_are_shown_literally(repo, make_app):
    repo.contacts.add(Contact(name="[b]Zed[/b]", company="[red]Evil\x1b[31m Corp",
                              created="2026-11-01"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "[red]Evil" in text and "\x1b" not in text
        assert "you know 1 person there: [b]Zed[/b]" in text
