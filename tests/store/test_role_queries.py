"""Roles are read only for the people a period's conversations were with: a
week's messages reach hundreds of people, and each read decodes a contact."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dateutil.tz import gettz

from tests.conftest import TODAY
from tui.model.contacts import Contact, Interaction
from tui.store import Repository
from tui.store.queries import metrics_for


def test_roles_are_read_for_the_people_talked_with_only(repo, monkeypatch):
    wrote = repo.contacts.add(Contact(name="Wes Message", roles=["recruiter"]))
    called = repo.contacts.add(Contact(name="Cal Phone", roles=["decision maker"]))
    repo.interactions.add(Interaction(contact_id=wrote.id, at="2026-11-24T10:00:00+01:00",
                                      kind="message"))
    repo.interactions.add(Interaction(contact_id=called.id, at="2026-11-24T11:00:00+01:00",
                                      kind="call"))
    read: list[int] = []
    real = repo.contacts.fields_of
    monkeypatch.setattr(repo.contacts, "fields_of",
                        lambda key, fields: read.append(key) or real(key, fields))
    m = metrics_for(repo, date(2026, 11, 23), 7, tz=gettz("Europe/Paris"),
                    now=datetime(2026, 11, 26, 12, tzinfo=UTC))
    assert read == [called.id]
    assert m.conversations_by_role == {"decision maker": 1}


def test_roles_come_from_the_kept_index_and_follow_edits_across_runs(db_path, monkeypatch):
    """A file Prize closed reopens with its index of role sets: the figures read
    no contact, and a role edited in one run is counted in the next."""
    repo = Repository.open(db_path, today=TODAY)
    people = repo.contacts.add_many([Contact(name=f"P{n}", roles=roles) for n, roles in
                                     enumerate([["recruiter"], ["peer"], []])])
    repo.interactions.add_many(Interaction(contact_id=p.id, at="2026-11-24T10:00:00+01:00",
                                           kind="call") for p in people)
    repo.flush()
    repo.keep_open_cache()  # as the app's disk watch does, 2 s after an edit
    repo.close()

    def figures(repo):
        monkeypatch.setattr(repo.contacts, "fields_of", no_read)
        try:
            return metrics_for(repo, date(2026, 11, 23), 7, tz=gettz("Europe/Paris"),
                               now=datetime(2026, 11, 26, 12, tzinfo=UTC)).conversations_by_role
        finally:
            monkeypatch.undo()

    def no_read(*args):
        raise AssertionError("a contact was read")

    again = Repository.open(db_path, today=TODAY)
    assert figures(again) == {"recruiter": 1, "peer": 1}
    again.contacts.update(again.contacts.get(people[2].id).replace(roles=["peer"]))
    assert figures(again) == {"recruiter": 1, "peer": 2}
    again.close()
    last = Repository.open(db_path, today=TODAY)
    try:
        assert figures(last) == {"recruiter": 1, "peer": 2}
    finally:
        last.close()
