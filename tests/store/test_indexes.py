"""Indexes patched by each edit give what building them afresh gives."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.contacts import Contact, Interaction
from tui.store import Repository
from tui.store.indexes import as_is, day_of, role_set


def open_repo(path: Path) -> Repository:
    return Repository.open(path, today=date(2026, 11, 26))


INDEXES = (("contact_id", as_is), ("at", day_of))
contact = st.integers(1, 4)
day = st.integers(1, 5).map(lambda d: f"2026-11-{d:02d}T09:00:00+01:00")
ops = st.lists(st.one_of(
    st.tuples(st.just("add"), contact, day),
    st.tuples(st.just("move"), st.integers(0, 50), contact, day),  # may change its groups
    st.tuples(st.just("note"), st.integers(0, 50), st.text(max_size=3)),  # stays in them
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(st.just("restore")),
    st.tuples(st.just("build")),  # the records built: the other way to read the table
), max_size=25)


def check(repo) -> None:
    for field, key in INDEXES:
        assert repo.interactions.index(field, key) == repo.interactions.ids_by(field, key)


@settings(max_examples=60, deadline=None)
@given(seed=st.lists(st.tuples(contact, day), max_size=6), steps=ops)
def test_an_index_patched_by_any_edits_is_the_index_built_afresh(seed, steps):
    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / "prize.json"
        repo = open_repo(path)
        repo.interactions.add_many(Interaction(contact_id=c, at=at) for c, at in seed)
        repo.flush()
        repo.close()
        repo = open_repo(path)  # the interactions come back packed, as at 10k
        try:
            check(repo)
            removed: list[Interaction] = []
            for op, *args in steps:
                ids = [i for i, in repo.interactions.values("id")]
                if op == "add":
                    repo.interactions.add(Interaction(contact_id=args[0], at=args[1]))
                elif op in ("move", "note", "remove") and ids:
                    old = repo.interactions.get(ids[args[0] % len(ids)])
                    if op == "move":
                        repo.interactions.update(old.replace(contact_id=args[1], at=args[2]))
                    elif op == "note":
                        repo.interactions.update(old.replace(note=args[1]))
                    else:
                        removed.append(repo.interactions.remove(old.id))
                elif op == "restore" and removed:
                    repo.interactions.restore(removed.pop())
                elif op == "build":
                    repo.interactions.all()
                check(repo)
        finally:
            repo.close()


def test_adding_and_removing_patch_the_index_without_reading_the_table(data_path,
                                                                       monkeypatch):
    repo = open_repo(data_path)
    try:
        first = repo.interactions.add(Interaction(contact_id=1, at="2026-11-02T09:00:00Z"))
        by_contact = repo.interactions.index("contact_id", as_is)

        def whole(*args):
            raise AssertionError("the index was built again")

        monkeypatch.setattr(repo.interactions, "ids_by", whole)
        second = repo.interactions.add(Interaction(contact_id=1, at="2026-11-03T09:00:00Z"))
        repo.interactions.update(second.replace(note="called back"))
        third = repo.interactions.add(Interaction(contact_id=2, at="2026-11-03T09:00:00Z"))
        repo.interactions.remove(first.id)
        assert repo.interactions.index("contact_id", as_is) is by_contact
        assert by_contact == {1: [second.id], 2: [third.id]}
        repo.interactions.update(third.replace(contact_id=1))  # moved: built again
        with pytest.raises(AssertionError, match="built again"):
            repo.interactions.index("contact_id", as_is)
    finally:
        monkeypatch.undo()  # (closing builds the indexes kept for the next open)
        repo.close()


def _as_sets(groups: dict) -> dict:
    return {key: sorted(ids) for key, ids in groups.items()}


def test_a_changed_role_set_moves_the_contact_without_reading_the_table(data_path,
                                                                        monkeypatch):
    """Role sets are an unordered index: editing a contact's roles moves it to
    its new group, where a changed day or contact builds the index again."""
    repo = open_repo(data_path)
    try:
        ada, bo, cy = repo.contacts.add_many([
            Contact(name="Ada", roles=["peer"]), Contact(name="Bo"),
            Contact(name="Cy", roles=["alumni", "peer"])])
        groups = repo.contacts.index("roles", role_set)

        def whole(*args):
            raise AssertionError("the index was built again")

        monkeypatch.setattr(repo.contacts, "ids_by", whole)
        repo.contacts.update(bo.replace(roles=["peer"]))
        repo.contacts.update(ada.replace(roles=[]))
        repo.contacts.update(cy.replace(roles=["peer", "alumni"]))
        assert repo.contacts.index("roles", role_set) is groups
        monkeypatch.undo()
        assert _as_sets(groups) == _as_sets(repo.contacts.ids_by("roles", role_set)) == {
            None: [ada.id], '["peer"]': [bo.id], '["peer","alumni"]': [cy.id]}
    finally:
        repo.close()
