"""Logging an interaction, booking a meeting, deleting a contact and undoing
them at 10k contacts: one row is built again and nothing reads every contact
or every interaction (that was ~250 ms after each `l` at 10k: every row
rebuilt, 20k interactions read twice)."""

from __future__ import annotations

import pytest

from tests.screen import fill, screen_text
from tui.model.contacts import Contact, Interaction
from tui.ui.widgets.contact_table import ContactTable


@pytest.fixture
def people(repo):
    ann = repo.contacts.add(Contact(name="Ann Lee", company="Acme", cadence_days=14,
                                    created="2026-10-01"))
    bo = repo.contacts.add(Contact(name="Bo Chen", company="Initech", cadence_days=7,
                                   created="2026-10-01"))
    repo.interactions.add(Interaction(contact_id=ann.id, at="2026-10-01T10:00:00+02:00"))
    repo.interactions.add(Interaction(contact_id=bo.id, at="2026-11-20T10:00:00+01:00"))
    repo.flush()
    return repo


def rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one(ContactTable)
    return [table.row_cells(row)[:4] for row in table.rows]


def forbid_whole_reads(repo, monkeypatch) -> None:
    def whole(*args, **kwargs):
        raise AssertionError("a whole table read again for one contact's edit")

    # (The open cache's keeper, every 2 s, builds once what is not built yet: the
    # review's indexes. That is not an edit's work, and may come during a slow test.)
    monkeypatch.setattr(repo, "keep_open_cache", lambda: None)
    for table in (repo.contacts, repo.interactions, repo.meetings):
        monkeypatch.setattr(table, "values", whole)
        monkeypatch.setattr(table, "ids_by", whole)
        monkeypatch.setattr(table, "all", whole)


async def save(pilot, app) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await app.workers.wait_for_complete()


async def test_logging_and_booking_rebuild_one_row_as_a_full_reload_would(
        people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # by due: Ann (42 days late), then Bo (due tomorrow)
        await pilot.pause()
        assert [r[1] for r in rows(app)] == ["Ann Lee", "Bo Chen"]
        await pilot.press("l")  # the first edit of a history reads the table once
        await fill(pilot, app, "kind", "email")
        await save(pilot, app)
        assert rows(app)[1] == ("10 Dec", "Ann Lee", "Acme", "reached out")
        forbid_whole_reads(people, monkeypatch)

        await pilot.press("l")
        await fill(pilot, app, "kind", "call")
        await save(pilot, app)
        assert rows(app) == [("tomorrow", "Bo Chen", "Initech", "target"),
                             ("10 Dec", "Ann Lee", "Acme", "conversation")]
        await pilot.press("k")  # to Bo (the cursor stayed on Ann)
        await pilot.pause()
        await pilot.press("m")  # a meeting tomorrow
        await fill(pilot, app, "kind", "video")
        await fill(pilot, app, "day", "tomorrow")
        await fill(pilot, app, "time", "14:00")
        await save(pilot, app)
        assert "Meeting: Bo Che" in screen_text(app)  # (in the week, cut to its column)
        shown = rows(app)
        await pilot.press("u", "u")  # the meeting, then the call: one row each time
        await pilot.pause()
        assert rows(app) == [("tomorrow", "Bo Chen", "Initech", "target"),
                             ("10 Dec", "Ann Lee", "Acme", "reached out")]
        await pilot.press("d")  # Bo and his history go: his row only
        await pilot.pause()
        assert [r[1] for r in rows(app)] == ["Ann Lee"]
        await pilot.press("u")
        await pilot.pause()
        assert [r[1] for r in rows(app)] == ["Bo Chen", "Ann Lee"]
        assert "Meeting: Bo Che" not in screen_text(app)
        await pilot.press("k", "m")  # Bo's meeting again, for the comparison below
        await fill(pilot, app, "kind", "video")
        await fill(pilot, app, "day", "tomorrow")
        await fill(pilot, app, "time", "14:00")
        await save(pilot, app)
        await pilot.press("j", "l")  # and Ann's call
        await fill(pilot, app, "kind", "call")
        await save(pilot, app)
        assert rows(app) == shown

        monkeypatch.undo()
        app.screen.query_one("ContactsPane").reload()  # every row built from scratch
        await pilot.pause()
        assert rows(app) == shown
        assert [r[3] for r in shown] == ["meeting booked", "conversation"]
