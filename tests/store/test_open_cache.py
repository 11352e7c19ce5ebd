"""The open cache: a file Prize wrote or checked opens without being checked
again, and anything else is read the long way (open_cache.py)."""

from __future__ import annotations

import os
import stat
import zlib
from array import array
from base64 import b64decode, b64encode

import orjson
import pytest

from tests.conftest import TODAY
from tui.model.contacts import Contact, Interaction, followups
from tui.store import Repository, UnreadableFile, open_cache, schema
from tui.store.demo import write_demo
from tui.store.indexes import day_of
from tui.store.queries import followups_for, last_seen


@pytest.fixture
def demo_file(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=60, weeks=3, seed=3, today=TODAY)
    repo.interactions.index("at", day_of)  # as the review builds it
    repo.contact_index.entries()
    repo.close()
    return db_path


@pytest.fixture
def checks(monkeypatch):
    """How many documents opening checks one by one."""
    seen = []
    real = schema.document_problem

    def counting(table, doc_id, doc):
        seen.append(table)
        return real(table, doc_id, doc)

    monkeypatch.setattr(schema, "document_problem", counting)
    return seen


def _entries(repo) -> list:
    return [(e.key, e.stage, e.due, e.hay) for e in repo.contact_index.entries()]


def _derived(repo) -> list:
    from tui.store.contact_index import ContactIndex

    return [(e.key, e.stage, e.due, e.hay) for e in ContactIndex(repo).entries()]


def test_a_file_prize_closed_opens_without_checking_its_rows(demo_file, checks):
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" not in checks and "interactions" not in checks
        assert repo.contact_index.current  # the list, as the last run left it
        assert _entries(repo) == _derived(repo)
        assert [c.name for c in repo.contacts.all()] == [
            d["name"] for d in orjson.loads(demo_file.read_bytes())["contacts"].values()]
    finally:
        repo.close()


def test_the_kept_list_and_indexes_follow_edits_across_runs(demo_file):
    repo = Repository.open(demo_file, today=TODAY)
    ann = repo.contacts.add(Contact(name="Ann Example", cadence_days=3, created="2026-11-01"))
    repo.contact_index.entries({ann.id})
    first = repo.contacts.all()[0]
    repo.interactions.add(Interaction(contact_id=first.id, at="2026-11-25T10:00:00+01:00"))
    repo.contact_index.entries({first.id})
    repo.contacts.remove(repo.contacts.all()[1].id)
    repo.contact_index.entries()
    repo.close()
    again = Repository.open(demo_file, today=TODAY)
    try:
        assert again.contact_index.current
        assert _entries(again) == _derived(again)
        kept = again.interactions.index("at", day_of)
        assert kept == again.interactions.ids_by("at", day_of)
        # The review's follow-ups come from the kept list: the same as worked out anew.
        expected = followups(again.contacts.all(), last_seen(again), TODAY)
        found = followups_for(again, TODAY)
        assert [[(d, c.id) for d, c in part] for part in found] == \
            [[(d, c.id) for d, c in part] for part in expected]
        assert found[0]  # (the demo has overdue follow-ups: the check compares something)
    finally:
        again.close()


def test_a_file_changed_by_another_program_is_checked_again(demo_file, checks):
    data = orjson.loads(demo_file.read_bytes())
    first = next(iter(data["contacts"]))
    data["contacts"][first]["name"] = "Changed Elsewhere"
    demo_file.write_bytes(orjson.dumps(data))  # another layout, other bytes
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" in checks
        assert repo.contacts.get(int(first)).name == "Changed Elsewhere"
        assert any("changed elsewhere" in e.hay for e in repo.contact_index.entries())
    finally:
        repo.close()


def test_a_damaged_row_in_a_file_prize_knew_is_refused(demo_file):
    raw = demo_file.read_bytes()
    at = raw.index(b'"name":"', raw.index(b'\n"contacts":')) + len(b'"name":"')
    damaged = raw[:at] + b"\x00" + raw[at + 1:]  # same length, other bytes
    demo_file.write_bytes(damaged)
    with pytest.raises(UnreadableFile):
        Repository.open(demo_file, today=TODAY)
    assert demo_file.read_bytes() == damaged  # untouched


@pytest.mark.parametrize("garbage", [b"", b"not json", b"[]", b'{"format": 1}',
                                     b'{"format":1,"schema":2,"zone":"x","digest":[[1,2]]}'])
def test_a_cache_that_cannot_be_used_is_ignored(demo_file, garbage, checks):
    open_cache.cache_path(demo_file).write_bytes(garbage)
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" in checks  # read the long way
        assert len(repo.contacts.all()) == 60
    finally:
        repo.close()
    assert _kept(demo_file)["format"] == 1  # and kept again at close


def _kept(path) -> dict:
    return orjson.loads(open_cache.cache_path(path).read_bytes().partition(b"\n")[2])


def test_a_damaged_cache_is_not_trusted(demo_file, checks):
    """A layout one byte off would cut every row wrong: the cache's own checksum
    turns it away, and the file is read the long way."""
    path = open_cache.cache_path(demo_file)
    crc, _, payload = path.read_bytes().partition(b"\n")
    cached = orjson.loads(payload)
    lens = array("q", b64decode(cached["layouts"]["contacts"]["lens"]))
    lens[0] += 1
    lens[1] -= 1
    cached["layouts"]["contacts"]["lens"] = b64encode(lens.tobytes()).decode()
    path.write_bytes(crc + b"\n" + orjson.dumps(cached))
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" in checks
        assert [c.name for c in repo.contacts.all()] == [
            d["name"] for d in orjson.loads(demo_file.read_bytes())["contacts"].values()]
    finally:
        repo.close()


def test_another_time_zone_derives_the_list_again(demo_file, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        repo = Repository.open(demo_file, today=TODAY)
        assert not repo.contact_index.current
        repo.close()
    finally:
        monkeypatch.setenv("TZ", "Europe/Paris")
        time.tzset()


def test_the_cache_is_private(demo_file):
    path = open_cache.cache_path(demo_file)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert str(demo_file.parent) not in str(path) and os.path.basename(path) != "prize.json"


def test_a_cache_with_the_right_checksum_but_foreign_values_is_not_used_for_the_list(
        demo_file):
    """Written by another version of Prize, say: the file opens, the list is derived."""
    path = open_cache.cache_path(demo_file)
    cached = _kept(demo_file)
    cached["entries"] = {"rows": [["not", "a", "row"]], "due": [7]}
    payload = orjson.dumps(cached)
    path.write_bytes(b"%08x\n" % zlib.crc32(payload) + payload)
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert not repo.contact_index.current
        assert _entries(repo) == _derived(repo)
    finally:
        repo.close()
