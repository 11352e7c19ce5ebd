"""Roles are read only for the people a period's conversations were with: a
week's messages reach hundreds of people, and each read decodes a contact."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dateutil.tz import gettz

from tui.model.contacts import Contact, Interaction
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
