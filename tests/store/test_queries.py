"""The figures shared by the review and `prize report` follow every edit, though they
read the big tables through indexes kept between edits."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dateutil.tz import gettz, tzlocal

from tests.conftest import TODAY
from tui.model.contacts import Contact, Interaction
from tui.store import Repository
from tui.store.queries import followups_for, last_seen, metrics_for

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _figures(repo):
    return metrics_for(repo, TODAY, 1, tz=UTC, now=NOW)


def test_a_period_counts_what_was_added_since_it_was_last_asked(db_path):
    repo = Repository.open(db_path, today=TODAY)
    ann = repo.contacts.add(Contact(name="Ann", created=TODAY.isoformat()))
    call = repo.interactions.add(Interaction(contact_id=ann.id, at="2026-11-26T09:00:00+00:00",
                                             channel="LinkedIn", kind="call"))
    first = _figures(repo)
    assert (first.new_contacts, first.conversations) == (1, 1)
    bo = repo.contacts.add(Contact(name="Bo", created=TODAY.isoformat()))
    repo.interactions.add(Interaction(contact_id=bo.id, at="2026-11-26T10:00:00+00:00",
                                      channel="LinkedIn", kind="call"))
    repo.interactions.add(Interaction(contact_id=bo.id, at="2026-10-01T10:00:00+00:00",
                                      channel="LinkedIn", kind="call"))  # not this period
    second = _figures(repo)
    assert (second.new_contacts, second.conversations) == (2, 2)
    repo.interactions.remove(call.id)
    assert _figures(repo).conversations == 1
    repo.close()


def test_last_seen_follows_new_interactions_and_the_zone(db_path):
    repo = Repository.open(db_path, today=TODAY)
    ann = repo.contacts.add(Contact(name="Ann", cadence_days=7))
    assert last_seen(repo) == {}
    repo.interactions.add(Interaction(contact_id=ann.id, at="2026-11-25T23:30:00+00:00"))
    assert last_seen(repo, UTC) == {ann.id: date(2026, 11, 25)}
    assert last_seen(repo, gettz("Asia/Kathmandu")) == {ann.id: date(2026, 11, 26)}
    overdue, due = followups_for(repo, date(2026, 12, 2), tz=UTC)
    assert [c.name for _, c in due] == ["Ann"] and overdue == []
    repo.close()


def test_the_machine_zone_gives_the_same_dates_either_way(db_path):
    repo = Repository.open(db_path, today=TODAY)
    for hour in range(0, 24, 5):
        contact = repo.contacts.add(Contact(name=f"c{hour}"))
        repo.interactions.add(Interaction(contact_id=contact.id,
                                          at=f"2026-11-25T{hour:02d}:30:00+00:00"))
    assert last_seen(repo, tzlocal()) == last_seen(repo, None)
    repo.close()
