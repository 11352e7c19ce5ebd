"""A merge's conflicts as the person meets them: a notice naming the record, and
the list in the command palette from which the other value comes back (and `u`)."""

from __future__ import annotations

import shutil

import orjson

from tests.screen import from_palette, notice_text, screen_text
from tui.model.contacts import Contact
from tui.store import Repository
from tui.store.opening import understood
from tui.ui.screens.choice import ChoiceScreen


def _conflicted(repo, db_path, tmp_path) -> Contact:
    """Ann's company changed here and, earlier, on the other machine's copy."""
    ann = repo.contacts.add(Contact(name="Ann"))
    repo.flush()
    copy = tmp_path / "other" / "prize.json"
    copy.parent.mkdir()
    shutil.copy(db_path, copy)
    other = Repository.open(copy, backup_days=0)
    other.use_time(lambda: 2_000_000_000_000)
    other.contacts.update(other.contacts.get(ann.id).replace(company="Old Co"))
    other.close()
    repo.use_time(lambda: 2_000_000_001_000)
    repo.contacts.update(ann.replace(company="New Co"))
    repo.flush()
    return ann, copy


async def test_a_merge_names_the_conflict_and_the_other_value_comes_back(repo, make_app,
                                                                          db_path, tmp_path):
    ann, copy = _conflicted(repo, db_path, tmp_path)
    app = make_app(repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        shutil.copy(copy, db_path)  # the sync tool brings the other machine's file
        app.disk_watch.look()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ("The contact 'Ann': both copies changed company; kept 'New Co', the other "
                "('Old Co') is in ctrl+p → Conflicts.") in notice_text(app)
        assert repo.contacts.get(ann.id).company == "New Co"
        await from_palette(pilot, app, "Conflicts")
        for _ in range(50):  # the list opens from a worker
            if isinstance(app.screen, ChoiceScreen):
                break
            await pilot.pause()
        assert "1  The contact 'Ann' · company: kept 'New Co', other" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert repo.contacts.get(ann.id).company == "Old Co"
        await pilot.press("u")
        await pilot.pause()
        assert repo.contacts.get(ann.id).company == "New Co"
        await app.workers.wait_for_complete()
    stored = orjson.loads(db_path.read_bytes())["contacts"][str(ann.id)]
    assert stored["company"] == "New Co"


def test_understood_reads_the_copy(tmp_path, repo, db_path):
    _, copy = _conflicted(repo, db_path, tmp_path)
    data, _ = understood(copy, copy.read_bytes())
    assert any(d["company"] == "Old Co" for d in data["contacts"].values())
