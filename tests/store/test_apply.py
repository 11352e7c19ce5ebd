"""Repository.apply: the one way data changes, all of an edit or none of it."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from tui.model import contact_edits
from tui.model.contacts import Contact, Interaction
from tui.model.edit import Edit, added, removed, updated
from tui.store import Repository, StaleEdit
from tui.store.importers import ImportPlan, import_edit

TODAY = date(2026, 11, 26)


def _disk(path) -> dict:
    return orjson.loads(path.read_bytes())


def test_an_applied_edit_names_the_new_records_and_undo_removes_them(repo, db_path):
    ann = repo.apply(contact_edits.add_contact(Contact(name="Ann"))).changes[0].after
    assert ann.id is not None and repo.contacts.get(ann.id) == ann
    log = Interaction(contact_id=ann.id, at="2026-11-26T09:00:00+01:00", kind="call")
    applied = repo.apply(contact_edits.log_interaction(ann, log, [], TODAY))
    [new_log] = applied.added_ids("interactions")
    assert repo.contacts.get(ann.id).stage == "conversation"
    repo.flush()
    assert len(_disk(db_path)["interactions"]) == 1
    repo.apply(applied.undone())
    repo.flush()
    assert repo.interactions.get(new_log) is None
    assert repo.contacts.get(ann.id) == ann
    assert _disk(db_path)["interactions"] == {}


def test_undo_of_a_delete_puts_everything_back_under_the_same_ids(repo):
    ann = repo.contacts.add(Contact(name="Ann"))
    log = repo.interactions.add(Interaction(contact_id=ann.id, at="2026-11-20T09:00:00+01:00"))
    applied = repo.apply(contact_edits.delete_contact(ann, [log], []))
    assert len(repo.contacts) == 0 and len(repo.interactions) == 0
    repo.apply(applied.undone())
    assert repo.contacts.get(ann.id) == ann and repo.interactions.get(log.id) == log


def test_an_edit_against_a_record_changed_since_is_refused_whole(repo):
    ann = repo.contacts.add(Contact(name="Ann"))
    bob = repo.contacts.add(Contact(name="Bob"))
    repo.contacts.update(bob.replace(company="Acme"))  # (another screen, a merge from disk)
    generation = repo.generation
    edit = Edit("two stages", (updated(ann, ann.replace(stage="met")),
                               updated(bob, bob.replace(stage="met"))))
    with pytest.raises(StaleEdit, match="the contact 'Bob' changed meanwhile"):
        repo.apply(edit)
    assert repo.contacts.get(ann.id).stage == "target"  # not half of it
    assert repo.generation == generation


def test_a_removed_record_cannot_be_changed_nor_removed_again(repo):
    ann = repo.contacts.add(Contact(name="Ann"))
    repo.apply(Edit("delete", (removed(ann),)))
    with pytest.raises(StaleEdit):
        repo.apply(Edit("stage", (updated(ann, ann.replace(stage="met")),)))
    with pytest.raises(StaleEdit):
        repo.apply(Edit("delete", (removed(ann),)))


def test_a_record_put_back_must_not_be_there_already(repo):
    ann = repo.contacts.add(Contact(name="Ann"))
    with pytest.raises(StaleEdit):
        repo.apply(Edit("undo delete", (added(ann),)))


def test_settings_never_saved_start_from_the_defaults(repo, db_path):
    from tui.model.daily_edits import change_settings

    repo.apply(change_settings(repo.settings(), "theme", theme="nord"))
    repo.flush()
    assert [doc["theme"] for doc in _disk(db_path)["settings"].values()] == ["nord"]


def test_an_import_is_one_table_write_and_one_undo(tmp_path):
    path = tmp_path / "big.json"
    repo = Repository.open(path, today=TODAY)
    try:
        kept = repo.contacts.add(Contact(name="Kept", email="k@example.com"))
        plan = ImportPlan(added=[Contact(name=f"P{n}") for n in range(2000)],
                          updated=[(kept, kept.replace(company="Acme"))])
        generation = repo.generation
        applied = repo.apply(import_edit(repo, plan))
        assert repo.generation - generation <= 3  # a run per table and kind, not 2,001
        assert len(repo.contacts) == 2001 and repo.contacts.get(kept.id).company == "Acme"
        repo.apply(applied.undone())
        assert [c.name for c in repo.contacts.all()] == ["Kept"]
        assert repo.contacts.get(kept.id) == kept
    finally:
        repo.close()
