"""Saving as a person meets it: an edit is safe once the journal holds it, before the
data file is rewritten (tui/store/journal.py)."""

from __future__ import annotations

import errno
import shutil

from tests.conftest import TODAY
from tests.screen import fill, on_disk
from tests.ui.input_helpers import save_form
from tui.store import Repository
from tui.store.journal import folder


async def test_an_edit_the_file_could_not_take_comes_back_at_the_next_start(
        repo, make_app, db_path, monkeypatch):
    """The disk refuses the 9 MB rewrite of the file (full): the person is told, and
    the contact they added, synced to the journal first, is there at the next start
    although this run never wrote it to the file."""
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as disk:
        disk.setattr("tui.store.repository.atomic_write", full_disk)
        app = make_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2", "a")
            await fill(pilot, app, "name", "Dana Fox")
            await save_form(pilot, app)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "No space left on device" in (app.save_problem or "")
    assert on_disk(db_path, "contacts") == []
    # The run dies here: its journal, as it is, is a dead run's.
    [live] = folder().glob("*.journal")
    key = live.name.split(".")[0]
    shutil.copy(live, folder() / f"{key}.dead.journal")
    after = Repository.open(db_path, today=TODAY)
    try:
        assert [c.name for c in after.contacts.all()] == ["Dana Fox"]
        assert any("Recovered 1 record" in w for w in after.report.warnings)
        app = make_app(after)
        async with app.run_test(size=(80, 24)) as pilot:  # the app saves it at once
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert [d["name"] for d in on_disk(db_path, "contacts")] == ["Dana Fox"]
    finally:
        after.close()
    assert [d["name"] for d in on_disk(db_path, "contacts")] == ["Dana Fox"]
